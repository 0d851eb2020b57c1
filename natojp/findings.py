"""Key findings of an analysis, in plain words, computed from the data.

:func:`findings` (the dashboard's Overview and the briefing pack's key findings) lists
the most important sentences of a whole analysis; the ``*_finding`` functions word the
two lines each chart slide of the briefing pack shows. Each finding is a sentence an
analyst can paste; the numbers come from the analysis and :mod:`natojp.selection`, and
nothing here is hard-coded to a corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from natojp._wording import plural, prose_list, short
from natojp.analysis import Analysis
from natojp.duplicates import Dependency
from natojp.labels import article_label as _label
from natojp.models import Article, on_story
from natojp.selection import (
    Attribution,
    across_articles,
    attribution,
    dated_articles,
    mentioned_events,
    most_cited,
)
from natojp.taxonomy import TechAreaResult


def _names(ids: list[str], analysis: Analysis) -> str:
    """The labels of the articles ``ids`` (:func:`natojp.labels.article_labels` of the
    whole corpus, so that each reads as everywhere else): ``A and B``, or ``A; B; C``
    (labels may hold commas)."""
    labels = analysis.article_labels()
    names = [labels.get(i, i) for i in ids]
    return " and ".join(names) if len(names) == 2 else "; ".join(names)


def _label_of(analysis: Analysis, article_id: str) -> str:
    return _names([article_id], analysis)


def _via(dependency: Dependency, analysis: Analysis) -> str | None:
    """The common source of ``dependency`` as a reader sees it: an article's label, or
    the wire's name."""
    via = dependency.via
    if via is None:
        return None
    ids = {a.id for a in analysis.articles}
    return _label_of(analysis, via) if via in ids else via


def findings(analysis: Analysis, *, max_areas: int = 3) -> list[str]:
    """Plain-language findings, most important first."""
    articles = analysis.articles
    n = len(articles)
    out: list[str] = []
    reports = analysis.duplicates.independent_reports
    sources = len({a.source for a in articles})
    line = f"{plural(n, 'article')} from {plural(sources, 'source')} make "
    line += plural(len(reports), "independent report")
    deps = analysis.duplicates.dependencies
    if deps:
        shown = [
            d.says(
                _names([d.derivative], analysis),
                _names([d.source], analysis),
                _via(d, analysis),
            )
            for d in deps[:3]
        ]
        more = f" and {len(deps) - 3} more" if len(deps) > 3 else ""
        line += ": " + "; ".join(shown) + more
    out.append(line + ".")
    off_topic = off_topic_finding(analysis)
    if off_topic:
        out.append(off_topic)

    scores = analysis.tech.scores
    if n and not scores.empty:
        mentioned = (scores > 0).sum(axis=0)
        mentioned = mentioned[mentioned > 0].sort_values(ascending=False, kind="stable")
        labels = {a.id: a.label for a in analysis.tech.areas}
        if len(mentioned):
            top = ", ".join(
                f"{labels[str(i)]} ({c} of {n})" for i, c in mentioned[:max_areas].items()
            )
            out.append(f"Most covered technology areas: {top}.")
            rare = mentioned[mentioned == mentioned.min()]
            if len(mentioned) > max_areas and mentioned.min() < n:
                names = ", ".join(labels[str(i)] for i in rare.index[:4])
                count = int(mentioned.min())
                out.append(
                    f"Only {count} of {plural(n, 'article')} mention{'s' * (count == 1)} {names}."
                )
        silent = [labels[c] for c in scores.columns if c not in mentioned.index]
        if silent:
            out.append(f"No article mentions {', '.join(silent[:5])}.")
        uncovered = uncovered_finding(articles, analysis.tech)
        if uncovered:
            out.append(uncovered)

    across = across_articles(analysis.duplicates.pairs)
    if across:
        quotes = sum(p.quote for p in across)
        out.append(
            f"{plural(len(across), 'passage')} appear in more than one article"
            f" ({quotes} of them quotes worded the same way)."
        )
    best = analysis.similarity.most_similar_pairs(1)
    if best:
        a, b, score = best[0]
        out.append(f"The most similar pair is {_names([a, b], analysis)} (cosine {score:.2f}).")

    events = mentioned_events(analysis.timeline.events)
    if events:
        first, last = events[0].date.iso(), events[-1].date.iso()
        cited = most_cited(events)  # most articles; the earliest among equals
        out.append(
            f"{plural(len(events), 'dated event')} from {first} to {last}; the most cited is "
            f"“{cited.label}” ({plural(len(cited.articles), 'article')})."
        )
    out.extend(attribution_findings(attribution(articles)))
    removed = sum(r.reason != "headline" for a in articles for r in a.removed)
    off = sum(r.reason == "off-topic" for a in articles for r in a.removed)
    if removed:
        extra = f", including {plural(off, 'off-topic passage')}" if off else ""
        lines = (
            "1 line of page noise was" if removed == 1 else f"{removed} lines of page noise were"
        )
        out.append(f"{lines} removed{extra}.")
    return out


