"""natojp.charts.duplicates: duplicate scores (strip and histogram), dependency graph."""

from __future__ import annotations

import numpy as np

from natojp import Analysis, charts
from natojp.charts import duplicates as duplicate_charts
from tests.charts.helpers import (
    arrows,
    dep,
    is_empty_figure,
    node_positions,
    pair,
    seeds_figures,
    title_text,
)


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
    assert "3,000 passages" in title_text(fig)


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
        assert arrow.tail == nodes[d.source]  # tail at the source
        assert arrow.head == nodes[d.derivative]  # head at the derivative
        assert arrow.certain and arrow.color == charts.RELATION_COLORS[d.relation]
    # drawn beneath the articles, which cover the ends of the lines
    names = [t.name for t in fig.data]
    assert max(i for i, n in enumerate(names) if n == "links") < names.index("original")
    edges = {t.name: t for t in fig.data if "arrow" in t.name}
    assert set(edges) == {
        "copies (arrow: source → derivative)",
        "rewrites (arrow: source → derivative)",
    }
    hover = " ".join(h for t in edges.values() for h in t.hovertext).replace("<br>", " ")
    assert "copy1 copies Outlet O · Original story (orig)" in hover  # label and id
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
    assert arrow.tail == nodes["elsewhere"] and arrow.head == nodes["a"]


def test_dependency_graph_leaves_out_single_reports_when_crowded() -> None:
    ids = [f"s{i:02d}" for i in range(30)]
    groups = [("s00", "s01"), *[(i,) for i in ids[2:]]]
    fig = charts.dependency_graph(ids, [dep("s00", "s01")], groups)
    assert set(node_positions(fig)) == {"s00", "s01"}
    assert fig.layout.title.subtitle.text == "28 single-article reports not shown"
    assert "30 articles → 29 independent reports" in fig.layout.title.text


def test_dependency_graph_numbers_reports_by_their_place_in_the_list() -> None:
    """As the briefing pack's table of reports numbers them (reports_by_size): the
    graph's "Report 26" is the table's, whichever single reports the graph leaves out."""
    singles = [(f"s{i:02d}",) for i in range(25)]
    groups = [*singles, ("a", "b"), ("c",)]
    ids = [i for g in groups for i in g] + ["loose"]  # in no group: a report after them
    fig = charts.dependency_graph(ids, [dep("a", "b"), dep("c", "loose")], groups)
    headers = [a.text for a in fig.layout.annotations if a.text.startswith("<b>Report")]
    assert headers == ["<b>Report 26</b>", "<b>Report 27</b>", "<b>Report 28</b>"]
    few = charts.dependency_graph(["x", "a", "b"], [dep("a", "b")], [("x",), ("a", "b")])
    assert [a.text for a in few.layout.annotations if "Report" in a.text] == [
        "<b>Report 1</b>",
        "<b>Report 2</b>",
    ]


def test_dependency_graph_draws_only_the_largest_reports_when_many() -> None:
    groups = [(f"o{g}", *(f"c{g}-{k}" for k in range(g % 3 + 1))) for g in range(40)]
    deps = [dep(group[0], member) for group in groups for member in group[1:]]
    ids = [i for group in groups for i in group]
    fig = charts.dependency_graph(ids, deps, groups)
    shown = {i for group in groups for i in group if i in node_positions(fig)}
    drawn_groups = [g for g in groups if g[0] in shown]
    assert len(drawn_groups) == duplicate_charts._GRAPH_MAX_SHOWN
    assert all(len(g) >= 3 for g in drawn_groups[:13])  # the 13 largest (size 4) come first
    assert all(set(g) <= shown for g in drawn_groups)  # a report is drawn whole or not at all
    assert len(arrows(fig)) == sum(len(g) - 1 for g in drawn_groups)
    assert fig.layout.title.subtitle.text == "16 smaller linked reports not shown"


