"""What is corroborated: quotes, people, organisations and claims by the number of
independent reports that carry them."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from natojp._wording import plural
from natojp.charts._style import _finish, empty_figure

if TYPE_CHECKING:
    from natojp.corroboration import Corroboration

BANDS: tuple[tuple[str, str], ...] = (
    ("one independent report", "#D55E00"),
    ("two", "#56B4E9"),
    ("three or more", "#0072B2"),
)
"""The bars' segments (number of independent reports carrying an item) and colours:
single-source items stand out."""


def corroboration_counts(
    corroboration: Corroboration, articles: Collection[str] | None = None
) -> dict[str, tuple[int, int, int]]:
    """For quotes, people, organisations and claims: how many are carried by one, two,
    and three or more independent reports (only items of ``articles`` when given)."""
    keep = None if articles is None else set(articles)

    def counts(items: list[tuple[tuple[str, ...], int]]) -> tuple[int, int, int]:
        shown = [n for ids, n in items if keep is None or keep.intersection(ids)]
        return (
            sum(n <= 1 for n in shown),
            sum(n == 2 for n in shown),
            sum(n >= 3 for n in shown),
        )

    return {
        "Quotes": counts([(q.articles, q.n_reports) for q in corroboration.quotes]),
        "People": counts(
            [(e.articles, e.n_reports) for e in corroboration.entities if e.kind == "person"]
        ),
        "Organisations": counts(
            [(e.articles, e.n_reports) for e in corroboration.entities if e.kind != "person"]
        ),
        "Claims": counts([(c.articles, c.n_reports) for c in corroboration.claims]),
    }


def corroboration_bars(
    corroboration: Corroboration,
    articles: Collection[str] | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Horizontal stacked bars, one per kind of item (quotes, people, organisations,
    claims): how many rest on one independent report (the single-source items, in
    orange), on two, and on three or more. Only items of ``articles`` when given."""
    name = "corroboration"
    title = title or "What is corroborated"
    counts = corroboration_counts(corroboration, articles)
    if not any(sum(c) for c in counts.values()):
        return empty_figure(
            "No quotes, people, organisations or claims found", title, subtitle=subtitle, name=name
        )
    kinds = list(counts)[::-1]  # the first kind on top
    fig = go.Figure()
    for band, (label, color) in enumerate(BANDS):
        values = [counts[k][band] for k in kinds]
        fig.add_trace(
            go.Bar(
                y=kinds,
                x=values,
                orientation="h",
                name=label,
                marker={"color": color},
                text=[str(v) if v else "" for v in values],
                textposition="inside",
                hovertext=[
                    f"{plural(v, kind.lower().rstrip('s'))}"
                    if kind != "People"
                    else plural(v, "person", "people")
                    for kind, v in zip(kinds, values, strict=True)
                ],
                hovertemplate=f"%{{hovertext}}: carried by {label}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        xaxis={"title": "items, by the independent reports carrying them"},
        legend={"orientation": "h", "y": -0.25, "x": 0, "traceorder": "normal"},
        margin={"l": 120},
    )
    return _finish(fig, name=name, title=title, subtitle=subtitle, height=340)
