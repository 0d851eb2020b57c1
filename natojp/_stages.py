"""The stages of an analysis that read nothing but the articles — the areas, the
timeline and the duplicates — and how they run beside the analysing process: in a
forked child sharing their tasks (:class:`natojp._beside.Shared`), or on Dask workers
(:data:`BesideStages`, :func:`beside_areas`), with the facts kept of earlier analyses
(:func:`facts_loader`). :func:`natojp.analysis.analyze_articles` is their one caller
here; the names the engine uses are re-exported by :mod:`natojp.analysis`."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from natojp._beside import Shared
from natojp._gc import paused
from natojp.config import DuplicateConfig
from natojp.models import Article
from natojp.taxonomy import AreaRow, Taxonomy, TechAreaResult, area_rows, tag_articles
from natojp.timeline import FoundDate, Timeline, build_timeline, scan_dates

if TYPE_CHECKING:
    from natojp.corroboration import ArticleMentions
    from natojp.duplicates import DuplicateResult
    from natojp.facts import ArticleFacts, FactsSource, Part, SplitFacts
    from natojp.provenance import Specifics

Progress = Callable[[str, float], None]
"""Called with a stage description and the fraction of the analysis done (0-1)."""

_STAGES = ("clean", "vectorise", "similarity", "taxonomy", "timeline", "duplicates")


def _article_stages(
    articles: Sequence[Article],
    taxonomy: Taxonomy,
    config: DuplicateConfig,
    progress: Progress | None = None,
    facts: SplitFacts | None = None,
) -> StagesResult:
    """The areas, the timeline and the duplicates of ``articles``, with each stage's
    time: the stages that read nothing but the articles. With ``facts`` (read earlier,
    perhaps of some articles only) the areas and dates of the other articles are read
    first, and returned to be kept."""
    from natojp.duplicates import find_duplicates

    tech, timeline, read, spent = _areas_and_dates(articles, taxonomy, progress, facts)
    t = _stage(progress, "Finding duplicate content", 5)
    duplicates = find_duplicates(articles, config)
    spent["duplicates"] = time.perf_counter() - t
    return tech, timeline, duplicates, read, spent


def _areas_and_dates(
    articles: Sequence[Article],
    taxonomy: Taxonomy,
    progress: Progress | None = None,
    facts: SplitFacts | None = None,
) -> AreasAndDates:
    """The areas and the timeline of :func:`_article_stages`."""
    read = _Read()
    t = _stage(progress, "Scoring technology areas", 3)
    rows = None
    if facts is not None:
        read.areas = area_rows((a for a in articles if a.id not in facts.areas), taxonomy)
        rows = {**facts.areas, **read.areas}
    tech = tag_articles(articles, taxonomy, rows=rows)
    spent = {"taxonomy": time.perf_counter() - t}
    t = _stage(progress, "Building the timeline", 4)
    scanned = None
    if facts is not None:
        read.dates = scan_dates(a for a in articles if a.id not in facts.dates)
        scanned = {**facts.dates, **read.dates}
    timeline = build_timeline(articles, scanned=scanned)
    spent["timeline"] = time.perf_counter() - t
    return tech, timeline, read, spent


@dataclass(slots=True)
class _Read:
    """What the stages read in articles without facts, by article id, to keep."""

    areas: dict[str, AreaRow] = field(default_factory=dict)
    dates: dict[str, tuple[FoundDate, ...]] = field(default_factory=dict)
    mentions: dict[str, ArticleMentions] = field(default_factory=dict)
    specifics: dict[str, Specifics] = field(default_factory=dict)


StagesResult = tuple[TechAreaResult, Timeline, "DuplicateResult", _Read, dict[str, float]]
"""What the stages run beside give back: the areas, the timeline, the duplicates, the
facts read there (to keep) and each stage's time."""

AreasAndDates = tuple[TechAreaResult, Timeline, _Read, dict[str, float]]
"""The areas and the timeline, the facts read for them (to keep) and each one's time."""


def _as_source(
    articles: Sequence[Article], facts: Mapping[str, ArticleFacts] | FactsSource
) -> FactsSource:
    """``facts`` as a :data:`~natojp.facts.FactsSource` (a mapping gives every part)."""
    if callable(facts):
        return facts
    from natojp.facts import split_facts

    split = split_facts(articles, facts)
    return lambda part: split


def _unread(articles: Sequence[Article], facts: SplitFacts | None) -> list[Article]:
    """The articles whose facts are not in ``facts`` (all without facts)."""
    if facts is None:
        return list(articles)
    return [a for a in articles if a.id not in facts.areas]


