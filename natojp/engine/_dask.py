"""The analysis on a Dask cluster (:mod:`dask.distributed`).

The work, as Dask tasks (the functions of :mod:`natojp.engine._stages`):

1. This process ingests the inputs (document ids and the caps are corpus-wide) and
   writes the documents in partitions of ``partition_size``, as Parquet files in the
   work folder.
2. One task per partition cleans its documents into articles, written to Parquet beside
   them, and one more reads each article's facts (:mod:`natojp.facts`: areas, date
   mentions, quotes, claims, specifics). The workers share the partitions; this
   process reads each partition's articles as soon as it is cleaned.
3. The off-topic pass, which compares each paragraph with the whole corpus, runs in
   partitions too (:mod:`natojp.clean._offtopic`): each partition's cleaning task counts
   its paragraphs' terms; one task makes the vocabulary of their document frequencies;
   each partition weighs its paragraphs and finds those unlike their own article; one
   task merges the partitions' postings into the index that proves most of them
   resemble another article; the few left are compared with every partition's articles, and each
   partition changes its own articles. What moves between workers is the document
   frequencies, the capped postings and the few paragraphs in doubt, not the texts.
   One task then reads every partition with the articles the pass changed: the corpus
   the areas and duplicates take (step 5). Only the few articles the pass changes come
   to this process.
4. Meanwhile, the candidate passage pairs of the duplicates are found in partitions
   (:mod:`natojp.duplicates._partitioned`): the facts task of each partition also
   hashes the shingles of its passages and splits them by hash into two buckets per
   worker; once the off-topic pass is done, one task per bucket takes that bucket of
   every partition (worker to worker, with the shingles of the few articles the pass
   changed) and counts the passage pairs sharing its shingles; one task sums the
   buckets' counts.
5. On the worker holding the corpus, one task computes the areas and the timeline,
   with the areas and dates of every partition (sent from worker to worker, not
   through this process); on another worker, one task verifies the candidate pairs and
   groups the articles into reports, in the same corpus (sent there once). Meanwhile
   this process gathers the mentions and specifics, vectorises and compares
   (:func:`natojp.analysis.analyze_articles` with ``beside`` and ``off_topic``).

What comes to this process is what the analysis it returns holds anyway: the articles,
the mentions and specifics, and the results of the stages. The results are those of
:func:`natojp.analysis.analyze` on the same inputs (tested).

Not partitioned yet: the areas and timeline and the verification of step 5 hold the
whole corpus on one worker, and the client holds it as the in-process engine
does; see the README for what that means for memory.
"""

from __future__ import annotations

import contextlib
import logging
import operator
import os
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from natojp._beside import usable_cpus
from natojp._stages import AreasAndDates, Progress, StagesResult
from natojp.analysis import (
    Analysis,
    _taxonomy,
    analyze_articles,
    default_config,
)
from natojp.clean._offtopic import (
    ParagraphTerms,
    best_of,
    corpus_idf,
    corpus_postings,
    join_probes,
    part_best,
    part_postings,
    part_probes,
    part_vectors,
)
from natojp.config import AnalysisConfig
from natojp.duplicates import DuplicateResult
from natojp.engine._parquet import (
    join,
    make_folder,
    read_articles,
    remove_folder,
    write_documents,
)
from natojp.engine._stages import (
    MAX_PARTITION,
    CleanedPartition,
    OffTopic,
    changed_articles,
    changed_shingles,
    clean_and_count,
    clean_partition,
    corpus_after,
    corpus_areas,
    corpus_duplicates,
    duplicate_candidates,
    facts_partition,
    merge_changes,
    merge_facts,
    offtopic_changes,
    several_languages,
    shingle_bucket,
    term_frequencies,
)
from natojp.errors import ConfigError
from natojp.ingest import IngestResult, read_paths
from natojp.metadata import Manifest
from natojp.models import Article, Skipped, SourceText, fingerprint_texts
from natojp.report import natojp_version

if TYPE_CHECKING:
    from distributed import Client, Future

    from natojp.facts import Part, SplitFacts

_STAGES = 6  # as natojp.analysis reports them: cleaning is the first sixth
_CONNECT_TIMEOUT = "30s"  # to reach a scheduler


