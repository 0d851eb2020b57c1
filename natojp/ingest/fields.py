"""Which column or key holds each field: :data:`FIELD_ALIASES`, name normalisation,
:class:`~natojp.config.ColumnMap` overrides (:func:`_map_fields`), the skip of a file
without a text field, and field values of cells and JSON values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from natojp._dates import parse_date
from natojp.config import ColumnMap
from natojp.errors import InputError
from natojp.models import ColumnMapping, Skipped

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
    "title": ("title", "headline", "head", "name", "articletitle"),
    "date": (
        "date",
        "published",
        "publishdate",
        "publishedat",
        "publisheddate",
        "publicationdate",
        "pubdate",
        "datepublished",
        "datepublish",
        "articledate",
        "releasedate",
        "firstpublished",
        "datetime",
        "timestamp",
        "seendate",
        "time",
        "created",
        "createdat",
    ),
    "outlet": (
        "source",
        "outlet",
        "publisher",
        "site",
        "sitename",
        "medianame",
        "sourcename",
        "sourcecommonname",
        "domain",
        "sourcedomain",
        "media",
        "publication",
        "newspaper",
    ),
    "url": (
        "url",
        "link",
        "href",
        "permalink",
        "articleurl",
        "articlelink",
        "articlesourcelink",
        "sourceurl",
        "sourcelink",
        "canonicalurl",
        "weburl",
        "documentidentifier",
    ),
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


CONTENT_FIELDS = ("url", "date")
"""Fields found by their values when no column name says so."""
_SAMPLE_SHARE = 0.8  # of a column's non-empty sampled values that must look right
# Columns whose values are dates or addresses but not the article's own: never guessed.
_NOT_GUESSED = {
    "url": re.compile(r"image|img|photo|picture|thumb|logo|icon|avatar|video|media|feed|author"),
    "date": re.compile(
        r"updat|modif|edit|crawl|fetch|retriev|scrap|download|access|collect|harvest|insert"
        r"|index|birth|expir|event"
    ),
}
_URL_VALUE = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)
_MAX_DATE_CHARS = 40


def looks_like(fld: str, value: str) -> bool:
    """Whether a cell's ``value`` reads as the field ``fld`` (``url`` or ``date``).

    A web address with a scheme and a host; a date written with words or separators
    (``2017/2/7``, ``7 Feb 2017``, ``2017-02-07T10:00:00Z``; either day/month order):
    a bare number never counts, since ids and counts are numbers too.
    """
    v = value.strip()
    if fld == "url":
        return bool(_URL_VALUE.fullmatch(v))
    if fld != "date" or not v or v.isdigit() or len(v) > _MAX_DATE_CHARS:
        return False
    if not any(c.isdigit() for c in v):
        return False
    return parse_date(v, dayfirst=True) is not None or parse_date(v, dayfirst=False) is not None


def by_content(
    names: Sequence[str],
    samples: Sequence[Sequence[str]],
    taken: Iterable[int],
    wanted: Iterable[str],
) -> dict[str, int]:
    """Columns found by their values for each of ``wanted`` (a subset of
    :data:`CONTENT_FIELDS`): among the columns not ``taken``, the one with most sampled
    values that :func:`looks_like` the field, when at least 80% of its non-empty
    sampled values do. Columns named as other dates or addresses (``updated_at``,
    ``image_url``) are never guessed."""
    found: dict[str, int] = {}
    used = set(taken)
    for fld in wanted:
        best: tuple[int, int] | None = None
        for i in range(len(names)):
            if i in used or _NOT_GUESSED[fld].search(_norm_key(names[i])):
                continue
            values = [row[i] for row in samples if i < len(row) and row[i].strip()]
            hits = sum(looks_like(fld, v) for v in values)
            if values and hits >= _SAMPLE_SHARE * len(values) and (best is None or hits > best[0]):
                best = (hits, i)
        if best is not None:
            found[fld] = best[1]
            used.add(best[1])
    return found


def column_mapping(
    path: str,
    kind: str,
    names: Sequence[str],
    found: dict[str, int],
    columns: ColumnMap,
    content: Iterable[str] = (),
) -> ColumnMapping:
    """The record of which column was read as each field, and how it was chosen."""
    guessed = set(content)
    return ColumnMapping(
        path,
        kind,
        tuple(
            (
                fld,
                names[found[fld]],
                "option" if getattr(columns, fld) else "content" if fld in guessed else "name",
            )
            for fld in FIELD_ALIASES
            if fld in found
        ),
    )


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
        self.mapping: ColumnMapping | None = None

    def fields(
        self, keys: tuple[str, ...], *, strict: bool, sample: dict[str, object] | None = None
    ) -> dict[str, str]:
        """Field → key for objects with ``keys``; ``strict`` raises for a missing override.

        Keys for a date or address that no name gives are looked for in the values of
        ``sample`` (an object with these keys); :attr:`mapping` records the choice made
        for the first key set.
        """
        got = self._cache.get(keys)
        if got is None:
            pos = _map_fields(keys, self._columns, kind="key", path=self._path, strict=strict)
            missing = [
                f for f in CONTENT_FIELDS if f not in pos and getattr(self._columns, f) is None
            ]
            content: dict[str, int] = {}
            if missing and sample is not None and "text" in pos:
                values = [v if isinstance(v, str) else "" for v in (sample.get(k) for k in keys)]
                content = by_content(keys, [values], pos.values(), missing)
                pos.update(content)
            got = {fld: keys[i] for fld, i in pos.items()}
            self._cache[keys] = got
            if self.mapping is None and "text" in pos:
                self.mapping = column_mapping(self._path, "key", keys, pos, self._columns, content)
        return got
