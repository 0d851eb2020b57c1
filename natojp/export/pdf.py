"""The briefing pack as a PDF (ReportLab): one 16:9 page per slide of a
:class:`~natojp.export.deck.Brief`, laid out as :mod:`natojp.export.deck` places it.

Text is set in DejaVu Sans when fontconfig finds it (wide Unicode coverage), else in the
Bitstream Vera fonts that ship with ReportLab; a character the font lacks is replaced.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
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

__all__ = ["write_pdf"]


def _find_font(pattern: str) -> str | None:
    """A TrueType file for ``pattern`` from fontconfig, when it is installed."""
    fc = shutil.which("fc-match")
    if fc is None:
        return None
    try:
        found = subprocess.run(
            [fc, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found if found.lower().endswith(".ttf") and Path(found).is_file() else None


def _pdf_fonts() -> tuple[str, str, set[int]]:
    """Regular and bold font names registered with ReportLab, and the regular's characters.

    DejaVu Sans (wide Unicode coverage) when fontconfig finds it, else the Bitstream
    Vera fonts that ship with ReportLab.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = _find_font("DejaVu Sans"), _find_font("DejaVu Sans:bold")
    if regular is None or bold is None or "dejavu" not in regular.lower():
        import reportlab

        base = Path(reportlab.__file__).parent / "fonts"
        regular, bold = str(base / "Vera.ttf"), str(base / "VeraBd.ttf")
    names = ("natojp-regular", "natojp-bold")
    for name, path in zip(names, (regular, bold), strict=True):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path))
    font = pdfmetrics.getFont(names[0])
    return names[0], names[1], set(font.face.charToGlyph)


_FALLBACK = {"→": "->", "↔": "<->", "≥": ">=", "≤": "<=", "✓": "v"}


def _pdf_text(text: str, glyphs: set[int]) -> str:
    """``text`` with characters the font lacks replaced, escaped for a Paragraph."""
    from xml.sax.saxutils import escape

    out = "".join(
        ch if ord(ch) in glyphs or ch in "\n\t" else _FALLBACK.get(ch, "?") for ch in text
    )
    return escape(out).replace("\n", "<br/>")


def write_pdf(
    brief: Brief,
    out: str | os.PathLike[str] | None = None,
    *,
    images: Sequence[bytes | None] | None = None,
) -> bytes:
    """The pack as a PDF (one 16:9 page per slide); written to ``out`` when given."""
    from reportlab.lib.colors import Color, HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame, Paragraph, Table, TableStyle

    pics = slide_images(brief, images)
    regular, bold, glyphs = _pdf_fonts()
    ink, grey, accent = (Color(*(c / 255 for c in rgb)) for rgb in (INK, GREY, ACCENT))
    width, height = PAGE_W * inch, PAGE_H * inch
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(f"Coverage brief: {brief.corpus}")
    canvas.setAuthor(f"natojp {brief.version}")
    canvas.setSubject(brief.caption)

    def style(size: float, *, font: str = regular, color: Color = ink, lead: float = 1.25) -> Any:
        return ParagraphStyle(
            "s", fontName=font, fontSize=size, leading=size * lead, textColor=color
        )

    def paragraph(text: str, st: Any) -> Any:
        return Paragraph(_pdf_text(text, glyphs), st)

    def place(flowables: list[Any], left: float, top: float, w: float, h: float) -> None:
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

    body_w = PAGE_W - 2 * MARGIN
    for number, (slide, pic) in enumerate(zip(brief.slides, pics, strict=True), 1):
        canvas.setFillColor(HexColor("#ffffff"))
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        if slide.kind == "title":
            canvas.setFillColor(accent)
            canvas.rect(0, height - 0.25 * inch, width, 0.25 * inch, stroke=0, fill=1)
            place([paragraph(slide.title, style(34, font=bold))], MARGIN, 2.2, body_w, 1.4)
            place(
                [
                    paragraph(line, style(20 if i == 0 else 14, color=ink if i == 0 else grey))
                    for i, line in enumerate(slide.lines)
                ],
                MARGIN,
                3.7,
                body_w,
                2.0,
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
            place(
                [paragraph(slide.title, style(24, font=bold))],
                MARGIN + 0.2,
                TITLE_TOP + 0.05,
                body_w - 0.2,
                TITLE_H,
            )
        if slide.kind == "chart":
            place(
                [
                    paragraph(line, style(14, font=bold if i == 0 else regular))
                    for i, line in enumerate(slide.lines)
                ],
                MARGIN,
                LINES_TOP,
                body_w,
                0.8,
            )
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
            bullets = [paragraph(f"• {line}", style(15, lead=1.3)) for line in slide.lines]
            for b in bullets:
                b.style = ParagraphStyle(
                    "b", parent=b.style, spaceAfter=9, leftIndent=14, firstLineIndent=-14
                )
            place(bullets, MARGIN + 0.2, LINES_TOP + 0.15, body_w - 0.4, FOOT - 1.3)
        elif slide.kind == "table":
            place(
                [paragraph(line, style(14)) for line in slide.lines],
                MARGIN,
                LINES_TOP,
                body_w,
                0.5,
            )
            cell = style(10, lead=1.2)
            head = style(10, font=bold, color=HexColor("#ffffff"))
            cells = [
                [paragraph(c, head if r == 0 else cell) for c in row]
                for r, row in enumerate(slide.rows)
            ]
            widths = [w * body_w * inch for w in slide.widths] if slide.widths else None
            table = Table(cells, colWidths=widths, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, 0), accent),
                        (
                            "ROWBACKGROUNDS",
                            (0, 1),
                            (-1, -1),
                            [HexColor("#ffffff"), HexColor("#f2f6fa")],
                        ),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, HexColor("#cccccc")),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            place([table], MARGIN, LINES_TOP + 0.55, body_w, FOOT - LINES_TOP - 0.65)
        canvas.setFont(regular, 8)
        canvas.setFillColor(grey)
        canvas.drawString(
            MARGIN * inch,
            (PAGE_H - FOOT - 0.25) * inch,
            _pdf_text(footer(brief, number, len(brief.slides)), glyphs),
        )
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data
