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
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from natojp._dates import (
    MONTHS,
    WEEKDAYS,
    PartialDate,
)
from natojp._text import split_sentences
from natojp.models import Article
from natojp.timeline._patterns import _RUNNABLE, _scan_spans, _triggers
from natojp.timeline._resolvers import ABSOLUTE, PUBLICATION, RELATIVE, YEAR_END_BASIS, _is_plan

__all__ = ["ABSOLUTE", "PUBLICATION", "RELATIVE", "YEAR_END_BASIS", "DateMention", "find_mentions"]


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
