"""Duplicated content: passage scores (a strip, or a histogram when large) and the
dependency graph of who copies or rewrites whom."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import plotly.graph_objects as go

from natojp._wording import join, plural, short
from natojp.charts._style import (
    COLORWAY,
    KIND_COLORS,
    RELATION_COLORS,
    _arrows,
    _beneath,
    _clamp,
    _esc,
    _finish,
    _wrap,
    _wrap_hover,
    empty_figure,
)

if TYPE_CHECKING:
    from natojp.duplicates import Dependency, DuplicatePair

_GRAPH_COLUMNS = 4  # report columns per row band in the dependency graph
_GRAPH_MAX_SHOWN = 24  # reports drawn at most (the largest)
_GRAPH_MAX_GROUPS = 20  # above this, single-article reports are left out of the graph
_STRIP_MAX_POINTS = 2_000  # duplicate scores: above, counts per score bin per kind
_GRAPH_MAX_MEMBERS = 12  # articles drawn per report in the dependency graph
_GRAPH_ALL_LINKS = 3
"""Reports of up to this many articles draw every link between them; in larger ones
(wire copies that all copy one another) each article's arrow comes from its main source
only, or the arrows cross every node and label of the report's column."""
_NODE_WIDTH = 24  # characters of a line of a node's label (two lines at most)