@dataclass(frozen=True, slots=True)
class DaskEngine:
    """Where and how to run an analysis on Dask.

    ``scheduler``: the address of a running Dask scheduler (``tcp://host:8786``); None
    starts a :class:`distributed.LocalCluster` of ``workers`` processes (default: one
    per usable CPU) on this machine for the analysis. ``partition_size``: documents per
    task. ``workdir``: where the partitions are written, read by every worker (on a
    cluster of several machines: storage they all mount); default a temporary folder
    of this machine. Each analysis uses a folder of its own in it, removed afterwards.
    """

    scheduler: str | None = None
    workers: int | None = None
    partition_size: int = 1_000
    workdir: str | os.PathLike[str] | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and (
            isinstance(self.workers, bool) or not isinstance(self.workers, int) or self.workers < 1
        ):
            raise ConfigError(
                f"the Dask workers must be a positive whole number, not {self.workers!r}"
            )
        if self.scheduler is not None and self.workers is not None:
            raise ConfigError(
                "give either a Dask scheduler's address or a number of local workers, not both"
            )
        if (
            isinstance(self.partition_size, bool)
            or not isinstance(self.partition_size, int)
            or not 1 <= self.partition_size <= MAX_PARTITION
        ):
            raise ConfigError(
                f"the partition size must be a whole number from 1 to {MAX_PARTITION:,}, "
                f"not {self.partition_size!r}"
            )


def analyze_dask(
    paths: Sequence[str | os.PathLike[str]],
    config: AnalysisConfig | None = None,
    engine: DaskEngine | None = None,
    *,
    name: str | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """:func:`natojp.analysis.analyze` on Dask (see the module docstring)."""
    config = config or default_config()
    t = time.perf_counter()
    ingested = read_paths(paths, config.ingest)
    read = time.perf_counter() - t
    label = name or ", ".join(Path(p).name or str(p) for p in paths)
    return analyze_sources_dask(
        ingested, config, engine, name=label, progress=progress, timings={"ingest": read}
    )


def analyze_sources_dask(
    ingested: IngestResult,
    config: AnalysisConfig | None = None,
    engine: DaskEngine | None = None,
    *,
    name: str = "corpus",
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
) -> Analysis:
    """:func:`natojp.analysis.analyze_sources` on Dask (see the module docstring)."""
    config = config or AnalysisConfig()
    engine = engine or DaskEngine()
    timings = dict(timings or {})
    if progress is not None:
        progress("Starting the Dask workers", 0.0)
    manifest = Manifest.merged(ingested.manifest_paths, config.manifest_path)
    taxonomy = _taxonomy(config)
    fingerprint = fingerprint_texts([(s.id, s.text) for s in ingested.documents])
    import distributed

    with _work_folder(engine.workdir) as folder, _connect(engine) as client:
        t = time.perf_counter()
        docs = ingested.documents
        inputs, outputs = _partitions(docs, folder, engine.partition_size)
        timings["partitions"] = time.perf_counter() - t

        t = time.perf_counter()
        manifest_on, taxonomy_on = _everywhere(client, manifest), _everywhere(client, taxonomy)
        # Cleaning first (priority), then the off-topic pass, which needs every
        # partition cleaned and the duplicates' candidates wait for.
        counted = client.map(
            clean_and_count,
            inputs,
            outputs,
            config=config,
            manifest=manifest_on,
            priority=1,
        )
        cleaned: list[Future[CleanedPartition]] = client.map(
            operator.getitem, counted, [0] * len(counted), priority=1
        )
        terms: list[Future[ParagraphTerms]] = client.map(
            operator.getitem, counted, [1] * len(counted), priority=1
        )
        del counted  # the parts stay where they are, as long as they are wanted
        buckets = _buckets(client)
        # Specifics are read where the corpus is in several languages: known once every
        # partition is cleaned, which the facts then wait for (cleaning comes first).
        several = client.submit(several_languages, cleaned, pure=False)
        facts = client.map(
            facts_partition,
            cleaned,
            range(len(cleaned)),
            taxonomy=taxonomy_on,
            config=config,
            buckets=buckets,
            several=several,
        )
        stages = client.map(getattr, facts, ["stages"] * len(facts))
        mentions = client.map(getattr, facts, ["mentions"] * len(facts))
        shingled = client.map(getattr, facts, ["shingles"] * len(facts))
        del facts  # what each part holds stays where it is, as long as the parts are wanted
        corpus = _off_topic(client, cleaned, terms, config)
        del terms
        articles, partitions = _cleaned(client, cleaned, len(docs), progress)
        timings["clean"] = time.perf_counter() - t
        sizes = [p.articles for p in partitions]
        skipped = list(ingested.skipped)
        for p in partitions:
            skipped += p.skipped

        # The mentions and specifics, while the off-topic pass runs.
        t = time.perf_counter()
        known = merge_facts(client.gather(mentions))
        timings["facts"] = time.perf_counter() - t

        # The areas and the timeline where the corpus is; the duplicates, the longest
        # stage, on another worker if there is one (the corpus is sent there once).
        t = time.perf_counter()
        distributed.wait(corpus)
        here = list(client.who_has([corpus]).get(corpus.key, ()))
        others = [w for w in client.scheduler_info()["workers"] if w not in here]
        areas = client.submit(corpus_areas, corpus, stages, taxonomy_on, pure=False, **_on(here))
        pairs = _candidates(client, corpus, shingled, sizes, config, buckets)
        duplicates = client.submit(
            corpus_duplicates, corpus, config, pairs, pure=False, **_on(others[:1])
        )
        del shingled, pairs
        changed: dict[str, Article] = client.submit(changed_articles, corpus).result()
        del corpus
        timings["off-topic pass"] = time.perf_counter() - t

        def source(part: Part) -> SplitFacts:
            return known if part == "mentions" else merge_facts(client.gather(stages))

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
            facts=source,
            beside=_Remote(areas, duplicates),
            off_topic=lambda given: [changed.get(a.id, a) for a in given],
        )


