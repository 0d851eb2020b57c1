"""Partial calendar dates (year, year-month or full day) and parsing of absolute date strings.

A :class:`PartialDate` never invents precision: ``"July 2025"`` is month precision and
stays so. :func:`parse_date` reads a date written out in full somewhere in a string
(metadata lines, CSV columns, SGML headers); it returns ``None`` rather than guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["year", "month", "day"]

MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    MONTHS[calendar.month_name[_i].lower()] = _i
    MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS["sept"] = 9

MONTH_NAME_RE = (
    r"(?ai:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
"""A month name or abbreviation in any letter case, in ASCII letters only.

Plain IGNORECASE would also read ``Auguſt`` (long s) or ``Aprİl`` (dotted capital I),
whose lower case is no key of :data:`MONTHS`.
"""
YEAR_ALTERNATIVES = r"1[89]\d\d|20\d\d|2100"
"""The years 1800 to 2100 as a bare alternation (to join into a larger one)."""
YEAR_RE = f"(?:{YEAR_ALTERNATIVES})"


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and self.month is not None:
            date(self.year, self.month, self.day)  # raises ValueError for 31 February

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    def start(self) -> date:
        """First calendar day the partial date covers (for sorting and plotting)."""
        return date(self.year, self.month or 1, self.day or 1)

    def truncate(self, precision: Precision) -> PartialDate:
        """The same date at a coarser precision (never a finer one)."""
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month" and self.month is not None:
            return PartialDate(self.year, self.month)
        return self

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
        if not m:
            raise ValueError(f"not an ISO partial date: {text!r}")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)


def _safe(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


# Order matters: most specific first. Each pattern yields (year, month, day) groups by name.
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2025-07-29, 2025/07/29, 2025-07-29T04:52:00Z
    re.compile(rf"(?<!\d)(?P<y>{YEAR_RE})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)"),
    # 29 July 2025, 29-MAR-1987, 29 Jul. 2025
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-./]+(?P<mn>{MONTH_NAME_RE})\.?,?[\s\-./]+"
        rf"(?P<y>{YEAR_RE})(?!\d)",
        re.IGNORECASE,
    ),
    # July 29, 2025 / July 29 2025
    re.compile(
        rf"\b(?P<mn>{MONTH_NAME_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR_RE})(?!\d)",
        re.IGNORECASE,
    ),
    # 29.07.2025 or 29/07/2025 (day first, the European and agency convention)
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})[./](?P<m>\d{{1,2}})[./](?P<y>{YEAR_RE})(?!\d)"),
    # July 2025
    re.compile(rf"\b(?P<mn>{MONTH_NAME_RE})\.?,?\s+(?P<y>{YEAR_RE})(?!\d)", re.IGNORECASE),
    # 2025-07
    re.compile(rf"(?<!\d)(?P<y>{YEAR_RE})-(?P<m>\d{{2}})(?![\d-])"),
)
_YEAR_ONLY = re.compile(rf"^\s*(?P<y>{YEAR_RE})\s*$")


def parse_date(text: str) -> PartialDate | None:
    """Find the first absolute date written in ``text``.

    Handles ISO dates and timestamps, ``29 July 2025``, ``July 29, 2025``, ``29.07.2025``,
    ``31-MAR-1987 605:12:19.12`` (Reuters), ``July 2025`` and a bare year. Returns ``None``
    when no complete date is written; never fills in a missing month or day.
    """
    if not text:
        return None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            year = int(groups["y"])
            if groups.get("mn"):
                month: int | None = MONTHS.get(groups["mn"].lower().rstrip("."))
            elif groups.get("m"):
                month = int(groups["m"])
            else:
                month = None
            day = int(groups["d"]) if groups.get("d") else None
            found = _safe(year, month, day)
            if found is not None:
                return found
    year_only = _YEAR_ONLY.match(text)
    return PartialDate(int(year_only.group("y"))) if year_only else None


# --- Calendar arithmetic for resolving relative expressions against an anchor date. ---
# Added for the event timeline; nothing above depends on it.

WEEKDAYS: dict[str, int] = {calendar.day_name[_i].lower(): _i for _i in range(7)}
"""Weekday names to ``date.weekday()`` numbers (Monday is 0)."""


def month_name(month: int) -> str:
    """The English name of ``month`` (1-12), e.g. ``"April"``."""
    return calendar.month_name[month]


def add_months(when: PartialDate, months: int) -> PartialDate:
    """``when`` (month precision or finer) moved by ``months``, returned at month precision.

    Raises ``ValueError`` for a year-precision date: there is no month to move.
    """
    if when.month is None:
        raise ValueError(f"{when} has no month")
    index = when.year * 12 + (when.month - 1) + months
    return PartialDate(index // 12, index % 12 + 1)


def nearest_month(anchor: PartialDate, month: int, *, after: bool = False) -> PartialDate:
    """The nearest ``month`` on or before ``anchor`` (on or after it when ``after``).

    ``anchor`` needs month precision. When it has a day and ``day`` semantics matter,
    use :func:`nearest_day` instead; a month equal to the anchor month is the anchor month.
    """
    if anchor.month is None:
        raise ValueError(f"{anchor} has no month")
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    if after:
        return PartialDate(anchor.year if month >= anchor.month else anchor.year + 1, month)
    return PartialDate(anchor.year if month <= anchor.month else anchor.year - 1, month)


def nearest_day(anchor: PartialDate, month: int, day: int, *, after: bool = False) -> PartialDate:
    """The nearest ``day`` of ``month`` on or before ``anchor`` (on or after when ``after``).

    ``anchor`` needs month precision. If it has no day and ``month`` is the anchor
    month, the anchor's year is used (either way the date falls in that month).
    Raises ``ValueError`` when the day does not exist in the chosen year (30 February).
    """
    if anchor.month is None:
        raise ValueError(f"{anchor} has no month")
    year = nearest_month(anchor, month, after=after).year
    if month == anchor.month and anchor.day is not None:
        if not after and day > anchor.day:
            year -= 1
        elif after and day < anchor.day:
            year += 1
    return PartialDate(year, month, day)


def weekday_before(anchor: date, weekday: int) -> date:
    """The most recent ``weekday`` (Monday is 0) strictly before ``anchor``."""
    back = (anchor.weekday() - weekday) % 7 or 7
    return anchor - timedelta(days=back)


def weekday_after(anchor: date, weekday: int) -> date:
    """The nearest ``weekday`` (Monday is 0) strictly after ``anchor``."""
    ahead = (weekday - anchor.weekday()) % 7 or 7
    return anchor + timedelta(days=ahead)


def week_of(day: date) -> tuple[date, date]:
    """The Monday-to-Sunday week containing ``day``, as (first day, last day)."""
    first = day - timedelta(days=day.weekday())
    return first, first + timedelta(days=6)


def common_period(first: date, last: date) -> PartialDate | None:
    """The finest month or year containing every day from ``first`` to ``last``.

    ``None`` when the span crosses a new year. A single day gives day precision.
    """
    if first == last:
        return PartialDate.from_date(first)
    if first.year != last.year:
        return None
    if first.month == last.month:
        return PartialDate(first.year, first.month)
    return PartialDate(first.year)
