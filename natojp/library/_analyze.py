"""The analysis of a library's articles: every stage after cleaning, on the stored
articles (each document was cleaned once, when it was added), kept in an
:class:`~natojp.library._cache.AnalysisCache` when one is given."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from natojp.analysis import Analysis, Progress, analyze_articles
from natojp.config import AnalysisConfig
from natojp.library._cache import AnalysisCache, cache_key
from natojp.library._store import Library, _natojp_version, settings_json


def _settings_key(config: AnalysisConfig) -> str:
    """The settings as JSON, with the content of every file they name (a taxonomy
    edited in place is other settings)."""
    parts = [settings_json(config)]
    for path in (config.taxonomy_path, config.outlets_path, config.manifest_path):
        if path is None:
            continue
        try:
            parts.append(hashlib.sha256(Path(path).read_bytes()).hexdigest())
        except OSError:
            parts.append(f"unreadable:{path}")
    return "\n".join(parts)


def analyze_library(
    library: Library,
    version: str | None = None,
    config: AnalysisConfig | None = None,
    *,
    name: str | None = None,
    progress: Progress | None = None,
    cache: AnalysisCache | None = None,
) -> Analysis:
    """Analyse the current articles of ``library`` or those of a frozen ``version``.

    The corpus is named after the library file; its fingerprint is the version id (for
    the current articles, the id a freeze of them would get) and ``Corpus.version`` the
    frozen version, so charts and briefs cite it. With ``cache``, an analysis of the
    same articles with the same settings by the same natojp is taken from it (no stage
    runs again), and a new one is kept in it.
    """
    config = config or AnalysisConfig()
    label = name or library.path.stem  # the version is cited apart: Corpus.version
    fingerprint = library.fingerprint(version)
    key = cache_key(fingerprint, _settings_key(config), _natojp_version())
    kept = cache.get(key) if cache is not None else None
    if kept is not None:
        corpus = dataclasses.replace(
            kept.corpus, name=label, version=version, skipped=library.skipped(version)
        )
        if progress is not None:
            progress("Done", 1.0)
        return dataclasses.replace(kept, corpus=corpus)
    analysis = analyze_articles(
        library.articles(version),
        config,
        skipped=library.skipped(version),
        name=label,
        fingerprint=fingerprint,
        version=version,
        progress=progress,
    )
    if cache is not None:
        cache.put(key, analysis)
    return analysis
