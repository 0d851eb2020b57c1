"""Plotly figures of natojp results, one function per figure.

Every function takes data natojp already computed (a DataFrame, articles, events,
duplicate pairs) and only shapes it into a :class:`plotly.graph_objects.Figure`;
nothing analytical is computed here. The dashboard draws these figures and analysts
export them as PNG for briefings, so they follow one set of conventions:

* **Explicit template.** Every figure carries :data:`TEMPLATE` (``plotly_white`` with
  :data:`FONT_FAMILY`, a white paper and the fixed colour-blind-safe :data:`COLORWAY`).
  Importing Streamlit sets Plotly's default template to ``"streamlit"``, and exports
  made on a server then come out with a black background; no figure here relies on the
  default template.
* **Title and subtitle.** Every function takes ``title`` (``None`` gives a sensible
  default) and ``subtitle``, a line under the title for the current filters, e.g.
  ``"seeds · 5 of 5 articles · all sources"``. Some figures append what they leave out
  (``"2 undated articles not shown"``).
* **File name.** ``fig.layout.meta == {"name": <slug>}`` names PNG downloads
  (``"article-similarity"``, ``"area-heatmap"`` …).
* **Labels.** Long labels (article titles) are truncated to :data:`LABEL_WIDTH`
  characters on axes and in the chart; hover shows the full text. Labels that would
  read the same are numbered (``"… (2)"``) so that no two rows merge. Text from the
  corpus is HTML-escaped (Plotly reads ``<b>`` and ``&`` entities in labels). Axes of
  more than :data:`MAX_TICK_LABELS` categories hide their tick labels (hover still works).
* **Heatmaps** read like the table they come from: the first row at the top, cells in
  input order (or the given ``order``), ``z`` exactly the input values, and zero cells
  white.
* **Empty input** (no articles, events, pairs) gives :func:`empty_figure`: a centred
  message saying what is missing, no data traces and no empty axes.
* Figures hold plain lists, not NumPy arrays, so ``fig.to_json()`` is readable JSON.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

if TYPE_CHECKING:
    from natojp.duplicates import Dependency, DuplicatePair
    from natojp.models import Article
    from natojp.timeline import Event

__all__ = [
    "COLORWAY",
    "COUNT_SCALE",
    "FONT_FAMILY",
    "HEAT_SCALE",
    "KIND_COLORS",
    "LABEL_WIDTH",
    "MAX_TICK_LABELS",
    "PRECISION_COLORS",
    "PRECISION_SYMBOLS",
    "RELATION_COLORS",
    "TEMPLATE",
    "area_coverage_bar",
    "area_heatmap",
    "dependency_graph",
    "distinctive_terms_bar",
    "duplicate_scores",
    "empty_figure",
    "event_timeline",
    "publication_timeline",
    "similarity_heatmap",
    "source_similarity_heatmap",
    "topic_overlap_heatmap",
]

FONT_FAMILY = "Arial, Helvetica, sans-serif"
"""A plain sans-serif present on office machines and export servers alike."""

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
_GRAPH_COLUMNS = 4  # report columns per row band in the dependency graph
_GRAPH_MAX_SHOWN = 24  # reports drawn at most (the largest)
_GRAPH_MAX_GROUPS = 20  # above this, single-article reports are left out of the graph
_EVENT_LABELS_MAX = 40  # events beyond this are labelled in hover only
_EVENT_MAX_LANES = 12
_EVENTS_MAX_SHOWN = 1_000  # event timeline: the events reported by most articles
_PUBLICATIONS_MAX_POINTS = 2_000  # above: one marker per outlet and date, sized by count
_STRIP_MAX_POINTS = 2_000  # duplicate scores: above, counts per score bin per kind
_GRAPH_MAX_MEMBERS = 12  # articles drawn per report in the dependency graph
_UNKNOWN_OUTLET = "(unknown outlet)"


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
"""The template every figure sets explicitly (see the module docstring)."""


# --------------------------------------------------------------------------- helpers


def _esc(text: str) -> str:
    """Escape corpus text for Plotly's pseudo-HTML labels."""
    return html.escape(text, quote=False)


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: max(width - 1, 1)].rstrip(" ,;:-–—·") + "…"


