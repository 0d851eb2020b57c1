"""The look every figure shares and the helpers that apply it: :data:`TEMPLATE`, fonts,
colours and colour scales, label width and tick limits, escaping, wrapping and truncating
labels, category axes, the title/subtitle/name finish and :func:`empty_figure`."""

from __future__ import annotations

import html
import math
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from natojp._wording import short

FONT_FAMILY = (
    "Arial, Helvetica, Noto Sans CJK JP, Hiragino Sans, Yu Gothic, Meiryo, Malgun Gothic, "
    "sans-serif"
)
"""A plain sans-serif present on office machines and export servers alike, then fonts
with Japanese (and Chinese and Korean) characters for the labels Arial lacks: Noto Sans
CJK (Debian's fonts-noto-cjk, which the server-side chart images need), then those of
macOS and Windows."""

COLORWAY: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#7F7F7F",
    "#000000",
)
"""Okabe-Ito colours (safe for colour-blind readers and in greyscale print), fixed order."""

HEAT_SCALE: list[list[float | str]] = [
    [0.0, "#ffffff"],
    [0.25, "#c6dbef"],
    [0.5, "#6baed6"],
    [0.75, "#2171b5"],
    [1.0, "#08306b"],
]
"""Sequential white-to-blue scale for values in [0, 1] (0 is white)."""

COUNT_SCALE: list[list[float | str]] = [
    [0.0, "#ffffff"],
    [1e-6, "#deebf7"],
    [0.5, "#6baed6"],
    [1.0, "#08306b"],
]
"""Counts: exactly 0 is white, any positive count at least a visible light blue."""

KIND_COLORS: dict[str, str] = {
    "verbatim": "#D55E00",
    "near-verbatim": "#E69F00",
    "paraphrase": "#0072B2",
}
"""Colour of each duplicate kind (other kinds take the rest of :data:`COLORWAY`)."""

RELATION_COLORS: dict[str, str] = {"copy": "#D55E00", "version": "#E69F00", "rewrite": "#0072B2"}
"""Arrow colour of each dependency relation."""

PRECISION_SYMBOLS: dict[str, str] = {"day": "circle", "month": "square", "year": "diamond"}
"""Marker symbol of each date precision (publication and event timelines)."""

PRECISION_COLORS: dict[str, str] = {"day": "#0072B2", "month": "#E69F00", "year": "#009E73"}
"""Marker colour of each date precision."""

LABEL_WIDTH = 40
"""Characters of a label shown on an axis; the rest is in the hover text."""

MAX_TICK_LABELS = 60
"""Above this many categories an axis hides its tick labels (they would overlap)."""

_MAX_HOVER_NAMES = 12
_MAX_TEXT_CELLS = 600  # heatmaps write values in cells up to this many cells


def _build_template() -> go.layout.Template:
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.update(
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        title={"font": {"family": FONT_FAMILY, "size": 18, "color": "#111111"}, "x": 0.0},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=list(COLORWAY),
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 12}, "align": "left"},
        legend={"font": {"size": 12}},
        margin={"l": 80, "r": 40, "t": 100, "b": 60},
    )
    return template


TEMPLATE: go.layout.Template = _build_template()
"""The template every figure sets explicitly (see :mod:`natojp.charts`)."""


def _beneath(fig: go.Figure, traces: Sequence[go.Scatter]) -> None:
    """Add ``traces`` to ``fig`` beneath those it has (drawn first: the nodes of a graph
    then cover the ends of its :func:`_arrows`)."""
    if not traces:
        return
    fig.add_traces(list(traces))
    n = len(traces)
    fig.data = fig.data[-n:] + fig.data[:-n]


def _esc(text: str) -> str:
    """Escape corpus text for Plotly's pseudo-HTML labels."""
    return html.escape(text, quote=False)


def _wrap(text: str, width: int, lines: int = 2) -> str:
    """``text`` wrapped into at most ``lines`` escaped lines joined by ``<br>``."""
    parts = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], short(" ".join(parts[lines - 1 :]), width)]
    return "<br>".join(_esc(p) for p in parts)


ARROWS = "links"
"""The name of the traces :func:`_arrows` makes (not in the legend)."""


