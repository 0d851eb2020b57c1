"""Passage-level duplicate content and the grouping of articles into independent reports.

How it works
------------
1. **Passages**: every sentence of every cleaned body, tokenised (lower case,
   hyphens and apostrophes inside words dropped, punctuation ignored).
2. **Candidates** (:class:`ShingleCandidates`): passages that share at least
   ``min_shared_shingles`` hashed word ``shingle_size``-grams. Built with sorted
   NumPy arrays: the cost grows with the number of shared shingles, not with the
   square of the corpus. Shingles found in more than ``max_shingle_passages``
   passages are boilerplate and do not make candidates.
3. **Verification**: each candidate pair is aligned token by token
   (:class:`difflib.SequenceMatcher`). A pair is a duplicate when the aligned
   words cover at least ``min_score`` of the shorter sentence (the whole sentences
   are the passages), or when one dense aligned region of at least
   ``min_span_words`` words is found (the region is the passage: e.g. a quote
   embedded in differently worded sentences). Pairs that share too few words
   (counted with repetition, for all pairs at once with a sparse matrix) to pass
   either test are dropped before alignment, and one matcher serves all the pairs of
   a passage (difflib indexes its second sequence).
4. **Kinds**: ``verbatim`` (same text), ``near-verbatim`` (score ≥
   ``near_verbatim_score``: the same words with small edits or punctuation),
   ``paraphrase`` (a substantial share of the wording reused). ``quote`` marks
   duplicates that are quoted speech in both articles.
5. **Runs**: consecutive duplicated sentences are merged into one passage. Sentences
   shorter than ``min_passage_words`` have too few shingles to be candidates; they are
   matched through their neighbours: the short sentences next to a near-verbatim
   sentence match that have the same words in both articles join its run, so a copied
   paragraph with a short sentence inside is one passage, not pieces around it.
6. **Independent reports**: two articles are one report when at least 30% of the
   shorter one is shared text outside quotes, when they share two or more
   near-verbatim passages of 12+ words, or one such passage and one names the other's
   outlet as its source (not its own outlet: a copyright line), or when one article is
   at least 80% the other's text. A single shared quote is not enough: two reporters may
   quote the same statement. Formulaic passages (:attr:`DuplicatePair.formulaic`: most
   of their words are names with titles, numbers, stock phrases of :data:`FORMULAS`, or
   word 4-grams found in three or more otherwise unrelated articles) are listed but
   count for neither test. Each passage pair is listed once.
7. **Relations** (:data:`RELATIONS`), from article-level coverage: the share of each
   article's words inside word 5-grams the other also has (short sentences included,
   no word counted twice). ``copy``: both articles at least 90% covered, the same
   article twice. ``version``: at least 60% of the shorter is shared prose and one
   article is at least 80% covered, but the other has material of its own (abridged,
   extended or updated). ``rewrite``: the rest.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any, Protocol

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from natojp._text import escape_markdown, has_cjk, split_sentences, token_spans, tokens
from natojp.config import DuplicateConfig
from natojp.models import Article

_PRIME = np.uint64(1_000_003)


def _kgram_hashes(flat: np.ndarray, k: int) -> np.ndarray:
    """The hash of the ``k``-gram starting at each position of the token hashes ``flat``
    (a polynomial over them, uint64 arithmetic, wrapping); empty when ``flat`` is
    shorter than ``k``."""
    m = max(flat.size - k + 1, 0)
    hashes = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            hashes = hashes * _PRIME + flat[j : j + m]
    return hashes


def _distinct_shingles(
    sequences: Sequence[Sequence[str]], k: int, min_tokens: int, *, stable: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (hashed word ``k``-gram, sequence index) pairs, sorted by hash then index.

    Tokens are numbered by a 64-bit hash and each ``k``-gram is hashed with a
    polynomial over those numbers (uint64 arithmetic, wrapping), all in NumPy.
    Sequences shorter than ``min_tokens`` contribute nothing.

    By default the token hash is Python's string hash: fast, fixed within a process but
    salted per process, which is fine where only equality of shingles matters (the exact
    join). ``stable=True`` hashes each distinct token with BLAKE2b instead, so values
    derived from the hashes themselves (MinHash signatures) are the same in every run.
    """
    n = len(sequences)
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=n)
    total = int(lengths.sum())
    if stable:
        vocab = {
            t: i for i, t in enumerate(dict.fromkeys(itertools.chain.from_iterable(sequences)))
        }
        digests = np.fromiter(
            (
                int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")
                for t in vocab
            ),
            dtype=np.uint64,
            count=len(vocab),
        )
        ids = np.fromiter(
            map(vocab.__getitem__, itertools.chain.from_iterable(sequences)),
            dtype=np.int64,
            count=total,
        )
        flat = digests[ids]
    else:
        flat = np.fromiter(
            map(hash, itertools.chain.from_iterable(sequences)), dtype=np.int64, count=total
        ).view(np.uint64)
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    if flat.size < k:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    m = flat.size - k + 1
    hashes = _kgram_hashes(flat, k)
    starts_owner = owner[:m]
    valid = (starts_owner == owner[k - 1 : k - 1 + m]) & (lengths[starts_owner] >= min_tokens)
    hashes, starts_owner = hashes[valid], starts_owner[valid]
    hashes, starts_owner = _sort_pairs(hashes, starts_owner)
    keep = np.ones(hashes.size, dtype=bool)
    keep[1:] = (hashes[1:] != hashes[:-1]) | (starts_owner[1:] != starts_owner[:-1])
    return hashes[keep], starts_owner[keep]


