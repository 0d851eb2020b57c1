"""Typed, immutable settings for every stage of an analysis.

Each stage reads its own section; :class:`AnalysisConfig` bundles them. Defaults are
the documented behaviour; change one field with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natojp.errors import ConfigError


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which CSV columns / JSON keys hold each field. ``None`` means auto-detect."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Cap:
    """One cap of :class:`IngestConfig` and the ways to set it: everything else about a
    cap (the environment, the CLI options, the messages saying how to raise it) is
    derived from :data:`CAPS`.

    ``name`` is the :class:`IngestConfig` field; ``env`` the environment variable and
    ``option`` the CLI option (of ``natojp analyze`` and ``natojp brief``) that set it,
    both in ``unit`` bytes: 1,048,576 for sizes (given in MB, fractions allowed), 1 for
    counts (whole numbers). ``help`` says what the cap does, for ``--help``.
    """

    name: str
    env: str
    unit: int
    option: str
    help: str

    @property
    def in_mb(self) -> bool:
        """True for a size, given in MB; False for a count."""
        return self.unit > 1

    def show(self, value: int) -> str:
        """A value of this cap as its option and environment variable take it, for
        people: ``200 MB``, ``1.5 MB``, ``200,000``."""
        if self.in_mb:
            return f"{value / self.unit:.10g} MB"
        return f"{value:,}"


CAPS: tuple[Cap, ...] = (
    Cap(
        "max_file_bytes",
        "NATOJP_MAX_FILE_MB",
        _MB,
        "--max-file-mb",
        "skip larger files, unread",
    ),
    Cap(
        "max_total_bytes",
        "NATOJP_MAX_TOTAL_MB",
        _MB,
        "--max-total-mb",
        "stop reading once a batch of files, uploads and archive members has read this much",
    ),
    Cap(
        "max_articles",
        "NATOJP_MAX_ARTICLES",
        1,
        "--max-articles",
        "stop at this many articles",
    ),
    Cap(
        "max_text_bytes",
        "NATOJP_MAX_TEXT_MB",
        _MB,
        "--max-text-mb",
        "stop once the articles read hold this much text in memory (1, 2 or 4 bytes a "
        "character, as Python stores it)",
    ),
    Cap(
        "max_article_chars",
        "NATOJP_MAX_ARTICLE_CHARS",
        1,
        "--max-article-chars",
        "truncate longer articles, in characters; a JSON line or item or a Reuters story "
        "of over 16 times as many is skipped unread",
    ),
    Cap(
        "max_archive_members",
        "NATOJP_MAX_ARCHIVE_FILES",
        1,
        "--max-archive-files",
        "skip zip archives holding more files than this",
    ),
    Cap(
        "max_archive_bytes",
        "NATOJP_MAX_ARCHIVE_MB",
        _MB,
        "--max-archive-mb",
        "skip zip archives that unpack to more, checked again while unpacking: zip bombs",
    ),
    Cap(
        "max_html_bytes",
        "NATOJP_MAX_HTML_MB",
        _MB,
        "--max-html-mb",
        "skip larger HTML pages, unparsed",
    ),
    Cap(
        "max_html_elements",
        "NATOJP_MAX_HTML_ELEMENTS",
        1,
        "--max-html-elements",
        "skip HTML pages with more elements and attributes, unparsed",
    ),
)
"""The caps of :class:`IngestConfig`, in the order the README and ``--help`` list them:
the one table from which :meth:`IngestConfig.from_env`, the CLI options and the
messages saying how to raise a cap are derived."""


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """What ingestion reads and the caps that protect it.

    ``max_file_bytes``: a larger file is skipped. ``max_total_bytes``: reading stops once
    a batch (files, uploads, archive members) has read this much. ``max_articles``:
    reading stops at this many documents. ``max_text_bytes``: reading stops once the
    documents read hold this much text in memory (Python stores a text at 1, 2 or 4
    bytes a character, by its widest character: one emoji makes a text 4 times
    larger). ``max_article_chars``: a longer document is
    truncated (its start is analysed, the cut is listed in ``skipped``); a JSON line or
    list item, or a Reuters story, of more than 16 times that many characters is
    skipped unread. Archives are capped by member count and unpacked bytes.
    ``max_html_bytes`` and ``max_html_elements`` (elements plus attributes) cap one
    HTML page: the extractor parses a page whole and needs about 1 KB of memory per
    element or attribute and 30-50 bytes per byte of page, so a larger page is
    skipped. :meth:`from_env` reads the caps from the environment variables in
    :data:`CAPS`.

    ``follow_symlinks``: a symbolic link inside a given folder to a file outside it is
    skipped unless this is True (links to folders are never followed).
    """

    columns: ColumnMap = field(default_factory=ColumnMap)
    max_file_bytes: int = 200 * _MB
    max_articles: int = 200_000
    max_text_bytes: int = 512 * _MB
    max_archive_members: int = 200_000
    max_archive_bytes: int = 1024 * _MB
    max_total_bytes: int = 1024 * _MB
    max_article_chars: int = 200_000
    max_html_bytes: int = 10 * _MB
    max_html_elements: int = 300_000
    follow_symlinks: bool = False

    def __post_init__(self) -> None:
        for cap in CAPS:
            value = getattr(self, cap.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"IngestConfig.{cap.name} must be a positive whole number")
        if not isinstance(self.follow_symlinks, bool):
            raise ConfigError("IngestConfig.follow_symlinks must be True or False")

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, /, **overrides: Any
    ) -> IngestConfig:
        """The caps set in ``environ`` (default: ``os.environ``), e.g.
        ``NATOJP_MAX_ARTICLES=500000``; sizes are in MB. ``overrides`` win over both."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for cap in CAPS:
            raw = env.get(cap.env, "").strip()
            if not raw:
                continue
            try:
                number = float(raw.replace("_", "").replace(",", ""))
            except ValueError:
                number = -1.0
            if not math.isfinite(number) or number <= 0 or (not cap.in_mb and number % 1):
                kind = "a positive number of MB" if cap.in_mb else "a positive whole number"
                raise ConfigError(f"the environment variable {cap.env} must be {kind}, not {raw!r}")
            values[cap.name] = max(1, int(number * cap.unit))
        values.update(overrides)
        return cls(**values)


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
    """TF-IDF settings (of :class:`natojp.vectorise.NgramTfidfVectorizer`, which gives
    the output of scikit-learn's ``TfidfVectorizer`` with the same settings)."""

    ngram_range: tuple[int, int] = (1, 2)
    min_df: int = 1
    max_df: float = 1.0
    max_features: int | None = 200_000
    sublinear_tf: bool = True
    stop_words: str | None = "english"
    # Documents of another language drop that language's stop words as well
    # (stopwordsiso); see natojp.vectorise.
    language_stop_words: bool = True
    # An analysis updated from an earlier one of the same library (natojp.vectorise.
    # update_terms) keeps the earlier vocabulary and weights, and only the articles
    # added or changed are vectorised, while the corpus has at least
    # update_min_articles and the articles added, changed or removed since the weights
    # were fitted are at most refit_share of it; else everything is fitted again.
    update_min_articles: int = 5_000
    refit_share: float = 0.05


