"""The briefing pack assembled: :func:`build_brief` turns an
:class:`~natojp.analysis.Analysis` into a :class:`~natojp.export.deck.Brief` of slides.

A title slide (the pack's title and subtitle, numbers of articles and of independent
reports, date and corpus hash), the key findings, one slide per key chart with a
two-line finding in plain words (and a table of the most cited events when the event
chart cannot label them all), the duplicate / independent-report summary, the list of
sources and a method slide (how each figure was computed, corpus hash, natojp version).
Every number comes from :mod:`natojp.selection` (which rows, sources and reports a slide
shows) and every sentence from :mod:`natojp.findings`; this module only puts them on
slides.

The title and subtitle are the analyst's (:class:`~natojp.export.deck.BriefOptions`), else
worded by :func:`default_title` and :func:`default_subtitle`.

Tables are split into continuation slides ("Sources (2 of 3)") measured with
:func:`natojp.export.typeset.table_pages`, so that every row is on a page in both the PDF
and the PowerPoint deck. Lists are still capped at :data:`MAX_TABLE_ROWS` rows (the
report JSON has everything); a capped list says how many rows it leaves out.

:func:`render_charts` renders the charts once, server-side, with
:func:`natojp.export.images.export_image` (so a Chromium is needed), each laid out by
:func:`natojp.export.images.pack_figure` to fill its slide's chart area;
:func:`write_brief` writes the pack as PDF (:mod:`natojp.export.pdf`) or PowerPoint
(:mod:`natojp.export.pptx`).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from natojp import charts
from natojp._dates import PartialDate, month_name
from natojp._wording import corpus_display_name, generic_name, join, plural, prose_list, short
from natojp.analysis import Analysis
from natojp.charts.timeline import period_text
from natojp.errors import ExportError
from natojp.export.deck import (
    PACK_HEIGHT,
    PACK_SCALE,
    PACK_WIDTH,
    Brief,
    BriefOptions,
    Slide,
    table_box,
)
from natojp.export.images import briefing_caption, export_image, pack_figure, source_line
from natojp.export.provenance import corroboration_slides, provenance_slide
from natojp.export.typeset import table_pages
from natojp.findings import (
    areas_by_source_finding,
    article_similarity_finding,
    coverage_finding,
    duplicates_finding,
    events_finding,
    outlet_of,
    publication_finding,
    reports_finding,
    source_similarity_finding,
)
from natojp.labels import article_labels
from natojp.report import natojp_version
from natojp.selection import (
    across_articles,
    area_scores_by_source,
    articles_by_source,
    capped,
    date_span,
    largest_sources_rows,
    mentioned_events,
    rank_sources,
    reports_by_size,
    similarity_pairs,
    similarity_subset,
    sources_per_area,
)
from natojp.similarity import cluster_order
from natojp.timeline import Event, story_period
from natojp.timeline.period import within

__all__ = [
    "EVENT_LABELS",
    "MAX_ARTICLE_SIMILARITY",
    "MAX_EVENT_ROWS",
    "MAX_REPORT_MEMBERS",
    "MAX_SOURCES_SHOWN",
    "MAX_TABLE_ROWS",
    "build_brief",
    "default_subtitle",
    "default_title",
    "main_topic",
    "render_charts",
    "slide_images",
    "write_brief",
]

MAX_TABLE_ROWS = 40
"""Rows of a table, over as many continuation slides as they take; more are counted in a
last row."""

MAX_REPORT_MEMBERS = 6
"""Articles listed in one row of the independent-reports table; more are counted."""

EVENT_LABELS = 6
"""Events labelled on the event chart (the most cited); with more events, a table of the
:data:`MAX_EVENT_ROWS` most cited follows the chart."""

MAX_EVENT_ROWS = 15
"""Rows of the table of the most cited events."""

MAX_OUTSIDE_ROWS = 10
"""Rows of the table of the most cited events outside the story period (one page)."""

MAX_ARTICLE_SIMILARITY = 30
"""The article × article heatmap is included up to this many articles."""

MAX_SOURCES_SHOWN = 25
"""Rows of the source charts in large corpora: the sources with most articles. When every
article is its own source (no outlet known) and there are more, the source-similarity
slide is left out."""


# --------------------------------------------------------------------------- slides


def _chart_slides(analysis: Analysis, subtitle: str | None) -> list[Slide]:
    arts = analysis.articles
    ids = list(analysis.corpus.ids)
    labels = article_labels(arts)
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
            charts.publication_timeline(arts, subtitle=subtitle, off_story=analysis.off_story()),
        ),
        *_event_slides(analysis, subtitle, labels),
        Slide(
            "chart",
            "Duplicated passages",
            duplicates_finding(analysis),
            charts.duplicate_scores(
                analysis.duplicates.pairs,
                threshold=analysis.config.duplicates.min_score,
                labels=labels,
                subtitle=subtitle,
            ),
        ),
    ]
    return out


def _event_slides(analysis: Analysis, subtitle: str | None, labels: dict[str, str]) -> list[Slide]:
    """The event chart over the story period (:func:`natojp.timeline.story_period`, as
    on the dashboard's Timeline page), its labels on the :data:`EVENT_LABELS` most cited
    events; when it has more events a table of the most cited in the period with their
    dates and sources; and when events lie outside the period, how many and a table of
    the most cited of them (background facts, targets years ahead)."""
    events = mentioned_events(analysis.timeline.events)
    period = story_period(events)
    span = (period.start, period.end) if period is not None else None
    inside = [e for e in events if within(e, *span)] if span is not None else events
    outside = [e for e in events if span is not None and not within(e, *span)]
    lines = events_finding(analysis)
    if span is not None:
        when = period_text(span)
        lines = (
            f"{plural(len(events), 'dated event')}: {len(inside)} in the story period, "
            f"{when}; {len(outside)} outside it"
            + (", listed after the chart." if outside else "."),
            lines[1],
        )
    chart = Slide(
        "chart",
        "Events the articles mention",
        lines,
        charts.event_timeline(
            events,
            subtitle=subtitle,
            labels=EVENT_LABELS,
            label_width=40,
            label_size=13,
            article_names=labels,
            period=span,
        ),
    )
    slides = [chart]
    if len(inside) > EVENT_LABELS:
        in_period = f" in the story period {period_text(span)}" if span is not None else ""
        rows, more = _event_rows(analysis, inside)
        what = (
            f"the {len(inside) - more} events{in_period} reported by most articles, of "
            f"{len(inside)}, by date"
            if more
            else f"all {len(inside)} events{in_period}, by date"
        )
        slides.append(
            Slide(
                "table",
                "Events the articles mention: dates and sources",
                (f"{what[0].upper()}{what[1:]}; the chart labels the {EVENT_LABELS} most cited.",),
                rows=(_EVENT_HEADER, *rows),
                widths=_EVENT_WIDTHS,
            )
        )
    if outside and span is not None:
        rows, more = _event_rows(analysis, outside, MAX_OUTSIDE_ROWS)
        shown = (
            f"the {len(outside) - more} reported by most articles, by date"
            if more
            else "all of them, by date"
        )
        slides.append(
            Slide(
                "table",
                "Events outside the story period",
                (
                    f"{plural(len(outside), 'event')} outside the story period "
                    f"{period_text(span)}, not drawn on the chart: {shown}.",
                ),
                rows=(_EVENT_HEADER, *rows),
                widths=_EVENT_WIDTHS,
            )
        )
    return slides


_EVENT_HEADER = ("date", "event", "articles", "reported by")
_EVENT_WIDTHS = (0.13, 0.55, 0.08, 0.24)


def _event_rows(
    analysis: Analysis, events: Sequence[Event], limit: int = MAX_EVENT_ROWS
) -> tuple[list[tuple[str, ...]], int]:
    """Rows for the ``limit`` of ``events`` reported by most articles (the earlier first
    among equals), by date, and a last row saying how many more there are; with that
    count."""
    order = {id(e): i for i, e in enumerate(events)}
    cited = sorted(events, key=lambda e: (-len(e.articles), order[id(e)]))
    shown = sorted(cited[:limit], key=lambda e: order[id(e)])
    rows: list[tuple[str, ...]] = []
    for e in shown:
        outlets = list(dict.fromkeys(outlet_of(analysis, a) for a in e.articles))
        rows.append(
            (_when(e.date), short(e.label, 160), str(len(e.articles)), prose_list(outlets, 4))
        )
    more = len(events) - len(shown)
    if more:
        rows.append(("", f"… and {more} more events (see the report JSON)", "", ""))
    return rows, more


def _when(day: PartialDate) -> str:
    """``29 July 2025``, ``July 2025`` or ``2025``."""
    if day.month is None:
        return str(day.year)
    if day.day is None:
        return f"{month_name(day.month)} {day.year}"
    return f"{day.day} {month_name(day.month)} {day.year}"


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
    labels = analysis.article_labels()
    rows: list[tuple[str, ...]] = []
    # Reports that copy or rewrite first (largest first), so a long list shows them.
    for k, group in reports_by_size(dup.independent_reports):
        original, *others = group
        sure = all(d.certain for d in dup.dependencies if original in (d.source, d.derivative))
        members = [f"{labels[original]} ({'original' if sure else 'first, not certain'})"]
        how = []
        left_out = others[MAX_REPORT_MEMBERS - 1 :]
        for other in others[: MAX_REPORT_MEMBERS - 1]:
            members.append(labels[other])
            d = deps.get(other)
            if d is not None:
                said = d.says(
                    labels[other],
                    labels.get(d.source, d.source),
                    labels.get(d.via, d.via) if d.via else None,
                )
                how.append(
                    f"{said}: {plural(d.shared_passages, 'passage')}, {d.coverage:.0%} of its words"
                )
            else:
                how.append(f"{labels[other]} shares passages with the original")
        if left_out:
            members.append(f"… and {plural(len(left_out), 'more article')}")
            how.append(f"{plural(len(left_out), 'more article')} (see the report JSON)")
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
    labels = analysis.article_labels()
    rows: list[tuple[str, ...]] = []
    for source, arts in by_source.items():
        span = date_span(arts)
        when = (span[0] if span[0] == span[1] else f"{span[0]} to {span[1]}") if span else ""
        first = arts[0]
        title = short(first.title or labels[first.id], 90)
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
            f"{analysis.corpus.citation.capitalize()} · analysed {analysis.analyzed_at} · "
            f"natojp {version}.",
        ),
    )


def _paged(slide: Slide) -> list[Slide]:
    """A table slide split into the pages its rows take ("Sources (2 of 3)"), each
    starting with the header row; any other slide as it is."""
    if slide.kind != "table" or len(slide.rows) <= 1:
        return [slide]
    _, _, width, height = table_box()
    pages = table_pages(slide.rows, slide.widths, width * 72, height * 72)
    if len(pages) == 1:
        return [slide]
    return [
        Slide(
            "table",
            f"{slide.title} ({i} of {len(pages)})",
            slide.lines,
            rows=tuple(rows),
            widths=slide.widths,
        )
        for i, rows in enumerate(pages, 1)
    ]


# --------------------------------------------------------------------------- title

_TITLE_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")


def main_topic(titles: Sequence[str]) -> str | None:
    """What most ``titles`` name: the names and acronyms found in at least half of them
    (at least two), at most three, most frequent first, e.g. ``Japan and NATO``; ``None``
    when there is none.

    A name is a capitalised word that is not a stop word and is capitalised somewhere
    other than at the start of a title (headlines capitalise their first word), or an
    acronym.
    """
    from natojp._stop_words import ENGLISH_STOP_WORDS

    titles = [t for t in titles if t.strip()]
    seen: Counter[str] = Counter()
    first: dict[str, tuple[int, str]] = {}
    named: set[str] = set()  # capitalised inside a title, or an acronym
    position = 0
    for title in titles:
        keys = set()
        for n, word in enumerate(_TITLE_WORD.findall(title)):
            word = re.sub(r"['’]s$", "", word).strip("'’.-&")
            key = word.casefold()
            position += 1
            if len(word) < 2 or not word[0].isupper() or key in ENGLISH_STOP_WORDS:
                continue
            if n or word.isupper():
                named.add(key)
            keys.add(key)
            first.setdefault(key, (position, word))
        seen.update(keys)
    least = max(2, (len(titles) + 1) // 2)
    common = [k for k, count in seen.items() if count >= least and k in named]
    if not common:
        return None
    common.sort(key=lambda k: (-seen[k], first[k][0]))
    return prose_list([first[k][1] for k in common[:3]])


def publication_period(analysis: Analysis) -> str | None:
    """The publication dates of the articles in words: ``29 July – 1 November 2025``;
    articles flagged off the main story (:mod:`natojp.relevance`) do not stretch it.
    Made once per analysis (a kept one holds it)."""
    return analysis.derived("publication_period", lambda: _period(analysis))


def _period(analysis: Analysis) -> str | None:
    off = set(analysis.relevance.off_topic)
    heads = analysis.heads()
    dated = [a.published for a in heads if a.published is not None]
    on_story = [a.published for a in heads if a.published and a.id not in off]
    days = sorted(on_story or dated, key=lambda d: (d.start(), d.iso()))
    if not days:
        return None
    first, last = _when(days[0]), _when(days[-1])
    if first == last:
        return first
    if days[0].year == days[-1].year and days[0].month is not None:
        first = first.removesuffix(f" {days[0].year}")
    return f"{first} – {last}"


def default_title(analysis: Analysis) -> str:
    """The pack's title when the analyst sets none: ``Coverage brief: <corpus name>``; when
    the name is a generic folder name (``corpus``, ``seeds``, ``data``, ``upload``, …),
    the corpus's main topic from its titles (``Coverage brief: Japan and NATO``), else the
    publication period (``Coverage brief, July – November 2025``), else just
    ``Coverage brief``."""
    name = analysis.corpus.name
    if not generic_name(name):
        return f"Coverage brief: {corpus_display_name(name)}"
    topic = main_topic([a.title or "" for a in analysis.heads()])
    if topic:
        return f"Coverage brief: {topic}"
    period = publication_period(analysis)
    return f"Coverage brief, {period}" if period else "Coverage brief"


def default_subtitle(analysis: Analysis, title: str) -> str:
    """The pack's subtitle when the analyst sets none: the publication period and a
    telling corpus name, each unless ``title`` says it already (the title slide names
    the corpus in any case)."""
    name = corpus_display_name(analysis.corpus.name)
    period = publication_period(analysis)
    telling = not generic_name(analysis.corpus.name) and name not in title
    return join(
        f"Articles published {period}" if period and period not in title else None,
        f"corpus “{name}”" if telling else None,
    )


def build_brief(analysis: Analysis, options: BriefOptions | None = None) -> Brief:
    """The slides of the briefing pack for ``analysis``, worded from its data; its title
    and subtitle from ``options`` (defaults: :func:`default_title`,
    :func:`default_subtitle`; an empty subtitle is none)."""
    options = options or BriefOptions()
    version = natojp_version()
    corpus = analysis.corpus
    n = len(corpus.articles)
    reports = len(analysis.duplicates.independent_reports)
    sources = len(rank_sources(corpus.articles))
    day = analysis.analyzed_at[:10]
    caption = briefing_caption(corpus.name, n, analysis.analyzed_at)
    source = source_line(version, corpus.citation)
    title_text = " ".join((options.title or "").split()) or default_title(analysis)
    subtitle = (
        default_subtitle(analysis, title_text)
        if options.subtitle is None
        else " ".join(options.subtitle.split())
    )
    title = Slide(
        "title",
        title_text,
        (
            f"{plural(n, 'article')} from {plural(sources, 'source')} → "
            f"{plural(reports, 'independent report')}",
            f"Corpus {corpus.name} · analysed {day} with natojp {version} · {corpus.citation}",
        ),
    )
    key = Slide("text", "Key findings", tuple(analysis.findings()[:7]))
    slides = [
        title,
        key,
        *_chart_slides(analysis, None),
        _reports_slide(analysis),
        provenance_slide(analysis, article_labels(corpus.articles), _table),
        *corroboration_slides(analysis, None, article_labels(corpus.articles), _table),
        _sources_slide(analysis),
        _method_slide(analysis, version),
    ]
    return Brief(
        title=title_text,
        subtitle=subtitle,
        corpus=corpus.name,
        analyzed_on=day,
        articles=n,
        reports=reports,
        sources=sources,
        fingerprint=corpus.fingerprint,
        version=version,
        citation=corpus.citation,
        caption=caption,
        source=source,
        slides=tuple(page for slide in slides for page in _paged(slide)),
    )


def render_charts(brief: Brief, *, scale: float = PACK_SCALE) -> list[bytes | None]:
    """PNG bytes of each slide's chart (``None`` for slides without one), rendered once,
    each filling its slide's chart area (:func:`~natojp.export.images.pack_figure`)."""
    return [
        export_image(
            pack_figure(s.figure, width=PACK_WIDTH, height=PACK_HEIGHT),
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


def write_brief(
    analysis: Analysis, out: str | os.PathLike[str], options: BriefOptions | None = None
) -> Path:
    """Build the brief (title and subtitle from ``options``) and write it as PDF or PPTX,
    chosen by the suffix of ``out``."""
    # The writers import slide_images from here: imported when needed, not at the top.
    from natojp.export.pdf import write_pdf
    from natojp.export.pptx import write_pptx

    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in {".pdf", ".pptx"}:
        raise ExportError(f"the briefing pack is written as .pdf or .pptx, not {suffix or path}")
    brief = build_brief(analysis, options)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        write_pdf(brief, path)
    else:
        write_pptx(brief, path)
    return path