def _sort_pairs(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``keys`` and ``values`` (pairs by position) sorted by key, then value.

    The same pairs as ``np.lexsort((values, keys))`` gives, several times faster: an
    unstable sort by key, then a sort by (key, value) of the pairs whose key is not
    unique only (within runs of equal keys, already in place).
    """
    order = np.argsort(keys)
    keys, values = keys[order], values[order]
    tied = np.zeros(keys.size, dtype=bool)
    if keys.size > 1:
        same = keys[1:] == keys[:-1]
        tied[1:] = same
        tied[:-1] |= same
    at = np.flatnonzero(tied)
    if at.size:
        values[at] = values[at][np.lexsort((values[at], keys[at]))]
    return keys, values


def _shared_token_bounds(sequences: Sequence[Sequence[str]], pairs: np.ndarray) -> np.ndarray:
    """For each pair ``(i, j)`` of ``pairs``, the number of tokens the two sequences have
    in common counted with repetition (the size of their multiset intersection).

    No alignment of the two can match more tokens, so pairs whose bound is too low need
    no alignment. Each token occurrence is keyed by (token hash, its rank among equal
    tokens of its sequence), which makes the multiset intersection a set intersection:
    a product of rows of one sparse 0/1 matrix. Hash collisions can only raise the
    bound, never lower it.
    """
    # Only the sequences of some pair take part: number them 0..n-1.
    used, inverse = np.unique(pairs, return_inverse=True)
    pairs = inverse.reshape(-1, 2)
    chosen = [sequences[i] for i in used.tolist()]
    n = len(chosen)
    lengths = np.fromiter(map(len, chosen), dtype=np.int64, count=n)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(len(pairs), dtype=np.int64)
    flat = np.fromiter(
        map(hash, itertools.chain.from_iterable(chosen)), dtype=np.int64, count=total
    )
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    order = np.lexsort((flat, owner))
    flat, owner = flat[order], owner[order]
    starts = np.r_[True, (flat[1:] != flat[:-1]) | (owner[1:] != owner[:-1])]
    position = np.arange(total, dtype=np.int64)
    rank = position - np.maximum.accumulate(np.where(starts, position, 0))
    with np.errstate(over="ignore"):
        keys = flat.view(np.uint64) * _PRIME + rank.astype(np.uint64)
    _, columns = np.unique(keys, return_inverse=True)
    ones = np.ones(total, dtype=np.int32)
    matrix = sp.csr_matrix((ones, (owner, columns.ravel())), shape=(n, int(columns.max()) + 1))
    bounds = np.empty(len(pairs), dtype=np.int64)
    step = 100_000  # rows of the two row selections held at once
    for lo in range(0, len(pairs), step):
        chunk = pairs[lo : lo + step]
        both = matrix[chunk[:, 0]].multiply(matrix[chunk[:, 1]])
        bounds[lo : lo + len(chunk)] = np.asarray(both.sum(axis=1)).ravel()
    return bounds


def _group_pair_codes(keys: np.ndarray, owners: np.ndarray, n: int, max_group: int) -> np.ndarray:
    """Pair codes ``lo * n + hi`` of owners sharing a key (``keys`` sorted, groups of
    2..``max_group`` members; larger groups are boilerplate and make no pairs)."""
    boundary = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
    sizes = np.diff(boundary)
    size_of = np.repeat(sizes, sizes)
    pos = np.flatnonzero((size_of >= 2) & (size_of <= max_group))
    # Members after each position in its group: a position pairs with the member d
    # places on while d is at most that, so each step keeps only those positions.
    after = np.repeat(boundary[1:], sizes)[pos] - pos - 1
    codes: list[np.ndarray] = []
    d = 1
    while pos.size:
        keep = after >= d
        pos, after = pos[keep], after[keep]
        a, b = owners[pos], owners[pos + d]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        codes.append(lo[lo != hi] * n + hi[lo != hi])
        d += 1
    return np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)


class ShingleCandidates(BaseEstimator):  # type: ignore[misc]
    """Find pairs of token sequences that share word n-grams, without comparing all pairs.

    An exact postings join: the distinct (shingle, sequence) pairs are sorted by
    shingle, and sequences adjacent in one shingle's run are paired. The cost grows
    with the number of shared shingles, not with the square of the corpus.

    Follows scikit-learn conventions: parameters are set in ``__init__``, ``fit``
    learns ``candidate_pairs_`` (int64 array of shape (m, 2), ``i < j``),
    ``shared_counts_`` (shared distinct shingles per pair) and ``shingle_counts_``
    (distinct shingles per sequence).
    """

    def __init__(
        self,
        shingle_size: int = 4,
        min_shared_shingles: int = 2,
        max_shingle_passages: int = 200,
        min_tokens: int = 8,
    ) -> None:
        self.shingle_size = shingle_size
        self.min_shared_shingles = min_shared_shingles
        self.max_shingle_passages = max_shingle_passages
        self.min_tokens = min_tokens

    def fit(self, sequences: Sequence[Sequence[str]], y: Any = None) -> ShingleCandidates:
        n = len(sequences)
        hashes, owners = _distinct_shingles(sequences, self.shingle_size, self.min_tokens)
        self.shingle_counts_ = np.bincount(owners, minlength=n).astype(np.int64)
        codes = _group_pair_codes(hashes, owners, n, self.max_shingle_passages)
        uniq, counts = np.unique(codes, return_counts=True)
        keep = counts >= self.min_shared_shingles
        uniq, counts = uniq[keep], counts[keep]
        self.candidate_pairs_ = np.stack([uniq // max(n, 1), uniq % max(n, 1)], axis=1).astype(
            np.int64
        )
        self.shared_counts_ = counts.astype(np.int64)
        return self


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """One duplicated passage shared by articles ``a`` and ``b`` (``a == b``: within one).

    ``a_spans`` / ``b_spans`` are character spans of identical wording inside
    ``a_text`` / ``b_text``, for highlighting. ``score`` is the aligned share of the
    shorter passage (0-1).
    """

    a: str
    b: str
    a_text: str
    b_text: str
    score: float
    kind: str
    quote: bool
    shared_words: int
    a_line: int | None = None
    b_line: int | None = None
    a_spans: tuple[tuple[int, int], ...] = ()
    b_spans: tuple[tuple[int, int], ...] = ()
    evidence_words: int | None = None
    """Shared words that count as evidence of copying: not in names with titles, numbers,
    stock formulas (:data:`FORMULAS`) or wording common across otherwise unrelated
    articles. None: not assessed, every shared word counts."""

    @property
    def scope(self) -> str:
        return "within" if self.a == self.b else "across"

    @property
    def evidence(self) -> int:
        """The shared words that count as evidence of copying (see ``evidence_words``)."""
        return self.shared_words if self.evidence_words is None else self.evidence_words

    @property
    def formulaic(self) -> bool:
        """Whether most of the shared wording is formulaic (names with titles, numbers,
        stock phrases, wording common across unrelated articles): listed, but weak
        evidence that one article copies the other."""
        return 2 * self.evidence < self.shared_words


@dataclass(frozen=True, slots=True)
class Dependency:
    """Article ``derivative`` reuses content of ``source``; ``basis`` says how we know.

    ``relation`` is one of :data:`RELATIONS`: ``copy`` (the same article twice: at least
    90% of each article's words are shared text), ``version`` (an abridged, extended or
    updated edition: at least 80% of one article is shared text, but the other has
    material of its own; read the fuller one), ``rewrite`` (a substantial share of the
    text reworked). ``coverage`` is the share of the derivative's words that lie in word
    5-grams the source also has.
    """

    source: str
    derivative: str
    relation: str
    shared_passages: int
    coverage: float
    basis: str

    @property
    def verb(self) -> str:
        """How the derivative relates to the source, e.g. "copies"."""
        return RELATIONS.get(self.relation, self.relation)


@dataclass(frozen=True, slots=True)
class DuplicateResult:
    """Duplicated passages, dependencies between articles and the independent reports."""

    pairs: tuple[DuplicatePair, ...]
    dependencies: tuple[Dependency, ...]
    independent_reports: tuple[tuple[str, ...], ...]
    candidates: int = 0
    stats: dict[str, int] = field(default_factory=dict)
    repeated_bodies: tuple[tuple[str, ...], ...] = ()
    """Groups of articles whose whole bodies have the same words (exact repeats)."""

    def to_frame(self, pairs: Sequence[DuplicatePair] | None = None) -> pd.DataFrame:
        """One row per duplicated passage (of ``pairs``, a selection of :attr:`pairs`)."""
        cols = [
            "a",
            "b",
            "scope",
            "kind",
            "quote",
            "formulaic",
            "score",
            "shared_words",
            "evidence_words",
            "a_text",
            "b_text",
        ]
        rows = [
            {
                "a": p.a,
                "b": p.b,
                "scope": p.scope,
                "kind": p.kind,
                "quote": p.quote,
                "formulaic": p.formulaic,
                "score": p.score,
                "shared_words": p.shared_words,
                "evidence_words": p.evidence,
                "a_text": p.a_text,
                "b_text": p.b_text,
            }
            for p in (self.pairs if pairs is None else pairs)
        ]
        return pd.DataFrame(rows, columns=cols)


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
    out: list[_Passage] = []
    for ai, article in enumerate(articles):
        order = 0
        for para in article.paragraphs:
            for sentence in split_sentences(para.text):
                toks = tokens(sentence, article.language)
                out.append(_Passage(ai, order, sentence, para.line, toks, None, article.language))
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
    toks, spans = p.tokens, _spans(p)
    n = len(toks)
    weak = np.zeros(n, dtype=bool)
    if len(spans) != n:  # defensive: the tokenisers disagree, assess no token as weak
        p.weak = weak
        return weak
    words = [p.text[a:b] for a, b in spans]
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


def _article_shingles(words: dict[int, list[str]], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (word ``k``-gram hash, article index) pairs of the articles' tokens."""
    order = sorted(words)
    hashes, owners = _distinct_shingles([words[i] for i in order], k, k)
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


class _Evidence:
    """The evidence words of many runs (passage matches) at once: the aligned words
    formulaic on neither side, formulaic being :func:`_weak_tokens` or inside a word
    ``k``-gram of ``common`` wording (see :meth:`words`). None for a run within one
    article (it links no articles).

    The tokens of every passage of the runs are laid end to end: their formulaic flags,
    the hashes of their word ``k``-grams (within a passage) and the positions of both
    sides' aligned words are made once, and each ``common`` costs one lookup."""

    def __init__(self, runs: Sequence[list[_Match]], passages: list[_Passage], k: int) -> None:
        self._k = k
        self._within = [passages[r[0].pa].article == passages[r[0].pb].article for r in runs]
        used = sorted({i for r in runs for m in r for i in (m.pa, m.pb)})
        slot = {pi: s for s, pi in enumerate(used)}
        chosen = [passages[i].tokens for i in used]
        lengths = np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen))
        offsets = np.cumsum(lengths) - lengths
        self._total = total = int(lengths.sum())
        self._weak = (
            np.concatenate([_weak_tokens(passages[i]) for i in used])
            if used
            else np.zeros(0, dtype=bool)
        )
        flat = np.fromiter(
            map(hash, itertools.chain.from_iterable(chosen)), dtype=np.int64, count=total
        ).view(np.uint64)
        owner = np.repeat(np.arange(len(used), dtype=np.int64), lengths)
        grams = _kgram_hashes(flat, k)
        m = grams.size
        valid = owner[:m] == owner[k - 1 : k - 1 + m]
        self._starts = np.flatnonzero(valid)
        self._grams = grams[valid]
        # Every aligned word of every run: its position on side a and on side b.
        a_at: list[int] = []
        b_at: list[int] = []
        sizes: list[int] = []
        run_of: list[int] = []
        for r, run in enumerate(runs):
            if self._within[r]:
                continue
            for match in run:
                a_off, b_off = int(offsets[slot[match.pa]]), int(offsets[slot[match.pb]])
                for i, j, size in match.blocks:
                    a_at.append(a_off + i)
                    b_at.append(b_off + j)
                    sizes.append(size)
                    run_of.append(r)
        size_arr = np.asarray(sizes, dtype=np.int64)
        step = np.arange(int(size_arr.sum()), dtype=np.int64) - np.repeat(
            np.cumsum(size_arr) - size_arr, size_arr
        )
        self._a = np.repeat(np.asarray(a_at, dtype=np.int64), size_arr) + step
        self._b = np.repeat(np.asarray(b_at, dtype=np.int64), size_arr) + step
        self._run = np.repeat(np.asarray(run_of, dtype=np.int64), size_arr)

    def words(self, common: np.ndarray | None = None) -> list[int | None]:
        """Each run's evidence words, with ``common`` (sorted distinct k-gram hashes of
        wording common across otherwise unrelated articles) formulaic too."""
        weak = self._weak
        if common is not None and common.size and self._grams.size:
            at = np.minimum(np.searchsorted(common, self._grams), common.size - 1)
            hit = self._starts[common[at] == self._grams]
            delta = np.zeros(self._total + 1, dtype=np.int32)
            delta[hit] += 1
            delta[hit + self._k] -= 1
            weak = weak | (np.cumsum(delta[:-1]) > 0)
        evidence = ~(weak[self._a] | weak[self._b])
        counts = np.bincount(self._run[evidence], minlength=len(self._within)).tolist()
        return [None if within else n for within, n in zip(self._within, counts, strict=True)]


