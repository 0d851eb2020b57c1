"""The analysis of a library's articles: every stage after cleaning, on the stored
articles (each document was cleaned once, when it was added)."""

from __future__ import annotations

from natojp.analysis import Analysis, Progress, analyze_articles
from natojp.config import AnalysisConfig
from natojp.library._store import Library


def analyze_library(
    library: Library,
    version: str | None = None,
    config: AnalysisConfig | None = None,
    *,
    name: str | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse the current articles of ``library`` or those of a frozen ``version``.

    The corpus is named after the library file; its fingerprint is the version id (for
    the current articles, the id a freeze of them would get) and ``Corpus.version`` the
    frozen version, so charts and briefs cite it.
    """
    articles = library.articles(version)
    label = name or library.path.stem  # the version is cited apart: Corpus.version
    return analyze_articles(
        articles,
        config,
        skipped=library.skipped(version),
        name=label,
        fingerprint=library.fingerprint(version),
        version=version,
        progress=progress,
    )
