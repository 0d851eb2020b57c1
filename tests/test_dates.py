"""Partial dates, absolute date parsing and the calendar helpers of natojp._dates."""

from __future__ import annotations

from datetime import date

import pytest

from natojp._date_lines import is_date_line, read_date_line
from natojp._dates import (
    ALL_MONTHS,
    WEEKDAYS,
    PartialDate,
    add_months,
    common_period,
    month_name,
    nearest_day,
    nearest_month,
    parse_date,
    scan_dates,
    week_of,
    weekday_after,
    weekday_before,
)

# ----------------------------------------------------------------- PartialDate


def test_partial_date_precision_iso_and_start() -> None:
    assert PartialDate(2025).precision == "year"
    assert PartialDate(2025, 7).precision == "month"
    assert PartialDate(2025, 7, 29).precision == "day"
    assert PartialDate(2025, 7).iso() == "2025-07"
    assert str(PartialDate(2025, 7, 9)) == "2025-07-09"
    assert PartialDate(2025).start() == date(2025, 1, 1)
    assert PartialDate(2025, 7).start() == date(2025, 7, 1)


def test_partial_date_rejects_impossible_dates() -> None:
    with pytest.raises(ValueError):
        PartialDate(2025, 2, 31)  # 31 February
    with pytest.raises(ValueError):
        PartialDate(2025, 2, 29)  # not a leap year
    with pytest.raises(ValueError):
        PartialDate(2025, 13)
    with pytest.raises(ValueError):
        PartialDate(2025, None, 3)
    assert PartialDate(2024, 2, 29).iso() == "2024-02-29"


def test_partial_date_from_iso_and_truncate() -> None:
    assert PartialDate.from_iso("2025-07") == PartialDate(2025, 7)
    assert PartialDate.from_iso(" 2025-7-9 ") == PartialDate(2025, 7, 9)
    with pytest.raises(ValueError):
        PartialDate.from_iso("July 2025")
    day = PartialDate(2025, 7, 29)
    assert day.truncate("month") == PartialDate(2025, 7)
    assert day.truncate("year") == PartialDate(2025)
    assert PartialDate(2025).truncate("day") == PartialDate(2025)  # never finer


# ----------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-07-29", PartialDate(2025, 7, 29)),
        ("2025-07-29T04:52:00Z", PartialDate(2025, 7, 29)),
        ("2025/07/29", PartialDate(2025, 7, 29)),
        ("Published Date: 04:52 | 29 July 2025", PartialDate(2025, 7, 29)),
        ("29 Jul. 2025", PartialDate(2025, 7, 29)),
        ("July 29, 2025", PartialDate(2025, 7, 29)),
        ("29.07.2025", PartialDate(2025, 7, 29)),
        ("29/07/2025", PartialDate(2025, 7, 29)),
        ("July 2025", PartialDate(2025, 7)),
        ("2025-07", PartialDate(2025, 7)),
        ("2025", PartialDate(2025)),
        ("  1987 ", PartialDate(1987)),
        # Reuters-21578 SGML <DATE> fields: hour field can be garbage, the date is fine.
        ("26-FEB-1987 15:01:01.79", PartialDate(1987, 2, 26)),
        ("31-MAR-1987 605:12:19.12", PartialDate(1987, 3, 31)),
    ],
)
def test_parse_date_reads_written_dates(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "no date here", "12025", "2,225", "2025-02-31", "February 31, 2025"]
)
def test_parse_date_returns_none_rather_than_guess(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_never_returns_an_invalid_day() -> None:
    # The day-month-year reading of "31 February 2025" is not a date; what remains
    # written is "February 2025", which is returned at month precision (no day).
    found = parse_date("31 February 2025")
    assert found == PartialDate(2025, 2)
    assert found is not None and found.precision == "month"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29 AUGUST 2025", PartialDate(2025, 8, 29)),
        ("29 aug. 2025", PartialDate(2025, 8, 29)),
        ("sept 5, 2025", PartialDate(2025, 9, 5)),
        # Non-ASCII look-alikes that IGNORECASE alone pairs with s and i: no month name.
        ("29 Auguſt 2025", None),
        ("Aprİl 2025", None),
        ("ſept 5, 2025", None),
        ("ſeptember 2025, 2025-09-05", PartialDate(2025, 9, 5)),
    ],
)
def test_parse_date_reads_month_names_in_any_case_of_ascii_letters(
    text: str, expected: PartialDate | None
) -> None:
    assert parse_date(text) == expected