def clean_dask(
    documents: Sequence[SourceText],
    config: AnalysisConfig,
    manifest: Manifest | None,
    engine: DaskEngine | None = None,
) -> list[Article | Skipped]:
    """Each document cleaned into its article, or the reason it is skipped (no text
    left), in order, on Dask: :func:`natojp.analysis.clean_document` of every document,
    in partitions (what a library add does with new documents)."""
    if not documents:
        return []
    engine = engine or DaskEngine()
    with _work_folder(engine.workdir) as folder, _connect(engine) as client:
        inputs, outputs = _partitions(documents, folder, engine.partition_size)
        futures = client.map(
            clean_partition, inputs, outputs, config=config, manifest=_everywhere(client, manifest)
        )
        articles, partitions = _cleaned(client, futures, len(documents), None)
    skips = iter([s for p in partitions for s in p.skipped])
    by_id = {a.id: a for a in articles}
    return [by_id[d.id] if d.id in by_id else next(skips) for d in documents]


def _off_topic(
    client: Client,
    cleaned: list[Future[CleanedPartition]],
    terms: list[Future[ParagraphTerms]],
    config: AnalysisConfig,
) -> Future[OffTopic]:
    """The corpus after the off-topic pass, made in partitions (the steps of
    :mod:`natojp.clean._offtopic`): each partition's work where it is, and the
    vocabulary, the capped index, the probes and their best cosines brought together
    by one task each (step 3 of the module docstring)."""
    if not config.clean.off_topic:
        return client.submit(corpus_after, cleaned, {}, priority=1, pure=False)
    n, clean = len(cleaned), config.clean
    idf = client.submit(
        corpus_idf, client.map(term_frequencies, terms, priority=1), priority=1, pure=False
    )
    vectors = client.map(part_vectors, terms, [idf] * n, range(n), config=clean, priority=1)
    del terms  # each partition's counts are let go once its vectors are made
    postings = client.submit(
        corpus_postings, client.map(part_postings, vectors, priority=1), idf, priority=1
    )
    probes = client.map(part_probes, vectors, [postings] * n, config=clean, priority=1)
    joined = client.submit(join_probes, probes, priority=1)
    best = client.submit(
        best_of, client.map(part_best, vectors, [joined] * n, priority=1), joined, priority=1
    )
    changes = client.map(
        offtopic_changes,
        cleaned,
        vectors,
        probes,
        client.map(operator.getitem, [best] * n, range(n), priority=1),
        config=config,
        priority=1,
    )
    changed = client.submit(merge_changes, changes, priority=1)
    return client.submit(corpus_after, cleaned, changed, priority=1, pure=False)


def _buckets(client: Client) -> int:
    """How many buckets the shingles are split into: two per worker."""
    return max(2, 2 * len(client.scheduler_info()["workers"]))


def _candidates(
    client: Client,
    corpus: Future[Any],
    shingled: list[Future[Any]],
    sizes: list[int],
    config: AnalysisConfig,
    buckets: int,
) -> Future[Any]:
    """The candidate passage pairs of the duplicates, as tasks: the shingles of each
    partition, by bucket, are sent (worker to worker) to the bucket's task, with those
    of the articles the off-topic pass changed (:mod:`natojp.engine._stages`, step 4)."""
    changed = client.submit(changed_shingles, corpus, sizes, config, buckets, pure=False)
    counted = [
        client.submit(
            shingle_bucket,
            client.map(operator.getitem, shingled, [b] * len(shingled), pure=False),
            changed,
            b,
            config,
            pure=False,
        )
        for b in range(buckets)
    ]
    return client.submit(duplicate_candidates, counted, sizes, config, pure=False)


