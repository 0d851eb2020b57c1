"""natojp.charts conventions: explicit template, names, titles, empty inputs, escaping."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit  # noqa: F401  (sets Plotly's default template to "streamlit", as in the app)

from natojp import Analysis, charts
from natojp.labels import LABEL_WIDTH as ARTICLE_LABEL_WIDTH
from tests.charts.helpers import is_empty_figure, seeds_figures


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
    # hover (%{x}) shows the whole label and, on an article heatmap, the id under it
    assert full.endswith("talks in 2025<br>x")
    assert short.endswith("…") and len(html.unescape(short)) <= ARTICLE_LABEL_WIDTH
    assert list(fig.layout.xaxis.tickvals) == list(fig.data[0].x)
    assert "%{x}" in fig.data[0].hovertemplate and "%{y}" in fig.data[0].hovertemplate
