"""The provenance of each story as a graph: original → copies → versions → rewrites.

Nodes are articles (outlet, date and its basis, wires, title, story, independent
report); edges go from the original to what derives from it, each with its evidence:
the relation, the shared passages, the coverage, the credit line when a credit or an
attribution decided the direction, both dates, the direction basis and whether it is
certain. :meth:`Provenance.graph` gives a :class:`networkx.MultiDiGraph` (one story or
all), written as GraphML or GEXF (what Gephi opens) by :meth:`Provenance.to_graphml` and
:meth:`Provenance.to_gexf`; :meth:`Provenance.edges_frame` is the CSV table.

GraphML and GEXF hold no missing values: a missing date, outlet or credit is written
as an empty string.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
import pandas as pd

from natojp._pickling import quick_state
from natojp.duplicates import Dependency, attribution
from natojp.models import Article
from natojp.provenance._specifics import Specifics
from natojp.provenance._stories import (
    DEFAULT_STORY_SETTINGS,
    Story,
    StorySettings,
    build_stories,
)

EDGE_COLUMNS = (
    "story",
    "source",
    "derivative",
    "relation",
    "shared_passages",
    "coverage",
    "direction_basis",
    "certain",
    "via",
    "credit",
    "source_outlet",
    "derivative_outlet",
    "source_date",
    "derivative_date",
    "basis",
)
"""The columns of :meth:`Provenance.edges_frame` (and of its CSV)."""


STORY_COLUMNS = (
    "story",
    "title",
    "articles",
    "independent_reports",
    "first",
    "first_outlet",
    "first_date",
    "first_basis",
    "first_certain",
    "wires",
    "countries",
    "types",
)
"""The columns of :meth:`Provenance.stories_frame`, in order."""


@quick_state
@dataclass(frozen=True, slots=True)
class ProvenanceEdge:
    """``derivative`` reuses ``source``'s text: one edge of a story's graph.

    ``credit`` is the credit line or attribution that decided the direction ("told The
    Japan Times", the wire credit's words), empty when something else did."""

    story: str
    source: str
    derivative: str
    relation: str
    shared_passages: int
    coverage: float
    direction_basis: str
    certain: bool
    via: str
    credit: str
    source_date: str
    derivative_date: str
    basis: str


def _credit(article: Article, source: Article, dependency: Dependency) -> str:
    """The words of ``article`` that credit ``source`` (when they decided the direction)."""
    if dependency.direction_basis == "credit":
        key = (source.outlet or "").lower()
        for wire, evidence in zip(article.wires, article.wire_evidence, strict=False):
            if wire.lower() == key:
                return evidence.text
        return f"wire credit: {source.outlet}"
    if dependency.direction_basis == "attribution":
        return attribution(article, source.outlet) or f"names {source.outlet}"
    return ""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Stories, their provenance edges, and the articles they are made of."""

    stories: tuple[Story, ...]
    edges: tuple[ProvenanceEdge, ...]
    articles: Mapping[str, Article]
    _by_id: dict[str, Story] = dataclasses.field(init=False, repr=False, compare=False)
    _of_article: dict[str, Story] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {s.id: s for s in self.stories})  # frozen
        object.__setattr__(self, "_of_article", {a: s for s in self.stories for a in s.articles})

    def story(self, story_id: str) -> Story:
        """The story with ``story_id`` (``KeyError`` if there is none)."""
        return self._by_id[story_id]

    def story_of(self, article_id: str) -> Story:
        """The story ``article_id`` is in (``KeyError`` if it is in none)."""
        return self._of_article[article_id]

    def graph(self, story_id: str | None = None) -> nx.MultiDiGraph:
        """One story's graph (all stories' when ``story_id`` is None): nodes are article
        ids with their attributes, edges source → derivative with their evidence."""
        stories = [self.story(story_id)] if story_id is not None else list(self.stories)
        g = nx.MultiDiGraph(name=story_id or "provenance")
        for s in stories:
            report_of = {m: r[0] for r in s.independent_reports for m in r}
            for aid in s.articles:
                a = self.articles[aid]
                g.add_node(
                    aid,
                    label=a.outlet or aid,
                    outlet=a.outlet or "",
                    country=a.outlet_country or "",
                    outlet_type=a.outlet_type or "",
                    date=a.published.iso() if a.published else "",
                    date_basis=a.published_basis or "",
                    wires="; ".join(a.wires),
                    title=a.title or "",
                    story=s.id,
                    independent_report=report_of.get(aid, aid),
                    first_publisher=aid == s.first,
                )
        wanted = {s.id for s in stories}
        for e in self.edges:
            if e.story in wanted:
                attrs = {
                    f.name: getattr(e, f.name)
                    for f in dataclasses.fields(e)
                    if f.name not in ("source", "derivative")
                }
                g.add_edge(e.source, e.derivative, key=f"{e.source}->{e.derivative}", **attrs)
        return g

    def to_graphml(self, path: str | os.PathLike[str], story_id: str | None = None) -> None:
        """Write :meth:`graph` as GraphML."""
        nx.write_graphml(self.graph(story_id), os.fspath(path))

    def to_gexf(self, path: str | os.PathLike[str], story_id: str | None = None) -> None:
        """Write :meth:`graph` as GEXF (Gephi's format)."""
        nx.write_gexf(self.graph(story_id), os.fspath(path))

    def edges_frame(self, story_id: str | None = None) -> pd.DataFrame:
        """One row per edge (:data:`EDGE_COLUMNS`), of one story or all."""
        rows: list[dict[str, Any]] = []
        for e in self.edges:
            if story_id is None or e.story == story_id:
                row = {f.name: getattr(e, f.name) for f in dataclasses.fields(e)}
                row["source_outlet"] = self.articles[e.source].outlet or ""
                row["derivative_outlet"] = self.articles[e.derivative].outlet or ""
                rows.append(row)
        return pd.DataFrame(rows, columns=list(EDGE_COLUMNS))

    def stories_frame(self, stories: Iterable[Story] | None = None) -> pd.DataFrame:
        """One row per story (of ``stories``, default all, in their order): id, title,
        articles, first publisher and its basis, wires, independent reports, outlets by
        country and type."""
        rows = [
            {
                "story": s.id,
                "title": s.title,
                "articles": len(s.articles),
                "independent_reports": len(s.independent_reports),
                "first": s.first or "",
                "first_outlet": (self.articles[s.first].outlet or "") if s.first else "",
                "first_date": s.first_date.iso() if s.first_date else "",
                "first_basis": s.first_basis,
                "first_certain": s.first_certain,
                "wires": "; ".join(s.wires),
                "countries": "; ".join(f"{k} {v}" for k, v in s.countries.items()),
                "types": "; ".join(f"{k} {v}" for k, v in s.types.items()),
            }
            for s in (self.stories if stories is None else stories)
        ]
        return pd.DataFrame(rows, columns=STORY_COLUMNS)


def build_provenance(
    articles: Sequence[Article],
    dependencies: Sequence[Dependency],
    independent_reports: Sequence[Sequence[str]],
    neighbors: Mapping[str, Sequence[tuple[str, float]]],
    *,
    settings: StorySettings = DEFAULT_STORY_SETTINGS,
    events: Mapping[str, Collection[tuple[date, bool]]] | None = None,
    specifics: Mapping[str, Specifics] | None = None,
) -> Provenance:
    """Stories and provenance edges of a corpus.

    ``dependencies`` and ``independent_reports`` are those of
    :class:`~natojp.duplicates.DuplicateResult`, ``neighbors`` the article similarity's
    top neighbours (:attr:`natojp.similarity.SimilarityResult.neighbors`); ``settings``
    link articles into stories (:class:`~natojp.provenance.StorySettings`). ``events`` (per
    article id, the ``(day, planned)`` events its text reports: what
    :func:`~natojp.provenance.event_days` reads from the timeline) lets articles with
    the same news join one story; without it no link rests on events. ``specifics``: the
    articles' specifics read earlier (:func:`~natojp.provenance.read_specifics`), if
    any::

        a = analyze(["seeds"])
        p = build_provenance(a.articles, a.duplicates.dependencies,
                             a.duplicates.independent_reports, a.similarity.neighbors,
                             events=event_days(a.timeline))
    """
    by_id = {a.id: a for a in articles}
    stories = build_stories(
        articles,
        dependencies,
        independent_reports,
        neighbors,
        settings=settings,
        events=events,
        specifics=specifics,
    )
    story_of = {aid: s.id for s in stories for aid in s.articles}
    edges: list[ProvenanceEdge] = []
    for d in dependencies:
        if d.source not in by_id or d.derivative not in by_id:
            continue
        src, der = by_id[d.source], by_id[d.derivative]
        edges.append(
            ProvenanceEdge(
                story=story_of[d.source],
                source=d.source,
                derivative=d.derivative,
                relation=d.relation,
                shared_passages=d.shared_passages,
                coverage=d.coverage,
                direction_basis=d.direction_basis,
                certain=d.certain,
                via=d.via or "",
                credit=_credit(der, src, d),
                source_date=src.published.iso() if src.published else "",
                derivative_date=der.published.iso() if der.published else "",
                basis=d.basis,
            )
        )
    order = {s.id: n for n, s in enumerate(stories)}
    edges.sort(key=lambda e: (order[e.story], e.source, e.derivative))
    return Provenance(stories=stories, edges=tuple(edges), articles=by_id)