def _wrap(text: str, width: int, lines: int = 2) -> str:
    """``text`` wrapped into at most ``lines`` escaped lines joined by ``<br>``."""
    parts = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], _short(" ".join(parts[lines - 1 :]), width)]
    return "<br>".join(_esc(p) for p in parts)


def _wrap_hover(text: str, width: int = 80) -> str:
    """Escaped ``text`` wrapped for a hover box."""
    return "<br>".join(_esc(p) for p in textwrap.wrap(" ".join(text.split()), width))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


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
    shorts = [_short(t, width) for t in full]
    totals = Counter(shorts)
    seen: Counter[str] = Counter()
    values: list[str] = []
    ticks: list[str] = []
    for text, short in zip(full, shorts, strict=True):
        if totals[short] > 1:
            seen[short] += 1
            text, short = f"{text} ({seen[short]})", f"{short} ({seen[short]})"
        values.append(_esc(" ".join(text.split())))
        ticks.append(_esc(short))
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


def _join(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return " · ".join(kept) if kept else None


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


# --------------------------------------------------------------------------- heatmaps


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
) -> go.Figure:
    """Rows (articles or sources, whatever the index holds) × technology areas.

    ``z`` is ``scores`` exactly (sentences mentioning the area); zero cells are white
    and blank, other cells show the count. ``customdata[i][j]`` is ``[row id, area id]``
    so a clicked cell maps back to the data.
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
    y, y_ticks = _axis_labels([row_names.get(r, r) for r in rows])
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
        "hovertemplate": "%{y}<br>%{x}: %{z} sentence(s)<extra></extra>",
        "xgap": 1,
        "ygap": 1 if len(rows) <= MAX_TICK_LABELS else 0,
    }
    if z.size <= _MAX_TEXT_CELLS:
        trace["text"] = [["" if v == 0 else _number(v) for v in row] for row in z.tolist()]
        trace["texttemplate"] = "%{text}"
    fig = go.Figure(go.Heatmap(**trace))
    fig.update_layout(
        xaxis=_category_axis(x, x_ticks, tickangle=-40, side="bottom"),
        yaxis=_category_axis(y, y_ticks, autorange="reversed"),
    )
    height = _clamp(260 + 28 * len(rows), 420, 1600)
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)


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


# --------------------------------------------------------------------------- timelines


def _date_range(days: Sequence[date], left: float, right: float) -> list[str]:
    """An x-axis range around ``days``: ``left``/``right`` of the span (at least 15 days)."""
    first, last = min(days), max(days)
    span = max((last - first).days, 30)
    start = first - timedelta(days=max(span * left, 15))
    end = last + timedelta(days=max(span * right, 15))
    return [start.isoformat(), end.isoformat()]


def publication_timeline(
    articles: Sequence[Article],
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """One marker per dated article at its publication date, one row per outlet.

    The marker symbol gives the date's precision (a month-precision date is drawn at
    the first day of its month); hover gives the title, date and where the date comes
    from. Articles of one outlet on one day are spread slightly so none hides another.
    Undated articles are counted in the subtitle. ``customdata`` holds article ids.
    Above ``_PUBLICATIONS_MAX_POINTS`` dated articles there is one marker per outlet and
    date instead, sized by its number of articles (``customdata``: that number).
    """
    name = "publication-timeline"
    title = title or "Publication dates by outlet"
    if not articles:
        return empty_figure("No articles to show", title, subtitle=subtitle, name=name)
    dated = sorted(
        (a for a in articles if a.published is not None),
        key=lambda a: (a.published.start() if a.published else date.min, a.id),
    )
    undated = len(articles) - len(dated)
    note = f"{_plural(undated, 'undated article')} not shown" if undated else None
    if not dated:
        message = f"None of the {_plural(len(articles), 'article')} carries a publication date"
        return empty_figure(message, title, subtitle=_join(subtitle, note), name=name)
    outlets = list(dict.fromkeys(a.outlet or _UNKNOWN_OUTLET for a in dated))
    lane = {o: i for i, o in enumerate(outlets)}
    ticks = [_esc(_short(o, 30)) for o in outlets]
    same_day = Counter((a.outlet or _UNKNOWN_OUTLET, a.published) for a in dated)
    placed: Counter[tuple[str, object]] = Counter()
    fig = go.Figure()
    if len(dated) > _PUBLICATIONS_MAX_POINTS:
        _publication_counts(fig, dated, lane)
        note = _join(note, "one marker per outlet and date, sized by its number of articles")
    for precision, symbol in PRECISION_SYMBOLS.items():
        if len(dated) > _PUBLICATIONS_MAX_POINTS:
            break
        group = [a for a in dated if a.published is not None and a.published.precision == precision]
        if not group:
            continue
        xs: list[str] = []
        ys: list[float] = []
        hover: list[str] = []
        for a in group:
            assert a.published is not None
            outlet = a.outlet or _UNKNOWN_OUTLET
            key = (outlet, a.published)
            k, m = placed[key], same_day[key]
            placed[key] += 1
            step = min(0.5 / m, 0.2)
            ys.append(lane[outlet] + (k - (m - 1) / 2) * step)
            xs.append(a.published.start().isoformat())
            hover.append(
                f"<b>{_wrap_hover(a.title or a.id, 70)}</b><br>{_esc(outlet)}<br>"
                f"published {a.published.iso()} ({precision} precision) · "
                f"basis: {_esc(a.published_basis or 'unknown')}<br>{_esc(a.id)}"
            )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=f"{precision} precision",
                marker={
                    "symbol": symbol,
                    "size": 13,
                    "color": PRECISION_COLORS[precision],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[a.id for a in group],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.update_layout(
        xaxis={
            "type": "date",
            "range": _date_range([a.published.start() for a in dated if a.published], 0.1, 0.1),
            "title": {"text": "publication date"},
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(outlets))),
            "ticktext": ticks,
            "range": [len(outlets) - 0.5, -0.5],
            "showgrid": True,
            "zeroline": False,
            "automargin": True,
        },
        legend={"title": {"text": "date known to"}},
    )
    height = _clamp(200 + 40 * len(outlets), 320, 1200)
    return _finish(fig, name=name, title=title, subtitle=_join(subtitle, note), height=height)


def _publication_counts(fig: go.Figure, dated: Sequence[Article], lane: Mapping[str, int]) -> None:
    """The aggregate publication timeline: one marker per (outlet, date), its size
    growing with the number of articles; ``customdata`` is that number."""
    counts = Counter((a.outlet or _UNKNOWN_OUTLET, a.published) for a in dated)
    for precision, symbol in PRECISION_SYMBOLS.items():
        keys = [k for k in counts if k[1] is not None and k[1].precision == precision]
        if not keys:
            continue
        fig.add_trace(
            go.Scatter(
                x=[k[1].start().isoformat() for k in keys if k[1] is not None],
                y=[lane[k[0]] for k in keys],
                mode="markers",
                name=f"{precision} precision",
                marker={
                    "symbol": symbol,
                    "size": [8 + 3 * math.log2(counts[k]) for k in keys],
                    "color": PRECISION_COLORS[precision],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[counts[k] for k in keys],
                hovertext=[
                    f"<b>{_plural(counts[k], 'article')}</b><br>{_esc(k[0])}<br>published "
                    f"{k[1].iso() if k[1] is not None else ''} ({precision} precision)"
                    for k in keys
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )


def _lanes(days: Sequence[int], gap: float, max_lanes: int) -> list[int]:
    """Greedy rows for sorted day numbers so that points in one row are ``gap`` apart.

    When every row is taken, the row whose last point is oldest is reused.
    """
    last: list[float] = []
    out: list[int] = []
    for d in days:
        free = [i for i, end in enumerate(last) if d - end >= gap]
        if free:
            lane = free[0]
        elif len(last) < max_lanes:
            last.append(-math.inf)
            lane = len(last) - 1
        else:
            lane = min(range(len(last)), key=last.__getitem__)
        last[lane] = d
        out.append(lane)
    return out


def event_timeline(
    events: Sequence[Event],
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Dated events: x = the date (its first day), one marker per event.

    Events are stacked in rows so their labels do not overlap (the rows carry no
    meaning); marker size grows with the number of articles reporting the event,
    symbol and colour give the date's precision. Hover: label, date, articles.
    Above ``_EVENTS_MAX_SHOWN`` events only those reported by most articles are drawn
    (the subtitle says so).
    """
    name = "event-timeline"
    title = title or "Events the articles mention"
    if not events:
        return empty_figure(
            "No dated events found in this corpus", title, subtitle=subtitle, name=name
        )
    if len(events) > _EVENTS_MAX_SHOWN:
        subtitle = _join(
            subtitle,
            f"the {_EVENTS_MAX_SHOWN:,} events reported by most articles, of {len(events):,}",
        )
        events = sorted(events, key=lambda e: (-len(e.articles), e.date.start(), e.label))
        events = events[:_EVENTS_MAX_SHOWN]
    ordered = sorted(events, key=lambda e: (e.date.start(), e.label))
    starts = [e.date.start() for e in ordered]
    span = max((max(starts) - min(starts)).days, 30)
    labelled = len(ordered) <= _EVENT_LABELS_MAX
    gap = span * 0.3 if labelled else span * 0.02
    lanes = _lanes([d.toordinal() for d in starts], gap, _EVENT_MAX_LANES)
    fig = go.Figure()
    for precision, symbol in PRECISION_SYMBOLS.items():
        picked = [i for i, e in enumerate(ordered) if e.date.precision == precision]
        if not picked:
            continue
        fig.add_trace(
            go.Scatter(
                x=[starts[i].isoformat() for i in picked],
                y=[lanes[i] for i in picked],
                mode="markers+text" if labelled else "markers",
                name=f"{precision} precision",
                text=[_esc(_short(ordered[i].label, 32)) for i in picked],
                textposition="middle right",
                textfont={"size": 11},
                cliponaxis=False,
                marker={
                    "symbol": symbol,
                    "size": [10 + 5 * min(len(ordered[i].articles) - 1, 6) for i in picked],
                    "color": PRECISION_COLORS[precision],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[[ordered[i].date.iso(), len(ordered[i].articles)] for i in picked],
                hovertext=[
                    f"<b>{_wrap_hover(ordered[i].label, 70)}</b><br>"
                    f"{ordered[i].date.iso()} ({precision} precision)<br>"
                    f"{_plural(len(ordered[i].articles), 'article')}: "
                    f"{_names(list(ordered[i].articles))}"
                    for i in picked
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    n_lanes = max(lanes) + 1
    fig.update_layout(
        xaxis={
            "type": "date",
            "range": _date_range(starts, 0.05, 0.35 if labelled else 0.05),
            "title": {"text": "date mentioned (first day of a month or year)"},
        },
        yaxis={
            "visible": False,
            "range": [n_lanes - 0.4, -0.6],
        },
        legend={
            "title": {"text": "date known to (marker size: number of articles)"},
            "orientation": "h",
            "y": -0.18,
            "yanchor": "top",
        },
    )
    height = _clamp(220 + 44 * n_lanes, 340, 900)
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)


# --------------------------------------------------------------------------- duplicates


def duplicate_scores(
    pairs: Sequence[DuplicatePair],
    threshold: float = 0.0,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Duplicated passages as a strip: x = score (0-1), one row and colour per kind.

    Points in a row are spread vertically (a fixed pattern, so the chart is the same on
    every run); a dashed line marks ``threshold``. ``customdata`` is the pair's index
    in ``pairs``; hover gives the articles, kind, score and the start of the passage.
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
    for row, kind in enumerate(kinds):
        picked = [i for i, p in enumerate(pairs) if p.kind == kind]
        offsets = [((k * 0.618034) % 1.0 - 0.5) * 0.5 for k in range(len(picked))]
        hover = []
        for i in picked:
            p = pairs[i]
            where = f"within {_esc(p.a)}" if p.a == p.b else f"{_esc(p.a)} ↔ {_esc(p.b)}"
            quote = " · quotation" if p.quote else ""
            hover.append(
                f"<b>{where}</b><br>{_esc(p.kind)}{quote} · score {p.score:.2f} · "
                f"{p.shared_words} shared words<br>“{_wrap_hover(_short(p.a_text, 160), 70)}”"
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
    return _finish(fig, name=name, title=title, subtitle=_join(subtitle, note), height=420)


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
    original first) is one column, members top to bottom (every other one shifted
    right so an arrow past a member does not cross it); columns wrap in bands of
    four. Articles in no group get a column of their own; an article named only by a
    dependency is added, so every dependency is drawn. When there are more than
    twenty reports, single-article reports without a dependency are left out, and
    above ``_GRAPH_MAX_SHOWN`` only the largest reports are drawn, each with at most
    ``_GRAPH_MAX_MEMBERS`` articles; all are counted in the subtitle.

    Each dependency is a layout annotation arrow from its source (tail, ``ax/ay``) to
    its derivative (head, ``x/y``), coloured by relation; a marker half-way carries
    the hover (relation and basis). Node traces carry article ids in ``customdata``.
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
    for group in groups:
        members = [i for i in dict.fromkeys(group) if i in known and i not in placed]
        if members:
            columns.append(members)
            placed.update(members)
    columns.extend([i] for i in ids if i not in placed)
    reports = len(columns)
    title = title or (
        f"Who copies whom: {_plural(len(ids), 'article')} → "
        f"{_plural(reports, 'independent report')}"
    )
    linked = {i for d in dependencies for i in (d.source, d.derivative)}
    note = None
    if len(columns) > _GRAPH_MAX_GROUPS:
        kept = [c for c in columns if len(c) > 1 or c[0] in linked]
        dropped = len(columns) - len(kept)
        if dropped:
            note = f"{_plural(dropped, 'single-article report')} not shown"
            columns = kept
        if not columns:
            return empty_figure(
                "No article copies or rewrites another: each is an independent report",
                title,
                subtitle=_join(subtitle, note),
                name=name,
            )
        if len(columns) > _GRAPH_MAX_SHOWN:  # the largest groups; the rest are in the table
            largest = sorted(range(len(columns)), key=lambda c: (-len(columns[c]), c))
            shown = sorted(largest[:_GRAPH_MAX_SHOWN])
            more = len(columns) - len(shown)
            columns = [columns[c] for c in shown]
            note = _join(note, f"{_plural(more, 'smaller linked report')} not shown")
    if any(len(c) > _GRAPH_MAX_MEMBERS for c in columns):
        hidden = sum(max(len(c) - _GRAPH_MAX_MEMBERS, 0) for c in columns)
        columns = [c[:_GRAPH_MAX_MEMBERS] for c in columns]
        note = _join(note, f"{_plural(hidden, 'more article')} of large reports not shown")
    names = labels or {}
    position: dict[str, tuple[float, float]] = {}
    role: dict[str, str] = {}
    headers: list[tuple[float, float, str]] = []
    band_top = 0.0
    for start in range(0, len(columns), _GRAPH_COLUMNS):
        band = columns[start : start + _GRAPH_COLUMNS]
        for c, members in enumerate(band):
            headers.append((float(c), band_top + 0.55, f"Report {start + c + 1}"))
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
                text=[_wrap(names.get(i, i), 20) for i in nodes],
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
    annotations: list[dict[str, Any]] = []
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
                    f"<b>{_esc(d.derivative)} {verb} {_esc(d.source)}</b><br>"
                    f"{_plural(d.shared_passages, 'shared passage')} · "
                    f"{d.coverage:.0%} of the derivative's words<br>{_wrap_hover(d.basis, 80)}"
                    for d in edges
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        for d in edges:
            (sx, sy), (dx, dy) = position[d.source], position[d.derivative]
            annotations.append(
                {
                    "x": dx,
                    "y": dy,
                    "ax": sx,
                    "ay": sy,
                    "xref": "x",
                    "yref": "y",
                    "axref": "x",
                    "ayref": "y",
                    "text": "",
                    "showarrow": True,
                    "arrowhead": 3,
                    "arrowsize": 1.3,
                    "arrowwidth": 2,
                    "arrowcolor": color,
                    "standoff": 11,
                    "startstandoff": 11,
                }
            )
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
    # One assignment: add_annotation per arrow re-validates the whole list each time.
    fig.update_layout(annotations=annotations)
    n_cols = min(len(columns), _GRAPH_COLUMNS)
    lowest = min(y for _, y in position.values())
    fig.update_layout(
        xaxis={"visible": False, "range": [-0.25, n_cols - 0.05]},
        yaxis={"visible": False, "range": [lowest - 0.5, 1.0]},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
    )
    height = _clamp(220 + 80 * (1.0 - lowest), 340, 2400)
    return _finish(fig, name=name, title=title, subtitle=_join(subtitle, note), height=height)


# --------------------------------------------------------------------------- terms


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
    name = f"distinctive-terms-{_slug(source)}"
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