def test_parse_date_year_needs_to_stand_alone() -> None:
    assert parse_date("in 2025") is None  # a bare year is only read when it is the whole text
    assert parse_date("circa 2025-07") == PartialDate(2025, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forms of CSV/JSON date columns
        ("2017/2/7", PartialDate(2017, 2, 7)),
        ("2017-02-07T10:00:00Z", PartialDate(2017, 2, 7)),
        ("2017-02-07T23:30:00-05:00", PartialDate(2017, 2, 7)),  # the day as written
        ("07.02.2017", PartialDate(2017, 2, 7)),  # dotted: day first
        ("Feb 7, 2017", PartialDate(2017, 2, 7)),
        ("7 February 2017", PartialDate(2017, 2, 7)),
        ("Tue, 07 Feb 2017 10:00:00 GMT", PartialDate(2017, 2, 7)),  # RFC 2822
        ("13/02/2017", PartialDate(2017, 2, 13)),  # 13 cannot be a month
        ("02/13/2017", PartialDate(2017, 2, 13)),
        ("04/04/2017", PartialDate(2017, 4, 4)),  # both readings agree
        # other languages and scripts
        ("31 ottobre 2025", PartialDate(2025, 10, 31)),
        ("9. April 2025", PartialDate(2025, 4, 9)),
        ("9 avril 2025", PartialDate(2025, 4, 9)),
        ("1er avril 2025", PartialDate(2025, 4, 1)),
        ("9 de abril de 2025", PartialDate(2025, 4, 9)),
        ("Mittwoch, 9. März 2025", PartialDate(2025, 3, 9)),
        ("10 février 2025", PartialDate(2025, 2, 10)),
        ("2025年4月9日", PartialDate(2025, 4, 9)),
        ("２０２５年４月９日", PartialDate(2025, 4, 9)),  # full-width digits
        ("2025年4月", PartialDate(2025, 4)),
        ("ottobre 2025", PartialDate(2025, 10)),
        ("abril de 2025", PartialDate(2025, 4)),
    ],
)
def test_parse_date_reads_column_and_foreign_forms(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["03/04/2025", "03-04-2025", "7/2/2017"])
def test_parse_date_leaves_ambiguous_numeric_dates_unread_without_a_hint(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_dayfirst_hint_settles_ambiguous_dates() -> None:
    assert parse_date("03/04/2025", dayfirst=True) == PartialDate(2025, 4, 3)
    assert parse_date("03/04/2025", dayfirst=False) == PartialDate(2025, 3, 4)
    assert parse_date("03-04-2025", dayfirst=True) == PartialDate(2025, 4, 3)
    # The hint concerns ambiguous dates only.
    assert parse_date("25/04/2025", dayfirst=False) == PartialDate(2025, 4, 25)
    assert parse_date("03.04.2025", dayfirst=False) == PartialDate(2025, 4, 3)


def test_parse_date_reads_numbers_only_as_structured_values() -> None:
    # 1486461600 s is 2017-02-07 10:00 UTC.
    assert parse_date("1486461600", epoch=True) == PartialDate(2017, 2, 7)
    assert parse_date("1486461600000", epoch=True) == PartialDate(2017, 2, 7)  # ms
    assert parse_date("1486461600.5", epoch=True) == PartialDate(2017, 2, 7)
    assert parse_date("20170207", epoch=True) == PartialDate(2017, 2, 7)  # compact ISO
    assert parse_date("1486461600") is None  # in text, a long number is no date
    assert parse_date("20171307", epoch=True) is None  # month 13
    assert parse_date("12345", epoch=True) is None


def test_parse_date_reads_the_first_date_in_text_order() -> None:
    assert parse_date("9 April 2025, updated 2025-04-10") == PartialDate(2025, 4, 9)
    assert parse_date("03/04/2025, updated 2025-04-10") is None  # the first is unreadable


# ----------------------------------------------------------------- scan_dates


def test_scan_dates_lists_dates_in_order_with_offsets() -> None:
    text = "Talks on 9 April 2025 (03/04/2025 in a letter) and again in May 2025."
    found = scan_dates(text)
    assert [w.text for w in found] == ["9 April 2025", "03/04/2025", "May 2025"]
    assert [text[w.start : w.end] for w in found] == [w.text for w in found]
    assert found[0].date == PartialDate(2025, 4, 9) and not found[0].ambiguous
    assert found[1].ambiguous and found[1].date is None
    assert found[1].readings == (PartialDate(2025, 4, 3), PartialDate(2025, 3, 4))
    assert found[1].read(True) == PartialDate(2025, 4, 3)
    assert found[1].read(False) == PartialDate(2025, 3, 4)
    assert found[1].read(None) is None
    assert found[2].date == PartialDate(2025, 5)


def test_scan_dates_says_which_order_a_numeric_date_proves() -> None:
    assert [w.proves for w in scan_dates("25/04/2025 04/25/2025 03/04/2025 25.04.2025")] == [
        "dmy",
        "mdy",
        None,
        None,  # dotted dates are day-first anyway: they prove nothing about slashes
    ]


def test_scan_dates_marks_month_names_of_other_languages() -> None:
    assert [w.foreign_month for w in scan_dates("9 aprile 2025, 9 April 2025")] == [True, False]


def test_scan_dates_ignores_bare_years_clock_times_and_ids() -> None:
    assert scan_dates("In 2025 at 10:30, order 2025110112345 and 1.2025") == ()


@pytest.mark.parametrize(
    ("text", "expected", "weekday"),
    [
        # 3 April 2025 was a Thursday, 4 March 2025 a Tuesday.
        ("Thursday 03/04/2025", PartialDate(2025, 4, 3), "Thursday"),
        ("Thu, 03/04/2025 10:30", PartialDate(2025, 4, 3), "Thu"),
        ("Tuesday | 03/04/2025", PartialDate(2025, 3, 4), "Tuesday"),
        ("03/04/2025 (Tue)", PartialDate(2025, 3, 4), "Tue"),
        ("Published on 03/04/2025 | Thursday", PartialDate(2025, 4, 3), "Thursday"),
        ("03/04/2025（木）", PartialDate(2025, 4, 3), "木"),
        ("jeudi 03/04/2025", PartialDate(2025, 4, 3), "jeudi"),
        ("Donnerstag, 03-04-2025", PartialDate(2025, 4, 3), "Donnerstag"),
        ("martes 03/04/2025", PartialDate(2025, 3, 4), "martes"),
    ],
)
def test_scan_dates_reads_an_ambiguous_date_by_the_weekday_beside_it(
    text: str, expected: PartialDate, weekday: str
) -> None:
    (found,) = scan_dates(text)
    assert found.readings == (expected,) and found.date == expected
    assert found.weekday == weekday
    assert found.proves == ("dmy" if expected.month == 4 else "mdy")


@pytest.mark.parametrize(
    "text",
    [
        "Friday 03/04/2025",  # neither reading is a Friday: still ambiguous
        "03/04/2025",
        "Thursday's talks: 03/04/2025",  # not beside the date
        "Thursday, more talks. 03/04/2025",
        "03/04/2025 日本",  # a kanji that is also a weekday, not in brackets
    ],
)
def test_scan_dates_keeps_both_readings_when_no_weekday_settles_them(text: str) -> None:
    (found,) = scan_dates(text)
    assert found.ambiguous and found.weekday is None and found.proves is None


def test_a_weekday_beside_an_unambiguous_date_changes_nothing() -> None:
    (found,) = scan_dates("Thursday 9 April 2025")  # a Wednesday: the date as written
    assert found.date == PartialDate(2025, 4, 9) and found.weekday is None


def test_all_months_reads_every_language() -> None:
    assert ALL_MONTHS["aprile"] == ALL_MONTHS["avr"] == ALL_MONTHS["abr"] == 4
    assert ALL_MONTHS["april"] == ALL_MONTHS["apr"] == 4


# ----------------------------------------------------------------- date lines


def _line(text: str) -> list[tuple[str, str | None]]:
    found = read_date_line(text)
    assert found is not None, text
    return [(d.kind, d.written.date.iso() if d.written.date else None) for d in found.dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 10, 2025", [("published", "2025-04-10")]),
        ("31/10/2025", [("published", "2025-10-31")]),
        (
            "Anadolu staff | 09.04.2025 - Update : 09.04.2025",
            [("published", "2025-04-09"), ("updated", "2025-04-09")],
        ),
        ("April 9, 2025 / 11:47 AM", [("published", "2025-04-09")]),
        ("April 9, 2025 / 11:47 AM / Updated 2 hours ago", [("published", "2025-04-09")]),
        ("Date| April 9, 2025", [("published", "2025-04-09")]),
        ("Published Date: 04:52 | 29 July 2025", [("published", "2025-07-29")]),
        (
            "Published: Tuesday, 8 April 2025, 10:30 BST | Updated: Wednesday, 9 April 2025",
            [("published", "2025-04-08"), ("updated", "2025-04-09")],
        ),
        ("Posted on March 3, 2025 by admin", [("published", "2025-03-03")]),
        ("Updated: 12 May 2025", [("updated", "2025-05-12")]),
        ("Last updated: 2025-04-10 08:00 UTC", [("updated", "2025-04-10")]),
        ("Wed 9 Apr 2025 11.47 BST", [("published", "2025-04-09")]),
        ("Tuesday, April 8, 2025 at 10:00 a.m. EDT", [("published", "2025-04-08")]),
        ("Published 10:47 AM EDT, Wed April 9, 2025", [("published", "2025-04-09")]),
        ("2025-04-09T11:47:00+09:00", [("published", "2025-04-09")]),
        ("By Jane Doe | April 9, 2025 | 3 min read", [("published", "2025-04-09")]),
        ("Sept. 5, 2025", [("published", "2025-09-05")]),
        ("April 2025", [("published", "2025-04")]),
        ("Mittwoch, 9. April 2025, 11:47 Uhr", [("published", "2025-04-09")]),
        ("Stand: 09.04.2025, 14:00 Uhr", [("updated", "2025-04-09")]),
        (
            "Publié le 9 avril 2025 à 11h47, mis à jour le 10 avril 2025 à 08h00",
            [("published", "2025-04-09"), ("updated", "2025-04-10")],
        ),
        ("Publicado el 9 de abril de 2025", [("published", "2025-04-09")]),
        ("Aggiornato il 1 novembre 2025", [("updated", "2025-11-01")]),
        ("2025年4月9日 10時30分", [("published", "2025-04-09")]),
        ("更新：2025年4月10日", [("updated", "2025-04-10")]),
        ("2025年4月10日 更新", [("updated", "2025-04-10")]),
        ("公開日：2025年4月9日（水）", [("published", "2025-04-09")]),
        ("03/04/2025", [("published", None)]),  # a date line, its date not yet settled
        ("Thursday 03/04/2025", [("published", "2025-04-03")]),  # settled by the weekday
        ("By Jane Doe on April 09, 2025 at 2:30 PM", [("published", "2025-04-09")]),
        ("par la rédaction · 9 avril 2025", [("published", "2025-04-09")]),
        ("EXAMPLE NEWS - Apr 9, 2025 - 18:45 | World, Asia", [("published", "2025-04-09")]),
        ("Source: Example Agency| 2025-07-10 21:14:05|Editor: jdoe", [("published", "2025-07-10")]),
        ("Last Updated: Apr 09, 2025, 04:52:00 PM IST", [("updated", "2025-04-09")]),
        (
            "9 aprile 2025 (modifica il 10 aprile 2025 | 08:12)",
            [("published", "2025-04-09"), ("updated", "2025-04-10")],
        ),
        (
            "Pubblicato il 9 aprile 2025, modificato il 10 aprile 2025",
            [("published", "2025-04-09"), ("updated", "2025-04-10")],
        ),
        (
            "Publié le 9 avril 2025, modifié le 10 avril 2025",
            [("published", "2025-04-09"), ("updated", "2025-04-10")],
        ),
        ("Aktualisiert am 10. April 2025, 08:12 Uhr", [("updated", "2025-04-10")]),
        ("Originally published April 9, 2025", [("published", "2025-04-09")]),
        (
            "Publicado el 9 de abril de 2025. Actualizado el 10 de abril de 2025",
            [("published", "2025-04-09"), ("updated", "2025-04-10")],
        ),
        ("Última modificación: 10 abr 2025", [("updated", "2025-04-10")]),
        ("Dernière modification : 10 avril 2025", [("updated", "2025-04-10")]),
        ("Letzte Änderung: 10.04.2025", [("updated", "2025-04-10")]),
    ],
)
def test_read_date_line_reads_header_date_lines(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _line(text) == expected


def test_read_date_line_keeps_the_byline_or_outlet_beside_the_date() -> None:
    for text, rest in [
        ("Anadolu staff | 09.04.2025 - Update : 09.04.2025", "Anadolu staff"),
        ("By Jane Doe, Defence Correspondent | 9 April 2025", "By Jane Doe, Defence Correspondent"),
        ("Kyodo News, 9 April 2025", "Kyodo News"),
        ("April 9, 2025 | Example Wire", "Example Wire"),
        ("Posted on March 3, 2025 by admin", "by admin"),
        ("April 9, 2025", None),
        ("By Jane Doe on April 09, 2025 at 2:30 PM", "By Jane Doe"),
        ("EXAMPLE NEWS - Apr 9, 2025 - 18:45 | World, Asia", "EXAMPLE NEWS"),  # tags after
        ("Source: Example Agency| 2025-07-10|Editor: jdoe", "Source: Example Agency"),
    ]:
        found = read_date_line(text)
        assert found is not None and found.rest == rest, text
    labelled = read_date_line("Date| April 9, 2025")
    assert labelled is not None and labelled.labelled and labelled.first("updated") is None
    unlabelled = read_date_line("April 9, 2025")
    assert unlabelled is not None and not unlabelled.labelled


@pytest.mark.parametrize(
    "text",
    [
        "The talks will be held on April 9, 2025.",  # a sentence
        "BRUSSELS, April 9, 2025 — NATO and Japan agreed to hold talks.",  # a dateline
        "Jane Doe April 9, 2025",  # a name not set apart from the date
        "Event date: 12 November 2025 | Brussels",
        "Deadline: 30 June 2025",
        "12–13 November 2025, Brussels",  # a range
        "9 April 2025 - 10 April 2025",
        "From 9 April 2025",
        "© 2024 Example News",
        "Copyright 9 April 2025 Example News",
        "By March 2026",  # a deadline, not a byline
        "- 8 pct bonds due July 1, 2030,",
        "- 9 April 2025: first dialogue",
        "Ministers arrive in Brussels, April 9, 2025. Photo: Example Agency",
        "Foobar: 10 April 2025",  # an unknown label: published or updated?
        "Updated 2 hours ago",  # no date
        "2025",
        "Talks 9 April 2025 and 10 April 2025",  # words between dates
        "Jane Doe | March 2025",  # a month beside a name, unlabelled
        "Before April 9, 2025",  # a deadline
        "Expected after 9 April 2025",
        "April 9, 2025: Talks begin",  # a timeline entry
        "April 9, 2025 - Talks begin",
        "Pay May 2, 2025",  # a dividend's date: one word before a date is no header here
        "Defence industry | 14.05.2025",  # a section: only in a header (see below)
    ],
)
def test_read_date_line_rejects_other_lines(text: str) -> None:
    assert read_date_line(text) is None
    assert not is_date_line(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Defence industry | 14.05.2025", "2025-05-14"),
        ("Politics Apr 9, 2025", "2025-04-09"),
        ("Foreign policy · 9 avril 2025", "2025-04-09"),
    ],
)
def test_read_date_line_of_a_header_line_allows_a_section_before_the_date(
    text: str, expected: str
) -> None:
    found = read_date_line(text, header=True)
    assert found is not None and found.rest is None  # a section is no byline
    assert [d.written.date for d in found.dates] == [PartialDate.from_iso(expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe April 9, 2025",  # two words without a separator: a sentence's start
        "Before April 9, 2025",
        "Politics April 2025",  # a month only
        "The talks will be held on April 9, 2025.",
    ],
)
def test_read_date_line_of_a_header_line_still_rejects_other_lines(text: str) -> None:
    assert read_date_line(text, header=True) is None


