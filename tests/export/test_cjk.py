"""Japanese, Chinese and Korean text in the briefing pack and the chart images: set in CJK
fonts (never replaced by "?"), read back from the PDF, named as East Asian fonts in the
PowerPoint deck, and drawn as glyphs (not boxes) where the system has a CJK font."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image, ImageChops
from pptx import Presentation
from pptx.oxml.ns import qn

from natojp import Analysis, analyze
from natojp.export.brief import build_brief
from natojp.export.deck import Brief, BriefOptions, Slide
from natojp.export.images import ImageFormat, export_image
from natojp.export.pdf import write_pdf
from natojp.export.pptx import EA_FONTS, write_pptx
from natojp.export.typeset import CJK_FONTS, cjk_language, paragraph, pdf_runs, pdf_text
from tests.export import needs_chromium
from tests.export.cjk_corpus import JA_OUTLETS, JA_TITLES, OTHER_OUTLETS, write_cjk_corpus
from tests.export.test_parity import check_parity, pdf_pages, squeezed

JA, ZH, KO = (CJK_FONTS[lang][0] for lang in ("ja", "zh", "ko"))
TITLE = "NATOと日本：防衛産業協力の報道"


def _has(tool: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        shutil.which(tool) is None,
        reason=f"{tool} not found (Debian: apt-get install poppler-utils): cannot read the PDF",
    )


def _cjk_font_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(
        ["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=False
    )
    return bool(found.stdout.strip())


needs_cjk_font = pytest.mark.skipif(
    not _cjk_font_installed(),
    reason="no Japanese font for fontconfig (Debian: apt-get install fonts-noto-cjk): "
    "Chromium and poppler would draw boxes",
)


@pytest.fixture(scope="module")
def cjk_analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyze([write_cjk_corpus(tmp_path_factory.mktemp("cjk"))])


@pytest.fixture(scope="module")
def cjk_brief(cjk_analysis: Analysis) -> Brief:
    return build_brief(cjk_analysis, BriefOptions(title=TITLE, subtitle="日本語・中文・한국어"))


def _no_images(brief: Brief) -> list[bytes | None]:
    return [None] * len(brief.slides)


# --------------------------------------------------------------------------- typesetting


def test_cjk_runs_get_the_cid_font_of_their_language() -> None:
    assert pdf_runs("NATOと日本") == [("NATO", None), ("と日本", JA)]
    assert pdf_runs("日本経済新聞") == [("日本経済新聞", JA)]  # Han only, in JIS: Japanese
    assert pdf_runs("北约与日本") == [("北约与日本", ZH)]  # simplified: not in JIS
    assert pdf_runs("나토와 일본") == [("나토와", KO), (" ", None), ("일본", KO)]
    assert [font for _, font in pdf_runs("報道 (Yomiuri) 「談話」")] == [JA, None, JA]
    # a Chinese character in Japanese text: that character alone in the Chinese font
    assert pdf_runs("日本の们") == [("日本の", JA), ("们", ZH)]
    assert pdf_runs("𠮷野家") == [("?", None), ("野家", JA)]  # beyond UCS-2: replaced
    assert pdf_runs("plain English, no CJK") == [("plain English, no CJK", None)]


def test_cjk_language() -> None:
    assert cjk_language("Defence Weekly") is None
    assert cjk_language("北海道防衛通信 · NATO") == "ja"
    assert cjk_language("ドローン") == "ja"
    assert cjk_language("东亚防务观察") == "zh"
    assert cjk_language("동아시아 안보 리뷰 · 日本") == "ko"


def test_cjk_paragraphs_escape_and_break_lines_between_cjk_characters() -> None:
    from reportlab.lib.styles import ParagraphStyle

    assert pdf_text("a<b & 日本") == f'a&lt;b &amp; <font name="{JA}">日本</font>'
    style = ParagraphStyle("s", fontSize=10, leading=12)
    assert paragraph("English only", style).style.wordWrap != "CJK"
    para = paragraph("防衛産業" * 30, style)  # no space to break at
    assert para.style.wordWrap == "CJK"
    width, height = para.wrap(200, 1e6)
    assert width <= 200 and height >= 12 * 5  # 1200 pt of text: six lines of 200 pt


# --------------------------------------------------------------------------- the PDF


@_has("pdftotext")
@_has("pdffonts")
def test_pdf_keeps_japanese_titles_outlets_and_cells(cjk_brief: Brief, tmp_path: Path) -> None:
    pdf = tmp_path / "pack.pdf"
    write_pdf(cjk_brief, pdf, images=_no_images(cjk_brief))
    pages = [squeezed(p) for p in pdf_pages(pdf)]
    text = "".join(pages)
    assert squeezed(TITLE) in pages[0] and "日本語・中文・한국어" in pages[0]
    assert all(squeezed(TITLE) in page for page in pages)  # the footers
    sources = next(
        i for i, s in enumerate(cjk_brief.slides) if s.kind == "table" and s.title == "Sources"
    )
    for cell in (*JA_TITLES, *JA_OUTLETS, *OTHER_OUTLETS):
        assert squeezed(cell) in pages[sources], cell  # wrapped cells read back whole
    assert "?" not in text.replace("https://", "")
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.split()
    assert {JA, ZH, KO} <= set(fonts)


@_has("pdftotext")
def test_cjk_pack_has_the_same_text_in_both_files(cjk_brief: Brief, tmp_path: Path) -> None:
    assert check_parity(cjk_brief, tmp_path) >= 7 * 5


@_has("pdftoppm")
@needs_cjk_font
def test_pdf_draws_cjk_glyphs_not_boxes(cjk_brief: Brief, tmp_path: Path) -> None:
    """Two pages that differ only in their CJK characters look different: boxes (or
    nothing) where a glyph is missing would look the same."""

    def title_page(title: str) -> Image.Image:
        brief = Brief(
            **{f: getattr(cjk_brief, f) for f in Brief.__slots__ if f != "slides"},
            slides=(Slide("text", title, ("報道",)),),
        )
        write_pdf(brief, tmp_path / "one.pdf", images=[None])
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "40",
                "-png",
                "-singlefile",
                str(tmp_path / "one.pdf"),
                str(tmp_path / "one"),
            ],
            check=True,
            capture_output=True,
        )
        return Image.open(tmp_path / "one.png").convert("L")

    first, second = title_page("日本の報道"), title_page("東京の新聞")
    assert ImageChops.difference(first, second).getbbox() is not None
    assert np.asarray(first).min() < 100  # and something dark is drawn


# --------------------------------------------------------------------------- the deck


def test_pptx_runs_with_cjk_name_an_east_asian_font(cjk_brief: Brief, tmp_path: Path) -> None:
    write_pptx(cjk_brief, tmp_path / "pack.pptx", images=_no_images(cjk_brief))
    deck = Presentation(str(tmp_path / "pack.pptx"))
    seen: dict[str, set[str]] = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            frames = (
                [c.text_frame for row in shape.table.rows for c in row.cells]
                if shape.has_table
                else [shape.text_frame]
                if shape.has_text_frame
                else []
            )
            for frame in frames:
                for para in frame.paragraphs:
                    for run in para.runs:
                        rpr = run._r.find(qn("a:rPr"))
                        ea = None if rpr is None else rpr.find(qn("a:ea"))
                        lang = cjk_language(run.text)
                        if lang is None:
                            assert ea is None, run.text
                            continue
                        assert ea is not None, run.text
                        assert ea.get("typeface") == EA_FONTS[lang], run.text
                        assert ea.getprevious().tag == qn("a:latin")  # schema order
                        seen.setdefault(lang, set()).add(run.text)
    assert set(seen) == {"ja", "zh", "ko"}
    texts = " ".join(t for runs in seen.values() for t in runs)
    assert TITLE in texts and all(o in texts for o in (*JA_OUTLETS, *OTHER_OUTLETS))


# --------------------------------------------------------------------------- chart images


@pytest.mark.browser
@needs_chromium
@needs_cjk_font
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_chart_images_draw_cjk_labels(fmt: ImageFormat) -> None:
    def chart(labels: list[str]) -> bytes:
        fig = go.Figure(go.Bar(y=labels, x=[3, 2, 1], orientation="h"))
        return export_image(fig.update_layout(title="報道の件数"), fmt, 500, 300, 1)

    first = chart(["読売新聞", "日本経済", "동아일보"])
    if fmt == "svg":
        assert "読売新聞" in first.decode() and "Noto Sans CJK JP" in first.decode()
        return
    second = chart(["朝日新聞", "毎日新聞", "조선일보"])  # as many characters each
    a, b = (Image.open(io.BytesIO(png)).convert("L") for png in (first, second))
    # the tick labels differ only in their characters: boxes would look alike
    box = ImageChops.difference(a, b).getbbox()
    assert box is not None and box[2] < a.width / 2, "labels drawn as identical boxes?"