def off_topic_finding(analysis: Analysis, limit: int = 3) -> str | None:
    """A sentence naming the articles that look off the corpus's main story, with why."""
    rel = analysis.relevance
    ids = rel.off_topic
    if not ids:
        return None
    labels = analysis.article_labels()
    named = "; ".join(f"{labels.get(i, i)}: {rel.table.at[i, 'reason']!s}" for i in ids[:limit])
    more = f"; and {len(ids) - limit} more" if len(ids) > limit else ""
    return (
        "Off the main story (still counted in the charts, but not on the publication "
        f"timeline): {named}{more}."
    )


def uncovered_finding(articles: Sequence[Article], tech: TechAreaResult) -> str | None:
    """A sentence on the ``articles`` in a language for which some technology areas
    have no terms of their own (:attr:`~natojp.taxonomy.TechAreaResult.uncovered`):
    only English terms could match them there, so their scores are likely too low.
    ``None`` when there is none."""
    affected = [a for a in articles if tech.uncovered.get(a.id)]
    if not affected:
        return None
    missing = {area for a in affected for area in tech.uncovered[a.id]}
    names = [ar.label for ar in tech.areas if ar.id in missing]
    languages = sorted({a.language for a in affected if a.language})
    said = f"{'language' if len(languages) == 1 else 'languages'}: {', '.join(languages)}"
    one = len(affected) == 1
    if len(names) == len(tech.areas):
        areas = f"any of its {plural(len(names), 'area')}"
        there = "all their area scores" if not one else "all its area scores"
    else:
        areas = f"{plural(len(names), 'area')} ({prose_list(names, 4)})"
        there = f"{'its' if one else 'their'} scores for {'it' if len(names) == 1 else 'them'}"
    return (
        f"{plural(len(affected), 'article')} ({said}) {'is' if one else 'are'} in "
        f"{'a language' if len(languages) == 1 else 'languages'} the taxonomy has no terms "
        f"for in {areas}: {there} count English terms only and are likely too low."
    )


_BASIS_WORDS = {
    "manifest": "the manifest",
    "metadata": "a column or page metadata",
    "registry": "a web address in the outlet registry",
    "url": "the web address",
    "header": "a line above the body",
    "text": "the text",
}


def attribution_findings(summary: Attribution) -> list[str]:
    """Who published and when, in words: how many articles are dated and attributed,
    on which basis, and the wires their content is credited to."""
    n = summary.articles
    if not n:
        return []
    out: list[str] = []
    undated = n - summary.dated
    if summary.dated:
        how = ", ".join(f"{c} from {_BASIS_WORDS.get(b, b)}" for b, c in summary.date_basis)
        tail = f"; {undated} carry no publication date" if undated else ""
        out.append(f"{summary.dated} of {plural(n, 'article')} are dated ({how}){tail}.")
    else:
        out.append(f"{undated} of {n} articles carry no publication date.")
    if summary.attributed:
        how = ", ".join(f"{c} from {_BASIS_WORDS.get(b, b)}" for b, c in summary.outlet_basis)
        line = f"The outlet is known for {summary.attributed} of {n} ({how})"
        if summary.outlet_types:
            kinds = ", ".join(f"{c} {t}" for t, c in summary.outlet_types)
            outside = summary.attributed - sum(c for _, c in summary.outlet_types)
            line += f"; by type: {kinds}" + (
                f"; {outside} not in the outlet registry" if outside else ""
            )
        out.append(line + ".")
    if summary.wires:
        credits = ", ".join(f"{w} ({c})" for w, c in summary.wires[:5])
        out.append(f"Content credited to wire agencies: {credits}.")
    return out


# --------------------------------------------------------------------------- chart slides


def outlet_of(analysis: Analysis, article_id: str) -> str:
    """The outlet of an article, else its label (:func:`natojp.labels.article_labels`)."""
    article = analysis.corpus.by_id(article_id)
    return article.outlet or _label_of(analysis, article_id)