def _arrows(
    edges: Sequence[tuple[tuple[float, float], tuple[float, float]]],
    color: str,
    *,
    certain: bool = True,
) -> go.Scatter:
    """Graph edges, each an arrow from its start to its end (data coordinates), as one
    trace: line segments with an arrowhead marker at each end, turned along its segment
    and set back from the end by the radius of the node drawn there. Thinner, fainter
    and with an open head when their direction is not ``certain``. Draw the nodes after
    it, over the ends of its lines. (Layout annotations, one per arrow, took a browser
    about three times as long: 0.37 s against 0.13 s to draw a dependency graph of 144
    arrows, 0.09 s without them.)"""
    xs: list[float | None] = []
    ys: list[float | None] = []
    sizes: list[int] = []
    for (x0, y0), (x1, y1) in edges:
        xs += [x0, x1, None]
        ys += [y0, y1, None]
        sizes += [0, 15 if certain else 12, 0]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        name=ARROWS,
        line={"color": color, "width": 2 if certain else 1},
        marker={
            "symbol": "arrow" if certain else "arrow-open",
            "size": sizes,
            "color": color,
            "angleref": "previous",
            "standoff": 11,
            "line": {"width": 0},
            "opacity": 1.0,
        },
        opacity=1.0 if certain else 0.5,
        hoverinfo="skip",
        showlegend=False,
        cliponaxis=False,
    )


def _wrap_hover(text: str, width: int = 80) -> str:
    """Escaped ``text`` wrapped for a hover box."""
    return "<br>".join(_esc(p) for p in textwrap.wrap(" ".join(text.split()), width))


def _names(items: Sequence[str]) -> str:
    """Escaped, comma-separated names, at most :data:`_MAX_HOVER_NAMES` of them."""
    shown = ", ".join(_esc(i) for i in items[:_MAX_HOVER_NAMES])
    more = len(items) - _MAX_HOVER_NAMES
    return f"{shown} and {more} more" if more > 0 else shown


def _axis_labels(full: Sequence[str], width: int = LABEL_WIDTH) -> tuple[list[str], list[str]]:
    """Unique escaped category values (full text) and their escaped, truncated tick texts.

    Labels that truncate to the same text are numbered in both forms, so categories never
    merge and ticks stay distinguishable.
    """
    shorts = [short(t, width) for t in full]
    totals = Counter(shorts)
    seen: Counter[str] = Counter()
    values: list[str] = []
    ticks: list[str] = []
    for text, cut in zip(full, shorts, strict=True):
        if totals[cut] > 1:
            seen[cut] += 1
            text, cut = f"{text} ({seen[cut]})", f"{cut} ({seen[cut]})"
        values.append(_esc(" ".join(text.split())))
        ticks.append(_esc(cut))
    if len(set(values)) < len(values):  # a label literally ending in "(2)": number them all
        values = [f"{v} [{i + 1}]" for i, v in enumerate(values)]
    return values, ticks


def _category_axis(values: Sequence[str], ticks: Sequence[str], **extra: Any) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "type": "category",
        "tickmode": "array",
        "tickvals": list(values),
        "ticktext": list(ticks),
        "showgrid": False,
        "automargin": True,
    }
    if len(values) > MAX_TICK_LABELS:
        axis["showticklabels"] = False
    axis.update(extra)
    return axis


def _finish(
    fig: go.Figure,
    *,
    name: str,
    title: str,
    subtitle: str | None,
    height: int | None = None,
) -> go.Figure:
    """Apply the conventions: explicit template, title and subtitle, meta name, height."""
    text = f"<b>{_esc(title)}</b>" if title else ""
    title_spec: dict[str, Any] = {"text": text, "x": 0.0, "xanchor": "left"}
    if subtitle:
        title_spec["subtitle"] = {"text": _esc(subtitle), "font": {"size": 13, "color": "#555555"}}
    fig.update_layout(template=TEMPLATE, title=title_spec, meta={"name": name})
    if height is not None:
        fig.update_layout(height=height)
    return fig


def _clamp(value: float, low: int, high: int) -> int:
    return int(min(max(value, low), high))


def _number(value: float) -> str:
    """A cell value as text: integers without decimals."""
    if math.isnan(value):
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def empty_figure(
    message: str,
    title: str | None = None,
    *,
    subtitle: str | None = None,
    name: str = "empty",
) -> go.Figure:
    """A figure with no data: ``message`` centred where the chart would be, axes hidden."""
    fig = go.Figure()
    fig.add_annotation(
        text=_esc(message),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        xanchor="center",
        yanchor="middle",
        showarrow=False,
        font={"size": 16, "color": "#555555"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _finish(fig, name=name, title=title or "", subtitle=subtitle, height=320)
