"""natojp.charts: figures checked as data, on small inline inputs and on the seeds."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
import streamlit  # noqa: F401  (sets Plotly's default template to "streamlit", as in the app)

from natojp import Analysis, analyze, charts
from natojp._dates import PartialDate
from natojp.duplicates import Dependency, DuplicatePair
from natojp.models import Article, Paragraph
from natojp.similarity import area_overlap, cluster_order
from natojp.taxonomy import aggregate_scores
from natojp.timeline import Event

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds() -> Analysis:
    return analyze([ROOT / "seeds"])


def seeds_figures(a: Analysis) -> dict[str, go.Figure]:
    """Every figure, drawn the way the dashboard draws it."""
    matrix = a.similarity.frame()
    labels = {x.id: f"{x.outlet or x.id} · {x.title}" for x in a.articles}
    areas = {x.id: x.label for x in a.tech.areas}
    terms = a.distinctive_terms(12)
    return {
        "similarity": charts.similarity_heatmap(
            matrix, labels=labels, order=cluster_order(matrix.to_numpy()), subtitle="seeds"
        ),
        "sources": charts.source_similarity_heatmap(a.sources, subtitle="seeds"),
        "areas": charts.area_heatmap(a.tech.scores, area_labels=areas, subtitle="seeds"),
        "coverage": charts.area_coverage_bar(a.tech.scores, area_labels=areas),
        "publications": charts.publication_timeline(a.articles),
        "events": charts.event_timeline(a.timeline.events),
        "duplicates": charts.duplicate_scores(a.duplicates.pairs, threshold=0.5),
        "dependencies": charts.dependency_graph(
            a.corpus.ids, a.duplicates.dependencies, a.duplicates.independent_reports, labels
        ),
        "terms": charts.distinctive_terms_bar(terms["Anadolu Agency"], "Anadolu Agency"),
        "overlap": charts.topic_overlap_heatmap(area_overlap(a.tech.scores)),
    }


def is_empty_figure(fig: go.Figure, message: str) -> bool:
    """No data traces, hidden axes and ``message`` in a centred annotation."""
    texts = [n.text for n in fig.layout.annotations]
    centred = [n for n in fig.layout.annotations if n.x == 0.5 and n.y == 0.5]
    return (
        len(fig.data) == 0
        and any(message in t for t in texts)
        and len(centred) == 1
        and fig.layout.xaxis.visible is False
        and fig.layout.yaxis.visible is False
    )


def art(
    aid: str,
    outlet: str | None = None,
    published: PartialDate | None = None,
    title: str | None = None,
    basis: str | None = "manifest",
) -> Article:
    return Article(
        aid,
        f"{aid}.txt",
        (Paragraph("Some text.", 1),),
        title=title or f"Title of {aid}",
        outlet=outlet,
        published=published,
        published_basis=basis if published else None,
    )


def event(when: PartialDate, label: str, articles: tuple[str, ...]) -> Event:
    return Event(date=when, label=label, articles=articles, evidence=(label,), mentions=())


def pair(a: str, b: str, kind: str, score: float) -> DuplicatePair:
    return DuplicatePair(a, b, f"text in {a}", f"text in {b}", score, kind, False, 12)


def dep(source: str, derivative: str, relation: str = "copy") -> Dependency:
    return Dependency(source, derivative, relation, 2, 0.5, f"{derivative} reuses {source}")


def arrows(fig: go.Figure) -> list[Any]:
    return [n for n in fig.layout.annotations if n.showarrow]


def node_positions(fig: go.Figure) -> dict[str, tuple[float, float]]:
    roles = {"original", "derived (copy, version or rewrite)", "single-article report"}
    out: dict[str, tuple[float, float]] = {}
    for trace in fig.data:
        if trace.name in roles:
            for i, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
                assert i not in out, f"{i} drawn twice"
                out[i] = (x, y)
    return out


# --------------------------------------------------------------------------- conventions


def test_template_is_explicit_even_after_importing_streamlit(seeds: Analysis) -> None:
    assert pio.templates.default == "streamlit"
    assert pio.templates["streamlit"].layout.font.family != charts.FONT_FAMILY
    for name, fig in seeds_figures(seeds).items():
        template = fig.layout.template
        assert template.layout.font.family == charts.FONT_FAMILY, name
        assert template.layout.paper_bgcolor == "#ffffff", name
        assert template.layout.plot_bgcolor == "#ffffff", name
        assert tuple(template.layout.colorway) == charts.COLORWAY, name
        spec = json.loads(fig.to_json())
        assert spec["layout"]["template"]["layout"]["paper_bgcolor"] == "#ffffff", name
    empty = charts.empty_figure("Nothing here", "A title")
    assert empty.layout.template.layout.font.family == charts.FONT_FAMILY


def test_every_seeds_figure_has_a_name_a_title_and_serialises(seeds: Analysis) -> None:
    figures = seeds_figures(seeds)
    names = {k: f.layout.meta["name"] for k, f in figures.items()}
    assert names == {
        "similarity": "article-similarity",
        "sources": "source-similarity",
        "areas": "area-heatmap",
        "coverage": "area-coverage",
        "publications": "publication-timeline",
        "events": "event-timeline",
        "duplicates": "duplicate-scores",
        "dependencies": "dependency-graph",
        "terms": "distinctive-terms-anadolu-agency",
        "overlap": "area-overlap",
    }
    for key, fig in figures.items():
        assert fig.layout.title.text, key
        assert fig.data, f"{key}: seeds have data to draw"
        spec = json.loads(fig.to_json())
        assert spec["layout"]["meta"]["name"] == names[key]
        # plain lists, not base64 NumPy buffers, so the JSON is readable downstream
        for trace in spec["data"]:
            for value in trace.values():
                assert not (isinstance(value, dict) and "bdata" in value), key
    assert figures["similarity"].layout.title.subtitle.text == "seeds"


def test_default_and_custom_titles_and_subtitles() -> None:
    frame = pd.DataFrame([[1.0, 0.5], [0.5, 1.0]], index=["a", "b"], columns=["a", "b"])
    fig = charts.similarity_heatmap(frame)
    assert "Article similarity" in fig.layout.title.text
    assert fig.layout.title.subtitle.text is None
    fig = charts.similarity_heatmap(frame, title="Mine", subtitle="2 articles · outlets: all")
    assert "Mine" in fig.layout.title.text
    assert fig.layout.title.subtitle.text == "2 articles · outlets: all"


def test_empty_inputs_give_a_message_not_an_empty_axis() -> None:
    empty_frame = pd.DataFrame()
    cases: list[tuple[Callable[[], go.Figure], str, str]] = [
        (lambda: charts.similarity_heatmap(empty_frame), "No articles", "article-similarity"),
        (lambda: charts.source_similarity_heatmap(empty_frame), "No sources", "source-similarity"),
        (lambda: charts.topic_overlap_heatmap(empty_frame), "No articles", "area-overlap"),
        (lambda: charts.area_heatmap(empty_frame), "No rows", "area-heatmap"),
        (lambda: charts.area_coverage_bar(empty_frame), "No rows", "area-coverage"),
        (lambda: charts.publication_timeline([]), "No articles", "publication-timeline"),
        (
            lambda: charts.event_timeline([]),
            "No dated events found in this corpus",
            "event-timeline",
        ),
        (lambda: charts.duplicate_scores([]), "No duplicated passages", "duplicate-scores"),
        (lambda: charts.dependency_graph([], [], []), "No articles", "dependency-graph"),
        (
            lambda: charts.distinctive_terms_bar([], "Outlet X"),
            "No distinctive terms found for Outlet X",
            "distinctive-terms-outlet-x",
        ),
    ]
    for build, message, name in cases:
        fig = build()
        assert is_empty_figure(fig, message), name
        assert fig.layout.meta == {"name": name}
        assert fig.layout.title.text, f"{name}: an empty chart still says what it is"
        fig.to_json()


def test_empty_figure_helper() -> None:
    fig = charts.empty_figure("No dated events found in this corpus", "Events", subtitle="x")
    assert is_empty_figure(fig, "No dated events found in this corpus")
    assert "Events" in fig.layout.title.text and fig.layout.title.subtitle.text == "x"
    assert fig.layout.meta == {"name": "empty"}


def test_corpus_text_is_escaped_and_long_labels_truncated() -> None:
    long = "A very long headline about NATO and Japan <b>defence</b> & industry talks in 2025"
    frame = pd.DataFrame(np.eye(2), index=["x", "y"], columns=["x", "y"])
    fig = charts.similarity_heatmap(frame, labels={"x": long, "y": "short"})
    full, short = fig.data[0].x[0], fig.layout.xaxis.ticktext[0]
    assert "<b>" not in full and "&lt;b&gt;defence&lt;/b&gt; &amp; industry" in full
    assert full.endswith("talks in 2025")  # hover (%{x}) shows the whole label
    assert short.endswith("…") and len(short) <= charts.LABEL_WIDTH
    assert list(fig.layout.xaxis.tickvals) == list(fig.data[0].x)
    assert "%{x}" in fig.data[0].hovertemplate and "%{y}" in fig.data[0].hovertemplate


# --------------------------------------------------------------------------- heatmaps


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
    assert list(trace.x) == list(trace.y) == ["Outlet C", "Outlet A", "b"]
    # the colour scale tops out at the largest off-diagonal value (0.7), not the diagonal
    assert trace.zmin == 0 and trace.zmax == pytest.approx(0.7)
    assert trace.hovertemplate == "%{y} × %{x}: %{z:.2f}<extra></extra>"
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
    assert x[:2] == ["Reuters · Same (1)", "Reuters · Same (2)"]
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


# --------------------------------------------------------------------------- timelines


def test_publication_timeline_inline() -> None:
    articles = [
        art("a", "Outlet A", PartialDate(2025, 7, 29)),
        art("b", "Outlet B", PartialDate(2025, 7)),
        art("c", None, PartialDate(2024)),
        art("d", "Outlet A"),
        art("e", "Outlet A", PartialDate(2025, 7, 29), title="Same outlet, same day"),
    ]
    fig = charts.publication_timeline(articles, subtitle="5 articles")
    assert fig.layout.title.subtitle.text == "5 articles · 1 undated article not shown"
    points = {
        i: (trace.name, trace.marker.symbol, x, y)
        for trace in fig.data
        for i, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }
    assert set(points) == {"a", "b", "c", "e"}  # one point per dated article
    assert points["a"][:3] == ("day precision", "circle", "2025-07-29")
    assert points["b"][:3] == ("month precision", "square", "2025-07-01")
    assert points["c"][:3] == ("year precision", "diamond", "2024-01-01")
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks == ["(unknown outlet)", "Outlet B", "Outlet A"]  # rows by first date
    assert round(points["a"][3]) == round(points["e"][3]) == ticks.index("Outlet A")
    assert points["a"][3] != points["e"][3]  # same outlet, same day: both visible
    day = next(t for t in fig.data if t.name == "day precision")
    assert "Same outlet, same day" in " ".join(day.hovertext)
    assert "basis: manifest" in day.hovertext[0]
    start, end = fig.layout.xaxis.range
    assert start < "2024-01-01" and end > "2025-07-29"


def test_publication_timeline_without_dates_says_so() -> None:
    fig = charts.publication_timeline([art("a", "Outlet A"), art("b")])
    assert is_empty_figure(fig, "None of the 2 articles carries a publication date")
    assert fig.layout.title.subtitle.text == "2 undated articles not shown"


def test_publication_timeline_on_the_seeds(seeds: Analysis) -> None:
    fig = seeds_figures(seeds)["publications"]
    dated = [a for a in seeds.articles if a.published is not None]
    ids = [i for trace in fig.data for i in trace.customdata]
    assert sorted(ids) == sorted(a.id for a in dated) and len(ids) == len(dated) == 3
    xs = {i: x for trace in fig.data for i, x in zip(trace.customdata, trace.x, strict=True)}
    assert all(xs[a.id] == a.published.start().isoformat() for a in dated if a.published)
    assert "2 undated articles not shown" in fig.layout.title.subtitle.text
    assert set(fig.layout.yaxis.ticktext) == {a.outlet for a in dated}


def test_event_timeline_inline() -> None:
    events = [
        event(PartialDate(2025, 6), "NATO summit in The Hague", ("a", "b", "c")),
        event(PartialDate(2025, 7, 29), "First NATO-Japan defence-industrial dialogue", ("a",)),
        event(PartialDate(2025, 7, 30), "Statement published", ("b",)),
        event(PartialDate(2022), "Japan attends foreign ministers' meetings", ("c",)),
    ]
    fig = charts.event_timeline(events, subtitle="3 articles")
    points = [
        (x, y, size, text, trace.name)
        for trace in fig.data
        for x, y, size, text in zip(trace.x, trace.y, trace.marker.size, trace.text, strict=True)
    ]
    assert len(points) == 4
    assert sorted(p[0] for p in points) == ["2022-01-01", "2025-06-01", "2025-07-29", "2025-07-30"]
    by_x = {p[0]: p for p in points}
    assert by_x["2025-06-01"][2] > by_x["2025-07-29"][2]  # more articles, bigger marker
    assert by_x["2025-06-01"][4] == "month precision"
    assert by_x["2022-01-01"][4] == "year precision"
    # close events sit in different rows so that their labels do not overlap
    assert len({by_x[d][1] for d in ("2025-06-01", "2025-07-29", "2025-07-30")}) == 3
    start, end = fig.layout.xaxis.range
    assert start < "2022-01-01" and end > "2025-07-30"  # padded
    hover = " ".join(h for trace in fig.data for h in trace.hovertext)
    assert "NATO summit in The Hague" in hover and "3 articles: a, b, c" in hover
    assert "2025-06 (month precision)" in hover


def test_event_timeline_on_the_seeds(seeds: Analysis) -> None:
    events = seeds.timeline.events
    fig = seeds_figures(seeds)["events"]
    xs = sorted(x for trace in fig.data for x in trace.x)
    assert xs == sorted(e.date.start().isoformat() for e in events)
    starts = [date.fromisoformat(x) for x in xs]
    span = max((max(starts) - min(starts)).days, 30)
    rows: dict[int, list[date]] = {}
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            rows.setdefault(y, []).append(date.fromisoformat(x))
    for days in rows.values():  # labels in one row are far enough apart not to overlap
        days.sort()
        assert all((b - a).days >= 0.3 * span for a, b in pairwise(days))


def test_event_timeline_with_many_events_labels_in_hover_only() -> None:
    events = [
        event(PartialDate(2020 + i // 12, i % 12 + 1), f"event {i}", ("a",)) for i in range(60)
    ]
    fig = charts.event_timeline(events)
    assert sum(len(t.x) for t in fig.data) == 60
    assert all(t.mode == "markers" for t in fig.data)
    assert max(y for t in fig.data for y in t.y) < 12  # a bounded number of rows


# --------------------------------------------------------------------------- duplicates


def test_duplicate_scores_inline() -> None:
    pairs = [
        pair("a", "b", "verbatim", 1.0),
        pair("a", "c", "paraphrase", 0.62),
        pair("b", "c", "near-verbatim", 0.9),
        pair("c", "c", "paraphrase", 0.55),
    ]
    fig = charts.duplicate_scores(pairs, threshold=0.5, subtitle="score ≥ 0.50")
    traces = {t.name: t for t in fig.data}
    assert list(traces) == ["verbatim", "near-verbatim", "paraphrase"]
    assert list(traces["paraphrase"].x) == [0.62, 0.55]
    assert list(traces["paraphrase"].customdata) == [1, 3]  # positions in ``pairs``
    assert list(traces["verbatim"].x) == [1.0]
    for name, trace in traces.items():
        assert trace.marker.color == charts.KIND_COLORS[name]
        assert all(abs(y - round(y)) <= 0.25 for y in trace.y)  # jitter stays in its row
    assert list(fig.layout.yaxis.ticktext) == ["verbatim", "near-verbatim", "paraphrase"]
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == 0.5 and line.name == "threshold"
    assert "within c" in traces["paraphrase"].hovertext[1]
    assert "a ↔ b" in traces["verbatim"].hovertext[0]


def test_duplicate_scores_on_the_seeds(seeds: Analysis) -> None:
    pairs = seeds.duplicates.pairs
    fig = seeds_figures(seeds)["duplicates"]
    for trace in fig.data:
        assert sorted(trace.x) == sorted(p.score for p in pairs if p.kind == trace.name)
    assert sum(len(t.x) for t in fig.data) == len(pairs)
    assert fig.layout.shapes[0].x0 == 0.5


def test_duplicate_scores_empty_names_the_threshold() -> None:
    fig = charts.duplicate_scores([], threshold=0.95)
    assert is_empty_figure(fig, "No duplicated passages with a score of at least 0.95")


def test_dependency_graph_inline() -> None:
    ids = ["orig", "copy1", "copy2", "alone"]
    deps = [dep("orig", "copy1", "copy"), dep("copy1", "copy2", "rewrite"), dep("orig", "copy2")]
    groups = [("orig", "copy1", "copy2"), ("alone",)]
    fig = charts.dependency_graph(ids, deps, groups, labels={"orig": "Outlet O · Original story"})
    nodes = node_positions(fig)
    assert set(nodes) == set(ids)
    # one column per report, its original on top
    assert round(nodes["orig"][0]) == round(nodes["copy1"][0]) == round(nodes["copy2"][0]) == 0
    assert round(nodes["alone"][0]) == 1
    assert nodes["orig"][1] > nodes["copy1"][1] > nodes["copy2"][1]
    assert nodes["copy1"][0] != nodes["orig"][0]  # staggered: the orig→copy2 arrow misses copy1
    drawn = arrows(fig)
    assert len(drawn) == len(deps)
    for arrow, d in zip(drawn, sorted(deps, key=lambda d: d.relation), strict=True):
        assert (arrow.ax, arrow.ay) == nodes[d.source]  # tail at the source
        assert (arrow.x, arrow.y) == nodes[d.derivative]  # head at the derivative
        assert arrow.arrowhead and arrow.axref == "x" and arrow.ayref == "y"
        assert arrow.arrowcolor == charts.RELATION_COLORS[d.relation]
    edges = {t.name: t for t in fig.data if "arrow" in t.name}
    assert set(edges) == {
        "copies (arrow: source → derivative)",
        "rewrites (arrow: source → derivative)",
    }
    hover = " ".join(h for t in edges.values() for h in t.hovertext)
    assert "copy2 rewrites copy1" in hover and "copy2 reuses copy1" in hover
    roles = {
        t.name: list(t.customdata)
        for t in fig.data
        if t.name in {"original", "single-article report"}
    }
    assert roles == {"original": ["orig"], "single-article report": ["alone"]}
    assert "Outlet O" in next(t for t in fig.data if t.name == "original").text[0]
    assert "4 articles → 2 independent reports" in fig.layout.title.text


def test_dependency_graph_adds_articles_only_a_dependency_names() -> None:
    fig = charts.dependency_graph(["a"], [dep("elsewhere", "a")], [("a",)])
    nodes = node_positions(fig)
    assert set(nodes) == {"a", "elsewhere"}
    (arrow,) = arrows(fig)
    assert (arrow.ax, arrow.ay) == nodes["elsewhere"] and (arrow.x, arrow.y) == nodes["a"]


def test_dependency_graph_leaves_out_single_reports_when_crowded() -> None:
    ids = [f"s{i:02d}" for i in range(30)]
    groups = [("s00", "s01"), *[(i,) for i in ids[2:]]]
    fig = charts.dependency_graph(ids, [dep("s00", "s01")], groups)
    assert set(node_positions(fig)) == {"s00", "s01"}
    assert fig.layout.title.subtitle.text == "28 single-article reports not shown"
    assert "30 articles → 29 independent reports" in fig.layout.title.text


def test_dependency_graph_draws_only_the_largest_reports_when_many() -> None:
    groups = [(f"o{g}", *(f"c{g}-{k}" for k in range(g % 3 + 1))) for g in range(40)]
    deps = [dep(group[0], member) for group in groups for member in group[1:]]
    ids = [i for group in groups for i in group]
    fig = charts.dependency_graph(ids, deps, groups)
    shown = {i for group in groups for i in group if i in node_positions(fig)}
    drawn_groups = [g for g in groups if g[0] in shown]
    assert len(drawn_groups) == charts._GRAPH_MAX_SHOWN
    assert all(len(g) >= 3 for g in drawn_groups[:13])  # the 13 largest (size 4) come first
    assert all(set(g) <= shown for g in drawn_groups)  # a report is drawn whole or not at all
    assert len(arrows(fig)) == sum(len(g) - 1 for g in drawn_groups)
    assert fig.layout.title.subtitle.text == "16 smaller linked reports not shown"


def test_area_cooccurrence_heatmap() -> None:
    co = pd.DataFrame([[3, 1], [1, 2]], index=["ai", "space"], columns=["ai", "space"])
    fig = charts.area_cooccurrence_heatmap(co, {"ai": "AI", "space": "Space"}, subtitle="x")
    (trace,) = fig.data
    assert [list(r) for r in trace.z] == [[3, 1], [1, 2]]
    assert list(trace.x) == ["AI", "Space"] and fig.layout.meta["name"] == "area-cooccurrence"
    empty = charts.area_cooccurrence_heatmap(co * 0)
    assert is_empty_figure(empty, "No article mentions a technology area")


def test_dependency_graph_on_the_seeds(seeds: Analysis) -> None:
    fig = seeds_figures(seeds)["dependencies"]
    nodes = node_positions(fig)
    assert set(nodes) == set(seeds.corpus.ids)
    deps = seeds.duplicates.dependencies
    drawn = arrows(fig)
    assert len(drawn) == len(deps) >= 1
    for d in deps:
        assert any(
            (a.ax, a.ay) == nodes[d.source] and (a.x, a.y) == nodes[d.derivative] for a in drawn
        )
    for column, group in enumerate(seeds.duplicates.independent_reports):
        assert {round(nodes[i][0]) for i in group} == {column}
        assert nodes[group[0]][1] == max(nodes[i][1] for i in group)
    hover = " ".join(h for t in fig.data if "arrow" in t.name for h in t.hovertext)
    hover = hover.replace("<br>", " ")  # wrapped for display
    assert "names The Japan Times as its source" in hover  # the basis
    assert "rewrites" in hover


# --------------------------------------------------------------------------- terms


def test_distinctive_terms_bar() -> None:
    terms = [("independent talks", 0.14), ("asia", 0.12), ("defense industries", 0.11)]
    fig = charts.distinctive_terms_bar(terms, "Anadolu Agency", subtitle="5 articles")
    (trace,) = fig.data
    assert trace.type == "bar" and trace.orientation == "h"
    assert list(trace.y) == ["independent talks", "asia", "defense industries"]
    assert list(trace.x) == [0.14, 0.12, 0.11]
    assert fig.layout.yaxis.autorange == "reversed"  # the top term at the top
    assert "Distinctive terms: Anadolu Agency" in fig.layout.title.text


def test_distinctive_terms_bar_on_the_seeds(seeds: Analysis) -> None:
    terms = seeds.distinctive_terms(12)["Anadolu Agency"]
    trace = seeds_figures(seeds)["terms"].data[0]
    assert list(trace.x) == [w for _, w in terms]
    assert list(trace.y) == [t for t, _ in terms]


def test_dependency_graph_with_many_independent_reports_is_an_explained_empty_figure() -> None:
    ids = [f"a{i:02d}" for i in range(30)]  # more reports than the graph draws, none linked
    fig = charts.dependency_graph(ids, [], [[i] for i in ids])
    assert not fig.data
    texts = [a.text for a in fig.layout.annotations]
    assert any("each is an independent report" in t for t in texts)
    assert fig.layout.title.subtitle.text == "30 single-article reports not shown"


# --- large corpora: aggregates instead of one mark per item -----------------------------


def _title_text(fig: go.Figure) -> str:
    return f"{fig.layout.title.text} {fig.layout.title.subtitle.text}"


def test_event_timeline_draws_the_most_reported_events_of_a_large_corpus() -> None:
    events = [
        event(PartialDate(2000 + i % 20, 1 + i % 12, 1 + i % 28), f"event {i}", ("a",) * (i % 5))
        for i in range(1_500)
    ]
    fig = charts.event_timeline(events)
    drawn = sum(len(t.x) for t in fig.data)
    assert drawn == charts._EVENTS_MAX_SHOWN
    sizes = [s for t in fig.data for s in t.marker.size]
    assert sum(s >= 15 for s in sizes) == 900  # every event of 2+ articles is drawn
    assert "of 1,500" in _title_text(fig)


def test_publication_timeline_counts_per_outlet_and_date_when_large() -> None:
    day = PartialDate(2025, 3, 1)
    articles = [
        art(f"a{i}", f"Outlet {i % 3}", PartialDate(2025, 3, 1 + i % 10)) for i in range(2_400)
    ]
    articles.append(art("m", "Outlet 0", PartialDate(2025, 4)))
    fig = charts.publication_timeline(articles)
    assert sum(c for t in fig.data for c in t.customdata) == len(articles)
    assert sum(len(t.x) for t in fig.data) == 3 * 10 + 1  # outlets × days + the month
    assert day.start().isoformat() in {x for t in fig.data for x in t.x}
    assert "sized by its number of articles" in _title_text(fig)


def test_duplicate_scores_become_a_histogram_when_large() -> None:
    rng = np.random.default_rng(1)
    kinds = ["verbatim", "near-verbatim", "paraphrase"]
    pairs = [
        pair(f"a{i}", f"b{i}", kinds[i % 3], float(rng.uniform(0.5, 1.0))) for i in range(3_000)
    ]
    fig = charts.duplicate_scores(pairs, threshold=0.5)
    assert {type(t).__name__ for t in fig.data} == {"Bar"}
    assert [t.name for t in fig.data] == kinds
    assert sum(sum(t.y) for t in fig.data) == 3_000
    for t in fig.data:
        want = np.histogram([p.score for p in pairs if p.kind == t.name], np.linspace(0, 1, 21))
        assert list(t.y) == want[0].tolist()
    assert "3,000 passages" in _title_text(fig)


def test_dependency_graph_caps_the_articles_of_a_large_report() -> None:
    members = [f"m{i:03d}" for i in range(80)]
    deps = [dep(members[0], m) for m in members[1:]]
    fig = charts.dependency_graph(members, deps, [tuple(members)])
    assert len(node_positions(fig)) == charts._GRAPH_MAX_MEMBERS
    assert len(arrows(fig)) == charts._GRAPH_MAX_MEMBERS - 1
    assert "68 more articles of large reports not shown" in _title_text(fig)
