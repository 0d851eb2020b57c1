"""natojp.brief: slides worded from the data, and real PDF / PowerPoint files."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageStat
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from natojp import Analysis, analyze
from natojp.brief import (
    PACK_HEIGHT,
    PACK_SCALE,
    PACK_WIDTH,
    Brief,
    build_brief,
    coverage_finding,
    render_charts,
    write_brief,
    write_pdf,
    write_pptx,
)
from natojp.errors import ExportError
from natojp.export import chromium_available

ROOT = Path(__file__).resolve().parents[1]
needs_chromium = pytest.mark.skipif(
    not chromium_available(),
    reason="no Chromium found (install chromium or set NATOJP_CHROMIUM): the pack's charts "
    "cannot be rendered",
)
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm not found (Debian: apt-get install poppler-utils): cannot render the PDF",
)


@pytest.fixture(scope="module")
def seeds() -> Analysis:
    return analyze([ROOT / "seeds"])


@pytest.fixture(scope="module")
def brief(seeds: Analysis) -> Brief:
    return build_brief(seeds)


@pytest.fixture(scope="module")
def images(brief: Brief) -> list[bytes | None]:
    if not chromium_available():
        pytest.skip("no Chromium found (install chromium or set NATOJP_CHROMIUM)")
    return render_charts(brief)


# --------------------------------------------------------------------------- wording


def test_slides_in_order_with_the_title_facts(brief: Brief, seeds: Analysis) -> None:
    kinds = [s.kind for s in brief.slides]
    assert kinds[0] == "title" and kinds[1] == "text" and kinds[-1] == "text"
    assert [s.title for s in brief.slides[-3:]] == [
        "Duplicate content and independent reports",
        "Sources",
        "Method",
    ]
    assert len(brief.charts) >= 6 and all(s.figure is not None for s in brief.charts)
    title = " ".join(brief.slides[0].lines)
    assert "5 articles from 5 sources → 4 independent reports" in title
    assert seeds.analyzed_at[:10] in title and seeds.corpus.fingerprint in title
    assert (brief.articles, brief.reports, brief.sources) == (5, 4, 5)


def test_every_chart_slide_has_a_two_line_finding(brief: Brief) -> None:
    for slide in brief.charts:
        assert len(slide.lines) == 2 and all(line.strip() for line in slide.lines), slide.title
        assert all(len(line) < 240 for line in slide.lines), slide.title


def test_findings_come_from_the_data(brief: Brief, seeds: Analysis) -> None:
    by_title = {s.title: s for s in brief.slides}
    reports = by_title["Independent reports"].lines
    assert reports[0] == "5 articles make 4 independent reports."
    dep = seeds.duplicates.dependencies[0]
    source = seeds.corpus.by_id(dep.source).outlet
    derivative = seeds.corpus.by_id(dep.derivative).outlet
    assert f"{derivative} rewrites {source}" in reports[1]
    coverage = by_title["Technology areas: how many sources cover each"].lines
    scores = seeds.tech.scores
    semis = int((scores["semiconductors"] > 0).sum())
    assert f"Only {semis} of 5 sources mention" in coverage[1]
    assert "Semiconductors" in coverage[1]


def test_coverage_finding_wording() -> None:
    counts = [("Cyber", 5), ("Space", 4), ("Semiconductors", 2), ("Quantum", 0)]
    assert coverage_finding(counts, 5) == (
        "Most covered: Cyber (5 of 5), Space (4 of 5) and Semiconductors (2 of 5).",
        "Only 2 of 5 sources mention Semiconductors; none mentions Quantum.",
    )
    assert coverage_finding([("Cyber", 3)], 3)[1] == "Every source mentions all 1 area."
    assert coverage_finding([("Cyber", 0)], 3)[0].startswith("None of the 3 sources")


def test_sources_reports_and_method_slides(brief: Brief, seeds: Analysis) -> None:
    by_title = {s.title: s for s in brief.slides}
    sources = by_title["Sources"]
    assert sources.rows[0][0] == "source"
    assert {r[0] for r in sources.rows[1:]} == {a.source for a in seeds.articles}
    reports = by_title["Duplicate content and independent reports"]
    assert len(reports.rows) == 1 + len(seeds.duplicates.independent_reports)
    method = " ".join(by_title["Method"].lines)
    assert seeds.corpus.fingerprint in method and f"natojp {brief.version}" in method
    assert "TF-IDF" in method and "4-grams" in method


def test_one_article_corpus_builds(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_bytes((ROOT / "seeds" / "002_562edc6b6e8a2061.txt").read_bytes())
    small = build_brief(analyze([tmp_path]))
    by_title = {s.title: s for s in small.slides}
    assert by_title["How alike the sources are"].lines[0] == "Only one source: nothing to compare."
    assert "How alike the articles are" not in by_title
    assert all(len(s.lines) == 2 for s in small.charts)


def test_many_sources_keep_the_source_charts_small(tmp_path: Path) -> None:
    """30 unattributed articles (each its own source): the area heatmap shows the 25
    sources with most articles, and there is no source-similarity slide."""
    from natojp.brief import MAX_SOURCES_SHOWN

    topics = ["drones", "satellites", "semiconductors", "cyber defence", "munitions"]
    for i in range(30):
        (tmp_path / f"a{i:02d}.txt").write_text(
            f"Report {i} on {topics[i % 5]}\n\nOfficials in city {i} discussed "
            f"{topics[i % 5]} and {topics[(i + 1) % 5]} with industry for the {i}th time.",
            encoding="utf-8",
        )
    many = build_brief(analyze([tmp_path]))
    by_title = {s.title: s for s in many.slides}
    assert "How alike the sources are" not in by_title
    heatmap = by_title["Technology areas by source"].figure
    assert heatmap is not None
    assert len(heatmap.data[0].y) == MAX_SOURCES_SHOWN
    assert "the 25 sources with most articles, then mentions" in heatmap.layout.title.subtitle.text
    rows = set(heatmap.data[0].y)
    mentioned = {f"(unattributed) a{i:02d}" for i in range(30)}
    assert rows <= mentioned
    assert "30 sources" in by_title["Technology areas by source"].lines[1]


def test_write_brief_needs_a_known_suffix(seeds: Analysis, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.pdf or \.pptx"):
        write_brief(seeds, tmp_path / "brief.docx")


# --------------------------------------------------------------------------- files


@needs_chromium
@needs_pdftoppm
def test_pdf_renders_one_page_per_slide_each_with_content(
    brief: Brief, images: list[bytes | None], tmp_path: Path
) -> None:
    pdf = tmp_path / "brief.pdf"
    data = write_pdf(brief, pdf, images=images)
    assert data.startswith(b"%PDF") and pdf.read_bytes() == data
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(brief.slides)
    for page, slide in zip(pages, brief.slides, strict=True):
        grey = Image.open(page).convert("L")
        stat = ImageStat.Stat(grey)
        inked = sum(grey.histogram()[:160]) / (grey.width * grey.height)
        assert stat.mean[0] > 150, f"{page.name} is dark"
        assert inked > 0.005, f"{page.name} ({slide.title}) looks empty: {inked:.2%} ink"
        if slide.kind == "chart":  # the chart's coloured marks, below the finding
            rgb = np.asarray(Image.open(page).convert("RGB"), dtype=int)
            box = rgb[int(rgb.shape[0] * 0.27) :]
            colour = (box.max(axis=2) - box.min(axis=2) > 60).mean()
            assert colour > 0.0002, f"{page.name}: no chart image? ({colour:.3%} colour)"


@needs_chromium
def test_pptx_reopens_with_the_slides_and_images(
    brief: Brief, images: list[bytes | None], tmp_path: Path
) -> None:
    out = tmp_path / "brief.pptx"
    write_pptx(brief, out, images=images)
    deck = Presentation(str(out))
    assert len(deck.slides) == len(brief.slides)
    for slide, spec in zip(deck.slides, brief.slides, strict=True):
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert spec.title in texts
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        tables = [s for s in slide.shapes if s.has_table]
        if spec.kind == "chart":
            assert all(line in texts for line in spec.lines)
            assert len(pictures) == 1, spec.title
            image = Image.open(io.BytesIO(pictures[0].image.blob))
            assert image.size == (int(PACK_WIDTH * PACK_SCALE), int(PACK_HEIGHT * PACK_SCALE))
            assert ImageStat.Stat(image.convert("L")).mean[0] > 150
        else:
            assert not pictures, spec.title
        assert bool(tables) == (spec.kind == "table"), spec.title
    assert deck.core_properties.title == f"Coverage brief: {brief.corpus}"


@needs_chromium
def test_write_brief_chooses_the_format_from_the_suffix(seeds: Analysis, tmp_path: Path) -> None:
    pdf = write_brief(seeds, tmp_path / "out" / "brief.pdf")
    pptx = write_brief(seeds, tmp_path / "out" / "brief.pptx")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pptx.read_bytes().startswith(b"PK")  # a zip: Office Open XML
