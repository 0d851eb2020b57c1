"""Partial calendar dates (year, year-month or full day) and parsing of absolute date strings.

A :class:`PartialDate` never invents precision: ``"July 2025"`` is month precision and
stays so.

* :func:`scan_dates` finds every date written in a string, in text order, as
  :class:`WrittenDate` records that keep both readings of an ambiguous numeric date
  (``03/04/2025``: 3 April or 4 March) and what an unambiguous one proves about the
  writer's order (``25/04/2025``: day first); a weekday written next to an ambiguous
  one settles it (``Thursday 03/04/2025``: 3 April 2025 was a Thursday).
* :func:`parse_date` reads the first date of a string (metadata lines, CSV columns,
  SGML headers, Unix timestamps with ``epoch=True``); an ambiguous one is read only
  with a ``dayfirst`` hint. It returns ``None`` rather than guess.
* :func:`natojp._date_lines.read_date_line` reads a page-header line that states when an article was
  published or updated (``Anadolu staff | 09.04.2025 - Update : 09.04.2025``) and
  rejects every other line: sentences, ranges, event and deadline lines.

Month names are read in English, Italian, French, German, Spanish, Portuguese and Dutch
(``31 ottobre 2025``, ``9. April 2025``, ``9 avril 2025``, ``9 de abril de 2025``), and
Japanese, Chinese and Korean dates as ``2025年4月9日`` (full-width digits too), and
Japanese era dates (``令和7年3月7日`` is 7 March 2025, ``令和元年`` 2019, ``平成31年4月``
April 2019; a date outside its era is no date). Dotted numeric dates
(``09.04.2025``) are day first wherever they are written; with ``/`` or ``-`` the order
must be settled (see :mod:`natojp.metadata.dates`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from natojp._pickling import quick_state

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


@quick_state
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


# --- Month names ---------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text`` (for long word lists)."""
    return tuple(text.split())


_FOREIGN_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "it": _words(
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre"
    ),
    "fr": _words(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ),
    "de": _words(
        "januar februar märz april mai juni juli august september oktober november dezember"
    ),
    "es": _words(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    "pt": _words(
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
    ),
    "nl": _words(
        "januari februari maart april mei juni juli augustus september oktober november december"
    ),
}
"""Full month names, January first, of the languages other than English that natojp reads."""

_FOREIGN_SPELLINGS: dict[str, int] = {
    "fevrier": 2, "aout": 8, "decembre": 12, "jänner": 1, "maerz": 3, "setiembre": 9,
}  # fmt: skip
_FOREIGN_ABBREVIATIONS: dict[str, int] = {
    # Read only in a full day-month-year date ("9 ago 2025"): alone, several are words.
    "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "dic": 12,
    "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12,
    "mär": 3, "okt": 10, "dez": 12, "ene": 1, "abr": 4, "fev": 2, "out": 10,
}  # fmt: skip

FOREIGN_MONTHS: dict[str, int] = {
    name: i
    for names in _FOREIGN_MONTH_NAMES.values()
    for i, name in enumerate(names, start=1)
    if name not in MONTHS
}
FOREIGN_MONTHS.update(_FOREIGN_SPELLINGS)
"""Full month names in Italian, French, German, Spanish and Portuguese (lower case) that
are not English month names: such a name tells that a text is not in English."""

_FULL_MONTHS: dict[str, int] = {**MONTHS, **FOREIGN_MONTHS}
_ALL_MONTHS: dict[str, int] = {**_FULL_MONTHS, **_FOREIGN_ABBREVIATIONS}
ALL_MONTHS: dict[str, int] = dict(_ALL_MONTHS)
"""Every month name and abbreviation natojp reads (lower case), English and the others
(``aprile``, ``avr``, ``abr``), to month numbers."""


