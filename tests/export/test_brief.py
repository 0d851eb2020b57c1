"""natojp.export.brief: slides worded from the data (the files: test_pdf, test_pptx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from natojp import Analysis, analyze
from natojp.errors import ExportError
from natojp.export.brief import MAX_SOURCES_SHOWN, build_brief, write_brief
from natojp.export.deck import Brief
from tests import SEEDS
from tests.export import needs_chromium

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
    (tmp_path / "only.txt").write_bytes((SEEDS / "002_562edc6b6e8a2061.txt").read_bytes())
    small = build_brief(analyze([tmp_path]))
    by_title = {s.title: s for s in small.slides}
    assert by_title["How alike the sources are"].lines[0] == "Only one source: nothing to compare."
    assert "How alike the articles are" not in by_title
    assert all(len(s.lines) == 2 for s in small.charts)


def test_many_sources_keep_the_source_charts_small(tmp_path: Path) -> None:
    """30 unattributed articles (each its own source): the area heatmap shows the 25
    sources with most articles, and there is no source-similarity slide."""
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


@pytest.mark.browser
@needs_chromium
def test_write_brief_chooses_the_format_from_the_suffix(seeds: Analysis, tmp_path: Path) -> None:
    pdf = write_brief(seeds, tmp_path / "out" / "brief.pdf")
    pptx = write_brief(seeds, tmp_path / "out" / "brief.pptx")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pptx.read_bytes().startswith(b"PK")  # a zip: Office Open XML
