"""Square item × item heatmaps: article and source similarity (TF-IDF cosine), technology
areas shared by each pair of articles, and area × area co-occurrence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from natojp.charts._style import (
    _MAX_TEXT_CELLS,
    COUNT_SCALE,
    HEAT_SCALE,
    MAX_TICK_LABELS,
    _axis_labels,
    _category_axis,
    _clamp,
    _finish,
    _number,
    empty_figure,
)


def _positions(order: Sequence[int] | None, n: int) -> list[int]:
    if order is None:
        return list(range(n))
    positions = [int(i) for i in order]
    if len(set(positions)) != len(positions) or any(not 0 <= i < n for i in positions):
        raise ValueError(f"order must list distinct positions in 0..{n - 1}")
    return positions


def _square_heatmap(
    frame: pd.DataFrame,
    labels: Mapping[str, str] | None,
    order: Sequence[int] | None,
    *,
    colorscale: list[list[float | str]],
    zmax: float,
    blank_zero: bool,
    hover_value: str,
    colorbar: str,
    name: str,
    title: str,
    subtitle: str | None,
) -> go.Figure:
    """A symmetric item × item matrix as a heatmap, rows from the top, optional order."""
    if frame.shape[0] != frame.shape[1]:
        raise ValueError(f"expected a square matrix, got {frame.shape[0]} × {frame.shape[1]}")
    positions = _positions(order, frame.shape[0])
    ordered = frame.iloc[positions, positions]
    ids = [str(i) for i in ordered.index]
    names = labels or {}
    values, ticks = _axis_labels([names.get(i, i) for i in ids])
    n = len(ids)
    trace: dict[str, Any] = {
        "z": ordered.to_numpy().tolist(),
        "x": values,
        "y": values,
        "zmin": 0,
        "zmax": zmax,
        "colorscale": colorscale,
        "colorbar": {"title": {"text": colorbar}},
        "hovertemplate": f"%{{y}} × %{{x}}: {hover_value}<extra></extra>",
        "xgap": 1 if n <= MAX_TICK_LABELS else 0,
        "ygap": 1 if n <= MAX_TICK_LABELS else 0,
    }
    if n * n <= _MAX_TEXT_CELLS // 4:
        cell = _number if blank_zero else "{:.2f}".format
        trace["text"] = [
            ["" if blank_zero and v == 0 else cell(v) for v in row] for row in trace["z"]
        ]
        trace["texttemplate"] = "%{text}"
    fig = go.Figure(go.Heatmap(**trace))
    fig.update_layout(
        xaxis=_category_axis(values, ticks, tickangle=-40),
        yaxis=_category_axis(values, ticks, autorange="reversed"),
    )
    return _finish(
        fig, name=name, title=title, subtitle=subtitle, height=_clamp(220 + 30 * n, 420, 1400)
    )


def _off_diagonal_max(frame: pd.DataFrame) -> float:
    """Colour-scale top for a similarity matrix: its largest off-diagonal value.

    The diagonal (1.0) would otherwise wash out the differences between items; it is
    drawn at full colour. Rounded up to a multiple of 0.05, at least 0.05, at most 1.
    """
    values = frame.to_numpy(dtype=float).copy()
    if values.shape[0] < 2:
        return 1.0
    np.fill_diagonal(values, 0.0)
    return float(min(1.0, max(0.05, np.ceil(values.max() / 0.05) * 0.05)))


def _cosine_heatmap(
    matrix: pd.DataFrame,
    labels: Mapping[str, str] | None,
    order: Sequence[int] | None,
    *,
    name: str,
    title: str,
    empty: str,
    subtitle: str | None,
) -> go.Figure:
    if matrix.empty:
        return empty_figure(empty, title, subtitle=subtitle, name=name)
    return _square_heatmap(
        matrix,
        labels,
        order,
        colorscale=HEAT_SCALE,
        zmax=_off_diagonal_max(matrix),
        blank_zero=False,
        hover_value="%{z:.2f}",
        colorbar="cosine",
        name=name,
        title=title,
        subtitle=subtitle,
    )


def similarity_heatmap(
    matrix: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    order: Sequence[int] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Article × article cosine similarity (0-1, diagonal included) as a heatmap.

    ``matrix`` is square with article ids as index and columns (e.g.
    ``analysis.similarity.frame()``); ``labels`` maps an id to its display text (outlet
    and title, truncated on the axes, whole in hover, which reads ``"A × B: 0.42"``);
    ``order`` lists row positions to show, in order, for both axes (e.g.
    :func:`natojp.similarity.cluster_order`). ``z`` holds the values as given; the
    colour scale tops out at the largest off-diagonal value.
    """
    return _cosine_heatmap(
        matrix,
        labels,
        order,
        name="article-similarity",
        title=title or "Article similarity (TF-IDF cosine)",
        empty="No articles to compare",
        subtitle=subtitle,
    )


def source_similarity_heatmap(
    frame: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    order: Sequence[int] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Source × source cosine similarity of mean TF-IDF vectors (``analysis.sources``)."""
    return _cosine_heatmap(
        frame,
        labels,
        order,
        name="source-similarity",
        title=title or "Source similarity (TF-IDF cosine of each source's articles)",
        empty="No sources to compare",
        subtitle=subtitle,
    )


def topic_overlap_heatmap(
    overlap: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    order: Sequence[int] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Article × article number of technology areas both mention (integers).

    ``overlap`` comes from :func:`natojp.similarity.area_overlap`; the diagonal is the
    number of areas an article mentions at all. Zero cells are white.
    """
    name = "area-overlap"
    title = title or "Technology areas shared by each pair of articles"
    if overlap.empty:
        return empty_figure("No articles to compare", title, subtitle=subtitle, name=name)
    top = float(overlap.to_numpy().max())
    return _square_heatmap(
        overlap,
        labels,
        order,
        colorscale=COUNT_SCALE,
        zmax=max(top, 1.0),
        blank_zero=True,
        hover_value="%{z} shared area(s)",
        colorbar="shared areas",
        name=name,
        title=title,
        subtitle=subtitle,
    )


def area_cooccurrence_heatmap(
    cooccurrence: pd.DataFrame,
    area_labels: Mapping[str, str] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Area × area number of articles mentioning both (diagonal: articles mentioning it).

    ``cooccurrence`` comes from :func:`natojp.similarity.area_cooccurrence`. Zero cells
    are white.
    """
    name = "area-cooccurrence"
    title = title or "Articles mentioning both technology areas"
    if cooccurrence.empty or not cooccurrence.to_numpy().any():
        return empty_figure(
            "No article mentions a technology area", title, subtitle=subtitle, name=name
        )
    return _square_heatmap(
        cooccurrence,
        area_labels,
        None,
        colorscale=COUNT_SCALE,
        zmax=float(cooccurrence.to_numpy().max()),
        blank_zero=True,
        hover_value="%{z} article(s) mention both",
        colorbar="articles",
        name=name,
        title=title,
        subtitle=subtitle,
    )
