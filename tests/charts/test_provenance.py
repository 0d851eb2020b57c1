"""The provenance graph figure (natojp.charts.provenance)."""

from __future__ import annotations

from natojp import Analysis
from natojp.charts import TEMPLATE, provenance_graph
from natojp.provenance import build_provenance

from .helpers import arrows, is_empty_figure

JT, AA = "001_92ee229aff965d8c", "000_3d9694f0226b20af"


def test_story_graph_has_its_articles_and_edges(seeds: Analysis) -> None:
    dup = seeds.duplicates
    p = build_provenance(
        seeds.articles, dup.dependencies, dup.independent_reports, seeds.similarity.neighbors
    )
    story = p.story_of(AA)
    fig = provenance_graph(p, story.id, subtitle="seeds")
    assert fig.layout.template == TEMPLATE
    assert fig.layout.meta == {"name": "provenance-graph"}
    nodes = {
        i: (x, t)
        for trace in fig.data
        if trace.name in ("first publisher", "other article")
        for i, x, t in zip(trace.customdata, trace.x, trace.text, strict=True)
    }
    assert set(nodes) == set(story.articles)
    assert "The Japan Times" in nodes[JT][1] and "Anadolu Agency" in nodes[AA][1]
    [first] = [t for t in fig.data if t.name == "first publisher"]
    assert list(first.customdata) == [JT]
    [edge] = [t for t in fig.data if t.name.startswith("rewrite")]
    assert [list(c) for c in edge.customdata] == [[JT, AA]]
    (arrow,) = arrows(fig)
    assert arrow.color == "#0072B2"
    assert arrow.tail[0] == nodes[JT][0] and arrow.head[0] == nodes[AA][0]  # JT → AA
    assert "seeds" in fig.layout.title.subtitle.text
    assert "first: The Japan Times" in fig.layout.title.subtitle.text


def test_unknown_story_is_an_empty_figure(seeds: Analysis) -> None:
    dup = seeds.duplicates
    p = build_provenance(seeds.articles, dup.dependencies, dup.independent_reports, {})
    assert is_empty_figure(provenance_graph(p, "story-99"), "No story story-99")
