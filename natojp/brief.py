"""The briefing pack: a PDF and a PowerPoint deck summarising one analysis.

:func:`build_brief` turns an :class:`~natojp.analysis.Analysis` into a :class:`Brief`,
a list of slides, each computed from the data: a title slide (corpus, date, numbers
of articles and of independent reports), the key findings, one slide per key chart
with a two-line finding in plain words, the duplicate / independent-report summary,
the list of sources and a method slide (how each figure was computed, corpus hash,
natojp version). :func:`write_pdf` (ReportLab) and :func:`write_pptx` (python-pptx)
lay the same slides out on 16:9 pages; the charts are rendered once, server-side, by
:func:`natojp.export.export_image` (so a Chromium is needed).

Lists are capped so that every slide fits its page (the report JSON has everything);
a capped list says how many rows it leaves out.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go

from natojp import charts
from natojp.analysis import Analysis
from natojp.errors import ExportError
from natojp.export import (
    briefing_caption,
    briefing_figure,
    export_image,
    source_line,
)
from natojp.findings import findings
from natojp.report import natojp_version
from natojp.similarity import cluster_order, sources_by_size
from natojp.taxonomy import aggregate_scores

__all__ = [
    "Brief",
    "Slide",
    "build_brief",
    "render_charts",
    "write_brief",
    "write_pdf",
    "write_pptx",
]

PACK_WIDTH, PACK_HEIGHT, PACK_SCALE = 1100, 619, 2.0
"""Layout size and PNG scale of the charts inside the pack: 16:9, 2200×1238 pixels. Smaller
than a standalone briefing image so that chart text stays legible on a page."""

MAX_TABLE_ROWS = 12
"""Rows of a table slide; more are counted in a last row."""

MAX_ARTICLE_SIMILARITY = 30
"""The article × article heatmap is included up to this many articles."""

MAX_SOURCES_SHOWN = 25
"""Rows of the source charts in large corpora: the sources with most articles. When every
article is its own source (no outlet known) and there are more, the source-similarity
slide is left out."""

SlideKind = Literal["title", "text", "chart", "table"]


@dataclass(frozen=True, slots=True)
class Slide:
    """One page of the pack.

    ``lines`` are the two-line finding of a chart slide, the bullets of a text slide,
    the sub-lines of the title slide, or a note above a table. ``rows`` of a table
    slide start with the header row.
    """

    kind: SlideKind
    title: str
    lines: tuple[str, ...] = ()
    figure: go.Figure | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths of a table


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything the pack shows, already worded; writers only lay it out."""

    corpus: str
    analyzed_on: str
    articles: int
    reports: int
    sources: int
    fingerprint: str
    version: str
    caption: str
    source: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    @property
    def charts(self) -> list[Slide]:
        return [s for s in self.slides if s.kind == "chart"]


# --------------------------------------------------------------------------- wording


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip(" ,;:-–—·") + "…"


def _list(items: Sequence[str], limit: int = 3) -> str:
    """``a, b and c`` (``a, b, c and 2 more`` beyond ``limit``)."""
    items = list(items)
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _outlet(analysis: Analysis, article_id: str) -> str:
    article = analysis.corpus.by_id(article_id)
    return article.outlet or article_id


def _article_label(analysis: Analysis, article_id: str) -> str:
    a = analysis.corpus.by_id(article_id)
    return f"{a.outlet or a.id} · {a.title or ''}".rstrip(" ·")


# --------------------------------------------------------------------------- findings