def article_label(article: Article) -> str:
    """The label of one article (:func:`natojp.labels.article_label`): ``outlet · short
    title``. Naming several articles of a corpus, use
    :func:`natojp.labels.article_labels`, which makes equal labels unique."""
    return _label(article)


def reports_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on independent reports and who copies or rewrites whom."""
    n = len(analysis.articles)
    reports = len(analysis.duplicates.independent_reports)
    first = f"{plural(n, 'article')} make {plural(reports, 'independent report')}" + (
        ": every article is its own report." if reports == n else "."
    )
    deps = analysis.duplicates.dependencies
    if not deps:
        return first, "No article copies or rewrites another's prose."
    said = [
        d.says(_label_of(analysis, d.derivative), _label_of(analysis, d.source), _via(d, analysis))
        + (f" ({d.coverage:.0%} of its words)" if d.certain else "")
        for d in deps
    ]
    return first, prose_list(said, 2) + "."


def coverage_finding(by_source_scores: Sequence[tuple[str, int]], sources: int) -> tuple[str, str]:
    """Two lines on how many sources mention each area: (area label, sources) pairs, as
    :func:`natojp.selection.sources_per_area` gives them."""
    if not by_source_scores or sources == 0:
        return "No technology area to report.", "The taxonomy has no areas."
    ranked = sorted(by_source_scores, key=lambda item: -item[1])
    mentioned = [(label, c) for label, c in ranked if c > 0]
    if not mentioned:
        return (
            f"None of the {plural(sources, 'source')} mentions any technology area.",
            "Check the taxonomy terms against the corpus vocabulary.",
        )
    top = prose_list([f"{label} ({c} of {sources})" for label, c in mentioned[:3]], 3)
    first = f"Most covered: {top}."
    rare_count = min(c for _, c in mentioned)
    silent = [label for label, c in ranked if c == 0]
    if rare_count < sources and len(mentioned) > 1:
        rare = [label for label, c in mentioned if c == rare_count]
        verb = "mentions" if rare_count == 1 else "mention"
        second = f"Only {rare_count} of {plural(sources, 'source')} {verb} {prose_list(rare, 3)}"
        second += f"; none mentions {prose_list(silent, 2)}." if silent else "."
    elif silent:
        second = f"No source mentions {prose_list(silent, 3)}."
    else:
        second = f"Every source mentions all {plural(len(mentioned), 'area')}."
    return first, second


def areas_by_source_finding(analysis: Analysis, sources: int) -> tuple[str, str]:
    """Two lines under the source × area heatmap: what a cell counts, and the number of
    areas (of which taxonomy) and of ``sources``."""
    taxonomy = "default" if analysis.config.taxonomy_path is None else "given"
    return (
        "Sentences of each source that mention each area (blank: none).",
        f"{plural(len(analysis.tech.areas), 'area')} of the {taxonomy} taxonomy; "
        f"{plural(sources, 'source')}.",
    )


def source_similarity_finding(frame: list[tuple[str, str, float]]) -> tuple[str, str]:
    """Two lines from source pairs with their cosine (any order), as
    :func:`natojp.selection.similarity_pairs` gives them."""
    if not frame:
        return "Only one source: nothing to compare.", "Add articles from other outlets."
    ranked = sorted(frame, key=lambda t: -t[2])
    a, b, high = ranked[0]
    c, d, low = ranked[-1]
    mean = sum(s for _, _, s in ranked) / len(ranked)
    return (
        f"Most alike: {a} and {b} (cosine {high:.2f}); least alike: {c} and {d} ({low:.2f}).",
        f"Mean cosine over {plural(len(ranked), 'source pair')}: {mean:.2f} "
        f"(1 = same wording, 0 = no words in common).",
    )


def publication_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on who published when: the span of publication dates, and the first.
    Articles flagged off the main story (:attr:`natojp.relevance.Relevance.off_topic`)
    are left out of both, and counted, as the publication chart leaves them out: an old
    unrelated article is not the story's first report."""
    ordered = dated_articles(analysis.articles)
    undated = len(analysis.articles) - len(ordered)
    if not ordered:
        return (
            f"None of the {plural(len(analysis.articles), 'article')} carries a publication date.",
            "Add dates in a manifest.toml to place them on the timeline.",
        )
    ordered, left_out = on_story(ordered, analysis.off_story())
    first, last = ordered[0], ordered[-1]
    assert first.published is not None and last.published is not None
    outlets = len({a.source for a in ordered})
    line1 = (
        f"{plural(len(ordered), 'article')} from {plural(outlets, 'outlet')} published "
        f"between {first.published.iso()} and {last.published.iso()}"
    )
    if left_out:
        line1 += f"; {plural(len(left_out), 'article')} off the main story not counted."
    else:
        line1 += "."
    line2 = f"First: {_label_of(analysis, first.id)} ({first.published.iso()})"
    line2 += f"; {undated} undated." if undated else "; every article is dated."
    return line1, line2


