from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from natojp.analysis import analyze, clean_documents
from natojp.clean._offtopic import (
    best_of,
    corpus_idf,
    corpus_postings,
    join_probes,
    off_topic_changes,
    paragraph_terms,
    part_best,
    part_postings,
    part_probes,
    part_vectors,
)
from natojp.config import AnalysisConfig, CleanConfig, IngestConfig
from natojp.duplicates._partitioned import key_articles
from natojp.engine._parquet import read_articles, write_documents
from natojp.engine._stages import (
    PLACE_BITS,
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
    read_partitions,
    several_languages,
    shingle_bucket,
    term_frequencies,
)
from natojp.facts import SplitFacts, read_facts
from natojp.ingest import read_paths
from natojp.taxonomy import Taxonomy
from tests import ROOT
from tests.duplicates.test_partitioned import whole_corpus_pairs
from tests.engine.corpus import write_mixed_corpus
from tests.library.helpers import BRIDGE, FERRY, HARBOUR, write

STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


def off_topic(partitions: list[CleanedPartition], config: AnalysisConfig) -> OffTopic:
    """The corpus of ``partitions`` after the off-topic pass, made in this process a
    partition at a time (:func:`natojp.clean._offtopic.off_topic_changes`)."""
    parts = [read_articles(p.path) for p in partitions]
    found = off_topic_changes(parts, config.clean)
    changed = {part[i].id: a for part, c in zip(parts, found, strict=True) for i, a in c.items()}
    return corpus_after(partitions, changed)


def _partitions(tmp_path: Path, corpus: Path, size: int) -> list[CleanedPartition]:
    documents = read_paths([corpus], IngestConfig()).documents
    return [
        clean_partition(
            write_documents(documents[i : i + size], tmp_path / f"d{i}.parquet"),
            tmp_path / f"a{i}",
            AnalysisConfig(),
            None,
        )
        for i in range(0, len(documents), size)
    ]


def test_clean_partition_cleans_as_the_analysis_does(tmp_path: Path) -> None:
    documents = read_paths([write_mixed_corpus(tmp_path / "in")], IngestConfig()).documents
    want, skipped = clean_documents(documents, AnalysisConfig(), None)
    assert skipped  # a text with nothing left after cleaning
    got = clean_partition(
        write_documents(documents, tmp_path / "d.parquet"), tmp_path / "a", AnalysisConfig(), None
    )
    languages = tuple(sorted({a.language for a in want if a.language}))
    assert len(languages) >= 2
    assert got == CleanedPartition(str(tmp_path / "a"), len(want), tuple(skipped), languages)
    assert read_articles(got.path) == want


def test_partitions_read_back_in_order(tmp_path: Path) -> None:
    partitions = _partitions(tmp_path, STORY40, 7)
    assert len(partitions) == 6
    assert [a.id for a in read_partitions(partitions)] == [
        a.id
        for a in clean_documents(
            read_paths([STORY40], IngestConfig()).documents, AnalysisConfig(), None
        )[0]
    ]


def test_facts_partition_splits_what_read_facts_reads(tmp_path: Path) -> None:
    english = write(tmp_path / "en", {"a.txt": HARBOUR, "b.txt": FERRY, "c.txt": BRIDGE})
    (partition,) = _partitions(tmp_path, english, 100)
    articles = read_articles(partition.path)
    facts = read_facts(articles, Taxonomy.default())
    parts = facts_partition(partition, taxonomy=Taxonomy.default())
    assert parts.stages.areas == {i: f.areas for i, f in facts.items()}
    assert parts.stages.dates == {i: f.dates for i, f in facts.items()}
    assert parts.mentions.mentions == {i: f.mentions for i, f in facts.items()}
    assert not parts.stages.mentions and not parts.mentions.areas
    # one language: no specifics (they link articles across languages)
    assert {a.language for a in articles} == {"en"} and parts.mentions.specifics == {}
    assert parts.shingles == []  # not asked for
    # a partition in one language of a corpus in several: its specifics are read
    told = facts_partition(partition, taxonomy=Taxonomy.default(), several=True)
    assert told.mentions.specifics == {i: f.specifics for i, f in facts.items()}
    assert told.mentions.specifics and told.stages == parts.stages