def reports_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on independent reports and who copies or rewrites whom."""
    n = len(analysis.articles)
    reports = len(analysis.duplicates.independent_reports)
    first = f"{_plural(n, 'article')} make {_plural(reports, 'independent report')}" + (
        ": every article is its own report." if reports == n else "."
    )
    deps = analysis.duplicates.dependencies
    if not deps:
        return first, "No article copies or rewrites another's prose."
    said = [
        f"{_outlet(analysis, d.derivative)} {d.verb} "
        f"{_outlet(analysis, d.source)} ({d.coverage:.0%} of its words)"
        for d in deps
    ]
    return first, _list(said, 2) + "."


def coverage_finding(by_source_scores: Sequence[tuple[str, int]], sources: int) -> tuple[str, str]:
    """Two lines on how many sources mention each area: (area label, sources) pairs."""
    if not by_source_scores or sources == 0:
        return "No technology area to report.", "The taxonomy has no areas."
    ranked = sorted(by_source_scores, key=lambda item: -item[1])
    mentioned = [(label, c) for label, c in ranked if c > 0]
    if not mentioned:
        return (
            f"None of the {_plural(sources, 'source')} mentions any technology area.",
            "Check the taxonomy terms against the corpus vocabulary.",
        )
    top = _list([f"{label} ({c} of {sources})" for label, c in mentioned[:3]], 3)
    first = f"Most covered: {top}."
    rare_count = min(c for _, c in mentioned)
    silent = [label for label, c in ranked if c == 0]
    if rare_count < sources and len(mentioned) > 1:
        rare = [label for label, c in mentioned if c == rare_count]
        verb = "mentions" if rare_count == 1 else "mention"
        second = f"Only {rare_count} of {_plural(sources, 'source')} {verb} {_list(rare, 3)}"
        second += f"; none mentions {_list(silent, 2)}." if silent else "."
    elif silent:
        second = f"No source mentions {_list(silent, 3)}."
    else:
        second = f"Every source mentions all {_plural(len(mentioned), 'area')}."
    return first, second


def source_similarity_finding(frame: list[tuple[str, str, float]]) -> tuple[str, str]:
    """Two lines from source pairs with their cosine (any order)."""
    if not frame:
        return "Only one source: nothing to compare.", "Add articles from other outlets."
    ranked = sorted(frame, key=lambda t: -t[2])
    a, b, high = ranked[0]
    c, d, low = ranked[-1]
    mean = sum(s for _, _, s in ranked) / len(ranked)
    return (
        f"Most alike: {a} and {b} (cosine {high:.2f}); least alike: {c} and {d} ({low:.2f}).",
        f"Mean cosine over {_plural(len(ranked), 'source pair')}: {mean:.2f} "
        f"(1 = same wording, 0 = no words in common).",
    )


def publication_finding(analysis: Analysis) -> tuple[str, str]:
    dated = [a for a in analysis.articles if a.published is not None]
    undated = len(analysis.articles) - len(dated)
    if not dated:
        return (
            f"None of the {_plural(len(analysis.articles), 'article')} carries a publication date.",
            "Add dates in a manifest.toml to place them on the timeline.",
        )
    ordered = sorted(dated, key=lambda a: (a.published.start() if a.published else 0, a.id))
    first, last = ordered[0], ordered[-1]
    assert first.published is not None and last.published is not None
    outlets = len({a.source for a in dated})
    line1 = (
        f"{_plural(len(dated), 'article')} from {_plural(outlets, 'outlet')} published "
        f"between {first.published.iso()} and {last.published.iso()}."
    )
    line2 = f"First: {first.outlet or first.id} ({first.published.iso()})"
    line2 += f"; {undated} undated." if undated else "; every article is dated."
    return line1, line2


def events_finding(analysis: Analysis) -> tuple[str, str]:
    events = [
        e for e in analysis.timeline.events if any(m.kind != "publication" for m in e.mentions)
    ]
    if not events:
        return "The articles mention no dated events.", "Only publication dates are known."
    cited = max(events, key=lambda e: (len(e.articles), -events.index(e)))
    return (
        f"{_plural(len(events), 'dated event')} from {events[0].date.iso()} to "
        f"{events[-1].date.iso()}.",
        f"Most cited: “{_short(cited.label, 70)}” ({cited.date.iso()}, "
        f"{_plural(len(cited.articles), 'article')}).",
    )


def duplicates_finding(analysis: Analysis) -> tuple[str, str]:
    across = [p for p in analysis.duplicates.pairs if p.scope == "across"]
    within = len(analysis.duplicates.pairs) - len(across)
    if not across:
        extra = f" ({_plural(within, 'passage')} repeated within an article)" if within else ""
        return "No passage appears in more than one article" + extra + ".", (
            "Each article's wording is its own."
        )
    kinds = Counter(p.kind for p in across)
    kinds_text = _list([f"{c} {k}" for k, c in kinds.most_common()], 4)
    best = max(across, key=lambda p: p.score)
    quotes = sum(p.quote for p in across)
    return (
        f"{_plural(len(across), 'passage')} appear in more than one article: {kinds_text}.",
        f"{quotes} of them are quotations; the closest pair scores {best.score:.2f} "
        f"({_outlet(analysis, best.a)} and {_outlet(analysis, best.b)}).",
    )


def article_similarity_finding(analysis: Analysis) -> tuple[str, str]:
    pairs = analysis.similarity.most_similar_pairs(len(analysis.articles) ** 2)
    if not pairs:
        return "Only one article: nothing to compare.", ""
    a, b, score = pairs[0]
    _, _, low = pairs[-1]
    return (
        f"Most similar articles: {_outlet(analysis, a)} and {_outlet(analysis, b)} "
        f"(cosine {score:.2f}).",
        f"Other pairs range down to {low:.2f}; the heatmap is ordered so similar articles "
        "sit together.",
    )


# --------------------------------------------------------------------------- slides


def _chart_slides(analysis: Analysis, subtitle: str) -> list[Slide]:
    arts = analysis.articles
    ids = list(analysis.corpus.ids)
    labels = {a.id: _article_label(analysis, a.id) for a in arts}
    area_labels = {a.id: a.label for a in analysis.tech.areas}
    by_source = aggregate_scores(analysis.tech.scores, {a.id: a.source for a in arts})
    by_source.index.name = "source"
    n_sources = by_source.shape[0]
    coverage = [
        (area_labels.get(str(c), str(c)), int((by_source[c] > 0).sum())) for c in by_source.columns
    ]
    # Large corpora: the sources with most articles (ties: first seen) in the source charts.
    by_size = sources_by_size([a.source for a in arts])
    top = {source for source, _ in by_size[:MAX_SOURCES_SHOWN]}
    few = len(by_size) > MAX_SOURCES_SHOWN
    source_note = f"the {MAX_SOURCES_SHOWN} sources with most articles" if few else None
    # The area heatmap: among equally large sources, those mentioning areas most.
    size = dict(by_size)
    names = [str(x) for x in by_source.index]
    mentions = [float(m) for m in by_source.sum(axis=1).tolist()]
    ranked = sorted(range(len(names)), key=lambda i: (-size.get(names[i], 0), -mentions[i], i))
    shown_scores = by_source.iloc[sorted(ranked[:MAX_SOURCES_SHOWN])]
    src = analysis.sources
    src = src.loc[[s for s in src.index if s in top], [s for s in src.columns if s in top]]
    values = src.to_numpy(dtype=float)
    src_pairs = [
        (str(src.index[i]), str(src.index[j]), float(values[i, j]))
        for i in range(src.shape[0])
        for j in range(i + 1, src.shape[0])
    ]
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
            coverage_finding(coverage, n_sources),
            charts.area_coverage_bar(by_source, area_labels=area_labels, subtitle=subtitle),
        ),
        Slide(
            "chart",
            "Technology areas by source",
            (
                "Sentences of each source that mention each area (blank: none).",
                f"{_plural(len(area_labels), 'area')} of the "
                f"{'default' if analysis.config.taxonomy_path is None else 'given'} taxonomy; "
                f"{_plural(n_sources, 'source')}.",
            ),
            charts.area_heatmap(
                shown_scores,
                area_labels=area_labels,
                subtitle=_join(subtitle, source_note and f"{source_note}, then mentions"),
            ),
        ),
    ]
    if not (few and by_size[0][1] == 1):  # else every article is its own (unknown) source
        out.append(
            Slide(
                "chart",
                "How alike the sources are",
                source_similarity_finding(src_pairs),
                charts.source_similarity_heatmap(src, subtitle=_join(subtitle, source_note)),
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


def _capped(rows: list[tuple[str, ...]], what: str) -> list[tuple[str, ...]]:
    if len(rows) <= MAX_TABLE_ROWS:
        return rows
    more = len(rows) - (MAX_TABLE_ROWS - 1)
    width = len(rows[0])
    return [
        *rows[: MAX_TABLE_ROWS - 1],
        (f"… and {more} more {what} (see the report JSON)",) + ("",) * (width - 1),
    ]


def _reports_slide(analysis: Analysis) -> Slide:
    dup = analysis.duplicates
    deps = {d.derivative: d for d in dup.dependencies}
    rows: list[tuple[str, ...]] = []
    # Reports that copy or rewrite first (largest first), so a long list shows them.
    ranked = sorted(enumerate(dup.independent_reports, 1), key=lambda kg: (-len(kg[1]), kg[0]))
    for k, group in ranked:
        original, *others = group
        members = [f"{_short(_article_label(analysis, original), 70)} (original)"]
        how = []
        for other in others:
            members.append(_short(_article_label(analysis, other), 70))
            d = deps.get(other)
            if d is not None:
                how.append(
                    f"{_outlet(analysis, other)} {d.verb} "
                    f"{_outlet(analysis, d.source)}: {_plural(d.shared_passages, 'passage')}, "
                    f"{d.coverage:.0%} of its words"
                )
            else:
                how.append(f"{_outlet(analysis, other)} shares passages with the original")
        rows.append(
            (f"Report {k}", "\n".join(members), "; ".join(how) if how else "single article")
        )
    across = sum(p.scope == "across" for p in dup.pairs)
    within = len(dup.pairs) - across
    note = (
        f"{_plural(len(analysis.articles), 'article')} → "
        f"{_plural(len(dup.independent_reports), 'independent report')}; "
        f"{_plural(across, 'duplicated passage')} across articles, {within} within one."
    )
    return Slide(
        "table",
        "Duplicate content and independent reports",
        (note,),
        rows=(("report", "articles", "how they depend"), *_capped(rows, "reports")),
        widths=(0.12, 0.5, 0.38),
    )


def _sources_slide(analysis: Analysis) -> Slide:
    by_source: dict[str, list[str]] = {}
    for a in analysis.articles:
        by_source.setdefault(a.source, []).append(a.id)
    rows: list[tuple[str, ...]] = []
    for source, ids in by_source.items():
        arts = [analysis.corpus.by_id(i) for i in ids]
        dates = sorted(a.published.iso() for a in arts if a.published is not None)
        when = (
            (dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}") if dates else ""
        )
        first = arts[0]
        title = _short(first.title or first.id, 90)
        if len(arts) > 1:
            title += f" (+{len(arts) - 1} more)"
        url = _short(first.url or "", 70)
        rows.append((source, str(len(arts)), when or "undated", title, url))
    return Slide(
        "table",
        "Sources",
        (
            f"{_plural(len(by_source), 'source')}, {_plural(len(analysis.articles), 'article')}; "
            f"{_plural(len(analysis.corpus.skipped), 'input')} skipped.",
        ),
        rows=(("source", "articles", "published", "title", "address"), *_capped(rows, "sources")),
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
            f"{_plural(len(analysis.tech.areas), 'area')}); a source covers an area when any "
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
    sources = len({a.source for a in corpus.articles})
    day = analysis.analyzed_at[:10]
    caption = briefing_caption(corpus.name, n, analysis.analyzed_at)
    source = source_line(version, corpus.fingerprint)
    title = Slide(
        "title",
        f"Coverage brief: {corpus.name}",
        (
            f"{_plural(n, 'article')} from {_plural(sources, 'source')} → "
            f"{_plural(reports, 'independent report')}",
            f"Analysed {day} with natojp {version} · corpus hash {corpus.fingerprint}",
        ),
    )
    key = Slide("text", "Key findings", tuple(findings(analysis)[:7]))
    slides = [
        title,
        key,
        *_chart_slides(analysis, f"{corpus.name} · {_plural(n, 'article')}"),
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


# --------------------------------------------------------------------------- layout

# One 16:9 page, in inches; both writers use these positions.
PAGE_W, PAGE_H = 13.333, 7.5
_MARGIN = 0.5
_TITLE_TOP, _TITLE_H = 0.3, 0.7
_LINES_TOP = 1.0
_IMAGE_TOP = 1.85
_FOOT = 7.1
_INK = (0x22, 0x22, 0x22)
_GREY = (0x66, 0x66, 0x66)
_ACCENT = (0x00, 0x72, 0xB2)


def _image_box() -> tuple[float, float, float, float]:
    """Left, top, width, height of a chart image (16:9, centred)."""
    height = _FOOT - 0.1 - _IMAGE_TOP
    width = height * PACK_WIDTH / PACK_HEIGHT
    return (PAGE_W - width) / 2, _IMAGE_TOP, width, height


def _footer(brief: Brief, page: int, pages: int) -> str:
    return (
        f"natojp briefing · {brief.corpus} · {brief.articles} articles · analysed "
        f"{brief.analyzed_on} · corpus hash {brief.fingerprint} · {page}/{pages}"
    )


def _images(brief: Brief, images: Sequence[bytes | None] | None) -> Sequence[bytes | None]:
    images = render_charts(brief) if images is None else images
    if len(images) != len(brief.slides):
        raise ValueError("one image (or None) per slide expected")
    return images


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

    pics = _images(brief, images)
    regular, bold, glyphs = _pdf_fonts()
    ink, grey, accent = (Color(*(c / 255 for c in rgb)) for rgb in (_INK, _GREY, _ACCENT))
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

    body_w = PAGE_W - 2 * _MARGIN
    for number, (slide, pic) in enumerate(zip(brief.slides, pics, strict=True), 1):
        canvas.setFillColor(HexColor("#ffffff"))
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        if slide.kind == "title":
            canvas.setFillColor(accent)
            canvas.rect(0, height - 0.25 * inch, width, 0.25 * inch, stroke=0, fill=1)
            place([paragraph(slide.title, style(34, font=bold))], _MARGIN, 2.2, body_w, 1.4)
            place(
                [
                    paragraph(line, style(20 if i == 0 else 14, color=ink if i == 0 else grey))
                    for i, line in enumerate(slide.lines)
                ],
                _MARGIN,
                3.7,
                body_w,
                2.0,
            )
        else:
            canvas.setFillColor(accent)
            canvas.rect(
                _MARGIN * inch,
                height - (_TITLE_TOP + _TITLE_H) * inch,
                0.08 * inch,
                _TITLE_H * inch * 0.8,
                stroke=0,
                fill=1,
            )
            place(
                [paragraph(slide.title, style(24, font=bold))],
                _MARGIN + 0.2,
                _TITLE_TOP + 0.05,
                body_w - 0.2,
                _TITLE_H,
            )
        if slide.kind == "chart":
            place(
                [
                    paragraph(line, style(14, font=bold if i == 0 else regular))
                    for i, line in enumerate(slide.lines)
                ],
                _MARGIN,
                _LINES_TOP,
                body_w,
                0.8,
            )
            if pic is not None:
                left, top, w, h = _image_box()
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
            place(bullets, _MARGIN + 0.2, _LINES_TOP + 0.15, body_w - 0.4, _FOOT - 1.3)
        elif slide.kind == "table":
            place(
                [paragraph(line, style(14)) for line in slide.lines],
                _MARGIN,
                _LINES_TOP,
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
            place([table], _MARGIN, _LINES_TOP + 0.55, body_w, _FOOT - _LINES_TOP - 0.65)
        canvas.setFont(regular, 8)
        canvas.setFillColor(grey)
        canvas.drawString(
            _MARGIN * inch,
            (PAGE_H - _FOOT - 0.25) * inch,
            _pdf_text(_footer(brief, number, len(brief.slides)), glyphs),
        )
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data


def write_pptx(
    brief: Brief,
    out: str | os.PathLike[str] | None = None,
    *,
    images: Sequence[bytes | None] | None = None,
) -> bytes:
    """The pack as a PowerPoint deck (16:9); written to ``out`` when given."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches, Pt

    pics = _images(brief, images)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(PAGE_W), Inches(PAGE_H)
    deck.core_properties.title = f"Coverage brief: {brief.corpus}"
    deck.core_properties.author = f"natojp {brief.version}"
    deck.core_properties.subject = brief.caption
    blank = deck.slide_layouts[6]
    ink, grey, accent = (RGBColor(*c) for c in (_INK, _GREY, _ACCENT))  # type: ignore[no-untyped-call]
    body_w = PAGE_W - 2 * _MARGIN

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
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = f"• {line}" if bullets else line
            para.space_after = Pt(8 if bullets else 2)
            for run in para.runs:
                run.font.size = Pt(size)
                run.font.bold = bold or (bold_first and i == 0)
                run.font.color.rgb = color
                run.font.name = "Arial"
        return box

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
            text_box(slide, _MARGIN, 2.2, body_w, 1.4, [spec.title], 34, bold=True)
            box = text_box(slide, _MARGIN, 3.7, body_w, 2.0, spec.lines[:1], 20)
            for line in spec.lines[1:]:
                para = box.text_frame.add_paragraph()
                para.text = line
                for run in para.runs:
                    run.font.size, run.font.color.rgb, run.font.name = Pt(14), grey, "Arial"
        else:
            bar(slide, _MARGIN, _TITLE_TOP + 0.07, 0.08, _TITLE_H * 0.8)
            text_box(
                slide,
                _MARGIN + 0.2,
                _TITLE_TOP,
                body_w - 0.2,
                _TITLE_H,
                [spec.title],
                24,
                bold=True,
            )
        if spec.kind == "chart":
            text_box(slide, _MARGIN, _LINES_TOP, body_w, 0.8, spec.lines, 14, bold_first=True)
            if pic is not None:
                left, top, w, h = _image_box()
                slide.shapes.add_picture(
                    io.BytesIO(pic), Inches(left), Inches(top), Inches(w), Inches(h)
                )
        elif spec.kind == "text":
            text_box(
                slide,
                _MARGIN + 0.2,
                _LINES_TOP + 0.15,
                body_w - 0.4,
                _FOOT - 1.3,
                spec.lines,
                15,
                bullets=True,
            )
        elif spec.kind == "table":
            text_box(slide, _MARGIN, _LINES_TOP, body_w, 0.5, spec.lines, 14)
            n_rows, n_cols = len(spec.rows), len(spec.rows[0])
            shape = slide.shapes.add_table(
                n_rows,
                n_cols,
                Inches(_MARGIN),
                Inches(_LINES_TOP + 0.55),
                Inches(body_w),
                Inches(0.3 * n_rows),
            )
            table = shape.table
            for j, w in enumerate(spec.widths or [1 / n_cols] * n_cols):
                table.columns[j].width = Inches(w * body_w)
            for i, row in enumerate(spec.rows):
                for j, value in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = value
                    for para in cell.text_frame.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(10)
                            run.font.bold = i == 0
                            run.font.name = "Arial"
        text_box(
            slide,
            _MARGIN,
            _FOOT + 0.05,
            body_w,
            0.3,
            [_footer(brief, number, len(brief.slides))],
            8,
            color=grey,
        )
    buffer = io.BytesIO()
    deck.save(buffer)
    data = buffer.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data


def write_brief(analysis: Analysis, out: str | os.PathLike[str]) -> Path:
    """Build the brief and write it as PDF or PPTX, chosen by the suffix of ``out``."""
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