def _article_tokens(passages: list[_Passage]) -> dict[int, list[str]]:
    """Each article's tokens (its sentences' tokens in order), by article index."""
    words: dict[int, list[str]] = defaultdict(list)
    for p in passages:
        words[p.article] += p.tokens
    return words


def _repeated_bodies(
    articles: Sequence[Article], words: dict[int, list[str]]
) -> tuple[tuple[str, ...], ...]:
    """Groups of articles whose bodies have the same word sequence (by hash)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for ai, toks in words.items():
        if toks:
            key = hashlib.blake2b(" ".join(toks).encode(), digest_size=16).hexdigest()
            groups[key].append(articles[ai].id)
    return tuple(sorted(tuple(g) for g in groups.values() if len(g) > 1))


class _Coverage:
    """Article-level coverage: the share of an article's words that lie in a word
    ``_COVER_K``-gram the other article also has. Unlike the shared passages, it
    counts short sentences and never counts a word twice. Hashed k-grams are made once
    per article (Python's string hash: fixed within the process, collisions
    negligible at 64 bits)."""

    def __init__(self, words: dict[int, list[str]]) -> None:
        self._words = words
        self._grams: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._shares: dict[tuple[int, int], float] = {}
        # Facts of articles that _dependencies needs on every call: word counts and
        # whether an article names an outlet.
        self.word_counts: dict[str, int] = {}
        self.named: dict[tuple[str, str | None], bool] = {}

    def _of(self, ai: int) -> tuple[np.ndarray, np.ndarray]:
        if ai not in self._grams:
            toks = self._words.get(ai, [])
            h = np.fromiter(map(hash, toks), dtype=np.int64, count=len(toks)).view(np.uint64)
            grams = _kgram_hashes(h, _COVER_K)
            self._grams[ai] = (grams, np.unique(grams))
        return self._grams[ai]

    def tokens(self, ai: int) -> int:
        """The number of tokens of article ``ai``."""
        return len(self._words.get(ai, []))

    def share(self, x: int, y: int) -> float:
        """The share of article ``x``'s words inside k-grams article ``y`` also has."""
        if (x, y) not in self._shares:
            self._shares[(x, y)] = self._share(x, y)
        return self._shares[(x, y)]

    def _share(self, x: int, y: int) -> float:
        n_tokens = len(self._words.get(x, []))
        if n_tokens < _COVER_K:  # too short for a k-gram: all or nothing
            return float(n_tokens > 0 and self._words[x] == self._words.get(y))
        grams, _ = self._of(x)
        _, other = self._of(y)  # sorted, distinct
        if not other.size:
            return 0.0
        at = np.minimum(np.searchsorted(other, grams), other.size - 1)
        starts = np.flatnonzero(other[at] == grams)
        delta = np.zeros(n_tokens + 1, dtype=np.int32)
        delta[starts] += 1
        delta[starts + _COVER_K] -= 1
        return float(np.count_nonzero(np.cumsum(delta[:-1]))) / n_tokens


