"""A corpus library that grows: articles added over weeks, kept in one DuckDB file,
with frozen versions to cite.

>>> from natojp.library import Library, analyze_library      # doctest: +SKIP
>>> lib = Library.create("story.natojp")                     # doctest: +SKIP
>>> lib.add(["seeds"]).added                                  # doctest: +SKIP
>>> version = lib.freeze("briefing of 3 May")                # doctest: +SKIP
>>> lib.articles(version.id)                                  # doctest: +SKIP

Each document is ingested and cleaned once, when it is added (the same steps as
:func:`natojp.analysis.analyze`); re-adding the same content is a no-op, and a new text
of a stored article replaces it in the current articles while the versions that hold the
earlier text keep it. See :mod:`natojp.library._schema` for the tables and for how
processes share the file.

:func:`analyze_library` keeps its analyses (:class:`AnalysisCache`) and what it read in
each article (:class:`FactsStore`, :mod:`natojp.facts`) in a private folder of this
machine, so that reopening a version runs no stage and analysing a new one reads only
the articles no analysis read before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from natojp.library._cache import CACHE_ENV, AnalysisCache, cache_home
from natojp.library._default import (
    LIBRARY_ENV,
    SEEDS_LIBRARY,
    ensure_libraries,
    find_libraries,
    library_home,
)
from natojp.library._facts import FactsStore
from natojp.library._schema import SCHEMA_VERSION
from natojp.library._store import AddResult, Library, Version, corpus_id

if TYPE_CHECKING:
    from natojp.library._analyze import analyze_library


def __getattr__(name: str) -> Any:
    """Import the analysis on first use, so the library commands stay light."""
    if name == "analyze_library":
        from natojp.library._analyze import analyze_library

        return analyze_library
    raise AttributeError(f"module 'natojp.library' has no attribute {name!r}")


__all__ = [
    "CACHE_ENV",
    "LIBRARY_ENV",
    "SCHEMA_VERSION",
    "SEEDS_LIBRARY",
    "AddResult",
    "AnalysisCache",
    "FactsStore",
    "Library",
    "Version",
    "analyze_library",
    "cache_home",
    "corpus_id",
    "ensure_libraries",
    "find_libraries",
    "library_home",
]
