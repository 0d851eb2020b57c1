"""Partial dates, absolute date parsing and the calendar helpers of natojp._dates."""

from __future__ import annotations

from datetime import date

import pytest

from natojp._dates import (
    WEEKDAYS,
    PartialDate,
    add_months,
    common_period,
    month_name,
    nearest_day,
    nearest_month,
    parse_date,
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
