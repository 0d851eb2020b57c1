"""Candidate passage pairs (step 2) in partitions: what :class:`ShingleCandidates` finds
in the whole corpus, found by stages that each hold only a part of it.

1. :func:`partition_shingles`: a partition's articles to the distinct (shingle hash,
   passage key) pairs of their passages, split by hash into ``buckets``
   (:class:`Shingles`).
2. :func:`bucket_pairs`: one bucket of every partition to the passage pairs sharing a
   shingle of that bucket, with how many they share (:class:`PairCounts`). Every
   passage holding a shingle is in that shingle's bucket, so a shingle's passages are
   counted (and a shingle found in more than ``max_shingle_passages`` passages left
   out as boilerplate) exactly as in the whole corpus.
3. :func:`candidate_pairs`: the counts of every bucket summed per pair; the pairs
   sharing at least ``min_shared_shingles`` shingles are the candidates.

A passage is named by a key, not by its place in the corpus, so that partitions number
their passages without knowing each other: ``article << ORDER_BITS | sentence``, the
article being numbered by the caller (:func:`passage_keys`). Tokens are hashed with
BLAKE2b (``stable``), the same in every process, where the in-process join uses
Python's salted string hash: two processes must give a shingle the same hash. The
pairs are those of the whole-corpus join but for 64-bit hash collisions (tested equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from natojp.config import DuplicateConfig
from natojp.duplicates._passages import _Passage, _passages
from natojp.duplicates._shingles import _distinct_shingles, _group_pair_codes, _sort_pairs
from natojp.models import Article

ORDER_BITS = 24
"""Bits of a passage key for the sentence's place in its article (up to 16,777,215
sentences); the article's number takes the bits above (up to 2**39 articles)."""
_MAX_ARTICLE = 1 << (63 - ORDER_BITS)


def passage_keys(articles: np.ndarray, orders: np.ndarray) -> np.ndarray:
    """The keys of the passages at sentence ``orders[i]`` of article ``articles[i]``
    (int64; sorted as the passages are: by article, then sentence)."""
    articles = np.asarray(articles, dtype=np.int64)
    orders = np.asarray(orders, dtype=np.int64)
    if articles.size and (int(articles.min()) < 0 or int(articles.max()) >= _MAX_ARTICLE):
        raise ValueError(f"article numbers must lie in [0, {_MAX_ARTICLE})")
    if orders.size and int(orders.max()) >= 1 << ORDER_BITS:
        raise ValueError(f"an article of more than {(1 << ORDER_BITS) - 1:,} sentences")
    keys: np.ndarray = (articles << ORDER_BITS) | orders
    return keys


def key_articles(keys: np.ndarray) -> np.ndarray:
    """The article number of each passage key."""
    return np.asarray(keys, dtype=np.int64) >> ORDER_BITS


@dataclass(frozen=True, slots=True)
class Shingles:
    """Distinct (shingle hash, passage key) pairs, sorted by hash then key."""

    hashes: np.ndarray
    """uint64 hashes of word ``shingle_size``-grams (:func:`_distinct_shingles`, stable)."""
    keys: np.ndarray
    """int64 passage keys (:func:`passage_keys`)."""

    def __sizeof__(self) -> int:  # what Dask weighs moving it by
        return int(self.hashes.nbytes + self.keys.nbytes) + 100

    def without(self, articles: np.ndarray) -> Shingles:
        """These shingles but those of the passages of ``articles`` (article numbers)."""
        if not len(articles) or not self.keys.size:
            return self
        keep = ~np.isin(key_articles(self.keys), np.asarray(articles, dtype=np.int64))
        return Shingles(self.hashes[keep], self.keys[keep])

    def split(self, buckets: int) -> list[Shingles]:
        """These shingles in ``buckets`` parts by hash (each sorted, as this is)."""
        if buckets < 1:
            raise ValueError("at least one bucket")
        which = (self.hashes % np.uint64(buckets)).astype(np.int64)
        out: list[Shingles] = []
        for b in range(buckets):
            at = which == b
            out.append(Shingles(self.hashes[at], self.keys[at]))
        return out


def partition_shingles(
    articles: Sequence[Article],
    numbers: Sequence[int],
    config: DuplicateConfig,
    buckets: int = 1,
) -> list[Shingles]:
    """The shingles of the passages of ``articles`` (article ``i`` numbered
    ``numbers[i]``, increasing), split into ``buckets`` by hash (:meth:`Shingles.split`).
    Passages of fewer than ``min_passage_words`` tokens have none, as in
    :class:`ShingleCandidates`."""
    number = np.asarray(numbers, dtype=np.int64)
    if number.size > 1 and not bool(np.all(number[1:] > number[:-1])):
        raise ValueError("article numbers must increase")
    # The passages are in article then sentence order, so are their keys: pairs sorted by
    # hash then passage index are sorted by hash then key.
    passages, keys = _numbered_passages(articles, numbers)
    hashes, owners = _distinct_shingles(
        [p.tokens for p in passages], config.shingle_size, config.min_passage_words, stable=True
    )
    return Shingles(hashes, keys[owners]).split(buckets)


