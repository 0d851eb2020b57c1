"""Documents and articles to Parquet files and back, losslessly.

A partition of documents is one Parquet file with a row per
:class:`~natojp.models.SourceText`; a partition of cleaned articles is a folder of four
Parquet files, the tables of the corpus library (:class:`natojp.library._codec.Rows`:
``articles``, ``paragraphs``, ``removals``, ``evidence``), read back into equal
:class:`~natojp.models.Article` objects (:func:`~natojp.library._codec.build_articles`).

Paths may be fsspec URLs (``s3://bucket/work``, with the filesystem's package
installed, e.g. s3fs): the work folder of a cluster can then be object storage.

Texts are stored as UTF-8 bytes (``binary`` columns) written with ``surrogatepass``: a
document read with mixed encodings keeps its undecodable bytes as lone surrogates
(:data:`natojp.ingest.MIXED_ENCODING`), which a Parquet ``string`` column cannot hold
and which must come back as they were for the analysis to be the same.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from natojp._gc import paused
from natojp.library._codec import ARTICLE_COLUMNS, Rows, build_articles
from natojp.models import Article, SourceText

_DOCUMENT_FIELDS = tuple(f.name for f in fields(SourceText))
_TABLES = {
    "articles": ARTICLE_COLUMNS,
    "paragraphs": ("hash", "n", "line", "text"),
    "removals": ("hash", "n", "line", "text", "reason", "detail"),
    "evidence": ("hash", "field", "n", "basis", "text", "line"),
}
_READ = {  # the columns build_articles reads of each detail table, in its order
    "paragraphs": ("hash", "line", "text"),
    "removals": ("hash", "line", "text", "reason", "detail"),
    "evidence": ("hash", "field", "basis", "text", "line"),
}
_COMPRESSION = "zstd"


def is_url(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an fsspec URL (``s3://bucket/key``, ``file:///tmp/x``) rather
    than a path of this machine."""
    return "://" in os.fspath(path)


def join(folder: str | os.PathLike[str], name: str) -> str:
    """``name`` inside ``folder`` (a path or an fsspec URL)."""
    base = os.fspath(folder)
    return f"{base.rstrip('/')}/{name}" if is_url(base) else os.fspath(Path(base) / name)


def _write(table: pa.Table, where: str) -> None:
    if is_url(where):
        import fsspec

        fs, path = fsspec.core.url_to_fs(where)
        pq.write_table(table, path, filesystem=fs, compression=_COMPRESSION)
    else:
        pq.write_table(table, where, compression=_COMPRESSION)


def _read(where: str, columns: Sequence[str] | None = None) -> pa.Table:
    cols = list(columns) if columns is not None else None
    if is_url(where):
        import fsspec

        fs, path = fsspec.core.url_to_fs(where)
        return pq.read_table(path, filesystem=fs, columns=cols)
    return pq.read_table(where, columns=cols)


def make_folder(folder: str | os.PathLike[str]) -> str:
    """Create ``folder`` (a path or an fsspec URL) and its parents; returns it."""
    where = os.fspath(folder)
    if is_url(where):
        import fsspec

        fs, path = fsspec.core.url_to_fs(where)
        fs.makedirs(path, exist_ok=True)
    else:
        Path(where).mkdir(parents=True, exist_ok=True)
    return where


def remove_folder(folder: str | os.PathLike[str]) -> None:
    """Remove ``folder`` (a path or an fsspec URL) and what it holds, if it exists."""
    where = os.fspath(folder)
    if is_url(where):
        import fsspec

        fs, path = fsspec.core.url_to_fs(where)
        if fs.exists(path):
            fs.rm(path, recursive=True)
    else:
        import shutil

        shutil.rmtree(where, ignore_errors=True)


def _encode(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogatepass")
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _table(rows: Sequence[tuple[Any, ...]], columns: Sequence[str]) -> pa.Table:
    """A table of ``rows``; every text as bytes (see the module docstring)."""
    data = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    arrays = {}
    for name, values in zip(columns, data, strict=True):
        encoded = [_encode(v) for v in values]
        arrays[name] = pa.array(encoded, type=_type(encoded))
    return pa.table(arrays)


def _type(values: Sequence[Any]) -> pa.DataType | None:
    """The column type when inference could not tell it (all nulls, empty lists)."""
    kinds = {type(v) for v in values if v is not None}
    if kinds <= {bytes}:
        return pa.binary()
    if kinds == {list}:
        return pa.list_(pa.binary())
    return None


def _rows(table: pa.Table, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    cols = [[_decode(v) for v in table.column(c).to_pylist()] for c in columns]
    return list(zip(*cols, strict=True)) if cols else []


def write_documents(documents: Iterable[SourceText], path: str | os.PathLike[str]) -> str:
    """Write ``documents`` to the Parquet file ``path`` (a path or an fsspec URL);
    returns it."""
    rows = [tuple(getattr(d, f) for f in _DOCUMENT_FIELDS) for d in documents]
    where = os.fspath(path)
    _write(_table(rows, _DOCUMENT_FIELDS), where)
    return where


def read_documents(path: str | os.PathLike[str]) -> list[SourceText]:
    """The documents of a file :func:`write_documents` wrote, in order."""
    table = _read(os.fspath(path))
    out = []
    with paused():
        for row in _rows(table, _DOCUMENT_FIELDS):
            values = dict(zip(_DOCUMENT_FIELDS, row, strict=True))
            values["notes"] = tuple(values["notes"] or ())
            out.append(SourceText(**values))
    return out


def write_articles(articles: Iterable[Article], folder: str | os.PathLike[str]) -> str:
    """Write ``articles`` to the folder ``folder`` (a path or an fsspec URL; created),
    one Parquet file per table; returns it."""
    rows = Rows()
    for n, article in enumerate(articles):
        rows.add(str(n), article, 0, None)
    where = make_folder(folder)
    for name, columns in _TABLES.items():
        _write(_table(getattr(rows, name), columns), join(where, f"{name}.parquet"))
    return where


def read_articles(folder: str | os.PathLike[str]) -> list[Article]:
    """The articles of a folder :func:`write_articles` wrote, in order, equal to those
    written."""
    where = os.fspath(folder)
    with paused():  # many small objects, all kept (see natojp._gc)
        details = {
            name: _rows(_read(join(where, f"{name}.parquet"), cols), cols)
            for name, cols in _READ.items()
        }
        return build_articles(
            _rows(_read(join(where, "articles.parquet")), ARTICLE_COLUMNS),
            details["paragraphs"],
            details["removals"],
            details["evidence"],
        )
