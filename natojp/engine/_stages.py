"""The partitioned stages: plain functions from files to files (or to small values),
without side effects beyond the files they are told to write, the same on a laptop or
on a cluster's workers. :mod:`natojp.engine._dask` runs them as Dask tasks.

1. :func:`clean_partition`: a Parquet file of documents to a folder of cleaned articles
   (:func:`natojp.analysis.clean_documents`), returning where they are, how many, and
   the documents skipped.
2. :func:`facts_partition`: that folder to what is read in each article on its own
   (:func:`natojp.facts.read_facts`), split in the two parts the analysis loads in two
   places (:data:`natojp.facts.Part`).
3. The off-topic pass, which compares each paragraph with the whole corpus, in
   partitions (:mod:`natojp.clean._offtopic`): :func:`clean_and_count`, a partition
   cleaned and its paragraphs' term counts; :func:`term_frequencies`, what the
   vocabulary takes of them;
   the steps of that module between; :func:`offtopic_changes`, a partition's articles
   the pass changes, :func:`merge_changes` those of every partition, and
   :func:`corpus_after`, every article folder to the corpus after the pass.
4. The candidate passage pairs of the duplicates, in partitions
   (:mod:`natojp.duplicates._partitioned`): :func:`facts_partition`, a partition's
   shingles split by hash into buckets; :func:`changed_shingles`, those of the few
   articles the off-topic pass changed; :func:`shingle_bucket`, one bucket of every
   partition to the passage pairs sharing its shingles; :func:`duplicate_candidates`,
   the pairs of every bucket to the candidates.
5. :func:`corpus_areas`: that corpus, with the part ``"stages"`` of the facts, to the
   areas and the timeline (:func:`natojp._stages.beside_areas`), and
   :func:`corpus_duplicates`: that corpus and the candidate pairs to its duplicates
   (verification, runs, evidence and the grouping into reports). With the vectors and the
   similarities, made by the analysing process, these are the stages that hold the
   whole corpus.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from natojp._gc import paused
from natojp._stages import AreasAndDates, beside_areas
from natojp.analysis import clean_documents
from natojp.clean._offtopic import (
    ParagraphTerms,
    PartVectors,
    Probes,
    TermFrequencies,
    paragraph_terms,
    part_changes,
    unlike_any,
)
from natojp.config import AnalysisConfig
from natojp.duplicates import DuplicateResult, find_duplicates
from natojp.duplicates._partitioned import (
    ORDER_BITS,
    PairCounts,
    Shingles,
    bucket_pairs,
    candidate_pairs,
    partition_shingles,
    passage_keys,
)
from natojp.engine._parquet import read_articles, read_documents, write_articles
from natojp.facts import ArticleFacts, SplitFacts, read_facts, split_facts
from natojp.metadata import Manifest
from natojp.models import Article, Skipped
from natojp.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class CleanedPartition:
    """A partition cleaned by :func:`clean_partition`."""

    path: str
    """The folder of its articles (:func:`natojp.engine._parquet.read_articles`)."""
    articles: int
    skipped: tuple[Skipped, ...]
    languages: tuple[str, ...] = ()
    """The languages of its articles (ISO 639-1, sorted)."""


def clean_partition(
    documents: str | os.PathLike[str],
    out: str | os.PathLike[str],
    config: AnalysisConfig,
    manifest: Manifest | None,
) -> CleanedPartition:
    """Clean the documents of the Parquet file ``documents`` into articles written to
    the folder ``out``."""
    return _cleaned(documents, out, config, manifest)[0]


def clean_and_count(
    documents: str | os.PathLike[str],
    out: str | os.PathLike[str],
    config: AnalysisConfig,
    manifest: Manifest | None,
) -> tuple[CleanedPartition, ParagraphTerms]:
    """:func:`clean_partition`, and the term counts of the cleaned articles' paragraphs
    (step 1 of the off-topic pass, :func:`natojp.clean._offtopic.paragraph_terms`),
    made while the articles are at hand instead of read again."""
    partition, articles = _cleaned(documents, out, config, manifest)
    return partition, paragraph_terms(articles if config.clean.off_topic else [])


def _cleaned(
    documents: str | os.PathLike[str],
    out: str | os.PathLike[str],
    config: AnalysisConfig,
    manifest: Manifest | None,
) -> tuple[CleanedPartition, list[Article]]:
    articles, skipped = clean_documents(read_documents(documents), config, manifest)
    path = write_articles(articles, out)
    languages = tuple(sorted({a.language for a in articles if a.language}))
    return CleanedPartition(path, len(articles), tuple(skipped), languages), articles


def several_languages(partitions: Sequence[CleanedPartition]) -> bool:
    """Whether the articles of ``partitions`` are in two languages or more."""
    return len({lang for p in partitions for lang in p.languages}) >= 2


@dataclass(frozen=True, slots=True)
class PartitionFacts:
    """What :func:`facts_partition` reads in a partition's articles."""

    stages: SplitFacts
    """The areas and dates (the part ``"stages"``, :data:`natojp.facts.Part`)."""
    mentions: SplitFacts
    """The mentions and specifics (the part ``"mentions"``)."""
    shingles: list[Shingles]
    """The shingles of the articles' passages, by bucket (none unless asked for)."""


