"""Resolvers of date expressions: the pieces of the patterns, future and plan tests, and one
resolver per kind of expression (absolute, month, year, relative)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as date_type
from datetime import timedelta

from natojp._dates import (
    MONTHS,
    WEEKDAYS,
    YEAR_RE,
    PartialDate,
    add_months,
    common_period,
    month_name,
    nearest_day,
    nearest_month,
    week_of,
    weekday_after,
    weekday_before,
)

ABSOLUTE = "absolute"
RELATIVE = "relative"
PUBLICATION = "publication"
YEAR_END_BASIS = "'the end of' a year written: December"
"""The basis of ``by the end of 2025``: a deadline read as December, not an exact date."""


# --------------------------------------------------------------------------- patterns


_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
# Month words in prose are capitalised (or all upper case, as in agency datelines).
# Full names only, for a month on its own; abbreviations too when a day or year follows.
_MF = f"(?:{_MONTH_FULL}|{_MONTH_FULL.upper()})"
_MA = f"(?:{_MONTH_FULL}|{_MONTH_FULL.upper()}|(?:{_MONTH_ABBR}|{_MONTH_ABBR.upper()})\\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ORD = r"(?:st|nd|rd|th)?"
_HYPHEN = "\\-\u2010\u2011"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015/"
_Y = f"(?<![\\w$€£¥#.,/])(?P<y>{YEAR_RE})(?![\\w%]|[.,]\\d)"


def _ci(alternatives: str) -> str:
    """A regex group matching ``alternatives`` in any letter case, in ASCII letters only.

    Plain IGNORECASE also matches four non-ASCII letters to ASCII ones (``ſ`` long s,
    ``K`` Kelvin sign, ``İ`` and ``ı``), and the lower case of ``laſt`` is no key of
    the handlers' tables. The flags are scoped to the words: ``\\s`` and ``\\b`` around
    them stay Unicode (a no-break space still separates ``two`` and ``weeks``).
    """
    return f"(?ai:{alternatives})"


_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = dict(zip(_SMALL_NUMBERS.split(), range(21), strict=True)) | {
    "a": 1,
    "an": 1,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
_VAGUE = ("a few", "few", "several", "many", "some")
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|was|were)\s+(?:also\s+)?(?:set|due|scheduled|expected|"
    r"planned|slated)\s+to|to\s+be\s+held|plans?\s+to|planning\s+to|scheduled\s+for|"
    r"planned\s+for|slated\s+for|upcoming|forthcoming|expects?\s+(?:\w+\s+){0,4}?to|"
    r"expected\s+to|aims?\s+to|aiming\s+to|intends?\s+to|agreed\s+to|pledged\s+to|"
    r"(?:is|are)\s+to|would\s+(?:be|take|begin|start|open|hold|follow|meet|launch)|"
    r"due\s+to\s+(?:be|arrive|begin|start|open|take)|dovrebbe|dovranno|entro)\b|\w'll\b",
    re.IGNORECASE,
)
# A past-tense verb (or a verb of reporting) between a future marker and a date moves the
# date to that verb: "will feed into the talks that he discussed in April". Lower case
# only (not "United"), not "-eed" words (feed, need), and not a participle after a form
# of "be" ("will be held in July" stays future).
_PAST = re.compile(
    r"(?:(?<=[A-Z]\w)|(?<=[A-Z]\w\w)|(?<=[A-Z]\w{3})|(?<=[A-Z]\w{4})|(?<=[A-Z]\w{5})|"
    r"(?<=[A-Z]\w{6})|(?<=[A-Z]\w{7})|\b(?:he|she|it|they|we|who|which|that|when|"
    r"where)|\))\s+(?![a-z]*eed\b)[a-z]{3,}ed\b|"
    r"\b(?:met|said|was|were|took|held|began|made|saw|went|came|told|led|won|gave|became|"
    r"chose|sent|spoke|wrote)\b"
)
# Any past-tense verb in a sentence (wider than _PAST, which only needs to find the verb
# that ends a future marker's reach): a lower-case "-ed" word that is not a common
# adjective, or an irregular past form. Its absence lets a yearless date take its
# future reading when that is much nearer (see _nearer_ahead).
_ANY_PAST = re.compile(
    r"(?<![\w-])(?!(?:planned|scheduled|expected|slated|related|based|advanced|limited|"
    r"detailed|dedicated|hundred|armed|unmanned|uncrewed|crewed|manned|concerned|interested|"
    r"sophisticated|red|bed|need|feed|speed|seed|indeed|proceed|exceed|succeed)\b)[a-z]{2,}ed\b|"
    r"\b(?:was|were|had|did|met|said|took|held|began|made|saw|went|came|told|led|won|gave|"
    r"became|chose|sent|spoke|wrote|got|left|brought|struck|ran|fell|rose|grew|knew|thought|"
    r"found|kept|built|lost|paid|sold|fought|drew|broke|stood|bought|caught|meant|ago)\b"
)
_AHEAD_FACTOR = 2
"""A yearless date with no tense in its sentence takes its future reading when that is
more than this many times nearer the publication date than its past reading."""


def _nearer_ahead(sentence: str, behind: int, ahead: int) -> bool:
    """Whether a date read as past (``behind`` days or months before the publication)
    should rather be read ``ahead`` days or months after it.

    Past is the default reading of a yearless date, as news reports what happened; but
    a sentence with no tense marker at all (no future marker, checked before, and no
    past verb) gives no reason for it, and there the much nearer reading wins: ``A repair
    ship is due on October 3`` three days before, ``the working group in November`` in
    October, ``The Jets host the Alvark Tokyo on Saturday`` on a Thursday.
    """
    return _AHEAD_FACTOR * ahead < behind and _ANY_PAST.search(sentence) is None


_BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were|to|has|have|had)\s+(?:\w+ly\s+)?$")
_FUTURE_AFTER = re.compile(
    r"(?:\s+\S+){0,3}?\s+(?:will|shall|(?:is|are)\s+(?:also\s+)?(?:set|due|scheduled|"
    r"expected|planned|slated)\s+to)\b",
    re.IGNORECASE,
)
# A deadline or target: "by 2030", "by the end of March 2026", "by fiscal 2027".
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|until|till|before|entro)\s+(?:the\s+(?:end|middle|start|beginning)\s+of\s+)?"
    r"(?:(?:early|mid|late)[\s-]+)?(?:(?:the\s+)?(?:fiscal|financial)(?:\s+year)?\s+)?"
    r"(?:l'anno\s+fiscale\s+)?$",
    re.IGNORECASE,
)
_TARGET = re.compile(r"\b(?:targets?|goals?|objectives?|ambitions?|aims?|plans?)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]|\"“”]|\s[—–]\s|\s-\s")
_SPACES = re.compile(r"\s+")

_YEAR_NOT_BEFORE = re.compile(
    r"(?:\b(?:no\.|nos\.|number|resolution|article|section|flight|room|route|page|pages|"
    r"pp\.|p\.|model|version)|US\$|\$|€|£|¥|#)\s*$",
    re.IGNORECASE,
)
# A year after one of these words is a year even if a unit-like word follows it
# ("in 2022 people began ...", "by 2035 troops will ...").
_YEAR_CONTEXT_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|during|before|after|of|the|early|mid|late|around|"
    r"circa|throughout)[\s-]+$",
    re.IGNORECASE,
)
_YEAR_PERCENT_AFTER = re.compile(r"\s*(?:%|°|percent\b|per\s*cent\b|pct\b)", re.IGNORECASE)
_YEAR_UNIT_AFTER = re.compile(
    r"\s+(?:people|persons|residents|troops|soldiers|personnel|km|kilometres|kilometers|"
    r"miles|metres|meters|ft|feet|kg|kilograms|tonnes|tons|hectares|acres|barrels|mw|gw|kw|"
    r"mph|knots|yen|dollars|euros|pounds|yuan|rupees|bn|billion|million|hours|hrs|gmt|utc)\b",
    re.IGNORECASE,
)
# A clock time, whatever precedes it: "until 1800 EDT", "from 1800 to 2100 hrs" (wire
# copy writes times as four digits; they are never years).
_YEAR_CLOCK_AFTER = re.compile(
    f"(?:\\s*(?:to|and|[{_DASHES}])\\s*\\d{{4}})?\\s*(?:hrs|hours|gmt|utc|edt|est|cdt|cst|"
    r"mdt|mst|pdt|pst|bst|cet|cest|jst|hkt|sgt|local\s+time)\b",
    re.IGNORECASE | re.ASCII,
)
# "by the end of 2025", "entro la fine del 2025": December of that year (not after
# "fiscal": a fiscal year often ends in another month).
_YEAR_END_BEFORE = re.compile(r"\b(?:end\s+of|fine\s+(?:del\s+)?)\s*$", re.IGNORECASE)
_RANGE_BEFORE = re.compile(f"\\d\\s*[{_DASHES}]\\s*$")
_RANGE_AFTER = re.compile(f"\\s*[{_DASHES}]\\s*\\d")


@dataclass(frozen=True, slots=True)
class _Res:
    """How one matched expression resolves (``date`` None: unresolved, see ``basis``)."""

    date: PartialDate | None
    kind: str
    basis: str
    month: int | None = None  # a month known without its year (for attachment)
    day: int | None = None


_Handler = Callable[["re.Match[str]", str, PartialDate | None], "_Res | None"]


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _be_before(text: str, at: int) -> bool:
    """``_BE_BEFORE.search(text[:at])``: a match ends in whitespace (both of its
    branches end with ``\\s+``), so text not ending in whitespace is not searched."""
    return at > 0 and text[at - 1].isspace() and _BE_BEFORE.search(text[:at]) is not None


def _is_future(sentence: str, start: int, end: int | None = None) -> bool:
    """Whether the date at ``start`` is stated in the future tense.

    The verb marker nearest before the date decides: a future marker (``will``,
    ``is expected to``, ``plans to``, ``would be held``...) unless a past-tense verb
    follows it before the date (``will feed into the talks he discussed in April``).
    With no marker before it, a future marker right after the date counts (``the talks
    in July are expected to``). Otherwise the date is read as past or present.
    """
    prefix = sentence[:start]
    markers = list(_FUTURE.finditer(prefix))
    if markers:
        last = markers[-1]
        return not any(
            not _be_before(prefix, p.start()) for p in _PAST.finditer(prefix, last.end())
        )
    if end is None:
        return False
    # The marker after the date first: a cheap anchored match, where the scan for past
    # verbs tries every position of the prefix (both must hold; the order is the cost).
    after = sentence[end:]
    brk = _CLAUSE_BREAK.search(after)
    if _FUTURE_AFTER.match(after[: brk.start()] if brk else after) is None:
        return False
    return not any(not _be_before(prefix, p.start()) for p in _PAST.finditer(prefix))


_WEAK_MARKER = re.compile(r"(?:agreed|pledged)\s+to", re.IGNORECASE)


def _weak_future(sentence: str, start: int) -> str | None:
    """The marker when the future marker nearest before ``start`` is a weak one.

    ``agreed to``/``pledged to`` are past verbs that introduce a plan: in ``agreed to
    launch the dialogue on April 14`` the date may be the agreement's (past) or the
    launch's (future). A yearless date after them takes the reading nearer the
    publication date (an April 14 twelve days ago rather than in 353 days).
    """
    markers = list(_FUTURE.finditer(sentence[:start]))
    if markers and _WEAK_MARKER.fullmatch(markers[-1].group(0)):
        return _SPACES.sub(" ", markers[-1].group(0).lower())
    return None


def _is_plan(
    sentence: str, start: int, end: int, date: PartialDate | None, anchor: PartialDate | None
) -> bool:
    """Whether a date mention states a plan or target rather than something that happened.

    A date wholly after the publication date is a plan and one wholly before it happened,
    whatever the wording. A date around the publication date (or with no publication
    date) is a plan when it is stated in the future tense (:func:`_is_future`), as a
    deadline (``by the end of 2025``) or in a sentence about a target or goal.
    """
    if date is not None and anchor is not None:
        if date.start() > _last_day(anchor):
            return True
        if _last_day(date) < anchor.start():
            return False
    # The cheapest test first (pure tests: the order changes only the cost).
    return (
        _TARGET.search(sentence) is not None
        or _DEADLINE_BEFORE.search(sentence[:start]) is not None
        or _is_future(sentence, start, end)
    )


def _last_day(d: PartialDate) -> date_type:
    """The last calendar day a partial date covers."""
    if d.day is not None:
        return d.start()
    return add_months(PartialDate(d.year, d.month or 12), 1).start() - timedelta(days=1)


def _unresolved(reason: str, kind: str = RELATIVE, **hints: int | None) -> _Res:
    return _Res(None, kind, f"unresolved: {reason}", hints.get("month"), hints.get("day"))


def _need(anchor: PartialDate | None, precision: str) -> str | None:
    """Why ``anchor`` cannot resolve an expression needing ``precision`` (None: it can)."""
    if anchor is None:
        return "no publication date"
    order = {"year": 0, "month": 1, "day": 2}
    if order[anchor.precision] < order[precision]:
        return f"the publication date {anchor} has no {precision}"
    return None


# ----- absolute


def _full_date(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    g = m.groupdict()
    month = _month(g["mn"]) if g.get("mn") else int(g["m"])
    try:
        return _Res(PartialDate(int(g["y"]), month, int(g["d"])), ABSOLUTE, "written in full")
    except ValueError:
        return _unresolved(f"{m.group(0)!r} is not a calendar date", ABSOLUTE)


def _month_year(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    return _Res(
        PartialDate(int(m.group("y")), _month(m.group("mn"))), ABSOLUTE, "month and year written"
    )


def _year(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res | None:
    before, after = sentence[: m.start("y")], sentence[m.end("y") :]
    if _YEAR_CLOCK_AFTER.match(after):
        return None  # a clock time
    if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return None  # a year range: skipped on purpose
    if _YEAR_NOT_BEFORE.search(before) or _YEAR_PERCENT_AFTER.match(after):
        return None  # a money amount, a percentage or a reference number
    if _YEAR_UNIT_AFTER.match(after) and not _YEAR_CONTEXT_BEFORE.search(before):
        return None  # a quantity: "2025 people", "2030 km"
    if _YEAR_END_BEFORE.search(before):
        return _Res(PartialDate(int(m.group("y")), 12), ABSOLUTE, YEAR_END_BASIS)
    return _Res(PartialDate(int(m.group("y"))), ABSOLUTE, "year written")


_MONTHS_IT = (
    "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"
)
_MONTH_IT = {name: n for n, name in enumerate(_MONTHS_IT.split("|"), start=1)}


def _italian(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    """An Italian month name with a year (the agency copy of the story is often Italian)."""
    month = _MONTH_IT[m.group("mn").lower()]
    if m.group("d") is None:
        return _Res(PartialDate(int(m.group("y")), month), ABSOLUTE, "month and year written")
    try:
        found = PartialDate(int(m.group("y")), month, int(m.group("d")))
    except ValueError:
        return _unresolved(f"{m.group(0)!r} is not a calendar date", ABSOLUTE)
    return _Res(found, ABSOLUTE, "written in full")


# ----- month or day without a year


def _month_day(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    return _yearless_day(_month(m.group("mn")), int(m.group("d")), m, sentence, anchor)


def _yearless_day(
    month: int, day: int, m: re.Match[str], sentence: str, anchor: PartialDate | None
) -> _Res:
    what = f"{month_name(month)} {day}"
    reason = _need(anchor, "month")
    if reason or anchor is None:
        return _unresolved(f"day and month without year; {reason}", month=month, day=day)
    future = _is_future(sentence, m.start(), m.end())
    weak = _weak_future(sentence, m.start()) if future else None
    try:
        found = nearest_day(anchor, month, day, after=future)
        if weak:  # "agreed to launch on April 14": the agreement's day or the launch's
            before = nearest_day(anchor, month, day)
            if anchor.start() - before.start() < found.start() - anchor.start():
                found, future = before, False
    except ValueError:
        return _unresolved(f"{what} does not exist in the nearest year", month=month)
    side = "on or after" if future else "on or before"
    note = " (future tense)" if future else ""
    if weak:
        note = f" (the nearer reading after {weak!r})"
    elif not future and anchor.day is not None:
        try:
            ahead = nearest_day(anchor, month, day, after=True)
        except ValueError:
            ahead = found
        behind_days = (anchor.start() - found.start()).days
        if _nearer_ahead(sentence, behind_days, (ahead.start() - anchor.start()).days):
            found, side, note = ahead, "on or after", _NO_TENSE
    return _Res(found, RELATIVE, f"day without year: nearest {what} {side} {anchor}{note}")


def _month_alone(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    month = _month(m.group("mn"))
    name = month_name(month)
    which = (m.group("which") or "").lower()
    reason = _need(anchor, "month")
    if reason or anchor is None or anchor.month is None:
        return _unresolved(f"month without year; {reason}", month=month)
    if which == "this":
        return _Res(
            PartialDate(anchor.year, month),
            RELATIVE,
            f"'this {name}': {name} of the publication year {anchor.year}",
        )
    if which == "last":
        found = nearest_month(add_months(anchor, -1), month)
        return _Res(found, RELATIVE, f"'last {name}': nearest {name} before {anchor}")
    if which == "next":
        found = nearest_month(add_months(anchor, 1), month, after=True)
        return _Res(found, RELATIVE, f"'next {name}': nearest {name} after {anchor}")
    future = _is_future(sentence, m.start(), m.end())
    found = nearest_month(anchor, month, after=future)
    side = "on or after" if future else "on or before"
    note = " (future tense)" if future else ""
    weak = _weak_future(sentence, m.start()) if future else None
    if weak:  # "agreed to hold talks in July": the agreement's month or the talks'
        before = nearest_month(anchor, month)
        if _months_apart(before, anchor) < _months_apart(anchor, found):
            found, side = before, "on or before"
        note = f" (the nearer reading after {weak!r})"
    elif not future:
        ahead = nearest_month(anchor, month, after=True)
        if _nearer_ahead(sentence, _months_apart(found, anchor), _months_apart(anchor, ahead)):
            found, side, note = ahead, "on or after", _NO_TENSE
    return _Res(found, RELATIVE, f"month without year: nearest {name} {side} {anchor}{note}")


_NO_TENSE = " (no tense: the much nearer reading)"


_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "new year's eve": (12, 31)}
_HOLIDAYS["new year's day"] = (1, 1)


def _holiday(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    """A holiday of fixed date: ``Christmas Day last year``, ``on New Year's Eve``."""
    name = _SPACES.sub(" ", m.group("h").lower().replace("’", "'"))
    month, day = _HOLIDAYS[name]
    if m.group("y"):
        return _Res(
            PartialDate(int(m.group("y")), month, day), ABSOLUTE, f"{name} of a year written"
        )
    which = (m.group("which") or "").lower()
    if not which:
        return _yearless_day(month, day, m, sentence, anchor)
    reason = _need(anchor, "year")
    if reason or anchor is None:
        return _unresolved(f"{name} of '{which} year'; {reason}", month=month, day=day)
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[which]
    phrase = _SPACES.sub(" ", m.group(0))
    return _Res(PartialDate(year, month, day), RELATIVE, f"'{phrase}' relative to {anchor}")


