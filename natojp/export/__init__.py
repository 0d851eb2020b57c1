"""What leaves natojp for a briefing: chart images, the briefing pack, page snapshots.

::

    images.py    chart images (PNG, SVG) rendered server-side by kaleido in Chromium:
                 finding Chromium, briefing_figure (caption and source lines),
                 pack_figure (a chart filling a pack slide), export_image
    deck.py      the briefing pack as data: Brief, a list of Slide (title, text, chart,
                 table), BriefOptions (title, subtitle), and the 16:9 page both writers
                 lay a slide out on
    brief.py     build_brief: an analysis → a Brief (numbers from natojp.selection,
                 sentences from natojp.findings; long tables split into continuation
                 slides); render_charts (pack_figure: charts fill the slide); write_brief
    typeset.py   ReportLab fonts, table cells and measuring, shared by the model's
                 pagination and the PDF writer
    pdf.py       write_pdf: the pack as a PDF (ReportLab)
    pptx.py      write_pptx: the pack as a PowerPoint deck (python-pptx)
    snapshot.py  snapshot: every dashboard page as a PNG (``natojp snapshot``)
    browser.py   the dashboard in a real browser: a Streamlit server, headless Chromium
                 driven by Playwright, page checks (snapshots, benchmarks, browser tests)

The public names are importable from here. Chart images and snapshots load at once;
the briefing pack (which needs the analysis pipeline) on first use, so
``from natojp.export import chromium_available`` stays light. ``snapshot`` here is the
function: import the module's other names with ``from natojp.export.snapshot import …``.
"""

from typing import TYPE_CHECKING, Any

from natojp.export.deck import (
    PACK_HEIGHT,
    PACK_SCALE,
    PACK_WIDTH,
    Brief,
    BriefOptions,
    Slide,
    SlideKind,
)
from natojp.export.images import (
    BRIEFING_HEIGHT,
    BRIEFING_SCALE,
    BRIEFING_WIDTH,
    CHROMIUM_ENV,
    ImageFormat,
    briefing_caption,
    briefing_figure,
    chromium_available,
    chromium_path,
    export_image,
    pack_figure,
    source_line,
)
from natojp.export.snapshot import Snapshot, page_names, snapshot

if TYPE_CHECKING:
    from natojp.export.brief import build_brief, render_charts, write_brief
    from natojp.export.pdf import write_pdf
    from natojp.export.pptx import write_pptx

_LAZY = {
    "build_brief": "natojp.export.brief",
    "render_charts": "natojp.export.brief",
    "write_brief": "natojp.export.brief",
    "write_pdf": "natojp.export.pdf",
    "write_pptx": "natojp.export.pptx",
}


def __getattr__(name: str) -> Any:
    """Import the briefing pack's modules on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'natojp.export' has no attribute {name!r}")


__all__ = [
    "BRIEFING_HEIGHT",
    "BRIEFING_SCALE",
    "BRIEFING_WIDTH",
    "CHROMIUM_ENV",
    "PACK_HEIGHT",
    "PACK_SCALE",
    "PACK_WIDTH",
    "Brief",
    "BriefOptions",
    "ImageFormat",
    "Slide",
    "SlideKind",
    "Snapshot",
    "briefing_caption",
    "briefing_figure",
    "build_brief",
    "chromium_available",
    "chromium_path",
    "export_image",
    "pack_figure",
    "page_names",
    "render_charts",
    "snapshot",
    "source_line",
    "write_brief",
    "write_pdf",
    "write_pptx",
]