def month_alternation(names: dict[str, int] | tuple[str, ...]) -> str:
    """A pattern matching any of ``names`` in any letter case, the longest first ("marzo"
    before "mar"). A match is looked up lower-cased in ``names``, which rules out
    Unicode look-alikes (Auguſt).

    The names are written as a tree of their letters (``ma(?:r(?:zo|s|ch)?|y|...)``):
    the regular expression engine tries one branch per letter instead of every name at
    every position, which makes the month-name patterns of :func:`scan_dates` about
    three times as fast as a flat list of names; it matches the same texts."""
    trie: dict[str, dict[str, Any]] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict[str, Any]]) -> str:
        parts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?i:" + branch(trie) + ")"


_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９／．－：", "0123456789/.-:")

# --- Dates as written ----------------------------------------------------------------------

DateOrder = Literal["dmy", "mdy"]


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """One date written in a string, with every reading it allows.

    ``readings`` has one date, or two when day and month may be swapped (``03/04/2025``:
    3 April day-first, 4 March month-first, in that order). ``proves`` is the order a
    numeric date with ``/`` or ``-`` can only be read in (``25/04/2025`` proves
    day-first), the evidence that settles other numeric dates of the same text.
    ``foreign_month`` is True when the month is named in a language other than English.
    ``weekday`` is the weekday written next to a numeric date that only one of its two
    readings falls on (``Thursday 03/04/2025``: 3 April 2025 was a Thursday, 4 March a
    Tuesday): the date then has that one reading, and proves the order it is written in.
    """

    text: str
    start: int
    end: int
    readings: tuple[PartialDate, ...]
    proves: DateOrder | None = None
    foreign_month: bool = False
    weekday: str | None = None

    @property
    def ambiguous(self) -> bool:
        """Whether day and month may be swapped (two readings)."""
        return len(self.readings) > 1

    @property
    def date(self) -> PartialDate | None:
        """The date when it is not ambiguous, else ``None``."""
        return self.readings[0] if len(self.readings) == 1 else None

    def read(self, dayfirst: bool | None) -> PartialDate | None:
        """The date, an ambiguous one read day-first or month-first as told (``None``:
        not read)."""
        if len(self.readings) == 1:
            return self.readings[0]
        return None if dayfirst is None else self.readings[0 if dayfirst else 1]


_DAY_SUFFIX = r"(?:st|nd|rd|th|er|º|°)?"
_SCANS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 2025-07-29, 2025/07/29, 2025.07.29, 2025-07-29T04:52:00Z (never year-day-month)
    (
        "ymd",
        re.compile(
            rf"(?<![\d.])(?P<y>{YEAR_RE})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?!\d)"
        ),
    ),
    # 2025年4月9日, 2025年4月 (Japanese, Chinese), 2025년 4월 9일 (Korean)
    (
        "cjk",
        re.compile(
            rf"(?<!\d)(?P<y>{YEAR_RE})\s*[年년]\s*(?P<m>\d{{1,2}})\s*[月월]"
            r"(?:\s*(?P<d>\d{1,2})\s*[日일])?"
        ),
    ),
    # 29 July 2025, 29-MAR-1987, 9. April 2025, 1er avril 2025, 9 de abril de 2025
    (
        "dmy",
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}}){_DAY_SUFFIX}\.?(?:\s+de)?[\s\-./]+(?P<mn>{month_alternation(_ALL_MONTHS)})"
            rf"{_NOT_LETTER_AFTER}\.?,?(?:\s+del?)?[\s\-./]+(?P<y>{YEAR_RE})(?!\d)"
        ),
    ),
    # July 29, 2025 / July 29 2025 / Sept. 5, 2025 (English)
    (
        "mdy",
        re.compile(
            rf"{_NOT_LETTER_BEFORE}(?P<mn>{month_alternation(MONTHS)}){_NOT_LETTER_AFTER}\.?\s+"
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR_RE})(?!\d)"
        ),
    ),
    # 29.07.2025 (day first), 29/07/2025, 07/29/2025, 03-04-2025 (either way)
    (
        "num",
        re.compile(
            rf"(?<![\d./-])(?P<a>\d{{1,2}})(?P<s>[./-])(?P<b>\d{{1,2}})(?P=s)(?P<y>{YEAR_RE})(?!\d)"
        ),
    ),
    # July 2025, luglio 2025, abril de 2025
    (
        "my",
        re.compile(
            rf"{_NOT_LETTER_BEFORE}(?P<mn>{month_alternation(_FULL_MONTHS)}){_NOT_LETTER_AFTER}\.?,?\s+"
            rf"(?:del?\s+)?(?P<y>{YEAR_RE})(?!\d)"
        ),
    ),
    # 2025-07
    ("ym", re.compile(rf"(?<!\d)(?P<y>{YEAR_RE})-(?P<m>\d{{2}})(?![\d-])")),
)


