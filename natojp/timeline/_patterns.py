"""The date patterns: trigger keys that prefilter sentences, :data:`_PATTERNS` with their
resolvers, and the scan of one sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from natojp._dates import (
    YEAR_ALTERNATIVES,
    YEAR_RE,
    PartialDate,
)
from natojp.timeline._resolvers import (
    _DASHES,
    _DAY,
    _HYPHEN,
    _MA,
    _MF,
    _MONTH_ABBR,
    _MONTH_FULL,
    _MONTHS_IT,
    _NUMBER_WORDS,
    _ORD,
    _WD,
    _Y,
    _ago,
    _ci,
    _day_word,
    _full_date,
    _Handler,
    _holiday,
    _italian,
    _month_alone,
    _month_day,
    _month_of_year,
    _month_year,
    _period,
    _Res,
    _season,
    _weekday,
    _year,
    _year_end,
)

_PREP = (
    f"(?:{_ci('in|since|by|until|till|from|during|through|throughout|before|after|between')}"
    f"|{_ci('end|beginning|start|middle|week|half|part|rest')}\\s+{_ci('of')})"
)
_LNT_WORD = _ci("last|next|this")
_EARLY = _ci("early|late|mid")
_NUM = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

# Triggers: what a sentence must contain for a pattern to be worth running. A pattern
# runs only on sentences holding every trigger bit it needs, and each trigger is a
# necessary condition of the patterns that need it (each of their matches holds it), so
# skipping a pattern never loses a match. Most sentences, and most paragraphs, hold none.
#
# Speed: a regex that starts with ``\b`` or a look-behind (most patterns) is tried at
# every character, while one whose alternatives all start with a literal character lets
# the engine skip to the characters that can begin it, several times faster. So a ``\b``
# test only runs where a literal-led search found a place for it (see _found_at), and
# the relative words are found by substring tests on lower-cased text (_relative_keys).
_D, _M, _R, _W, _YR = 1, 2, 4, 8, 16  # a digit, month, relative word, weekday, year
# Key words of single patterns (see _relative_keys): one bit per relative pattern, and
# _LNT for ``last``, ``next`` or ``this`` (``last April``).
_PERIOD, _AGO, _DAY_WORD, _SEASON, _LNT = 32, 64, 128, 256, 512
# Key words of two more patterns: the end of a year (``by the end of the year``,
# ``before year-end``) and a holiday of fixed date (``Christmas Day``).
_YEAR_END, _HOLIDAY = 4096, 8192
_ALL_KEYS = _PERIOD | _AGO | _DAY_WORD | _SEASON | _LNT | _YEAR_END | _HOLIDAY
_DM = 1024  # a day number before a month (``29 July``, ``12th of May``, ``29-MAR``)
_ND = 2048  # a numeric date (``2025-07-29``, ``29.07.2025``)

_DIGIT = re.compile(r"\d")
_YEAR_NUMBER = re.compile(YEAR_RE)  # in every pattern that reads a year
# Where a month name can start: every month word begins with one of these.
_MONTH_PREFIX = re.compile(
    "|".join(
        sorted(
            {w[:3] for w in f"{_MONTH_FULL}|{_MONTH_ABBR}".split("|")}
            | {w[:3].upper() for w in f"{_MONTH_FULL}|{_MONTH_ABBR}".split("|")}
        )
    )
)
# Every month pattern reads its month as a whole word (``May 12``, not ``Market``).
_MONTH_TOKEN = re.compile(
    f"\\b(?:{_MONTH_FULL}|{_MONTH_FULL.upper()}|{_MONTH_ABBR}|{_MONTH_ABBR.upper()})\\b"
)
_WEEKDAY_NAME = re.compile(_WD)
_WEEKDAY_WORD = re.compile(f"\\b(?:{_WD})")
# One search that finds nothing wherever _YEAR_NUMBER, _MONTH_PREFIX and _WEEKDAY_NAME
# all find nothing (in most text): a flat alternation of literal-led words, as fast as
# any one of them.
_ANY_NAME = re.compile("|".join((YEAR_ALTERNATIVES, _MONTH_PREFIX.pattern, _WD)))
# The numeric dates' two separators, from the digit before the first on.
_NUMERIC_DATE = re.compile(r"\d([-/.])\d{1,2}\1\d")
# The day-first patterns' day, separator and month, from the day's last digit on
# (``12th of May``, ``29-MAR``).
_DAY_MONTH = re.compile(f"\\d{_ORD}(?:\\s+of)?[\\s{_HYPHEN}./]+(?:{_MONTH_PREFIX.pattern})")
_REL_WORD = re.compile(
    r"\b(?:year|month|week|ago|today|yesterday|tomorrow|spring|summer|autumn|fall|winter)",
    re.IGNORECASE,
)
# What the relative patterns need, in lower-cased ASCII text (see _relative_keys).
_AGO_KEY = re.compile(r"\sago\b")
_PERIOD_KEY = re.compile(r"(?:last|this|next)\s+(?:month|year|week)")
_SEASON_KEY = re.compile(r"(?:last|this|next|past|coming)\s+(?:spring|summer|autumn|fall|winter)")
_YEAR_END_KEY = re.compile(f"end\\s+of\\s+(?:the|this|last|next)\\s+year|year[\\s{_HYPHEN}]?end")


def _relative_keys(text: str) -> int:
    """The key-word bits of ``text`` (see _LNT): which relative patterns may match in it.

    Plain substring tests on the lower-cased text first, where a case-insensitive regex
    would try every character. Only for ASCII text, where lower case is exactly what the
    patterns' case-insensitive words match; other text gets every bit (lowering it can
    change its letters and length, as for ``İ`` or ``K``).
    """
    if not text.isascii():
        return _ALL_KEYS
    low = text.lower()
    keys = 0
    if "ago" in low and _AGO_KEY.search(low):  # two years ago
        keys |= _AGO
    if "end" in low and "year" in low and _YEAR_END_KEY.search(low):  # by the end of the year
        keys |= _YEAR_END
    if "christmas" in low or "new year" in low:  # Christmas Day, New Year's Eve
        keys |= _HOLIDAY
    if "today" in low or "yesterday" in low or "tomorrow" in low:
        keys |= _DAY_WORD
    if "last" in low or "this" in low or "next" in low:
        keys |= _LNT
        # last month, earlier this year
        if ("month" in low or "year" in low or "week" in low) and _PERIOD_KEY.search(low):
            keys |= _PERIOD
        # last summer, this coming winter
        if (
            "spring" in low
            or "summer" in low
            or "autumn" in low
            or "fall" in low
            or "winter" in low
        ) and _SEASON_KEY.search(low):
            keys |= _SEASON
    return keys


def _found_at(word: re.Pattern[str], starts: re.Pattern[str], text: str) -> bool:
    """``word.search(text)``, where ``word`` starts with ``\\b`` and each of its matches
    starts where ``starts`` (literal words) matches: ``word`` is only tried there.

    ``starts.finditer`` finds every such place: its matches are letters, so one that
    covered the start of a ``word`` match would break that match's ``\\b``.
    """
    return any(word.match(text, m.start()) for m in starts.finditer(text))


def _triggers(text: str, *, exact: bool = True) -> int:
    """The trigger bits of ``text``: which patterns of :data:`_PATTERNS` may match in it.

    With ``exact=False`` the ``\\b`` tests of relative words and weekdays are left out,
    giving a superset of the bits: enough to skip a whole paragraph, since a sentence
    never holds a trigger its paragraph lacks (see :func:`natojp.timeline.mentions._scan`).
    """
    present = _relative_keys(text)
    if present & ~_LNT and (not exact or _REL_WORD.search(text)):
        present |= _R
    if not _ANY_NAME.search(text):
        return present
    if _found_at(_MONTH_TOKEN, _MONTH_PREFIX, text):
        present |= _M
    # _D only matters together with _M or _YR (no pattern needs a digit alone), and a
    # year is digits: so the digit test is only needed with a month and no year.
    if _YEAR_NUMBER.search(text):
        present |= _YR | _D
        if _NUMERIC_DATE.search(text):
            present |= _ND
    elif present & _M and _DIGIT.search(text):
        present |= _D
    if present & _M and present & _D and _DAY_MONTH.search(text):
        present |= _DM
    if _found_at(_WEEKDAY_WORD, _WEEKDAY_NAME, text) if exact else _WEEKDAY_NAME.search(text):
        present |= _W
    return present


# Priority order: an earlier pattern's match masks later ones that overlap it. Each
# entry: pattern, handler, and the triggers (bits) a sentence needs for it to run.
_PATTERNS: tuple[tuple[re.Pattern[str], _Handler, int], ...] = (
    # 9 and 10 April 2025, 24-25 June 2025: the first day (an event spanning days)
    (
        re.compile(
            f"(?<![\\d.,])(?P<d>{_DAY}){_ORD}\\s*(?:and|to|[{_DASHES}])\\s*{_DAY}{_ORD}\\s+"
            f"(?:of\\s+)?(?P<mn>{_MA}),?\\s+(?P<y>{YEAR_RE})(?!\\d)"
        ),
        _full_date,
        _D | _M | _YR | _DM,
    ),
    # 9 and 10 April, 24-25 June
    (
        re.compile(
            f"(?<![\\d.,])(?P<d>{_DAY}){_ORD}\\s*(?:and|to|[{_DASHES}])\\s*{_DAY}{_ORD}\\s+"
            f"(?:of\\s+)?(?P<mn>{_MA})(?!\\w)"
        ),
        _month_day,
        _D | _M | _DM,
    ),
    # 2025-07-29, 2025/07/29
    (
        re.compile(
            f"(?<![\\d{_DASHES}])(?P<y>{YEAR_RE})([-/.])(?P<m>\\d{{1,2}})\\2(?P<d>\\d{{1,2}})(?!\\d)"
        ),
        _full_date,
        _D | _YR | _ND,
    ),
    # 29 July 2025, 29-MAR-1987, 29th of July, 2025
    (
        re.compile(
            f"(?<![\\d.])(?P<d>{_DAY}){_ORD}(?:\\s+of)?[\\s{_HYPHEN}./]+(?P<mn>{_MA}),?"
            f"[\\s{_HYPHEN}./]+(?P<y>{YEAR_RE})(?!\\d)"
        ),
        _full_date,
        _D | _M | _YR | _DM,
    ),
    # July 29, 2025
    (
        re.compile(f"\\b(?P<mn>{_MA})\\s+(?P<d>{_DAY}){_ORD},?\\s+(?P<y>{YEAR_RE})(?!\\d)"),
        _full_date,
        _D | _M | _YR,
    ),
    # 29.07.2025, 29/07/2025 (day first)
    (
        re.compile(f"(?<![\\d.])(?P<d>{_DAY})([./])(?P<m>\\d{{1,2}})\\2(?P<y>{YEAR_RE})(?!\\d)"),
        _full_date,
        _D | _YR | _ND,
    ),
    # April 2025, Dec. 2024, June of 2024
    (
        re.compile(f"\\b(?P<mn>{_MA}),?\\s+(?:of\\s+)?(?P<y>{YEAR_RE})(?![\\d%]|[.,]\\d)"),
        _month_year,
        _D | _M | _YR,
    ),
    # 29 July, 12th of May
    (
        re.compile(f"(?<![\\d.,])(?P<d>{_DAY}){_ORD}\\s+(?:of\\s+)?(?P<mn>{_MA})(?!\\w)"),
        _month_day,
        _D | _M | _DM,
    ),
    # July 29, May 12th (not "June 5%" or "May 12.5")
    (
        re.compile(f"\\b(?P<mn>{_MA})\\s+(?P<d>{_DAY}){_ORD}(?![\\d%]|[.,]\\d|\\w)"),
        _month_day,
        _D | _M,
    ),
    # November last year, March next year
    (
        re.compile(f"\\b(?P<mn>{_MF}),?\\s+(?P<which>{_LNT_WORD})\\s+{_ci('year')}\\b"),
        _month_of_year,
        _M | _LNT,
    ),
    # last April, next March, this June
    (
        re.compile(f"\\b(?P<which>{_LNT_WORD})\\s+(?P<mn>{_MF})\\b"),
        _month_alone,
        _M | _LNT,
    ),
    # in April, since May, by mid-June, in early July, the end of March
    (
        re.compile(
            f"\\b(?:{_PREP}\\s+(?:{_EARLY}[\\s{_HYPHEN}]+)?"
            f"|{_EARLY}[\\s{_HYPHEN}]+)(?P<which>)(?P<mn>{_MF})\\b"
        ),
        _month_alone,
        _M,
    ),
    # by the end of the year, before year-end, the end of this year (a deadline)
    (
        re.compile(
            f"\\b{_ci('end')}\\s+{_ci('of')}\\s+(?P<which>{_ci('the|this|last|next')})\\s+"
            f"{_ci('year')}\\b|\\b{_ci('year')}[\\s{_HYPHEN}]?{_ci('end')}\\b"
        ),
        _year_end,
        _R | _YEAR_END,
    ),
    # Christmas Day last year, on New Year's Eve, Christmas Day 2024
    (
        re.compile(
            f"\\b(?P<h>{_ci('christmas')}\\s+(?:{_ci('day|eve')})|{_ci('new')}\\s+{_ci('year')}['’]s"
            f"\\s+(?:{_ci('day|eve')}))(?:\\s+(?P<which>{_LNT_WORD})\\s+{_ci('year')}\\b"
            f"|,?\\s+(?P<y>{YEAR_RE})(?!\\d))?\\b"
        ),
        _holiday,
        _HOLIDAY,
    ),
    # last month, earlier this year, next week
    (
        re.compile(
            f"\\b(?:{_ci('earlier|later')}\\s+(?P<rel>{_ci('this')})|(?P<rel2>{_LNT_WORD}))"
            f"\\s+(?P<unit>{_ci('month|year|week')})\\b"
        ),
        _period,
        _R | _PERIOD,
    ),
    # two years ago, 18 months ago, a week ago
    (
        re.compile(
            f"\\b(?P<n>\\d{{1,3}}|{_ci(_NUM)}|{_ci('a')}\\s+{_ci('few')}|{_ci('several|many|some')})"
            f"\\s+(?P<unit>{_ci('year|month|week|day')}){_ci('s')}?\\s+{_ci('ago')}\\b"
        ),
        _ago,
        _R | _AGO,
    ),
    # on Friday, last Thursday, next Monday (not "Fridays", "Black Friday", or a weekday
    # that introduces a written date such as "Tuesday, July 29, 2025")
    (
        re.compile(
            f"(?<!Black )(?<!Good )(?<!Cyber )(?<!Man )"
            f"\\b(?:(?P<which>{_LNT_WORD})\\s+|{_ci('on')}\\s+)?(?P<wd>{_WD})(?!s\\b)\\b"
            f"(?!,?\\s+(?:{_DAY}{_ORD}\\s+{_MA}|{_MA}\\s+{_DAY}))"
        ),
        _weekday,
        _W,
    ),
    (re.compile(f"\\b{_ci('yesterday|today|tomorrow')}\\b"), _day_word, _R | _DAY_WORD),
    (
        re.compile(
            f"\\b(?:{_ci('earlier|later')}\\s+{_ci('this')}|{_LNT_WORD}"
            f"|{_ci('this')}\\s+{_ci('past|coming')})"
            f"\\s+{_ci('spring|summer|autumn|fall|winter')}\\b"
        ),
        _season,
        _R | _SEASON,
    ),
    # dicembre 2022, 5 maggio 2025 (Italian month names, lower case, with a year)
    (
        re.compile(
            f"(?<![\\w.,])(?:(?P<d>{_DAY})\\s+)?(?P<mn>{_ci(_MONTHS_IT)})\\s+(?:{_ci('del')}\\s+)?"
            f"(?P<y>{YEAR_RE})(?![\\d%]|[.,]\\d)"
        ),
        _italian,
        _D | _YR,
    ),
    (re.compile(_Y), _year, _D | _YR),
)


# Whether some pattern can run, for every combination of trigger bits (looked up for
# every paragraph and sentence, so computed once here).
_RUNNABLE: tuple[bool, ...] = tuple(
    any(present & needs == needs for _, _, needs in _PATTERNS)
    for present in range((_D | _M | _R | _W | _YR | _ALL_KEYS | _DM | _ND) + 1)
)


# The patterns whose every match begins with a month word (``July 29``), see _month_led.
_MONTH_LED = frozenset(p for p, _, _ in _PATTERNS if p.pattern.startswith(f"\\b(?P<mn>{_MA})"))


def _month_led(pattern: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)`` for a pattern of :data:`_MONTH_LED`, faster.

    Such a match can only start where a month name starts, so the pattern is only tried
    there (with ``match``, which sees the text before the start for ``\\b`` just as a
    search does) instead of at every character. The matches are the same, in the same
    order: the first at or after the end of the one before.
    """
    end = 0
    for prefix in _MONTH_PREFIX.finditer(sentence):
        start = prefix.start()
        if start >= end and (m := pattern.match(sentence, start)) is not None:
            yield m
            end = m.end()


def _scan_sentence(sentence: str, anchor: PartialDate | None) -> list[tuple[str, _Res]]:
    """The date expressions of one sentence, in text order, with their resolution."""
    return [(expr, res) for _, _, expr, res in _scan_spans(sentence, anchor)]


def _scan_spans(sentence: str, anchor: PartialDate | None) -> list[tuple[int, int, str, _Res]]:
    """:func:`_scan_sentence` with the span of each expression in the sentence."""
    present = _triggers(sentence)
    if not _RUNNABLE[present]:
        return []
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, _Res]] = []
    for pattern, handler, needs in _PATTERNS:
        if present & needs != needs:
            continue
        matches = (
            _month_led(pattern, sentence) if pattern in _MONTH_LED else pattern.finditer(sentence)
        )
        for m in matches:
            start, end = m.span()
            if taken and any(start < e and s < end for s, e in taken):
                continue
            res = handler(m, sentence, anchor)
            taken.append((start, end))  # a rejected year range etc. masks nothing useful
            if res is not None:
                found.append((start, end, m.group(0).strip(), res))
    found.sort(key=lambda item: item[0])
    return found
