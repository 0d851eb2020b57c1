"""natojp.charts.similarity: article and source similarity, area overlap and co-occurrence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from natojp import Analysis, charts
from natojp.similarity import area_overlap, cluster_order
from tests.charts.helpers import is_empty_figure, seeds_figures


def test_similarity_heatmap_is_the_matrix_in_the_given_order() -> None:
    ids = ["a", "b", "c"]
    m = np.array([[1.0, 0.2, 0.7], [0.2, 1.0, 0.1], [0.7, 0.1, 1.0]])
    frame = pd.DataFrame(m, index=ids, columns=ids)
    fig = charts.similarity_heatmap(
        frame, labels={"a": "Outlet A", "c": "Outlet C"}, order=[2, 0, 1]
    )
    (trace,) = fig.data
    assert trace.type == "heatmap"
    assert np.array_equal(np.array(trace.z), m[np.ix_([2, 0, 1], [2, 0, 1])])
    # category values (hover) carry the id under a label; ticks show the label only
    assert list(trace.x) == list(trace.y) == ["Outlet C<br>c", "Outlet A<br>a", "b"]
    assert list(fig.layout.xaxis.ticktext) == ["Outlet C", "Outlet A", "b"]
    # the colour scale tops out at the largest off-diagonal value (0.7), not the diagonal
    assert trace.zmin == 0 and trace.zmax == pytest.approx(0.7)
    assert trace.hovertemplate == "%{y}<br>× %{x}<br>%{z:.2f}<extra></extra>"
    assert trace.text[0][0] == "1.00" and trace.text[0][1] == "0.70"
    assert fig.layout.yaxis.autorange == "reversed"  # first row at the top, like a table
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "category"
    with pytest.raises(ValueError, match="distinct positions"):
        charts.similarity_heatmap(frame, order=[0, 0, 1])
    with pytest.raises(ValueError, match="distinct positions"):
        charts.similarity_heatmap(frame, order=[0, 1, 3])
    with pytest.raises(ValueError, match="square"):
        charts.similarity_heatmap(frame.iloc[:2])


def test_same_labels_do_not_merge_rows() -> None:
    frame = pd.DataFrame(np.eye(3), index=["a", "b", "c"], columns=["a", "b", "c"])
    fig = charts.similarity_heatmap(frame, labels={"a": "Reuters · Same", "b": "Reuters · Same"})
    x = list(fig.data[0].x)
    assert len(set(x)) == 3
    assert x[:2] == ["Reuters · Same (1)<br>a", "Reuters · Same (2)<br>b"]
    ticks = list(fig.layout.xaxis.ticktext)
    assert len(set(ticks)) == 3


def test_many_articles_hide_tick_labels_but_keep_every_cell() -> None:
    n = charts.MAX_TICK_LABELS + 10
    ids = [f"article-{i:03d}" for i in range(n)]
    frame = pd.DataFrame(np.eye(n), index=ids, columns=ids)
    fig = charts.similarity_heatmap(frame)
    assert np.array(fig.data[0].z).shape == (n, n)
    assert fig.layout.xaxis.showticklabels is False and fig.layout.yaxis.showticklabels is False
    assert fig.data[0].text is None  # too many cells to write values in


def test_seeds_similarity_heatmap_is_cluster_ordered_matrix(seeds: Analysis) -> None:
    matrix = seeds.similarity.frame()
    order = cluster_order(matrix.to_numpy())
    fig = seeds_figures(seeds)["similarity"]
    z = np.array(fig.data[0].z, dtype=float)
    assert seeds.similarity.matrix is not None
    assert np.allclose(z, seeds.similarity.matrix[np.ix_(order, order)])
    assert np.allclose(np.diag(z), 1.0)
    outlets = [seeds.articles[i].outlet for i in order]
    for label, outlet in zip(fig.data[0].y, outlets, strict=True):
        assert label.startswith(str(outlet))


def test_source_similarity_heatmap(seeds: Analysis) -> None:
    fig = charts.source_similarity_heatmap(seeds.sources)
    (trace,) = fig.data
    assert np.allclose(np.array(trace.z), seeds.sources.to_numpy())
    assert list(trace.x) == list(seeds.sources.columns) == list(trace.y)
    assert "Anadolu Agency" in trace.x
    order = [4, 3, 2, 1, 0]
    reordered = charts.source_similarity_heatmap(seeds.sources, order=order)
    assert list(reordered.data[0].x) == list(seeds.sources.columns[order])


def test_topic_overlap_heatmap_counts_with_blank_zeros(seeds: Analysis) -> None:
    overlap = area_overlap(seeds.tech.scores)
    fig = charts.topic_overlap_heatmap(overlap)
    (trace,) = fig.data
    z = np.array(trace.z)
    assert z.dtype.kind == "i" and np.array_equal(z, overlap.to_numpy())
    assert trace.zmax == overlap.to_numpy().max()
    for row_z, row_text in zip(trace.z, trace.text, strict=True):
        assert [t == "" for t in row_text] == [v == 0 for v in row_z]
        assert all(t == str(v) for t, v in zip(row_text, row_z, strict=True) if v)
    assert trace.colorscale[0][1] in ("#ffffff", "rgb(255, 255, 255)")


def test_area_cooccurrence_heatmap() -> None:
    co = pd.DataFrame([[3, 1], [1, 2]], index=["ai", "space"], columns=["ai", "space"])
    fig = charts.area_cooccurrence_heatmap(co, {"ai": "AI", "space": "Space"}, subtitle="x")
    (trace,) = fig.data
    assert [list(r) for r in trace.z] == [[3, 1], [1, 2]]
    assert list(trace.x) == ["AI", "Space"] and fig.layout.meta["name"] == "area-cooccurrence"
    empty = charts.area_cooccurrence_heatmap(co * 0)
    assert is_empty_figure(empty, "No article mentions a technology area")


@pytest.mark.parametrize("n", [40, 150])
def test_article_labels_stay_readable_at_40_and_150_articles(n: int) -> None:
    from natojp.labels import article_labels
    from tests.charts.helpers import art

    arts = [
        art(f"{i:03d}_file", f"Outlet {i % 9}", f"Japan and NATO story {i % 13}") for i in range(n)
    ]
    labels = article_labels(arts)
    ids = [a.id for a in arts]
    fig = charts.similarity_heatmap(pd.DataFrame(np.eye(n), index=ids, columns=ids), labels=labels)
    assert len(set(fig.data[0].x)) == n and all(
        i in x for i, x in zip(ids, fig.data[0].x, strict=True)
    )
    if n <= charts.MAX_TICK_LABELS:  # upright, one row's height at most, never cut again
        assert fig.layout.xaxis.tickangle == -90 and fig.layout.yaxis.tickfont.size <= 13
        assert list(fig.layout.yaxis.ticktext) == [labels[i] for i in ids]
        assert (fig.layout.height - 420) / n >= fig.layout.yaxis.tickfont.size
    else:  # too many to print: hover names them, and the subtitle says so
        assert fig.layout.yaxis.showticklabels is False
        assert "hover a cell" in fig.layout.title.subtitle.text
