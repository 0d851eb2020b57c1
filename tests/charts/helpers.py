"""Shared helpers of the natojp.charts tests: the seeds figures as the dashboard draws
them, small inline inputs and readers of figure parts."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from natojp import Analysis, charts
from natojp._dates import PartialDate
from natojp.charts._style import ARROWS
from natojp.duplicates import Dependency, DuplicatePair
from natojp.models import Article, Paragraph
from natojp.similarity import area_overlap, cluster_order
from natojp.timeline import Event


def seeds_figures(a: Analysis) -> dict[str, go.Figure]:
    """Every figure, drawn the way the dashboard draws it."""
    matrix = a.similarity.frame()
    labels = {x.id: f"{x.outlet or x.id} · {x.title}" for x in a.articles}
    areas = {x.id: x.label for x in a.tech.areas}
    terms = a.distinctive_terms(12)
    return {
        "similarity": charts.similarity_heatmap(
            matrix, labels=labels, order=cluster_order(matrix.to_numpy()), subtitle="seeds"
        ),
        "sources": charts.source_similarity_heatmap(a.sources, subtitle="seeds"),
        "areas": charts.area_heatmap(a.tech.scores, area_labels=areas, subtitle="seeds"),
        "coverage": charts.area_coverage_bar(a.tech.scores, area_labels=areas),
        "publications": charts.publication_timeline(a.articles),
        "events": charts.event_timeline(a.timeline.events),
        "duplicates": charts.duplicate_scores(a.duplicates.pairs, threshold=0.5),
        "dependencies": charts.dependency_graph(
            a.corpus.ids, a.duplicates.dependencies, a.duplicates.independent_reports, labels
        ),
        "terms": charts.distinctive_terms_bar(terms["Anadolu Agency"], "Anadolu Agency"),
        "overlap": charts.topic_overlap_heatmap(area_overlap(a.tech.scores)),
    }


def is_empty_figure(fig: go.Figure, message: str) -> bool:
    """No data traces, hidden axes and ``message`` in a centred annotation."""
    texts = [n.text for n in fig.layout.annotations]
    centred = [n for n in fig.layout.annotations if n.x == 0.5 and n.y == 0.5]
    return (
        len(fig.data) == 0
        and any(message in t for t in texts)
        and len(centred) == 1
        and fig.layout.xaxis.visible is False
        and fig.layout.yaxis.visible is False
    )


def art(
    aid: str,
    outlet: str | None = None,
    published: PartialDate | None = None,
    title: str | None = None,
    basis: str | None = "manifest",
) -> Article:
    return Article(
        aid,
        f"{aid}.txt",
        (Paragraph("Some text.", 1),),
        title=title or f"Title of {aid}",
        outlet=outlet,
        published=published,
        published_basis=basis if published else None,
    )


def event(when: PartialDate, label: str, articles: tuple[str, ...]) -> Event:
    return Event(date=when, label=label, articles=articles, evidence=(label,), mentions=())


def pair(a: str, b: str, kind: str, score: float) -> DuplicatePair:
    return DuplicatePair(a, b, f"text in {a}", f"text in {b}", score, kind, False, 12)


def dep(source: str, derivative: str, relation: str = "copy") -> Dependency:
    return Dependency(source, derivative, relation, 2, 0.5, f"{derivative} reuses {source}")


@dataclass(frozen=True)
class Arrow:
    """One arrow of a graph as drawn: from ``tail`` to ``head``, in ``color``."""

    tail: tuple[float, float]
    head: tuple[float, float]
    color: str
    certain: bool


def arrows(fig: go.Figure) -> list[Arrow]:
    """The arrows of a graph, trace by trace, each a line segment whose end has an
    arrowhead marker turned along it (charts._style._arrows)."""
    out: list[Arrow] = []
    for trace in fig.data:
        if trace.name != ARROWS:
            continue
        assert trace.marker.angleref == "previous" and trace.mode == "lines+markers"
        xs, ys, sizes = list(trace.x), list(trace.y), list(trace.marker.size)
        assert len(xs) % 3 == 0 and xs[2::3] == [None] * (len(xs) // 3)
        assert all(s == 0 for s in sizes[0::3]) and all(s > 0 for s in sizes[1::3])
        for k in range(0, len(xs), 3):
            out.append(
                Arrow(
                    (xs[k], ys[k]),
                    (xs[k + 1], ys[k + 1]),
                    trace.marker.color,
                    trace.marker.symbol == "arrow",
                )
            )
    return out


def node_positions(fig: go.Figure) -> dict[str, tuple[float, float]]:
    roles = {"original", "derived (copy, version or rewrite)", "single-article report"}
    out: dict[str, tuple[float, float]] = {}
    for trace in fig.data:
        if trace.name in roles:
            for i, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
                assert i not in out, f"{i} drawn twice"
                out[i] = (x, y)
    return out


def title_text(fig: go.Figure) -> str:
    return f"{fig.layout.title.text} {fig.layout.title.subtitle.text}"
