"""The briefing pack as data: :class:`Brief`, a list of :class:`Slide` already worded,
and the 16:9 page both writers (:mod:`natojp.export.pdf`, :mod:`natojp.export.pptx`)
lay a slide out on.

A slide is one of four kinds (:data:`SlideKind`): the title page, a text page of
bullets, a chart with its two-line finding, or a table. :func:`natojp.export.brief.build_brief`
fills them from an analysis (with :class:`BriefOptions`: the pack's title and subtitle);
the writers only place them. A table longer than one page is already split by the
model into continuation slides ("Sources (2 of 3)"), so both writers show the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from natojp._wording import short

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "PACK_DPI",
    "PACK_HEIGHT",
    "PACK_SCALE",
    "PACK_WIDTH",
    "PAGE_H",
    "PAGE_W",
    "TABLE_FONT",
    "TABLE_MIN_FONT",
    "Brief",
    "BriefOptions",
    "Slide",
    "SlideKind",
    "TextKind",
    "footer",
    "image_box",
    "table_box",
    "text_box",
]

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
class BriefOptions:
    """What the analyst sets on a pack: its ``title`` and ``subtitle`` (title slide,
    document properties, page footers). ``None``: worded from the corpus (see
    :func:`natojp.export.brief.default_title`)."""

    title: str | None = None
    subtitle: str | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything the pack shows, already worded; writers only lay it out."""

    title: str
    subtitle: str
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
    citation: str = ""  # Corpus.citation; empty: "corpus hash <fingerprint>"

    @property
    def charts(self) -> list[Slide]:
        return [s for s in self.slides if s.kind == "chart"]


# --------------------------------------------------------------------------- the page

# One 16:9 page, in inches; both writers use these positions.
PAGE_W, PAGE_H = 13.333, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_H = 0.3, 0.7
LINES_TOP = 1.0  # a chart's finding (up to three lines at 14 pt), a table's note
LINES_H = 0.8
IMAGE_TOP = LINES_TOP + LINES_H
TABLE_TOP = LINES_TOP + 0.55
FOOT = 7.1
INK = (0x22, 0x22, 0x22)
GREY = (0x66, 0x66, 0x66)
ACCENT = (0x00, 0x72, 0xB2)

TABLE_FONT = 10.0
"""Point size of table cells; tables are split into pages that fit at this size."""
TABLE_MIN_FONT = 8.0
"""The smallest point size a writer may shrink text to so that it fits its box; below
it a writer raises :class:`~natojp.errors.ExportError` instead of dropping content."""


TextKind = Literal["heading", "finding", "bullets", "note"]
"""The blocks of text on a slide below the title page: a slide's heading, a chart's
finding, a text slide's bullets, a table's note."""


def text_box(kind: TextKind) -> tuple[float, float, float, float]:
    """Left, top, width, height of a block of text (both writers set no inner margins)."""
    body_w = PAGE_W - 2 * MARGIN
    boxes = {
        "heading": (MARGIN + 0.2, TITLE_TOP + 0.05, body_w - 0.2, TITLE_H),
        "finding": (MARGIN, LINES_TOP, body_w, LINES_H),
        "bullets": (MARGIN + 0.2, LINES_TOP + 0.15, body_w - 0.4, FOOT - 1.3),
        "note": (MARGIN, LINES_TOP, body_w, TABLE_TOP - LINES_TOP),
    }
    return boxes[kind]


def image_box() -> tuple[float, float, float, float]:
    """Left, top, width, height of a chart image: the whole content area of the slide,
    between the finding and the footer, margin to margin."""
    return MARGIN, IMAGE_TOP, PAGE_W - 2 * MARGIN, FOOT - 0.1 - IMAGE_TOP


def table_box() -> tuple[float, float, float, float]:
    """Left, top, width, height of a table (below its one-line note)."""
    return MARGIN, TABLE_TOP, PAGE_W - 2 * MARGIN, FOOT - 0.1 - TABLE_TOP


PACK_DPI = 90
"""Layout pixels of a pack chart per inch of slide: 13 px chart text prints at 10.4 pt."""
PACK_WIDTH = round(image_box()[2] * PACK_DPI)
PACK_HEIGHT = round(image_box()[3] * PACK_DPI)
PACK_SCALE = 2.5
"""Layout size and PNG scale of the charts inside the pack: they fill the content area
(1110×468 layout pixels, 2775×1170 PNG pixels, about 225 pixels per inch on the slide,
so a chart pasted elsewhere stays sharp)."""


def footer(brief: Brief, page: int, pages: int) -> str:
    """The line at the foot of page ``page`` of ``pages``: what, from which corpus, by
    what, and where in the pack."""
    return (
        f"{short(brief.title, 70)} · corpus {short(brief.corpus, 40)}, "
        f"{brief.articles} articles · natojp {brief.version}, analysed {brief.analyzed_on} · "
        f"{brief.citation or f'corpus hash {brief.fingerprint}'} · {page}/{pages}"
    )