def test_facts_partition_in_several_languages_reads_specifics(tmp_path: Path) -> None:
    (partition,) = _partitions(tmp_path, write_mixed_corpus(tmp_path / "in"), 1000)
    articles = read_articles(partition.path)
    assert len({a.language for a in articles if a.language}) >= 2
    facts = read_facts(articles, Taxonomy.default())
    specifics = facts_partition(partition, taxonomy=Taxonomy.default()).mentions.specifics
    assert specifics == {i: f.specifics for i, f in facts.items()}


def test_several_languages_over_every_partition(tmp_path: Path) -> None:
    english = write(tmp_path / "en", {"a.txt": HARBOUR, "b.txt": FERRY})
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    (one,) = _partitions(tmp_path / "1", english, 100)
    assert one.languages == ("en",)
    assert not several_languages([one]) and not several_languages([one, one])
    mixed = _partitions(tmp_path / "2", write_mixed_corpus(tmp_path / "in"), 1000)
    assert several_languages(mixed) and several_languages([one, *mixed])
    assert not several_languages([])


def test_merge_facts_joins_partitions() -> None:
    a = SplitFacts({"a": ()}, {"a": ()}, {}, {})  # type: ignore[dict-item]
    b = SplitFacts({"b": ()}, {}, {"b": ()}, {})  # type: ignore[dict-item]
    merged = merge_facts([a, b])
    assert set(merged.areas) == {"a", "b"} and set(merged.dates) == {"a"}
    assert set(merged.mentions) == {"b"} and merged.specifics == {}
    assert a.areas == {"a": ()}  # the parts are not changed


def test_the_off_topic_pass_over_partitions(tmp_path: Path) -> None:
    corpus = write_mixed_corpus(tmp_path / "in")
    partitions = _partitions(tmp_path, corpus, 4)
    done = off_topic(partitions, AnalysisConfig())
    assert done.kept == list(analyze([corpus]).articles)
    articles = read_partitions(partitions)
    assert done.changed == {k.id: k for a, k in zip(articles, done.kept, strict=True) if k != a}
    pasted = done.changed["stories/pasted"]
    assert [r.reason for r in pasted.removed if "bakery" in r.text] == ["off-topic"]
    assert done.whole == {a.id for a in articles} - set(done.changed)
    assert len(done.whole) > len(done.changed)
    assert changed_articles(done) == done.changed


def test_corpus_stages_find_what_the_analysis_finds(tmp_path: Path) -> None:
    partitions = _partitions(tmp_path, STORY40, 9)
    stages = [facts_partition(p, taxonomy=Taxonomy.default()).stages for p in partitions]
    corpus = off_topic(partitions, AnalysisConfig())
    tech, timeline, read, spent = corpus_areas(corpus, stages, Taxonomy.default())
    duplicates, seconds = corpus_duplicates(corpus, AnalysisConfig())
    want = analyze([STORY40])
    assert tech.scores.equals(want.tech.scores) and tech.evidence == want.tech.evidence
    assert timeline == want.timeline
    assert duplicates == want.duplicates
    assert seconds > 0 and {"taxonomy", "timeline"} <= set(spent)
    # the areas and dates came from the facts: only the articles the off-topic pass
    # changed were read again
    assert set(read.areas) == set(read.dates) == set(corpus.changed)


