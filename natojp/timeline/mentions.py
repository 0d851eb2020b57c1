"""Date expressions in article text, found per sentence and resolved to dates.

:func:`find_mentions` returns an article's :class:`DateMention` records: its publication
date, then every date expression of its paragraphs in text order, each resolved against
the publication date or kept undated with the reason. The regular expressions and
their trigger words are in :mod:`natojp.timeline._patterns`, the resolvers (one per kind
of expression) in :mod:`natojp.timeline._resolvers`; this module holds the per-article
scan and tells page furniture from dates of the story. What is read as a date, and
what deliberately is not, is described in :mod:`natojp.timeline`; grouping the mentions
into events is :mod:`natojp.timeline.events`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from natojp._dates import (
    MONTHS,
    WEEKDAYS,
    PartialDate,
)
from natojp._gc import paused
from natojp._pickling import quick_state
from natojp._stop_words import ENGLISH_STOP_WORDS
from natojp._text import split_sentences
from natojp.models import Article
from natojp.timeline._patterns import _RUNNABLE, _scan_spans, _triggers
from natojp.timeline._resolvers import (
    _ANY_PAST,
    ABSOLUTE,
    PUBLICATION,
    RELATIVE,
    YEAR_END_BASIS,
    _is_plan,
    _last_day,
)

__all__ = [
    "ABSOLUTE",
    "PUBLICATION",
    "RELATIVE",
    "YEAR_END_BASIS",
    "DateMention",
    "FoundDate",
    "find_mentions",
    "scan_dates",
]


@quick_state
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
# "Subscribe to our newsletter: every Tuesday", "Sign up for ...": a promo, not prose.
_PROMO_START = re.compile(
    r"^\W*(?:subscribe|sign\s+up|follow\s+us|download\s+(?:our|the)\s+app|sponsored|"
    r"advertisement)\b",
    re.IGNORECASE,
)
# "© 2025 Defense Pulse Daily", "© RUSI, 2025", "Copyright 2025 The Associated Press":
# the date follows a copyright sign in the same clause (not only at a line's start: the
# sentence splitter often joins the notice to the line before it).
_COPYRIGHT_BEFORE = re.compile(r"(?:©|\(c\)|\bcopyright\b)[^.!?©]{0,60}$", re.IGNORECASE)
# "told The Japan Times in an interview published on Friday", "he said after practice on
# Tuesday", "she said at a news conference on Monday": the date of the statement or of
# the medium that carried it, not of an event of the story.
_OCCASION_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|stated|added|spoke|speaking)\b[^,;:.!?]{0,60}?\b(?:at|during|"
    r"after|following|in)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:practice|training|(?:news|press)\s+conference|briefing|interview|speech|appearance|"
    r"remarks|podcast|statement)(?:\s+(?:published|aired|broadcast|posted|released))?\s+"
    r"(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)
_MEDIUM_BEFORE = re.compile(
    r"\b(?:interview|article|op-?ed|column|commentary|podcast|editorial|essay|piece|blog\s+post)"
    r"s?,?\s+(?:\w+\s+)?(?:was\s+)?(?:published|aired|broadcast|posted|released)\s+"
    r"(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)
# "were not on the agenda this week", "did not meet on Tuesday": a negated clause (but
# "not until 2027", "no later than March" date what they deny the earlier time of).
_NEGATION = re.compile(r"(?:\b(?:not|never)\b|n't\b)(?P<rest>(?:\s+\S+){0,6}?\s*)$", re.I)
_NEGATION_KEEPS = re.compile(
    r"\b(?:until|till|before|after|since|later|earlier|sooner|only|but)\b", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[,;:()\[\]\"“”]|\s[—–-]\s")
# "every Tuesday", "each Friday": a recurring day (a schedule), not a date.
_RECURRING_BEFORE = re.compile(r"\b(?:every|each)\s+(?:other\s+)?$", re.IGNORECASE)
# A date alone in parentheses that ends its line: the date stamp of a related link or
# a promo ("Japan-EU Summit (July 2025)", "…連携（2025/07/24）", "(2025 Update)").
_STAMP_BEFORE = re.compile(r"[(（]\s*$")
_STAMP_AFTER = re.compile(r"^(?:\s+[A-Z]\w*){0,2}\s*[)）]\s*$")
# A year written right after a capitalised word is part of a name: "Election 2026",
# "France 2030 investment programme", "Euronaval 2024" (not "In 2026", "Since 2023",
# "fiscal 2027": a preposition or qualifier before a year makes it a date).
_NAME_BEFORE_YEAR = re.compile(r"(?<![\w'’-])([A-Z][A-Za-z'’&-]*)\s+$")
_NOT_NAMES = frozenset(
    {m for m in MONTHS}
    | set(WEEKDAYS)
    | {"fiscal", "fy", "early", "mid", "late", "circa", "spring", "summer", "autumn", "fall"}
    | {"winter", "year", "christmas", "easter", "calendar", "financial", "around", "about"}
    # the prepositions of the agency copy in other languages ("Bis 2028", "Depuis 2023")
    | {"bis", "seit", "ab", "vor", "nach", "im", "zum", "en", "depuis", "fin", "desde"}
    | {"hasta", "entro", "nel", "dal", "fino", "dopo", "prima"}
)
_YEAR_ONLY = re.compile(r"\d{4}")


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
    may be one): a label line, an update, copyright or promo line, a copyright notice, a
    recurring day (``every Tuesday``), a related link's date stamp in parentheses, a year
    inside a name (``France 2030``), the occasion of a quote (``said after practice on
    Tuesday``) or the date of its medium (``an interview published on Friday``), a
    negated clause (``not on the agenda this week``), a date with a clock time (a time
    stamp), an agency dateline, a founding or "dating to" year, a banner."""
    if _LABEL_START.search(sentence):
        return "an update, posting or copyright line"
    if _PROMO_START.search(sentence):
        return "a promo or subscription line"
    if _is_label_line(sentence):
        return "a label line (byline, date line, breadcrumb, banner or headline)"
    before, after = sentence[:start], sentence[end:]
    if _COPYRIGHT_BEFORE.search(before):
        return "a copyright notice"
    if _RECURRING_BEFORE.search(before):
        return "a recurring day (every Tuesday), a schedule and not a date"
    if _STAMP_BEFORE.search(before) and _STAMP_AFTER.match(after):
        return "the date stamp of a related link or promo (a date alone in parentheses)"
    if (name := _year_name(sentence, start, end)) is not None:
        return f"a year inside a name ({name})"
    if _OCCASION_BEFORE.search(before) or _MEDIUM_BEFORE.search(before):
        return "the occasion of a statement or the date of its medium, not an event"
    if _negated(before):
        return "a negated statement (not on the agenda this week)"
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