def _regions(blocks: list[tuple[int, int, int]], max_gap: int) -> list[list[tuple[int, int, int]]]:
    regions: list[list[tuple[int, int, int]]] = []
    for blk in blocks:
        if regions:
            pa, pb, pn = regions[-1][-1]
            if blk[0] - (pa + pn) <= max_gap and blk[1] - (pb + pn) <= max_gap:
                regions[-1].append(blk)
                continue
        regions.append([blk])
    return regions


def _plausible(
    pairs: np.ndarray, sequences: Sequence[Sequence[str]], config: DuplicateConfig
) -> np.ndarray:
    """The candidate pairs that can pass :func:`_verify`, ordered by second passage.

    A duplicate aligns at least ``min_span_words`` words, or ``min_shared_words`` words
    and ``min_score`` of the shorter passage (identical passages always pass), and no
    alignment matches more than the tokens the two passages share
    (:func:`_shared_token_bounds`): the other pairs are dropped without aligning them.
    The order (by second passage, then first) lets one matcher serve all the pairs of a
    passage; results do not depend on it, matches are sorted afterwards.
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    bounds = _shared_token_bounds(sequences, pairs)
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    la, lb = lengths[pairs[:, 0]], lengths[pairs[:, 1]]
    keep = (
        (bounds >= config.min_span_words)
        | ((bounds >= config.min_shared_words) & (bounds >= config.min_score * np.minimum(la, lb)))
        | ((bounds >= la) & (la == lb))  # possibly identical
    )
    pairs = pairs[keep]
    return pairs[np.lexsort((pairs[:, 0], pairs[:, 1]))]


def _short_neighbours(
    matches: list[_Match], passages: list[_Passage], config: DuplicateConfig
) -> list[_Match]:
    """Matches for the short sentences next to copied sentences.

    A sentence of fewer than ``min_passage_words`` words has too few shingles to be a
    candidate, so a copied paragraph that contains one would be found in pieces around
    it. Walking outwards from every near-verbatim whole-sentence match, the sentences
    that follow (and precede) it in both articles are matched as long as they are short
    and have the same words; the runs then merge across them.
    """
    known = {(m.pa, m.pb) for m in matches}
    found: list[_Match] = []
    n = len(passages)
    for m in matches:
        if not m.whole or m.score < config.near_verbatim_score:
            continue
        article_a, article_b = passages[m.pa].article, passages[m.pb].article
        for step in (-1, 1):
            i, j = m.pa + step, m.pb + step
            while 0 <= i < n and 0 <= j < n and i != j:
                a, b = passages[i], passages[j]
                if (a.article, b.article) != (article_a, article_b):
                    break
                size = len(a.tokens)
                if not 0 < size < config.min_passage_words or a.tokens != b.tokens:
                    break
                if (i, j) not in known:
                    known.add((i, j))
                    found.append(
                        _Match(i, j, True, 1.0, size, (0, size), (0, size), [(0, 0, size)])
                    )
                i, j = i + step, j + step
    return found


def _verify(
    a: _Passage,
    b: _Passage,
    ia: int,
    ib: int,
    config: DuplicateConfig,
    matcher: SequenceMatcher[str] | None = None,
) -> _Match | None:
    """Align ``a`` with ``b``. ``matcher`` (``autojunk=False``) may already hold ``b``'s
    tokens as its second sequence: difflib indexes the second sequence, so comparing
    one passage with many is cheaper with one matcher."""
    ta, tb = a.tokens, b.tokens
    if ta == tb:
        n = len(ta)
        return _Match(ia, ib, True, 1.0, n, (0, n), (0, n), [(0, 0, n)])
    if matcher is None:
        matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    else:
        matcher.set_seq2(tb)  # a no-op when b is already its second sequence
        matcher.set_seq1(ta)
    blocks = [(x.a, x.b, x.size) for x in matcher.get_matching_blocks() if x.size >= 2]
    if not blocks:
        return None
    matched = sum(blk[2] for blk in blocks)
    coverage = matched / min(len(ta), len(tb))
    whole_a = (blocks[0][0], blocks[-1][0] + blocks[-1][2])
    whole_b = (blocks[0][1], blocks[-1][1] + blocks[-1][2])
    best = max(_regions(blocks, max_gap=3), key=lambda r: sum(x[2] for x in r))
    region_matched = sum(x[2] for x in best)
    a_range = (best[0][0], best[-1][0] + best[-1][2])
    b_range = (best[0][1], best[-1][1] + best[-1][2])
    density = region_matched / max(a_range[1] - a_range[0], b_range[1] - b_range[0])
    dense = region_matched >= config.min_span_words and density >= config.min_span_density
    # A dense region that leaves much of both sentences out is the shared passage itself
    # (typically a quote); otherwise the sentences are the passages.
    partial = (a_range[1] - a_range[0]) < 0.8 * len(ta) and (b_range[1] - b_range[0]) < 0.8 * len(
        tb
    )
    if dense and partial:
        return _Match(ia, ib, False, density, region_matched, a_range, b_range, best)
    if (coverage >= config.min_score and matched >= config.min_shared_words) or dense:
        return _Match(ia, ib, True, coverage, matched, whole_a, whole_b, blocks)
    return None


_OPEN_QUOTES = "\"“‘'"

RELATIONS: dict[str, str] = {
    "copy": "copies",
    "version": "is a version of",
    "rewrite": "rewrites",
}
"""Each dependency relation and its verb (derivative ``verb`` source), strongest first."""

_COVER_K = 5  # word n-gram length of article-level coverage (as near-duplicate lists use)
_COPY_COVERAGE = 0.9  # both articles at least this covered: the same article twice
_VERSION_COVERAGE = 0.8  # one article at least this covered: an edition of the other


_OPENING = re.compile(r"[“\"]|(?<!\w)['‘]")
_CLOSING = re.compile(r"[”\"]|['’](?!\w)")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside quotation marks."""
    before = text[:start]
    last_open = None
    for last_open in _OPENING.finditer(before):  # noqa: B007 - we want the last one
        pass
    if last_open is None or _CLOSING.search(before[last_open.end() :]):
        return False
    return bool(_CLOSING.search(text[end:]))