# ----------------------------------------------------------------- calendar helpers


def test_month_name_and_weekdays() -> None:
    assert month_name(4) == "April"
    assert WEEKDAYS["monday"] == 0
    assert WEEKDAYS["friday"] == 4
    assert date(2025, 7, 25).weekday() == WEEKDAYS["friday"]


def test_add_months_crosses_year_boundaries() -> None:
    assert add_months(PartialDate(2025, 7, 29), -1) == PartialDate(2025, 6)
    assert add_months(PartialDate(2025, 1), -1) == PartialDate(2024, 12)
    assert add_months(PartialDate(2025, 12), 1) == PartialDate(2026, 1)
    assert add_months(PartialDate(2025, 7), -18) == PartialDate(2024, 1)
    with pytest.raises(ValueError):
        add_months(PartialDate(2025), 1)


def test_nearest_month_on_or_before_and_after() -> None:
    anchor = PartialDate(2025, 7, 29)
    assert nearest_month(anchor, 4) == PartialDate(2025, 4)
    assert nearest_month(anchor, 7) == PartialDate(2025, 7)  # the anchor month itself
    assert nearest_month(anchor, 9) == PartialDate(2024, 9)
    assert nearest_month(anchor, 9, after=True) == PartialDate(2025, 9)
    assert nearest_month(anchor, 3, after=True) == PartialDate(2026, 3)
    with pytest.raises(ValueError):
        nearest_month(PartialDate(2025), 4)


