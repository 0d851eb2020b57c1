"""The provenance graph of one story: who published first and who copied whom."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from natojp._wording import join, plural, short
from natojp.charts._style import (
    COLORWAY,
    RELATION_COLORS,
    _arrows,
    _beneath,
    _esc,
    _finish,
    _wrap,
    _wrap_hover,
    empty_figure,
)

if TYPE_CHECKING:
    from natojp.provenance import Provenance

_NODE_WIDTH = 20  # characters of a line of a node's label (two lines at most)
_UNDATED = "no date"


def provenance_graph(
    provenance: Provenance,
    story_id: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """One story's provenance: articles in columns by publication date (left to right,
    undated articles in a first column), labelled by outlet; an arrow from each
    original to what derives from it, coloured by relation, dashed when the direction
    is not certain. The first publisher is drawn larger. Hover gives each article's
    date and basis, wires and title, and each edge's evidence (its basis). Node traces
    carry article ids in ``customdata``.
    """
    name = "provenance-graph"
    try:
        story = provenance.story(story_id)
    except KeyError:
        return empty_figure(
            f"No story {story_id}", title or "Provenance", subtitle=subtitle, name=name
        )
    articles = provenance.articles
    columns: dict[str, list[str]] = defaultdict(list)
    for aid in story.articles:
        a = articles[aid]
        columns[a.published.iso() if a.published else _UNDATED].append(aid)
    order = sorted(k for k in columns if k != _UNDATED)
    if _UNDATED in columns:
        order.insert(0, _UNDATED)
    position: dict[str, tuple[float, float]] = {}
    for x, key in enumerate(order):
        for k, aid in enumerate(columns[key]):
            # Every other column a little lower, so an arrow that skips a column does
            # not run through the article between.
            position[aid] = (float(x) + (0.12 if k % 2 else 0.0), -float(k) - 0.4 * (x % 2))
    edges = [e for e in provenance.edges if e.story == story.id]
    title = title or f"Provenance: {story.title}"
    fig = go.Figure()
    arrows: list[go.Scatter] = []
    for relation in sorted(
        {e.relation for e in edges}, key=lambda r: (r not in RELATION_COLORS, r)
    ):
        color = RELATION_COLORS.get(relation, COLORWAY[4])
        chosen = [e for e in edges if e.relation == relation]
        fig.add_trace(
            go.Scatter(
                x=[(position[e.source][0] + position[e.derivative][0]) / 2 for e in chosen],
                y=[(position[e.source][1] + position[e.derivative][1]) / 2 for e in chosen],
                mode="markers",
                name=f"{relation} (arrow: original → derivative)",
                marker={"size": 9, "color": color, "symbol": "diamond"},
                customdata=[[e.source, e.derivative] for e in chosen],
                hovertext=[
                    f"<b>{_esc(e.derivative)} ← {_esc(e.source)}: {_esc(relation)}</b><br>"
                    f"{plural(e.shared_passages, 'shared passage')} · "
                    f"{e.coverage:.0%} of the derivative's words<br>"
                    f"direction: {_esc(e.direction_basis)}"
                    f"{'' if e.certain else ' (not certain)'}<br>{_wrap_hover(e.basis, 80)}"
                    for e in chosen
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        for certain in (True, False):
            ends = [
                (position[e.source], position[e.derivative]) for e in chosen if e.certain == certain
            ]
            if ends:
                arrows.append(_arrows(ends, color, certain=certain))
    roles = {"first publisher": COLORWAY[0], "other article": COLORWAY[6]}
    for role, color in roles.items():
        nodes = [i for i in story.articles if (i == story.first) == (role == "first publisher")]
        if not nodes:
            continue
        fig.add_trace(
            go.Scatter(
                x=[position[i][0] for i in nodes],
                y=[position[i][1] for i in nodes],
                mode="markers+text",
                name=role,
                marker={
                    "size": 22 if role == "first publisher" else 16,
                    "color": color,
                    "line": {"width": 1, "color": "#ffffff"},
                },
                text=[_wrap(_node_name(provenance, i), _NODE_WIDTH) for i in nodes],
                textposition="middle right",
                textfont={"size": 11},
                cliponaxis=False,
                customdata=nodes,
                hovertext=[_node_hover(provenance, i) for i in nodes],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _beneath(fig, arrows)
    lowest = min(y for _, y in position.values())
    fig.update_layout(
        xaxis={
            "tickmode": "array",
            "tickvals": list(range(len(order))),
            "ticktext": [_esc(k) for k in order],
            "range": [-0.4, len(order) - 0.2],
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={"visible": False, "range": [lowest - 0.6, 0.6]},
        legend={"orientation": "h", "y": -0.12, "yanchor": "top"},
    )
    first = (
        f"first: {_node_name(provenance, story.first)}"
        + ("" if story.first_certain else " (not certain)")
        if story.first
        else "first publisher unknown"
    )
    note = join(
        f"{plural(len(story.articles), 'article')} · "
        f"{plural(len(story.independent_reports), 'independent report')}",
        first,
    )
    height = max(360, min(2000, int(240 + 70 * (1.0 - lowest))))
    return _finish(fig, name=name, title=title, subtitle=join(subtitle, note), height=height)


def _node_name(provenance: Provenance, aid: str) -> str:
    """How an article reads on the graph: its outlet, else its title, else its id."""
    a = provenance.articles[aid]
    return a.outlet or short(a.title or "", 40) or aid


def _node_hover(provenance: Provenance, aid: str) -> str:
    a = provenance.articles[aid]
    date = f"{a.published} ({a.published_basis or 'given'})" if a.published else "no date"
    parts = [
        f"<b>{_esc(a.outlet or aid)}</b>",
        _esc(aid),
        f"published: {_esc(date)}",
    ]
    if a.wires:
        parts.append(f"wires: {_esc(', '.join(a.wires))}")
    if a.title:
        parts.append(_wrap_hover(a.title, 70))
    return "<br>".join(parts)
