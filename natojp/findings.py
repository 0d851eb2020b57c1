"""Key findings of an analysis, in plain words, computed from the data.

Used by the dashboard's Overview and by briefing exports. Each finding is one
sentence an analyst can paste; nothing here is hard-coded to a corpus.
"""

from __future__ import annotations

from natojp.analysis import Analysis


def _names(ids: list[str], analysis: Analysis) -> str:
    by_id = {a.id: a for a in analysis.articles}
    return ", ".join(f"{i} ({by_id[i].outlet})" if by_id[i].outlet else i for i in ids)


def findings(analysis: Analysis, *, max_areas: int = 3) -> list[str]:
    """Plain-language findings, most important first."""
    articles = analysis.articles
    n = len(articles)
    out: list[str] = []
    reports = analysis.duplicates.independent_reports
    sources = len({a.source for a in articles})
    line = f"{n} article{'s' * (n != 1)} from {sources} source{'s' * (sources != 1)} make "
    line += f"{len(reports)} independent report{'s' * (len(reports) != 1)}"
    deps = analysis.duplicates.dependencies
    if deps:
        shown = [
            f"{_names([d.derivative], analysis)} {d.verb} {_names([d.source], analysis)}"
            for d in deps[:3]
        ]
        more = f" and {len(deps) - 3} more" if len(deps) > 3 else ""
        line += ": " + "; ".join(shown) + more
    out.append(line + ".")

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
                    f"Only {count} of {n} article{'s' * (n != 1)} mention{'s' * (count == 1)} "
                    f"{names}."
                )
        silent = [labels[c] for c in scores.columns if c not in mentioned.index]
        if silent:
            out.append(f"No article mentions {', '.join(silent[:5])}.")

    pairs = analysis.duplicates.pairs
    across = [p for p in pairs if p.scope == "across"]
    if across:
        quotes = sum(p.quote for p in across)
        out.append(
            f"{len(across)} passage{'s' * (len(across) != 1)} appear in more than one article"
            f" ({quotes} of them quotes worded the same way)."
        )
    best = analysis.similarity.most_similar_pairs(1)
    if best:
        a, b, score = best[0]
        out.append(f"The most similar pair is {_names([a, b], analysis)} (cosine {score:.2f}).")

    events = [
        e for e in analysis.timeline.events if any(m.kind != "publication" for m in e.mentions)
    ]
    if events:
        first, last = events[0].date.iso(), events[-1].date.iso()
        # Most articles; the earliest among equals (position, not a list search: O(n)).
        _, cited = max(enumerate(events), key=lambda ie: (len(ie[1].articles), -ie[0]))
        out.append(
            f"{len(events)} dated events from {first} to {last}; the most cited is "
            f"“{cited.label}” ({len(cited.articles)} article{'s' * (len(cited.articles) != 1)})."
        )
    undated = sum(a.published is None for a in articles)
    if undated:
        out.append(f"{undated} of {n} articles carry no publication date.")
    removed = sum(r.reason != "headline" for a in articles for r in a.removed)
    off = sum(r.reason == "off-topic" for a in articles for r in a.removed)
    if removed:
        extra = f", including {off} off-topic passage{'s' * (off != 1)}" if off else ""
        lines = (
            "1 line of page noise was" if removed == 1 else f"{removed} lines of page noise were"
        )
        out.append(f"{lines} removed{extra}.")
    return out
