"""The provenance graph (natojp.provenance._graph): edges with their evidence, and the
GraphML, GEXF and CSV exports read back."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from natojp import Analysis, analyze
from natojp.provenance import EDGE_COLUMNS, Provenance, build_provenance

ROOT = Path(__file__).resolve().parents[2]
JT, AA = "001_92ee229aff965d8c", "000_3d9694f0226b20af"


@pytest.fixture(scope="module")
def seeds() -> Analysis:
    return analyze([ROOT / "seeds"])


@pytest.fixture(scope="module")
def prov(seeds: Analysis) -> Provenance:
    dup = seeds.duplicates
    return build_provenance(
        seeds.articles, dup.dependencies, dup.independent_reports, seeds.similarity.neighbors
    )


def test_edges_carry_the_evidence(prov: Provenance) -> None:
    [edge] = prov.edges
    assert (edge.source, edge.derivative, edge.relation) == (JT, AA, "rewrite")
    assert edge.story == prov.story_of(AA).id == prov.story_of(JT).id
    assert (edge.direction_basis, edge.certain) == ("attribution", True)
    assert edge.credit.lower() == "told the japan times"
    assert edge.source_date == edge.derivative_date == "2025-07-29"
    assert edge.shared_passages >= 1 and 0 < edge.coverage <= 1


def test_graph_round_trips_through_graphml(prov: Provenance, tmp_path: Path) -> None:
    story = prov.story_of(AA)
    path = tmp_path / "story.graphml"
    prov.to_graphml(path, story.id)
    g = nx.read_graphml(path)
    assert set(g.nodes) == set(story.articles)
    assert g.nodes[JT]["outlet"] == "The Japan Times"
    assert g.nodes[JT]["first_publisher"] is True
    assert g.nodes[AA]["date"] == "2025-07-29" and g.nodes[AA]["date_basis"] == "manifest"
    assert g.nodes[AA]["wires"] == "Anadolu Agency"
    [(u, v, data)] = list(g.edges(data=True))
    assert (u, v) == (JT, AA)
    assert data["relation"] == "rewrite" and data["direction_basis"] == "attribution"
    assert data["certain"] is True and data["credit"].lower() == "told the japan times"


def test_graph_round_trips_through_gexf(prov: Provenance, tmp_path: Path) -> None:
    path = tmp_path / "all.gexf"
    prov.to_gexf(path)  # every story
    g = nx.read_gexf(path)
    assert set(g.nodes) == set(prov.articles)
    assert {n for n, d in g.nodes(data=True) if d["first_publisher"]} >= {JT}
    [(u, v, data)] = list(g.edges(data=True))
    assert (u, v) == (JT, AA) and data["relation"] == "rewrite"
    assert g.nodes[AA]["label"] == "Anadolu Agency"


def test_edges_frame_and_csv(prov: Provenance, tmp_path: Path) -> None:
    frame = prov.edges_frame()
    assert list(frame.columns) == list(EDGE_COLUMNS)
    assert frame.loc[0, "source_outlet"] == "The Japan Times"
    assert frame.loc[0, "derivative_outlet"] == "Anadolu Agency"
    path = tmp_path / "edges.csv"
    frame.to_csv(path, index=False)
    back = pd.read_csv(path, keep_default_na=False)
    assert back.loc[0, "source"] == JT and back.loc[0, "derivative"] == AA
    assert prov.edges_frame("no-such-story").empty


def test_stories_frame_lists_every_story(prov: Provenance) -> None:
    frame = prov.stories_frame()
    assert list(frame["story"]) == [s.id for s in prov.stories]
    row = frame[frame["story"] == prov.story_of(AA).id].iloc[0]
    assert row["first"] == JT and row["first_outlet"] == "The Japan Times"
    assert "attribution" in row["first_basis"]


def test_stories_frame_of_some_stories_keeps_their_order_and_the_columns(
    prov: Provenance,
) -> None:
    some = list(reversed(prov.stories))[:2]
    frame = prov.stories_frame(some)
    assert list(frame["story"]) == [s.id for s in some]
    assert list(frame.columns) == list(prov.stories_frame().columns)
    empty = prov.stories_frame([])
    assert empty.empty and list(empty.columns) == list(frame.columns)


def test_unknown_story_raises(prov: Provenance) -> None:
    with pytest.raises(KeyError):
        prov.story("no-such-story")
    with pytest.raises(KeyError):
        prov.story_of("no-such-article")