def _written(kind: str, m: re.Match[str]) -> WrittenDate | None:
    """The :class:`WrittenDate` of one match of :data:`_SCANS`, or None if it is no date."""
    g = m.groupdict()
    year = int(g["y"])
    proves: DateOrder | None = None
    foreign = False
    if kind == "num":
        a, b = int(g["a"]), int(g["b"])
        if g["s"] == ".":  # dotted dates are day-first wherever they are written
            readings: tuple[PartialDate | None, ...] = (_safe(year, b, a),)
        else:
            dmy, mdy = _safe(year, b, a), _safe(year, a, b)
            if dmy is not None and mdy is not None and dmy != mdy:
                readings = (dmy, mdy)
            elif dmy is not None:
                readings, proves = (dmy,), ("dmy" if a > 12 else None)
            else:
                readings, proves = (mdy,), ("mdy" if b > 12 else None)
    else:
        if g.get("mn"):
            name = g["mn"].lower()
            month: int | None = _ALL_MONTHS.get(name)
            foreign = name in FOREIGN_MONTHS or name in _FOREIGN_ABBREVIATIONS
        else:
            month = int(g["m"])
        if month is None:
            return None
        readings = (_safe(year, month, int(g["d"]) if g.get("d") else None),)
    if any(r is None for r in readings):
        return None
    return WrittenDate(
        m.group(0),
        m.start(),
        m.end(),
        tuple(r for r in readings if r is not None),
        proves,
        foreign,
    )


_ERA = re.compile(
    r"(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?"
)
_ERAS: dict[str, tuple[int, date, date | None]] = {
    "令和": (2019, date(2019, 5, 1), None),
    "平成": (1989, date(1989, 1, 8), date(2019, 4, 30)),
    "昭和": (1926, date(1926, 12, 25), date(1989, 1, 7)),
}
"""Japanese eras: the Gregorian year of the era's first year (元年), its first day and
its last day (``None``: the present era)."""


def _may_have_era(text: str) -> bool:
    """Whether ``text`` may hold a Japanese era date (``令和7年3月7日``): a quick test."""
    return "年" in text and ("令和" in text or "平成" in text or "昭和" in text)


def _era_date(m: re.Match[str]) -> WrittenDate | None:
    """The date of one match of :data:`_ERA`: ``令和7年3月7日`` is 7 March 2025 (令和元年
    is 2019), ``平成31年4月`` April 2019; ``None`` for a date outside its era (``令和元年
    3月``: Reiwa began on 1 May 2019; ``平成32年``)."""
    base, first, last = _ERAS[m.group("era")]
    n = 1 if m.group("n") == "元" else int(m.group("n"))
    if n < 1:
        return None
    when = _safe(base + n - 1, int(m.group("m")), int(m.group("d")) if m.group("d") else None)
    if when is None:
        return None
    if when.precision == "day":
        lo = hi = when.start()
    else:  # a month overlapping the era
        lo = when.start()
        hi = date(when.year, when.month or 12, calendar.monthrange(when.year, when.month or 12)[1])
    if hi < first or (last is not None and lo > last):
        return None
    return WrittenDate(m.group(0), m.start(), m.end(), (when,))


_YEARISH = re.compile(rf"(?<!\d)(?:{YEAR_ALTERNATIVES})(?!\d)")
_YEAR_HINT = re.compile(r"[12１２]\d\d\d")
"""Four digits that may be a year, full-width ones too: a quick test that a text may
hold a date at all (three times as fast as :data:`_YEARISH`, and no translation)."""
_BEFORE_YEAR = 48  # "29th of September, 2025", "9 de septiembre de 2025" with wide spacing
_AFTER_YEAR = 24  # "2025 年 12 月 31 日"


