"""The PDF and the PowerPoint deck show the same pages: every text of a slide, and every
cell of its table, is on the PDF page of that slide, also when tables of long wrapped
cells take several continuation slides. Neither writer may drop content silently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from natojp import Analysis, analyze
from natojp.errors import ExportError
from natojp.export.brief import build_brief
from natojp.export.deck import Brief, Slide, table_box
from natojp.export.pdf import write_pdf
from natojp.export.pptx import write_pptx
from natojp.export.typeset import row_heights, table_pages
from natojp.selection import reports_by_size
from tests.export.long_corpus import write_long_corpus

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext not found (Debian: apt-get install poppler-utils): cannot read the PDF",
)


@pytest.fixture(scope="module")
def long_analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    """30 invented articles from 30 sources with long names, titles and addresses."""
    return analyze([write_long_corpus(tmp_path_factory.mktemp("long"), n=30, copies=5)])


@pytest.fixture(scope="module")
def long_brief(long_analysis: Analysis) -> Brief:
    return build_brief(long_analysis)


def squeezed(text: str) -> str:
    """``text`` without white space: lines wrap differently in the two files."""
    return "".join(text.split())


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, in drawing order (a table cell's lines stay together)."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")[:-1]


def check_parity(brief: Brief, tmp_path: Path) -> int:
    """Write both files (no chart images: the text is compared) and check that each PDF
    page carries every text of its PowerPoint slide; the number of table cells seen."""
    images = [None] * len(brief.slides)
    write_pdf(brief, tmp_path / "pack.pdf", images=images)
    write_pptx(brief, tmp_path / "pack.pptx", images=images)
    pages = pdf_pages(tmp_path / "pack.pdf")
    slides = list(Presentation(str(tmp_path / "pack.pptx")).slides)
    assert len(pages) == len(slides) == len(brief.slides)
    cells = 0
    for number, (page, slide, spec) in enumerate(zip(pages, slides, brief.slides, strict=True), 1):
        flat = squeezed(page)
        assert squeezed(spec.title) in flat, f"page {number}: title {spec.title!r}"
        for shape in slide.shapes:
            if shape.has_table:
                for r, row in enumerate(shape.table.rows):
                    for cell in row.cells:
                        cells += 1
                        assert squeezed(cell.text) in flat, (
                            f"page {number} ({spec.title}), row {r}: {cell.text!r} not in the PDF"
                        )
            elif shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    assert squeezed(para.text) in flat, f"page {number}: {para.text!r}"
    return cells


@needs_pdftotext
def test_long_wrapped_tables_are_on_the_same_pages_in_both_files(
    long_brief: Brief, long_analysis: Analysis, tmp_path: Path
) -> None:
    cells = check_parity(long_brief, tmp_path)
    sources = [s for s in long_brief.slides if s.title.startswith("Sources")]
    assert len(sources) >= 2, "30 sources with wrapped cells take more than one slide"
    assert [s.title for s in sources] == [
        f"Sources ({i} of {len(sources)})" for i in range(1, len(sources) + 1)
    ]
    shown = [row[0] for s in sources for row in s.rows[1:]]
    assert sorted(shown) == sorted({a.source for a in long_analysis.articles})  # each once
    assert all(s.rows[0] == sources[0].rows[0] for s in sources)  # the header on each
    assert cells >= 5 * 31


@needs_pdftotext
def test_seeds_pack_has_the_same_text_in_both_files(brief: Brief, tmp_path: Path) -> None:
    assert check_parity(brief, tmp_path) > 0


def test_every_table_page_fits_its_box(long_brief: Brief, long_analysis: Analysis) -> None:
    _, _, width, height = table_box()
    tables = [s for s in long_brief.slides if s.kind == "table"]
    assert len(tables) >= 4
    for slide in tables:
        heights = row_heights(slide.rows, slide.widths, width * 72)
        assert sum(heights) <= height * 72, slide.title
    reports = [
        row[0] for s in tables if s.title.startswith("Duplicate content") for row in s.rows[1:]
    ]
    n = len(long_analysis.duplicates.independent_reports)
    assert reports == [
        f"Report {k}" for k, _ in reports_by_size(long_analysis.duplicates.independent_reports)
    ]
    assert len(reports) == n and n > 12  # more than the old one-slide cap


def test_a_row_too_tall_for_a_page_is_shortened_visibly_not_dropped() -> None:
    _, _, width, height = table_box()
    header = ("a", "b")
    huge = ("x", " ".join(f"word{i}" for i in range(3000)))
    pages = table_pages(
        [header, ("first", "row"), huge, ("last", "row")], (0.2, 0.8), width * 72, height * 72
    )
    rows = [r for page in pages for r in page[1:]]
    assert [r[0] for r in rows] == ["first", "x", "last"]
    cut = rows[1][1]
    assert cut.endswith("…") and cut.startswith("word0 word1")
    for page in pages:
        assert page[0] == header
        assert sum(row_heights(page, (0.2, 0.8), width * 72)) <= height * 72


def test_the_pdf_raises_rather_than_drop_a_table_that_does_not_fit(seeds: Analysis) -> None:
    """A table slide the model did not split (here built by hand) is an error, never a
    blank page."""
    brief = build_brief(seeds)
    rows = (("n", "text"), *((str(i), f"row {i}") for i in range(80)))
    slide = Slide("table", "Too long", ("note",), rows=rows, widths=(0.2, 0.8))
    bad = Brief(**{**{f: getattr(brief, f) for f in Brief.__slots__}, "slides": (slide,)})  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="does not fit"):
        write_pdf(bad, images=[None])
