"""Which column or key holds each field: :data:`FIELD_ALIASES`, name normalisation,
:class:`~natojp.config.ColumnMap` overrides (:func:`_map_fields`), the skip of a file
without a text field, and field values of cells and JSON values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from natojp.config import ColumnMap
from natojp.errors import InputError
from natojp.models import Skipped

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "fulltext",
        "story",
        "maintext",
        "articlebody",
    ),
    "title": ("title", "headline", "head", "name"),
    "date": (
        "date",
        "published",
        "publishedat",
        "publicationdate",
        "pubdate",
        "datetime",
        "timestamp",
        "time",
        "created",
    ),
    "outlet": (
        "source",
        "outlet",
        "publisher",
        "site",
        "sitename",
        "domain",
        "media",
        "publication",
        "newspaper",
    ),
    "url": ("url", "link", "href", "permalink"),
}
"""Column / key names recognised for each field, in order of preference.

Names are compared after lower-casing and removing spaces, underscores and hyphens,
so ``Full_Text``, ``full text`` and ``fulltext`` are the same name.
"""


def _norm_key(name: str) -> str:
    """A field name for comparison: case-folded, without spaces, underscores and hyphens."""
    return re.sub(r"[\s_\-]+", "", name).casefold()


_ALIAS_RANK: dict[str, dict[str, int]] = {
    fld: {alias: rank for rank, alias in enumerate(aliases)}
    for fld, aliases in FIELD_ALIASES.items()
}


def _map_fields(
    names: Sequence[str], columns: ColumnMap, *, kind: str, path: str, strict: bool = True
) -> dict[str, int]:
    """Position in ``names`` of each field found; ``text`` is absent when none was found.

    A name set in ``columns`` must exist (exactly, or after normalisation), else
    :class:`InputError` lists the available names; with ``strict=False`` the field is
    left out instead (never replaced by an auto-detected name).
    """
    found: dict[str, int] = {}
    overridden: set[str] = set()
    names = list(names)
    normalised = [_norm_key(n) for n in names]
    for fld in FIELD_ALIASES:
        wanted: str | None = getattr(columns, fld)
        if wanted is None:
            continue
        overridden.add(fld)
        if wanted in names:
            found[fld] = names.index(wanted)
        elif _norm_key(wanted) in normalised:
            found[fld] = normalised.index(_norm_key(wanted))
        elif strict:
            available = ", ".join(repr(n) for n in names) or "none"
            raise InputError(
                f"{kind} {wanted!r} (set with ColumnMap.{fld} / --{fld}-column) "
                f"not found; available {kind}s: {available}",
                path=path,
            )
    taken = set(found.values())
    for fld, ranks in _ALIAS_RANK.items():
        if fld in overridden:
            continue
        best: tuple[int, int] | None = None
        for i, key in enumerate(normalised):
            rank = ranks.get(key)
            if rank is not None and i not in taken and (best is None or rank < best[0]):
                best = (rank, i)
        if best is not None:
            found[fld] = best[1]
            taken.add(best[1])
    return found


def _no_text_field(names: Sequence[str], *, kind: str, path: str, line: int | None) -> Skipped:
    """The skip of a structured file in which no column/key holds the article text."""
    listed = ", ".join(repr(n) for n in names) or "none"
    return Skipped(
        path,
        f"no text {kind} found ({kind}s: {listed}); name the one holding the article text "
        f"with ColumnMap(text=...) or the CLI option --text-column",
        line,
    )


def _no_key(keys: Sequence[str]) -> str:
    """Where a JSON object without a text key was looked in, for messages."""
    listed = ", ".join(repr(k) for k in keys[:10]) or "none"
    return f"(no text key; its keys: {listed})"


def _as_text(value: object) -> str | None:
    """Article text of a JSON value: a string, or a list of strings (paragraphs)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(str(v).strip() for v in value).strip() or None
    return None


def _as_field(value: object) -> str | None:
    """A metadata value: a string or number, or the ``name`` of an object (NewsAPI source)."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "title"):
            if isinstance(value.get(key), str):
                return _as_field(value[key])
    return None


class _RowMapper:
    """Field positions for JSON objects, worked out once per distinct key set."""

    def __init__(self, columns: ColumnMap, path: str) -> None:
        self._columns = columns
        self._path = path
        self._cache: dict[tuple[str, ...], dict[str, str]] = {}

    def fields(self, keys: tuple[str, ...], *, strict: bool) -> dict[str, str]:
        """Field → key for objects with ``keys``; ``strict`` raises for a missing override."""
        got = self._cache.get(keys)
        if got is None:
            pos = _map_fields(keys, self._columns, kind="key", path=self._path, strict=strict)
            got = {fld: keys[i] for fld, i in pos.items()}
            self._cache[keys] = got
        return got