def _year_name(sentence: str, start: int, end: int) -> str | None:
    """The name when the year at ``sentence[start:end]`` is part of one (``France 2030``):
    a year right after a capitalised word that is no preposition or date word."""
    year = sentence[start:end]
    name = _NAME_BEFORE_YEAR.search(sentence[:start]) if _YEAR_ONLY.fullmatch(year) else None
    if name is None:
        return None
    word = name.group(1)
    if word.lower() in _NOT_NAMES or word.lower() in ENGLISH_STOP_WORDS:
        return None
    return f"{word} {year}"


def _negated(before: str) -> bool:
    """Whether the clause ending at a date denies it: ``not on the agenda this week``,
    ``did not meet on Tuesday`` (a negation at most six words before the date, in the
    same clause, and not ``not until``, ``no later than``: those date the event)."""
    clause = before[max((b.end() for b in _CLAUSE_END.finditer(before)), default=0) :]
    m = _NEGATION.search(clause)
    return m is not None and _NEGATION_KEEPS.search(m.group("rest")) is None


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A mention with what clustering needs: its passage and a month hint (what
    :func:`scan_dates` reads in an article; :func:`~natojp.timeline.build_timeline`
    groups them)."""

    mention: DateMention
    context: tuple[str, ...]  # the sentence with its neighbours in the paragraph
    position: int
    month: int | None = None
    day: int | None = None
    furniture: str | None = None  # why the date is page furniture, not an event
    # Neither a plan nor told as past: no future marker, no past verb and no publication
    # date before the date ("- 2026: sea trials", a verbless list item of an undated
    # article). Such a mention does not make its event "happened" (see events._event).
    undecided: bool = False


def _scan(article: Article) -> list[FoundDate]:
    anchor = article.published
    out: list[FoundDate] = []
    if anchor is not None:
        evidence = article.title or article.id
        basis = f"publication date ({article.published_basis or 'article metadata'})"
        out.append(
            FoundDate(
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
                undecided = not mention.plan and _undecided(sentence, res.date, anchor)
                out.append(
                    FoundDate(mention, context, position, res.month, res.day, furniture, undecided)
                )
                position += 1
    return out


def scan_dates(articles: Iterable[Article]) -> dict[str, tuple[FoundDate, ...]]:
    """The date mentions of each article with their passages, by id: the per-article
    part of :func:`~natojp.timeline.build_timeline` (about half its time), which it
    takes as ``scanned`` when read earlier. The same for an article whatever else the
    corpus holds."""
    with paused():  # a few small objects per mention, all kept
        return {a.id: tuple(_scan(a)) for a in articles}


def _undecided(sentence: str, date: PartialDate | None, anchor: PartialDate | None) -> bool:
    """Whether a mention that is no plan is not told as past either: no past-tense verb
    in its sentence and no publication date after its date."""
    if date is not None and anchor is not None and _last_day(date) < anchor.start():
        return False
    return _ANY_PAST.search(sentence) is None


def find_mentions(article: Article) -> list[DateMention]:
    """Every date mention of ``article``: its publication date first, then text order."""
    return [f.mention for f in _scan(article)]
