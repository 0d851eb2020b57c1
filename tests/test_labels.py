"""natojp.labels: one label for an article in findings, charts, tables and the pack."""

from __future__ import annotations

import dataclasses

from natojp.labels import LABEL_WIDTH, article_label, article_labels, clip, text_width
from natojp.models import Article


def art(aid: str, outlet: str | None = None, title: str | None = None) -> Article:
    return Article(aid, f"{aid}.txt", (), title=title, outlet=outlet)


def test_outlet_and_short_title_cut_at_a_word() -> None:
    a = art(
        "000_3d9694f0226b20af", "Japan Today", "Japan, NATO agree to deepen defense industry ties"
    )
    assert article_label(a) == "Japan Today · Japan, NATO agree to deepen…"
    assert (
        article_label(a, width=None)
        == "Japan Today · Japan, NATO agree to deepen defense industry ties"
    )
    assert article_label(art("x", "Reuters", "Talks open")) == "Reuters · Talks open"


def test_fallbacks_never_show_a_file_id_when_there_is_a_name() -> None:
    assert article_label(art("01_brussels", None, "Ministry of Defense")) == "Ministry of Defense"
    assert article_label(art("08_brussels", "The Independent", None)) == "The Independent"
    assert article_label(art("08_brussels")) == "08_brussels"  # nothing else to go by
    # a title that only repeats the outlet or its site name says nothing
    assert article_label(art("a", "The Independent", "The Independent")) == "The Independent"
    assert article_label(art("a", "Japan Forward", "JAPAN Forward")) == "Japan Forward"
    assert article_label(art("a", "Nippon.com", "nippon.com")) == "Nippon.com"
    assert article_label(art("a", "Philippine Daily Inquirer", "INQUIRER.net")) == (
        "Philippine Daily Inquirer"
    )
    assert article_label(art("a", "ANSA", "ANSA.it")) == "ANSA"
    # ... but a title naming the outlet among other words is kept
    assert article_label(art("a", "Reuters", "Reuters poll: yen slips")) == (
        "Reuters · Reuters poll: yen slips"
    )


def test_breadcrumbs_and_site_suffixes_are_dropped() -> None:
    crumbs = art("a", "Defence Asia Daily", "Home » Asia Pacific » Japan ready to build missiles")
    assert article_label(crumbs) == "Defence Asia Daily · Japan ready to build…"
    assert article_label(art("a", "Reuters", "Yen slips | Reuters")) == "Reuters · Yen slips"


def test_labels_fit_the_width_and_wide_characters_count_double() -> None:
    long = art("a", "A Very Long Outlet Name That Goes On And On", "Supercalifragilistic " * 5)
    assert text_width(article_label(long)) <= LABEL_WIDTH
    assert article_label(long).endswith("…")
    nhk = art("18", "NHK", "中谷防衛大臣は28日、来日中のEU＝ヨーロッパ連合で防衛・宇宙を担当する")
    assert text_width(article_label(nhk)) <= LABEL_WIDTH < len(nhk.title or "") * 2
    assert clip("one two three", 9) == "one two…"
    assert clip("abcdefghijkl", 6) == "abcde…"  # no space to cut at: mid-word
    assert clip("  a \n b ", 10) == "a b"


def test_labels_of_a_corpus_are_unique_and_numbered_in_order() -> None:
    ap = art("03_brussels", "Associated Press", "What to know about the 2026 Election")
    again = dataclasses.replace(ap, id="36_tokyo")
    mod = art("01", None, "Ministry of Defense")
    labels = article_labels([ap, mod, again, dataclasses.replace(mod, id="14")])
    assert labels == {
        "03_brussels": "Associated Press · What to know about… (1)",
        "01": "Ministry of Defense (1)",
        "36_tokyo": "Associated Press · What to know about… (2)",
        "14": "Ministry of Defense (2)",
    }
    # titles that differ only after the cut are numbered too, within the width
    same = [
        art(f"x{i}", "Kyodo News", f"Japan and NATO agree to deepen ties on topic {i}")
        for i in range(3)
    ]
    names = article_labels(same)
    assert len(set(names.values())) == 3
    assert all(
        text_width(v) <= LABEL_WIDTH and v.endswith(f"({i + 1})")
        for i, v in enumerate(names.values())
    )


def test_labels_stay_unique_at_150_articles() -> None:
    arts = [
        art(f"{i:03d}", f"Outlet {i % 7}", f"Story {i % 11} on defence industry cooperation")
        for i in range(150)
    ]
    arts += [art("x1", None, "Same (2)"), art("x2", None, "Same"), art("x3", None, "Same")]
    labels = article_labels(arts)
    assert len(set(labels.values())) == len(arts)
    assert all(text_width(v) <= LABEL_WIDTH for v in labels.values())
    assert not any(v.startswith(("0", "1")) for v in labels.values())  # no file ids


# --------------------------------------------------------------------------- sources


def test_source_labels_name_an_unattributed_source_by_its_title() -> None:
    from natojp.labels import UNATTRIBUTED, source_labels

    items = [
        art("01_example", None, "Example Ministerial Meeting on Defence Industry (Overview)"),
        art("02_example", "Japan Today", "Japan, NATO agree to deepen ties"),
        art("03_example", "Japan Today", "A second story"),
        art("04_example", None, None),
        art("05_example", None, "Home » Asia » Talks open in Oslo"),
    ]
    labels = source_labels(items)
    # keys are Article.source, unchanged: links and exports keep them
    assert list(labels) == [a.source for a in dict((a.source, a) for a in items).values()]
    assert labels["Japan Today"] == "Japan Today"
    assert labels["(unattributed) 01_example"].startswith(UNATTRIBUTED + "Example Ministerial")
    assert labels["(unattributed) 01_example"].endswith("…")
    assert text_width(labels["(unattributed) 01_example"]) <= LABEL_WIDTH
    assert labels["(unattributed) 04_example"] == "(unattributed) 04_example"  # no title
    assert labels["(unattributed) 05_example"] == "(unattributed) Talks open in Oslo"


def test_source_labels_are_unique() -> None:
    from natojp.labels import source_labels

    items = [
        art("a1", None, "Example Ministry"),
        art("a2", None, "Example Ministry"),
        art("a3", "Reuters", "Talks open"),
    ]
    labels = source_labels(items)
    assert labels["(unattributed) a1"] == "(unattributed) Example Ministry (1)"
    assert labels["(unattributed) a2"] == "(unattributed) Example Ministry (2)"
    assert len(set(labels.values())) == len(labels) == 3
    many = [
        art(f"x{n}", None, "Same long title about drones and NATO talks " * 3) for n in range(12)
    ]
    wide = source_labels(many, width=30)
    assert len(set(wide.values())) == 12
    assert all(text_width(v) <= 30 for v in wide.values())


def test_named_ids_replaces_whole_article_ids_by_their_labels() -> None:
    from natojp.labels import named_ids

    names = {"a_1": "Daily A · Harbour", "a_12": "Daily B · Ferry"}
    text = "dates tie; a_12 is the source a_1 derives from (not a_123 or xa_1)"
    assert named_ids(text, names) == (
        "dates tie; Daily B · Ferry is the source Daily A · Harbour derives from "
        "(not a_123 or xa_1)"
    )
    assert named_ids("nothing here", names) == "nothing here"
