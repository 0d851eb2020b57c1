"""The briefing pack as data: :class:`Brief`, a list of :class:`Slide` already worded,
and the 16:9 page both writers (:mod:`natojp.export.pdf`, :mod:`natojp.export.pptx`)
lay a slide out on.

A slide is one of four kinds (:data:`SlideKind`): the title page, a text page of
bullets, a chart with its two-line finding, or a table. :func:`natojp.export.brief.build_brief`
fills them from an analysis; the writers only place them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "PACK_HEIGHT",
    "PACK_SCALE",
    "PACK_WIDTH",
    "PAGE_H",
    "PAGE_W",
    "Brief",
    "Slide",
    "SlideKind",
    "footer",
    "image_box",
]

PACK_WIDTH, PACK_HEIGHT, PACK_SCALE = 1100, 619, 2.0
"""Layout size and PNG scale of the charts inside the pack: 16:9, 2200×1238 pixels. Smaller
than a standalone briefing image so that chart text stays legible on a page."""

SlideKind = Literal["title", "text", "chart", "table"]
"""``title``: the first page; ``text``: bullets; ``chart``: a figure under its two-line
finding; ``table``: rows under a note."""


@dataclass(frozen=True, slots=True)
class Slide:
    """One page of the pack.

    ``lines`` are the two-line finding of a chart slide, the bullets of a text slide,
    the sub-lines of the title slide, or a note above a table. ``rows`` of a table
    slide start with the header row.
    """

    kind: SlideKind
    title: str
    lines: tuple[str, ...] = ()
    figure: go.Figure | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths of a table


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything the pack shows, already worded; writers only lay it out."""

    corpus: str
    analyzed_on: str
    articles: int
    reports: int
    sources: int
    fingerprint: str
    version: str
    caption: str
    source: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    @property
    def charts(self) -> list[Slide]:
        return [s for s in self.slides if s.kind == "chart"]


# --------------------------------------------------------------------------- the page

# One 16:9 page, in inches; both writers use these positions.
PAGE_W, PAGE_H = 13.333, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_H = 0.3, 0.7
LINES_TOP = 1.0
IMAGE_TOP = 1.85
FOOT = 7.1
INK = (0x22, 0x22, 0x22)
GREY = (0x66, 0x66, 0x66)
ACCENT = (0x00, 0x72, 0xB2)


def image_box() -> tuple[float, float, float, float]:
    """Left, top, width, height of a chart image (16:9, centred)."""
    height = FOOT - 0.1 - IMAGE_TOP
    width = height * PACK_WIDTH / PACK_HEIGHT
    return (PAGE_W - width) / 2, IMAGE_TOP, width, height


def footer(brief: Brief, page: int, pages: int) -> str:
    """The line at the foot of page ``page`` of ``pages``."""
    return (
        f"natojp briefing · {brief.corpus} · {brief.articles} articles · analysed "
        f"{brief.analyzed_on} · corpus hash {brief.fingerprint} · {page}/{pages}"
    )
