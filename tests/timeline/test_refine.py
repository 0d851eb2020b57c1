"""natojp.timeline: coarse dates joining exact events, and the date rules added with it
(the end of a year, Italian month names, quoted relative days, weak future markers)."""

from __future__ import annotations

from natojp._dates import PartialDate
from natojp.timeline import build_timeline, content_words, find_mentions
from tests.timeline.helpers import TUESDAY, art

MAY = PartialDate(2025, 5, 20)


def _dated(text: str, published: PartialDate | None = MAY) -> list[tuple[str, str | None]]:
    return [
        (m.expression, m.date.iso() if m.date else None)
        for m in find_mentions(art(text, published))
        if m.kind != "publication"
    ]


# ----------------------------------------------------------------- coarse into exact


def test_a_year_mention_joins_the_exact_event_it_reports() -> None:
    exact = art(
        "Vardia and Orlen signed the Harbour Shield pact at the Tallinn summit in July 2023.",
        MAY,
        "exact",
    )
    coarse = art(
        "Vardia has been Orlen's closest partner since the two signed the Harbour Shield "
        "pact in 2023.",
        MAY,
        "coarse",
    )
    timeline = build_timeline([exact, coarse])
    events = [e for e in timeline.events if e.mentions[0].kind != "publication"]
    assert [(e.date.iso(), e.articles) for e in events] == [("2023-07", ("coarse", "exact"))]
    moved = next(m for m in events[0].mentions if m.article_id == "coarse")
    assert moved.date == PartialDate(2023)  # the mention keeps its own date
    assert "reports the 2023-07 event" in moved.basis


def test_a_month_mention_joins_an_exact_day_and_an_unrelated_one_stays() -> None:
    exact = art("Orlen opened the Kestrel shell plant in Gdansk on March 4.", MAY, "exact")
    coarse = art(
        "The Kestrel shell plant in Gdansk, opened by Orlen in March, hired 300 workers. "
        "Separately, Vardia's parliament approved a new flood budget in March.",
        MAY,
        "coarse",
    )
    events = [
        e for e in build_timeline([exact, coarse]).events if e.mentions[0].kind != "publication"
    ]
    assert sorted((e.date.iso(), e.articles) for e in events) == [
        ("2025-03", ("coarse",)),
        ("2025-03-04", ("coarse", "exact")),
    ]


def test_a_coarse_mention_does_not_join_an_event_its_own_article_dates() -> None:
    text = (
        "The Kestrel frigate refit at Gdansk is due to be completed by the end of March 2026.\n\n"
        "The navy plans the Kestrel frigate's first missile test at Gdansk in 2026."
    )
    events = build_timeline([art(text, MAY)]).events
    assert sorted(e.date.iso() for e in events if e.mentions[0].kind != "publication") == [
        "2026",
        "2026-03",
    ]


def test_a_coarse_mention_between_two_different_exact_events_stays() -> None:
    one = art("Orlen and Vardia signed the Kestrel deal in Gdansk on April 3.", MAY, "one")
    two = art("Orlen and Vardia signed the Harbour deal in Riga on April 24.", MAY, "two")
    vague = art("Orlen and Vardia signed a deal in April.", MAY, "vague")
    events = build_timeline([one, two, vague]).events
    assert ("2025-04", ("vague",)) in [(e.date.iso(), e.articles) for e in events]


def test_british_and_american_spellings_are_one_content_word() -> None:
    assert content_words("defence programme centre") == content_words("defense program center")


# ----------------------------------------------------------------- date rules


def test_the_end_of_a_year_is_its_december() -> None:
    assert _dated("The bloc aims to make 2 million shells a year by the end of 2025.") == [
        ("2025", "2025-12")
    ]
    assert _dated("Output should double by fiscal 2027.") == [("2027", "2027")]


def test_italian_month_names_with_a_year_are_dates() -> None:
    assert _dated("Il programma, lanciato nel dicembre 2022, coinvolge Leonardo.") == [
        ("dicembre 2022", "2022-12")
    ]
    assert _dated("L'accordo firmato il 5 maggio 2025 a Roma.") == [("5 maggio 2025", "2025-05-05")]


def test_a_relative_day_inside_a_quotation_is_not_resolved() -> None:
    assert _dated('"We can sign the cheques tomorrow," one diplomat said.', TUESDAY) == [
        ("tomorrow", None)
    ]
    assert _dated("The ministers will sign the accord tomorrow.", TUESDAY) == [
        ("tomorrow", "2025-07-30")
    ]


def test_after_agreed_to_a_yearless_date_takes_the_nearer_reading() -> None:
    # Published 20 May: 14 May is six days ago, not a year ahead.
    assert _dated("The dialogue, which the ministers agreed to launch on May 14, grows.") == [
        ("May 14", "2025-05-14")
    ]
    # ... while talks in July are two months ahead, not ten months back.
    assert _dated("The ministers agreed to hold the first talks in July.") == [
        ("in July", "2025-07")
    ]
    # A plain future marker still looks ahead.
    assert _dated("The ministers will meet again on May 14.") == [("May 14", "2026-05-14")]


def test_sentences_sharing_only_common_nouns_do_not_join() -> None:
    # Similar words, no shared name: the first and the last quarter of a year.
    exact = art(
        "House prices rose 2% in the quarter to March 2004 as mortgage lending slowed.",
        MAY,
        "exact",
    )
    coarse = art(
        "Overall, house prices rose 2% in the final quarter of 2004 as mortgage lending slowed.",
        MAY,
        "coarse",
    )
    events = build_timeline([exact, coarse]).events
    assert sorted(e.date.iso() for e in events if e.mentions[0].kind != "publication") == [
        "2004",
        "2004-03",
    ]


def test_an_end_of_year_deadline_is_no_exact_event_to_join() -> None:
    deadline = art("The Kestrel shell plant aims for full output by the end of 2026.", MAY, "one")
    coarse = art("The Kestrel shell plant should reach full output in 2026.", MAY, "two")
    events = build_timeline([deadline, coarse]).events
    assert sorted(e.date.iso() for e in events if e.mentions[0].kind != "publication") == [
        "2026",
        "2026-12",
    ]
