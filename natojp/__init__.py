"""natojp: analyse news coverage of one policy story.

Who reported what and when, which technology areas each source covers, how similar
the sources are, and which content is copied, syndicated or rewritten.

>>> from natojp import analyze
>>> analysis = analyze(["seeds"])                       # doctest: +SKIP
>>> len(analysis.duplicates.independent_reports)        # doctest: +SKIP
4
"""

from typing import TYPE_CHECKING, Any

from natojp.config import AnalysisConfig, ColumnMap, IngestConfig
from natojp.errors import (
    ConfigError,
    EmptyCorpusError,
    InputError,
    ManifestError,
    NatojpError,
    TaxonomyError,
    UnsupportedFormatError,
)
from natojp.models import Article, Corpus, Evidence, Removal, Skipped

if TYPE_CHECKING:
    from natojp.analysis import Analysis, analyze, analyze_sources, analyze_uploads

_LAZY = {"Analysis", "analyze", "analyze_sources", "analyze_uploads"}


def __getattr__(name: str) -> Any:
    """Import the pipeline on first use, so ``import natojp.clean`` stays light."""
    if name in _LAZY:
        from natojp import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'natojp' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "AnalysisConfig",
    "Article",
    "ColumnMap",
    "ConfigError",
    "Corpus",
    "EmptyCorpusError",
    "Evidence",
    "IngestConfig",
    "InputError",
    "ManifestError",
    "NatojpError",
    "Removal",
    "Skipped",
    "TaxonomyError",
    "UnsupportedFormatError",
    "analyze",
    "analyze_sources",
    "analyze_uploads",
]
