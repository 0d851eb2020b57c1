"""natojp.export.brief: slides worded from the data (the files: test_pdf, test_pptx)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from natojp import Analysis, analyze
from natojp._wording import short
from natojp.charts.timeline import period_text
from natojp.errors import ExportError
from natojp.export.brief import (
    EVENT_LABELS,
    MAX_EVENT_ROWS,
    MAX_OUTSIDE_ROWS,
    MAX_SOURCES_SHOWN,
    build_brief,
    default_subtitle,
    default_title,
    main_topic,
    write_brief,
)
from natojp.export.deck import (
    MARGIN,
    PACK_HEIGHT,
    PACK_SCALE,
    PACK_WIDTH,
    PAGE_W,
    Brief,
    BriefOptions,
    footer,
    image_box,
)
from natojp.export.images import pack_figure
from natojp.labels import article_labels
from natojp.selection import mentioned_events, most_cited
from natojp.timeline import Event, story_period
from natojp.timeline.period import within
from tests import SEEDS
from tests.export import needs_chromium
from tests.export.long_corpus import write_long_corpus

# --------------------------------------------------------------------------- wording


def test_slides_in_order_with_the_title_facts(brief: Brief, seeds: Analysis) -> None:
    kinds = [s.kind for s in brief.slides]
    assert kinds[0] == "title" and kinds[1] == "text" and kinds[-1] == "text"
    assert [s.title for s in brief.slides[-6:]] == [
        "Duplicate content and independent reports",
        "Provenance: who published each story first",
        "What is corroborated",
        "Resting on one source: to check",
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
    labels = article_labels(seeds.articles)  # outlet · short title
    assert f"{labels[dep.derivative]} rewrites {labels[dep.source]}" in reports[1]
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


# --------------------------------------------------------------------------- title


def test_title_and_subtitle_are_set_by_the_options(seeds: Analysis) -> None:
    brief = build_brief(seeds, BriefOptions(title="  NATO–Japan\ntalks ", subtitle="For the desk"))
    assert (brief.title, brief.subtitle) == ("NATO–Japan talks", "For the desk")
    assert brief.slides[0].title == "NATO–Japan talks"
    assert footer(brief, 2, 9).startswith("NATO–Japan talks · corpus seeds, 5 articles")
    assert build_brief(seeds, BriefOptions(subtitle="")).subtitle == ""  # none


def test_default_title_names_the_topic_when_the_folder_name_is_generic(seeds: Analysis) -> None:
    brief = build_brief(seeds)  # the folder is called "seeds"
    assert brief.title == default_title(seeds) == "Coverage brief: Japan and NATO"
    assert brief.subtitle == "Articles published 29 July – 1 November 2025"
    assert brief.slides[0].title == brief.title


def test_default_title_keeps_a_telling_corpus_name(tmp_path: Path) -> None:
    folder = tmp_path / "hague-summit-coverage.zip"
    folder.mkdir()
    (folder / "a.txt").write_text("Drones\n\nOfficials discussed drones at length.", "utf-8")
    named = analyze([folder])
    assert default_title(named) == "Coverage brief: hague-summit-coverage"
    assert default_subtitle(named, default_title(named)) == ""  # undated, name in the title


def test_default_title_without_topic_is_the_publication_period(tmp_path: Path) -> None:
    """Invented headlines naming different places: no topic, so the dates."""
    generic = analyze([write_long_corpus(tmp_path / "data", n=6, copies=0)])
    assert generic.corpus.name == "coverage.csv"
    assert default_title(generic) == "Coverage brief, 1 January – 16 June 2025"
    assert default_subtitle(generic, default_title(generic)) == ""  # the title has it all
    assert default_subtitle(generic, "Drones") == "Articles published 1 January – 16 June 2025"


def test_main_topic_counts_names_found_in_half_the_titles() -> None:
    assert main_topic(["Japan, NATO mulling talks", "NATO and Japan meet", "Talks go on"]) == (
        "Japan and NATO"
    )
    assert main_topic(["Partners agree in Tokyo", "Partners agree in Seoul"]) is None
    assert main_topic(["EU drones plan", "Drones for the EU", "Cyber pact"]) == "EU"
    assert main_topic(["One title only about NATO"]) is None


# --------------------------------------------------------------------------- events


STORY40 = Path(__file__).resolve().parents[1] / "fixtures" / "story40" / "articles"


@pytest.fixture(scope="module")
def story40() -> Analysis:
    return analyze([STORY40])


@pytest.fixture(scope="module")
def story40_brief(story40: Analysis) -> Brief:
    return build_brief(story40)


def _period_events(analysis: Analysis) -> tuple[str, list[Event], list[Event]]:
    """The story period in words, the mentioned events inside it and those outside."""
    events = mentioned_events(analysis.timeline.events)
    period = story_period(events)
    assert period is not None
    inside = [e for e in events if within(e, period.start, period.end)]
    outside = [e for e in events if not within(e, period.start, period.end)]
    return period_text((period.start, period.end)), inside, outside


def test_event_chart_spans_the_story_period_like_the_timeline_page(
    brief: Brief, seeds: Analysis
) -> None:
    when, inside, outside = _period_events(seeds)
    by_title = {s.title: s for s in brief.slides}
    slide = by_title["Events the articles mention"]
    chart = slide.figure
    assert chart is not None
    # The chart draws the events in the story period only, each labelled (few of them).
    assert sum(len(trace.x) for trace in chart.data) == len(inside) <= EVENT_LABELS
    assert len([t for trace in chart.data for t in trace.text if t]) == len(inside)
    assert f"{len(inside)} in the story period, {when}" in slide.lines[0]
    assert f"{len(outside)} outside it, listed after the chart." in slide.lines[0]
    assert "Events the articles mention: dates and sources" not in by_title
    table = by_title["Events outside the story period"]
    assert table.lines[0].startswith(f"{len(outside)} events outside the story period {when}")
    assert len([r for r in table.rows[1:] if r[0]]) == min(len(outside), MAX_OUTSIDE_ROWS)


def test_event_chart_labels_the_most_cited_and_tables_list_them(
    story40_brief: Brief, story40: Analysis
) -> None:
    when, inside, outside = _period_events(story40)
    assert len(inside) > EVENT_LABELS and len(outside) > MAX_OUTSIDE_ROWS
    by_title = {s.title.split(" (")[0]: s for s in story40_brief.slides}
    chart = by_title["Events the articles mention"].figure
    assert chart is not None
    assert len([t for trace in chart.data for t in trace.text if t]) == EVENT_LABELS
    assert sum(len(trace.x) for trace in chart.data) == len(inside)
    # The table of the period: split over pages, its rows joined here.
    pages = [
        s
        for s in story40_brief.slides
        if s.title.startswith("Events the articles mention: dates and sources")
    ]
    rows = [r for page in pages for r in page.rows[1:]]
    assert pages[0].rows[0] == ("date", "event", "articles", "reported by")
    assert f"in the story period {when}" in pages[0].lines[0]
    more = len(inside) - MAX_EVENT_ROWS
    assert len(rows) == min(len(inside), MAX_EVENT_ROWS) + (more > 0)
    if more > 0:
        assert rows[-1][1] == f"… and {more} more events (see the report JSON)"
    cited = most_cited(inside)
    row = next(r for r in rows if r[1] == short(cited.label, 160))
    assert row[0].endswith(str(cited.date.year)) and row[2] == str(len(cited.articles))
    # Outside the period: how many, and the most cited of them on one page.
    table = by_title["Events outside the story period"]
    assert table.title == "Events outside the story period"  # one page
    assert table.lines[0] == (
        f"{len(outside)} events outside the story period {when}, not drawn on the chart: "
        f"the {MAX_OUTSIDE_ROWS} reported by most articles, by date."
    )
    listed = table.rows[1:]
    assert len(listed) == MAX_OUTSIDE_ROWS + 1
    assert (
        listed[-1][1]
        == f"… and {len(outside) - MAX_OUTSIDE_ROWS} more events (see the report JSON)"
    )
    assert any(r[1] == short(most_cited(outside).label, 160) for r in listed)
    titles = [s.title for s in story40_brief.slides]
    assert titles.index(table.title) == titles.index(pages[-1].title) + 1


def test_a_corpus_without_dated_events_has_only_the_event_chart(tmp_path: Path) -> None:
    folder = tmp_path / "undated"
    folder.mkdir()
    (folder / "a.txt").write_text("Drones\n\nOfficials discussed drones at length.", "utf-8")
    slides = build_brief(analyze([folder])).slides
    titles = [s.title for s in slides]
    assert "Events the articles mention" in titles
    assert "Events outside the story period" not in titles


# --------------------------------------------------------------------------- charts


def test_pack_charts_fill_the_slide_with_one_caption(brief: Brief) -> None:
    left, _, width, height = image_box()
    assert left == MARGIN and width == PAGE_W - 2 * MARGIN  # margin to margin
    assert abs(PACK_WIDTH / PACK_HEIGHT - width / height) < 0.01
    assert PACK_WIDTH * PACK_SCALE / width >= 200  # pixels per inch: sharp when pasted
    for slide in brief.charts:
        assert slide.figure is not None
        fig = pack_figure(slide.figure, width=PACK_WIDTH, height=PACK_HEIGHT)
        assert (fig.layout.width, fig.layout.height) == (PACK_WIDTH, PACK_HEIGHT)
        assert not [a for a in fig.layout.annotations if a.name == "briefing-footer"]
        # No chart title (the slide has it), at most a note such as "2 undated ... not shown"
        text = fig.layout.title.text or ""
        assert "<b>" not in text and brief.corpus not in text, slide.title
        assert fig.layout.font.size >= 15


def test_story40_pack_names_articles_by_label_not_file_id() -> None:
    analysis = analyze([Path(__file__).resolve().parents[1] / "fixtures/story40/articles"])
    brief = build_brief(analysis)
    ids = [a.id for a in analysis.articles]
    texts = [t for s in brief.slides for t in (*s.lines, *(c for row in s.rows for c in row))]
    # sources without an outlet are still named "(unattributed) <id>" (Article.source)
    texts = [re.sub(r"\(unattributed\) \S+", "", t) for t in texts]
    assert not [t for t in texts for i in ids if i in t]
    labels = article_labels(analysis.articles)
    reports = [s for s in brief.slides if s.title.startswith("Duplicate content")]
    cells = "\n".join(row[1] for s in reports for row in s.rows[1:])
    assert f"{labels['03_brussels']} (original)" in cells
    assert labels["03_brussels"] != labels["36_tokyo"]  # the same AP story twice: numbered
    graph = next(s.figure for s in brief.slides if s.title == "Independent reports")
    assert graph is not None
    nodes = [t for trace in graph.data if trace.text is not None for t in trace.text]
    assert nodes and not [t for t in nodes for i in ids if i in t]


def test_an_off_topic_article_does_not_stretch_the_packs_period() -> None:
    story = analyze([Path(__file__).parents[1] / "fixtures" / "story40" / "articles"])
    assert story.relevance.off_topic == ["34_profile"]  # a namesake, ten years earlier
    assert min(a.published.start().year for a in story.articles if a.published) == 2015
    title = default_title(story)
    both = f"{title} / {default_subtitle(story, title)}"
    assert "10 April – 14 May 2025" in both and "2015" not in both


def test_the_pack_does_not_state_an_uncertain_direction_as_fact(tmp_path: Path) -> None:
    from tests.library.helpers import HARBOUR

    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(HARBOUR, encoding="utf-8")  # the same text, undated
    analysis = analyze([tmp_path])
    (dependency,) = analysis.duplicates.dependencies
    assert not dependency.certain
    brief = build_brief(analysis)
    report = next(s for s in brief.slides if s.title.startswith("Duplicate content"))
    members, how = report.rows[1][1], report.rows[1][2]
    assert "(first, not certain)" in members and "(original)" not in members
    assert "direction not certain" in how
    assert any("direction not certain" in line for line in brief.slides[1].lines)
