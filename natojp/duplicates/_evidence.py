"""Verification of candidate pairs, runs of duplicated sentences, coverage (steps 3-5, 7)."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np

from natojp.config import DuplicateConfig
from natojp.duplicates._passages import _Match, _Passage, _spans, _weak_tokens
from natojp.duplicates._results import DuplicatePair
from natojp.duplicates._shingles import _kgram_hashes, _shared_token_bounds
from natojp.models import Article


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

    def grams(self) -> np.ndarray:
        """The distinct k-gram hashes :meth:`words` looks up in ``common``, sorted: a
        hash found nowhere else in the runs cannot change their evidence."""
        grams: np.ndarray = np.unique(self._grams)
        return grams

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
    """Groups of articles whose bodies have the same word sequence, each in the order of
    ``words``; the groups sorted.

    Bodies are bucketed by length and the hash of their tokens (no text is joined: at
    100,000 articles joining and hashing every body took seconds), then compared word
    for word within a bucket, so that two bodies are grouped only when equal."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for ai, toks in words.items():
        if toks:
            buckets[len(toks), hash(tuple(toks))].append(ai)
    groups: list[tuple[str, ...]] = []
    for bucket in buckets.values():
        while len(bucket) > 1:
            body = words[bucket[0]]
            same = [ai for ai in bucket if words[ai] == body]
            if len(same) > 1:
                groups.append(tuple(articles[ai].id for ai in same))
            bucket = [ai for ai in bucket if words[ai] != body]
    return tuple(sorted(groups))


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


def _verified(passages: list[_Passage], pairs: np.ndarray, config: DuplicateConfig) -> list[_Match]:
    """The passage ``pairs`` (places in ``passages``, in :func:`_plausible`'s order) that
    :func:`_verify` finds duplicated, in that order."""
    matches: list[_Match] = []
    matcher: SequenceMatcher[str] = SequenceMatcher(None, [], [], autojunk=False)
    for i, j in pairs.tolist():
        a, b = passages[i], passages[j]
        if a.article == b.article and abs(a.order - b.order) == 0:
            continue
        m = _verify(a, b, i, j, config, matcher)
        if m is not None:
            matches.append(m)
    return matches


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