def test_dependency_graph_on_the_seeds(seeds: Analysis) -> None:
    fig = seeds_figures(seeds)["dependencies"]
    nodes = node_positions(fig)
    assert set(nodes) == set(seeds.corpus.ids)
    deps = seeds.duplicates.dependencies
    drawn = arrows(fig)
    assert len(drawn) == len(deps) >= 1
    for d in deps:
        assert any(a.tail == nodes[d.source] and a.head == nodes[d.derivative] for a in drawn)
    for column, group in enumerate(seeds.duplicates.independent_reports):
        assert {round(nodes[i][0]) for i in group} == {column}
        assert nodes[group[0]][1] == max(nodes[i][1] for i in group)
    hover = " ".join(h for t in fig.data if "arrow" in t.name for h in t.hovertext)
    hover = hover.replace("<br>", " ")  # wrapped for display
    assert "names The Japan Times as its source" in hover  # the basis
    assert "rewrites" in hover


def test_dependency_graph_with_many_independent_reports_is_an_explained_empty_figure() -> None:
    ids = [f"a{i:02d}" for i in range(30)]  # more reports than the graph draws, none linked
    fig = charts.dependency_graph(ids, [], [[i] for i in ids])
    assert not fig.data
    texts = [a.text for a in fig.layout.annotations]
    assert any("each is an independent report" in t for t in texts)
    assert fig.layout.title.subtitle.text == "30 single-article reports not shown"


def test_dependency_graph_caps_the_articles_of_a_large_report() -> None:
    members = [f"m{i:03d}" for i in range(80)]
    deps = [dep(members[0], m) for m in members[1:]]
    fig = charts.dependency_graph(members, deps, [tuple(members)])
    assert len(node_positions(fig)) == duplicate_charts._GRAPH_MAX_MEMBERS
    assert len(arrows(fig)) == duplicate_charts._GRAPH_MAX_MEMBERS - 1
    assert "68 more articles of large reports not shown" in title_text(fig)


def test_dependency_graph_draws_each_articles_main_source_in_a_large_report() -> None:
    from dataclasses import replace

    # five wire copies that all share text with one another: ten links; each copy holds
    # most of its words from the wire, except c3, which holds more of c1's
    members = ["wire", "c1", "c2", "c3", "c4"]
    strong = {("wire", "c1"), ("wire", "c2"), ("c1", "c3"), ("wire", "c4")}
    deps = [
        replace(dep(a, b), coverage=0.9 if (a, b) in strong else 0.6)
        for i, a in enumerate(members)
        for b in members[i + 1 :]
    ]
    fig = charts.dependency_graph(members, deps, [tuple(members)])
    nodes = node_positions(fig)
    drawn = {(a.tail, a.head) for a in arrows(fig)}
    assert drawn == {(nodes[s], nodes[d]) for s, d in strong}  # one arrow into each
    assert "each article's main source only: 6 more links not drawn" in title_text(fig)
    # a report of three draws every link (as in test_dependency_graph_inline)
    three = [d for d in deps if {d.source, d.derivative} <= set(members[:3])]
    small = charts.dependency_graph(members[:3], three, [tuple(members[:3])])
    assert len(arrows(small)) == 3 and "not drawn" not in title_text(small)


def test_formulaic_passages_say_so_in_the_hover() -> None:
    from dataclasses import replace

    plain = pair("a", "b", "verbatim", 1.0)
    formula = replace(pair("a", "c", "verbatim", 1.0), evidence_words=2)
    fig = charts.duplicate_scores([plain, formula], threshold=0.5)
    hover = list(fig.data[0].hovertext)
    assert "formulaic" not in hover[0] and "formulaic (not evidence of copying)" in hover[1]


def test_duplicate_scores_hover_names_articles_by_label_and_id() -> None:
    pairs = [pair("a", "b", "verbatim", 1.0)]
    fig = charts.duplicate_scores(pairs, labels={"a": "Kyodo News · Talks open", "b": "NHK"})
    assert "Kyodo News · Talks open (a)<br>↔ NHK (b)" in fig.data[0].hovertext[0]