def _kind(a_text: str, b_text: str, score: float, config: DuplicateConfig) -> str:
    norm_a = " ".join(a_text.split()).strip(_OPEN_QUOTES + "”’ ")
    norm_b = " ".join(b_text.split()).strip(_OPEN_QUOTES + "”’ ")
    if norm_a == norm_b:
        return "verbatim"
    return "near-verbatim" if score >= config.near_verbatim_score else "paraphrase"


def _char_range(p: _Passage, token_range: tuple[int, int]) -> tuple[int, int]:
    spans = _spans(p)
    return spans[token_range[0]][0], spans[token_range[1] - 1][1]


def _pair_from_run(
    run: list[_Match],
    passages: list[_Passage],
    articles: Sequence[Article],
    config: DuplicateConfig,
    evidence: int | None = None,
) -> DuplicatePair:
    a_parts: list[str] = []
    b_parts: list[str] = []
    a_spans: list[tuple[int, int]] = []
    b_spans: list[tuple[int, int]] = []
    matched = 0
    shorter = 0
    quote = True
    for m in run:
        pa, pb = passages[m.pa], passages[m.pb]
        span_a, span_b = _char_range(pa, m.a_range), _char_range(pb, m.b_range)
        quote = quote and _quoted(pa.text, *span_a) and _quoted(pb.text, *span_b)
        if m.whole:
            a_lo, a_hi = 0, len(pa.text)
            b_lo, b_hi = 0, len(pb.text)
        else:
            (a_lo, a_hi), (b_lo, b_hi) = span_a, span_b
        a_off = sum(len(x) + 1 for x in a_parts)
        b_off = sum(len(x) + 1 for x in b_parts)
        spa, spb = _spans(pa), _spans(pb)
        for i, j, n in m.blocks:
            sa = spa[i][0] - a_lo + a_off, spa[i + n - 1][1] - a_lo + a_off
            sb = spb[j][0] - b_lo + b_off, spb[j + n - 1][1] - b_lo + b_off
            a_spans.append(sa)
            b_spans.append(sb)
        a_parts.append(pa.text[a_lo:a_hi])
        b_parts.append(pb.text[b_lo:b_hi])
        matched += m.matched
        shorter += (
            min(len(pa.tokens), len(pb.tokens))
            if m.whole
            else max(m.a_range[1] - m.a_range[0], m.b_range[1] - m.b_range[0])
        )
    a_text, b_text = " ".join(a_parts), " ".join(b_parts)
    score = round(min(1.0, matched / shorter), 4) if shorter else 0.0
    first = run[0]
    return DuplicatePair(
        a=articles[passages[first.pa].article].id,
        b=articles[passages[first.pb].article].id,
        a_text=a_text,
        b_text=b_text,
        score=score,
        kind=_kind(a_text, b_text, score, config),
        quote=quote,
        shared_words=matched,
        a_line=passages[first.pa].line,
        b_line=passages[first.pb].line,
        a_spans=tuple(a_spans),
        b_spans=tuple(b_spans),
        evidence_words=evidence,
    )


