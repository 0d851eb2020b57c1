"""Briefing-quality chart images rendered on the server (PNG, SVG) with kaleido and Chromium.

Analysts paste charts into briefings, so an exported chart stands on its own: it keeps
its title and subtitle, and :func:`briefing_figure` adds a caption line (corpus, number
of articles, date of analysis) and a source line at the bottom. Images are rendered by
`kaleido <https://github.com/plotly/Kaleido>`_ 1.x in a headless Chromium:

* **Finding Chromium.** ``NATOJP_CHROMIUM`` (a path) if set, else ``chromium``,
  ``chromium-browser``, ``google-chrome`` or ``chrome`` on ``PATH``.
  :func:`chromium_available` says whether one was found; without one,
  :func:`export_image` raises :class:`~natojp.errors.ExportError` and the dashboard
  keeps the in-browser export of each chart's camera button.
* **One browser per process.** The first export starts Chromium (about 2-3 s) in a
  background thread with its own event loop; later exports reuse it (well under a
  second each). Exports from several threads (Streamlit sessions) are safe: they
  queue for the browser. A render that fails or hangs restarts the browser next time.
* **Explicit template.** Figures are exported with :data:`natojp.charts.TEMPLATE`
  whatever Plotly's default template is (Streamlit sets one that exports black).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import copy
import html
import math
import os
import re
import shutil
import threading
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go

from natojp._wording import short
from natojp.charts import TEMPLATE
from natojp.errors import ExportError

__all__ = [
    "BRIEFING_HEIGHT",
    "BRIEFING_SCALE",
    "BRIEFING_WIDTH",
    "ImageFormat",
    "briefing_caption",
    "briefing_figure",
    "chromium_available",
    "chromium_path",
    "export_image",
    "pack_figure",
    "source_line",
]

BRIEFING_WIDTH = 1600
"""Width of a briefing image in layout pixels (16:9 with :data:`BRIEFING_HEIGHT`)."""
BRIEFING_HEIGHT = 900
BRIEFING_SCALE = 2.0
"""PNG pixels per layout pixel: 1600×900 exports as a 3200×1800 PNG."""

ImageFormat = Literal["png", "svg"]

CHROMIUM_ENV = "NATOJP_CHROMIUM"
_CHROMIUM_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
)
_START_TIMEOUT = 90.0  # seconds for Chromium to start
_RENDER_TIMEOUT = 120.0  # seconds for one image
_FOOTER_PX = 62  # caption and source line, in layout pixels
_TITLE_PX = 110  # top margin: title and subtitle
_PAD = 28  # distance of the title and footer from the left edge


def chromium_path() -> str | None:
    """The Chromium (or Chrome) executable exports would use, or ``None``.

    ``NATOJP_CHROMIUM`` wins when it names an executable file; otherwise the first of
    the usual names found on ``PATH``.
    """
    explicit = os.environ.get(CHROMIUM_ENV)
    if explicit:
        return explicit if Path(explicit).is_file() and os.access(explicit, os.X_OK) else None
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_available() -> bool:
    """Whether server-side image export can run here (a Chromium was found)."""
    return chromium_path() is not None


def briefing_caption(corpus: str, articles: int, analyzed_at: str | date) -> str:
    """The caption line: corpus name, number of articles and date of analysis."""
    day = analyzed_at if isinstance(analyzed_at, date) else str(analyzed_at)[:10]
    noun = "article" if articles == 1 else "articles"
    return f"Corpus: {corpus} · {articles} {noun} · analysed {day}"


def source_line(version: str, citation: str) -> str:
    """The source line of an exported figure: the tool, its version and the corpus cited
    (:attr:`natojp.models.Corpus.citation`: ``corpus hash …`` or ``library version …``)."""
    return f"Source: natojp {version} analysis of the articles listed ({citation})"


# --------------------------------------------------------------------------- figures


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the rendered width of ``text`` in pixels (sans-serif):
    wide characters (kanji, kana, hangul, full-width forms) count as two."""
    plain = html.unescape(text)
    return 0.62 * size * (len(plain) + sum(unicodedata.east_asian_width(c) in "WF" for c in plain))


