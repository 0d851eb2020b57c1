"""Candidate passage pairs found in partitions: the pairs of the whole-corpus join."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from natojp.config import DuplicateConfig
from natojp.duplicates import ShingleCandidates, find_duplicates
from natojp.duplicates._partitioned import (
    ORDER_BITS,
    Shingles,
    bucket_pairs,
    candidate_pairs,
    corpus_candidate_pairs,
    key_articles,
    partition_shingles,
    passage_keys,
    passage_keys_of,
)
from natojp.duplicates._passages import _passages
from natojp.models import Article, Paragraph

# Invented texts: a wire story copied whole, rewritten in part, a sentence of stock
# wording that every article of the corpus carries, and unrelated articles.
WIRE = (
    "The alliance and Japan agreed on Tuesday to build a joint centre for testing "
    "maritime drones at a naval base near the northern coast of the island. "
    "Engineers from four companies will share data on sensors and batteries under "
    "the plan announced after two days of talks in the capital. "
    "The first trials of the underwater vehicles are expected late next year."
)
REWRITE = (
    "Japan and the alliance will build a joint centre for testing maritime drones "
    "at a naval base near the northern coast, officials said on Tuesday. "
    "Engineers from four companies will share data on sensors and batteries under "
    "the plan announced after two days of talks in the capital."
)
STOCK = "Subscribe to our free morning newsletter for the latest headlines on defence and security."
OTHER = [
    "A regional orchestra performed a new symphony written by a young composer from the valley.",
    "Farmers reported an early harvest of apples after a warm spring and little rain in May.",
    "The city council voted to extend the tram line to the university campus by next summer.",
    "A museum exhibition of ancient maps drew record crowds during the holiday weekend.",
]


def _article(aid: str, *paras: str) -> Article:
    return Article(
        id=aid,
        source_path=aid,
        paragraphs=tuple(Paragraph(p, i + 1) for i, p in enumerate(paras)),
    )


def _corpus() -> list[Article]:
    articles = [
        _article("wire", WIRE, STOCK),
        _article("copy", WIRE, STOCK),
        _article("rewrite", REWRITE, STOCK),
    ]
    articles += [_article(f"other{i}", text, STOCK) for i, text in enumerate(OTHER)]
    articles.append(_article("copy2", "A short lead of our own.", WIRE))
    return articles


def whole_corpus_pairs(articles: Sequence[Article], config: DuplicateConfig) -> np.ndarray:
    """The candidate pairs of :class:`ShingleCandidates` over the whole corpus, as
    passage keys (sorted)."""
    passages = _passages(articles)
    index = ShingleCandidates(
        shingle_size=config.shingle_size,
        min_shared_shingles=config.min_shared_shingles,
        max_shingle_passages=config.max_shingle_passages,
        min_tokens=config.min_passage_words,
    ).fit([p.tokens for p in passages])
    return np.unique(passage_keys_of(passages)[index.candidate_pairs_], axis=0)


@pytest.mark.parametrize("partitions", [1, 2, 3, 9])
@pytest.mark.parametrize("buckets", [1, 2, 5])
def test_partitions_and_buckets_find_the_pairs_of_the_whole_corpus(
    partitions: int, buckets: int
) -> None:
    articles = _corpus()
    config = DuplicateConfig()
    want = whole_corpus_pairs(articles, config)
    got = corpus_candidate_pairs(articles, config, partitions, buckets)
    assert len(want) >= 10  # the wire's sentences, its copies' and the stock line
    assert np.array_equal(got, want)


@pytest.mark.parametrize("partitions", [1, 4])
def test_boilerplate_is_counted_across_partitions(partitions: int) -> None:
    # The stock line is in 7 passages, spread over the partitions: with at most 5
    # passages to a shingle it makes no pairs, as in the whole corpus, though no
    # partition of 4 holds more than 2 of them.
    articles = _corpus()
    config = DuplicateConfig(max_shingle_passages=5)
    want = whole_corpus_pairs(articles, config)
    got = corpus_candidate_pairs(articles, config, partitions, 3)
    assert np.array_equal(got, want)
    passages = _passages(articles)
    keys = passage_keys_of(passages)
    stock = {k for k, p in zip(keys.tolist(), passages, strict=True) if p.text == STOCK}
    assert len(stock) == 7
    stock_pairs = [pair for pair in got.tolist() if set(pair) <= stock]
    assert not stock_pairs
    assert len(corpus_candidate_pairs(articles, DuplicateConfig(), partitions, 3)) > len(got)


def test_find_duplicates_from_pairs_found_in_partitions() -> None:
    articles = _corpus()
    config = DuplicateConfig()
    pairs = corpus_candidate_pairs(articles, config, partitions=3, buckets=2)
    found = find_duplicates(articles, config, passage_pairs=pairs)
    assert found == find_duplicates(articles, config)
    assert found.stats["candidates"] == len(pairs)
    assert {frozenset(g) for g in found.independent_reports if len(g) > 1} == {
        frozenset({"wire", "copy", "copy2", "rewrite"})
    }


def test_pairs_of_passages_the_articles_do_not_have_are_refused() -> None:
    articles = _corpus()
    with pytest.raises(ValueError, match="passages these articles do not have"):
        find_duplicates(articles, passage_pairs=passage_keys(np.array([[0, 99]]), np.zeros((1, 2))))
    with pytest.raises(ValueError, match="not both"):
        find_duplicates(
            articles, candidates=ShingleCandidates(), passage_pairs=np.empty((0, 2), np.int64)
        )


def test_passage_keys_sort_as_passages_and_name_their_article() -> None:
    keys = passage_keys(np.array([0, 0, 1, 7]), np.array([0, 3, 0, 2]))
    assert np.all(keys[1:] > keys[:-1])
    assert key_articles(keys).tolist() == [0, 0, 1, 7]
    with pytest.raises(ValueError, match="article numbers"):
        passage_keys(np.array([-1]), np.array([0]))
    with pytest.raises(ValueError, match="sentences"):
        passage_keys(np.array([0]), np.array([1 << ORDER_BITS]))


def test_partition_shingles_numbers_articles_as_told() -> None:
    articles = _corpus()[:3]
    (whole,) = partition_shingles(articles, [10, 20, 30], DuplicateConfig())
    assert set(key_articles(whole.keys).tolist()) == {10, 20, 30}
    order = np.lexsort((whole.keys, whole.hashes))
    assert np.array_equal(order, np.arange(whole.hashes.size))  # sorted by hash, then key
    with pytest.raises(ValueError, match="increase"):
        partition_shingles(articles, [3, 2, 1], DuplicateConfig())
    with pytest.raises(ValueError, match="one number per article"):
        partition_shingles(articles, [1], DuplicateConfig())


def test_shingles_split_and_without() -> None:
    (whole,) = partition_shingles(_corpus(), range(8), DuplicateConfig())
    parts = whole.split(4)
    assert sum(p.hashes.size for p in parts) == whole.hashes.size
    for b, part in enumerate(parts):
        assert np.all(part.hashes % np.uint64(4) == b)
        assert np.all(part.hashes[1:] >= part.hashes[:-1])
    left = whole.without(np.array([0, 1]))
    assert set(key_articles(left.keys).tolist()) == set(range(2, 8))
    assert whole.without(np.array([], dtype=np.int64)) is whole
    with pytest.raises(ValueError, match="bucket"):
        whole.split(0)


def test_nothing_to_pair() -> None:
    empty = Shingles(np.empty(0, np.uint64), np.empty(0, np.int64))
    counted = bucket_pairs([empty], 200)
    assert counted.a.size == counted.b.size == counted.counts.size == 0
    assert candidate_pairs([counted], 2).shape == (0, 2)
    assert candidate_pairs([], 2).shape == (0, 2)
    assert corpus_candidate_pairs([], DuplicateConfig(), 3, 2).shape == (0, 2)