@dataclass(frozen=True, slots=True)
class SimilarityConfig:
    """Article similarity at every corpus size.

    Up to ``dense_max_articles`` the full cosine matrix is computed (and reported);
    above it the report carries top-k neighbours only. Up to ``exact_max_articles`` the
    neighbours are exact (a blocked sparse product: O(N²) work, bounded memory); above
    it ``method="auto"`` uses the pruned index (``"pruned"``): each article keeps its
    ``pruned_terms`` heaviest terms, each term its ``pruned_postings`` heaviest
    articles, candidates share a kept term and are rescored by exact cosine. ``"exact"``
    forces the blocked product at any size.
    """

    dense_max_articles: int = 2_000
    top_k: int = 10
    max_sources: int = 200  # source × source similarity: the sources with most articles
    method: str = "auto"  # "auto" | "exact" | "pruned"
    exact_max_articles: int = 5_000
    pruned_terms: int = 32
    pruned_postings: int = 400
    pruned_candidates: int = 30


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
    outlets_path: Path | None = None  # an outlet registry TOML; None: the bundled one
    # Processes analysing at once: None = NATOJP_WORKERS when set, else automatic (a
    # second process for 20,000 articles or more on two CPUs or more, where safe); 1 =
    # this process only. How the work is shared, never what it finds: the results are
    # the same either way (see natojp._beside), and the setting is not part of the
    # settings a library records or keys its cache on.
    workers: int | None = None

    def __post_init__(self) -> None:
        w = self.workers
        if w is not None and (isinstance(w, bool) or not isinstance(w, int) or w < 1):
            raise ConfigError("AnalysisConfig.workers must be a positive whole number or None")


WORKERS_ENV = "NATOJP_WORKERS"
"""The environment variable setting :attr:`AnalysisConfig.workers` when it is None: a
positive whole number, or ``auto`` (as unset)."""


def workers_from_env(environ: Mapping[str, str] | None = None) -> int | None:
    """The number of processes ``NATOJP_WORKERS`` sets in ``environ`` (default
    ``os.environ``); None when it is unset, empty or ``auto``."""
    env = os.environ if environ is None else environ
    raw = env.get(WORKERS_ENV, "").strip()
    if not raw or raw.lower() == "auto":
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ConfigError(
            f"the environment variable {WORKERS_ENV} must be a positive whole number or "
            f"'auto', not {raw!r}"
        )
    return int(raw)
