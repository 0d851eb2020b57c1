"""Documents and articles to Parquet files and back, losslessly.

A partition of documents is one Parquet file with a row per
:class:`~natojp.models.SourceText`; a partition of cleaned articles is a folder of four
Parquet files, the tables of the corpus library (:class:`natojp.library._codec.Rows`:
``articles``, ``paragraphs``, ``removals``, ``evidence``), read back into equal
:class:`~natojp.models.Article` objects (:func:`~natojp.library._codec.build_articles`).

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


def write_documents(documents: Iterable[SourceText], path: str | os.PathLike[str]) -> Path:
    """Write ``documents`` to the Parquet file ``path``; returns it."""
    rows = [tuple(getattr(d, f) for f in _DOCUMENT_FIELDS) for d in documents]
    out = Path(path)
    pq.write_table(_table(rows, _DOCUMENT_FIELDS), out, compression=_COMPRESSION)
    return out


def read_documents(path: str | os.PathLike[str]) -> list[SourceText]:
    """The documents of a file :func:`write_documents` wrote, in order."""
    table = pq.read_table(Path(path))
    out = []
    for row in _rows(table, _DOCUMENT_FIELDS):
        values = dict(zip(_DOCUMENT_FIELDS, row, strict=True))
        values["notes"] = tuple(values["notes"] or ())
        out.append(SourceText(**values))
    return out


def write_articles(articles: Iterable[Article], folder: str | os.PathLike[str]) -> Path:
    """Write ``articles`` to the folder ``folder`` (created), one Parquet file per
    table; returns it."""
    rows = Rows()
    for n, article in enumerate(articles):
        rows.add(str(n), article, 0, None)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, columns in _TABLES.items():
        pq.write_table(
            _table(getattr(rows, name), columns), out / f"{name}.parquet", compression=_COMPRESSION
        )
    return out


def read_articles(folder: str | os.PathLike[str]) -> list[Article]:
    """The articles of a folder :func:`write_articles` wrote, in order, equal to those
    written."""
    src = Path(folder)
    articles = pq.read_table(src / "articles.parquet")
    details = {
        name: _rows(pq.read_table(src / f"{name}.parquet", columns=list(cols)), cols)
        for name, cols in _READ.items()
    }
    return build_articles(
        _rows(articles, ARTICLE_COLUMNS),
        details["paragraphs"],
        details["removals"],
        details["evidence"],
    )
