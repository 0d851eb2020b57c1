from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from natojp.config import SimilarityConfig
from natojp.models import Article, Paragraph
from natojp.similarity import (
    _top_per_row,
    area_cooccurrence,
    area_overlap,
    article_similarity,
    cluster_order,
    source_similarity,
    sources_by_size,
    topics,
)
from natojp.vectorise import vectorise


def art(aid: str, text: str) -> Article:
    return Article(aid, aid, (Paragraph(text, 1),))


ARTICLES = [
    art("drone1", "Drone makers and drone operators met defence officials in Tokyo."),
    art("drone2", "Defence officials met drone makers to discuss drone exports."),
    art("chip1", "Chip makers warned of semiconductor shortages and supply chains."),
    art("chip2", "Semiconductor supply chains and chip shortages worry makers."),
    art("other", "The football season ended with a dramatic final in the rain."),
]


def test_dense_matrix_is_symmetric_with_unit_diagonal() -> None:
    sim = article_similarity(vectorise(ARTICLES))
    m = sim.matrix
    assert m is not None and m.shape == (5, 5)
    assert np.allclose(m, m.T) and np.allclose(np.diag(m), 1.0)
    assert ((m >= 0) & (m <= 1)).all()
    frame = sim.frame()
    assert frame.loc["drone1", "drone2"] > frame.loc["drone1", "chip1"]


def test_neighbors_and_most_similar_pairs() -> None:
    sim = article_similarity(vectorise(ARTICLES), SimilarityConfig(top_k=2))
    assert sim.neighbors["chip1"][0][0] == "chip2"
    assert all(len(v) <= 2 for v in sim.neighbors.values())
    best = sim.most_similar_pairs(2)
    assert {frozenset(p[:2]) for p in best} == {
        frozenset({"chip1", "chip2"}),
        frozenset({"drone1", "drone2"}),
    }


def test_large_corpora_get_neighbors_but_no_dense_matrix() -> None:
    sim = article_similarity(vectorise(ARTICLES), SimilarityConfig(dense_max_articles=3, top_k=1))
    assert sim.matrix is None
    assert sim.neighbors["drone2"] == [("drone1", sim.neighbors["drone2"][0][1])]
    small = article_similarity(vectorise(ARTICLES), SimilarityConfig(top_k=1))
    assert small.matrix is not None
    assert abs(small.matrix[1, 0] - sim.neighbors["drone2"][0][1]) < 1e-3


def test_single_article() -> None:
    sim = article_similarity(vectorise(ARTICLES[:1]))
    assert sim.matrix is not None and sim.matrix.tolist() == [[1.0]]
    assert sim.neighbors == {"drone1": []}


def test_cluster_order_puts_similar_articles_together() -> None:
    sim = article_similarity(vectorise(ARTICLES))
    assert sim.matrix is not None
    order = [sim.ids[i] for i in cluster_order(sim.matrix)]
    assert sorted(order) == sorted(sim.ids)
    assert abs(order.index("chip1") - order.index("chip2")) == 1
    assert abs(order.index("drone1") - order.index("drone2")) == 1


def test_source_similarity_aggregates_by_source() -> None:
    terms = vectorise(ARTICLES)
    frame = source_similarity(
        terms, ["Drone Post", "Drone Post", "Chip Times", "Chip Times", "Sport"]
    )
    assert list(frame.index) == ["Drone Post", "Chip Times", "Sport"]
    assert np.allclose(np.diag(frame.to_numpy()), 1.0)
    assert frame.loc["Drone Post", "Chip Times"] < 0.5


def test_sources_by_size_most_articles_first_ties_first_seen() -> None:
    got = sources_by_size(["Solo", "B", "A", "A", "B", "C"])
    assert got == [("B", 2), ("A", 2), ("Solo", 1), ("C", 1)]
    assert sources_by_size([]) == []


def test_source_similarity_keeps_the_largest_sources_above_the_cap() -> None:
    terms = vectorise(ARTICLES)
    sources = ["Solo", "Drone Post", "Chip Times", "Chip Times", "Drone Post"]
    full = source_similarity(terms, sources)
    capped = source_similarity(terms, sources, max_sources=2)
    assert list(capped.index) == ["Drone Post", "Chip Times"]  # most articles, first seen
    assert np.allclose(capped.to_numpy(), full.loc[capped.index, capped.index].to_numpy())
    assert source_similarity(terms, sources, max_sources=3).shape == (3, 3)


