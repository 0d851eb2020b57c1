"""Timelines: publication dates by outlet and the dated events the articles mention."""

from __future__ import annotations

import bisect
import math
import textwrap
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
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
from natojp.labels import article_label, clip, text_width
from natojp.models import by_date, on_story

if TYPE_CHECKING:
    from natojp._dates import PartialDate
    from natojp.models import Article, ArticleHead
    from natojp.timeline import Event

_CHAR_PX = 0.58  # average width of a character (Arial), in font sizes; wide ones: two
_LABEL_LINE = 24  # columns of a one-line event label; longer ones take two lines
_LANE_GAP = 0.8  # rows between the lanes of things that happened and of plans
_LANE_ROWS = {"happened": 8, "plan": 5}  # rows of each lane at most
_LABEL_TRIES = 150  # events, most reported first, that may get a label (more never fit)
_PLOT_WIDTH = 800  # pixels the plot is assumed to span when labels are laid out (at
# least that on a 1400-pixel screen with the sidebar open; wider only spaces labels out)
_EVENTS_MAX_SHOWN = 1_000  # event timeline: the events reported by most articles
_PUBLICATIONS_MAX_POINTS = 2_000  # above: one marker per outlet and date, sized by count
_PUBLICATIONS_MAX_LANES = 40  # outlets with a row of their own; the others share one
_UNKNOWN_OUTLET = "(unknown outlet)"


def _date_range(days: Sequence[date], left: float, right: float) -> list[str]:
    """An x-axis range around ``days``: ``left``/``right`` of the span (at least 15 days)."""
    first, last = min(days), max(days)
    span = max((last - first).days, 30)
    start = first - timedelta(days=max(span * left, 15))
    end = last + timedelta(days=max(span * right, 15))
    return [start.isoformat(), end.isoformat()]


