"""natojp.charts.areas: the area heatmap and the area coverage bar."""

from __future__ import annotations

import numpy as np
import pandas as pd

from natojp import Analysis, charts
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
    (trace,) = fig.data
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


def test_area_heatmap_on_the_seeds_by_article_and_by_source(seeds: Analysis) -> None:
    scores = seeds.tech.scores
    labels = {a.id: a.label for a in seeds.tech.areas}
    fig = seeds_figures(seeds)["areas"]
    trace = fig.data[0]
    assert np.array_equal(np.array(trace.z), scores.to_numpy())
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
