"""The briefing pack as a PowerPoint deck (python-pptx): one 16:9 slide per slide of a
:class:`~natojp.export.deck.Brief`, laid out as :mod:`natojp.export.deck` places it.

This module is ``natojp.export.pptx``; ``import pptx`` here is the python-pptx library
(imports are absolute).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from natojp.export.brief import slide_images
from natojp.export.deck import (
    ACCENT,
    FOOT,
    GREY,
    INK,
    LINES_TOP,
    MARGIN,
    PAGE_H,
    PAGE_W,
    TITLE_H,
    TITLE_TOP,
    Brief,
    footer,
    image_box,
)

__all__ = ["write_pptx"]


def write_pptx(
    brief: Brief,
    out: str | os.PathLike[str] | None = None,
    *,
    images: Sequence[bytes | None] | None = None,
) -> bytes:
    """The pack as a PowerPoint deck (16:9); written to ``out`` when given."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches, Pt

    pics = slide_images(brief, images)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(PAGE_W), Inches(PAGE_H)
    deck.core_properties.title = f"Coverage brief: {brief.corpus}"
    deck.core_properties.author = f"natojp {brief.version}"
    deck.core_properties.subject = brief.caption
    blank = deck.slide_layouts[6]
    ink, grey, accent = (RGBColor(*c) for c in (INK, GREY, ACCENT))  # type: ignore[no-untyped-call]
    body_w = PAGE_W - 2 * MARGIN

    def text_box(
        slide: Any,
        left: float,
        top: float,
        w: float,
        h: float,
        lines: Sequence[str],
        size: float,
        *,
        bold_first: bool = False,
        bold: bool = False,
        color: Any = ink,
        bullets: bool = False,
    ) -> Any:
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(w), Inches(h))
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = f"• {line}" if bullets else line
            para.space_after = Pt(8 if bullets else 2)
            for run in para.runs:
                run.font.size = Pt(size)
                run.font.bold = bold or (bold_first and i == 0)
                run.font.color.rgb = color
                run.font.name = "Arial"
        return box

    def bar(slide: Any, left: float, top: float, w: float, h: float) -> None:
        from pptx.enum.shapes import MSO_SHAPE

        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(w), Inches(h)
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = accent
        shape.line.fill.background()

    for number, (spec, pic) in enumerate(zip(brief.slides, pics, strict=True), 1):
        slide = deck.slides.add_slide(blank)
        slide.name = spec.title
        if spec.kind == "title":
            bar(slide, 0, 0, PAGE_W, 0.25)
            text_box(slide, MARGIN, 2.2, body_w, 1.4, [spec.title], 34, bold=True)
            box = text_box(slide, MARGIN, 3.7, body_w, 2.0, spec.lines[:1], 20)
            for line in spec.lines[1:]:
                para = box.text_frame.add_paragraph()
                para.text = line
                for run in para.runs:
                    run.font.size, run.font.color.rgb, run.font.name = Pt(14), grey, "Arial"
        else:
            bar(slide, MARGIN, TITLE_TOP + 0.07, 0.08, TITLE_H * 0.8)
            text_box(
                slide,
                MARGIN + 0.2,
                TITLE_TOP,
                body_w - 0.2,
                TITLE_H,
                [spec.title],
                24,
                bold=True,
            )
        if spec.kind == "chart":
            text_box(slide, MARGIN, LINES_TOP, body_w, 0.8, spec.lines, 14, bold_first=True)
            if pic is not None:
                left, top, w, h = image_box()
                slide.shapes.add_picture(
                    io.BytesIO(pic), Inches(left), Inches(top), Inches(w), Inches(h)
                )
        elif spec.kind == "text":
            text_box(
                slide,
                MARGIN + 0.2,
                LINES_TOP + 0.15,
                body_w - 0.4,
                FOOT - 1.3,
                spec.lines,
                15,
                bullets=True,
            )
        elif spec.kind == "table":
            text_box(slide, MARGIN, LINES_TOP, body_w, 0.5, spec.lines, 14)
            n_rows, n_cols = len(spec.rows), len(spec.rows[0])
            shape = slide.shapes.add_table(
                n_rows,
                n_cols,
                Inches(MARGIN),
                Inches(LINES_TOP + 0.55),
                Inches(body_w),
                Inches(0.3 * n_rows),
            )
            table = shape.table
            for j, w in enumerate(spec.widths or [1 / n_cols] * n_cols):
                table.columns[j].width = Inches(w * body_w)
            for i, row in enumerate(spec.rows):
                for j, value in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = value
                    for para in cell.text_frame.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(10)
                            run.font.bold = i == 0
                            run.font.name = "Arial"
        text_box(
            slide,
            MARGIN,
            FOOT + 0.05,
            body_w,
            0.3,
            [footer(brief, number, len(brief.slides))],
            8,
            color=grey,
        )
    buffer = io.BytesIO()
    deck.save(buffer)
    data = buffer.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data