def scan_dates(text: str) -> tuple[WrittenDate, ...]:
    """Every absolute date written in ``text`` (day, month or year-month), in text order.

    Where two readings overlap (``29 July 2025`` holds ``July 2025``) the one that starts
    first, then the longer, is kept. Full-width digits count as digits. Bare years are
    not dates here. Offsets are those of ``text``. A numeric date next to a weekday
    that only one of its readings falls on is read that way (``Thursday 03/04/2025``,
    ``jeudi 03/04/2025``, ``03/04/2025 (Thu)``: 3 April 2025; see
    :attr:`WrittenDate.weekday`).
    """
    if not text:
        return ()
    era = _may_have_era(text)
    if _YEAR_HINT.search(text) is None and not era:
        return ()
    if not text.isascii():
        text = text.translate(_FULLWIDTH_DIGITS)  # one character for one: offsets hold
    # Every date form has a year, and no form is longer than _BEFORE_YEAR characters
    # before it or _AFTER_YEAR after it: the patterns only run around the years.
    windows: list[list[int]] = []
    for y in _YEARISH.finditer(text):
        lo, hi = max(0, y.start() - _BEFORE_YEAR), y.end() + _AFTER_YEAR
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    if not windows and not era:
        return ()
    cjk = "年" in text or "년" in text
    found: list[WrittenDate] = []
    if era:  # 令和7年3月7日: no four-digit year to find it by
        found.extend(w for m in _ERA.finditer(text) if (w := _era_date(m)) is not None)
    for kind, pattern in _SCANS:
        if kind == "cjk" and not cjk:
            continue
        for lo, hi in windows:
            for m in pattern.finditer(text, lo, hi):
                w = _written(kind, m)
                if w is not None:
                    found.append(w)
    found.sort(key=lambda w: (w.start, w.start - w.end))
    kept: list[WrittenDate] = []
    for w in found:
        if not kept or w.start >= kept[-1].end:
            kept.append(w if not w.ambiguous else _by_weekday(w, text))
    return tuple(kept)


def _by_weekday(w: WrittenDate, text: str) -> WrittenDate:
    """``w`` with the one reading that falls on the weekday written next to it
    (``Thursday 03/04/2025``, ``Thu, 03/04/2025``, ``03/04/2025 (Thu)``), if there is one
    and only one reading falls on it; else ``w`` as it is."""
    before = _WEEKDAY_BEFORE.search(text, max(0, w.start - 24), w.start)
    after = None if before else _WEEKDAY_AFTER.match(text, w.end, w.end + 24)
    found = before or after
    if found is None:
        return w
    name = found.group("wd") or found.group("wd_cjk")
    weekday = _WEEKDAY_NUMBERS.get(name.lower())
    on_it = [r for r in w.readings if weekday is not None and r.start().weekday() == weekday]
    if len(on_it) != 1:
        return w
    order: DateOrder = "dmy" if on_it[0] == w.readings[0] else "mdy"
    return WrittenDate(w.text, w.start, w.end, (on_it[0],), order, w.foreign_month, name)


_YEAR_ONLY = re.compile(rf"^\s*(?P<y>{YEAR_RE})\s*$")
_NUMBER = re.compile(r"\s*(?P<n>\d{8}|\d{9,10}|\d{12,13})(?:\.\d+)?\s*")


