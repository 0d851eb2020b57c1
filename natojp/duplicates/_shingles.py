"""Hashed word shingles and their join with sorted NumPy arrays (step 2), without
scikit-learn: the estimator that uses them is :class:`~natojp.duplicates.ShingleCandidates`
(:mod:`natojp.duplicates._candidates`)."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

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


_MEMBER_BITS = 24
"""The table :func:`members` screens with: 2**24 flags (16 MB)."""


def members(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` (uint64) is one of ``wanted`` (uint64, sorted, distinct).

    Exact. A table of flags indexed by the low :data:`_MEMBER_BITS` bits of the wanted
    values screens every value at the cost of one lookup; only those it lets through
    are searched for in ``wanted``. ``np.isin`` sorts values and wanted together: 30
    million random values against 1.2 million wanted, 14 s against 1.7 s here."""
    found = np.zeros(values.size, dtype=bool)
    if not values.size or not wanted.size:
        return found
    low = np.uint64((1 << _MEMBER_BITS) - 1)
    table = np.zeros(1 << _MEMBER_BITS, dtype=bool)
    table[wanted & low] = True
    maybe = np.flatnonzero(table[values & low])
    if maybe.size:
        picked = values[maybe]
        at = np.minimum(np.searchsorted(wanted, picked), wanted.size - 1)
        found[maybe[wanted[at] == picked]] = True
    return found


def _distinct_shingles(
    sequences: Sequence[Sequence[str]],
    k: int,
    min_tokens: int,
    *,
    stable: bool = False,
    wanted: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (hashed word ``k``-gram, sequence index) pairs, sorted by hash then index.

    Tokens are numbered by a 64-bit hash and each ``k``-gram is hashed with a
    polynomial over those numbers (uint64 arithmetic, wrapping), all in NumPy.
    Sequences shorter than ``min_tokens`` contribute nothing.

    By default the token hash is Python's string hash: fast, fixed within a process but
    salted per process, which is fine where only equality of shingles matters (the exact
    join). ``stable=True`` hashes each distinct token with BLAKE2b instead, so values
    derived from the hashes themselves (MinHash signatures) are the same in every run.

    ``wanted`` (sorted distinct hashes): only the shingles with one of these hashes,
    screened before sorting (:func:`members`), for a caller that looks up no others.
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
    if wanted is not None:
        valid &= members(hashes, wanted)
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