def publication_timeline(
    articles: Sequence[Article | ArticleHead],
    *,
    title: str | None = None,
    subtitle: str | None = None,
    off_story: Collection[str] = (),
) -> go.Figure:
    """One marker per dated article at its publication date, one row per outlet.

    Articles whose ids are in ``off_story`` (flagged off the corpus's main story:
    :attr:`natojp.relevance.Relevance.off_topic`) are left out and counted in the
    subtitle with their dates: one old, unrelated article would otherwise stretch the
    axis over years and squeeze the story into one column.

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
    dated = sorted((a for a in articles if a.published is not None), key=by_date)
    undated = len(articles) - len(dated)
    note = f"{plural(undated, 'undated article')} not shown" if undated else None
    dated, left_out = on_story(dated, frozenset(off_story))
    if left_out:
        when = ", ".join(a.published.iso() for a in left_out[:3] if a.published)
        more = ", …" if len(left_out) > 3 else ""
        note = join(
            note, f"{plural(len(left_out), 'article')} off the main story not shown ({when}{more})"
        )
    if not dated:
        message = f"None of the {plural(len(articles), 'article')} carries a publication date"
        return empty_figure(message, title, subtitle=join(subtitle, note), name=name)
    outlets = list(dict.fromkeys(a.outlet or _UNKNOWN_OUTLET for a in dated))
    if len(outlets) > _PUBLICATIONS_MAX_LANES:  # the outlets with most articles, then the rest
        sizes = Counter(a.outlet or _UNKNOWN_OUTLET for a in dated)
        top = {o for o, _ in sizes.most_common(_PUBLICATIONS_MAX_LANES - 1)}
        rest = f"{len(outlets) - len(top)} other outlets"
        row = {o: o if o in top else rest for o in outlets}
        outlets = [o for o in outlets if o in top] + [rest]
        note = join(note, f"the {len(top)} outlets with most articles, then {rest} in one row")
    else:
        row = {o: o for o in outlets}
    lane = {o: i for i, o in enumerate(outlets)}
    lane.update({o: lane[r] for o, r in row.items()})
    ticks = [_esc(short(o, 30)) for o in outlets]
    fig = go.Figure()
    small = len(dated) <= _PUBLICATIONS_MAX_POINTS
    same_day = Counter((row[a.outlet or _UNKNOWN_OUTLET], a.published) for a in dated if small)
    placed: Counter[tuple[str, object]] = Counter()
    if not small:
        bin_ = _publication_counts(fig, dated, lane, row)
        per = "date" if bin_ == "day" else bin_
        note = join(note, f"one marker per outlet and {per}, sized by its number of articles")
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
            key = (row[outlet], a.published)
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


_BINS = ("day", "week", "month", "year")
"""How the large publication timeline groups dates, finest first: the finest that
draws at most :data:`_PUBLICATIONS_MAX_MARKERS` markers is used."""
_PUBLICATIONS_MAX_MARKERS = 2_000
"""Markers drawn at most: a browser draws SVG markers slowly (4,000 took 0.8 s of a page
switch at 100,000 articles, 1,000 took 0.4 s)."""


def _binned(when: PartialDate, bin_: str) -> date:
    """The first day of the ``bin_`` (day, week from Monday, month, year) holding the
    start of ``when``; a month or year date stays at its own start when the bin is finer."""
    start = when.start()
    if bin_ == "week" and when.precision == "day":
        return start - timedelta(days=start.weekday())
    if bin_ == "month":
        return start.replace(day=1)
    if bin_ == "year":
        return start.replace(month=1, day=1)
    return start


def _publication_counts(
    fig: go.Figure,
    dated: Sequence[Article | ArticleHead],
    lane: Mapping[str, int],
    row: Mapping[str, str],
) -> str:
    """The aggregate publication timeline: one marker per outlet and day (or week,
    month or year when days would draw too many), its size growing with the number of
    articles; ``customdata`` is that number. Returns the grouping used."""
    exact = Counter((row[a.outlet or _UNKNOWN_OUTLET], a.published) for a in dated)
    for bin_ in _BINS:
        counts: Counter[tuple[str, date, str]] = Counter()
        for (outlet, when), n in exact.items():
            if when is not None:
                counts[outlet, _binned(when, bin_), when.precision] += n
        if len(counts) <= _PUBLICATIONS_MAX_MARKERS:
            break
    for precision, symbol in PRECISION_SYMBOLS.items():
        keys = [k for k in counts if k[2] == precision]
        if not keys:
            continue
        fig.add_trace(
            go.Scatter(
                x=[k[1].isoformat() for k in keys],
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
                    f"{_bin_text(k[1], bin_, precision)} ({precision} precision)"
                    for k in keys
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return bin_


def _bin_text(start: date, bin_: str, precision: str) -> str:
    """How a marker's dates read in hover: the day, the week of a day, the month…"""
    if precision == "year" or bin_ == "year":
        return f"in {start.year}"
    if precision == "month" or bin_ == "month":
        return f"in {start:%Y-%m}"
    if bin_ == "week":
        return f"in the week of {start.isoformat()}"
    return start.isoformat()


def _reporting(articles: Sequence[str], names: Mapping[str, str] | None) -> str:
    """The articles of an event in hover: ids on one line, or labels one a line, each
    with its id in grey (the key to the exports)."""
    if not names:
        return _names(list(articles))
    shown = [
        f"{_esc(names[i])} <span style='color:#888888'>{_esc(i)}</span>" if i in names else _esc(i)
        for i in articles[:_MAX_HOVER_NAMES]
    ]
    more = len(articles) - len(shown)
    return "<br>".join(shown) + (f"<br>and {more} more" if more > 0 else "")


_KINDS: dict[str, str] = {"happened": "Happened", "plan": "Plans and<br>targets"}
"""The lanes of the event timeline, top to bottom: :attr:`Event.kind` → lane title."""
_KIND_HOVER = {"happened": "reported as done", "plan": "a plan, target or expectation"}


class _Intervals:
    """Intervals (pixels) of one row; they may overlap. ``overlaps`` counts those that
    overlap a span: those starting before its end less those ending before its start."""

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def overlaps(self, lo: float, hi: float) -> int:
        return bisect.bisect_left(self.starts, hi) - bisect.bisect_right(self.ends, lo)

    def add(self, lo: float, hi: float) -> None:
        bisect.insort(self.starts, lo)
        bisect.insort(self.ends, hi)


