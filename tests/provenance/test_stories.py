"""Stories (natojp.provenance._stories): grouping and the first publisher, on invented
articles and on the seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from natojp import Analysis, analyze
from natojp._dates import PartialDate
from natojp.duplicates import Dependency
from natojp.models import Article, Paragraph
from natojp.provenance import (
    StorySettings,
    build_stories,
    first_publisher,
    news_days,
    story_groups,
)
from tests.provenance.test_specifics import FESTIVAL_FR, FRIGATES_EN, QUAY_EN, QUAY_IT, QUAY_JA

ROOT = Path(__file__).resolve().parents[2]


def art(
    aid: str,
    published: str | None = None,
    *,
    outlet: str | None = None,
    basis: str | None = "header",
    wires: tuple[str, ...] = (),
    title: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    body: str | None = None,
    language: str | None = None,
) -> Article:
    return Article(
        id=aid,
        source_path=aid,
        paragraphs=(Paragraph(body or f"Invented text of {aid}.", 1),),
        language=language,
        title=title,
        outlet=outlet,
        published=PartialDate.from_iso(published) if published else None,
        published_basis=basis if published else None,
        wires=wires,
        outlet_country=country,
        outlet_type=kind,
    )


def dep(source: str, derivative: str, basis: str = "credit", certain: bool = True) -> Dependency:
    return Dependency(source, derivative, "copy", 1, 0.95, "invented", basis, certain)


def sim(*pairs: tuple[str, str, float]) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for a, b, s in pairs:
        out.setdefault(a, []).append((b, s))
        out.setdefault(b, []).append((a, s))
    return out


def test_similar_articles_within_the_window_make_a_story() -> None:
    arts = [art("a", "2025-05-01"), art("b", "2025-05-03"), art("c", "2025-05-20")]
    near = sim(("a", "b", 0.3), ("a", "c", 0.6))
    groups = story_groups(arts, [], [("a",), ("b",), ("c",)], near)
    # a and c are very similar but 19 days apart: two stories of one subject.
    assert sorted(map(sorted, groups)) == [["a", "b"], ["c"]]


def test_undated_articles_need_a_closer_match() -> None:
    arts = [art("a", "2025-05-01"), art("b"), art("c")]
    near = sim(("a", "b", 0.15), ("a", "c", 0.35))
    groups = story_groups(
        arts, [], [], near, settings=StorySettings(threshold=0.1, undated_threshold=0.2)
    )
    assert sorted(map(sorted, groups)) == [["a", "c"], ["b"]]


def test_copies_are_always_in_their_originals_story() -> None:
    arts = [art("orig", "2025-05-01"), art("copy", "2025-06-30"), art("other", "2025-05-01")]
    groups = story_groups(arts, [dep("orig", "copy")], [("orig", "copy"), ("other",)], {})
    assert sorted(map(sorted, groups)) == [["copy", "orig"], ["other"]]


def test_one_close_pair_does_not_chain_two_stories() -> None:
    """Two tight stories of the same days and one pair across them: the mean similarity
    between the two groups is too low to join them."""
    arts = [art(i, "2025-05-01") for i in ("a1", "a2", "a3", "b1", "b2", "b3")]
    near = sim(
        ("a1", "a2", 0.5), ("a1", "a3", 0.5), ("a2", "a3", 0.5),
        ("b1", "b2", 0.5), ("b1", "b3", 0.5), ("b2", "b3", 0.5),
        ("a3", "b1", 0.3),
    )  # fmt: skip
    groups = story_groups(arts, [], [], near, settings=StorySettings(average=0.08))
    assert sorted(map(sorted, groups)) == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]
    joined = story_groups(arts, [], [], near, settings=StorySettings(average=0.0))
    assert len(joined) == 1


def d(iso: str, planned: bool = False) -> tuple[date, bool]:
    return (date.fromisoformat(iso), planned)


def test_news_days_are_recent_reports_or_previews_of_an_article_without_news() -> None:
    report = art("report", "2031-03-06")
    reported = [d("2031-03-04"), d("2031-02-10"), d("2031-03-08", planned=True)]
    # The 4 March event is its news; 10 February is background; it has news of its own,
    # so the plan it names is not.
    assert news_days(report, reported) == {date(2031, 3, 4)}
    preview = art("preview", "2031-02-28")
    assert news_days(preview, [d("2031-03-04", planned=True)]) == {date(2031, 3, 4)}
    assert news_days(preview, [d("2031-03-20", planned=True)]) == set()  # too far ahead
    assert news_days(art("undated"), [d("2031-03-04")]) == set()


def test_a_preview_and_the_reports_of_one_event_are_one_story() -> None:
    """Published four days before the meeting it announces, with a cosine under the bar:
    the shared news day links them; without the events, nothing does."""
    arts = [art("preview", "2031-02-28"), art("report", "2031-03-04"), art("other", "2031-03-04")]
    near = sim(("preview", "report", 0.07), ("preview", "other", 0.07), ("report", "other", 0.3))
    events = {
        "preview": [d("2031-03-04", planned=True)],
        "report": [d("2031-03-04")],
        "other": [d("2031-03-04")],
    }
    assert sorted(map(sorted, story_groups(arts, [], [], near, events=events))) == [
        ["other", "preview", "report"]
    ]
    assert len(story_groups(arts, [], [], near)) == 2
    [story] = build_stories(arts, [], [], near, events=events)
    # The preview announced it; the first to report it published it first.
    assert story.first in {"report", "other"} and story.first_date == PartialDate(2031, 3, 4)
    assert "announced earlier by preview (2031-02-28, a preview)" in story.first_basis


def test_a_story_of_previews_alone_has_a_preview_first() -> None:
    arts = [art("p1", "2031-02-27"), art("p2", "2031-02-28")]
    events = {"p1": [d("2031-03-02", planned=True)], "p2": [d("2031-03-02", planned=True)]}
    [story] = build_stories(arts, [], [], sim(("p1", "p2", 0.4)), events=events)
    assert story.first == "p1" and "preview" not in story.first_basis


def test_a_shared_date_alone_or_a_background_event_links_nothing() -> None:
    """Two events of one day (a quay approved, a festival announced) whose texts do not
    agree stay apart; an analysis that looks back on last month's event is not in its
    story."""
    arts = [art("quay", "2031-03-04"), art("festival", "2031-03-04"), art("look", "2031-04-02")]
    near = sim(("quay", "festival", 0.02), ("quay", "look", 0.09))
    events = {
        "quay": [d("2031-03-04")],
        "festival": [d("2031-03-04")],
        "look": [d("2031-03-04"), d("2031-04-01")],
    }
    groups = story_groups(arts, [], [], near, events=events)
    assert sorted(map(sorted, groups)) == [["festival"], ["look"], ["quay"]]


def test_reports_in_other_languages_join_their_story() -> None:
    arts = [
        art("quay_en", "2031-03-04", body=QUAY_EN, language="en"),
        art("quay_ja", "2031-03-05", body=QUAY_JA, language="ja"),
        art("quay_it", "2031-03-05", body=QUAY_IT, language="it"),
        art("frigates_en", "2031-03-04", body=FRIGATES_EN, language="en"),
        art("festival_fr", "2031-03-04", body=FESTIVAL_FR, language="fr"),
    ]
    groups = story_groups(arts, [], [], {})
    assert sorted(map(sorted, groups)) == [
        ["festival_fr"],
        ["frigates_en"],
        ["quay_en", "quay_it", "quay_ja"],
    ]
    # Without the cross-language links, each language is alone.
    assert len(story_groups(arts, [], [], {}, settings=StorySettings(cross_weight=0.0))) == 5
    # A month apart, the same specifics are another story's (the window holds).
    late = [*arts[:1], art("quay_ja", "2031-04-10", body=QUAY_JA, language="ja")]
    assert len(story_groups(late, [], [], {})) == 2


def test_a_common_acronym_and_date_do_not_join_two_stories_across_languages() -> None:
    """A Japanese report of the quay names NATO, as does an English report of another
    event of the same day: the Japanese one joins the quay, not the frigates."""
    ja = QUAY_JA + "ＮＡＴＯとの協力も検討する。"
    arts = [
        art("quay_en", "2031-03-04", body=QUAY_EN + " NATO ships may call there.", language="en"),
        art("quay_ja", "2031-03-04", body=ja, language="ja"),
        art("frigates_en", "2031-03-04", body=FRIGATES_EN, language="en"),
        art("festival_fr", "2031-03-04", body=FESTIVAL_FR, language="fr"),
    ]
    events = {a.id: [d("2031-03-04")] for a in arts}
    groups = story_groups(arts, [], [], {}, events=events)
    assert sorted(map(sorted, groups)) == [
        ["festival_fr"],
        ["frigates_en"],
        ["quay_en", "quay_ja"],
    ]


def test_one_cross_language_link_does_not_chain_two_stories() -> None:
    """Two tight English stories (close copies) and a Japanese report that shares
    specifics with one article of each: it joins one, and the two stories stay apart
    (the mean score between them is far too low)."""
    arts = [art(i, "2031-03-04", language="en") for i in ("a1", "a2", "a3", "b1", "b2", "b3")]
    arts.append(art("t", "2031-03-04", body=QUAY_JA, language="ja"))
    arts[0] = art("a1", "2031-03-04", body=QUAY_EN, language="en")
    arts[3] = art("b1", "2031-03-04", body=QUAY_IT, language="en")  # shares its numbers
    near = sim(
        ("a1", "a2", 0.8), ("a1", "a3", 0.8), ("a2", "a3", 0.8),
        ("b1", "b2", 0.8), ("b1", "b3", 0.8), ("b2", "b3", 0.8),
    )  # fmt: skip
    groups = story_groups(arts, [], [], near)
    assert len(groups) == 2
    assert {frozenset(g) for g in groups} == {
        frozenset({"a1", "a2", "a3", "t"}),
        frozenset({"b1", "b2", "b3"}),
    }
    # Without the safeguard, the second link chains the two stories.
    assert len(story_groups(arts, [], [], near, settings=StorySettings(average=0.0))) == 1


def test_first_publisher_is_the_earliest_with_its_basis() -> None:
    members = [art("late", "2025-05-03"), art("early", "2025-05-01", basis="url")]
    first, day, basis, certain = first_publisher(members, [])
    assert (first, str(day), certain) == ("early", "2025-05-01", True)
    assert basis == "earliest date: 2025-05-01 (url)"


def test_tied_dates_are_settled_by_who_derives_from_whom() -> None:
    members = [art("reprint", "2025-05-01"), art("scrape"), art("agency", "2025-05-01")]
    deps = [dep("agency", "reprint", "credit"), dep("agency", "scrape", "containment")]
    first, _, basis, certain = first_publisher(members, deps)
    assert (first, certain) == ("agency", True)
    assert basis.startswith("dates tie at 2025-05-01")
    assert "agency is the source the others derive from (credit)" in basis


def test_an_undated_original_of_the_earliest_copy_is_first() -> None:
    """An AP page without a date and a dated reprint of it: AP was at least as early."""
    members = [art("wire"), art("reprint", "2025-05-01"), art("later", "2025-05-04")]
    first, day, basis, certain = first_publisher(members, [dep("wire", "reprint")])
    assert (first, str(day), certain) == ("wire", "2025-05-01", True)
    assert "(credit)" in basis


def test_unsettled_ties_and_missing_dates_say_so() -> None:
    members = [art("x", "2025-05-01"), art("y", "2025-05-01")]
    first, _, basis, certain = first_publisher(members, [])
    assert (first, certain) == ("x", False)
    assert "do not tell" in basis and "not certain" in basis
    undated = [art("u"), art("v")]
    assert first_publisher(undated, []) == (
        None,
        None,
        "no dates, and no article is shown to be the others' source",
        False,
    )
    first, _, basis, certain = first_publisher(undated, [dep("v", "u", "containment")])
    assert (first, certain) == ("v", True)
    assert basis == "no dates; v is the source the others derive from (containment)"


def test_story_facts() -> None:
    arts = [
        art("wire", "2025-05-01", outlet="Velmora Press Agency", wires=("Velmora Press Agency",),
            title="Port to deepen channel", country="VL", kind="wire"),
        art("paper", "2025-05-01", outlet="Velmora Courier", wires=("Velmora Press Agency",),
            country="VL", kind="newspaper"),
        art("indep", "2025-05-02", outlet="Harbour Ledger", country="XX", kind="newspaper"),
    ]  # fmt: skip
    [story] = build_stories(
        arts, [dep("wire", "paper")], [("wire", "paper"), ("indep",)], sim(("wire", "indep", 0.4))
    )
    assert story.id == "story-1"
    assert story.articles == ("paper", "wire", "indep")
    assert story.first == "wire" and story.title == "Port to deepen channel"
    assert story.wires == ("Velmora Press Agency",)
    assert story.independent_reports == (("wire", "paper"), ("indep",))
    assert story.countries == {"VL": 2, "XX": 1}
    assert story.types == {"newspaper": 2, "wire": 1}


@pytest.fixture(scope="module")
def seeds() -> Analysis:
    return analyze([ROOT / "seeds"])


def test_seeds_the_japan_times_first_published_the_interview(seeds: Analysis) -> None:
    """Acceptance of the issue: 001 (The Japan Times) first published the Izawa
    interview and 000 (Anadolu Agency) rewrites it; both are one story."""
    dup = seeds.duplicates
    stories = build_stories(
        seeds.articles, dup.dependencies, dup.independent_reports, seeds.similarity.neighbors
    )
    assert sorted(a for s in stories for a in s.articles) == sorted(seeds.corpus.ids)
    story = next(s for s in stories if "000_3d9694f0226b20af" in s.articles)
    assert "001_92ee229aff965d8c" in story.articles
    assert story.first == "001_92ee229aff965d8c" and story.first_certain
    # Both are dated 2025-07-29 (manifest): the attribution decides the tie.
    assert "dates tie" in story.first_basis and "attribution" in story.first_basis
    assert ("001_92ee229aff965d8c", "000_3d9694f0226b20af") in story.independent_reports