def facts_partition(
    partition: CleanedPartition,
    number: int | None = None,
    *,
    taxonomy: Taxonomy,
    config: AnalysisConfig | None = None,
    buckets: int = 1,
    several: bool | None = None,
) -> PartitionFacts:
    """The facts of the articles of ``partition`` (read with ``taxonomy``), by part,
    and with the partition's ``number``, the shingles of their passages
    (:func:`natojp.duplicates._partitioned.partition_shingles`, set from ``config``)
    split into ``buckets`` by hash, the articles numbered ``number << PLACE_BITS |
    place``: the articles are read once for both.

    Specifics serve only to link articles across languages: they are read when the
    corpus is in two languages or more, ``several`` (:func:`several_languages` of every
    partition); without it, when the partition is. Read in the partitions, they are
    read in parallel; a partition in one language of a corpus in several would leave
    them to provenance, in the analysing process alone (100,000 generated articles in
    several languages, one per partition: provenance 29.8 s against 15.3 s in
    process)."""
    articles = read_articles(partition.path)
    if several is None:
        several = len({a.language for a in articles if a.language}) >= 2
    facts = read_facts(articles, taxonomy, with_specifics=several)
    stages, mentions = _parts(articles, facts)
    shingles: list[Shingles] = []
    if number is not None:
        first = number << PLACE_BITS
        duplicates = (config or AnalysisConfig()).duplicates
        numbers = range(first, first + len(articles))
        shingles = partition_shingles(articles, numbers, duplicates, buckets)
    return PartitionFacts(stages, mentions, shingles)


def _parts(
    articles: Sequence[Article], facts: dict[str, ArticleFacts]
) -> tuple[SplitFacts, SplitFacts]:
    # split_facts drops specifics of a partition in one language: keep them all here
    split = split_facts(articles, facts)
    specifics = {i: f.specifics for i, f in facts.items() if f.specifics is not None}
    return (
        SplitFacts(split.areas, split.dates, {}, {}),
        SplitFacts({}, {}, split.mentions, specifics),
    )


def merge_facts(parts: Sequence[SplitFacts]) -> SplitFacts:
    """One :class:`~natojp.facts.SplitFacts` of the partitions' ``parts``."""
    merged = SplitFacts({}, {}, {}, {})
    for p in parts:
        merged.areas.update(p.areas)
        merged.dates.update(p.dates)
        merged.mentions.update(p.mentions)
        merged.specifics.update(p.specifics)
    return merged


def read_partitions(partitions: Sequence[CleanedPartition]) -> list[Article]:
    """The articles of ``partitions``, in order."""
    articles: list[Article] = []
    for p in partitions:
        articles += read_articles(p.path)
    return articles


@dataclass(frozen=True, slots=True)
class OffTopic:
    """The corpus after the off-topic pass (:func:`corpus_after`)."""

    kept: list[Article]
    """Every article, as the pass left it, in order."""
    changed: dict[str, Article]
    """The articles it changed, by id: what another process applies to its own copy
    of the articles instead of making the pass again."""

    def __sizeof__(self) -> int:
        """About its size pickled (measured: 1.25 to 1.6 times the characters of the
        paragraphs), which is what moving it to another process costs (Dask weighs
        results by it, to place tasks and bound a worker's memory)."""
        chars = sum(len(p.text) for a in self.kept for p in a.paragraphs)
        return int(1.5 * chars) + 300 * len(self.kept)

    @property
    def whole(self) -> frozenset[str]:
        """The ids of the articles it left as they were."""
        return frozenset(a.id for a in self.kept if a.id not in self.changed)


# The off-topic pass in partitions (the steps of natojp.clean._offtopic), as tasks.


def term_frequencies(terms: ParagraphTerms) -> TermFrequencies:
    """What step 2 takes of a partition's term counts (:func:`clean_and_count`)."""
    return terms.frequencies


def offtopic_changes(
    partition: CleanedPartition,
    vectors: PartVectors,
    probes: Probes,
    best: np.ndarray,
    config: AnalysisConfig,
) -> dict[str, Article]:
    """Step 6: the articles of a partition the pass changes, by id (the partition's
    articles are read only where there are some)."""
    if not unlike_any(probes, best, config.clean).any():
        return {}
    articles = read_articles(partition.path)
    found = part_changes(articles, vectors, probes, best, config.clean)
    return {articles[i].id: a for i, a in found.items()}


