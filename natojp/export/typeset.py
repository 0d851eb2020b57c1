"""ReportLab typesetting shared by the briefing pack's model and its PDF writer: the
fonts, text escaped for them, table cells, and measuring what fits a box.

ReportLab leaves out, silently, a flowable that does not fit its frame. So the model
(:func:`natojp.export.brief.build_brief`) splits a long table into pages with
:func:`table_pages`, measuring each row exactly as :func:`natojp.export.pdf.write_pdf`
sets it; the PowerPoint deck gets the same pages, and the PDF writer checks with
:func:`fits` before it draws anything, raising rather than dropping content.

Text is set in DejaVu Sans when fontconfig finds it (wide Unicode coverage), else in the
Bitstream Vera fonts that ship with ReportLab. Both are wider than the Arial of the
PowerPoint deck, so what fits here fits there. Neither has Japanese, Chinese or Korean:
runs of text in those scripts are set in one of ReportLab's built-in CID fonts
(:data:`CJK_FONTS`: HeiseiKakuGo-W5, STSong-Light, HYGothic-Medium), which a PDF reader
supplies from its own CJK fonts (they are not embedded; poppler needs poppler-data and a
CJK font such as Debian's fonts-noto-cjk to draw them). Such a paragraph breaks lines
between any two CJK characters (ReportLab's ``wordWrap="CJK"``). A character that no
font has is replaced.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from natojp._wording import short
from natojp.export.deck import ACCENT, INK, TABLE_FONT, TextKind, text_box

__all__ = [
    "CELL_PAD_X",
    "CELL_PAD_Y",
    "CJK_FONTS",
    "TEXT_SIZES",
    "cjk_language",
    "draw_text",
    "fits",
    "font_sizes",
    "is_cjk",
    "paragraph",
    "pdf_chars",
    "pdf_fonts",
    "pdf_runs",
    "pdf_text",
    "row_heights",
    "table_flowable",
    "table_pages",
    "text_paragraphs",
    "text_size",
]

CELL_PAD_X = 6.0
"""Left and right padding of a table cell, in points (both writers)."""
CELL_PAD_Y = 3.0
"""Top and bottom padding of a table cell, in points (both writers)."""
LEADING = 1.2
"""Line height of table cells, as a multiple of the font size."""

_FALLBACK = {"→": "->", "↔": "<->", "≥": ">=", "≤": "<=", "✓": "v"}


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


@functools.cache
def pdf_fonts() -> tuple[str, str, frozenset[int]]:
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
    return names[0], names[1], frozenset(font.face.charToGlyph)


CJK_FONTS: dict[str, tuple[str, str]] = {
    "ja": ("HeiseiKakuGo-W5", "euc_jis_2004"),
    "zh": ("STSong-Light", "gbk"),
    "ko": ("HYGothic-Medium", "cp949"),
}
"""ReportLab's built-in CID font for each language, and a Python codec of (about) the
characters its Adobe character collection has (Japan1: JIS X 0213, GB1: GBK, Korea1:
Unified Hangul Code). Only the Basic Multilingual Plane: the fonts are addressed in UCS-2."""


_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x9FFF),  # radicals, CJK symbols and punctuation, kana, Hangul, Han
    (0xA960, 0xA97F),  # Hangul Jamo extended
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),  # Han compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x3FFFF),  # Han, supplementary planes
)


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Japanese, Chinese or Korean character (or CJK punctuation)."""
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES)


