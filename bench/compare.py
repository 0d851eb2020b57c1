"""Side-by-side duplicate detection on one generated corpus (run in its own process).

* ``ours``: :func:`natojp.duplicates.find_duplicates` (exact shingle join) and the
  same with ``candidates=MinHashCandidates()`` (our NumPy MinHash LSH, :mod:`bench.minhash`).
* ``datasketch``: datasketch's ``MinHashLSH`` over the same passages and the same
  hashed word 4-gram shingles, at the threshold our LSH bands give (16 × 2 rows,
  ≈ 0.25), num_perm 32; its candidates go through the same verification.
* ``exact cosine``: exact all-pairs cosine of the articles' word 4-gram count vectors
  (L2-normalised), computed as a blocked sparse product (O(N²)); article pairs at or
  above ``COSINE`` are the reference set, and our recall is the share of them that
  our duplicate stage links (shares at least one verified passage).
* ``exact TF-IDF cosine``: the naive design the issue warns about: exact all-pairs
  cosine of the analysis' own TF-IDF article vectors (uni- and bigrams), blocked,
  pairs at or above ``TFIDF_COSINE`` (a common near-duplicate cut). The vectors exist
  already, so only the product is timed, on the first half of the corpus and on all
  of it, which shows how it grows.

Quality on the generated corpus's planted truth is scored as in :mod:`bench.quality`.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from bench import quality
from bench.minhash import MinHashCandidates
from natojp._text import tokens
from natojp.analysis import analyze_sources
from natojp.config import AnalysisConfig
from natojp.duplicates import DuplicateResult, find_duplicates
from natojp.duplicates._shingles import _distinct_shingles
from natojp.ingest import read_paths

COSINE = 0.5
TFIDF_COSINE = 0.8


class DatasketchCandidates(BaseEstimator):  # type: ignore[misc]
    """datasketch ``MinHashLSH`` on the same hashed shingles as ours."""

    def __init__(self, threshold: float = 0.25, num_perm: int = 32, min_tokens: int = 8) -> None:
        self.threshold, self.num_perm, self.min_tokens = threshold, num_perm, min_tokens

    def fit(self, sequences: Any, y: Any = None) -> DatasketchCandidates:
        from datasketch import MinHash, MinHashLSH

        n = len(sequences)
        hashes, owners = _distinct_shingles(sequences, 4, self.min_tokens)
        order = np.argsort(owners, kind="stable")
        hashes, owners = hashes[order], owners[order]
        bounds = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1], True])
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        sets = [
            (int(owners[lo]), [h.tobytes() for h in hashes[lo:hi]])
            for lo, hi in itertools.pairwise(bounds.tolist())
        ]
        minhashes = MinHash.bulk([s for _, s in sets], num_perm=self.num_perm)
        with lsh.insertion_session() as session:
            for (key, _), m in zip(sets, minhashes, strict=True):
                session.insert(key, m)
        pairs = set()
        for (key, _), m in zip(sets, minhashes, strict=True):
            for other in lsh.query(m):
                if other != key:
                    pairs.add((min(key, other), max(key, other)))
        self.candidate_pairs_ = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
        del n
        return self


def _exact_cosine_pairs(articles: Any) -> tuple[set[frozenset[str]], float, float]:
    """Reference pairs, the seconds to build the vectors (linear) and the seconds of the
    all-pairs product (quadratic)."""
    t = time.perf_counter()
    seqs = [tokens(a.body) for a in articles]
    hashes, owners = _distinct_shingles(seqs, 4, 1)
    _, cols = np.unique(hashes, return_inverse=True)
    x = sp.csr_matrix(
        (np.ones(owners.size, dtype=np.float32), (owners, cols)),
        shape=(len(seqs), int(cols.max()) + 1 if cols.size else 0),
    )
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    x = sp.csr_matrix(sp.diags(1 / norms) @ x)
    xt = sp.csr_matrix(x.T)
    prep = time.perf_counter() - t
    t = time.perf_counter()
    found: set[frozenset[str]] = set()
    block = 1000
    for start in range(0, x.shape[0], block):
        prod = (x[start : start + block] @ xt).toarray()  # dense block, as all-pairs does
        r, c = np.nonzero(prod >= COSINE)
        for i, j in zip((r + start).tolist(), c.tolist(), strict=True):
            if i < j:
                found.add(frozenset((articles[i].id, articles[j].id)))
    return found, prep, time.perf_counter() - t


def _exact_tfidf_pairs(
    x: sp.csr_matrix, ids: Any, threshold: float = TFIDF_COSINE
) -> tuple[set[frozenset[str]], float]:
    """Article pairs whose TF-IDF cosine is at least ``threshold`` (blocked all-pairs
    product, rows already L2-normalised) and the seconds it took."""
    t = time.perf_counter()
    xt = sp.csr_matrix(x.T)
    found: set[frozenset[str]] = set()
    block = 1000
    for start in range(0, x.shape[0], block):
        prod = (x[start : start + block] @ xt).toarray()
        r, c = np.nonzero(prod >= threshold)
        for i, j in zip((r + start).tolist(), c.tolist(), strict=True):
            if i < j:
                found.add(frozenset((ids[i], ids[j])))
    return found, time.perf_counter() - t


def _linked_by_passages(result: DuplicateResult) -> set[frozenset[str]]:
    return {frozenset((p.a, p.b)) for p in result.pairs if p.a != p.b}


def main(corpus: str, truth: str) -> dict[str, Any]:
    """Clean once, then time each duplicate method on the same articles."""
    analysis = analyze_sources(read_paths([corpus]), AnalysisConfig())
    articles = analysis.articles
    out: dict[str, Any] = {"articles": len(articles)}
    methods: list[tuple[str, Any]] = [("ours_shingle", None), ("ours_minhash", MinHashCandidates())]
    if importlib.util.find_spec("datasketch") is not None:
        methods.append(("datasketch", DatasketchCandidates()))
    else:
        print("skip datasketch: not installed (pip install -e '.[bench]')", file=sys.stderr)
    for name, method in methods:
        t = time.perf_counter()
        result = find_duplicates(articles, candidates=method)
        seconds = time.perf_counter() - t
        scored = quality.generated(_Shim(analysis, result), Path(truth))  # type: ignore[arg-type]
        out[name] = {"seconds": round(seconds, 2), "candidates": result.candidates, **scored}
        if name == "ours_shingle":
            ours = _linked_by_passages(result)
    exact, prep, seconds = _exact_cosine_pairs(articles)
    out["exact_cosine"] = {
        "seconds": round(prep + seconds, 2),
        "prep_seconds": round(prep, 2),
        "all_pairs_seconds": round(seconds, 2),
        "threshold": COSINE,
        "pairs": len(exact),
        "ours_recall": round(len(exact & ours) / len(exact), 4) if exact else 1.0,
    }
    x = sp.csr_matrix(analysis.terms.matrix)
    half = x.shape[0] // 2
    _, half_seconds = _exact_tfidf_pairs(x[:half], analysis.terms.ids)
    tfidf, seconds = _exact_tfidf_pairs(x, analysis.terms.ids)
    out["exact_tfidf_cosine"] = {
        "seconds": round(seconds, 2),
        "half_articles": half,
        "half_seconds": round(half_seconds, 2),
        "threshold": TFIDF_COSINE,
        "pairs": len(tfidf),
        "ours_recall": round(len(tfidf & ours) / len(tfidf), 4) if tfidf else 1.0,
    }
    out["similarity"] = _similarity(analysis)
    return out


def _similarity(analysis: Any) -> dict[str, Any]:
    """Top-10 neighbours: exact blocked product against the pruned index."""
    from natojp.config import SimilarityConfig
    from natojp.similarity import article_similarity

    runs = {}
    for method in ("exact", "pruned"):
        t = time.perf_counter()
        cfg = SimilarityConfig(dense_max_articles=0, method=method)
        runs[method] = (article_similarity(analysis.terms, cfg), time.perf_counter() - t)
    exact, pruned = runs["exact"][0].neighbors, runs["pruned"][0].neighbors
    hit = total = strong = strong_hit = 0
    for a, items in exact.items():
        got = {b for b, _ in pruned[a]}
        hit += sum(b in got for b, _ in items)
        total += len(items)
        strong += sum(s >= 0.3 for _, s in items)
        strong_hit += sum(s >= 0.3 and b in got for b, s in items)
    return {
        "exact_seconds": round(runs["exact"][1], 2),
        "pruned_seconds": round(runs["pruned"][1], 2),
        "recall_at_10": round(hit / max(total, 1), 4),
        "recall_cosine_ge_0.3": round(strong_hit / max(strong, 1), 4),
    }


class _Shim:
    """An analysis with another duplicate result (for scoring)."""

    def __init__(self, analysis: Any, duplicates: DuplicateResult) -> None:
        self.duplicates = duplicates
        self.articles = analysis.articles


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
