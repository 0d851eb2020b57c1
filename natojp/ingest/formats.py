"""Which reader reads a file: the readers by suffix (:data:`SUPPORTED_SUFFIXES`,
:func:`_parse`), and the names that are never read as articles (hidden and system
files, ``manifest.toml``) or give an id (a name without its suffix).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from natojp.config import IngestConfig
from natojp.errors import UnsupportedFormatError
from natojp.ingest.decode import _open_text
from natojp.ingest.items import _Doc, _Item
from natojp.ingest.records import _read_json, _read_jsonl
from natojp.ingest.sgml import _read_sgml
from natojp.ingest.tables import _read_csv
from natojp.ingest.text import _read_markdown, _read_plain
from natojp.ingest.webpage import _read_html

MANIFEST_NAME = "manifest.toml"
"""File name of a corpus manifest: collected in ``manifest_paths``, never read as an article."""

_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".sgm": "sgml",
    ".sgml": "sgml",
}
_ARCHIVE = ".zip"

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({*_FORMATS, _ARCHIVE})
"""File suffixes (lower case, with the dot) that ingestion reads."""

_SUPPORTED_LIST = " ".join(sorted(SUPPORTED_SUFFIXES))

_IGNORED_NAMES = frozenset({"__MACOSX", "Thumbs.db", "desktop.ini"})


def _parse(data: bytes, suffix: str, path: str, config: IngestConfig) -> Iterator[_Item]:
    """Documents (and skipped rows) in one file's bytes, by the reader for ``suffix``."""
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise UnsupportedFormatError(_unsupported(suffix), path=path)
    if fmt == "html":
        yield _read_html(data, path, config)
        return
    source = _open_text(data, path=path, fallback="latin-1" if fmt == "sgml" else None)
    items: Iterator[_Item]
    if fmt == "txt":
        items = iter((_read_plain(source, config),))
    elif fmt == "md":
        items = iter((_read_markdown(source, path, config),))
    elif fmt in ("csv", "tsv"):
        items = _read_csv(source, fmt, path, config)
    elif fmt == "jsonl":
        items = _read_jsonl(source, path, config)
    elif fmt == "json":
        items = _read_json(source, path, config)
    else:
        items = _read_sgml(source, path, config)
    for item in items:
        if source.notes and isinstance(item, _Doc):
            item = replace(item, notes=item.notes + source.notes)
        yield item


def _unsupported(suffix: str) -> str:
    """The reason for skipping a file whose type is not read."""
    shown = suffix or "(no extension)"
    return f"unsupported file type {shown}; natojp reads {_SUPPORTED_LIST}"


def _strip_suffix(name: str) -> str:
    """``name`` without its extension (a leading dot is not an extension)."""
    dot = name.rfind(".")
    slash = name.rfind("/")
    return name[:dot] if dot > slash + 1 else name


def _suffix(name: str) -> str:
    """The lower-case extension of a file name, with the dot (``""`` when none)."""
    return PurePosixPath(name).suffix.lower()


def _is_hidden(name: str) -> bool:
    """Hidden or system entries that are never articles (``.git``, ``__MACOSX``)."""
    return name.startswith(".") or name in _IGNORED_NAMES