def duplicate_scores(
    pairs: Sequence[DuplicatePair],
    threshold: float = 0.0,
    *,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Duplicated passages as a strip: x = score (0-1), one row and colour per kind.

    Points in a row are spread vertically (a fixed pattern, so the chart is the same on
    every run); a dashed line marks ``threshold``. ``customdata`` is the pair's index
    in ``pairs``; hover gives the articles (their ``labels``, e.g.
    :func:`natojp.labels.article_labels`, and ids), kind, score and the start of the passage.
    Above ``_STRIP_MAX_POINTS`` passages the chart counts passages per score bin instead.
    """
    name = "duplicate-scores"
    title = title or "Duplicated passages by score"
    if not pairs:
        message = (
            f"No duplicated passages with a score of at least {threshold:.2f}"
            if threshold > 0
            else "No duplicated passages found in this corpus"
        )
        return empty_figure(message, title, subtitle=subtitle, name=name)
    kinds = [k for k in KIND_COLORS if any(p.kind == k for p in pairs)]
    kinds += sorted({p.kind for p in pairs} - set(kinds))
    if len(pairs) > _STRIP_MAX_POINTS:
        return _score_histogram(pairs, kinds, threshold, name, title, subtitle)
    spare = iter(c for c in COLORWAY if c not in KIND_COLORS.values())
    fig = go.Figure()
    names = labels or {}
    for row, kind in enumerate(kinds):
        picked = [i for i, p in enumerate(pairs) if p.kind == kind]
        offsets = [((k * 0.618034) % 1.0 - 0.5) * 0.5 for k in range(len(picked))]
        hover = []
        for i in picked:
            p = pairs[i]
            where = (
                f"within {_named(p.a, names)}"
                if p.a == p.b
                else f"{_named(p.a, names)}{'<br>' if names else ' '}↔ {_named(p.b, names)}"
            )
            quote = " · quotation" if p.quote else ""
            if p.formulaic:
                quote += " · formulaic (not evidence of copying)"
            hover.append(
                f"<b>{where}</b><br>{_esc(p.kind)}{quote} · score {p.score:.2f} · "
                f"{p.shared_words} shared words<br>“{_wrap_hover(short(p.a_text, 160), 70)}”"
            )
        fig.add_trace(
            go.Scatter(
                x=[pairs[i].score for i in picked],
                y=[row + o for o in offsets],
                mode="markers",
                name=kind,
                marker={
                    "size": 11,
                    "color": KIND_COLORS.get(kind) or next(spare, "#7F7F7F"),
                    "opacity": 0.85,
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=picked,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _score_threshold(fig, threshold)
    fig.update_layout(
        xaxis={"range": [-0.02, 1.02], "title": {"text": "score (share of passage worded alike)"}},
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(kinds))),
            "ticktext": [_esc(k) for k in kinds],
            "range": [len(kinds) - 0.5, -0.5],
            "zeroline": False,
            "automargin": True,
        },
        legend={"title": {"text": "kind"}},
    )
    height = _clamp(220 + 70 * len(kinds), 320, 700)
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)


def _named(article: str, labels: Mapping[str, str]) -> str:
    """An article in hover text: its label and id (the id alone when it has no label)."""
    label = labels.get(article, article)
    return _esc(article) if label == article else f"{_esc(label)} ({_esc(article)})"


def _score_threshold(fig: go.Figure, threshold: float) -> None:
    """The dashed minimum-score line of the duplicate score charts, labelled."""
    fig.add_shape(
        type="line",
        name="threshold",
        x0=threshold,
        x1=threshold,
        xref="x",
        y0=0,
        y1=1,
        yref="paper",
        line={"color": "#444444", "width": 1.5, "dash": "dash"},
    )
    fig.add_annotation(
        x=threshold,
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
        xanchor="left",
        text=f"minimum score {threshold:.2f}",
        showarrow=False,
        font={"size": 11, "color": "#444444"},
    )


def _score_histogram(
    pairs: Sequence[DuplicatePair],
    kinds: Sequence[str],
    threshold: float,
    name: str,
    title: str,
    subtitle: str | None,
) -> go.Figure:
    """The aggregate of :func:`duplicate_scores`: passages per score bin (0.05 wide),
    stacked by kind; ``customdata`` holds each bar's bin edges."""
    fig = go.Figure()
    spare = iter(c for c in COLORWAY if c not in KIND_COLORS.values())
    edges = np.linspace(0.0, 1.0, 21)
    for kind in kinds:
        scores = np.array([p.score for p in pairs if p.kind == kind], dtype=float)
        counts, _ = np.histogram(scores, bins=edges)
        fig.add_trace(
            go.Bar(
                x=(edges[:-1] + 0.025).tolist(),
                y=counts.tolist(),
                width=0.045,
                name=kind,
                marker={"color": KIND_COLORS.get(kind) or next(spare, "#7F7F7F")},
                customdata=np.column_stack([edges[:-1], edges[1:]]).round(2).tolist(),
                hovertemplate=f"{_esc(kind)} · score %{{customdata[0]:.2f}}–"
                "%{customdata[1]:.2f}: %{y:,} passages<extra></extra>",
            )
        )
    _score_threshold(fig, threshold)
    fig.update_layout(
        barmode="stack",
        xaxis={"range": [-0.02, 1.02], "title": {"text": "score (share of passage worded alike)"}},
        yaxis={"title": {"text": "passages"}},
        legend={"title": {"text": "kind"}},
    )
    note = f"{len(pairs):,} passages: counts per score bin"
    return _finish(fig, name=name, title=title, subtitle=join(subtitle, note), height=420)


def _main_sources(
    drawn: Sequence[Dependency], columns: Sequence[Sequence[str]]
) -> tuple[list[Dependency], int]:
    """``drawn`` without the links inside a report of more than :data:`_GRAPH_ALL_LINKS`
    articles that do not come from their derivative's main source (the source of most
    of its words, then a certain direction, then most shared passages); how many were
    left out. Links across reports are all kept."""
    report = {article: c for c, members in enumerate(columns) for article in members}
    large = {c for c, members in enumerate(columns) if len(members) > _GRAPH_ALL_LINKS}
    main: dict[str, Dependency] = {}
    for d in drawn:
        if report[d.derivative] in large and report[d.source] == report[d.derivative]:
            best = main.get(d.derivative)
            strength = (d.coverage, d.certain, d.shared_passages)
            if best is None or strength > (best.coverage, best.certain, best.shared_passages):
                main[d.derivative] = d
    kept = [
        d
        for d in drawn
        if report[d.derivative] not in large
        or report[d.source] != report[d.derivative]
        or main[d.derivative] is d
    ]
    return kept, len(drawn) - len(kept)


def dependency_graph(
    article_ids: Sequence[str],
    dependencies: Sequence[Dependency],
    groups: Sequence[Sequence[str]],
    labels: Mapping[str, str] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Which article copies or rewrites which, laid out by independent report.

    Each group of ``groups`` (e.g. ``analysis.duplicates.independent_reports``, its
    original first) is one column, headed by its number in ``groups`` (as the briefing
    pack's table of reports numbers it, whichever reports the graph leaves out),
    members top to bottom (every other one shifted right so an arrow past a member
    does not cross it); columns wrap in bands of four. Articles in no group get a
    column of their own; an article named only by a dependency is added, so every
    dependency is drawn. When there are more than
    twenty reports, single-article reports without a dependency are left out, and
    above ``_GRAPH_MAX_SHOWN`` only the largest reports are drawn, each with at most
    ``_GRAPH_MAX_MEMBERS`` articles; all are counted in the subtitle. In a report of
    more than ``_GRAPH_ALL_LINKS`` articles each article's arrow comes from its main
    source only (:func:`_main_sources`); the links left out are counted in the subtitle
    (the dependency table lists them all).

    Each dependency is a layout annotation arrow from its source (tail, ``ax/ay``) to
    its derivative (head, ``x/y``), coloured by relation; a marker half-way carries
    the hover (relation and basis). ``labels`` name the articles (e.g.
    :func:`natojp.labels.article_labels`: on two lines next to each node; whole, with
    the id, in hover). Node traces carry article ids in ``customdata``.
    """
    name = "dependency-graph"
    ids = list(
        dict.fromkeys([*article_ids, *(i for d in dependencies for i in (d.source, d.derivative))])
    )
    if not ids:
        return empty_figure(
            "No articles to show", title or "Who copies whom", subtitle=subtitle, name=name
        )
    known = set(ids)
    placed: set[str] = set()
    columns: list[list[str]] = []
    numbers: list[int] = []  # each column's report number: its place in groups, as the
    for k, group in enumerate(groups, 1):  # brief's table of reports numbers them
        members = [i for i in dict.fromkeys(group) if i in known and i not in placed]
        if members:
            columns.append(members)
            numbers.append(k)
            placed.update(members)
    alone = [i for i in ids if i not in placed]  # in no group: reports of their own
    columns.extend([i] for i in alone)
    numbers.extend(range(len(groups) + 1, len(groups) + 1 + len(alone)))
    reports = len(columns)
    title = title or (
        f"Who copies whom: {plural(len(ids), 'article')} → {plural(reports, 'independent report')}"
    )
    linked = {i for d in dependencies for i in (d.source, d.derivative)}
    note = None
    if len(columns) > _GRAPH_MAX_GROUPS:
        kept = [k for k, c in enumerate(columns) if len(c) > 1 or c[0] in linked]
        dropped = len(columns) - len(kept)
        if dropped:
            note = f"{plural(dropped, 'single-article report')} not shown"
            columns, numbers = [columns[k] for k in kept], [numbers[k] for k in kept]
        if not columns:
            return empty_figure(
                "No article copies or rewrites another: each is an independent report",
                title,
                subtitle=join(subtitle, note),
                name=name,
            )
        if len(columns) > _GRAPH_MAX_SHOWN:  # the largest groups; the rest are in the table
            largest = sorted(range(len(columns)), key=lambda c: (-len(columns[c]), c))
            shown = sorted(largest[:_GRAPH_MAX_SHOWN])
            more = len(columns) - len(shown)
            columns, numbers = [columns[c] for c in shown], [numbers[c] for c in shown]
            note = join(note, f"{plural(more, 'smaller linked report')} not shown")
    if any(len(c) > _GRAPH_MAX_MEMBERS for c in columns):
        hidden = sum(max(len(c) - _GRAPH_MAX_MEMBERS, 0) for c in columns)
        columns = [c[:_GRAPH_MAX_MEMBERS] for c in columns]
        note = join(note, f"{plural(hidden, 'more article')} of large reports not shown")
    names = labels or {}
    position: dict[str, tuple[float, float]] = {}
    role: dict[str, str] = {}
    headers: list[tuple[float, float, str]] = []
    band_top = 0.0
    for start in range(0, len(columns), _GRAPH_COLUMNS):
        band = columns[start : start + _GRAPH_COLUMNS]
        for c, members in enumerate(band):
            headers.append((float(c), band_top + 0.55, f"Report {numbers[start + c]}"))
            for k, article in enumerate(members):
                position[article] = (c + (0.15 if k % 2 else 0.0), band_top - k)
                role[article] = (
                    "single-article report"
                    if len(members) == 1
                    else ("original" if k == 0 else "derived (copy, version or rewrite)")
                )
        band_top -= max(len(m) for m in band) + 1.2
    fig = go.Figure()
    role_colors = {
        "original": COLORWAY[0],
        "derived (copy, version or rewrite)": COLORWAY[1],
        "single-article report": COLORWAY[6],
    }
    for kind, color in role_colors.items():
        nodes = [i for i in position if role[i] == kind]
        if not nodes:
            continue
        fig.add_trace(
            go.Scatter(
                x=[position[i][0] for i in nodes],
                y=[position[i][1] for i in nodes],
                mode="markers+text",
                name=kind,
                marker={"size": 18, "color": color, "line": {"width": 1, "color": "#ffffff"}},
                text=[_wrap(names.get(i, i), _NODE_WIDTH) for i in nodes],
                textposition="middle right",
                textfont={"size": 11},
                cliponaxis=False,
                customdata=nodes,
                hovertext=[
                    f"<b>{_wrap_hover(names.get(i, i), 70)}</b><br>{_esc(i)}<br>{kind}"
                    for i in nodes
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    drawn = [d for d in dependencies if d.source in position and d.derivative in position]
    drawn, hidden = _main_sources(drawn, columns)
    if hidden:
        note = join(
            note,
            f"in reports of more than {_GRAPH_ALL_LINKS} articles, each article's main source "
            f"only: {plural(hidden, 'more link')} not drawn",
        )
    annotations: list[dict[str, Any]] = []
    arrows: list[go.Scatter] = []
    for relation in sorted(
        {d.relation for d in drawn},
        key=lambda r: (list(RELATION_COLORS).index(r) if r in RELATION_COLORS else 99, r),
    ):
        color = RELATION_COLORS.get(relation, COLORWAY[4])
        edges = [d for d in drawn if d.relation == relation]
        verb = edges[0].verb
        fig.add_trace(
            go.Scatter(
                x=[(position[d.source][0] + position[d.derivative][0]) / 2 for d in edges],
                y=[(position[d.source][1] + position[d.derivative][1]) / 2 for d in edges],
                mode="markers",
                name=f"{verb} (arrow: source → derivative)",
                marker={"size": 9, "color": color, "symbol": "diamond"},
                customdata=[[d.source, d.derivative] for d in edges],
                hovertext=[
                    f"<b>{_named(d.derivative, names)}{'<br>' if names else ' '}{verb} "
                    f"{_named(d.source, names)}</b>"
                    f"{'' if d.certain else ' (direction not certain)'}<br>"
                    f"{plural(d.shared_passages, 'shared passage')} · "
                    f"{d.coverage:.0%} of the derivative's words<br>{_wrap_hover(d.basis, 80)}"
                    for d in edges
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        arrows.append(_arrows([(position[d.source], position[d.derivative]) for d in edges], color))
    for x, y, text in headers:
        annotations.append(
            {
                "x": x - 0.08,
                "y": y,
                "xref": "x",
                "yref": "y",
                "text": f"<b>{text}</b>",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
            }
        )
    fig.update_layout(annotations=annotations)
    _beneath(fig, arrows)
    n_cols = min(len(columns), _GRAPH_COLUMNS)
    lowest = min(y for _, y in position.values())
    fig.update_layout(
        xaxis={"visible": False, "range": [-0.25, n_cols - 0.05]},
        yaxis={"visible": False, "range": [lowest - 0.5, 1.0]},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
    )
    height = _clamp(220 + 80 * (1.0 - lowest), 340, 2400)
    return _finish(fig, name=name, title=title, subtitle=join(subtitle, note), height=height)
