"""Passages (sentences of cleaned bodies) and formulaic wording that does not count as copying."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from natojp._gc import paused
from natojp._text import ascii_word_spans, split_sentences, token_spans, tokens
from natojp.duplicates._shingles import _distinct_shingles
from natojp.models import Article


@dataclass(slots=True)
class _Passage:
    article: int
    order: int  # sentence index within the article
    text: str
    line: int | None
    tokens: list[str]
    spans: list[tuple[int, int]] | None  # filled only for passages that are reported
    language: str | None = None  # the article's (ISO 639-1): how CJK text is cut into words
    weak: np.ndarray | None = None  # per token: formulaic (names, numbers, stock phrases)


@dataclass(slots=True)
class _Match:
    pa: int
    pb: int
    whole: bool
    score: float
    matched: int
    a_range: tuple[int, int]  # token range on side a
    b_range: tuple[int, int]
    blocks: list[tuple[int, int, int]]


def _passages(articles: Sequence[Article]) -> list[_Passage]:
    """The sentences of the articles' paragraphs with their tokens, in article order.

    Built with the garbage collector paused (see :func:`natojp._gc.paused`): a passage
    and its token list per sentence, all kept, and no reference cycles among them.
    """
    out: list[_Passage] = []
    with paused():
        for ai, article in enumerate(articles):
            order = 0
            language = article.language
            for para in article.paragraphs:
                for sentence in split_sentences(para.text):
                    toks = tokens(sentence, language)
                    out.append(_Passage(ai, order, sentence, para.line, toks, None, language))
                    order += 1
    return out


def _spans(p: _Passage) -> list[tuple[int, int]]:
    if p.spans is None:
        p.spans = token_spans(p.text, p.language)[1]
    return p.spans


FORMULAS: tuple[str, ...] = (
    # Readouts of meetings and calls (ministries, governments, alliances).
    "held a meeting with",
    "held a bilateral meeting with",
    "held a summit meeting with",
    "held a telephone call with",
    "held a telephone talk with",
    "held a video conference with",
    "held a working lunch with",
    "held talks with",
    "the overview of the meeting is as follows",
    "the overview of the talk is as follows",
    "the summary of the meeting is as follows",
    "is as follows",
    "commencing at",
    "for approximately",
    "local time",
    "at the outset",
    "at the beginning of the meeting",
    "at the end of the meeting",
    "the two sides",
    "both sides",
    "the two ministers",
    "the two leaders",
    "exchanged views on",
    "exchanged views",
    "had an exchange of views",
    "shared the view that",
    "shared the recognition that",
    "confirmed that",
    "agreed to continue close communication",
    "agreed to continue",
    "close communication",
    "at all levels",
    "expressed his intention to",
    "expressed her intention to",
    "his excellency",
    "her excellency",
    "end",
    # Wire notices, press-release and site furniture.
    "all rights reserved",
    "this material may not be published broadcast rewritten or redistributed",
    "may not be reproduced",
    "without permission",
    "contributed to this report",
    "for more information",
    "forward looking statements",
    "sign up for",
    "our newsletter",
    "read more",
    "click here",
    "follow us on",
)
"""Stock phrases of readouts, wire notices and press releases (matched on word tokens):
two texts that share them share a genre, not a source, so their words are not evidence
of copying (see :attr:`DuplicatePair.evidence_words`)."""

_FORMULA_TOKENS: dict[str, list[list[str]]] = defaultdict(list)
for _phrase in FORMULAS:
    _words = tokens(_phrase)
    _FORMULA_TOKENS[_words[0]].append(_words)
for _starts in _FORMULA_TOKENS.values():
    _starts.sort(key=len, reverse=True)
_NAME_CONNECTORS = frozenset(
    ["of", "the", "for", "and", "on", "de", "du", "des", "la", "le", "von", "van", "der", "al"]
)
_SENTENCE_BREAK = re.compile(r"[.!?:;\"“”(\[]")
_ASCII_DIGIT = re.compile("[0-9]")
_COMMON_FAMILIES = 3  # wording in this many unrelated articles (or more) is common
_STRONG_WORDS = 12  # words of a near-verbatim passage (not formulaic) that count as strong


def _weak_tokens(p: _Passage) -> np.ndarray:
    """Per token of ``p``: whether it is formulaic, not evidence of copying.

    Formulaic are numbers (dates, times, counts: a template filled in again keeps the
    wording and changes them), names with their titles (runs of two or more capitalised
    words with "of", "the" ... between them, such as "Mr. Mark Rutte, Secretary General
    of the North Atlantic Treaty Organization": every report of an event names the same
    people) and the stock phrases of :data:`FORMULAS`.
    """
    if p.weak is not None:
        return p.weak
    toks = p.tokens
    if p.spans is None and p.text.isascii():  # the words come with the spans
        words, p.spans = ascii_word_spans(p.text)
        spans = p.spans
    else:
        spans = _spans(p)
        words = [p.text[a:b] for a, b in spans]
    n = len(toks)
    weak = np.zeros(n, dtype=bool)
    if len(spans) != n:  # defensive: the tokenisers disagree, assess no token as weak
        p.weak = weak
        return weak
    cap = [w[:1].isupper() for w in words]
    initial = [True] * n
    for i in range(1, n):
        gap = p.text[spans[i - 1][1] : spans[i][0]]
        if gap == " ":  # the common case: no break
            initial[i] = False
            continue
        # "Mr. Rutte", "H.E. Mr.", "U.S. Navy": the point ends an abbreviation.
        abbreviation = gap.strip() == "." and cap[i - 1] and len(words[i - 1]) <= 3
        initial[i] = bool(_SENTENCE_BREAK.search(gap)) and not abbreviation
    # Names with titles: runs of two or more capitalised words, with up to three
    # connectors between them ("Secretary General of the North Atlantic ..."). A word
    # opening a sentence starts a run only when a capitalised word follows it.
    i = 0
    while i < n:
        if not cap[i]:
            i += 1
            continue
        names, j, end = 1, i + 1, i + 1
        while j < n:
            k = j
            while k < n and k - j < 3 and toks[k] in _NAME_CONNECTORS and not cap[k]:
                k += 1
            if k < n and cap[k] and not initial[k]:
                names, j, end = names + 1, k + 1, k + 1
            else:
                break
        if names >= 2:
            weak[i:end] = True
        i = end
    if not p.text.isascii():
        for i, w in enumerate(words):
            if any(c.isdigit() for c in w):
                weak[i] = True
    elif _ASCII_DIGIT.search(p.text):  # ASCII: str.isdigit is 0-9
        for i, w in enumerate(words):
            if _ASCII_DIGIT.search(w):
                weak[i] = True
    if _FORMULA_TOKENS.keys().isdisjoint(toks):
        p.weak = weak
        return weak
    for i, t in enumerate(toks):
        for phrase in _FORMULA_TOKENS.get(t, ()):
            if toks[i : i + len(phrase)] == phrase:
                weak[i : i + len(phrase)] = True
                break
    p.weak = weak
    return weak


def _article_shingles(
    words: dict[int, list[str]], k: int, wanted: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (word ``k``-gram hash, article index) pairs of the articles' tokens;
    with ``wanted`` (sorted distinct hashes), those with one of these hashes only."""
    order = sorted(words)
    hashes, owners = _distinct_shingles([words[i] for i in order], k, k, wanted=wanted)
    return hashes, np.asarray(order, dtype=np.int64)[owners]


