"""The briefing pack as a PDF (ReportLab): one 16:9 page per slide of a
:class:`~natojp.export.deck.Brief`, laid out as :mod:`natojp.export.deck` places it.

Fonts (CJK fonts for Japanese, Chinese and Korean text), table cells and measuring come
from :mod:`natojp.export.typeset`. Every block of text is measured before it is drawn:
one that does not fit its box is set smaller, down to
:data:`~natojp.export.deck.TABLE_MIN_FONT` for tables (long tables are already split
into pages by the model), and past that the writer raises
:class:`~natojp.errors.ExportError`: content is never dropped silently.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from natojp.errors import ExportError
from natojp.export.brief import slide_images
from natojp.export.deck import (
    ACCENT,
    FOOT,
    GREY,
    INK,
    MARGIN,
    PAGE_H,
    PAGE_W,
    TABLE_FONT,
    TABLE_MIN_FONT,
    TITLE_H,
    TITLE_TOP,
    Brief,
    Slide,
    TextKind,
    footer,
    image_box,
    table_box,
    text_box,
)
from natojp.export.typeset import (
    TEXT_SIZES,
    draw_text,
    fits,
    font_sizes,
    paragraph,
    pdf_fonts,
    table_flowable,
    text_paragraphs,
)

__all__ = ["write_pdf"]


def write_pdf(
    brief: Brief,
    out: str | os.PathLike[str] | None = None,
    *,
    images: Sequence[bytes | None] | None = None,
) -> bytes:
    """The pack as a PDF (one 16:9 page per slide); written to ``out`` when given.

    Raises :class:`~natojp.errors.ExportError` when some text does not fit its box even
    at the smallest readable size (the model keeps slides within bounds, so this is a
    bug, never a silent loss).
    """
    from reportlab.lib.colors import Color, HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    pics = slide_images(brief, images)
    regular, bold, _ = pdf_fonts()
    ink, grey, accent = (Color(*(c / 255 for c in rgb)) for rgb in (INK, GREY, ACCENT))
    width, height = PAGE_W * inch, PAGE_H * inch
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(brief.title)
    canvas.setAuthor(f"natojp {brief.version}")
    canvas.setSubject(brief.subtitle or brief.caption)

    def style(
        size: float, *, font: str = regular, color: Color = ink, lead: float = 1.25, **extra: Any
    ) -> Any:
        return ParagraphStyle(
            "s", fontName=font, fontSize=size, leading=size * lead, textColor=color, **extra
        )

    def place(
        make: Callable[[float], list[Any]],
        sizes: Sequence[float],
        box: tuple[float, float, float, float],
        what: str,
        number: int,
    ) -> None:
        """The flowables ``make(size)`` for the first of ``sizes`` that fits ``box``
        (left, top, width, height in inches), drawn; an error when none fits."""
        left, top, w, h = box
        for size in sizes:
            flowables = make(size)
            if fits(flowables, w * inch, h * inch):
                break
        else:
            raise ExportError(
                f"the briefing pack cannot show {what} on page {number}: it does not fit "
                f"even at {sizes[-1]:g} pt"
            )
        frame = Frame(
            left * inch,
            height - (top + h) * inch,
            w * inch,
            h * inch,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        frame.addFromList(flowables, canvas)
        if flowables:  # measured to fit: never expected, never silent
            raise ExportError(f"the briefing pack lost {what} on page {number}")

    def block(kind: TextKind, lines: Sequence[str], what: str, number: int) -> None:
        """A block of text in its box, at the size :func:`text_size` gives it."""
        sizes = font_sizes(*TEXT_SIZES[kind])
        place(lambda size: text_paragraphs(kind, lines, size), sizes, text_box(kind), what, number)

    body_w = PAGE_W - 2 * MARGIN

    def draw(slide: Slide, pic: bytes | None, number: int) -> None:
        canvas.setFillColor(HexColor("#ffffff"))
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        if slide.kind == "title":
            canvas.setFillColor(accent)
            canvas.rect(0, height - 0.25 * inch, width, 0.25 * inch, stroke=0, fill=1)

            def title_page(size: float) -> list[Any]:
                k = size / 34
                out = [paragraph(slide.title, style(size, font=bold, lead=1.15, spaceAfter=14 * k))]
                if brief.subtitle:
                    out.append(paragraph(brief.subtitle, style(22 * k, spaceAfter=26 * k)))
                out += [
                    paragraph(
                        line, style((17 if i == 0 else 13) * k, color=ink if i == 0 else grey)
                    )
                    for i, line in enumerate(slide.lines)
                ]
                return out

            place(
                title_page,
                font_sizes(34, 20),
                (MARGIN, 1.9, body_w, FOOT - 2.2),
                "the title",
                number,
            )
        else:
            canvas.setFillColor(accent)
            canvas.rect(
                MARGIN * inch,
                height - (TITLE_TOP + TITLE_H) * inch,
                0.08 * inch,
                TITLE_H * inch * 0.8,
                stroke=0,
                fill=1,
            )
            block("heading", (slide.title,), "the slide title", number)
        if slide.kind == "chart":
            block("finding", slide.lines, "the finding", number)
            if pic is not None:
                left, top, w, h = image_box()
                canvas.drawImage(
                    ImageReader(io.BytesIO(pic)),
                    left * inch,
                    height - (top + h) * inch,
                    w * inch,
                    h * inch,
                )
                canvas.setStrokeColor(HexColor("#dddddd"))
                canvas.rect(left * inch, height - (top + h) * inch, w * inch, h * inch)
        elif slide.kind == "text":
            block("bullets", slide.lines, "the bullets", number)
        elif slide.kind == "table":
            block("note", slide.lines, "the note", number)
            place(
                lambda size: [
                    table_flowable(slide.rows, slide.widths, table_box()[2] * inch, size)
                ],
                font_sizes(TABLE_FONT, TABLE_MIN_FONT),
                table_box(),
                f"the table {slide.title!r}",
                number,
            )
        canvas.setFillColor(grey)
        draw_text(
            canvas,
            MARGIN * inch,
            (PAGE_H - FOOT - 0.25) * inch,
            footer(brief, number, len(brief.slides)),
            regular,
            8,
        )
        canvas.showPage()

    for number, (slide, pic) in enumerate(zip(brief.slides, pics, strict=True), 1):
        draw(slide, pic, number)
    canvas.save()
    data = buffer.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data
