"""Distinctive terms: the terms that set one source apart, as horizontal bars."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from natojp._wording import slug
from natojp.charts._style import (
    COLORWAY,
    _axis_labels,
    _category_axis,
    _clamp,
    _finish,
    empty_figure,
)


def distinctive_terms_bar(
    terms: Sequence[tuple[str, float]],
    source: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """The terms that set ``source`` apart, as horizontal bars in the given order (top first).

    ``terms`` are (term, score) pairs, e.g. ``analysis.distinctive_terms()[source]``.
    """
    name = f"distinctive-terms-{slug(source, default='chart')}"
    title = title or f"Distinctive terms: {source}"
    if not terms:
        return empty_figure(
            f"No distinctive terms found for {source}", title, subtitle=subtitle, name=name
        )
    values, ticks = _axis_labels([t for t, _ in terms], 30)
    fig = go.Figure(
        go.Bar(
            x=[float(w) for _, w in terms],
            y=values,
            orientation="h",
            marker={"color": COLORWAY[0]},
            hovertemplate="%{y}: %{x:.3f}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis={
            "title": {"text": "mean TF-IDF weight in this source minus in the others"},
            "rangemode": "tozero",
        },
        yaxis=_category_axis(values, ticks, autorange="reversed"),
        showlegend=False,
    )
    height = _clamp(180 + 28 * len(terms), 320, 900)
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)