def _axis_space(fig: go.Figure, size: float = 13) -> float:
    """Pixels below the plot taken by the x axis (ticks, title), for text of ``size``
    pixels."""
    layout = fig.layout
    k = size / 13
    space = 12.0
    xaxis = layout.xaxis
    if xaxis.visible is not False:
        ticks = list(xaxis.ticktext or xaxis.tickvals or [])
        if xaxis.showticklabels is False:
            space += 8
        elif ticks and xaxis.tickangle not in (None, 0):
            longest = max(_text_width(str(t), size) for t in ticks)
            space += longest * abs(math.sin(math.radians(float(xaxis.tickangle)))) + 24 * k
        else:
            space += 28 * k
        if xaxis.title and xaxis.title.text:
            space += 28 * k
    return space


def _bottom_space(fig: go.Figure, plot_height: float, size: float = 13) -> float:
    """Pixels below the plot taken by the x axis (ticks, title) and a legend below it,
    for text of ``size`` pixels."""
    layout = fig.layout
    k = size / 13
    space = _axis_space(fig, size)
    legend = layout.legend
    if fig.data and layout.showlegend is not False and legend.orientation == "h":
        space += 34 * k
        if legend.y is not None and legend.y < 0 and legend.yref != "container":
            space += -float(legend.y) * plot_height
    return space


def _legend_under_axis(fig: go.Figure, plot_height: float, size: float = 13) -> None:
    """A horizontal legend the screen figure pins to its foot (``yref`` container, e.g.
    :func:`natojp.charts.event_timeline`) put just under the x axis instead: the foot of
    an exported figure holds its caption and source, or the legend would sit on them."""
    legend = fig.layout.legend
    if legend.yref == "container" and legend.orientation == "h":
        below = _axis_space(fig, size) + 6 * size / 13
        fig.update_layout(legend={"yref": "paper", "y": -below / plot_height, "yanchor": "top"})


def _left_space(fig: go.Figure, width: int, size: float = 13) -> float:
    """Pixels left of the plot taken by the y axis tick labels and title."""
    yaxis = fig.layout.yaxis
    if yaxis.visible is False or yaxis.showticklabels is False:
        return 40.0
    ticks = [str(t) for t in (yaxis.ticktext or [])]
    space = 30.0 + (max(_text_width(t, size) for t in ticks) if ticks else 40.0 * size / 13)
    if yaxis.title and yaxis.title.text:
        space += 28 * size / 13
    return min(space, 0.4 * width)


def briefing_figure(
    fig: go.Figure,
    *,
    caption: str,
    source: str,
    width: int = BRIEFING_WIDTH,
    height: int = BRIEFING_HEIGHT,
) -> go.Figure:
    """A copy of ``fig`` laid out for a briefing: ``width`` × ``height``, explicit template,
    its title and subtitle, and ``caption`` and ``source`` as two lines at the bottom.

    The figure's own height (set for the screen) is replaced; margins are set from the
    figure's labels so the axes, a legend below the plot and the two footer lines fit,
    and the title and footer start at the same distance from the left edge.
    """
    out = go.Figure(copy.deepcopy(fig))
    out.update_layout(template=TEMPLATE, width=width, height=height, autosize=False)
    title = out.layout.title
    if not (title and title.text):
        out.update_layout(title={"text": "<b>natojp chart</b>"})
    out.update_layout(title={"x": _PAD / width, "xanchor": "left", "xref": "container"})
    top = _TITLE_PX
    left = max(_left_space(out, width), _PAD + 40)
    right = out.layout.margin.r if out.layout.margin.r is not None else 40
    if any(getattr(t, "showscale", None) is not False and t.type == "heatmap" for t in out.data):
        right = max(right, 130)  # room for the colour bar, so the margin is not pushed
    bottom = 200.0  # first guess; legends at a negative paper y depend on the plot height
    for _ in range(2):
        plot_height = max(height - top - bottom, 120)
        bottom = _bottom_space(out, plot_height) + _FOOTER_PX
    plot_height = max(height - top - bottom, 120)
    plot_width = max(width - left - right, 200)
    out.update_layout(margin={"t": top, "b": bottom, "l": left, "r": right})
    _legend_under_axis(out, plot_height)
    lines = (
        (caption, 13, "#333333", bottom - 54),
        (source, 11, "#666666", bottom - 30),
    )
    for text, size, color, offset in lines:
        out.add_annotation(
            text=html.escape(text, quote=False),
            x=-(left - _PAD) / plot_width,
            xref="paper",
            xanchor="left",
            y=-offset / plot_height,
            yref="paper",
            yanchor="top",
            showarrow=False,
            align="left",
            font={"size": size, "color": color},
            name="briefing-footer",
        )
    return out