@dataclass(frozen=True, slots=True)
class _Remote:
    """The corpus stages running as tasks (:class:`natojp._stages.BesideStages`)."""

    areas: Future[AreasAndDates]
    duplicates: Future[tuple[DuplicateResult, float]]

    def result(self) -> StagesResult:
        tech, timeline, read, spent = self.areas.result()
        found, seconds = self.duplicates.result()
        return tech, timeline, found, read, {**spent, "duplicates": seconds}


def _partitions(
    documents: Sequence[SourceText], folder: str, size: int
) -> tuple[list[str], list[str]]:
    """``documents`` written in partitions of ``size`` to ``folder``: the partition
    files, and the folders their articles go to."""
    inputs = [
        write_documents(documents[i : i + size], join(folder, f"documents-{k:05d}.parquet"))
        for k, i in enumerate(range(0, len(documents), size))
    ]
    return inputs, [join(folder, f"articles-{k:05d}") for k in range(len(inputs))]


def _on(workers: list[str]) -> dict[str, Any]:
    """Where a task should run: on ``workers`` if they can (any worker otherwise)."""
    return {"workers": workers, "allow_other_workers": True} if workers else {}


def _everywhere(client: Client, value: Any) -> Any:
    """``value`` sent to every worker once (a future tasks take in its place); None
    stays None."""
    return None if value is None else client.scatter(value, broadcast=True)


def _cleaned(
    client: Client,
    cleaned: list[Future[CleanedPartition]],
    documents: int,
    progress: Progress | None,
) -> tuple[list[Article], list[CleanedPartition]]:
    """The articles of the cleaned partitions and the partitions, in order: each
    partition's articles are read here as soon as it is cleaned, while the workers go
    on."""
    from distributed import as_completed

    index = {f.key: i for i, f in enumerate(cleaned)}
    done: dict[int, CleanedPartition] = {}
    read: dict[int, list[Article]] = {}
    try:
        for n, (future, partition) in enumerate(as_completed(cleaned, with_results=True), start=1):
            i = index[future.key]
            done[i], read[i] = partition, read_articles(partition.path)
            if progress is not None:
                progress(
                    f"Cleaning articles (partition {n:,}/{len(cleaned):,}, "
                    f"{documents:,} documents)",
                    0.9 * n / len(cleaned) / _STAGES,
                )
    except FileNotFoundError as exc:
        raise ConfigError(
            f"a Dask worker could not read a partition this process wrote, or this "
            f"process one a worker wrote ({exc}): on a cluster of several machines, give "
            "a work folder every worker and this process can read (--workdir)"
        ) from exc
    articles: list[Article] = []
    for i in range(len(cleaned)):
        articles += read[i]
    return articles, [done[i] for i in range(len(cleaned))]


@contextlib.contextmanager
def _work_folder(workdir: str | os.PathLike[str] | None) -> Iterator[str]:
    """A new folder for one analysis's partitions (in ``workdir`` when given: a path or
    an fsspec URL), removed afterwards."""
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="natojp-dask-") as tmp:
            yield tmp
        return
    folder = make_folder(join(workdir, f"natojp-{uuid.uuid4().hex[:12]}"))
    try:
        yield folder
    finally:
        remove_folder(folder)


@contextlib.contextmanager
def _connect(engine: DaskEngine) -> Iterator[Client]:
    """A client of the engine's scheduler, or of a local cluster made for the analysis;
    checks that every worker runs this version of natojp (another would find other
    results)."""
    from distributed import Client, LocalCluster

    if engine.scheduler is not None:
        try:
            client = Client(engine.scheduler, timeout=_CONNECT_TIMEOUT)
        except OSError as exc:
            raise ConfigError(
                f"could not connect to the Dask scheduler at {engine.scheduler}: {exc}"
            ) from exc
        with client:
            _check_versions(client)
            yield client
        return
    n = engine.workers or usable_cpus()
    with (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # this machine only; no dashboard
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _version() -> str:
    """natojp's version where this runs (on a worker, in :func:`_check_versions`)."""
    from natojp import report

    return report.natojp_version()


def _check_versions(client: Client) -> None:
    versions: dict[str, str] = client.run(_version)
    if not versions:
        raise ConfigError("the Dask scheduler has no workers")
    here = natojp_version()
    other = {w: v for w, v in versions.items() if v != here}
    if other:
        worker, version = next(iter(other.items()))
        raise ConfigError(
            f"the Dask worker {worker} runs natojp {version}, this process {here}: "
            "install the same version of natojp on every worker"
        )