@dataclass(frozen=True, slots=True)
class PairCounts:
    """Passage pairs (keys, ``a < b``, sorted) and the shingles each shares."""

    a: np.ndarray
    b: np.ndarray
    counts: np.ndarray

    def __sizeof__(self) -> int:
        return int(self.a.nbytes + self.b.nbytes + self.counts.nbytes) + 100


def bucket_pairs(parts: Sequence[Shingles], max_shingle_passages: int) -> PairCounts:
    """The passage pairs sharing a shingle of ``parts`` (one bucket of every partition:
    no passage in two of them), each with the number of such shingles. A shingle of
    more than ``max_shingle_passages`` passages makes no pairs."""
    hashes = np.concatenate([p.hashes for p in parts]) if parts else np.empty(0, np.uint64)
    keys = np.concatenate([p.keys for p in parts]) if parts else np.empty(0, np.int64)
    empty = np.empty(0, dtype=np.int64)
    if not hashes.size:
        return PairCounts(empty, empty, empty)
    hashes, keys = _sort_pairs(hashes, keys)
    distinct, owners = np.unique(keys, return_inverse=True)  # dense numbers, in key order
    n = distinct.size
    codes = _group_pair_codes(hashes, owners.ravel().astype(np.int64), n, max_shingle_passages)
    codes, counts = np.unique(codes, return_counts=True)
    return PairCounts(distinct[codes // n], distinct[codes % n], counts.astype(np.int64))


def candidate_pairs(parts: Sequence[PairCounts], min_shared_shingles: int) -> np.ndarray:
    """The passage pairs (keys, shape (m, 2), ``a < b``, sorted) sharing at least
    ``min_shared_shingles`` shingles, summed over ``parts`` (every bucket's pairs)."""
    a = np.concatenate([p.a for p in parts]) if parts else np.empty(0, np.int64)
    b = np.concatenate([p.b for p in parts]) if parts else np.empty(0, np.int64)
    counts = np.concatenate([p.counts for p in parts]) if parts else np.empty(0, np.int64)
    if not a.size:
        return np.empty((0, 2), dtype=np.int64)
    distinct, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
    inverse = inverse.ravel().astype(np.int64)
    n = distinct.size
    codes = inverse[: a.size] * n + inverse[a.size :]
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    totals = np.add.reduceat(counts, starts)
    chosen = codes[starts][totals >= min_shared_shingles]
    return np.stack([distinct[chosen // n], distinct[chosen % n]], axis=1).astype(np.int64)


def corpus_candidate_pairs(
    articles: Sequence[Article], config: DuplicateConfig, partitions: int = 1, buckets: int = 1
) -> np.ndarray:
    """The three stages in this process on ``articles`` cut into ``partitions``: the
    candidate pairs (keys, articles numbered by their place) that the partitioned
    stages find anywhere."""
    size = max(1, -(-len(articles) // max(partitions, 1)))
    tables = [
        partition_shingles(
            articles[i : i + size], range(i, min(i + size, len(articles))), config, buckets
        )
        for i in range(0, len(articles), size)
    ]
    limit = config.max_shingle_passages
    pairs = [bucket_pairs([t[b] for t in tables], limit) for b in range(buckets)]
    return candidate_pairs(pairs, config.min_shared_shingles)


def passage_keys_of(passages: Sequence[_Passage], numbers: np.ndarray | None = None) -> np.ndarray:
    """The keys of ``passages`` (of :func:`~natojp.duplicates._passages._passages`), the
    article at place ``i`` numbered ``numbers[i]`` (default: ``i``)."""
    article_of = np.fromiter((p.article for p in passages), dtype=np.int64, count=len(passages))
    order_of = np.fromiter((p.order for p in passages), dtype=np.int64, count=len(passages))
    return passage_keys(article_of if numbers is None else numbers[article_of], order_of)


def _numbered_passages(
    articles: Sequence[Article], numbers: Sequence[int]
) -> tuple[list[_Passage], np.ndarray]:
    if len(numbers) != len(articles):
        raise ValueError("one number per article")
    passages = _passages(articles)
    return passages, passage_keys_of(passages, np.asarray(numbers, dtype=np.int64))