def _year_end(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    """``by the end of the year``, ``before year-end``: December of the publication year
    (of the year before or after with ``last``/``next``), a deadline like ``by the end of
    2025`` (its basis starts with :data:`YEAR_END_BASIS`)."""
    phrase = _SPACES.sub(" ", m.group(0).lower())
    which = (m.group("which") or "the").lower()
    reason = _need(anchor, "year")
    if reason or anchor is None:
        return _unresolved(f"'{phrase}'; {reason}")
    year = anchor.year + {"the": 0, "this": 0, "last": -1, "next": 1}[which]
    basis = f"{YEAR_END_BASIS} ('{phrase}' relative to publication date {anchor})"
    return _Res(PartialDate(year, 12), RELATIVE, basis)


def _months_apart(a: PartialDate, b: PartialDate) -> int:
    return (b.year - a.year) * 12 + (b.month or 1) - (a.month or 1)


def _month_of_year(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    month = _month(m.group("mn"))
    which = m.group("which").lower()
    reason = _need(anchor, "year")
    if reason or anchor is None:
        return _unresolved(f"month of '{which} year'; {reason}", month=month)
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[which]
    phrase = _SPACES.sub(" ", m.group(0))
    return _Res(PartialDate(year, month), RELATIVE, f"'{phrase}' relative to {anchor}")


# ----- relative to the publication date


def _period(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    phrase = _SPACES.sub(" ", m.group(0).lower())
    unit = m.group("unit").lower()
    rel = m.group("rel") or m.group("rel2")
    offset = {"last": -1, "this": 0, "next": 1}[rel.lower()]
    if unit == "week":
        return _week(phrase, anchor, offset * 7)
    reason = _need(anchor, unit)
    if reason or anchor is None:
        return _unresolved(f"'{phrase}'; {reason}")
    found = add_months(anchor, offset) if unit == "month" else PartialDate(anchor.year + offset)
    return _Res(found, RELATIVE, f"'{phrase}' relative to publication date {anchor}")


def _week(phrase: str, anchor: PartialDate | None, shift_days: int) -> _Res:
    reason = _need(anchor, "day")
    if reason or anchor is None:
        return _unresolved(f"'{phrase}'; {reason}")
    first, last = week_of(anchor.start() + timedelta(days=shift_days))
    found = common_period(first, last)
    span = f"the week {first.isoformat()} to {last.isoformat()}"
    if found is None:
        return _unresolved(f"'{phrase}': {span} spans two years")
    return _Res(found, RELATIVE, f"'{phrase}' relative to publication date {anchor}: {span}")


def _ago(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    phrase = _SPACES.sub(" ", m.group(0).lower())
    count = _SPACES.sub(" ", m.group("n").lower())  # "a\tfew" is "a few"
    unit = m.group("unit").lower()
    if count in _VAGUE or " " in count:
        return _unresolved(f"'{phrase}' is not a definite amount")
    n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    if unit == "week":
        return _week(phrase, anchor, -7 * n)
    reason = _need(anchor, unit)
    if reason or anchor is None:
        return _unresolved(f"'{phrase}'; {reason}")
    if unit == "year":
        found = PartialDate(anchor.year - n)
    elif unit == "month":
        found = add_months(anchor, -n)
    else:
        found = PartialDate.from_date(anchor.start() - timedelta(days=n))
    return _Res(found, RELATIVE, f"'{phrase}' relative to publication date {anchor}")


def _day_word(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res | None:
    word = m.group(0)
    if word == "Today" and sentence[: m.start()].strip(" \"'“‘("):
        return None  # "Japan Today", "USA Today": a name, not a date
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[word.lower()]
    reason = _need(anchor, "day")
    if _in_quotation(sentence, m.start()):
        reason = "in a direct quotation: relative to when it was said, not to the publication"
    if reason or anchor is None:
        return _unresolved(f"'{word.lower()}'; {reason}")
    found = PartialDate.from_date(anchor.start() + timedelta(days=shift))
    return _Res(found, RELATIVE, f"'{word.lower()}' relative to publication date {anchor}")


def _in_quotation(sentence: str, start: int) -> bool:
    """Whether ``start`` lies inside a direct quotation of ``sentence``.

    A quote's ``tomorrow`` counts from the day the words were said (often unknown, and
    often figurative: ``we can sign the cheques tomorrow``), so it is not resolved.
    """
    before = sentence[:start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _weekday(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    name = m.group("wd")
    which = (m.group("which") or "").lower()
    reason = _need(anchor, "day")
    if reason or anchor is None:
        return _unresolved(f"weekday '{name}'; {reason}")
    wd = WEEKDAYS[name.lower()]
    day = anchor.start()
    if which == "this":
        found = week_of(day)[0] + timedelta(days=wd)
        how = f"'{m.group(0)}': {name} of the week of {anchor}"
    elif which not in ("next", "last") and day.weekday() == wd:
        # Wire style names the weekday of the day itself ("agreed Monday", "ends on
        # Thursday" in a Thursday story), where other prose says "today".
        found = day
        how = f"'{m.group(0)}': the publication day {anchor} (a {name})"
    elif which == "next" or (which != "last" and _is_future(sentence, m.start(), m.end())):
        found = weekday_after(day, wd)
        how = f"'{m.group(0)}' (future): first {name} after {anchor}"
    else:
        found = weekday_before(day, wd)
        how = f"'{m.group(0)}': most recent {name} before {anchor}"
        ahead = weekday_after(day, wd)
        if which != "last" and _nearer_ahead(sentence, (day - found).days, (ahead - day).days):
            found = ahead
            how = f"'{m.group(0)}' (no tense: the much nearer reading): first {name} after {anchor}"
    return _Res(PartialDate.from_date(found), RELATIVE, how)


def _season(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    phrase = _SPACES.sub(" ", m.group(0).lower())
    return _unresolved(f"'{phrase}': seasons are not dated (their months depend on convention)")