class _Lane:
    """The rows of a lane: what each row holds (markers and labels), and its labels."""

    def __init__(self, rows: int) -> None:
        self.taken = [_Intervals() for _ in range(rows)]
        self.text = [_Intervals() for _ in range(rows)]

    def texts_over(self, lo: float, hi: float) -> int:
        """The rows whose labels cover some of ``lo … hi``."""
        return sum(t.overlaps(lo, hi) > 0 for t in self.text)


def _label_lines(label: str, width: int) -> list[str]:
    """An event label in at most ``width`` columns, on two lines when it is long."""
    text = clip(label, width)
    if text_width(text) <= _LABEL_LINE:
        return [text]
    lines = textwrap.wrap(text, (len(text) + 1) // 2 + 4) or [text]
    return lines if len(lines) <= 2 else [lines[0], " ".join(lines[1:])]


def _marker_size(e: Event) -> float:
    return 10 + 5 * min(len(e.articles) - 1, 6)


def _place(
    ordered: Sequence[Event],
    xs: Sequence[float],
    candidates: Sequence[int],
    lines: Mapping[int, list[str]],
    label_size: float,
    plot_width: float,
) -> tuple[list[int], dict[int, str]]:
    """Rows (within each event's lane) and labels of ``ordered`` events drawn at pixel
    ``xs``, so that no label overlaps another label or a marker.

    ``candidates`` (event indices, most wanted first) get a label when a row of their
    lane has room for it on the right of the marker or, where the plot ends, on the
    left, and the label leaves every marker still to be placed a row without a label
    over it. Then the other events go, as markers only, to the first row with room, or
    the row with no label over them where they overlap the fewest markers (a cluster
    of events on one date, hover tells them apart). Returns each event's row and the
    text position of each labelled event.
    """
    lanes = {kind: _Lane(rows) for kind, rows in _LANE_ROWS.items()}
    radius = [_marker_size(e) / 2 + 1 for e in ordered]
    by_x = {
        kind: sorted((xs[i], i) for i, e in enumerate(ordered) if _kind(e) == kind)
        for kind in _KINDS
    }
    widest = max(radius, default=0.0)
    rows = [0] * len(ordered)
    sides: dict[int, str] = {}
    placed: set[int] = set()

    def blocks(kind: str, row: int, lo: float, hi: float) -> bool:
        """Whether a label at ``lo … hi`` in ``row`` would leave some marker still to
        be placed no row free of labels."""
        lane, where = lanes[kind], by_x[kind]
        first = bisect.bisect_left(where, (lo - widest, -1))
        last = bisect.bisect_right(where, (hi + widest, len(ordered)))
        for _, j in where[first:last]:
            m_lo, m_hi = xs[j] - radius[j], xs[j] + radius[j]
            if j in placed or m_hi <= lo or m_lo >= hi or lane.text[row].overlaps(m_lo, m_hi):
                continue
            if lane.texts_over(m_lo, m_hi) >= len(lane.text) - 1:
                return True
        return False

    for i in candidates:
        kind, x, r = _kind(ordered[i]), xs[i], radius[i]
        lane = lanes[kind]
        text = max(text_width(line) for line in lines[i]) * _CHAR_PX * label_size + 6
        options = []
        if x + r + text <= plot_width + 4:
            options.append((x + r, x + r + text, "middle right"))
        if x - r - text >= 0:
            options.append((x - r - text, x - r, "middle left"))
        for t_lo, t_hi, side in options:
            lo, hi = min(t_lo, x - r), max(t_hi, x + r)
            row = next(
                (
                    k
                    for k in range(len(lane.taken))
                    if not lane.taken[k].overlaps(lo, hi) and not blocks(kind, k, t_lo, t_hi)
                ),
                None,
            )
            if row is not None:
                lane.taken[row].add(lo, hi)
                lane.text[row].add(t_lo, t_hi)
                rows[i], sides[i] = row, side
                placed.add(i)
                break
    for i in sorted(set(range(len(ordered))) - placed, key=lambda i: (xs[i], i)):
        lane = lanes[_kind(ordered[i])]
        lo, hi = xs[i] - radius[i], xs[i] + radius[i]
        rows[i] = min(
            range(len(lane.taken)),
            key=lambda k: (lane.text[k].overlaps(lo, hi), lane.taken[k].overlaps(lo, hi), k),
        )
        lane.taken[rows[i]].add(lo, hi)
        placed.add(i)
    return rows, sides


def _kind(e: Event) -> str:
    return e.kind if e.kind in _KINDS else "happened"


def event_timeline(
    events: Sequence[Event],
    *,
    title: str | None = None,
    subtitle: str | None = None,
    labels: int | None = None,
    label_width: int = 40,
    label_size: float = 11,
    article_names: Mapping[str, str] | None = None,
    period: tuple[date, date] | None = None,
    full_range: bool = False,
    plot_width: int = _PLOT_WIDTH,
) -> go.Figure:
    """Dated events: x = the date (its first day), one marker per event, things that
    happened in the top lane and plans, targets and expectations (``Event.kind ==
    "plan"``) in a lane of their own below.

    With a ``period`` (the story's, :func:`natojp.timeline.story_period`) the chart
    spans it and draws only the events inside it (:func:`natojp.timeline.within`); the
    subtitle counts the others, which the caller lists. ``full_range``: every event
    drawn, the period shaded. Above ``_EVENTS_MAX_SHOWN`` events drawn only those
    reported by most articles are (the subtitle says so).

    Within a lane, events are stacked in rows so that labels never overlap a label or a
    marker (the rows carry no meaning); marker size grows with the number of articles
    reporting the event, symbol and colour give the date's precision. Labels (at most
    ``label_width`` columns on up to two lines, ``label_size`` pixels, laid out for a
    plot ``plot_width`` pixels wide) go to the events reported by most articles first,
    earliest first among equals, as long as a row has room: all of them, or only the
    first ``labels``. The others are labelled in hover, which gives label, date, kind
    and articles, named by ``article_names`` (e.g. :func:`natojp.labels.article_labels`),
    one a line, else by id.
    """
    from natojp.timeline.period import within  # the rule of the period (loaded with events)

    name = "event-timeline"
    title = title or "Events the articles mention"
    if not events:
        return empty_figure(
            "No dated events found in this corpus", title, subtitle=subtitle, name=name
        )
    when = period_text(period) if period else ""
    if period is not None and not full_range:
        inside = [e for e in events if within(e, *period)]
        outside = len(events) - len(inside)
        note = f"story period {when}"
        if outside:
            note += f" ({plural(outside, 'event')} outside not shown)"
        subtitle = join(subtitle, note)
        if not inside:
            return empty_figure(
                f"No events in the period {when}: show the full range to see the "
                f"{plural(outside, 'event')} outside it",
                title,
                subtitle=subtitle,
                name=name,
            )
        events = inside
    elif period is not None:
        subtitle = join(subtitle, f"all dates, story period {when} shaded")
    if len(events) > _EVENTS_MAX_SHOWN:
        subtitle = join(
            subtitle,
            f"the {_EVENTS_MAX_SHOWN:,} events reported by most articles, of {len(events):,}",
        )
        events = sorted(events, key=lambda e: (-len(e.articles), e.date.start(), e.label))
        events = events[:_EVENTS_MAX_SHOWN]
    ordered = sorted(events, key=lambda e: (e.date.start(), e.label))
    starts = [e.date.start() for e in ordered]
    if period is not None and not full_range:
        pad = timedelta(days=max((period[1] - period[0]).days * 0.03, 2))
        x_range = [(period[0] - pad).isoformat(), (period[1] + pad).isoformat()]
    else:
        days = [*starts, *(period or ())]
        x_range = _date_range(days, 0.04, 0.04)
    x0 = date.fromisoformat(x_range[0]).toordinal()
    x1 = date.fromisoformat(x_range[1]).toordinal()
    xs = [(d.toordinal() - x0) / max(x1 - x0, 1) * plot_width for d in starts]
    cited = sorted(range(len(ordered)), key=lambda i: (-len(ordered[i].articles), i))
    wanted = cited[: _LABEL_TRIES if labels is None else max(labels, 0)]
    lines = {i: _label_lines(ordered[i].label, label_width) for i in wanted}
    rows, sides = _place(ordered, xs, wanted, lines, label_size, plot_width)
    if len(sides) < len(ordered):
        shown = f"{len(sides)} of {len(ordered)} labelled, the rest on hover"
        subtitle = join(subtitle, shown if sides else "labels on hover")
    # Lanes top to bottom, a gap between them: each event's y from its lane and row.
    used = {
        k: max((rows[i] + 1 for i, e in enumerate(ordered) if _kind(e) == k), default=0)
        for k in _KINDS
    }
    top: dict[str, float] = {}
    y = 0.0
    for kind in _KINDS:
        if used[kind]:
            top[kind] = y
            y += used[kind] + _LANE_GAP
    ys = [top[_kind(e)] + rows[i] for i, e in enumerate(ordered)]
    fig = go.Figure()
    for precision, symbol in PRECISION_SYMBOLS.items():
        picked = [i for i, e in enumerate(ordered) if e.date.precision == precision]
        if not picked:
            continue
        fig.add_trace(
            go.Scatter(
                x=[starts[i].isoformat() for i in picked],
                y=[ys[i] for i in picked],
                mode="markers+text" if sides else "markers",
                name=f"{precision} precision",
                text=["<br>".join(_esc(t) for t in lines[i]) if i in sides else "" for i in picked],
                textposition=[sides.get(i, "middle right") for i in picked],
                textfont={"size": label_size, "color": "#333333"},
                cliponaxis=False,
                marker={
                    "symbol": symbol,
                    "size": [_marker_size(ordered[i]) for i in picked],
                    "color": PRECISION_COLORS[precision],
                    "opacity": 0.85,
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[
                    [ordered[i].date.iso(), len(ordered[i].articles), _kind(ordered[i])]
                    for i in picked
                ],
                hovertext=[
                    f"<b>{_wrap_hover(ordered[i].label, 70)}</b><br>"
                    f"{ordered[i].date.iso()} ({precision} precision) · "
                    f"{_KIND_HOVER[_kind(ordered[i])]}<br>"
                    f"{plural(len(ordered[i].articles), 'article')}: "
                    f"{_reporting(ordered[i].articles, article_names)}"
                    for i in picked
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                hoverlabel={
                    "bgcolor": "#ffffff",
                    "bordercolor": PRECISION_COLORS[precision],
                    "font": {"color": "#222222"},
                },
            )
        )
    bottom = y - _LANE_GAP
    for kind, first in top.items():
        last = first + used[kind] - 1
        if kind != "happened":  # the plan lane: shaded, so that it reads apart
            fig.add_hrect(
                y0=first - _LANE_GAP / 2 - 0.1,
                y1=last + 0.5,
                fillcolor="#f2f2f2",
                line_width=0,
                layer="below",
            )
    if period is not None and full_range:
        fig.add_vrect(
            x0=period[0].isoformat(),
            x1=period[1].isoformat(),
            fillcolor="#0072B2",
            opacity=0.08,
            line_width=0,
            layer="below",
        )
    fig.update_layout(
        xaxis={
            "type": "date",
            "range": x_range,
            "title": {"text": "date mentioned (first day of a month or year)"},
        },
        yaxis={
            "range": [bottom + 0.55, -0.6],
            "tickmode": "array",
            "tickvals": [top[k] + (used[k] - 1) / 2 for k in top],
            "ticktext": [f"<b>{_KINDS[k]}</b>" for k in top],
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
        },
        # The legend at the foot of the figure, under the axis title: placed in the
        # plot's units it sat on the two-line date ticks and the title of short charts.
        legend={
            "title": {"text": "date known to (marker size: number of articles)"},
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
        },
        margin={"b": _EVENT_LEGEND_MARGIN},
        showlegend=True,
    )
    height = _clamp(200 + 46 * bottom + 46, 340, 1000) + _EVENT_LEGEND_MARGIN - 60
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=height)


_EVENT_LEGEND_MARGIN = 110
"""The event timeline's bottom margin (px): two-line date ticks, the axis title, then
the legend."""


def period_text(period: tuple[date, date]) -> str:
    """``1 March – 30 April 2025`` (the year once when both ends share it)."""
    start, end = period
    first = f"{start.day} {start:%B}" + ("" if start.year == end.year else f" {start.year}")
    return f"{first} – {end.day} {end:%B} {end.year}"
