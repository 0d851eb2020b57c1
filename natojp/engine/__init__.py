"""Engines that run the analysis beyond this process.

The default engine is this process (with a second one forked beside it for large
corpora, :mod:`natojp._beside`). :class:`DaskEngine` runs the same analysis on a Dask
cluster, a local one by default, with the same results:

>>> from natojp.engine import DaskEngine, analyze_dask             # doctest: +SKIP
>>> analysis = analyze_dask(["articles/"], engine=DaskEngine(workers=2))  # doctest: +SKIP

The stages it runs are plain functions from Parquet files to Parquet files
(:mod:`natojp.engine._stages`); Dask (``pip install "natojp[dask]"``) is imported only
when an analysis runs on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["DaskEngine", "analyze_dask", "analyze_sources_dask", "clean_dask"]

if TYPE_CHECKING:
    from natojp.engine._dask import DaskEngine, analyze_dask, analyze_sources_dask, clean_dask


def __getattr__(name: str) -> Any:
    if name in __all__:
        try:
            from natojp.engine import _dask
        except ModuleNotFoundError as exc:  # pragma: no cover - dask not installed
            if exc.name not in {"dask", "distributed"}:
                raise
            from natojp.errors import ConfigError

            raise ConfigError('the Dask engine needs Dask: pip install "natojp[dask]"') from exc
        return getattr(_dask, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
