"""Typed, immutable settings for every stage of an analysis.

Each stage reads its own section; :class:`AnalysisConfig` bundles them. Defaults are
the documented behaviour; change one field with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which CSV columns / JSON keys hold each field. ``None`` means auto-detect."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """What ingestion reads and the caps that protect it."""

    columns: ColumnMap = field(default_factory=ColumnMap)
    max_file_bytes: int = 200 * 1024 * 1024
    max_articles: int = 200_000
    max_archive_members: int = 200_000
    max_archive_bytes: int = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Noise removal.

    A passage is off-topic when all three hold: TF-IDF cosine to the rest of its
    article below ``off_topic_max_article_similarity``; share of its content words
    that occur anywhere else in the article below ``off_topic_max_shared_vocabulary``;
    cosine to every other article of the corpus below ``off_topic_max_corpus_similarity``.
    Calibrated on the seeds (pasted story: 0.01 / 3% / 0.02; the least typical genuine
    paragraphs: 0.03-0.06 / 21% / 0.05-0.09) and checked on BBC News.
    """

    off_topic: bool = True
    off_topic_min_words: int = 15
    off_topic_max_article_similarity: float = 0.05
    off_topic_max_shared_vocabulary: float = 0.12
    off_topic_max_corpus_similarity: float = 0.05
    extra_chrome_patterns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VectorConfig:
    """TF-IDF settings (passed to scikit-learn's ``TfidfVectorizer``)."""

    ngram_range: tuple[int, int] = (1, 2)
    min_df: int = 1
    max_df: float = 1.0
    max_features: int | None = 200_000
    sublinear_tf: bool = True
    stop_words: str | None = "english"


@dataclass(frozen=True, slots=True)
class SimilarityConfig:
    """Above ``dense_max_articles`` the report carries top-k neighbours, not a matrix."""

    dense_max_articles: int = 2_000
    top_k: int = 10


@dataclass(frozen=True, slots=True)
class DuplicateConfig:
    """Passage-level near-duplicate detection.

    Candidates are passage pairs sharing at least ``min_shared_shingles`` word
    ``shingle_size``-grams; shingles found in more than ``max_shingle_passages``
    passages are boilerplate and not used for candidates. Candidates are verified by
    token alignment: a duplicate either aligns ``min_score`` of the shorter sentence
    (and at least ``min_shared_words`` words),
    or has one aligned region of ``min_span_words`` words at ``min_span_density``
    (a quote reused inside differently worded sentences). Scores of at least
    ``near_verbatim_score`` are near-verbatim, lower ones paraphrase.
    """

    shingle_size: int = 4
    min_shared_shingles: int = 2
    max_shingle_passages: int = 200
    min_passage_words: int = 8
    min_score: float = 0.5
    min_shared_words: int = 10
    min_span_words: int = 12
    min_span_density: float = 0.8
    near_verbatim_score: float = 0.8


@dataclass(frozen=True, slots=True)
class AnalysisConfig:
    """All settings of one analysis."""

    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    vector: VectorConfig = field(default_factory=VectorConfig)
    similarity: SimilarityConfig = field(default_factory=SimilarityConfig)
    duplicates: DuplicateConfig = field(default_factory=DuplicateConfig)
    taxonomy_path: Path | None = None
    manifest_path: Path | None = None
