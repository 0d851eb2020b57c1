"""Manifests: what is known about each article and where that knowledge comes from.

A ``manifest.toml`` or ``manifest.csv`` beside the articles (or given with
``--manifest``). TOML::

    [articles."000_3d9694f0226b20af"]      # article id (file name without extension)
    outlet = "Anadolu Agency"
    published = "2025-07-29"               # YYYY, YYYY-MM or YYYY-MM-DD
    url = "https://..."
    title = "..."                          # optional
    [articles."000_3d9694f0226b20af".sources]  # where each fact comes from (free text)
    outlet = "byline line 4 of the file"

CSV, the spreadsheet analysts keep (a header row; column names in any case; ``file``
may be the file name with its extension or the article id; ``published`` as
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``)::

    file,url,outlet,published,title,notes
    000_3d9694f0226b20af.txt,https://...,Anadolu Agency,2025-07-29,,
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from natojp._dates import PartialDate
from natojp.errors import ManifestError

MANIFEST_NAME = "manifest.toml"
MANIFEST_NAMES = frozenset({MANIFEST_NAME, "manifest.csv"})
"""File names read as manifests when found beside the articles."""
_ENTRY_KEYS = frozenset({"outlet", "published", "url", "title", "sources", "notes"})


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """What a manifest records about one article."""

    outlet: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    title: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """Per-article facts keyed by article id."""

    entries: dict[str, ManifestEntry]
    path: str = "<manifest>"

    def get(self, article_id: str) -> ManifestEntry | None:
        return self.entries.get(article_id)

    @classmethod
    def merged(
        cls, paths: Sequence[str | os.PathLike[str]], explicit: str | os.PathLike[str] | None
    ) -> Manifest | None:
        """The manifest of a corpus: the ``explicit`` one when given, else the entries of
        every file of ``paths`` (the manifests found beside the inputs; a later one wins
        for the same id); ``None`` when there is none."""
        files = [explicit] if explicit is not None else list(paths)
        if not files:
            return None
        entries: dict[str, ManifestEntry] = {}
        for f in files:
            entries.update(cls.load(f).entries)
        return cls(entries, ", ".join(str(f) for f in files))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Manifest:
        """Read a manifest file; raise :class:`ManifestError` naming the fault."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ManifestError(f"cannot read the manifest: {exc}", path=str(p)) from exc
        if p.suffix.lower() == ".csv":
            return cls.from_csv(text, source=str(p))
        return cls.from_toml(text, source=str(p))

    @classmethod
    def from_csv(cls, text: str, *, source: str = "<manifest>") -> Manifest:
        """A manifest from CSV text with a header row (see the module docstring)."""
        rows = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        header = [h.strip().lower() for h in next(rows, [])]
        key = next((k for k in _CSV_ID_COLUMNS if k in header), None)
        if key is None:
            raise ManifestError(
                f"a CSV manifest needs a {' or '.join(repr(k) for k in _CSV_ID_COLUMNS)} "
                f"column naming each article; its columns: {', '.join(header) or 'none'}",
                path=source,
            )
        allowed = {*_CSV_ID_COLUMNS, *_ENTRY_KEYS} - {"sources"}
        unknown = set(header) - allowed
        if unknown:
            raise ManifestError(
                f"unknown columns {sorted(unknown)}; allowed: {sorted(allowed)}", path=source
            )
        entries: dict[str, ManifestEntry] = {}
        for line, row in enumerate(rows, start=2):
            cells = dict(zip(header, (c.strip() for c in row), strict=False))
            name = cells.get(key, "")
            if not name:
                continue
            published = cells.get("published") or None
            try:
                when = PartialDate.from_iso(published) if published else None
            except ValueError as exc:
                raise ManifestError(
                    f"published {published!r}: {exc} (use YYYY, YYYY-MM or YYYY-MM-DD)",
                    path=source,
                    line=line,
                ) from exc
            entries[_article_id(name)] = ManifestEntry(
                outlet=_opt_str(cells.get("outlet")),
                published=when,
                url=_opt_str(cells.get("url")),
                title=_opt_str(cells.get("title")),
                notes=_opt_str(cells.get("notes")),
            )
        return cls(entries, source)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<manifest>") -> Manifest:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ManifestError(f"not valid TOML: {exc}", path=source) from exc
        articles = data.get("articles", {})
        if not isinstance(articles, dict):
            raise ManifestError("[articles] must be a table of article ids", path=source)
        entries: dict[str, ManifestEntry] = {}
        for article_id, raw in articles.items():
            if not isinstance(raw, dict):
                raise ManifestError(f"articles.{article_id} must be a table", path=source)
            unknown = set(raw) - _ENTRY_KEYS
            if unknown:
                raise ManifestError(
                    f"articles.{article_id}: unknown keys {sorted(unknown)}; "
                    f"allowed: {sorted(_ENTRY_KEYS)}",
                    path=source,
                )
            published = raw.get("published")
            try:
                when = PartialDate.from_iso(str(published)) if published else None
            except ValueError as exc:
                raise ManifestError(
                    f"articles.{article_id}.published: {exc} (use YYYY, YYYY-MM or YYYY-MM-DD)",
                    path=source,
                ) from exc
            sources = raw.get("sources", {})
            if not isinstance(sources, dict):
                raise ManifestError(f"articles.{article_id}.sources must be a table", path=source)
            entries[str(article_id)] = ManifestEntry(
                outlet=_opt_str(raw.get("outlet")),
                published=when,
                url=_opt_str(raw.get("url")),
                title=_opt_str(raw.get("title")),
                sources={str(k): str(v) for k, v in sources.items()},
                notes=_opt_str(raw.get("notes")),
            )
        return cls(entries, source)


_CSV_ID_COLUMNS = ("file", "id", "filename", "path")


def _article_id(name: str) -> str:
    """The article id a manifest row names: its path with ``/`` and without extension."""
    name = name.replace("\\", "/").strip("/")
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and stem and "/" not in suffix and len(suffix) <= 8 else name


def _opt_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