def test_nearest_day_uses_the_anchor_day_when_known() -> None:
    anchor = PartialDate(2025, 7, 29)
    assert nearest_day(anchor, 7, 23) == PartialDate(2025, 7, 23)
    assert nearest_day(anchor, 7, 30) == PartialDate(2024, 7, 30)
    assert nearest_day(anchor, 7, 30, after=True) == PartialDate(2025, 7, 30)
    assert nearest_day(anchor, 7, 20, after=True) == PartialDate(2026, 7, 20)
    # A month-precision anchor: a day in the anchor month stays in the anchor year.
    assert nearest_day(PartialDate(2025, 7), 7, 30) == PartialDate(2025, 7, 30)
    with pytest.raises(ValueError):
        nearest_day(anchor, 2, 29)  # 29 February 2025 does not exist


def test_weekday_before_and_after_are_strict() -> None:
    tuesday = date(2025, 7, 29)
    assert weekday_before(tuesday, WEEKDAYS["friday"]) == date(2025, 7, 25)
    assert weekday_before(tuesday, WEEKDAYS["tuesday"]) == date(2025, 7, 22)
    assert weekday_after(tuesday, WEEKDAYS["friday"]) == date(2025, 8, 1)
    assert weekday_after(tuesday, WEEKDAYS["tuesday"]) == date(2025, 8, 5)


