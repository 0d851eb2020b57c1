"""The briefing pack assembled: :func:`build_brief` turns an
:class:`~natojp.analysis.Analysis` into a :class:`~natojp.export.deck.Brief` of slides.

A title slide (corpus, date, numbers of articles and of independent reports), the key
findings, one slide per key chart with a two-line finding in plain words, the
duplicate / independent-report summary, the list of sources and a method slide (how
each figure was computed, corpus hash, natojp version). Every number comes from
:mod:`natojp.selection` (which rows, sources and reports a slide shows) and every
sentence from :mod:`natojp.findings`; this module only puts them on slides.

:func:`render_charts` renders the charts once, server-side, with
:func:`natojp.export.images.export_image` (so a Chromium is needed);
:func:`write_brief` writes the pack as PDF (:mod:`natojp.export.pdf`) or PowerPoint
(:mod:`natojp.export.pptx`).

Lists are capped so that every slide fits its page (the report JSON has everything);
a capped list says how many rows it leaves out.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from natojp import charts
from natojp._wording import join, plural, short
from natojp.analysis import Analysis
from natojp.errors import ExportError
from natojp.export.deck import PACK_HEIGHT, PACK_SCALE, PACK_WIDTH, Brief, Slide
from natojp.export.images import briefing_caption, briefing_figure, export_image, source_line
from natojp.findings import (
    areas_by_source_finding,
    article_label,
    article_similarity_finding,
    coverage_finding,
    duplicates_finding,
    events_finding,
    findings,
    outlet_of,
    publication_finding,
    reports_finding,
    source_similarity_finding,
)
from natojp.report import natojp_version
from natojp.selection import (
    across_articles,
    area_scores_by_source,
    articles_by_source,
    capped,
    date_span,
    largest_sources_rows,
    rank_sources,
    reports_by_size,
    similarity_pairs,
    similarity_subset,
    sources_per_area,
)
from natojp.similarity import cluster_order

__all__ = [
    "MAX_ARTICLE_SIMILARITY",
    "MAX_SOURCES_SHOWN",
    "MAX_TABLE_ROWS",
    "build_brief",
    "render_charts",
    "slide_images",
    "write_brief",
]

MAX_TABLE_ROWS = 12
"""Rows of a table slide; more are counted in a last row."""

MAX_ARTICLE_SIMILARITY = 30
"""The article × article heatmap is included up to this many articles."""

MAX_SOURCES_SHOWN = 25
"""Rows of the source charts in large corpora: the sources with most articles. When every
article is its own source (no outlet known) and there are more, the source-similarity
slide is left out."""


# --------------------------------------------------------------------------- slides


def _chart_slides(analysis: Analysis, subtitle: str) -> list[Slide]:
    arts = analysis.articles
    ids = list(analysis.corpus.ids)
    labels = {a.id: article_label(a) for a in arts}
    area_labels = {a.id: a.label for a in analysis.tech.areas}
    by_source = area_scores_by_source(analysis.tech.scores, arts)
    n_sources = by_source.shape[0]
    # Large corpora: the sources with most articles (ties: first seen) in the source charts;
    # in the area heatmap, among equally large sources those mentioning areas most.
    ranking = rank_sources(arts)
    few = len(ranking) > MAX_SOURCES_SHOWN
    source_note = f"the {MAX_SOURCES_SHOWN} sources with most articles" if few else None
    shown_scores = largest_sources_rows(by_source, ranking, MAX_SOURCES_SHOWN)
    src = similarity_subset(analysis.sources, ranking.top(MAX_SOURCES_SHOWN))
    out = [
        Slide(
            "chart",
            "Independent reports",
            reports_finding(analysis),
            charts.dependency_graph(
                ids,
                analysis.duplicates.dependencies,
                analysis.duplicates.independent_reports,
                labels,
                subtitle=subtitle,
            ),
        ),
        Slide(
            "chart",
            "Technology areas: how many sources cover each",
            coverage_finding(sources_per_area(by_source, area_labels), n_sources),
            charts.area_coverage_bar(by_source, area_labels=area_labels, subtitle=subtitle),
        ),
        Slide(
            "chart",
            "Technology areas by source",
            areas_by_source_finding(analysis, n_sources),
            charts.area_heatmap(
                shown_scores,
                area_labels=area_labels,
                subtitle=join(subtitle, source_note and f"{source_note}, then mentions"),
            ),
        ),
    ]
    if not (few and ranking.one_article_each):  # else every article is its own (unknown) source
        out.append(
            Slide(
                "chart",
                "How alike the sources are",
                source_similarity_finding(similarity_pairs(src)),
                charts.source_similarity_heatmap(src, subtitle=join(subtitle, source_note)),
            )
        )
    matrix = analysis.similarity.matrix
    if matrix is not None and 2 <= len(ids) <= MAX_ARTICLE_SIMILARITY:
        frame = analysis.similarity.frame()
        out.append(
            Slide(
                "chart",
                "How alike the articles are",
                article_similarity_finding(analysis),
                charts.similarity_heatmap(
                    frame, labels=labels, order=cluster_order(matrix), subtitle=subtitle
                ),
            )
        )
    out += [
        Slide(
            "chart",
            "Who published when",
            publication_finding(analysis),
            charts.publication_timeline(arts, subtitle=subtitle),
        ),
        Slide(
            "chart",
            "Events the articles mention",
            events_finding(analysis),
            charts.event_timeline(analysis.timeline.events, subtitle=subtitle),
        ),
        Slide(
            "chart",
            "Duplicated passages",
            duplicates_finding(analysis),
            charts.duplicate_scores(
                analysis.duplicates.pairs,
                threshold=analysis.config.duplicates.min_score,
                subtitle=subtitle,
            ),
        ),
    ]
    return out


def _table(rows: list[tuple[str, ...]], what: str) -> list[tuple[str, ...]]:
    """``rows`` capped at :data:`MAX_TABLE_ROWS`, the last saying how many are left out."""
    shown, more = capped(rows, MAX_TABLE_ROWS)
    if not more:
        return shown
    return [
        *shown,
        (f"… and {more} more {what} (see the report JSON)",) + ("",) * (len(rows[0]) - 1),
    ]


def _reports_slide(analysis: Analysis) -> Slide:
    dup = analysis.duplicates
    deps = {d.derivative: d for d in dup.dependencies}
    rows: list[tuple[str, ...]] = []
    # Reports that copy or rewrite first (largest first), so a long list shows them.
    for k, group in reports_by_size(dup.independent_reports):
        original, *others = group
        members = [f"{short(article_label(analysis.corpus.by_id(original)), 70)} (original)"]
        how = []
        for other in others:
            members.append(short(article_label(analysis.corpus.by_id(other)), 70))
            d = deps.get(other)
            if d is not None:
                how.append(
                    f"{outlet_of(analysis, other)} {d.verb} "
                    f"{outlet_of(analysis, d.source)}: {plural(d.shared_passages, 'passage')}, "
                    f"{d.coverage:.0%} of its words"
                )
            else:
                how.append(f"{outlet_of(analysis, other)} shares passages with the original")
        rows.append(
            (f"Report {k}", "\n".join(members), "; ".join(how) if how else "single article")
        )
    across = len(across_articles(dup.pairs))
    within = len(dup.pairs) - across
    note = (
        f"{plural(len(analysis.articles), 'article')} → "
        f"{plural(len(dup.independent_reports), 'independent report')}; "
        f"{plural(across, 'duplicated passage')} across articles, {within} within one."
    )
    return Slide(
        "table",
        "Duplicate content and independent reports",
        (note,),
        rows=(("report", "articles", "how they depend"), *_table(rows, "reports")),
        widths=(0.12, 0.5, 0.38),
    )


def _sources_slide(analysis: Analysis) -> Slide:
    by_source = articles_by_source(analysis.articles)
    rows: list[tuple[str, ...]] = []
    for source, arts in by_source.items():
        span = date_span(arts)
        when = (span[0] if span[0] == span[1] else f"{span[0]} to {span[1]}") if span else ""
        first = arts[0]
        title = short(first.title or first.id, 90)
        if len(arts) > 1:
            title += f" (+{len(arts) - 1} more)"
        url = short(first.url or "", 70)
        rows.append((source, str(len(arts)), when or "undated", title, url))
    return Slide(
        "table",
        "Sources",
        (
            f"{plural(len(by_source), 'source')}, {plural(len(analysis.articles), 'article')}; "
            f"{plural(len(analysis.corpus.skipped), 'input')} skipped.",
        ),
        rows=(("source", "articles", "published", "title", "address"), *_table(rows, "sources")),
        widths=(0.18, 0.08, 0.13, 0.38, 0.23),
    )


def _method_slide(analysis: Analysis, version: str) -> Slide:
    cfg = analysis.config
    dup = cfg.duplicates
    vec = cfg.vector
    taxonomy = "default taxonomy" if cfg.taxonomy_path is None else f"taxonomy {cfg.taxonomy_path}"
    return Slide(
        "text",
        "Method",
        (
            "Cleaning: page chrome, captions, credits, related-article lists, reader comments "
            "and off-topic paragraphs are removed, each with a reason (see the report).",
            f"Similarity: TF-IDF of {vec.ngram_range[0]}- to {vec.ngram_range[1]}-word terms "
            "(sublinear counts, English stop words removed); cosine between articles, and "
            "between the mean vectors of each source's articles.",
            f"Technology areas: sentences that mention an area's terms ({taxonomy}, "
            f"{plural(len(analysis.tech.areas), 'area')}); a source covers an area when any "
            "of its articles does.",
            "Timeline: publication dates from the manifest, source metadata or the text; events "
            "are dates mentioned in the text, relative ones resolved against the publication "
            "date.",
            f"Duplicates: passages sharing {dup.min_shared_shingles}+ word "
            f"{dup.shingle_size}-grams, verified by token alignment (score = share of the "
            "shorter passage worded alike, "
            f"at least {dup.min_score:.2f}; near-verbatim from {dup.near_verbatim_score:.2f}). "
            "Articles that copy or rewrite another count as one independent report.",
            f"Corpus hash {analysis.corpus.fingerprint} · analysed {analysis.analyzed_at} · "
            f"natojp {version}.",
        ),
    )


def build_brief(analysis: Analysis) -> Brief:
    """The slides of the briefing pack for ``analysis``, worded from its data."""
    version = natojp_version()
    corpus = analysis.corpus
    n = len(corpus.articles)
    reports = len(analysis.duplicates.independent_reports)
    sources = len(rank_sources(corpus.articles))
    day = analysis.analyzed_at[:10]
    caption = briefing_caption(corpus.name, n, analysis.analyzed_at)
    source = source_line(version, corpus.fingerprint)
    title = Slide(
        "title",
        f"Coverage brief: {corpus.name}",
        (
            f"{plural(n, 'article')} from {plural(sources, 'source')} → "
            f"{plural(reports, 'independent report')}",
            f"Analysed {day} with natojp {version} · corpus hash {corpus.fingerprint}",
        ),
    )
    key = Slide("text", "Key findings", tuple(findings(analysis)[:7]))
    slides = [
        title,
        key,
        *_chart_slides(analysis, f"{corpus.name} · {plural(n, 'article')}"),
        _reports_slide(analysis),
        _sources_slide(analysis),
        _method_slide(analysis, version),
    ]
    return Brief(
        corpus=corpus.name,
        analyzed_on=day,
        articles=n,
        reports=reports,
        sources=sources,
        fingerprint=corpus.fingerprint,
        version=version,
        caption=caption,
        source=source,
        slides=tuple(slides),
    )


def render_charts(brief: Brief, *, scale: float = PACK_SCALE) -> list[bytes | None]:
    """PNG bytes of each slide's chart (``None`` for slides without one), rendered once."""
    return [
        export_image(
            briefing_figure(
                s.figure,
                caption=brief.caption,
                source=brief.source,
                width=PACK_WIDTH,
                height=PACK_HEIGHT,
            ),
            "png",
            PACK_WIDTH,
            PACK_HEIGHT,
            scale,
        )
        if s.figure is not None
        else None
        for s in brief.slides
    ]


def slide_images(brief: Brief, images: Sequence[bytes | None] | None) -> Sequence[bytes | None]:
    """``images`` (one PNG or ``None`` per slide) checked against ``brief``; rendered
    with :func:`render_charts` when ``None``."""
    images = render_charts(brief) if images is None else images
    if len(images) != len(brief.slides):
        raise ValueError("one image (or None) per slide expected")
    return images


def write_brief(analysis: Analysis, out: str | os.PathLike[str]) -> Path:
    """Build the brief and write it as PDF or PPTX, chosen by the suffix of ``out``."""
    # The writers import slide_images from here: imported when needed, not at the top.
    from natojp.export.pdf import write_pdf
    from natojp.export.pptx import write_pptx

    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in {".pdf", ".pptx"}:
        raise ExportError(f"the briefing pack is written as .pdf or .pptx, not {suffix or path}")
    brief = build_brief(analysis)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        write_pdf(brief, path)
    else:
        write_pptx(brief, path)
    return path