class CandidateGenerator(Protocol):
    """Anything that, fitted on token sequences, gives ``candidate_pairs_`` (m × 2)."""

    candidate_pairs_: np.ndarray

    def fit(self, sequences: Sequence[Sequence[str]], y: Any = None) -> Any: ...


def find_duplicates(
    articles: Sequence[Article],
    config: DuplicateConfig | None = None,
    *,
    candidates: CandidateGenerator | None = None,
) -> DuplicateResult:
    """Find duplicated passages across and within articles and group independent reports.

    Candidate passage pairs come from :class:`ShingleCandidates` (the exact postings
    join) set from ``config``, or from ``candidates``, any unfitted
    :class:`CandidateGenerator` (the benchmark plugs in MinHash LSH and other
    libraries this way). Verification is the same for all.
    """
    config = config or DuplicateConfig()
    passages = _passages(articles)
    sequences = [p.tokens for p in passages]
    index: CandidateGenerator = candidates or ShingleCandidates(
        shingle_size=config.shingle_size,
        min_shared_shingles=config.min_shared_shingles,
        max_shingle_passages=config.max_shingle_passages,
        min_tokens=config.min_passage_words,
    )
    index.fit(sequences)
    check_is_fitted(index, "candidate_pairs_")
    matches: list[_Match] = []
    plausible = _plausible(_normalised_pairs(index.candidate_pairs_), sequences, config)
    matcher: SequenceMatcher[str] = SequenceMatcher(None, [], [], autojunk=False)
    for i, j in plausible.tolist():
        a, b = passages[i], passages[j]
        if a.article == b.article and abs(a.order - b.order) == 0:
            continue
        m = _verify(a, b, i, j, config, matcher)
        if m is not None:
            matches.append(m)
    verified = len(matches)
    matches += _short_neighbours(matches, passages, config)

    # Merge consecutive whole-sentence matches of the same class (copied or
    # paraphrased) between the same two articles into runs.
    matches.sort(
        key=lambda m: (
            passages[m.pa].article,
            passages[m.pb].article,
            passages[m.pa].order - passages[m.pb].order,
            passages[m.pa].order,
        )
    )
    runs: list[list[_Match]] = []
    for m in matches:
        if runs:
            prev = runs[-1][-1]
            pa, pb, qa, qb = passages[prev.pa], passages[prev.pb], passages[m.pa], passages[m.pb]
            close = config.near_verbatim_score
            if (
                prev.whole
                and m.whole
                and (prev.score >= close) == (m.score >= close)
                and (pa.article, pb.article) == (qa.article, qb.article)
                and qa.order == pa.order + 1
                and qb.order == pb.order + 1
            ):
                runs[-1].append(m)
                continue
        runs.append([m])
    words = _article_tokens(passages)
    coverage = _Coverage(words)
    # Evidence, in two passes. Wording common across otherwise unrelated articles is
    # not evidence; which articles are related is found first, with wording found in
    # three articles or more left out (so that it cannot relate them itself).
    k = config.shingle_size
    pairs = [_pair_from_run(run, passages, articles, config) for run in runs]
    across = [i for i, pair in enumerate(pairs) if pair.a != pair.b]
    index_of = {a.id: i for i, a in enumerate(articles)}
    families = np.arange(len(articles), dtype=np.int64)  # first: every article alone
    shingles = _article_shingles(words, k) if across else (np.empty(0), np.empty(0))
    evidence = _Evidence([runs[i] for i in across], passages, k)
    for final in (False, True):
        common = _common_shingles(shingles, families, _COMMON_FAMILIES)
        for i, words_i in zip(across, evidence.words(common), strict=True):
            pairs[i] = replace(pairs[i], evidence_words=words_i)
        if final:
            break
        for group in _independent_reports(articles, _dependencies(articles, pairs, coverage)):
            families[[index_of[aid] for aid in group]] = index_of[group[0]]
        if np.array_equal(families, np.arange(len(articles))):
            break  # no article is related to another: the evidence stays as it is
    pairs = _distinct_pairs(pairs)
    pairs.sort(key=lambda p: (-p.score, -p.shared_words, p.a, p.b))
    dependencies = _dependencies(articles, pairs, coverage)
    groups = _independent_reports(articles, dependencies)
    return DuplicateResult(
        pairs=tuple(pairs),
        dependencies=tuple(dependencies),
        independent_reports=groups,
        candidates=len(index.candidate_pairs_),
        stats={
            "passages": len(passages),
            "candidates": len(index.candidate_pairs_),
            "verified": verified,
            "short_sentences": len(matches) - verified,
        },
        repeated_bodies=_repeated_bodies(articles, words),
    )