def _from_number(text: str) -> PartialDate | None:
    """A structured value written as a number: ``YYYYMMDD``, or Unix time in seconds
    (9-10 digits) or milliseconds (12-13 digits), as a UTC calendar day."""
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    digits = m.group("n")
    if len(digits) == 8:
        return _safe(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    seconds = int(digits) / (1000 if len(digits) > 10 else 1)
    try:
        return PartialDate.from_date(datetime.fromtimestamp(seconds, UTC).date())
    except (OverflowError, OSError, ValueError):
        return None


def parse_date(
    text: str, *, dayfirst: bool | None = None, epoch: bool = False
) -> PartialDate | None:
    """Read the first absolute date written in ``text``.

    Handles ISO dates and timestamps (``2017-02-07T10:00:00Z``, ``2017/2/7``),
    ``7 February 2017``, ``Feb 7, 2017``, RFC 2822 (``Tue, 07 Feb 2017 10:00:00 GMT``),
    ``07.02.2017``, ``29/07/2025``, ``31-MAR-1987 605:12:19.12`` (Reuters), month names in
    Italian, French, German, Spanish and Portuguese (``31 ottobre 2025``, ``9. April
    2025``, ``9 de abril de 2025``), ``2025年4月9日``, ``July 2025`` and a bare year.

    Numeric dates: dotted ones (``07.02.2017``) are day-first, as everywhere they are
    used. With ``/`` or ``-`` (``03/04/2025``) both orders are possible unless one
    number exceeds 12; such a date is read day-first when ``dayfirst`` is True,
    month-first when it is False, and not read at all when it is ``None`` (the
    default): the result is then ``None``, never a guess.

    ``epoch``: the text is a structured value (a CSV ``timestamp`` cell, a JSON number):
    a bare number is then read as Unix time in seconds or milliseconds (its UTC day) or
    as a compact ``YYYYMMDD`` date.

    Returns ``None`` when no complete date is written; never fills in a missing month or
    day.
    """
    if not text:
        return None
    if epoch:
        number = _from_number(text)
        if number is not None:
            return number
    for written in scan_dates(text):
        return written.read(dayfirst)
    year_only = _YEAR_ONLY.match(text)
    return PartialDate(int(year_only.group("y"))) if year_only else None


# --- Date lines: a line of a page header that states when it was published ---------------

DateKind = Literal["published", "updated"]

_WEEKDAY_NUMBERS: dict[str, int] = {
    name: i % 7
    for names in (
        "monday tuesday wednesday thursday friday saturday sunday",
        "mon tue wed thu fri sat sun mon tues wed thur fri sat sun",
        "mon tue wed thurs fri sat sun",
        "lunedì martedì mercoledì giovedì venerdì sabato domenica",
        "lunedi martedi mercoledi giovedi venerdi sabato domenica",
        "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "montag dienstag mittwoch donnerstag freitag samstag sonntag",
        "lunes martes miércoles jueves viernes sábado domingo",
        "lunes martes miercoles jueves viernes sabado domingo",
        "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
        "segunda-feira terca-feira quarta-feira quinta-feira sexta-feira sabado domingo",
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
        "月 火 水 木 金 土 日",
    )
    for i, name in enumerate(names.split())
}
_WEEKDAY_NUMBERS["sonnabend"] = 5
"""Weekday names (lower case) and abbreviations in the languages natojp reads, and the
Japanese weekday characters (``(木)``), to ``date.weekday()`` numbers (Monday is 0)."""
_WEEKDAY_NAMES = tuple(n for n in _WEEKDAY_NUMBERS if len(n) > 2)
_WEEKDAY_ALTERNATION = "|".join(sorted(_WEEKDAY_NAMES, key=len, reverse=True))
_WEEKDAY = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?i:{_WEEKDAY_ALTERNATION}){_NOT_LETTER_AFTER}\.?|[（(][月火水木金土日][）)]"
)
_WEEKDAY_BEFORE = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?P<wd>(?i:{_WEEKDAY_ALTERNATION})){_NOT_LETTER_AFTER}\.?,?\s*"
    r"(?:[|/·•–—-]\s*)?\Z"
)
_WEEKDAY_AFTER = re.compile(
    rf"\s*[,|·•/–—-]?\s*[(（]?\s*(?P<wd>(?i:{_WEEKDAY_ALTERNATION})){_NOT_LETTER_AFTER}"
    r"|\s*[(（](?P<wd_cjk>[月火水木金土日])[)）]"
)


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