def _is_hangul(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def _is_kana(ch: str) -> bool:
    return 0x3040 <= ord(ch) <= 0x30FF or 0x31F0 <= ord(ch) <= 0x31FF or 0xFF66 <= ord(ch) <= 0xFF9D


def cjk_language(text: str) -> str | None:
    """``"ja"``, ``"zh"`` or ``"ko"``: the language whose CJK font best sets ``text``'s
    Japanese, Chinese or Korean characters; ``None`` when it has none.

    Kana make it Japanese and Hangul Korean; Han characters alone are Japanese when JIS
    has them all (the corpora are about Japan), else Chinese when GBK has them."""
    cjk = [ch for ch in text if is_cjk(ch)]
    if not cjk:
        return None
    if any(_is_kana(ch) for ch in cjk):
        return "ja"
    if any(_is_hangul(ch) for ch in cjk):
        return "ko"
    for lang in ("ja", "zh", "ko"):
        if _encodes("".join(cjk), CJK_FONTS[lang][1]):
            return lang
    return "ja"


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@functools.cache
def _cid_font(name: str) -> str:
    """``name``, a built-in ReportLab CID font, registered (once)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _cid_runs(text: str, order: Sequence[str]) -> list[tuple[str, str | None]]:
    """Characters that the text font lacks, each in the CID font of the first language
    in ``order`` that has it; ``"?"`` for one that no font has."""
    out: list[tuple[str, str | None]] = []
    for ch in text:
        has = next((la for la in order if _encodes(ch, CJK_FONTS[la][1])), None)
        out.append((ch, _cid_font(CJK_FONTS[has][0])) if has else ("?", None))
    return out


def pdf_runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` as runs of (characters, font): ``None`` for the text font, or the name of
    a registered CJK font (:data:`CJK_FONTS`) for characters that the text font lacks.
    A character no font has is replaced (``"?"``, or ASCII for a few symbols)."""
    glyphs = pdf_fonts()[2]
    lang = cjk_language(text) or "ja"
    order = [lang, *(la for la in CJK_FONTS if la != lang)]
    chunks: list[tuple[str, bool]] = []  # (characters, in the text font)
    for ch in text:
        base = ord(ch) in glyphs or ch in "\n\t"
        if not base and ch in _FALLBACK:
            ch, base = _FALLBACK[ch], True
        if chunks and chunks[-1][1] == base:
            chunks[-1] = (chunks[-1][0] + ch, base)
        else:
            chunks.append((ch, base))
    runs: list[tuple[str, str | None]] = []
    for chunk, base in chunks:
        for run, font in [(chunk, None)] if base else _cid_runs(chunk, order):
            if runs and runs[-1][1] == font:
                runs[-1] = (runs[-1][0] + run, font)
            else:
                runs.append((run, font))
    return runs


def pdf_chars(text: str) -> str:
    """``text`` with characters that no font has replaced (the characters drawn)."""
    return "".join(run for run, _ in pdf_runs(text))


def pdf_text(text: str) -> str:
    """``text`` escaped for a Paragraph, runs of CJK characters in a CJK font, and
    characters that no font has replaced."""
    from xml.sax.saxutils import escape

    out = []
    for run, font in pdf_runs(text):
        markup = escape(run).replace("\n", "<br/>")
        out.append(markup if font is None else f'<font name="{font}">{markup}</font>')
    return "".join(out)


def paragraph(text: str, style: Any) -> Any:
    """A ReportLab Paragraph of ``text`` (plain text) in ``style``; lines of text with
    CJK characters may break between any two of them (CJK has no spaces)."""
    from reportlab.platypus import Paragraph

    markup = pdf_text(text)
    if "<font " in markup and style.wordWrap != "CJK":
        style = style.clone(style.name, wordWrap="CJK")
    return Paragraph(markup, style)


def draw_text(canvas: Any, x: float, y: float, text: str, font: str, size: float) -> None:
    """One line of ``text`` at (``x``, ``y``) on a ReportLab canvas, in ``font`` and CJK
    fonts for the characters it lacks."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for run, cid in pdf_runs(text):
        canvas.setFont(cid or font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, cid or font, size)


def fits(flowables: Sequence[Any], width: float, height: float) -> bool:
    """Whether ``flowables`` stacked in a frame of ``width`` × ``height`` points all fit
    (a frame drops, silently, what does not)."""
    total = 0.0
    for i, f in enumerate(flowables):
        w, h = f.wrap(width, height)
        if w > width + 0.5:
            return False
        total += h + (f.getSpaceBefore() if i else 0.0) + f.getSpaceAfter()
    return total <= height + 0.5


# --------------------------------------------------------------------------- text

TEXT_SIZES: dict[TextKind, tuple[float, float]] = {
    "heading": (24.0, 16.0),
    "finding": (14.0, 10.0),
    "bullets": (15.0, 10.0),
    "note": (14.0, 10.0),
}
"""Point size of each block of text, and the smallest it is shrunk to so that it fits."""


def font_sizes(start: float, floor: float) -> list[float]:
    """Point sizes to try, from ``start`` down to ``floor`` by half points."""
    out = [start]
    while out[-1] - 0.5 >= floor - 1e-9:
        out.append(out[-1] - 0.5)
    return out


def text_paragraphs(kind: TextKind, lines: Sequence[str], size: float) -> list[Any]:
    """The paragraphs of a block of text at ``size`` points: a bold heading, a finding
    whose first line is bold, bullets, or a plain note."""
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

    regular, bold, _ = pdf_fonts()
    ink = Color(*(c / 255 for c in INK))
    out = []
    for i, line in enumerate(lines):
        font = bold if kind == "heading" or (kind == "finding" and i == 0) else regular
        lead = {"finding": 1.2, "bullets": 1.3}.get(kind, 1.25)
        extra: dict[str, float] = {}
        if kind == "bullets":
            extra = {"spaceAfter": size * 0.6, "leftIndent": size, "firstLineIndent": -size}
        style = ParagraphStyle(
            kind, fontName=font, fontSize=size, leading=size * lead, textColor=ink, **extra
        )
        out.append(paragraph(f"• {line}" if kind == "bullets" else line, style))
    return out


def text_size(kind: TextKind, lines: Sequence[str]) -> float | None:
    """The point size a block of text is set in: its size, or smaller when it does not
    fit its box; ``None`` when it does not fit even at its smallest size."""
    _, _, width, height = text_box(kind)
    for size in font_sizes(*TEXT_SIZES[kind]):
        if fits(text_paragraphs(kind, lines, size), width * 72, height * 72):
            return size
    return None


# --------------------------------------------------------------------------- tables


def _cell_styles(size: float) -> tuple[Any, Any]:
    """Paragraph styles of body and header cells at ``size`` points."""
    from reportlab.lib.colors import Color, HexColor
    from reportlab.lib.styles import ParagraphStyle

    regular, bold, _ = pdf_fonts()
    ink = Color(*(c / 255 for c in INK))
    body = ParagraphStyle(
        "cell", fontName=regular, fontSize=size, leading=size * LEADING, textColor=ink
    )
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=size, leading=size * LEADING, textColor=HexColor("#ffffff")
    )
    return body, head


def _cells(rows: Sequence[Sequence[str]], size: float) -> list[list[Any]]:
    """Paragraphs of ``rows``, the first the header."""
    body, head = _cell_styles(size)
    return [[paragraph(c, head if r == 0 else body) for c in row] for r, row in enumerate(rows)]


def _column_points(widths: Sequence[float], n: int, width: float) -> list[float]:
    """Column widths in points: ``widths`` (relative) of ``width`` points; equal without."""
    shares = list(widths) if widths else [1 / n] * n
    return [s * width for s in shares]


def row_heights(
    rows: Sequence[Sequence[str]], widths: Sequence[float], width: float, size: float = TABLE_FONT
) -> list[float]:
    """The height in points of each of ``rows`` (the first the header) set in a table
    ``width`` points wide with relative column ``widths``, as the PDF sets them."""
    if not rows:
        return []
    columns = _column_points(widths, len(rows[0]), width)
    out = []
    for row in _cells(rows, size):
        tallest = 0.0
        for para, w in zip(row, columns, strict=True):
            tallest = max(tallest, para.wrap(w - 2 * CELL_PAD_X, 1e6)[1])
        out.append(tallest + 2 * CELL_PAD_Y)
    return out


def _fitting(
    header: Sequence[str],
    row: Sequence[str],
    widths: Sequence[float],
    width: float,
    height: float,
    size: float,
) -> tuple[str, ...]:
    """``row``, its longest cells cut (with an ellipsis) until it fits a page under the
    header: a row never disappears, and a cut one says so."""
    cells = list(row)
    while sum(row_heights([header, cells], widths, width, size)) > height:
        longest = max(range(len(cells)), key=lambda j: len(cells[j]))
        if len(cells[longest]) <= 8:
            break
        cells[longest] = short(cells[longest], len(cells[longest]) * 2 // 3)
    return tuple(cells)


def table_pages(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    width: float,
    height: float,
    size: float = TABLE_FONT,
) -> list[list[tuple[str, ...]]]:
    """``rows`` (the first the header) split into pages of a box ``width`` × ``height``
    points: each page starts with the header and holds as many rows as fit, in order.

    A row too tall for a page on its own has its longest cells shortened until it fits.
    A table with only its header is one page.
    """
    header, *body = (tuple(r) for r in rows)
    heights = row_heights([header, *body], widths, width, size)
    room = height - heights[0]
    pages: list[list[tuple[str, ...]]] = []
    page: list[tuple[str, ...]] = []
    used = 0.0
    for row, h in zip(body, heights[1:], strict=True):
        if h > room:
            row = _fitting(header, row, widths, width, height, size)
            h = row_heights([header, row], widths, width, size)[1]
        if page and used + h > room:
            pages.append([header, *page])
            page, used = [], 0.0
        page.append(row)
        used += h
    pages.append([header, *page])
    return pages


def table_flowable(
    rows: Sequence[Sequence[str]], widths: Sequence[float], width: float, size: float = TABLE_FONT
) -> Any:
    """A ReportLab table of ``rows`` (the first the header), ``width`` points wide."""
    from reportlab.lib.colors import Color, HexColor
    from reportlab.platypus import Table, TableStyle

    accent = Color(*(c / 255 for c in ACCENT))
    columns = _column_points(widths, len(rows[0]), width)
    table = Table(_cells(rows, size), colWidths=columns, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), accent),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [HexColor("#ffffff"), HexColor("#f2f6fa")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, HexColor("#cccccc")),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
            ]
        )
    )
    return table
