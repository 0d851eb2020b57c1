"""Square item × item heatmaps: article and source similarity (TF-IDF cosine), technology
areas shared by each pair of articles, and area × area co-occurrence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from natojp._wording import join
from natojp.charts._style import (
    _MAX_TEXT_CELLS,
    COUNT_SCALE,
    HEAT_SCALE,
    LABEL_WIDTH,
    MAX_TICK_LABELS,
    _axis_labels,
    _category_axis,
    _clamp,
    _esc,
    _finish,
    _number,
    empty_figure,
)
from natojp.labels import LABEL_WIDTH as ARTICLE_LABEL_WIDTH

_ROW_PX = 30  # height of a row while the chart grows (up to _MAX_HEIGHT)
_MAX_HEIGHT = 1400
_UPRIGHT_COLUMNS = 16  # above this many columns the x tick labels stand upright


def _tick_size(n: int) -> int:
    """Tick font size of an ``n``-row square heatmap: 13 px, 11 px above 40 rows (the
    chart stops growing at ``_MAX_HEIGHT``, rows get thinner)."""
    return 13 if n <= 40 else 11


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
    articles: bool = False,
) -> go.Figure:
    """A symmetric item × item matrix as a heatmap, rows from the top, optional order.

    ``articles``: the items are articles, named by ``labels`` (made by
    :func:`natojp.labels.article_labels`, not cut again); hover adds each one's id.
    """
    if frame.shape[0] != frame.shape[1]:
        raise ValueError(f"expected a square matrix, got {frame.shape[0]} × {frame.shape[1]}")
    positions = _positions(order, frame.shape[0])
    ordered = frame.iloc[positions, positions]
    ids = [str(i) for i in ordered.index]
    names = labels or {}
    width = max(LABEL_WIDTH, ARTICLE_LABEL_WIDTH) if articles else LABEL_WIDTH
    values, ticks = _axis_labels([names.get(i, i) for i in ids], width)
    n = len(ids)
    if articles and names:  # the id under each label in hover (values stay unique)
        values = [
            v if names.get(i, i) == i else f"{v}<br>{_esc(i)}"
            for v, i in zip(values, ids, strict=True)
        ]
    hover = f"%{{y}} × %{{x}}: {hover_value}"
    if articles:
        hover = f"%{{y}}<br>× %{{x}}<br>{hover_value}"
    trace: dict[str, Any] = {
        "z": ordered.to_numpy().tolist(),
        "x": values,
        "y": values,
        "zmin": 0,
        "zmax": zmax,
        "colorscale": colorscale,
        "colorbar": {"title": {"text": colorbar}},
        "hovertemplate": f"{hover}<extra></extra>",
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
    font = {"size": _tick_size(n)}
    angle = -90 if n > _UPRIGHT_COLUMNS else -40
    fig.update_layout(
        xaxis=_category_axis(values, ticks, tickangle=angle, tickfont=font),
        yaxis=_category_axis(values, ticks, autorange="reversed", tickfont=font),
    )
    height = _clamp(220 + _ROW_PX * n, 420, _MAX_HEIGHT)
    if n > MAX_TICK_LABELS:
        subtitle = join(subtitle, f"{n} rows: hover a cell to name them")
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)


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
    articles: bool = False,
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
        articles=articles,
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
    ``analysis.similarity.frame()``); ``labels`` maps an id to its display text,
    :func:`natojp.labels.article_labels` (hover gives both labels, their ids and the
    cosine; ticks are upright above 16 articles and hidden above
    :data:`~natojp.charts.MAX_TICK_LABELS`);
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
        articles=True,
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
    number of areas an article mentions at all. Zero cells are white. ``labels`` as in
    :func:`similarity_heatmap`.
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
        articles=True,
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