def events_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on the dated events the articles mention: their span and the most cited."""
    events = mentioned_events(analysis.timeline.events)
    if not events:
        return "The articles mention no dated events.", "Only publication dates are known."
    cited = most_cited(events)
    return (
        f"{plural(len(events), 'dated event')} from {events[0].date.iso()} to "
        f"{events[-1].date.iso()}.",
        f"Most cited: “{short(cited.label, 70)}” ({cited.date.iso()}, "
        f"{plural(len(cited.articles), 'article')}).",
    )


def duplicates_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on passages shared across articles: how many of each kind, the closest."""
    across = across_articles(analysis.duplicates.pairs)
    within = len(analysis.duplicates.pairs) - len(across)
    if not across:
        extra = f" ({plural(within, 'passage')} repeated within an article)" if within else ""
        return "No passage appears in more than one article" + extra + ".", (
            "Each article's wording is its own."
        )
    kinds = Counter(p.kind for p in across)
    kinds_text = prose_list([f"{c} {k}" for k, c in kinds.most_common()], 4)
    best = max(across, key=lambda p: p.score)
    quotes = sum(p.quote for p in across)
    return (
        f"{plural(len(across), 'passage')} appear in more than one article: {kinds_text}.",
        f"{quotes} of them are quotations; the closest pair scores {best.score:.2f} "
        f"({_names([best.a, best.b], analysis)}).",
    )


def article_similarity_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on the most similar articles and the range of the others."""
    pairs = analysis.similarity.most_similar_pairs(len(analysis.articles) ** 2)
    if not pairs:
        return "Only one article: nothing to compare.", ""
    a, b, score = pairs[0]
    _, _, low = pairs[-1]
    return (
        f"Most similar articles: {_label_of(analysis, a)} and {_label_of(analysis, b)} "
        f"(cosine {score:.2f}).",
        f"Other pairs range down to {low:.2f}; the heatmap is ordered so similar articles "
        "sit together.",
    )


def provenance_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on stories: how many are told by several articles, and who published the
    largest one first (with whether the evidence settles it)."""
    provenance = analysis.provenance()
    shared = sorted(
        (s for s in provenance.stories if len(s.articles) > 1), key=lambda s: -len(s.articles)
    )
    if not shared:
        return (
            f"{plural(len(provenance.stories), 'story', 'stories')}, each told by one article.",
            "No two articles report the same event.",
        )
    top = shared[0]
    line1 = (
        f"{plural(len(provenance.stories), 'story', 'stories')}; {len(shared)} told by several "
        f"articles. The largest, “{short(top.title, 60)}”, has "
        f"{plural(len(top.articles), 'article')} in "
        f"{plural(len(top.independent_reports), 'independent report')}."
    )
    if top.first is None:
        return line1, "Who published it first is not known from dates, credits or the texts."
    when = f" on {top.first_date.iso()}" if top.first_date else ""
    sure = "" if top.first_certain else " (not certain)"
    return line1, f"First published by {_label_of(analysis, top.first)}{when}{sure}."


def corroboration_finding(analysis: Analysis) -> tuple[str, str]:
    """Two lines on what stands on more than one independent report, and what on one."""
    c = analysis.corroboration()
    items = [
        ("quote", "quotes", [q.n_reports for q in c.quotes]),
        ("claim", "claims", [k.n_reports for k in c.claims]),
        ("person or organisation", "people and organisations", [e.n_reports for e in c.entities]),
    ]
    if not any(counts for _, _, counts in items):
        return "No quotes, claims, people or organisations were found.", ""
    several = [
        f"{sum(n >= 2 for n in counts)} of {plural(len(counts), one, many)}"
        for one, many, counts in items
        if counts
    ]
    flags = len(c.flags)
    rewrites = len(c.flagged("rewrite"))
    line2 = (
        f"{plural(flags, 'item')} rest on a single report or differ between reports"
        + (f"; {plural(rewrites, 'article')} look like rewrites with additions" if rewrites else "")
        + " (flags to check, not verdicts)."
    )
    return f"Carried by two or more independent reports: {prose_list(several, 3)}.", line2
