"""The pack's provenance and corroboration slides: who published each story first and
on what evidence; what stands on more than one independent report; what rests on one.

Each builder takes the analysis and the article labels and returns slides; row limits
are the caller's (:func:`natojp.export.brief._table`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from natojp import charts
from natojp._wording import plural, short
from natojp.analysis import Analysis
from natojp.export.deck import Slide, table_box
from natojp.export.typeset import table_pages
from natojp.findings import corroboration_finding, provenance_finding

Rows = list[tuple[str, ...]]
Cap = Callable[[Rows, str], Rows]
"""Caps a table's rows, the last saying how many are left out (``what``: their noun)."""

FLAG_ORDER = ("rewrite", "misquote", "quote", "claim", "entity")
"""Flags in the pack, most telling first."""
_FLAG_WIDTHS = (0.16, 0.28, 0.26, 0.30)
FLAG_NAMES = {
    "rewrite": "likely rewrite with additions",
    "misquote": "quote worded differently",
    "quote": "quote on one report",
    "claim": "claim on one report",
    "entity": "named by one report",
}


def provenance_slide(analysis: Analysis, labels: Mapping[str, str], cap: Cap) -> Slide:
    """A table of the stories told by several articles: who published first (and whether
    the evidence settles it), the wires, articles and independent reports."""
    provenance = analysis.provenance()
    shared = sorted(
        (s for s in provenance.stories if len(s.articles) > 1),
        key=lambda s: (-len(s.articles), s.title.casefold()),
    )
    rows: Rows = []
    for s in shared:
        if s.first:
            when = f", {s.first_date.iso()}" if s.first_date else ""
            first = f"{labels.get(s.first, s.first)}{when}"
            first += "" if s.first_certain else " (not certain)"
        else:
            first = "not known"
        rows.append(
            (
                short(s.title, 90),
                first,
                ", ".join(s.wires) or "none credited",
                f"{len(s.articles)} → {len(s.independent_reports)}",
            )
        )
    line1, line2 = provenance_finding(analysis)
    return Slide(
        "table",
        "Provenance: who published each story first",
        (line1, line2),
        rows=(
            ("story", "first published by", "wires", "articles → reports"),
            *(cap(rows, "stories") if rows else [("no story is told by two articles", "", "", "")]),
        ),
        widths=(0.36, 0.34, 0.16, 0.14),
    )


def corroboration_slides(
    analysis: Analysis, subtitle: str | None, labels: Mapping[str, str], cap: Cap
) -> list[Slide]:
    """The "What is corroborated" chart with its finding, and the flags to check."""
    corroboration = analysis.corroboration()
    chart = Slide(
        "chart",
        "What is corroborated",
        corroboration_finding(analysis),
        charts.corroboration_bars(corroboration, subtitle=subtitle),
    )
    rank = {kind: n for n, kind in enumerate(FLAG_ORDER)}
    flags = sorted(corroboration.flags, key=lambda f: rank.get(f.kind, len(rank)))
    rows: Rows = [
        (
            FLAG_NAMES.get(f.kind, f.kind),
            short(labels.get(f.subject, f.subject), 80),
            "; ".join(short(labels.get(a, a), 50) for a in f.articles[:3]),
            short(f.reason, 100),
        )
        for f in flags
    ]
    if not rows:
        return [chart]
    header = ("flag", "what", "articles", "why")
    rows = _one_page(header, rows, "flags (the Corroboration page lists all)")
    table = Slide(
        "table",
        "Resting on one source: to check",
        (
            f"{plural(len(flags), 'flag')}: what a single independent report carries, quotes "
            "worded differently, articles that look like rewrites with additions. Flags point "
            "at what to check; they are not verdicts.",
        ),
        rows=(header, *rows),
        widths=_FLAG_WIDTHS,
    )
    return [chart, table]


def _one_page(header: tuple[str, ...], rows: Rows, what: str) -> Rows:
    """The rows that fit on one page under ``header``, the last saying how many more
    there are (the pack lists the most telling flags; the dashboard has them all)."""
    _, _, width, height = table_box()
    first = table_pages([header, *rows], _FLAG_WIDTHS, width * 72, height * 72)[0]
    if len(first) - 1 >= len(rows):
        return rows
    kept = rows[: max(len(first) - 2, 1)]
    more = (f"… and {len(rows) - len(kept)} more {what}",) + ("",) * (len(header) - 1)
    return [*kept, more]
