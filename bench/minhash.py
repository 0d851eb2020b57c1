"""MinHash LSH candidates: a peer the benchmark compares natojp's exact shingle join with.

Not part of natojp: :func:`natojp.duplicates.find_duplicates` takes any candidate
generator (``candidates=MinHashCandidates()``), so the benchmark runs the same
verification on MinHash LSH, datasketch and the exact join (see :mod:`bench.compare`).
It reuses natojp's shingle hashing, with the stable (per-run identical) token hash.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from natojp.duplicates._shingles import _PRIME, _distinct_shingles, _group_pair_codes


class MinHashCandidates(BaseEstimator):  # type: ignore[misc]
    """MinHash LSH over the same hashed word shingles, vectorised in NumPy.

    Each sequence's shingle set gets ``bands * rows`` MinHash values (hash functions
    ``(a * h + b) mod 2^64`` with fixed odd ``a``, the minimum over the set); sequences
    whose ``rows`` values agree in at least one band are candidates. Two sets of
    Jaccard similarity ``J`` become candidates with probability
    ``1 - (1 - J^rows)^bands`` (defaults: 50% at J ≈ 0.18, 99% at J ≈ 0.42).
    ``candidate_pairs_`` and ``shingle_counts_`` as in :class:`ShingleCandidates`;
    ``shared_counts_`` holds the number of matching bands.
    """

    def __init__(
        self,
        shingle_size: int = 4,
        bands: int = 16,
        rows: int = 2,
        max_shingle_passages: int = 200,
        min_tokens: int = 8,
        seed: int = 1,
    ) -> None:
        self.shingle_size = shingle_size
        self.bands = bands
        self.rows = rows
        self.max_shingle_passages = max_shingle_passages
        self.min_tokens = min_tokens
        self.seed = seed

    def signatures(self, hashes: np.ndarray, owners: np.ndarray, n: int) -> np.ndarray:
        """MinHash signatures (n × bands·rows, uint64; all-ones for empty sets)."""
        num_perm = self.bands * self.rows
        rng = np.random.default_rng(self.seed)
        a = rng.integers(1, 2**62, num_perm, dtype=np.uint64) | np.uint64(1)
        b = rng.integers(0, 2**62, num_perm, dtype=np.uint64)
        order = np.argsort(owners, kind="stable")
        h, o = hashes[order], owners[order]
        sig = np.full((n, num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
        if h.size == 0:
            return sig
        starts = np.flatnonzero(np.r_[True, o[1:] != o[:-1]])
        present = o[starts]
        with np.errstate(over="ignore"):
            for p in range(num_perm):
                sig[present, p] = np.minimum.reduceat(h * a[p] + b[p], starts)
        return sig

    def fit(self, sequences: Sequence[Sequence[str]], y: Any = None) -> MinHashCandidates:
        n = len(sequences)
        hashes, owners = _distinct_shingles(
            sequences, self.shingle_size, self.min_tokens, stable=True
        )
        self.shingle_counts_ = np.bincount(owners, minlength=n).astype(np.int64)
        sig = self.signatures(hashes, owners, n)
        has = np.flatnonzero(self.shingle_counts_ > 0)
        codes: list[np.ndarray] = []
        with np.errstate(over="ignore"):
            for band in range(self.bands):
                key = np.full(has.size, np.uint64(band + 1), dtype=np.uint64)
                for r in range(self.rows):
                    key = key * _PRIME + sig[has, band * self.rows + r]
                order = np.argsort(key, kind="stable")
                codes.append(
                    _group_pair_codes(key[order], has[order], n, self.max_shingle_passages)
                )
        all_codes = np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)
        uniq, counts = np.unique(all_codes, return_counts=True)
        self.candidate_pairs_ = np.stack([uniq // max(n, 1), uniq % max(n, 1)], axis=1).astype(
            np.int64
        )
        self.shared_counts_ = counts.astype(np.int64)
        return self
