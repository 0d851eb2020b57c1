"""natojp.timeline.events: date mentions grouped into events, labels and the timeline."""

from __future__ import annotations

import gc
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from natojp._dates import PartialDate
from natojp.analysis import analyze
from natojp.models import Article, Paragraph
from natojp.timeline import Event, Timeline, build_timeline, content_words, find_mentions
from natojp.timeline.events import LABEL_CHARS, LABEL_WORDS, _Words
from tests import ROOT
from tests.timeline.helpers import TRICKY, TUESDAY, art

GOLD = json.loads((ROOT / "tests" / "fixtures" / "seeds_gold.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------- undated months join events


def test_undated_month_attaches_to_a_similar_event_of_that_month() -> None:
    dated = art(
        "The dialogue follows the NATO summit held last month in The Hague, where allies "
        "agreed a spending pledge.",
        TUESDAY,
        "dated",
    )
    undated = art(
        "Leaders met at the NATO summit in The Hague. That joint statement, signed in June, "
        "backed the spending pledge.",
        None,
        "undated",
    )
    timeline = build_timeline([dated, undated])
    [june] = [e for e in timeline.events if e.date == PartialDate(2025, 6)]
    assert june.articles == ("dated", "undated")
    attached = next(m for m in june.mentions if m.article_id == "undated")
    assert attached.expression == "in June"
    assert attached.date == PartialDate(2025, 6)
    assert "month without year" in attached.basis
    assert "attached to the 2025-06 event" in attached.basis
    assert "with dated" in attached.basis
    assert timeline.unresolved == ()
    # The label comes from the mention dated by its own text.
    assert "Hague" in june.label or "summit" in june.label


def test_undated_month_with_an_unrelated_passage_stays_unresolved() -> None:
    dated = art(
        "The dialogue follows the NATO summit held last month in The Hague.", TUESDAY, "dated"
    )
    undated = art("The harvest festival, held in June, drew farmers and bakers.", None, "undated")
    timeline = build_timeline([dated, undated])
    [june] = [e for e in timeline.events if e.date == PartialDate(2025, 6)]
    assert june.articles == ("dated",)
    [left] = timeline.unresolved
    assert left.article_id == "undated" and left.expression == "in June"
    assert left.date is None


def test_undated_month_matching_two_years_equally_stays_unresolved() -> None:
    a = art("The naval exercise off Hokkaido ended in June 2024.", None, "y2024")
    b = art("The naval exercise off Hokkaido ended in June 2025.", None, "y2025")
    c = art("The naval exercise off Hokkaido ended in June.", None, "undated")
    timeline = build_timeline([a, b, c])
    [left] = timeline.unresolved
    assert left.article_id == "undated"
    assert "ambiguous year" in left.basis
    assert all("undated" not in e.articles for e in timeline.events)


# ----------------------------------------------------------------- grouping into events


def test_the_same_event_in_several_articles_is_one_event() -> None:
    a = art(
        "The initiative comes after NATO Secretary-General Mark Rutte's visit in April to "
        "Mitsubishi Electric's satellite production facility in Kanagawa Prefecture.",
        TUESDAY,
        "agency",
    )
    b = art(
        "Rutte got a first glimpse in April, when he visited Mitsubishi Electric's satellite "
        "production facility in Kanagawa Prefecture and met startups.",
        TUESDAY,
        "paper",
    )
    timeline = build_timeline([a, b])
    [april] = [e for e in timeline.events if e.date == PartialDate(2025, 4)]
    assert april.articles == ("agency", "paper")
    assert april.precision == "month"
    assert len(april.evidence) == 2
    # Each evidence sentence is attributable to its article through the mentions.
    by_article = {m.article_id: m.sentence for m in april.mentions}
    assert set(by_article.values()) == set(april.evidence)
    assert "Kanagawa" in by_article["agency"] and "startups" in by_article["paper"]


def test_different_things_in_the_same_year_stay_separate() -> None:
    a = art(
        "Since 2022, Japan has regularly attended NATO foreign ministers' meetings.\n\n"
        "Russia's full-scale invasion of Ukraine in 2022 shocked European capitals.",
        None,
        "one",
    )
    b = art("In 2022 the GCAP fighter programme was launched by Britain and Italy.", None, "two")
    timeline = build_timeline([a, b])
    events_2022 = [e for e in timeline.events if e.date == PartialDate(2022)]
    assert len(events_2022) == 3
    assert sorted(e.articles for e in events_2022) == [("one",), ("one",), ("two",)]


def test_identical_sentences_give_one_evidence_but_keep_every_mention() -> None:
    text = (
        "The NATO Industrial Capacity Expansion Pledge from the 2024 Washington Summit names Japan."
    )
    timeline = build_timeline([art(text, None, "x"), art(text, None, "y")])
    [event] = timeline.events
    assert event.date == PartialDate(2024)
    assert event.evidence == (text,)
    assert [m.article_id for m in event.mentions] == ["x", "y"]
    assert event.articles == ("x", "y")


def test_label_is_short_and_taken_from_the_evidence() -> None:
    sentence = (
        "The defense-industrial dialogue will follow a critical NATO leaders' summit held "
        "last month in The Hague that saw the alliance agree to ramp up defense-related "
        "spending to a total of 5% of gross domestic product."
    )
    [event] = [e for e in build_timeline([art(sentence, TUESDAY)]).events if e.date.month == 6]
    words = event.label.replace("…", " ").split()
    assert 3 <= len(words) <= LABEL_WORDS
    assert len(event.label) <= LABEL_CHARS
    assert "last month" not in event.label  # the date is the event's date, not its label
    assert all(w in sentence for w in words)
    assert event.label.endswith("…") and " " + words[-1] + " " in sentence


def test_label_extends_a_short_clause_to_a_readable_one() -> None:
    sentence = "Since 2022, Japan has regularly attended NATO foreign ministers' meetings."
    [event] = build_timeline([art(sentence)]).events
    # The date leaves the label; a label over LABEL_CHARS is cut at a word, with "…".
    assert event.label == "Japan has regularly attended NATO foreign ministers…"


def test_many_events_in_one_date_still_merge_their_own_mentions() -> None:
    # 300 distinct 2025 events share the common words "summit" and "leaders" (so their
    # index postings overflow the cap); a later report of event 7 must still find it.
    articles = [
        art(f"Leaders held summit number{n} at venue{n} with delegation{n} in 2025.", None, f"e{n}")
        for n in range(300)
    ]
    articles.append(
        art("In 2025 the summit at venue7 hosted delegation7 for number7 talks.", None, "late")
    )
    timeline = build_timeline(articles)
    assert len(timeline.events) == 300
    [seven] = [e for e in timeline.events if "late" in e.articles]
    assert seven.articles == ("e7", "late")


# ----------------------------------------------------------------- publication


def test_publication_date_gives_a_publication_mention_and_event() -> None:
    article = art(
        "The talks were held in Brussels.",
        TUESDAY,
        "000",
        outlet="Anadolu Agency",
        title="Japan, NATO mulling talks",
    )
    mentions = find_mentions(article)
    assert mentions[0].kind == "publication"
    assert mentions[0].date == TUESDAY
    assert "publication date" in mentions[0].basis
    [event] = build_timeline([article]).events
    assert event.label == "Anadolu Agency publishes 'Japan, NATO mulling talks'"
    assert event.articles == ("000",)


def test_publication_label_falls_back_to_the_article_id_and_stays_per_article() -> None:
    a = art("Nothing dated here.", TUESDAY, "first")
    b = art("Nothing dated here either.", TUESDAY, "second", title="Another story")
    events = build_timeline([a, b]).events
    assert [e.label for e in events] == [
        "first publishes an untitled article",
        "second publishes 'Another story'",
    ]
    assert all(e.date == TUESDAY for e in events)


# ----------------------------------------------------------------- timeline


def test_timeline_is_sorted_and_frames_describe_it() -> None:
    a = art(
        "The pledge was made in 2024. The summit was held last month in The Hague.\n\n"
        "The talks took place on Friday.",
        TUESDAY,
        "a",
        outlet="Outlet",
        title="Title",
    )
    b = art("The talks took place on Friday at NATO headquarters.", None, "b")
    timeline = build_timeline([a, b])
    assert isinstance(timeline, Timeline)
    starts = [e.date.start() for e in timeline.events]
    assert starts == sorted(starts)
    assert [e.date.iso() for e in timeline.events] == [
        "2024",
        "2025-06",
        "2025-07-25",
        "2025-07-29",
    ]
    [friday] = timeline.unresolved
    assert friday.article_id == "b" and friday.date is None
    frame = timeline.to_frame()
    assert list(frame["date"]) == ["2024", "2025-06", "2025-07-25", "2025-07-29"]
    assert list(frame["publication"]) == [False, False, False, True]
    mentions = timeline.mentions_frame()
    assert len(mentions) == sum(len(e.mentions) for e in timeline.events) + 1
    assert set(mentions.loc[mentions["date"] == "", "article"]) == {"b"}


def test_empty_input_gives_an_empty_timeline() -> None:
    timeline = build_timeline([])
    assert timeline.events == () and timeline.unresolved == ()
    assert timeline.to_frame().empty


# ----------------------------------------------------------------- seeds and gold


def seed_articles(published_001: PartialDate | None = TUESDAY) -> list[Article]:
    """The seeds as articles: gold noise lines, title lines and blank lines dropped.

    000 states its date in its text (29 July 2025); 001's original Japan Times URL is
    dated /2025/07/29/. The others carry no date.
    """
    title_lines = {"000_3d9694f0226b20af": {1}, "003_86772a582f00ab4c": {1}}
    title_lines["001_92ee229aff965d8c"] = {2}
    published = {"000_3d9694f0226b20af": TUESDAY, "001_92ee229aff965d8c": published_001}
    articles = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        gold = GOLD["articles"][path.stem]
        drop = set(gold["noise_lines"]) | title_lines.get(path.stem, set())
        lines = path.read_text(encoding="utf-8").splitlines()
        paragraphs = tuple(
            Paragraph(line.strip(), n)
            for n, line in enumerate(lines, 1)
            if n not in drop and line.strip()
        )
        articles.append(
            Article(
                path.stem,
                str(path),
                paragraphs,
                title=gold["title"],
                outlet=gold["outlet"],
                published=published.get(path.stem),
                published_basis="test fixture",
            )
        )
    return articles


def gold_found(timeline: Timeline) -> dict[str, list[str]]:
    """Gold event date -> labels of the events that match it (same date, ⊇ articles)."""
    return {
        g["date"]: [
            e.label
            for e in timeline.events
            if e.date.iso() == g["date"] and set(g["articles"]) <= set(e.articles)
        ]
        for g in GOLD["events"]
    }


def test_seed_gold_events_are_found() -> None:
    timeline = build_timeline(seed_articles())
    found = gold_found(timeline)
    print("gold events found:", json.dumps(found, indent=1, ensure_ascii=False))
    assert sum(bool(labels) for labels in found.values()) >= 5, found


def test_seed_relative_dates_are_resolved_only_where_anchored() -> None:
    timeline = build_timeline(seed_articles())
    [june] = [
        e
        for e in timeline.events
        if e.date.iso() == "2025-06" and "002_562edc6b6e8a2061" in e.articles
    ]
    joined = next(m for m in june.mentions if m.article_id == "002_562edc6b6e8a2061")
    assert joined.expression == "in June" and "attached to the 2025-06 event" in joined.basis
    unresolved = {(m.article_id[:3], m.expression) for m in timeline.unresolved}
    assert ("002", "on Friday") in unresolved  # 002 has no publication date
    assert ("003", "later this year") in unresolved
    # 004's roadmap table years are ranges and are skipped; its single "2024" is read.
    assert all(m.expression != "2024-2025" for e in timeline.events for m in e.mentions)


def test_seed_gold_events_without_001_publication_date() -> None:
    # With only 000 dated, 001's "in April" still joins 000's April event by similarity.
    timeline = build_timeline(seed_articles(published_001=None))
    found = gold_found(timeline)
    assert found["2025-04"], found
    assert sum(bool(labels) for labels in found.values()) >= 5, found


# ----------------------------------------------------------------- speed shortcuts
# The grouping inlines and caches what it computes. None of that may change a result.


@pytest.mark.parametrize("sentence", [*TRICKY, "Japan’s and Japan's ﬁrst 'visits' visited"])
def test_cached_content_words_are_content_words(sentence: str) -> None:
    # (Their set order does not matter: no sum follows it, see the hash seed tests.)
    assert _Words().sentence(sentence) == content_words(sentence)


def test_the_garbage_collector_is_paused_only_while_building() -> None:
    assert gc.isenabled()
    build_timeline(seed_articles())
    assert gc.isenabled()
    gc.disable()
    try:
        build_timeline(seed_articles())
        assert not gc.isenabled()
    finally:
        gc.enable()


# ----------------------------------------------------------------- the same in every process
# Content words are sets, whose iteration order changes with PYTHONHASHSEED: nothing
# computed from them (similarity sums, candidate ranking, ties, labels) may follow it.


def near_tie_articles() -> list[Article]:
    """Mentions that share exactly as much with each of two earlier events of their date.

    In group ``n``, article ``gn-3`` shares two words with ``gn-1`` and two with ``gn-2``
    (similarity 0.5 with each), and those two share nothing: a tie between two events.
    Decided by set order, each tie would go either way in a process (eight of them make
    equal output from two hash seeds unlikely; 0 and 7 differed).
    """
    articles = []
    for n in range(8):
        first, second = f"alpha{n} bravo{n}", f"charlie{n} delta{n}"
        articles += [
            art(f"In 2024 {first} xray{n} yankee{n}.", None, f"g{n}-1"),
            art(f"In 2024 {second} whiskey{n} zulu{n}.", None, f"g{n}-2"),
            art(f"In 2024 {second} {first}.", None, f"g{n}-3"),
        ]
    return articles


def test_a_mention_tied_between_two_events_joins_the_earlier_one() -> None:
    events = {e.articles for e in build_timeline(near_tie_articles()).events}
    assert events == {t for n in range(8) for t in [(f"g{n}-1", f"g{n}-3"), (f"g{n}-2",)]}


_PRINT_TIMELINES = """
import pickle, sys
from natojp.timeline import build_timeline
for articles in pickle.load(sys.stdin.buffer):
    print(repr(build_timeline(articles)))
"""


def timelines_elsewhere(corpora: list[list[Article]], hash_seed: int) -> str:
    """``repr`` of each corpus's timeline, built in a new process with ``hash_seed``."""
    done = subprocess.run(
        [sys.executable, "-c", _PRINT_TIMELINES],
        input=pickle.dumps(corpora),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
        check=True,
    )
    return done.stdout.decode("utf-8")


def test_the_timeline_is_the_same_whatever_the_hash_seed() -> None:
    corpora = [near_tie_articles(), list(analyze([ROOT / "seeds"]).articles), seed_articles()]
    first, second = (timelines_elsewhere(corpora, seed) for seed in (0, 7))
    assert first.count("Timeline(") == len(corpora)
    assert first == second


# ----------------------------------------------------------------- previews and plans


FRIDAY = PartialDate(2025, 7, 25)


def stated(timeline: Timeline) -> list[Event]:
    """The events of ``timeline`` that the texts state (no publication events)."""
    return [e for e in timeline.events if any(m.kind != "publication" for m in e.mentions)]


def test_a_preview_joins_the_report_of_the_same_day() -> None:
    preview = art(
        "Ministers Arlen and Brosk are expected to meet in Kestrel on Tuesday, where they "
        "will discuss ferry routes, fishing quotas and a port survey.",
        FRIDAY,
        "preview",
    )
    # Worded apart (similarity about 0.3, below MERGE_THRESHOLD), but of one day and
    # sharing the names.
    report = art("Arlen and Brosk signed a harbour pact in Kestrel on Tuesday.", TUESDAY, "report")
    other = art("A storm closed the harbour in Kestrel in 2024.", TUESDAY, "other")
    timeline = build_timeline([preview, report, other])
    [event] = [e for e in stated(timeline) if e.date == TUESDAY]
    assert event.articles == ("preview", "report")
    assert event.kind == "happened"
    assert [m.plan for m in event.mentions] == [True, False]


def test_a_preview_of_another_thing_that_day_stays_a_plan() -> None:
    preview = art(
        "The fisheries board will publish its quota review on Tuesday.", FRIDAY, "preview"
    )
    report = art(
        "Arlen and Brosk signed a harbour security pact in Kestrel on Tuesday.", TUESDAY, "report"
    )
    timeline = build_timeline([preview, report])
    kinds = {e.articles: e.kind for e in stated(timeline) if e.date == TUESDAY}
    assert kinds[("preview",)] == "plan" and kinds[("report",)] == "happened"


def test_a_verbless_list_item_does_not_make_a_plan_happened() -> None:
    dated = art(
        "Under the contract, the prototype will begin sea trials in 2027.", TUESDAY, "dated"
    )
    undated = art("Key dates:\n\n- 2027: sea trials of the prototype", None, "undated")
    [event] = [e for e in build_timeline([dated, undated]).events if e.date == PartialDate(2027)]
    assert event.articles == ("dated", "undated")
    assert event.kind == "plan"


def test_a_date_after_every_publication_is_a_plan_whatever_its_wording() -> None:
    dated = art("The navy signed the drone contract on Tuesday.", TUESDAY, "dated")
    undated = art("- March 2029: delivery of all twelve drones", None, "undated")
    [event] = [e for e in build_timeline([dated, undated]).events if e.date == PartialDate(2029, 3)]
    assert event.kind == "plan"
    # Told as past in an undated article, it happened (as far as the corpus knows).
    past = art("The last drone was delivered in March 2029.", None, "undated")
    [event] = [e for e in build_timeline([past]).events if e.date == PartialDate(2029, 3)]
    assert event.kind == "happened"


# ----------------------------------------------------------------- label formulas


@pytest.mark.parametrize(
    ("sentence", "expression", "label"),
    [
        (
            "In a statement later Monday, the ministry said the two sides agreed to study "
            "common shell standards.",
            "Monday",
            "The two sides agreed to study common shell standards",
        ),
        (
            "In a statement, the agency said the officials held talks in Oslo in October.",
            "in October",
            "The officials held talks in Oslo",
        ),
        (
            "On May 2, 2025, commencing at 09:30 for approximately 40 minutes, the minister "
            "met the visiting commissioner.",
            "May 2, 2025",
            "The minister met the visiting commissioner",
        ),
        (
            "At the outset, the minister welcomed the delegation on 3 June.",
            "on 3 June",
            "The minister welcomed the delegation",
        ),
        (
            "On the same day, the two navies held a drill near Example Island in July.",
            "in July",
            "The two navies held a drill near Example Island",
        ),
        (
            "2. The two sides will hold the first meeting in Example City in 2026.",
            "in 2026",
            "The two sides will hold the first meeting in Example City",
        ),
        (
            "On 5 May 2025, commencing at 10:00 for approximately 50 minutes, Ms. EXAMPLE "
            "Hanako, Minister of Defense, held a meeting with the Secretary General.",
            "5 May 2025",
            "Ms. EXAMPLE Hanako held a meeting with the Secretary General",
        ),
        (
            "OSLO -- A new drone factory opened last month in the northern town.",
            "last month",
            "A new drone factory opened in the northern town",
        ),
    ],
)
def test_label_drops_opening_formulas_and_datelines(
    sentence: str, expression: str, label: str
) -> None:
    from natojp.timeline.events import _label_from

    got = _label_from(sentence, expression)
    assert got == label
    assert len(got) <= LABEL_CHARS


def test_label_keeps_a_formula_when_too_little_would_be_left() -> None:
    from natojp.timeline.events import _label_from

    # "At the outset, talks began." leaves two words without the formula: kept whole.
    assert _label_from("At the outset, talks began on Monday.", "on Monday") == (
        "At the outset, talks began"
    )


def test_a_reporting_clause_with_the_news_after_it_is_not_dropped() -> None:
    from natojp.timeline.events import _label_from

    # ", the ministry said the two sides ..." carries the news; ", officials said." does not.
    assert _label_from("The talks opened in Oslo in May, officials said on Tuesday.", "in May") == (
        "The talks opened in Oslo"
    )


def test_mentions_scanned_earlier_give_the_same_timeline() -> None:
    from natojp.timeline import scan_dates

    articles = list(
        analyze([Path(__file__).resolve().parents[1] / "fixtures" / "story40"]).articles
    )
    want = build_timeline(articles)
    scanned = scan_dates(articles[5:25])
    assert all(scanned[a.id] == scan_dates([a])[a.id] for a in articles[5:10])
    assert build_timeline(articles, scanned=scanned) == want
    assert build_timeline(articles, scanned=scan_dates(articles)) == want