def test_week_of_and_common_period() -> None:
    assert week_of(date(2025, 7, 29)) == (date(2025, 7, 28), date(2025, 8, 3))
    assert common_period(date(2025, 7, 21), date(2025, 7, 27)) == PartialDate(2025, 7)
    assert common_period(date(2025, 7, 28), date(2025, 8, 3)) == PartialDate(2025)
    assert common_period(date(2025, 12, 29), date(2026, 1, 4)) is None
    assert common_period(date(2025, 7, 4), date(2025, 7, 4)) == PartialDate(2025, 7, 4)


# ------------------------------------------------------------------ Japanese era dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和7年3月7日", "2025-03-07"),  # Reiwa 1 is 2019
        ("令和元年5月1日", "2019-05-01"),  # 元年: the era's first year, Reiwa's first day
        ("平成31年4月30日", "2019-04-30"),  # Heisei 1 is 1989; its last day
        ("平成元年1月8日", "1989-01-08"),
        ("令和７年３月７日", "2025-03-07"),  # full-width digits
        ("令和 7 年 3 月", "2025-03"),  # a month only
        ("報道資料 令和7年3月7日 防衛省", "2025-03-07"),
    ],
)
def test_scan_dates_reads_japanese_era_dates(text: str, expected: str) -> None:
    found = scan_dates(text)
    assert [w.date for w in found] == [PartialDate.from_iso(expected)]