def merge_changes(parts: Sequence[dict[str, Article]]) -> dict[str, Article]:
    """The articles every partition's :func:`offtopic_changes` changed, by id."""
    return {k: a for p in parts for k, a in p.items()}


def corpus_after(partitions: Sequence[CleanedPartition], changed: dict[str, Article]) -> OffTopic:
    """The corpus of ``partitions`` after the off-topic pass, given the articles it
    ``changed`` (:func:`merge_changes`)."""
    with paused():
        articles = read_partitions(partitions)
    return OffTopic([changed.get(a.id, a) for a in articles], changed)


def changed_articles(corpus: OffTopic) -> dict[str, Article]:
    """The articles the off-topic pass changed, by id (to send where they are wanted)."""
    return corpus.changed


def corpus_areas(
    corpus: OffTopic, stages: Sequence[SplitFacts], taxonomy: Taxonomy
) -> AreasAndDates:
    """The areas and the timeline of the articles ``corpus`` holds, given the part
    ``"stages"`` of each partition's facts (:func:`natojp._stages.beside_areas`)."""
    facts = merge_facts(stages)
    return beside_areas(corpus.kept, corpus.whole, taxonomy, lambda part: facts)


PLACE_BITS = 20
"""Bits of an article's number (in a passage key) for its place in its partition: a
partition holds at most 1,048,576 articles. The partition's number takes the bits
above."""
MAX_PARTITION = 1 << PLACE_BITS


@dataclass(frozen=True, slots=True)
class ChangedShingles:
    """The shingles of the articles the off-topic pass changed (:func:`changed_shingles`)."""

    numbers: np.ndarray
    """Their numbers, as :func:`facts_partition` numbers them: their shingles there
    are those of the articles before the pass."""
    buckets: list[Shingles]
    """Their shingles after the pass, by bucket."""


def changed_shingles(
    corpus: OffTopic, sizes: Sequence[int], config: AnalysisConfig, buckets: int
) -> ChangedShingles:
    """The shingles of the articles ``corpus``'s off-topic pass changed (the articles of
    partition ``p`` being ``sizes[p]`` of ``corpus.kept`` in turn)."""
    if sum(sizes) != len(corpus.kept):
        raise ValueError("the partition sizes do not add up to the corpus")
    places = [i for i, a in enumerate(corpus.kept) if a.id in corpus.changed]
    starts = np.cumsum([0, *sizes])
    partition = np.searchsorted(starts, np.asarray(places, dtype=np.int64), side="right") - 1
    numbers = (partition << PLACE_BITS) | (np.asarray(places, dtype=np.int64) - starts[partition])
    changed = [corpus.kept[i] for i in places]
    found = partition_shingles(changed, numbers.tolist(), config.duplicates, buckets)
    return ChangedShingles(numbers.astype(np.int64), found)


def shingle_bucket(
    parts: Sequence[Shingles], changed: ChangedShingles, bucket: int, config: AnalysisConfig
) -> PairCounts:
    """The passage pairs sharing a shingle of bucket ``bucket``, given that bucket of
    every partition (``parts``), with the shingles of the articles the off-topic pass
    changed in place of theirs before it."""
    kept = [p.without(changed.numbers) for p in parts]
    return bucket_pairs([*kept, changed.buckets[bucket]], config.duplicates.max_shingle_passages)


def duplicate_candidates(
    parts: Sequence[PairCounts], sizes: Sequence[int], config: AnalysisConfig
) -> np.ndarray:
    """The candidate passage pairs of the corpus, given the pairs of every bucket
    (:func:`shingle_bucket`), with the articles numbered by their place in the corpus
    instead of by partition and place (what :func:`corpus_duplicates` takes);
    ``sizes``: the articles of each partition."""
    pairs = candidate_pairs(parts, config.duplicates.min_shared_shingles)
    starts = np.cumsum([0, *sizes]).astype(np.int64)
    number = pairs >> ORDER_BITS
    place = starts[number >> PLACE_BITS] + (number & (MAX_PARTITION - 1))
    placed: np.ndarray = passage_keys(place, pairs & ((1 << ORDER_BITS) - 1))
    return placed


def corpus_duplicates(
    corpus: OffTopic, config: AnalysisConfig, pairs: np.ndarray | None = None
) -> tuple[DuplicateResult, float]:
    """The duplicates of the articles ``corpus`` holds
    (:func:`natojp.duplicates.find_duplicates`), from the candidate passage ``pairs``
    when given (:func:`duplicate_candidates`), and the seconds they took."""
    t = time.perf_counter()
    with paused():
        found = find_duplicates(corpus.kept, config.duplicates, passage_pairs=pairs)
    return found, time.perf_counter() - t
