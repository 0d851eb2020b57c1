"""Technology areas: the rows × areas heatmap and the bar of how many rows mention each
area."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from natojp.charts._style import (
    _MAX_TEXT_CELLS,
    COLORWAY,
    COUNT_SCALE,
    LABEL_WIDTH,
    MAX_TICK_LABELS,
    _axis_labels,
    _category_axis,
    _clamp,
    _esc,
    _finish,
    _names,
    _number,
    empty_figure,
)
from natojp.labels import LABEL_WIDTH as ARTICLE_LABEL_WIDTH


def _row_noun(scores: pd.DataFrame) -> str:
    """What the rows of an area table are, from the index name natojp gives them."""
    index_name = str(scores.index.name or "")
    if index_name == "article":
        return "articles"
    if index_name in {"group", "source", "outlet"}:
        return "sources"
    return "rows"


def area_heatmap(
    scores: pd.DataFrame,
    area_labels: Mapping[str, str] | None = None,
    row_labels: Mapping[str, str] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    selected: tuple[str, str] | None = None,
) -> go.Figure:
    """Rows (articles or sources, whatever the index holds) × technology areas.

    Two traces. ``data[0]`` is the heatmap that is seen: ``z`` is ``scores`` exactly
    (sentences mentioning the area), zero cells white and blank, other cells show the
    count; ``customdata[i][j]`` is ``[row id, area id]``. ``row_labels`` name the rows
    (for articles, the labels of :func:`natojp.labels.article_labels`, not cut again;
    hover adds the id). ``data[1]`` (name ``"cells"``) is what is clicked: Plotly
    heatmaps report no point selections, so an invisible scatter point sits at the
    centre of every cell, row by row, with ``customdata`` ``[row id, area id]`` and the
    hover text. The layout hovers the nearest point at any distance, so a click
    anywhere in a cell selects it (see :func:`selected_cell`). ``selected`` (row id,
    area id) outlines that cell.
    """
    noun = _row_noun(scores)
    name = "area-heatmap"
    title = title or f"Technology areas by {noun.rstrip('s')}"
    if scores.shape[0] == 0:
        return empty_figure(f"No {noun} to score", title, subtitle=subtitle, name=name)
    if scores.shape[1] == 0:
        return empty_figure("The taxonomy has no areas", title, subtitle=subtitle, name=name)
    rows = [str(i) for i in scores.index]
    areas = [str(c) for c in scores.columns]
    row_names = row_labels or {}
    area_names = area_labels or {}
    y, y_ticks = _axis_labels(
        [row_names.get(r, r) for r in rows],
        max(LABEL_WIDTH, ARTICLE_LABEL_WIDTH) if row_names else LABEL_WIDTH,
    )
    x, x_ticks = _axis_labels([area_names.get(a, a) for a in areas], 28)
    z = scores.to_numpy(dtype=float)
    trace: dict[str, Any] = {
        "z": z.tolist(),
        "x": x,
        "y": y,
        "zmin": 0,
        "zmax": max(float(z.max()), 1.0),
        "colorscale": COUNT_SCALE,
        "colorbar": {"title": {"text": "sentences"}},
        "customdata": [[[r, a] for a in areas] for r in rows],
        "hoverinfo": "skip",  # the cells trace hovers (and is clicked)
        "xgap": 1,
        "ygap": 1 if len(rows) <= MAX_TICK_LABELS else 0,
    }
    if z.size <= _MAX_TEXT_CELLS:
        trace["text"] = [["" if v == 0 else _number(v) for v in row] for row in z.tolist()]
        trace["texttemplate"] = "%{text}"
    fig = go.Figure(go.Heatmap(**trace))
    fig.add_trace(_cells(rows, areas, x, y, z, named={r for r in rows if r in row_names}))
    fig.update_layout(
        xaxis=_category_axis(x, x_ticks, tickangle=-40, side="bottom"),
        yaxis=_category_axis(y, y_ticks, autorange="reversed"),
        hovermode="closest",
        hoverdistance=-1,  # the nearest cell centre at any distance: the cell under the mouse
        showlegend=False,
    )
    if selected is not None and selected[0] in rows and selected[1] in areas:
        i, j = rows.index(selected[0]), areas.index(selected[1])
        fig.add_shape(
            type="rect",
            x0=j - 0.5,
            x1=j + 0.5,
            y0=i - 0.5,
            y1=i + 0.5,
            xref="x",
            yref="y",
            line={"color": COLORWAY[3], "width": 3},
            fillcolor="rgba(0,0,0,0)",
            layer="above",
            name="selected-cell",
        )
    height = _clamp(260 + 28 * len(rows), 420, 1600)
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)


def _cells(
    rows: Sequence[str],
    areas: Sequence[str],
    x: Sequence[str],
    y: Sequence[str],
    z: Any,
    named: Collection[str] = (),
) -> go.Scatter:
    """One invisible, clickable point per heatmap cell (row by row), hovering its count
    (and the row's id under its name for the ``named`` rows)."""
    points = [(i, j) for i in range(len(rows)) for j in range(len(areas))]
    counts = [float(z[i][j]) for i, j in points]
    heads = [
        f"<b>{v}</b><br>{_esc(r)}" if r in named else f"<b>{v}</b>"
        for r, v in zip(rows, y, strict=True)
    ]
    hover = [
        f"{heads[i]}<br>{x[j]}: {_number(c)} sentence{'' if c == 1 else 's'}"
        + ("<br><i>click to read them</i>" if c else "")
        for (i, j), c in zip(points, counts, strict=True)
    ]
    return go.Scatter(
        x=[x[j] for _, j in points],
        y=[y[i] for i, _ in points],
        mode="markers",
        name="cells",
        marker={"symbol": "square", "size": 8, "color": counts, "opacity": 0},
        selected={"marker": {"opacity": 0}},
        unselected={"marker": {"opacity": 0}},
        customdata=[[rows[i], areas[j]] for i, j in points],
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )


def selected_cell(selection: Any) -> tuple[str, str] | None:
    """The (row id, area id) of the first cell in a Streamlit Plotly selection of
    :func:`area_heatmap` (the chart's return value or its session-state value: an
    object or a dict with ``selection.points``), or ``None`` when no cell is selected.
    Points without a ``[row id, area id]`` ``customdata`` are ignored."""
    inner = _get(selection, "selection")
    points = _get(inner, "points") or []
    for point in points if isinstance(points, list) else []:
        data = _get(point, "customdata")
        if isinstance(data, list | tuple) and len(data) == 2:
            return str(data[0]), str(data[1])
    return None


def _get(value: Any, key: str) -> Any:
    if isinstance(value, Mapping):
        return value.get(key)
    return getattr(value, key, None)


def area_coverage_bar(
    scores: pd.DataFrame,
    area_labels: Mapping[str, str] | None = None,
    row_labels: Mapping[str, str] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Per area, how many rows (articles or sources) mention it (score > 0), most first.

    Areas nobody mentions are kept (a zero bar says so); ties keep taxonomy order. Hover
    lists the rows that mention the area.
    """
    noun = _row_noun(scores)
    name = "area-coverage"
    title = title or f"How many {noun} mention each technology area"
    if scores.shape[0] == 0 or scores.shape[1] == 0:
        what = f"No {noun} to count" if scores.shape[0] == 0 else "The taxonomy has no areas"
        return empty_figure(what, title, subtitle=subtitle, name=name)
    rows = [str(i) for i in scores.index]
    row_names = row_labels or {}
    area_names = area_labels or {}
    mentioning: list[tuple[str, list[str]]] = [
        (str(area), [row_names.get(r, r) for r, v in zip(rows, column, strict=True) if v > 0])
        for area, column in zip(scores.columns, scores.to_numpy(dtype=float).T, strict=True)
    ]
    mentioning.sort(key=lambda item: -len(item[1]))  # stable: ties keep taxonomy order
    total = len(rows)
    y, ticks = _axis_labels([area_names.get(a, a) for a, _ in mentioning], 36)
    counts = [len(m) for _, m in mentioning]
    hover = [
        f"<b>{label}</b><br>{c} of {total} {noun}" + (f": {_names(m)}" if m else "")
        for label, c, (_, m) in zip(y, counts, mentioning, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=counts,
            y=y,
            orientation="h",
            marker={"color": COLORWAY[0]},
            text=[f"{c} of {total}" for c in counts],
            textposition="outside",
            cliponaxis=False,
            customdata=[a for a, _ in mentioning],
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis={
            "title": {"text": f"{noun} mentioning the area"},
            "range": [0, total * 1.15],
            "dtick": 1 if total <= 12 else None,
            "rangemode": "tozero",
        },
        yaxis=_category_axis(y, ticks, autorange="reversed"),
        showlegend=False,
    )
    height = _clamp(200 + 30 * len(y), 360, 1200)
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)
