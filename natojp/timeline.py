"""The event timeline: dated events mentioned in the article text.

:func:`find_mentions` reads every date expression in an article's cleaned body, one
sentence at a time, and resolves it to a :class:`~natojp._dates.PartialDate`:

* **absolute** dates are written out: ``29 July 2025``, ``July 29, 2025``, ``2025-07-29``,
  ``29.07.2025``, ``April 2025`` and a standalone year (``in 2022``, ``by 2035``,
  ``the 2024 Washington Summit``);
* **relative** dates are resolved against the article's publication date (the
  *anchor*) and only when the anchor is precise enough: ``last month`` needs a month,
  ``on Friday`` a day. Nothing is guessed: without the anchor the mention is kept with
  ``date=None`` and the reason in ``basis``;
* each dated article also gives a **publication** mention.

:func:`build_timeline` groups the mentions into :class:`Event` objects: mentions with
the same date whose sentences share enough distinctive words are one event, even
across articles; different things in the same year stay apart. A month named without
a year in an undated article (``signed in June``) joins an event of that month that
other articles dated, when its passage is similar enough.

What is deliberately *not* read as a date:

* year ranges (``2024-2025``, ``2024–26``, ``2019/20``): a range is a period, not an
  event, and its ends are often estimates; both years are skipped;
* numbers that look like years: part of a larger number (``2,225``, ``12025``),
  followed by ``%`` or a unit (``2025 people``, ``2030 km``), a money amount
  (``$2025``), a reference number (``Resolution 2025``), decades (``1990s``);
* ``YYYY-MM`` in prose (``2011-12`` is usually a season, not December 2011);
* ``may``/``march`` and other month words unless capitalised and in a date context
  (``in May``, ``May 2025``, ``May 12``, ``12 May``); abbreviations (``Jan``,
  ``Dec.``) only with a day or a year; seasons (``last summer``) are recorded as
  unresolved because their months depend on hemisphere and convention.

Cost is linear in the text: the regular expressions are compiled once, each pattern
only runs on sentences holding its triggers (a year, a month, a weekday or its key
words; most sentences hold none, and a paragraph without any is not even split into
sentences), and similarity is only computed inside one date, between mentions that
share a word (an inverted index, with caps for very large dates). About 6 s for 20,000
copies of the seed articles.

Similarity and thresholds are documented at :data:`MERGE_THRESHOLD` and
:data:`ATTACH_THRESHOLD`. The same input gives the same timeline in every process:
nothing follows the iteration order of a set of words, which changes with the hash
seed (sums over word sets are exact, candidates are ranked in sorted word order).

Date words are matched in any letter case but in ASCII letters only (``laſt month`` is
no ``last month``; see :func:`_ci`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache
from itertools import repeat

import pandas as pd
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
from natojp._gc import paused
from natojp._text import normalise, split_sentences, tokens, truncate_words
from natojp.models import Article

__all__ = [
    "ATTACH_THRESHOLD",
    "MERGE_THRESHOLD",
    "DateMention",
    "Event",
    "Timeline",
    "build_timeline",
    "find_mentions",
]

ABSOLUTE = "absolute"
RELATIVE = "relative"
PUBLICATION = "publication"

MERGE_THRESHOLD = 0.35
"""Minimum sentence similarity for two mentions of the same date to be one event.

Similarity is an IDF-weighted overlap coefficient of content words (see
:func:`_similarity`): 0.35 means the shared words carry at least 35% of the weight of
the shorter sentence. Two reports of one event share its names and nouns: the seeds'
two accounts of Rutte's April visit (``Rutte``, ``Kanagawa``, ``Mitsubishi Electric``,
``satellite production facility``) score 0.92. Sentences about different things share
at most the story's common words and a stray noun or two: the highest such pair in the
seeds scores 0.29 (``cybersecurity``, ``joint``), and IDF pushes these lower as the
corpus grows. The threshold sits above that with a margin because a false merge hides
an event while a missed merge only shows one event twice, each with true evidence
(the seeds' two differently worded ``last month`` mentions of the Hague summit in one
article score 0.19 and stay two events).
"""

ATTACH_THRESHOLD = 0.15
"""Minimum similarity for a month-only mention with no usable anchor to join an event.