def _beside_areas(
    articles: Sequence[Article], taxonomy: Taxonomy, load: _Loader | None = None
) -> AreasAndDates:
    """The areas and dates kept of the articles (``load``, in this process), then the
    areas and the timeline, then the specifics provenance will read
    (:func:`~natojp.provenance.read_specifics`) of the second half of the articles
    without facts."""
    from natojp.provenance import read_specifics

    t = time.perf_counter()
    facts = load("stages") if load is not None else None
    loaded = time.perf_counter() - t
    tech, timeline, read, spent = _areas_and_dates(articles, taxonomy, facts=facts)
    if load is not None:
        spent["facts, stages part"] = loaded
    t = time.perf_counter()
    unread = _unread(articles, facts)
    read.specifics = read_specifics(articles, unread[len(unread) // 2 :])
    spent["provenance specifics, second half"] = time.perf_counter() - t
    return tech, timeline, read, spent


class _SharedStages:
    """:data:`BesideStages` shared with a child process (:class:`natojp._beside.Shared`):
    the duplicates, then the areas and the timeline (:func:`_beside_areas`). The child
    starts on the duplicates; this process, once its own stages are done, takes the
    areas and the timeline if the child has not started them. Which of the two ran them
    depends on which finished first (an analysis whose vectors were updated, not
    fitted, is done early); the results do not."""

    def __init__(
        self,
        articles: Sequence[Article],
        taxonomy: Taxonomy,
        config: DuplicateConfig,
        load: _Loader | None,
    ) -> None:
        self._shared: Shared[object] = Shared(
            [
                partial(_duplicates, articles, config),
                partial(_beside_areas, articles, taxonomy, load),
            ]
        )

    def result(self) -> StagesResult:
        found, areas = self._shared.results()
        duplicates, seconds = cast("tuple[DuplicateResult, float]", found)
        tech, timeline, read, spent = cast("AreasAndDates", areas)
        if 1 in self._shared.taken_here:  # done here while the child found duplicates
            spent["areas and timeline, here (in waiting)"] = sum(spent.values())
        spent["duplicates"] = seconds
        return tech, timeline, duplicates, read, spent


def _duplicates(
    articles: Sequence[Article], config: DuplicateConfig
) -> tuple[DuplicateResult, float]:
    """The duplicates of ``articles`` and the seconds they took."""
    from natojp.duplicates import find_duplicates

    t = time.perf_counter()
    return find_duplicates(articles, config), time.perf_counter() - t


class BesideStages(Protocol):
    """Stages running elsewhere (the areas, the timeline and the duplicates of the same
    articles and settings), already started: their result is waited for when the
    analysis needs it."""

    def result(self) -> StagesResult: ...


def whole_articles(articles: Sequence[Article], kept: Sequence[Article]) -> frozenset[str]:
    """The ids of the articles the off-topic pass left as they were (``kept`` is what it
    made of ``articles``)."""
    given = {a.id: a.paragraphs for a in articles}
    return frozenset(a.id for a in kept if a.paragraphs == given.get(a.id))


def facts_loader(
    kept: Sequence[Article],
    whole: frozenset[str],
    facts: Mapping[str, ArticleFacts] | FactsSource | None,
) -> _Loader | None:
    """How the stages load ``facts`` of the articles ``kept`` by the off-topic pass, of
    those it left ``whole`` only (:func:`whole_articles`); None without facts. Facts of
    an article the pass changed (it compares paragraphs with the corpus) are read again:
    they were read in other paragraphs."""
    if facts is None:
        return None
    several = len({a.language for a in kept if a.language}) >= 2
    return _Loader(_as_source(kept, facts), whole, several)


def beside_areas(
    kept: Sequence[Article],
    whole: frozenset[str],
    taxonomy: Taxonomy,
    facts: Mapping[str, ArticleFacts] | FactsSource | None = None,
) -> AreasAndDates:
    """The areas and the timeline :func:`analyze_articles` computes beside itself, on
    the articles ``kept`` by the off-topic pass (``whole``: those it left as they were):
    what another machine runs for it (``beside``, with
    :func:`~natojp.duplicates.find_duplicates` of the same articles)."""
    with paused():
        return _beside_areas(kept, taxonomy, facts_loader(kept, whole, facts))


@dataclass(frozen=True, slots=True)
class _Loader:
    """One part of the facts (:data:`natojp.facts.Part`) from ``source``, of the
    articles ``whole`` only (those the off-topic pass left as given)."""

    source: FactsSource
    whole: frozenset[str]
    several_languages: bool

    def __call__(self, part: Part) -> SplitFacts:
        return self.source(part).only(self.whole, self.several_languages)


def _kept_facts(
    read: _Read, articles: Sequence[Article], specifics: Mapping[str, Specifics]
) -> dict[str, ArticleFacts]:
    """The facts the stages read (``read``; ``specifics`` of the articles they were
    read in, when the corpus is in several languages), by article id."""
    from natojp.facts import ArticleFacts

    return {
        a.id: ArticleFacts(
            read.areas[a.id], read.dates[a.id], read.mentions[a.id], specifics.get(a.id)
        )
        for a in articles
        if a.id in read.areas and a.id in read.mentions
    }


def _stage(progress: Progress | None, label: str, i: int) -> float:
    """Report stage ``i`` (of :data:`_STAGES`) starting; the time it starts."""
    if progress is not None:
        progress(label, i / len(_STAGES))
    return time.perf_counter()
