"""Date expressions in article text, found per sentence and resolved to dates.

:func:`find_mentions` returns an article's :class:`DateMention` records: its publication
date, then every date expression of its paragraphs in text order, each resolved against
the publication date or kept undated with the reason. This module holds the regular
expressions (:data:`_PATTERNS`), their trigger words, the resolvers (one per kind of
expression) and the per-sentence and per-article scans. What is read as a date, and
what deliberately is not, is described in :mod:`natojp.timeline`; grouping the mentions
into events is :mod:`natojp.timeline.events`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date as date_type
from datetime import timedelta

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from natojp._dates import (
    MONTHS,
    WEEKDAYS,
    YEAR_ALTERNATIVES,
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
from natojp._text import split_sentences
from natojp.models import Article

ABSOLUTE = "absolute"
RELATIVE = "relative"
PUBLICATION = "publication"
YEAR_END_BASIS = "'the end of' a year written: December"
"""The basis of ``by the end of 2025``: a deadline read as December, not an exact date."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression in one article, and how (or why not) it was resolved.

    ``date`` is ``None`` when the expression could not be dated (kept for
    transparency; ``basis`` says why). ``sentence`` is the full evidence sentence as
    written; ``line`` is the raw-file line of its paragraph when known.
    """

    article_id: str
    date: PartialDate | None
    expression: str
    sentence: str
    kind: str
    basis: str
    line: int | None = None
    plan: bool = False  # stated as a plan, target or expectation (see _is_plan)


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
    month = _month(m.group("mn"))
    day = int(m.group("d"))
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
    return _Res(found, RELATIVE, f"month without year: nearest {name} {side} {anchor}{note}")


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
    return _Res(PartialDate.from_date(found), RELATIVE, how)


def _season(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    phrase = _SPACES.sub(" ", m.group(0).lower())
    return _unresolved(f"'{phrase}': seasons are not dated (their months depend on convention)")


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
_ALL_KEYS = _PERIOD | _AGO | _DAY_WORD | _SEASON | _LNT
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
    never holds a trigger its paragraph lacks (see :func:`_scan`).
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


# --------------------------------------------------------------------------- not events

# What a date in a page's furniture looks like, as opposed to a date in the story.
_LETTERS = re.compile(r"[^\W\d_]+")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff66-\uff9f]")
_LABEL_WORDS = frozenset(
    {m for m in MONTHS}
    | set(WEEKDAYS)
    | {"am", "pm", "updated", "update", "posted", "published", "created", "modified", "ist"}
)
_LABEL_START = re.compile(
    r"^\W*(?:last\s+(?:updated|modified)|updated?|posted|published|created|modified|"
    r"copyright|©|\(c\)|you\s+(?:might|may)\s+also\s+like|read\s+(?:more|also)|see\s+also)\b",
    re.IGNORECASE,
)
_CLOCK_BEFORE = re.compile(
    r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?)?"
    r"[\s,|·•-]*$",
    re.IGNORECASE,
)
_CLOCK_AFTER = re.compile(r"^[\s,|·•-]*(?:at\s+)?\d{1,2}[:.]\d{2}\b", re.IGNORECASE)
# "TOKYO, April 25 (Jiji Press)--", "April 10 (Reuters) -": an agency dateline.
_DATELINE_AFTER = re.compile(r"^\s*\(\s*[^()\s][^()]{0,40}\)\s*(?:-{1,2}|[—–]|$)")
_BOILERPLATE_BEFORE = re.compile(
    r"(?:\b(?:dating|dates)\s+(?:back\s+)?to|\b(?:founded|established|incorporated|"
    r"headquartered)\s+(?:in\s+)?)\s*$",
    re.IGNORECASE,
)
_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|reported|stated|added)\s+(?:on\s+)?$", re.IGNORECASE
)
_BANNER = re.compile(r"^\W*what\s+to\s+know\s+about\b", re.IGNORECASE)


def _is_label_line(sentence: str) -> bool:
    """Whether a sentence is a label, not prose: a byline, date line, breadcrumb, banner,
    tagline or title-case promo (``Kenta Ishida 08 May 2025``, ``Home > Press Releases >
    2025``, ``Japan's National Daily Since 1922``).

    Prose has verbs and nouns in lower case; these lines have none (only capitalised
    words, stop words, month and weekday names and numbers). Scripts without letter case
    (Japanese, Chinese, Korean) are never judged by this rule.
    """
    if _CJK.search(sentence):
        return False
    for word in _LETTERS.findall(sentence):
        low = word.lower()
        if (
            word[0].islower()
            and len(word) > 2
            and low not in ENGLISH_STOP_WORDS
            and low not in _LABEL_WORDS
        ):
            return False
    return True


def _not_an_event(sentence: str, start: int, end: int) -> str | None:
    """Why the date at ``sentence[start:end]`` is page furniture, not an event (None: it
    may be one): a label line, an update or copyright line, a date with a clock time (a
    time stamp), an agency dateline, a founding or "dating to" year, a banner."""
    if _LABEL_START.search(sentence):
        return "an update, posting or copyright line"
    if _is_label_line(sentence):
        return "a label line (byline, date line, breadcrumb, banner or headline)"
    before, after = sentence[:start], sentence[end:]
    if _CLOCK_BEFORE.search(before) or _CLOCK_AFTER.match(after):
        return "a time stamp (date with a clock time)"
    if _DATELINE_AFTER.match(after):
        return "an agency dateline"
    if _REPORTED_BEFORE.search(before):
        return "the date of a statement about the story (said Friday), not an event"
    if _BOILERPLATE_BEFORE.search(before):
        return "a founding or history year (boilerplate)"
    if _BANNER.search(sentence):
        return "a banner"
    return None


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention with what clustering needs: its passage and a month hint."""

    mention: DateMention
    context: tuple[str, ...]  # the sentence with its neighbours in the paragraph
    position: int
    month: int | None = None
    day: int | None = None
    furniture: str | None = None  # why the date is page furniture, not an event


def _scan(article: Article) -> list[_Found]:
    anchor = article.published
    out: list[_Found] = []
    if anchor is not None:
        evidence = article.title or article.id
        basis = f"publication date ({article.published_basis or 'article metadata'})"
        out.append(
            _Found(
                DateMention(article.id, anchor, anchor.iso(), evidence, PUBLICATION, basis),
                (evidence,),
                -1,
            )
        )
    position = 0
    for paragraph in article.paragraphs:
        # Most paragraphs hold no date at all: test the whole paragraph first and only
        # then split it into sentences (a sentence's triggers are a subset of its
        # paragraph's, see _triggers).
        if not _RUNNABLE[_triggers(paragraph.text, exact=False)]:
            continue
        sentences = split_sentences(paragraph.text)
        for i, sentence in enumerate(sentences):
            for start, end, expression, res in _scan_spans(sentence, anchor):
                context = tuple(sentences[max(0, i - 1) : i + 2])
                mention = DateMention(
                    article.id,
                    res.date,
                    expression,
                    sentence,
                    res.kind,
                    res.basis,
                    paragraph.line,
                    _is_plan(sentence, start, end, res.date, anchor),
                )
                furniture = _not_an_event(sentence, start, end)
                out.append(_Found(mention, context, position, res.month, res.day, furniture))
                position += 1
    return out


def find_mentions(article: Article) -> list[DateMention]:
    """Every date mention of ``article``: its publication date first, then text order."""
    return [f.mention for f in _scan(article)]
