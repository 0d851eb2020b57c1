"""Candidate passage pairs (step 2): :class:`ShingleCandidates`, a scikit-learn estimator
over the shingle join of :mod:`natojp.duplicates._shingles`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from natojp.duplicates._shingles import _distinct_shingles, _group_pair_codes


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