Only events of the same month are candidates, and the undated side is the mention's
whole passage (its sentence and the neighbouring sentences of its paragraph), because
the sentence with the month often only says ``That joint statement, signed in June``
and names the event in the sentence before. With the month already agreeing, the bar
is lower than :data:`MERGE_THRESHOLD`: it only rejects passages that share nothing
but the story's common words (0.10 or less in the seeds), while the seeds' undated
``signed in June`` passage scores 0.22 against the dated Hague-summit sentence.
"""

MIN_SHARED = 2
"""Shared content words needed before any similarity counts (one word is chance)."""

LABEL_WORDS = 14
"""The longest event label, in words."""

_REPRESENTATIVES = 10  # members of a cluster that new mentions are compared with
_POSTING_CAP = 64  # a word in more clusters of one date than this does not suggest candidates
_CANDIDATE_CAP = 10  # clusters compared per mention (those sharing the most word weight)
_AMBIGUITY_MARGIN = 0.05  # a month-only mention this close to events of two years stays undated


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


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is due) on a date, with the mentions that report it."""

    date: PartialDate
    label: str
    articles: tuple[str, ...]
    evidence: tuple[str, ...]
    mentions: tuple[DateMention, ...]

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return self.date.precision


@dataclass(frozen=True, slots=True)
class Timeline:
    """Events sorted by date, and the date mentions that could not be dated."""

    events: tuple[Event, ...]
    unresolved: tuple[DateMention, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per event: date, start, precision, label, articles, evidence count."""
        return pd.DataFrame(
            [
                {
                    "date": e.date.iso(),
                    "start": pd.Timestamp(e.date.start()),
                    "precision": e.precision,
                    "label": e.label,
                    "articles": len(e.articles),
                    "article_ids": ", ".join(e.articles),
                    "publication": all(m.kind == PUBLICATION for m in e.mentions),
                    "evidence": len(e.evidence),
                }
                for e in self.events
            ],
            columns=[
                "date",
                "start",
                "precision",
                "label",
                "articles",
                "article_ids",
                "publication",
                "evidence",
            ],
        )

    def mentions_frame(self) -> pd.DataFrame:
        """Every mention, dated or not, with its event label (empty when unresolved)."""
        rows: list[dict[str, object]] = []
        for e in self.events:
            rows.extend(_mention_row(m, e.label) for m in e.mentions)
        rows.extend(_mention_row(m, "") for m in self.unresolved)
        return pd.DataFrame(
            rows,
            columns=["article", "date", "expression", "kind", "basis", "sentence", "event"],
        )


def _mention_row(m: DateMention, label: str) -> dict[str, object]:
    return {
        "article": m.article_id,
        "date": m.date.iso() if m.date else "",
        "expression": m.expression,
        "kind": m.kind,
        "basis": m.basis,
        "sentence": m.sentence,
        "event": label,
    }


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
    r"\b(?:will|shall|won't|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|planned|slated)"
    r"\s+to|to\s+be\s+held|plans?\s+to|scheduled\s+for|planned\s+for|slated\s+for|upcoming|"
    r"forthcoming)\b|\w'll\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]|\"“”]|\s[—–]\s|\s-\s")
_SPACES = re.compile(r"\s+")
_PIPE = re.compile(r"\s*\|\s*")

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


def _is_future(sentence: str, start: int) -> bool:
    """Whether the clause leading up to ``start`` is in the future tense."""
    prefix = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(prefix))
    clause = prefix[breaks[-1].end() :] if breaks else prefix
    return _FUTURE.search(clause) is not None


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
    return _Res(PartialDate(int(m.group("y"))), ABSOLUTE, "year written")


# ----- month or day without a year


def _month_day(m: re.Match[str], sentence: str, anchor: PartialDate | None) -> _Res:
    month = _month(m.group("mn"))
    day = int(m.group("d"))
    what = f"{month_name(month)} {day}"
    reason = _need(anchor, "month")
    if reason or anchor is None:
        return _unresolved(f"day and month without year; {reason}", month=month, day=day)
    future = _is_future(sentence, m.start())
    try:
        found = nearest_day(anchor, month, day, after=future)
    except ValueError:
        return _unresolved(f"{what} does not exist in the nearest year", month=month)
    side = "on or after" if future else "on or before"
    note = " (future tense)" if future else ""
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
    future = _is_future(sentence, m.start())
    found = nearest_month(anchor, month, after=future)
    side = "on or after" if future else "on or before"
    note = " (future tense)" if future else ""
    return _Res(found, RELATIVE, f"month without year: nearest {name} {side} {anchor}{note}")


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
    if reason or anchor is None:
        return _unresolved(f"'{word.lower()}'; {reason}")
    found = PartialDate.from_date(anchor.start() + timedelta(days=shift))
    return _Res(found, RELATIVE, f"'{word.lower()}' relative to publication date {anchor}")


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
    elif which == "next" or (which != "last" and _is_future(sentence, m.start())):
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
    present = _triggers(sentence)
    if not _RUNNABLE[present]:
        return []
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str, _Res]] = []
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
                found.append((start, m.group(0).strip(), res))
    found.sort(key=lambda item: item[0])
    return [(expr, res) for _, expr, res in found]


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention with what clustering needs: its passage and a month hint."""

    mention: DateMention
    context: tuple[str, ...]  # the sentence with its neighbours in the paragraph
    position: int
    month: int | None = None
    day: int | None = None


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
            for expression, res in _scan_sentence(sentence, anchor):
                context = tuple(sentences[max(0, i - 1) : i + 2])
                mention = DateMention(
                    article.id,
                    res.date,
                    expression,
                    sentence,
                    res.kind,
                    res.basis,
                    paragraph.line,
                )
                out.append(_Found(mention, context, position, res.month, res.day))
                position += 1
    return out


def find_mentions(article: Article) -> list[DateMention]:
    """Every date mention of ``article``: its publication date first, then text order."""
    return [f.mention for f in _scan(article)]


# --------------------------------------------------------------------------- similarity

_DATE_WORDS = frozenset(
    {m for m in MONTHS}
    | set(WEEKDAYS)
    | set(_NUMBER_WORDS)
    | {
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "today",
        "yesterday",
        "tomorrow",
        "ago",
        "last",
        "next",
        "earlier",
        "later",
        "early",
        "late",
        "mid",
        "since",
        "summer",
        "winter",
        "spring",
        "autumn",
    }
)
_POSSESSIVE = re.compile(r"['’]s\b")


def _stem(word: str) -> str:
    """A light suffix-stripper so that visit/visits/visited and pledge/pledges compare equal."""
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and (word.endswith("ed") or word.endswith("es")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def _content(word: str) -> str | None:
    """The stem of ``word`` if it is a content word, else None (cached: words repeat)."""
    if len(word) < 3 or word.isdigit() or word in ENGLISH_STOP_WORDS or word in _DATE_WORDS:
        return None
    return _stem(word)


def content_words(text: str) -> frozenset[str]:
    """Stemmed content words of ``text``: no stop words, numbers or date words."""
    stems = (_content(w) for w in tokens(_POSSESSIVE.sub("", normalise(text))))
    return frozenset(w for w in stems if w is not None)


class _Stems(dict[str, str | None]):
    """``word -> _content(word)``, filled on first use: a plain dict lookup per token."""

    def __missing__(self, word: str) -> str | None:
        stem = self[word] = _content(word)
        return stem


class _Words:
    """Content words of sentences, each sentence tokenised once (quotes repeat across articles)."""

    def __init__(self) -> None:
        self._cache: dict[str, frozenset[str]] = {}
        self._stems = _Stems()

    def sentence(self, text: str) -> frozenset[str]:
        words = self._cache.get(text)
        if words is None:
            words = self._cache[text] = self._content_words(text)
        return words

    def _content_words(self, text: str) -> frozenset[str]:
        """:func:`content_words`, faster: the same words, collected in the same order."""
        if not text.isascii():  # normalise() changes nothing in ASCII text
            text = normalise(text)
        if "'" in text or "’" in text:  # else _POSSESSIVE has nothing to remove
            text = _POSSESSIVE.sub("", text)
        # filter(None) drops exactly the None of non-content words (a stem is never "").
        return frozenset(filter(None, map(self._stems.__getitem__, tokens(text))))

    def passage(self, sentences: Iterable[str]) -> frozenset[str]:
        return frozenset().union(*(self.sentence(t) for t in sentences))


class _Weights:
    """IDF of words over articles, in the BM25 form ``ln(1 + (N - df + 0.5) / (df + 0.5))``.

    Always positive, close to 0 for a word that every article uses (``NATO`` in a
    NATO corpus) and highest for a word of one article, so that sharing the story's
    ubiquitous words says little and sharing a place or a name says a lot. With one
    article every word weighs the same (plain word overlap).
    """

    def __init__(self, per_article: Iterable[frozenset[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for words in per_article:
            df.update(words)
            n += 1
        self._weights = {w: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
        self._unseen = math.log(1.0 + (n + 0.5) / 0.5)

    def __call__(self, word: str) -> float:
        return self._weights.get(word, self._unseen)

    def total(self, words: Iterable[str]) -> float:
        """The summed weight of ``words``, the same in whatever order they come.

        The iteration order of a set of words changes with the hash seed (from one
        process to the next), and a plain float sum rounds differently in another
        order, moving similarities near a threshold or a tie. ``math.fsum`` is exact
        (correctly rounded), so independent of the order, and as fast here as ``sum``.
        """
        return math.fsum(map(self._weights.get, words, repeat(self._unseen)))


@dataclass(slots=True)
class _Item:
    """A mention being clustered: its content words and their total IDF weight."""

    found: _Found
    words: frozenset[str]
    weight: float
    attached: bool = False  # joined by month only (see _attach), not dated by its own text


def _item(found: _Found, words: frozenset[str], idf: _Weights) -> _Item:
    return _Item(found, words, idf.total(words))


def _similarity(a: _Item, b: _Item, idf: _Weights) -> float:
    """IDF-weighted overlap coefficient of two word sets (0 with < MIN_SHARED shared words).

    ``sum(idf(shared)) / min(sum(idf(a)), sum(idf(b)))``: a short report of an event
    contained in a longer one scores high, as it should, and words common to the whole
    corpus count for little.
    """
    shared = a.words & b.words
    if len(shared) < MIN_SHARED:
        return 0.0
    return idf.total(shared) / min(a.weight, b.weight)


class _Index:
    """An inverted index word -> groups (clusters or events), to find candidates cheaply.

    A word in more than ``_POSTING_CAP`` groups is too common to suggest candidates
    and is skipped, so a lookup costs at most ``_POSTING_CAP`` steps per word.
    """

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}
        self._seen: dict[int, set[str]] = defaultdict(set)

    def add(self, group: int, words: frozenset[str]) -> None:
        seen = self._seen[group]
        for w in words - seen:
            self._postings.setdefault(w, []).append(group)
        seen |= words

    def candidates(self, words: frozenset[str], idf: _Weights, limit: int) -> list[int]:
        """The ``limit`` groups sharing the most word weight with ``words``.

        Ties go to the earlier group. The words are visited in sorted order, not in set
        order (which changes with the hash seed), so each group's weight is added up in
        the same order in every process.
        """
        hits: dict[int, float] = {}
        hit = hits.get  # bound once: this loop runs for every word of every mention
        postings = self._postings
        for w in sorted(words):
            posting = postings.get(w)
            if posting is None or len(posting) > _POSTING_CAP:
                continue
            weight = idf(w)
            for g in posting:
                hits[g] = hit(g, 0.0) + weight
        # Groups by number, then (a stable sort) by weight: what heapq.nlargest would
        # return, but sorted() runs in C while nlargest loops in Python over every hit.
        return sorted(sorted(hits), key=hits.__getitem__, reverse=True)[:limit]


def _cluster(items: list[_Item], idf: _Weights) -> list[list[_Item]]:
    """Greedy single-link clustering of one date's mentions by sentence similarity.

    Each mention joins the cluster holding its most similar earlier mention if that
    similarity reaches :data:`MERGE_THRESHOLD`, else starts a new cluster. Candidates
    come from an inverted index (:class:`_Index`), so a mention is only compared with
    clusters it shares a word with; to stay linear in huge dates only the
    ``_CANDIDATE_CAP`` clusters sharing the most weight are compared, and only with
    their first ``_REPRESENTATIVES`` members.
    """
    clusters: list[list[_Item]] = []
    representatives: list[list[_Item]] = []  # the first _REPRESENTATIVES of each cluster
    index = _Index()
    total = idf.total
    for item in items:
        words, weight = item.words, item.weight
        best, best_sim = -1, 0.0
        for ci in index.candidates(words, idf, _CANDIDATE_CAP):
            for other in representatives[ci]:
                # _similarity(item, other, idf), inlined (the innermost loop of the
                # timeline); below MIN_SHARED it is 0, which never beats best_sim.
                shared = words & other.words
                if len(shared) < MIN_SHARED:
                    continue
                sim = total(shared) / min(weight, other.weight)
                if sim > best_sim:
                    best, best_sim = ci, sim
        if best >= 0 and best_sim >= MERGE_THRESHOLD:
            target = best
            clusters[target].append(item)
        else:
            target = len(clusters)
            clusters.append([item])
            representatives.append([])
        if len(clusters[target]) <= _REPRESENTATIVES:
            representatives[target].append(item)
            index.add(target, words)
    return clusters


# --------------------------------------------------------------------------- labels


def _label_from(sentence: str, expression: str) -> str:
    """A short label: the clause around ``expression``, widened or cut to fit."""
    start = sentence.find(expression)
    start = max(start, 0)
    bounds = [0]
    for m in _CLAUSE_BREAK.finditer(sentence):
        bounds.extend((m.start(), m.end()))
    bounds.append(len(sentence))
    spans = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    spans = [s for s in spans if sentence[s[0] : s[1]].strip()] or [(0, len(sentence))]
    k = next((i for i, (s, e) in enumerate(spans) if s <= start < e), 0)
    lo = hi = k

    def words(a: int, b: int) -> int:
        return len(sentence[spans[a][0] : spans[b][1]].split())

    while words(lo, hi) < 6 and (lo > 0 or hi < len(spans) - 1):
        if hi < len(spans) - 1:
            hi += 1
        else:
            lo -= 1
    begin, end = spans[lo][0], spans[hi][1]
    text = sentence[begin:end]
    parts = text.split()
    if len(parts) > LABEL_WORDS:
        offset = start - begin
        at = len(text[: max(offset, 0)].split())
        first = max(0, min(at - 6, len(parts) - LABEL_WORDS))
        last = first + LABEL_WORDS
        text = " ".join(parts[first:last])
        text = ("…" if first > 0 else "") + text.strip(" ,;:") + ("…" if last < len(parts) else "")
    text = _PIPE.sub(" — ", text)
    text = _SPACES.sub(" ", text).strip(" ,;:—–-'\"“”‘’()").strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _label(items: list[_Item], idf: _Weights) -> str:
    """Label from the most central sentence of the event (ties: the shortest)."""
    pool = items[:50]
    total = idf.total

    def centrality(it: _Item) -> float:
        # sum(_similarity(it, other, idf) for other in pool if other is not it), with
        # _similarity inlined: up to 2,450 pairs per event. A pair sharing fewer than
        # MIN_SHARED words adds 0.0, which changes no sum, so it is left out.
        words, weight = it.words, it.weight
        return sum(
            total(shared) / min(weight, other.weight)
            for other in pool
            if other is not it
            for shared in (words & other.words,)
            if len(shared) >= MIN_SHARED
        )

    best = min(
        pool,
        key=lambda it: (
            -centrality(it),
            len(it.found.mention.sentence),
            it.found.mention.article_id,
            it.found.position,
        ),
    )
    return _label_from(best.found.mention.sentence, best.found.mention.expression)


def _publication_label(article: Article) -> str:
    who = article.outlet or article.id
    if article.title and article.title_derived:
        return f"{who} publishes an article beginning '{truncate_words(article.title, 8)}'"
    if article.title:
        return f"{who} publishes '{truncate_words(article.title, 10)}'"
    return f"{who} publishes an untitled article"


# --------------------------------------------------------------------------- timeline


def _event(d: PartialDate, label: str, items: Sequence[_Item]) -> Event:
    ordered = sorted(items, key=lambda it: (it.found.mention.article_id, it.found.position))
    evidence: list[str] = []
    seen: set[str] = set()
    for it in ordered:
        s = it.found.mention.sentence
        if s not in seen:
            seen.add(s)
            evidence.append(s)
    return Event(
        date=d,
        label=label,
        articles=tuple(sorted({it.found.mention.article_id for it in ordered})),
        evidence=tuple(evidence),
        mentions=tuple(it.found.mention for it in ordered),
    )


@dataclass(slots=True)
class _Cluster:
    """An event while it is being built: its date, label and member mentions."""

    date: PartialDate
    label: str
    items: list[_Item]


def _attach(
    floating: list[_Found], events: list[_Cluster], idf: _Weights, words: _Words
) -> list[DateMention]:
    """Attach month-only mentions that have no usable anchor to events of that month.

    The mention's passage (its sentence and the neighbouring sentences of its
    paragraph, which name what ``signed in June`` refers to) is compared with the
    sentences of the event's dated mentions; the best event scoring at least
    :data:`ATTACH_THRESHOLD` wins, unless an event of the same month in another year
    scores within ``_AMBIGUITY_MARGIN`` of it. The mention takes that event's year
    (and day, when both name the same day) and says so in its ``basis``. Returns the
    mentions left unattached.
    """
    by_month: defaultdict[int, list[_Cluster]] = defaultdict(list)
    for event in events:
        if event.date.month is not None and event.items[0].found.mention.kind != PUBLICATION:
            by_month[event.date.month].append(event)
    indexes: dict[int, _Index] = {}
    for month, month_events in by_month.items():
        index = indexes[month] = _Index()
        for n, event in enumerate(month_events):
            for it in event.items[:_REPRESENTATIVES]:
                index.add(n, it.words)
    left: list[DateMention] = []
    for f in floating:
        month_events = by_month.get(f.month or 0, [])
        if not month_events:
            left.append(f.mention)
            continue
        mine = _item(f, words.passage(f.context), idf)
        scored: list[tuple[float, int, _Cluster, _Item]] = []
        for n in indexes[f.month or 0].candidates(mine.words, idf, _CANDIDATE_CAP):
            event = month_events[n]
            if f.day is not None and event.date.day is not None and event.date.day != f.day:
                continue
            members = [it for it in event.items[:_REPRESENTATIVES] if not it.attached]
            sim, closest = max(
                ((_similarity(mine, it, idf), it) for it in members), key=lambda pair: pair[0]
            )
            scored.append((sim, n, event, closest))
        scored.sort(key=lambda t: (-t[0], t[1]))
        if not scored or scored[0][0] < ATTACH_THRESHOLD:
            left.append(f.mention)
            continue
        sim, _, event, closest = scored[0]
        rivals = [t for t in scored[1:] if t[2].date.year != event.date.year]
        if rivals and rivals[0][0] >= sim - _AMBIGUITY_MARGIN:
            years = f"{event.date.year} or {rivals[0][2].date.year}"
            left.append(replace(f.mention, basis=f"{f.mention.basis}; ambiguous year ({years})"))
            continue
        day = f.day if event.date.day is not None else None
        when = PartialDate(event.date.year, f.month, day)
        basis = (
            f"{f.mention.basis.removeprefix('unresolved: ')}; attached to the {event.date} "
            f"event '{event.label}' (passage similarity {sim:.2f} with "
            f"{closest.found.mention.article_id})"
        )
        attached = replace(f, mention=replace(f.mention, date=when, basis=basis))
        event.items.append(_Item(attached, mine.words, mine.weight, attached=True))
    return left


def build_timeline(articles: Sequence[Article]) -> Timeline:
    """Group the date mentions of ``articles`` into events.

    1. Publication dates: one event per article (per outlet and title, so syndicated
       copies of one piece share an event).
    2. Dated mentions are bucketed by date; inside a bucket, mentions whose sentences
       score at least :data:`MERGE_THRESHOLD` on :func:`_similarity` are one event.
    3. A mention that names a month but could not be dated (no year and no usable
       anchor) joins the most similar event of that month when its passage scores at
       least :data:`ATTACH_THRESHOLD`; the match is written in its ``basis``.
       Everything else undated goes to :attr:`Timeline.unresolved`.
    """
    with paused():  # a few small objects per mention and sentence, all kept
        return _build_timeline(articles)


def _build_timeline(articles: Sequence[Article]) -> Timeline:
    by_id = {a.id: a for a in articles}
    scanned = {a.id: _scan(a) for a in articles}
    words = _Words()
    # Each article's words: those of every mention's passage (each sentence once; the
    # passages of neighbouring mentions overlap).
    idf = _Weights(
        frozenset().union(
            *map(words.sentence, {t: None for f in found if f.position >= 0 for t in f.context})
        )
        for found in scanned.values()
        if found
    )

    publications: dict[tuple[PartialDate, str, str], list[_Item]] = {}
    buckets: dict[PartialDate, list[_Item]] = defaultdict(list)
    floating: list[_Found] = []
    unresolved: list[DateMention] = []
    for article_id in sorted(scanned):
        for f in scanned[article_id]:
            m = f.mention
            if m.kind == PUBLICATION and m.date is not None:
                a = by_id[article_id]
                key = (m.date, (a.outlet or a.id).casefold(), " ".join(tokens(a.title or a.id)))
                publications.setdefault(key, []).append(_Item(f, frozenset(), 0.0))
            elif m.date is not None:
                buckets[m.date].append(_item(f, words.sentence(m.sentence), idf))
            elif f.month is not None:
                floating.append(f)
            else:
                unresolved.append(m)

    events: list[_Cluster] = []
    for (d, _, _), items in publications.items():
        article = by_id[items[0].found.mention.article_id]
        events.append(_Cluster(d, _publication_label(article), items))
    for d in sorted(buckets, key=lambda d: (d.start(), d.iso())):
        events.extend(_Cluster(d, _label(c, idf), c) for c in _cluster(buckets[d], idf))
    unresolved.extend(_attach(floating, events, idf, words))

    built = [_event(e.date, e.label, e.items) for e in events]
    built.sort(key=lambda e: (e.date.start(), e.label, e.date.precision, e.articles))
    unresolved.sort(key=lambda m: (m.article_id, m.line or 0))
    return Timeline(tuple(built), tuple(unresolved))
