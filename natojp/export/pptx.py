"""The briefing pack as a PowerPoint deck (python-pptx): one 16:9 slide per slide of a
:class:`~natojp.export.deck.Brief`, laid out as :mod:`natojp.export.deck` places it.

Tables are the model's pages (a long table is already split into continuation slides,
as in the PDF): rows get the heights :func:`natojp.export.typeset.row_heights` measures
for the PDF, and cells the same padding, so both files show the same rows on the same
slide.

Text is set in Arial; a run with Japanese, Chinese or Korean characters also names an
East Asian font (``a:ea``, :data:`EA_FONTS`), which PowerPoint uses for those characters
(it takes Arial's for the Latin ones), so they are not left to whatever font the
viewer's language picks.

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
    MARGIN,
    PAGE_H,
    PAGE_W,
    TABLE_FONT,
    TITLE_H,
    TITLE_TOP,
    Brief,
    TextKind,
    footer,
    image_box,
    table_box,
)
from natojp.export.deck import text_box as deck_text_box
from natojp.export.typeset import (
    CELL_PAD_X,
    CELL_PAD_Y,
    TEXT_SIZES,
    cjk_language,
    row_heights,
    text_size,
)

__all__ = ["EA_FONTS", "east_asian_font", "write_pptx"]

EA_FONTS = {"ja": "Yu Gothic", "zh": "Microsoft YaHei", "ko": "Malgun Gothic"}
"""The East Asian font of a run, by the language of its CJK characters (see
:func:`~natojp.export.typeset.cjk_language`): the sans-serif fonts Office installs for
each (others, e.g. LibreOffice, substitute a CJK font of their own)."""


def east_asian_font(run: Any) -> str | None:
    """Name the East Asian font of a python-pptx ``run`` whose text has Japanese, Chinese
    or Korean characters (``<a:ea typeface=…>`` after its ``<a:latin>``); that font's
    name, or ``None`` (nothing set) for a run without them."""
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement

    lang = cjk_language(run.text)
    if lang is None:
        return None
    rpr = run._r.get_or_add_rPr()  # python-pptx has no API for a:ea
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = OxmlElement("a:ea")
        latin = rpr.find(qn("a:latin"))
        if latin is not None:
            latin.addnext(ea)
        else:  # a:ea comes before these, after everything else a run sets here
            later = [rpr.find(qn(t)) for t in ("a:cs", "a:sym", "a:hlinkClick", "a:extLst")]
            first = next((e for e in later if e is not None), None)
            if first is not None:
                first.addprevious(ea)
            else:
                rpr.append(ea)
    ea.set("typeface", EA_FONTS[lang])
    return EA_FONTS[lang]


def write_pptx(
    brief: Brief,
    out: str | os.PathLike[str] | None = None,
    *,
    images: Sequence[bytes | None] | None = None,
) -> bytes:
    """The pack as a PowerPoint deck (16:9); written to ``out`` when given."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    pics = slide_images(brief, images)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(PAGE_W), Inches(PAGE_H)
    deck.core_properties.title = brief.title
    deck.core_properties.author = f"natojp {brief.version}"
    deck.core_properties.subject = brief.subtitle or brief.caption
    blank = deck.slide_layouts[6]
    ink, grey, accent = (RGBColor(*c) for c in (INK, GREY, ACCENT))  # type: ignore[no-untyped-call]
    white, band = RGBColor(0xFF, 0xFF, 0xFF), RGBColor(0xF2, 0xF6, 0xFA)  # type: ignore[no-untyped-call]
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
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # shrink, never hide, on overflow
        # No inner margins: the box is the PDF's frame, measured by text_size.
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = f"• {line}" if bullets else line
            para.space_after = Pt(size * 0.6 if bullets else 0)
            for run in para.runs:
                run.font.size = Pt(size)
                run.font.bold = bold or (bold_first and i == 0)
                run.font.color.rgb = color
                run.font.name = "Arial"
                east_asian_font(run)
        return box

    def block(slide: Any, kind: TextKind, lines: Sequence[str]) -> Any:
        """A block of text in its box, at the size the PDF sets it in (smaller when
        the text would not fit at its own size)."""
        size = text_size(kind, lines) or TEXT_SIZES[kind][1]
        return text_box(
            slide,
            *deck_text_box(kind),
            lines,
            size,
            bold=kind == "heading",
            bold_first=kind == "finding",
            bullets=kind == "bullets",
        )

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
            text_box(slide, MARGIN, 1.9, body_w, 1.5, [spec.title], 34, bold=True)
            top = 3.45
            if brief.subtitle:
                text_box(slide, MARGIN, top, body_w, 0.9, [brief.subtitle], 22)
                top += 1.0
            box = text_box(slide, MARGIN, top, body_w, 1.6, spec.lines[:1], 17)
            for line in spec.lines[1:]:
                para = box.text_frame.add_paragraph()
                para.text = line
                for run in para.runs:
                    run.font.size, run.font.color.rgb, run.font.name = Pt(13), grey, "Arial"
                    east_asian_font(run)
        else:
            bar(slide, MARGIN, TITLE_TOP + 0.07, 0.08, TITLE_H * 0.8)
            block(slide, "heading", [spec.title])
        if spec.kind == "chart":
            block(slide, "finding", spec.lines)
            if pic is not None:
                left, top, w, h = image_box()
                slide.shapes.add_picture(
                    io.BytesIO(pic), Inches(left), Inches(top), Inches(w), Inches(h)
                )
        elif spec.kind == "text":
            block(slide, "bullets", spec.lines)
        elif spec.kind == "table":
            block(slide, "note", spec.lines)
            left, top, w, _ = table_box()
            heights = row_heights(spec.rows, spec.widths, w * 72, TABLE_FONT)
            n_rows, n_cols = len(spec.rows), len(spec.rows[0])
            shape = slide.shapes.add_table(
                n_rows, n_cols, Inches(left), Inches(top), Inches(w), Pt(sum(heights))
            )
            table = shape.table
            for j, share in enumerate(spec.widths or [1 / n_cols] * n_cols):
                table.columns[j].width = Inches(share * w)
            for i, (row, row_h) in enumerate(zip(spec.rows, heights, strict=True)):
                table.rows[i].height = Pt(row_h)
                for j, value in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = value
                    cell.margin_left = cell.margin_right = Pt(CELL_PAD_X)
                    cell.margin_top = cell.margin_bottom = Pt(CELL_PAD_Y)
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = accent if i == 0 else white if i % 2 else band
                    for para in cell.text_frame.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(TABLE_FONT)
                            run.font.bold = i == 0
                            run.font.name = "Arial"
                            run.font.color.rgb = white if i == 0 else ink
                            east_asian_font(run)
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
