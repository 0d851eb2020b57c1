"""Timelines: publication dates by outlet and the dated events the articles mention."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from natojp._wording import join, plural, short
from natojp.charts._style import (
    _MAX_HOVER_NAMES,
    PRECISION_COLORS,
    PRECISION_SYMBOLS,
    _clamp,
    _esc,
    _finish,
    _names,
    _wrap_hover,
    empty_figure,
)
from natojp.labels import article_label

if TYPE_CHECKING:
    from natojp.models import Article
    from natojp.timeline import Event

_EVENT_LABELS_MAX = 40  # events beyond this are labelled in hover only
_EVENT_MAX_LANES = 12
_EVENTS_MAX_SHOWN = 1_000  # event timeline: the events reported by most articles
_PUBLICATIONS_MAX_POINTS = 2_000  # above: one marker per outlet and date, sized by count
_UNKNOWN_OUTLET = "(unknown outlet)"


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
    note = f"{plural(undated, 'undated article')} not shown" if undated else None
    if not dated:
        message = f"None of the {plural(len(articles), 'article')} carries a publication date"
        return empty_figure(message, title, subtitle=join(subtitle, note), name=name)
    outlets = list(dict.fromkeys(a.outlet or _UNKNOWN_OUTLET for a in dated))
    lane = {o: i for i, o in enumerate(outlets)}
    ticks = [_esc(short(o, 30)) for o in outlets]
    same_day = Counter((a.outlet or _UNKNOWN_OUTLET, a.published) for a in dated)
    placed: Counter[tuple[str, object]] = Counter()
    fig = go.Figure()
    if len(dated) > _PUBLICATIONS_MAX_POINTS:
        _publication_counts(fig, dated, lane)
        note = join(note, "one marker per outlet and date, sized by its number of articles")
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
                f"<b>{_wrap_hover(a.title or article_label(a), 70)}</b><br>{_esc(outlet)}<br>"
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
    return _finish(fig, name=name, title=title, subtitle=join(subtitle, note), height=height)


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
                    f"<b>{plural(counts[k], 'article')}</b><br>{_esc(k[0])}<br>published "
                    f"{k[1].iso() if k[1] is not None else ''} ({precision} precision)"
                    for k in keys
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )


def _reporting(articles: Sequence[str], names: Mapping[str, str] | None) -> str:
    """The articles of an event in hover: ids on one line, or labels one a line."""
    if not names:
        return _names(list(articles))
    shown = [_esc(names.get(i, i)) for i in articles[:_MAX_HOVER_NAMES]]
    more = len(articles) - len(shown)
    return "<br>".join(shown) + (f"<br>and {more} more" if more > 0 else "")


def _lanes(days: Sequence[int], gap: float | Sequence[float], max_lanes: int) -> list[int]:
    """Greedy rows for sorted day numbers so that a point keeps the ``gap`` after it (one
    for all points, or one per point: the room its label takes) free in its row.

    When every row is taken, the row that frees up first is reused.
    """
    gaps = [float(gap)] * len(days) if isinstance(gap, int | float) else list(gap)
    until: list[float] = []  # per row: the day it is free from
    out: list[int] = []
    for d, g in zip(days, gaps, strict=True):
        free = [i for i, end in enumerate(until) if d >= end]
        if free:
            lane = free[0]
        elif len(until) < max_lanes:
            until.append(-math.inf)
            lane = len(until) - 1
        else:
            lane = min(range(len(until)), key=until.__getitem__)
        until[lane] = d + g
        out.append(lane)
    return out


def event_timeline(
    events: Sequence[Event],
    *,
    title: str | None = None,
    subtitle: str | None = None,
    labels: int | None = None,
    label_width: int = 32,
    label_size: float = 11,
    article_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Dated events: x = the date (its first day), one marker per event.

    Events are stacked in rows so their labels do not overlap (the rows carry no
    meaning); marker size grows with the number of articles reporting the event,
    symbol and colour give the date's precision. Hover: label, date, articles.
    Above ``_EVENTS_MAX_SHOWN`` events only those reported by most articles are drawn
    (the subtitle says so).

    Labels (``label_width`` characters, ``label_size`` pixels) go on every event up to
    ``_EVENT_LABELS_MAX`` events; with ``labels`` on only that many, those reported by
    most articles (earliest first among equals), the others in hover only.

    Hover names the articles reporting an event by ``article_names`` (e.g.
    :func:`natojp.labels.article_labels`), one a line, else by id.
    """
    name = "event-timeline"
    title = title or "Events the articles mention"
    if not events:
        return empty_figure(
            "No dated events found in this corpus", title, subtitle=subtitle, name=name
        )
    if len(events) > _EVENTS_MAX_SHOWN:
        subtitle = join(
            subtitle,
            f"the {_EVENTS_MAX_SHOWN:,} events reported by most articles, of {len(events):,}",
        )
        events = sorted(events, key=lambda e: (-len(e.articles), e.date.start(), e.label))
        events = events[:_EVENTS_MAX_SHOWN]
    ordered = sorted(events, key=lambda e: (e.date.start(), e.label))
    starts = [e.date.start() for e in ordered]
    span = max((max(starts) - min(starts)).days, 30)
    if labels is None:
        named = set(range(len(ordered))) if len(ordered) <= _EVENT_LABELS_MAX else set()
    else:
        cited = sorted(range(len(ordered)), key=lambda i: (-len(ordered[i].articles), i))
        named = set(cited[: max(labels, 0)])
    labelled = bool(named)
    # The days a label takes: 30 % of the span for 32 characters at 11 px, in proportion.
    share = min(0.3 * (label_size * label_width) / (11 * 32), 0.5)
    room = span * share
    gaps = [room if i in named else span * 0.02 for i in range(len(ordered))]
    lanes = _lanes([d.toordinal() for d in starts], gaps, _EVENT_MAX_LANES)
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
                text=[
                    _esc(short(ordered[i].label, label_width)) if i in named else "" for i in picked
                ],
                textposition="middle right",
                textfont={"size": label_size},
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
                    f"{plural(len(ordered[i].articles), 'article')}: "
                    f"{_reporting(ordered[i].articles, article_names)}"
                    for i in picked
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    n_lanes = max(lanes) + 1
    fig.update_layout(
        xaxis={
            "type": "date",
            "range": _date_range(starts, 0.05, max(0.35, share) if labelled else 0.05),
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