def _scaled(font: Any, k: float) -> None:
    """Multiply a set font size by ``k`` (in place)."""
    if font is not None and font.size is not None:
        font.size = font.size * k


_SLANTED_CHARS = 24  # characters of a slanted tick label in the pack
_NUMBERED = re.compile(r"^(.*?)( \(\d+\))$")


def _short_tick(label: str, width: int) -> str:
    """An escaped tick label cut to ``width`` characters, keeping a trailing ``(n)`` that
    tells apart labels that were cut alike."""
    text = html.unescape(label)
    match = _NUMBERED.match(text)
    head, number = (match.group(1), match.group(2)) if match else (text, "")
    return html.escape(short(head, max(width - len(number), 8)) + number, quote=False)


def _fit_ticks(fig: go.Figure, width: int, height: int, top: float, size: float) -> None:
    """Smaller tick labels on a category axis with more labels than its length holds at
    ``size`` pixels (e.g. 25 sources down a heatmap), so that labels never overlap;
    slanted labels below the plot are set a little smaller to leave the plot room."""
    xaxis, yaxis = fig.layout.xaxis, fig.layout.yaxis
    slanted = xaxis.tickangle not in (None, 0) and xaxis.showticklabels is not False
    if slanted:
        xaxis.tickfont.size = round(size * 0.85, 1)
        if xaxis.ticktext:  # the full label is on the y axis or in the data
            xaxis.ticktext = [_short_tick(str(t), _SLANTED_CHARS) for t in xaxis.ticktext]
    room_x = width - _left_space(fig, width, size) - 60
    room_y = height - top - _bottom_space(fig, height / 2, xaxis.tickfont.size or size)
    for axis, room in ((yaxis, room_y), (xaxis, room_x)):
        n = len(axis.tickvals or axis.ticktext or [])
        if not n or axis.visible is False or axis.showticklabels is False:
            continue
        current = axis.tickfont.size or size
        fitted = max(7.0, min(current, room / n))
        if fitted < current:
            axis.tickfont.size = round(fitted, 1)


def pack_figure(fig: go.Figure, *, width: int, height: int, font_size: float = 15) -> go.Figure:
    """A copy of ``fig`` laid out to fill the chart area of a briefing-pack slide.

    The slide carries the chart's title, its finding (the one caption) and the corpus
    and source in its footer, so the image has none of them: only a note of the
    figure's subtitle (e.g. "the 25 sources with most articles") as one grey line at
    the top. Text is ``font_size`` layout pixels (the screen figures use 13) and every
    other font grows in proportion; margins are set from the labels so nothing is cut.
    """
    out = go.Figure(copy.deepcopy(fig))
    out.update_layout(template=TEMPLATE, width=width, height=height, autosize=False)
    k = font_size / 13
    title = out.layout.title
    note = title.subtitle.text if title and title.subtitle and title.subtitle.text else ""
    top = 28.0  # room for annotations above the plot (e.g. a threshold's label)
    if note:
        out.update_layout(
            title={
                "text": note,
                "subtitle": {"text": ""},
                "font": {"size": font_size, "color": "#555555"},
                "x": _PAD / width,
                "xanchor": "left",
                "xref": "container",
                "y": 1 - 8 / height,
                "yanchor": "top",
                "yref": "container",
            }
        )
        top = 16 + font_size * 1.6
    else:
        out.update_layout(title={"text": "", "subtitle": {"text": ""}})
    out.update_layout(font={"size": font_size}, legend={"font": {"size": font_size - 1}})
    for trace in out.data:
        _scaled(getattr(trace, "textfont", None), k)
        _scaled(getattr(trace, "insidetextfont", None), k)
        _scaled(getattr(trace, "outsidetextfont", None), k)
    for annotation in out.layout.annotations:
        _scaled(annotation.font, k)
    for axis in (out.layout.xaxis, out.layout.yaxis):
        _scaled(axis.tickfont, k)
        if axis.title:
            _scaled(axis.title.font, k)
    if out.layout.legend.title:
        _scaled(out.layout.legend.title.font, k)
    _fit_ticks(out, width, height, top, font_size)
    # Small margins, grown by Plotly to fit the tick labels, axis titles, legend and
    # colour bar (automargin): the plot takes all the room the labels leave.
    for axis in (out.layout.xaxis, out.layout.yaxis):
        if axis.visible is not False:
            axis.automargin = True
    out.update_layout(margin={"t": top, "b": 16, "l": _PAD, "r": 24})
    # The plot's height once Plotly grew the bottom margin for the axis and the legend.
    below = _axis_space(out, font_size) + 34 * k
    _legend_under_axis(out, max(height - top - below, 120), font_size)
    return out