def _normalised_pairs(pairs: np.ndarray) -> np.ndarray:
    """Candidate pairs as distinct rows ``(i, j)`` with ``i < j``: a generator may give a
    pair twice or both ways round, which would list the same passage pair twice."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    pairs = np.sort(pairs, axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _distinct_pairs(pairs: list[DuplicatePair]) -> list[DuplicatePair]:
    """``pairs`` with each passage pair once: the same two articles and the same two
    texts (either way round) are one passage pair, however often the passage recurs in
    an article (a repeated sentence matches each of its repeats); the first is kept."""
    seen: set[tuple[str, str, str, str]] = set()
    out: list[DuplicatePair] = []
    for p in pairs:
        a_key = " ".join(p.a_text.split())
        b_key = " ".join(p.b_text.split())
        key = min((p.a, a_key, p.b, b_key), (p.b, b_key, p.a, a_key))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _names_outlet(article: Article, outlet: str | None) -> bool:
    if not outlet:
        return False
    return _outlet_pattern(outlet).search(article.body) is not None


@functools.lru_cache(maxsize=4096)
def _outlet_pattern(outlet: str) -> re.Pattern[str]:
    """The outlet's name ("The X" is "X") as a whole word, any case."""
    name = re.sub(r"^the\s+", "", outlet.strip(), flags=re.IGNORECASE)
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


def _same_outlet(a: str | None, b: str | None) -> bool:
    """Whether outlet names ``a`` and ``b`` are the same outlet ("The X" is "X")."""
    if not a or not b:
        return False

    def key(name: str) -> str:
        return " ".join(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower().split())

    return key(a) == key(b)


def _written_without_spaces(article: Article) -> bool:
    """Whether ``article`` is Japanese or Chinese text (its language says so, or it has
    none and its text has CJK characters): its words are counted as tokens."""
    language = (article.language or "").lower()
    if language and not language.startswith(("ja", "zh")):
        return False
    return any(has_cjk(p.text) for p in article.paragraphs)


