"""natojp.charts.areas: the area heatmap and the area coverage bar."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from natojp import Analysis, charts
from natojp.charts.areas import selected_cell
from natojp.taxonomy import aggregate_scores
from tests.charts.helpers import seeds_figures


def test_area_heatmap_inline() -> None:
    scores = pd.DataFrame(
        [[0.0, 2.0], [1.0, 0.0]],
        index=pd.Index(["art1", "art2"], name="article"),
        columns=pd.Index(["ai", "cyber"], name="area"),
    )
    fig = charts.area_heatmap(
        scores,
        area_labels={"ai": "Artificial intelligence", "cyber": "Cyber"},
        row_labels={"art1": "Outlet One · Title"},
    )
    trace, cells = fig.data
    assert trace.type == "heatmap"
    assert np.array_equal(np.array(trace.z), scores.to_numpy())
    assert list(trace.x) == ["Artificial intelligence", "Cyber"]
    assert list(trace.y) == ["Outlet One · Title", "art2"]
    assert [list(map(list, row)) for row in trace.customdata] == [
        [["art1", "ai"], ["art1", "cyber"]],
        [["art2", "ai"], ["art2", "cyber"]],
    ]
    assert [list(r) for r in trace.text] == [["", "2"], ["1", ""]]  # zeros blank
    assert trace.colorscale[0] == (0.0, "#ffffff")  # zero cells white
    assert trace.colorscale[1][0] < 0.01  # any positive count leaves white at once
    assert "Technology areas by article" in fig.layout.title.text
    # Clickable: one invisible scatter point per cell, row by row, on the cell's centre.
    assert cells.type == "scatter" and cells.name == "cells" and cells.mode == "markers"
    assert list(cells.x) == ["Artificial intelligence", "Cyber"] * 2
    assert list(cells.y) == ["Outlet One · Title"] * 2 + ["art2"] * 2
    assert [list(c) for c in cells.customdata] == [
        ["art1", "ai"],
        ["art1", "cyber"],
        ["art2", "ai"],
        ["art2", "cyber"],
    ]
    assert list(cells.marker.color) == [0.0, 2.0, 1.0, 0.0]  # the scores, cell by cell
    assert cells.marker.opacity == 0 and cells.showlegend is False
    assert cells.selected.marker.opacity == 0 and cells.unselected.marker.opacity == 0
    assert "2 sentences" in cells.hovertext[1] and "click" in cells.hovertext[1]
    assert "0 sentences" in cells.hovertext[0] and "click" not in cells.hovertext[0]
    assert trace.hoverinfo == "skip"  # one hover box, the cell's
    assert fig.layout.hovermode == "closest" and fig.layout.hoverdistance == -1
    assert not fig.layout.shapes  # nothing selected, nothing outlined


def test_area_heatmap_outlines_the_selected_cell() -> None:
    scores = pd.DataFrame(
        [[0.0, 2.0, 1.0], [1.0, 0.0, 3.0]],
        index=pd.Index(["a1", "a2"], name="article"),
        columns=["ai", "cyber", "space"],
    )
    fig = charts.area_heatmap(scores, selected=("a2", "cyber"))
    (shape,) = fig.layout.shapes
    assert (shape.x0, shape.x1, shape.y0, shape.y1) == (0.5, 1.5, 0.5, 1.5)
    assert shape.xref == "x" and shape.yref == "y" and shape.name == "selected-cell"
    assert not charts.area_heatmap(scores, selected=("gone", "ai")).layout.shapes


def test_hover_text_of_the_cells_is_escaped() -> None:
    scores = pd.DataFrame([[1.0]], index=pd.Index(["x"], name="article"), columns=["ai"])
    fig = charts.area_heatmap(scores, row_labels={"x": "<img src=x onerror=alert(1)> & co"})
    hover = fig.data[1].hovertext[0]
    assert "<img" not in hover and "&lt;img src=x onerror=alert(1)&gt; &amp; co" in hover
    assert list(fig.data[1].customdata[0]) == ["x", "ai"]  # ids, never shown as markup


def test_selected_cell_reads_a_streamlit_selection() -> None:
    point = {"curve_number": 1, "point_index": 3, "customdata": ["art2", "cyber"]}
    assert selected_cell({"selection": {"points": [point], "point_indices": [3]}}) == (
        "art2",
        "cyber",
    )

    class Event:  # the attribute form st.plotly_chart returns
        selection = SimpleNamespace(points=[point])

    assert selected_cell(Event()) == ("art2", "cyber")
    assert selected_cell({"selection": {"points": [], "point_indices": []}}) is None
    assert selected_cell(None) is None
    assert selected_cell({"selection": {"points": [{"x": "AI"}]}}) is None  # not a cell


@pytest.mark.parametrize("n", [6, 40, 150])
def test_area_heatmap_cells_and_height_at_6_40_and_150_rows(n: int) -> None:
    rng = np.random.default_rng(n)
    scores = pd.DataFrame(
        rng.integers(0, 4, size=(n, 10)).astype(float),
        index=pd.Index([f"art{i}" for i in range(n)], name="article"),
        columns=[f"area{j}" for j in range(10)],
    )
    fig = charts.area_heatmap(scores)
    cells = fig.data[1]
    assert len(cells.customdata) == n * 10 == len(cells.x) == len(cells.y)
    assert list(cells.customdata[-1]) == [f"art{n - 1}", "area9"]
    rows_px = (fig.layout.height - 220) / n  # about what a row gets below title and axis
    assert rows_px >= 8, "cells stay large enough to click"
    assert 420 <= fig.layout.height <= 1600


def test_area_heatmap_on_the_seeds_by_article_and_by_source(seeds: Analysis) -> None:
    scores = seeds.tech.scores
    labels = {a.id: a.label for a in seeds.tech.areas}
    fig = seeds_figures(seeds)["areas"]
    trace, cells = fig.data
    assert np.array_equal(np.array(trace.z), scores.to_numpy())
    assert len(cells.customdata) == scores.size  # a clickable point per cell
    assert list(cells.customdata[4 * scores.shape[1] + 2]) == [scores.index[4], scores.columns[2]]
    assert list(trace.x) == [labels[c] for c in scores.columns]
    assert list(trace.y) == list(scores.index)
    i, j = 4, list(scores.columns).index("cyber")
    assert list(trace.customdata[i][j]) == [scores.index[i], "cyber"]
    assert trace.text[i][j] == str(int(scores.to_numpy()[i, j]))

    groups = {a.id: a.source for a in seeds.articles}
    by_source = aggregate_scores(scores, groups)
    fig = charts.area_heatmap(by_source, area_labels=labels)
    assert np.array_equal(np.array(fig.data[0].z), by_source.to_numpy())
    assert list(fig.data[0].y) == [a.source for a in seeds.articles]
    assert "by source" in fig.layout.title.text


def test_area_coverage_bar_counts_rows_with_a_mention() -> None:
    scores = pd.DataFrame(
        [[1.0, 0.0, 0.0, 3.0], [2.0, 0.0, 1.0, 0.0], [5.0, 0.0, 1.0, 0.0]],
        index=pd.Index(["a", "b", "c"], name="article"),
        columns=["ai", "space", "cyber", "maritime"],
    )
    fig = charts.area_coverage_bar(scores, area_labels={"ai": "AI"}, row_labels={"a": "Alpha"})
    (trace,) = fig.data
    assert trace.type == "bar" and trace.orientation == "h"
    assert list(trace.y) == ["AI", "cyber", "maritime", "space"]  # most first, ties in order
    assert list(trace.x) == [3, 2, 1, 0]  # an area nobody mentions keeps its zero bar
    assert list(trace.customdata) == ["ai", "cyber", "maritime", "space"]
    assert "3 of 3 articles: Alpha, b, c" in trace.hovertext[0]
    assert "1 of 3 articles: Alpha" in trace.hovertext[2]
    assert list(trace.text) == ["3 of 3", "2 of 3", "1 of 3", "0 of 3"]
    assert fig.layout.yaxis.autorange == "reversed"


def test_area_coverage_bar_on_the_seeds(seeds: Analysis) -> None:
    scores = seeds.tech.scores
    labels = {a.id: a.label for a in seeds.tech.areas}
    trace = seeds_figures(seeds)["coverage"].data[0]
    expected = (scores > 0).sum(axis=0).sort_values(ascending=False, kind="stable")
    assert list(trace.x) == list(expected.to_numpy())
    assert list(trace.y) == [labels[i] for i in expected.index]
