"""The analysis pipeline: ingest → clean → metadata → vectorise → similarity, areas,
timeline, duplicates. :func:`analyze` is the one call the CLI and the dashboard make."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import pandas as pd

from natojp._beside import Beside
from natojp._beside import plan as plan_beside
from natojp._gc import paused
from natojp._stages import (
    _STAGES,
    BesideStages,
    _article_stages,
    _kept_facts,
    _SharedStages,
    _stage,
    facts_loader,
    whole_articles,
)
from natojp._stages import (
    Progress as Progress,
)
from natojp.config import AnalysisConfig, IngestConfig
from natojp.errors import EmptyCorpusError
from natojp.models import (
    Article,
    ArticleHead,
    ColumnMapping,
    Corpus,
    Skipped,
    SourceText,
    fingerprint_texts,
)
from natojp.taxonomy import Taxonomy, TechAreaResult
from natojp.timeline import DateMention, Event, Timeline

if TYPE_CHECKING:  # and imported where they run: scikit-learn takes most of a second to
    # import, cleaning and reading metadata a few tenths (SciPy, tldextract), and a
    # dashboard page that shows a kept analysis needs none of them
    import numpy as np

    from natojp.clean import CleanedText
    from natojp.corroboration import Corroboration
    from natojp.duplicates import DuplicateResult
    from natojp.facts import ArticleFacts, FactsSource, SplitFacts
    from natojp.ingest import IngestResult
    from natojp.metadata import Manifest, ManifestEntry
    from natojp.metadata.outlets import OutletRegistry
    from natojp.provenance import Provenance
    from natojp.relevance import Relevance
    from natojp.selection import Attribution
    from natojp.similarity import SimilarityResult, Topic
    from natojp.vectorise import DocumentTerms

DASHBOARD_TERMS = 12
"""The distinctive terms per source the dashboard shows (:meth:`Analysis.distinctive_terms`;
a library's kept analysis holds them, as they are made from the whole TF-IDF matrix)."""

_D = TypeVar("_D")
_DERIVING = threading.RLock()  # one derived result is made at a time, by one session


class Sections(Protocol):
    """Where the parts of a kept analysis are read from when first used
    (:meth:`Analysis.from_sections`): an analysis snapshot."""

    def fields(self) -> frozenset[str]:
        """The fields of :class:`Analysis` it holds."""
        ...

    def derived(self) -> frozenset[str]:
        """The names of the derived results it holds."""
        ...

    def load(self, name: str) -> Any:
        """The field ``name``."""
        ...

    def load_derived(self, name: str) -> Any:
        """The derived result ``name``."""
        ...


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything computed about one corpus."""

    corpus: Corpus
    terms: DocumentTerms
    similarity: SimilarityResult
    sources: pd.DataFrame
    tech: TechAreaResult
    timeline: Timeline
    duplicates: DuplicateResult
    relevance: Relevance
    topics: tuple[Topic, ...]
    taxonomy: Taxonomy
    config: AnalysisConfig
    analyzed_at: str
    timings: dict[str, float] = field(default_factory=dict)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _sections: Sections | None = field(default=None, repr=False, compare=False)

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.corpus.articles

    @classmethod
    def from_sections(cls, sections: Sections, **loaded: Any) -> Analysis:
        """An analysis whose fields in ``loaded`` are given and whose other fields, and
        derived results, are read from ``sections`` when first used (a kept analysis
        opens with its settings and a corpus whose articles are read on first use: a
        page reads the parts it shows)."""
        analysis = object.__new__(cls)
        for name, value in loaded.items():
            object.__setattr__(analysis, name, value)
        object.__setattr__(analysis, "_sections", sections)
        if "_derived" not in loaded:
            object.__setattr__(analysis, "_derived", {})
        return analysis

    def with_corpus(self, corpus: Corpus) -> Analysis:
        """This analysis with another :class:`Corpus` record (of the same articles: a
        new name or version), sharing every part, loaded or not."""
        other = object.__new__(Analysis)
        for f in fields(Analysis):
            try:
                object.__setattr__(other, f.name, object.__getattribute__(self, f.name))
            except AttributeError:  # not read from its sections yet
                continue
        object.__setattr__(other, "corpus", corpus)
        return other

    def load_all(self) -> None:
        """Read every part and derived result not yet read from the sections."""
        if self._sections is None:
            return
        for f in fields(Analysis):
            getattr(self, f.name)
        for name in self._sections.derived():
            self._derive(name, lambda: None)

    if not TYPE_CHECKING:  # mypy keeps flagging unknown attributes

        def __getattr__(self, name: str) -> Any:
            """A part not read yet: read from the sections (called only when unset)."""
            if name.startswith("__") or name == "_sections":
                raise AttributeError(name)
            sections = object.__getattribute__(self, "_sections")
            if sections is None or name not in sections.fields():
                raise AttributeError(name)
            with _DERIVING:
                try:  # read meanwhile by another session
                    return object.__getattribute__(self, name)
                except AttributeError:
                    pass
                start = time.perf_counter()
                value = sections.load(name)
                object.__setattr__(self, name, value)
                self.timings[f"read {name}"] = time.perf_counter() - start
                return value

    def __getstate__(self) -> list[Any]:
        self.load_all()
        return [getattr(self, f.name) if f.name != "_sections" else None for f in fields(self)]

    def __setstate__(self, state: list[Any]) -> None:
        for f, value in zip(fields(self), state, strict=True):
            object.__setattr__(self, f.name, value)

    def _derive(self, name: str, compute: Callable[[], _D]) -> _D:
        """A result computed from the others on first use and kept with the analysis
        (its time in :attr:`timings`): what a page or the report asks for is made once,
        and an analysis nobody looks at in that way never pays for it."""
        with _DERIVING:
            sections = self._sections
            if name not in self._derived and sections is not None and name in sections.derived():
                start = time.perf_counter()
                self._derived[name] = sections.load_derived(name)
                self.timings[f"read {name}"] = time.perf_counter() - start
            if name not in self._derived:
                start = time.perf_counter()
                with paused():  # many small objects, all kept (see natojp._gc)
                    self._derived[name] = compute()
                self.timings[name] = time.perf_counter() - start
            value: _D = self._derived[name]
            return value

    def derived(self, name: str, compute: Callable[[], _D]) -> _D:
        """``compute()``, made on first use and kept with the analysis under ``name``
        (shared by every session that shows it): for a whole-corpus result a page
        shows, such as the Overview's findings."""
        return self._derive(name, compute)

    def provenance(self) -> Provenance:
        """Stories, who published each first and who copied whom
        (:func:`natojp.provenance.build_provenance`), made on first use."""

        def compute() -> Provenance:
            from natojp.provenance import build_provenance, event_days

            specifics = self._derived.pop("specifics", None)  # read ahead: used once
            return build_provenance(
                self.articles,
                self.duplicates.dependencies,
                self.duplicates.independent_reports,
                self.similarity.neighbors,
                events=event_days(self.timeline),
                specifics=specifics,
            )

        return self._derive("provenance", compute)

    def corroboration(self) -> Corroboration:
        """Quotes, people, organisations, claims and single-source flags, each with the
        independent reports carrying it (:func:`natojp.corroboration.corroborate`), made
        on first use."""

        def compute() -> Corroboration:
            from natojp.corroboration import corroborate

            stories = [s.articles for s in self.provenance().stories]
            mentions = self._derived.pop("mentions", None)  # read ahead: used once
            return corroborate(
                self.articles,
                self.duplicates.independent_reports,
                stories=stories,
                mentions=mentions,
            )

        return self._derive("corroboration", compute)

    def top_terms(self, n: int = 10) -> dict[str, list[tuple[str, float]]]:
        """Highest-weighted TF-IDF terms of each article."""
        from natojp.vectorise import top_terms

        return top_terms(self.terms, n)

    def distinctive_terms(self, n: int = 10) -> dict[str, list[tuple[str, float]]]:
        """Terms that set each source apart from the others (made once per ``n``; a
        kept analysis holds those the dashboard shows)."""

        def compute() -> dict[str, list[tuple[str, float]]]:
            from natojp.vectorise import distinctive_terms

            return distinctive_terms(self.terms, [a.source for a in self.articles], n)

        return self._derive(f"distinctive_terms:{n}", compute)

    def heads(self) -> tuple[ArticleHead, ...]:
        """Every article without its text (:class:`~natojp.models.ArticleHead`), in
        corpus order: what filters, counts and publication charts read. Made once; a kept
        analysis holds them and opens without reading its articles."""
        return self._derive("heads", lambda: tuple(map(ArticleHead.of, self.articles)))

    def attribution(self) -> Attribution:
        """Who and when, counted over the whole corpus (:func:`natojp.selection.attribution`
        of :meth:`heads`), made once."""
        from natojp.selection import attribution

        return self._derive("attribution", lambda: attribution(self.heads()))

    def date_bounds(self) -> tuple[date, date] | None:
        """The first and last day the publication dates cover
        (:func:`natojp.selection.date_bounds` of :meth:`heads`), made once."""
        from natojp.selection import date_bounds

        return self._derive("date_bounds", lambda: date_bounds(self.heads()))

    def mentioned_events(self) -> tuple[Event, ...]:
        """The events some article's text mentions, in date order
        (:func:`natojp.selection.mentioned_events` of the timeline), made once: what the
        Timeline page draws. A kept analysis holds them apart from its timeline, so the
        page does not read the timeline's publication dates (an event per article)."""
        from natojp.selection import mentioned_events

        return self._derive(
            "mentioned_events", lambda: tuple(mentioned_events(self.timeline.events))
        )

    def unresolved_dates(self) -> tuple[DateMention, ...]:
        """The timeline's date mentions that could not be dated, made once (kept apart
        from the timeline, as :meth:`mentioned_events`)."""
        return self._derive("unresolved_dates", lambda: tuple(self.timeline.unresolved))

    def off_story(self) -> frozenset[str]:
        """The ids of the articles flagged off the corpus's main story
        (:attr:`natojp.relevance.Relevance.off_topic`), made once: the publication
        chart leaves them out, and a kept analysis holds them without its relevance
        table."""
        return self._derive("off_story", lambda: frozenset(self.relevance.off_topic))

    def article_labels(self) -> dict[str, str]:
        """How each article reads to a reader, by id (:func:`natojp.labels.article_labels`
        of the whole corpus, so that a label never changes with a filter), made once."""
        from natojp.labels import article_labels

        return self._derive("article_labels", lambda: article_labels(self.articles))

    def findings(self) -> list[str]:
        """Plain-language findings on the whole corpus (:func:`natojp.findings.findings`),
        made once."""
        from natojp.findings import findings

        return self._derive("findings", lambda: findings(self))

    def source_labels(self) -> dict[str, str]:
        """How each source reads, by source key (:func:`natojp.labels.source_labels` of
        the whole corpus), made once."""
        from natojp.labels import source_labels

        return self._derive("source_labels", lambda: source_labels(self.articles))


def default_config() -> AnalysisConfig:
    """The default settings, with the ingestion caps set by ``NATOJP_MAX_*`` environment
    variables (see :meth:`natojp.config.IngestConfig.from_env`)."""
    return AnalysisConfig(ingest=IngestConfig.from_env())


def analyze(
    paths: Sequence[str | os.PathLike[str]],
    config: AnalysisConfig | None = None,
    *,
    name: str | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse the files and folders in ``paths``.

    Unreadable inputs are reported in ``corpus.skipped``; raises
    :class:`~natojp.errors.EmptyCorpusError` when nothing could be analysed. Without
    ``config``, the ingestion caps come from the environment (:func:`default_config`).
    """
    from natojp.ingest import read_paths

    config = config or default_config()
    ingested = read_paths(paths, config.ingest)
    label = name or ", ".join(Path(p).name or str(p) for p in paths)
    return analyze_sources(ingested, config, name=label, progress=progress)


def analyze_uploads(
    files: Iterable[tuple[str, bytes]],
    config: AnalysisConfig | None = None,
    *,
    name: str = "upload",
    progress: Progress | None = None,
) -> Analysis:
    """Analyse uploaded files given as (file name, content) pairs.

    File names are untrusted and never used as paths; without ``config`` the caps
    come from the environment (:func:`default_config`).
    """
    from natojp.ingest import read_uploads

    config = config or default_config()
    return analyze_sources(read_uploads(files, config.ingest), config, name=name, progress=progress)


def _clean_all(
    ingested: IngestResult,
    config: AnalysisConfig,
    manifest: Manifest | None,
    skipped: list[Skipped],
    progress: Progress | None,
) -> list[Article]:
    """Clean every document into an article; documents with no text left are added to
    ``skipped``. For large corpora the second half is cleaned by a process forked beside
    this one (see :mod:`natojp._beside`): the same articles and skips, in the same order."""
    from natojp.metadata.language import load_language_model

    registry = _registry(config)
    documents = ingested.documents
    n_docs = len(documents)
    if n_docs < 2 or not plan_beside(n_docs, config.workers):
        articles, dropped = _clean_range(documents, config, manifest, registry, progress, n_docs)
        skipped += dropped
        return articles
    load_language_model()  # once, before the fork: the child has it too
    half = n_docs // 2
    beside = Beside(partial(_clean_range, documents[half:], config, manifest, registry))
    articles, dropped = _clean_range(documents[:half], config, manifest, registry, progress, n_docs)
    more, more_dropped = beside.result()
    skipped += dropped + more_dropped
    return articles + more


def _remove_off_topic(articles: Sequence[Article], config: AnalysisConfig) -> list[Article]:
    """:func:`natojp.clean.remove_off_topic`. For large corpora the paragraphs of the
    second half are counted (the pass's first and longest step, its tokenising) by a
    process forked beside this one (see :mod:`natojp._beside`) while this one counts the
    first half's; the pass is then made in those two parts, with the same result
    (:func:`natojp.clean._offtopic.off_topic_changes`)."""
    from natojp.clean import remove_off_topic
    from natojp.clean._offtopic import off_topic_changes, paragraph_terms

    articles = list(articles)
    n = len(articles)
    if n < 2 or not config.clean.off_topic or not plan_beside(n, config.workers):
        return remove_off_topic(articles, config.clean)
    parts = [articles[: n // 2], articles[n // 2 :]]
    beside = Beside(partial(paragraph_terms, parts[1]))
    first = paragraph_terms(parts[0])
    changes = off_topic_changes(parts, config.clean, terms=[first, beside.result()])
    return [c.get(i, a) for part, c in zip(parts, changes, strict=True) for i, a in enumerate(part)]


def clean_documents(
    documents: Sequence[SourceText], config: AnalysisConfig, manifest: Manifest | None
) -> tuple[list[Article], list[Skipped]]:
    """The articles of ``documents`` cleaned with ``config`` and ``manifest`` and the
    documents skipped (no text left), in order, in this process: what
    :func:`analyze_sources` does with each part of a corpus."""
    with paused():
        return _clean_range(documents, config, manifest, _registry(config))


def _registry(config: AnalysisConfig) -> OutletRegistry:
    """The outlet registry the settings name, else the bundled one."""
    from natojp.metadata.outlets import OutletRegistry

    if config.outlets_path:
        return OutletRegistry.load(config.outlets_path)
    return OutletRegistry.default()


def _clean_range(
    documents: Sequence[SourceText],
    config: AnalysisConfig,
    manifest: Manifest | None,
    registry: OutletRegistry,
    progress: Progress | None = None,
    total: int = 0,
) -> tuple[list[Article], list[Skipped]]:
    """The articles of ``documents`` and those skipped, in order. Progress is reported
    as a share of ``total`` documents, this range being cleaned at the same pace as
    the rest when it is not the whole."""
    from natojp.clean import clean_text
    from natojp.metadata.article import language_text
    from natojp.metadata.language import read_ahead

    articles: list[Article] = []
    skipped: list[Skipped] = []
    n_docs = len(documents)
    pace = total / n_docs if n_docs else 1.0
    for start in range(0, n_docs, _BATCH):
        if progress is not None and start and start % 2000 == 0:
            done = min(total, round(start * pace))
            progress(f"Cleaning articles ({done:,}/{total:,})", 0.9 * done / total / len(_STAGES))
        batch = documents[start : start + _BATCH]
        cleaned = [clean_text(s.text, title=s.title, config=config.clean) for s in batch]
        with read_ahead([language_text(c) for c in cleaned if c.paragraphs]):
            for source, one in zip(batch, cleaned, strict=True):
                entry = manifest.get(source.id) if manifest else None
                done_one = _article(source, one, entry, registry)
                if isinstance(done_one, Skipped):
                    skipped.append(done_one)
                else:
                    articles.append(done_one)
    return articles, skipped


_BATCH = 1000
"""Documents cleaned before their metadata is read: the languages of a batch are read
together (:func:`~natojp.metadata.language.read_ahead`, same guesses, less time)."""


def clean_document(
    source: SourceText,
    config: AnalysisConfig,
    entry: ManifestEntry | None,
    registry: OutletRegistry,
) -> Article | Skipped:
    """One document cleaned into an article (:func:`~natojp.clean.clean_text`, then
    :func:`~natojp.metadata.build_article` with its manifest ``entry``), or the reason
    it is skipped when no article text is left."""
    from natojp.clean import clean_text

    cleaned = clean_text(source.text, title=source.title, config=config.clean)
    return _article(source, cleaned, entry, registry)


def _article(
    source: SourceText,
    cleaned: CleanedText,
    entry: ManifestEntry | None,
    registry: OutletRegistry,
) -> Article | Skipped:
    """The article of a cleaned document, or the reason it is skipped (no text left)."""
    from natojp.metadata import build_article

    if not cleaned.paragraphs:
        return Skipped(
            source.source_path,
            f"article {source.id!r}: no article text left after cleaning (every line "
            "looked like page noise: headline, metadata, captions, widgets)",
        )
    return build_article(source, cleaned, entry, registry=registry)


def _updated_terms(
    base: Analysis, articles: Sequence[Article], config: AnalysisConfig
) -> tuple[DocumentTerms, np.ndarray] | None:
    """The terms of ``base`` brought up to ``articles`` and the mask of the new rows
    (:func:`~natojp.vectorise.update_terms`); None where they must be fitted again, or
    ``base`` does not match (other settings) or cannot be read."""
    from natojp.vectorise import update_terms

    if base.config.vector != config.vector:
        return None
    try:
        return update_terms(base.terms, articles, config.vector)
    except Exception:  # a base is a shortcut: one that cannot be read is not taken
        return None


def _updated_similarity(
    base: Analysis, terms: DocumentTerms, fresh: np.ndarray, config: AnalysisConfig
) -> SimilarityResult | None:
    """The neighbours of ``base`` brought up to ``terms`` (made by
    :func:`_updated_terms`), where they can be
    (:func:`~natojp.similarity.update_similarity`) and ``base`` has the same similarity
    settings."""
    from natojp.similarity import update_similarity

    if base.config.similarity != config.similarity:
        return None
    try:
        return update_similarity(base.similarity, terms, fresh, config.similarity)
    except Exception:  # as in _updated_terms
        return None


def _taxonomy(config: AnalysisConfig) -> Taxonomy:
    """The taxonomy the settings name, else the bundled one."""
    return Taxonomy.load(config.taxonomy_path) if config.taxonomy_path else Taxonomy.default()


def analyze_sources(
    ingested: IngestResult,
    config: AnalysisConfig | None = None,
    *,
    name: str = "corpus",
    progress: Progress | None = None,
) -> Analysis:
    """Run every analysis stage on already ingested documents."""
    config = config or AnalysisConfig()
    timings: dict[str, float] = {}

    from natojp.metadata import Manifest

    t = _stage(progress, "Cleaning articles", 0)
    manifest = Manifest.merged(ingested.manifest_paths, config.manifest_path)
    taxonomy = _taxonomy(config)
    skipped = list(ingested.skipped)
    with paused():  # every cleaned paragraph and article is kept
        articles = _clean_all(ingested, config, manifest, skipped, progress)
    fingerprint = fingerprint_texts([(s.id, s.text) for s in ingested.documents])
    timings["clean"] = time.perf_counter() - t
    return analyze_articles(
        articles,
        config,
        skipped=skipped,
        name=name,
        fingerprint=fingerprint,
        columns=ingested.columns,
        progress=progress,
        timings=timings,
        taxonomy=taxonomy,
    )


def analyze_articles(
    articles: Sequence[Article],
    config: AnalysisConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    name: str = "corpus",
    fingerprint: str = "",
    columns: tuple[ColumnMapping, ...] = (),
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
    taxonomy: Taxonomy | None = None,
    version: str | None = None,
    facts: Mapping[str, ArticleFacts] | FactsSource | None = None,
    on_facts: Callable[[dict[str, ArticleFacts]], object] | None = None,
    beside: BesideStages | None = None,
    off_topic: Callable[[Sequence[Article]], list[Article]] | None = None,
    base: Analysis | None = None,
) -> Analysis:
    """Run every stage after cleaning on already cleaned articles (off-topic removal,
    vectorise, similarity, taxonomy, timeline, duplicates): what :func:`analyze_sources`
    does once each document is cleaned. ``fingerprint`` names the corpus (a content hash),
    ``version`` the frozen library version it is, if any (:attr:`Corpus.version`).

    ``facts``: what was read earlier in ``articles`` on their own, by article id, with
    the same taxonomy (:mod:`natojp.facts`; a library keeps them), or a
    :data:`~natojp.facts.FactsSource` that loads them one part at a time in the process
    that uses it; the articles without, and those whose paragraphs the off-topic pass
    changes, are read here. The analysis is the same with them or without. With
    ``facts`` (even empty), ``on_facts`` is then given the facts read here, by article
    id, to keep.

    ``beside``: where the stages that read only the articles run (the areas, the
    timeline, the duplicates; :data:`BesideStages`), e.g. on a Dask worker
    (:mod:`natojp.engine`). Default: a process forked beside this one when
    :func:`natojp._beside.plan` says so, else in this process after the others.
    ``off_topic``: the off-topic pass, when it was made elsewhere (a function giving
    the articles it keeps, in order); default :func:`~natojp.clean.remove_off_topic`
    with ``config.clean``.

    ``base``: an earlier analysis of mostly the same articles with the same settings (a
    library's, before an add): its vocabulary, weights and neighbours are brought up to
    these articles instead of being made again, while few enough articles changed
    (:func:`~natojp.vectorise.update_terms`,
    :func:`~natojp.similarity.update_similarity`). Every other stage is the same with it
    or without."""
    config = config or AnalysisConfig()
    timings = dict(timings or {})

    t = time.perf_counter()
    if taxonomy is None:
        taxonomy = _taxonomy(config)
    kept = _remove_off_topic(articles, config) if off_topic is None else off_topic(articles)
    if not kept:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5]) or "no input files"
        raise EmptyCorpusError(f"nothing could be analysed ({reasons})")
    corpus = Corpus(
        tuple(kept),
        tuple(skipped),
        name=name,
        fingerprint=fingerprint,
        columns=columns,
        version=version,
    )
    timings["clean"] = timings.get("clean", 0.0) + time.perf_counter() - t

    # Every stage builds many small objects that are all kept, and no reference cycles
    # worth collecting early: the collector's passes over the analysis would add about
    # a tenth at 100,000 articles (see natojp._gc).
    with paused():
        articles_ = corpus.articles
        derived: dict[str, Any] = {}
        whole = whole_articles(articles, articles_) if facts is not None else frozenset()
        load = facts_loader(articles_, whole, facts)
        # The areas, the timeline and the duplicates need only the articles: on a second
        # CPU they are computed meanwhile (natojp._beside; the same results), with the
        # areas and dates kept of the articles, loaded there.
        pending: BesideStages | None = beside
        if pending is None and plan_beside(len(articles_), config.workers):
            pending = _SharedStages(articles_, taxonomy, config.duplicates, load)
        known: SplitFacts | None = None  # here: the mentions and specifics kept
        if load is not None:
            t = time.perf_counter()
            known = load("mentions")
            timings["facts"] = timings.get("facts", 0.0) + time.perf_counter() - t

        from natojp.similarity import article_similarity, source_similarity, topics
        from natojp.vectorise import vectorise

        t = _stage(progress, "Vectorising (TF-IDF)", 1)
        updated = _updated_terms(base, articles_, config) if base is not None else None
        terms = updated[0] if updated is not None else vectorise(articles_, config.vector)
        timings["vectorise"] = time.perf_counter() - t

        t = _stage(progress, "Comparing sources", 2)
        similarity = None
        if base is not None and updated is not None:
            similarity = _updated_similarity(base, terms, updated[1], config)
        if similarity is None:
            similarity = article_similarity(terms, config.similarity)
        sources = source_similarity(
            terms, [a.source for a in articles_], config.similarity.max_sources
        )
        topic_list = tuple(topics(terms))
        from natojp.relevance import score_relevance

        relevance = score_relevance(articles_, terms)
        timings["similarity"] = time.perf_counter() - t

        if pending is None:
            t = time.perf_counter()
            stages = load("stages") if load is not None else None
            if load is not None:
                timings["facts, stages part"] = time.perf_counter() - t
            tech, timeline, duplicates, read, spent = _article_stages(
                articles_, taxonomy, config.duplicates, progress, stages
            )
            timings.update(spent)
        else:
            _stage(progress, "Scoring areas, building the timeline, finding duplicates", 3)
        if pending is not None or known is not None:
            # What the report, the brief and the Corroboration page will read of each
            # article (most of the corroboration's time): meanwhile, on a CPU that would
            # idle, or to be kept with the facts. Made later on first use all the same.
            from natojp.corroboration import read_mentions
            from natojp.provenance import read_specifics

            unread = [a for a in articles_ if known is None or a.id not in known.mentions]
            t = time.perf_counter()
            mentions = read_mentions(unread)
            timings["corroboration mentions"] = time.perf_counter() - t
            t = time.perf_counter()
            # The first half's specifics here, the second half's beside: the two
            # processes then finish at about the same time.
            specifics = read_specifics(
                articles_, unread[: len(unread) // 2] if pending is not None else unread
            )
            half = ", first half" if pending is not None else ""
            timings[f"provenance specifics{half}"] = time.perf_counter() - t
            if pending is not None:
                t = time.perf_counter()
                tech, timeline, duplicates, read, spent = pending.result()
                timings.update(spent)  # each stage's own time, in the other process
                timings["waiting"] = time.perf_counter() - t
            specifics.update(read.specifics)
            read.mentions, read.specifics = mentions, specifics
            derived["mentions"] = mentions if known is None else {**known.mentions, **mentions}
            derived["specifics"] = specifics if known is None else {**known.specifics, **specifics}
            if known is not None and on_facts is not None:  # those of whole articles
                on_facts(_kept_facts(read, [a for a in unread if a.id in whole], specifics))
    if progress is not None:
        progress("Done", 1.0)

    return Analysis(
        corpus=corpus,
        terms=terms,
        similarity=similarity,
        sources=sources,
        tech=tech,
        timeline=timeline,
        duplicates=duplicates,
        relevance=relevance,
        topics=topic_list,
        taxonomy=taxonomy,
        config=config,
        analyzed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        timings=timings,
        _derived=derived,
    )