def _dependencies(
    articles: Sequence[Article], pairs: list[DuplicatePair], coverage: _Coverage
) -> list[Dependency]:
    by_id = {a.id: a for a in articles}
    index = {a.id: i for i, a in enumerate(articles)}
    shared: dict[tuple[str, str], list[DuplicatePair]] = defaultdict(list)
    for p in pairs:
        if p.a != p.b:
            shared[(min(p.a, p.b), max(p.a, p.b))].append(p)
    # An article shares passages with many others (templated wire text): count its
    # words and look for an outlet's name in it once.
    word_counts = coverage.word_counts
    named = coverage.named

    def words_of(aid: str) -> int:
        # In the unit of shared_words: Article.word_count counts a run of Japanese or
        # Chinese (a clause) as one word, so such articles count their tokens.
        if aid not in word_counts:
            article = by_id[aid]
            word_counts[aid] = (
                coverage.tokens(index[aid])
                if _written_without_spaces(article)
                else article.word_count
            )
        return word_counts[aid]

    def names(aid: str, outlet: str | None) -> bool:
        if (aid, outlet) not in named:
            named[(aid, outlet)] = _names_outlet(by_id[aid], outlet)
        return named[(aid, outlet)]

    out: list[Dependency] = []
    for (x, y), items in sorted(shared.items()):
        ax, ay = by_id[x], by_id[y]
        # Shared quotes alone do not make a copy: two reporters may quote the same
        # statement. Copying is judged on the shared text outside quotes.
        # Formulaic passages (mostly names with titles, numbers, stock phrases or wording
        # common across unrelated articles) are listed but link no articles.
        # Still, an article that is mostly the other's text is one report with it.
        shorter = max(min(words_of(x), words_of(y)), 1)
        prose_cov = sum(p.shared_words for p in items if not p.quote) / shorter
        long = [p for p in items if p.kind != "paraphrase" and p.shared_words >= _STRONG_WORDS]
        if prose_cov < 0.3 and not long:
            continue
        evidence = sum(p.shared_words for p in items if not p.quote and not p.formulaic) / shorter
        strong = [p for p in long if not p.formulaic]
        # An article naming its own outlet (a copyright or credit line) names no source.
        same_outlet = _same_outlet(ax.outlet, ay.outlet)
        x_names_y = not same_outlet and names(x, ay.outlet)
        y_names_x = not same_outlet and names(y, ax.outlet)
        cov_x, cov_y = coverage.share(index[x], index[y]), coverage.share(index[y], index[x])
        if not (
            evidence >= 0.3
            or len(strong) >= 2
            or (strong and (x_names_y or y_names_x))
            or (max(cov_x, cov_y) >= _VERSION_COVERAGE and prose_cov >= 0.3)
        ):
            continue
        if min(cov_x, cov_y) >= _COPY_COVERAGE:
            relation = "copy"
        elif prose_cov >= 0.6 and max(cov_x, cov_y) >= _VERSION_COVERAGE:
            relation = "version"
        else:
            relation = "rewrite"
        # Direction: who names whom, then dates, then who is more made of shared text.
        if x_names_y != y_names_x:
            derivative, source = (x, y) if x_names_y else (y, x)
            why = f"{derivative} names {by_id[source].outlet} as its source"
        elif ax.published and ay.published and ax.published != ay.published:
            derivative, source = (x, y) if ax.published > ay.published else (y, x)
            why = f"{derivative} was published later ({by_id[derivative].published})"
        else:
            derivative, source = (x, y) if cov_x >= cov_y else (y, x)
            why = f"a larger share of {derivative} is shared text (direction not certain)"
        share = cov_x if derivative == x else cov_y
        other = cov_y if derivative == x else cov_x
        quotes = sum(p.quote for p in items)
        out.append(
            Dependency(
                source=source,
                derivative=derivative,
                relation=relation,
                shared_passages=len(items),
                coverage=round(share, 4),
                basis=(
                    f"{len(items)} shared passage(s) ({quotes} quoted); shared text is "
                    f"{share:.0%} of {derivative} and {other:.0%} of {source}; {why}"
                ),
            )
        )
    return out


def _independent_reports(
    articles: Sequence[Article], dependencies: list[Dependency]
) -> tuple[tuple[str, ...], ...]:
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in dependencies:
        ra, rb = find(d.source), find(d.derivative)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        groups[find(a.id)].append(a.id)
    derived = {d.derivative for d in dependencies}
    ordered = [
        tuple(sorted(members, key=lambda i: (i in derived, i))) for members in groups.values()
    ]
    return tuple(sorted(ordered, key=lambda g: g[0]))


SIDE_STATUSES = ("shared", "changed", "inserted", "deleted")
"""Word statuses of :func:`side_by_side`: the same in both texts, replaced by other
words, only in the second text, only in the first."""


def side_by_side(
    a_text: str, b_text: str, language: str | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Both texts of a passage pair cut into ``(piece, status)`` pieces for display.

    The words are aligned (the tokens of :func:`natojp._text.token_spans`, so case,
    punctuation and hyphens do not count as changes) and each run of words is marked with
    one of :data:`SIDE_STATUSES`: in ``a_text`` ``shared``, ``changed`` or ``deleted``;
    in ``b_text`` ``shared``, ``changed`` or ``inserted``. The pieces are cut at the
    tokens' character spans, so joined they give back each text exactly (its spacing and
    punctuation untouched); what lies between two runs has the status ``""``.
    """
    ta, sa = token_spans(a_text, language)
    tb, sb = token_spans(b_text, language)
    marks_a: list[tuple[int, int, str]] = []
    marks_b: list[tuple[int, int, str]] = []
    ops = SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes()
    side_a = {"equal": "shared", "replace": "changed", "delete": "deleted"}
    side_b = {"equal": "shared", "replace": "changed", "insert": "inserted"}
    for op, i1, i2, j1, j2 in ops:
        if op in side_a and i2 > i1:
            marks_a.append((sa[i1][0], sa[i2 - 1][1], side_a[op]))
        if op in side_b and j2 > j1:
            marks_b.append((sb[j1][0], sb[j2 - 1][1], side_b[op]))
    return _cut(a_text, marks_a), _cut(b_text, marks_b)


SIDE_MARKDOWN: dict[str, str] = {
    "shared": ":orange-background[{}]",
    "changed": ":blue-background[{}]",
    "inserted": ":green-background[{}]",
    "deleted": ":red[~~{}~~]",
}
"""Streamlit Markdown of each status of :data:`SIDE_STATUSES` (``{}``: escaped text)."""


def side_markdown(pieces: Sequence[tuple[str, str]]) -> str:
    """Markdown of :func:`side_by_side` pieces: every piece escaped
    (:func:`natojp._text.escape_markdown`), words styled by status
    (:data:`SIDE_MARKDOWN`), the text between them kept as it is."""
    out: list[str] = []
    for piece, status in pieces:
        text = escape_markdown(piece)
        style = SIDE_MARKDOWN.get(status)
        out.append(style.format(text) if style and text.strip() else text)
    return "".join(out)


def _cut(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``text`` as ``(piece, status)`` pieces: the marked ranges (in order, not
    overlapping) with their status, the text between them with ``""``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for lo, hi, status in marks:
        if lo > pos:
            out.append((text[pos:lo], ""))
        out.append((text[lo:hi], status))
        pos = hi
    if pos < len(text):
        out.append((text[pos:], ""))
    return out
