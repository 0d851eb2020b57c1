""":func:`find_duplicates`: the pipeline from articles to a :class:`DuplicateResult`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol

import numpy as np
from sklearn.utils.validation import check_is_fitted

from natojp.config import DuplicateConfig
from natojp.duplicates._candidates import ShingleCandidates
from natojp.duplicates._evidence import (
    _article_tokens,
    _Coverage,
    _Evidence,
    _pair_from_run,
    _plausible,
    _repeated_bodies,
    _short_neighbours,
    _verified,
)
from natojp.duplicates._partitioned import passage_keys_of
from natojp.duplicates._passages import (
    _COMMON_FAMILIES,
    _article_shingles,
    _common_shingles,
    _Match,
    _Passage,
    _passages,
)
from natojp.duplicates._reports import _dependencies, _independent_reports
from natojp.duplicates._results import DuplicatePair, DuplicateResult
from natojp.models import Article


class CandidateGenerator(Protocol):
    """Anything that, fitted on token sequences, gives ``candidate_pairs_`` (m × 2)."""

    candidate_pairs_: np.ndarray

    def fit(self, sequences: Sequence[Sequence[str]], y: Any = None) -> Any: ...


def find_duplicates(
    articles: Sequence[Article],
    config: DuplicateConfig | None = None,
    *,
    candidates: CandidateGenerator | None = None,
    passage_pairs: np.ndarray | None = None,
) -> DuplicateResult:
    """Find duplicated passages across and within articles and group independent reports.

    Candidate passage pairs come from :class:`ShingleCandidates` (the exact postings
    join) set from ``config``, or from ``candidates``, any unfitted
    :class:`CandidateGenerator` (the benchmark plugs in MinHash LSH and other
    libraries this way). Verification is the same for all.

    ``passage_pairs``: the candidate pairs found already, by the partitioned stages of
    :mod:`natojp.duplicates._partitioned` (passage keys, the articles numbered by their
    place in ``articles``), instead of ``candidates``.
    """
    config = config or DuplicateConfig()
    passages = _passages(articles)
    sequences = [p.tokens for p in passages]
    if passage_pairs is not None:
        if candidates is not None:
            raise ValueError("give candidates or passage_pairs, not both")
        found = _places(passages, passage_pairs)
    else:
        index: CandidateGenerator = candidates or ShingleCandidates(
            shingle_size=config.shingle_size,
            min_shared_shingles=config.min_shared_shingles,
            max_shingle_passages=config.max_shingle_passages,
            min_tokens=config.min_passage_words,
        )
        index.fit(sequences)
        check_is_fitted(index, "candidate_pairs_")
        found = index.candidate_pairs_
    plausible = _plausible(_normalised_pairs(found), sequences, config)
    return _assembled(
        articles, passages, _verified(passages, plausible, config), len(found), config
    )


def _assembled(
    articles: Sequence[Article],
    passages: list[_Passage],
    matches: list[_Match],
    candidates: int,
    config: DuplicateConfig,
) -> DuplicateResult:
    """The duplicates of ``articles`` (whose passages are ``passages``) from the verified
    passage ``matches`` of ``candidates`` candidate pairs: the short sentences beside
    them, runs, evidence, dependencies and reports (steps 4 to 8)."""
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
    evidence = _Evidence([runs[i] for i in across], passages, k)
    # Which wording is common is looked up for the runs' k-grams only: the articles'
    # other k-grams are left out before they are sorted and counted (100,000 generated
    # articles: 17 million k-grams, 12% of them kept).
    shingles = (
        _article_shingles(words, k, wanted=evidence.grams())
        if across
        else (np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64))
    )
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
        candidates=candidates,
        stats={
            "passages": len(passages),
            "candidates": candidates,
            "verified": verified,
            "short_sentences": len(matches) - verified,
        },
        repeated_bodies=_repeated_bodies(articles, words),
    )


def _places(passages: list[_Passage], pairs: np.ndarray) -> np.ndarray:
    """The places in ``passages`` of the passages of ``pairs`` (keys, shape (m, 2))."""
    keys = passage_keys_of(passages)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    at = np.searchsorted(keys, pairs)
    if pairs.size and (
        int(at.max()) >= keys.size or not np.array_equal(keys[np.minimum(at, keys.size - 1)], pairs)
    ):
        raise ValueError("candidate pairs name passages these articles do not have")
    return at


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