@pytest.mark.parametrize("buckets", [1, 3])
def test_candidates_in_partitions_are_those_of_the_corpus(tmp_path: Path, buckets: int) -> None:
    config = AnalysisConfig()
    partitions = _partitions(tmp_path, write_mixed_corpus(tmp_path / "in"), 4)
    taxonomy = Taxonomy.default()
    shingled = [
        facts_partition(p, n, taxonomy=taxonomy, config=config, buckets=buckets).shingles
        for n, p in enumerate(partitions)
    ]
    corpus = off_topic(partitions, config)
    sizes = [p.articles for p in partitions]
    changed = changed_shingles(corpus, sizes, config, buckets)
    # the article with a story pasted into it, numbered by partition and place
    place = [a.id for a in corpus.kept].index("stories/pasted")
    starts = np.cumsum([0, *sizes])
    p = int(np.searchsorted(starts, place, side="right")) - 1
    assert p << PLACE_BITS | (place - int(starts[p])) in changed.numbers.tolist()
    assert len(changed.numbers) == len(corpus.changed)
    assert len(changed.buckets) == buckets
    counted = [shingle_bucket([s[b] for s in shingled], changed, b, config) for b in range(buckets)]
    pairs = duplicate_candidates(counted, sizes, config)
    want = whole_corpus_pairs(corpus.kept, config.duplicates)
    assert len(want) and np.array_equal(pairs, want)
    # the partitions' shingles were those of the pasted article before the pass
    before = {int(n) for s in shingled for part in s for n in key_articles(part.keys)}
    assert changed.numbers[0] in before
    assert corpus_duplicates(corpus, config, pairs)[0] == corpus_duplicates(corpus, config)[0]


def test_changed_shingles_need_the_partition_sizes(tmp_path: Path) -> None:
    partitions = _partitions(tmp_path, write_mixed_corpus(tmp_path / "in"), 4)
    corpus = off_topic(partitions, AnalysisConfig())
    with pytest.raises(ValueError, match="do not add up"):
        changed_shingles(corpus, [1], AnalysisConfig(), 2)


def test_the_off_topic_pass_as_tasks_is_the_pass_in_one_process(tmp_path: Path) -> None:
    """The task functions the Dask engine chains, partition by partition, give the
    corpus the pass in this process gives (the article with a story pasted into it changed)."""
    config = AnalysisConfig()
    documents = read_paths([write_mixed_corpus(tmp_path / "in")], IngestConfig()).documents
    counted = [
        clean_and_count(
            write_documents(documents[i : i + 4], tmp_path / f"d{i}.parquet"),
            tmp_path / f"a{i}",
            config,
            None,
        )
        for i in range(0, len(documents), 4)
    ]
    partitions = [p for p, _ in counted]
    for p, terms in counted:
        want_terms = paragraph_terms(read_articles(p.path))
        assert np.array_equal(terms.words, want_terms.words)
        assert (terms.counts != want_terms.counts).nnz == 0
        assert np.array_equal(terms.lengths, want_terms.lengths)
    idf = corpus_idf([term_frequencies(t) for _, t in counted])
    vectors = [part_vectors(t, idf, n, config.clean) for n, (_, t) in enumerate(counted)]
    postings = corpus_postings([part_postings(v) for v in vectors], idf)
    probes = [part_probes(v, postings, config.clean) for v in vectors]
    joined = join_probes(probes)
    best = best_of([part_best(v, joined) for v in vectors], joined)
    changes = [
        offtopic_changes(p, v, pr, b, config)
        for p, v, pr, b in zip(partitions, vectors, probes, best, strict=True)
    ]
    got = corpus_after(partitions, merge_changes(changes))
    want = off_topic(partitions, config)
    assert got.kept == want.kept and got.changed == want.changed
    assert "stories/pasted" in got.changed
    # each change came from its own partition; the others gave none
    holding = [{a.id for a in read_articles(p.path)} & set(want.changed) for p in partitions]
    assert [set(c) for c in changes] == holding and holding.count(set()) > len(holding) / 2


def test_clean_and_count_counts_nothing_without_the_off_topic_pass(tmp_path: Path) -> None:
    config = AnalysisConfig(clean=CleanConfig(off_topic=False))
    documents = read_paths([STORY40], IngestConfig()).documents[:5]
    partition, terms = clean_and_count(
        write_documents(documents, tmp_path / "d.parquet"), tmp_path / "a", config, None
    )
    assert partition == clean_partition(
        write_documents(documents, tmp_path / "e.parquet"), tmp_path / "a", config, None
    )
    assert terms.counts.shape == (0, 0) and partition.articles == 5
    assert corpus_after([partition], {}).kept == read_articles(partition.path)