def test_topics_group_articles() -> None:
    found = topics(vectorise(ARTICLES), n_topics=3)
    assert len(found) == 3
    groups = [{a for a, _ in t.articles} for t in found]
    assert {"chip1", "chip2"} in groups
    assert all(len(t.terms) > 0 for t in found)
    assert topics(vectorise(ARTICLES[:2])) == []  # too few articles for topics


def test_area_overlap_counts_shared_areas() -> None:
    scores = pd.DataFrame({"ai": [1.0, 2.0, 0.0], "space": [1.0, 0.0, 0.0]}, index=["a", "b", "c"])
    overlap = area_overlap(scores)
    assert overlap.loc["a", "b"] == 1 and overlap.loc["a", "a"] == 2 and overlap.loc["c", "a"] == 0


def test_area_cooccurrence_counts_articles_mentioning_both() -> None:
    scores = pd.DataFrame(
        {"ai": [1.0, 2.0, 0.0], "space": [1.0, 0.0, 3.0], "cyber": [0.0, 0.0, 0.0]},
        index=["a", "b", "c"],
    )
    co = area_cooccurrence(scores)
    assert list(co.index) == list(co.columns) == ["ai", "space", "cyber"]
    assert co.loc["ai", "ai"] == 2 and co.loc["space", "space"] == 2
    assert co.loc["ai", "space"] == co.loc["space", "ai"] == 1
    assert co.loc["cyber"].sum() == 0


def test_pruned_neighbors_match_exact_on_a_small_corpus() -> None:
    terms = vectorise(ARTICLES)
    exact = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, method="exact", top_k=2)
    )
    pruned = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, method="pruned", top_k=2)
    )
    assert exact.matrix is None and pruned.matrix is None
    assert pruned.neighbors == exact.neighbors
    auto = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, exact_max_articles=2, top_k=2)
    )
    assert auto.neighbors == exact.neighbors


def test_pruned_neighbors_are_exact_cosines_of_true_neighbours() -> None:
    words = [f"term{i}" for i in range(60)]
    rng = np.random.default_rng(3)
    arts = [
        art(f"a{i}", " ".join(rng.choice(words, size=30, replace=True).tolist())) for i in range(40)
    ]
    terms = vectorise(arts)
    exact = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, top_k=3, method="exact")
    )
    pruned = article_similarity(
        terms,
        SimilarityConfig(
            dense_max_articles=0,
            top_k=3,
            method="pruned",
            pruned_terms=500,
            pruned_postings=500,
            pruned_candidates=40,
        ),
    )
    for a, items in exact.neighbors.items():
        assert [s for _, s in pruned.neighbors[a]] == pytest.approx([s for _, s in items], abs=1e-3)


@pytest.mark.parametrize("cols_ordered", [False, True])
def test_top_per_row_matches_a_lexsort(cols_ordered: bool) -> None:
    """The 64-bit key sort keeps what a (row, -value, column) lexsort keeps, ties and
    negative values included."""
    rng = np.random.default_rng(3)
    rows = rng.integers(0, 40, 3_000)
    cols = rng.permutation(3_000)
    vals = rng.choice(np.array([-1.5, -0.25, 0.0, 0.25, 0.5, 0.5, 1.0, 3.0], np.float32), 3_000)
    if cols_ordered:  # the CSR layout: by row, then column
        order = np.lexsort((cols, rows))
        rows, cols, vals = rows[order], cols[order], vals[order]
    got = _top_per_row(rows, cols, vals, 7, cols_ordered=cols_ordered)
    order = np.lexsort((cols, -vals, rows))
    r, c, v = rows[order], cols[order], vals[order]
    rank = np.arange(r.size) - np.searchsorted(r, r)
    want = (r[rank < 7], c[rank < 7], v[rank < 7])
    for g, w in zip(got, want, strict=True):
        assert np.array_equal(g, w)