def _common_shingles(
    shingles: tuple[np.ndarray, np.ndarray], families: np.ndarray, min_families: int
) -> np.ndarray:
    """Hashes of the word k-grams (``shingles``: :func:`_article_shingles`) found in
    ``min_families`` or more families of articles (``families[i]``: the family of
    article ``i``; articles linked as copies, versions or rewrites are one family):
    wording common across otherwise unrelated articles, such as site furniture, legal
    notices or stock phrases."""
    hashes, owners = shingles
    if not hashes.size:
        return hashes
    # A hash needs min_families articles to be in as many families: keep only those
    # (a small share) before sorting by family.
    if hashes.size > 1 and not bool(np.all(hashes[1:] >= hashes[:-1])):
        at = np.argsort(hashes, kind="stable")
        hashes, owners = hashes[at], owners[at]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    counts = np.diff(np.r_[starts, hashes.size])
    enough = np.repeat(counts >= min_families, counts)
    hashes, owners = hashes[enough], owners[enough]
    if not hashes.size:
        none: np.ndarray = hashes
        return none
    family = families[owners]
    # Sorted by hash, then family: count the distinct families of each hash.
    at = np.lexsort((family, hashes))
    hashes, family = hashes[at], family[at]
    new_family = np.r_[True, (hashes[1:] != hashes[:-1]) | (family[1:] != family[:-1])]
    hashes = hashes[new_family]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    counts = np.diff(np.r_[starts, hashes.size])
    common: np.ndarray = hashes[starts[counts >= min_families]]
    return common