@pytest.mark.parametrize(
    "text",
    [
        "令和元年4月30日",  # Reiwa began on 1 May 2019
        "平成31年5月1日",  # Heisei ended on 30 April 2019
        "平成元年1月7日",  # Heisei began on 8 January 1989
        "平成32年1月1日",  # no such Heisei year
        "令和0年3月7日",
        "令和7年",  # a year only: no date
        "令和7年13月1日",
        "7年3月7日",  # no era named
    ],
)
def test_scan_dates_rejects_dates_outside_their_era(text: str) -> None:
    assert scan_dates(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和7年3月7日", "2025-03-07"),
        ("２０２５年３月７日", "2025-03-07"),
        ("2025年3月7日", "2025-03-07"),
        ("令和7年3月7日 更新", "2025-03-07"),
    ],
)
def test_read_date_line_reads_japanese_header_dates(text: str, expected: str) -> None:
    found = read_date_line(text, header=True)
    assert found is not None
    assert [d.written.date for d in found.dates] == [PartialDate.from_iso(expected)]


def test_an_era_date_in_a_sentence_is_no_date_line() -> None:
    assert read_date_line("防衛省は令和7年3月7日に会談を行うと発表した。") is None


# ------------------------------------------------------- bylines and edition pages


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        ("Takahashi Koji   16 Oct 2025", "2025-10-16", "Takahashi Koji"),  # a wide gap
        ("Takahashi Koji\t16 Oct 2025", "2025-10-16", "Takahashi Koji"),
        ("By Anna Weber · 3 March 2025", "2025-03-03", "By Anna Weber"),
        ("Jane Doe | Mar 3, 2025", "2025-03-03", "Jane Doe"),
    ],
)
def test_read_date_line_reads_a_byline_ending_with_a_date(
    text: str, expected: str, rest: str
) -> None:
    for header in (False, True):
        found = read_date_line(text, header=header)
        assert found is not None and found.rest == rest
        assert [d.written.date for d in found.dates] == [PartialDate.from_iso(expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Takahashi Koji 16 Oct 2025",  # one space: the words may begin a sentence
        "Takahashi Koji   October 2025",  # a month only after a name
        "Talks resumed   16 Oct 2025",  # not a name
        "The Summit Opens   16 Oct 2025",  # an event
        "Koji Takahashi Kenji Sato Ito   16 Oct 2025",  # five words: no byline
    ],
)
def test_read_date_line_rejects_other_words_before_a_date(text: str) -> None:
    assert read_date_line(text, header=True) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fri, Mar 21, 2025 page3", "2025-03-21"),  # a print edition's page
        ("Fri, Mar 21, 2025 Page 3", "2025-03-21"),
        ("21.03.2025, Seite 4", "2025-03-21"),
    ],
)
def test_read_date_line_reads_a_date_with_its_print_page(text: str, expected: str) -> None:
    found = read_date_line(text, header=True)
    assert found is not None
    assert [d.written.date for d in found.dates] == [PartialDate.from_iso(expected)]


def test_a_page_reference_in_a_sentence_is_no_date_line() -> None:
    assert read_date_line("Mar 21, 2025 page 3 of the report says", header=True) is None


def test_read_date_line_reads_a_spanish_time_after_the_date() -> None:
    found = read_date_line("Actualizado 07/03/2025 a las 19:40h.", header=True)
    assert found is not None and found.dates[0].kind == "updated"
    assert found.dates[0].written.readings[0] == PartialDate(2025, 3, 7)
    assert read_date_line("Actualizado 07/03/2025 a las tropas", header=True) is None