# --------------------------------------------------------------------------- rendering


class _Renderer:
    """One kaleido browser in a daemon thread with its own asyncio loop."""

    def __init__(self, browser: str) -> None:
        self.browser = browser
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="natojp-kaleido", daemon=True
        )
        self._thread.start()
        self._kaleido: Any = None
        try:
            self._kaleido = self._call(self._open(), _START_TIMEOUT)
        except BaseException:
            self.close()
            raise

    async def _open(self) -> Any:
        import kaleido

        k = kaleido.Kaleido(path=self.browser, mathjax=False, timeout=_RENDER_TIMEOUT)
        await k.open()
        return k

    def _call(self, coroutine: Any, timeout: float) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    def render(self, spec: dict[str, Any], opts: dict[str, Any]) -> bytes:
        data = self._call(self._kaleido.calc_fig(spec, opts=opts), _RENDER_TIMEOUT)
        return bytes(data)

    def close(self) -> None:
        try:
            if self._kaleido is not None:
                self._call(self._kaleido.close(), 30)
        except Exception:  # best effort at shutdown
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)


_lock = threading.Lock()
_renderer: _Renderer | None = None


def _close_renderer() -> None:
    global _renderer
    with _lock:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


atexit.register(_close_renderer)


def export_image(
    fig: go.Figure,
    format: ImageFormat = "png",
    width: int = BRIEFING_WIDTH,
    height: int = BRIEFING_HEIGHT,
    scale: float = BRIEFING_SCALE,
) -> bytes:
    """``fig`` as PNG or SVG bytes, rendered server-side, ``width`` × ``height`` layout
    pixels (a PNG has ``scale`` times as many pixels each way).

    The figure is exported with :data:`natojp.charts.TEMPLATE` (white paper) whatever
    Plotly's default template is. Raises :class:`~natojp.errors.ExportError` when no
    Chromium is found or rendering fails.
    """
    global _renderer
    if format not in ("png", "svg"):
        raise ExportError(f"unsupported image format {format!r} (use png or svg)")
    browser = chromium_path()
    if browser is None:
        raise ExportError(
            "server-side chart images need Chromium, and none was found: install the "
            f"'chromium' package or set {CHROMIUM_ENV} to a Chromium or Chrome executable"
        )
    spec = go.Figure(fig).update_layout(template=TEMPLATE).to_dict()
    opts = {"format": format, "width": width, "height": height, "scale": scale}
    with _lock:
        try:
            if _renderer is None or _renderer.browser != browser:
                if _renderer is not None:
                    _renderer.close()
                _renderer = None
                _renderer = _Renderer(browser)
            return _renderer.render(spec, opts)
        except Exception as exc:
            if _renderer is not None:  # start afresh next time
                _renderer.close()
                _renderer = None
            raise ExportError(f"chart image export failed: {type(exc).__name__}: {exc}") from exc
