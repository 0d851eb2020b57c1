"""Areas and the taxonomy: validation, TOML reading and writing, the shipped default."""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import tomli_w

from natojp._datafile import parse_toml, read_text, tables
from natojp.errors import TaxonomyError
from natojp.taxonomy._terms import (
    _DEFAULT_RESOURCE,
    _ID,
    _LANGUAGE,
    AREA_KEYS,
    _language_code,
    _parse_term,
)

LanguageTerms = tuple[tuple[str, tuple[str, ...]], ...]
"""Terms by language: ``(code, terms)`` pairs in code order, as :class:`Area` stores them."""


def _by_language(value: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]]) -> Any:
    """A mapping (or pairs) of language code to terms as sorted, hashable pairs.

    Input of another shape is returned unchanged, for :func:`_check_areas` to report.
    """
    try:
        items = list(value.items() if isinstance(value, Mapping) else value)
        if not all(
            isinstance(i, tuple) and len(i) == 2 and isinstance(i[0], str) for i in items
        ) or any(isinstance(terms, str) for _, terms in items):
            return value  # a single string is not a list of terms: validation says so
        pairs = [(code, tuple(terms)) for code, terms in items]
    except TypeError:
        return value
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


@dataclass(frozen=True, slots=True)
class Area:
    """One technology area: an id, what to call it, and the terms that credit it.

    ``terms`` and ``exclude`` are English and apply to articles in every language;
    ``terms_by_language`` and ``exclude_by_language`` add terms for articles in one
    language, by ISO 639-1 code. Pass them as a mapping (``{"it": ["droni"]}``) or as
    pairs; they are stored as ``(code, terms)`` pairs sorted by code, so that areas
    stay hashable and compare equal whatever order the languages came in.
    """

    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    terms_by_language: LanguageTerms = ()
    exclude_by_language: LanguageTerms = ()

    def __post_init__(self) -> None:
        # Accept lists and mappings from callers but store tuples, so areas stay hashable.
        object.__setattr__(self, "terms", tuple(self.terms))
        object.__setattr__(self, "exclude", tuple(self.exclude))
        object.__setattr__(self, "terms_by_language", _by_language(self.terms_by_language))
        object.__setattr__(self, "exclude_by_language", _by_language(self.exclude_by_language))

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages (besides English) this area has terms for, in code order."""
        return tuple(code for code, _ in self.terms_by_language)

    def terms_for(self, language: str | None) -> tuple[str, ...]:
        """The terms that credit an article in ``language``: the English ``terms`` and
        then that language's own (``None`` or ``"en"``: the English terms alone)."""
        return self.terms + dict(self.terms_by_language).get(language or "en", ())

    def exclude_for(self, language: str | None) -> tuple[str, ...]:
        """The exclude phrases for an article in ``language`` (English ones first)."""
        return self.exclude + dict(self.exclude_by_language).get(language or "en", ())


def _where(index: int, area_id: object = None) -> str:
    """How an error message names an area: its 1-based position and, if known, id."""
    return f"area #{index} ({area_id!r})" if isinstance(area_id, str) else f"area #{index}"


def _check_terms(where: str, key: str, values: object) -> None:
    """Raise :class:`TaxonomyError` if ``values`` are not valid terms for ``key``."""
    if not isinstance(values, tuple):
        raise TaxonomyError(f"{where}: {key} must be a list of strings")
    for n, term in enumerate(values, start=1):
        if not isinstance(term, str):
            raise TaxonomyError(f"{where}: {key} #{n} is not a string: {term!r}")
        try:
            _parse_term(term, allow_list=not key.startswith("exclude"))
        except ValueError as exc:
            raise TaxonomyError(f"{where}: {key} #{n} {term!r} {exc}") from None


def _check_languages(where: str, key: str, pairs: object) -> None:
    """Raise :class:`TaxonomyError` if ``pairs`` are not valid terms by language."""
    if not isinstance(pairs, tuple) or not all(
        isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) for p in pairs
    ):
        raise TaxonomyError(
            f"{where}: {key} must map language codes to lists of terms, "
            f'like {{"it": ["droni"]}} (in TOML: [area.{key}] then it = ["droni"])'
        )
    english = "terms" if key == "terms_by_language" else "exclude"
    seen: set[str] = set()
    for code, values in pairs:
        if code == "en":
            raise TaxonomyError(f"{where}: {key}.en: English terms go in {english!r}")
        if not _LANGUAGE.fullmatch(code):
            raise TaxonomyError(
                f"{where}: {key}: {code!r} is not a two-letter lower-case ISO 639-1 "
                "language code (such as 'it', 'ja')"
            )
        if code in seen:
            raise TaxonomyError(f"{where}: {key}: language {code!r} is given twice")
        seen.add(code)
        if key == "terms_by_language" and not values:
            raise TaxonomyError(
                f"{where}: {key}.{code} is empty; give at least one term or remove it"
            )
        _check_terms(where, f"{key}.{code}", values)


def _check_areas(areas: Sequence[Area]) -> None:
    """Raise :class:`TaxonomyError` if ``areas`` is not a valid taxonomy."""
    if not areas:
        raise TaxonomyError("the taxonomy has no areas: add at least one [[area]] table")
    first_seen: dict[str, int] = {}
    for index, area in enumerate(areas, start=1):
        where = _where(index, area.id)
        if not isinstance(area.id, str) or not _ID.fullmatch(area.id):
            raise TaxonomyError(
                f"{where}: invalid id; use lower-case letters, digits and single hyphens "
                "(for example 'counter-drone')"
            )
        if area.id in first_seen:
            raise TaxonomyError(
                f"{where}: duplicate id (already used by area #{first_seen[area.id]})"
            )
        first_seen[area.id] = index
        if not area.terms:
            raise TaxonomyError(f"{where}: key 'terms' is empty; give at least one term")
        _check_terms(where, "terms", area.terms)
        _check_terms(where, "exclude", area.exclude)
        _check_languages(where, "terms_by_language", area.terms_by_language)
        _check_languages(where, "exclude_by_language", area.exclude_by_language)


def _string_list(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """``raw[key]`` as a tuple of strings, or a :class:`TaxonomyError` saying what is wrong."""
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(
            f'{where}: key {key!r} must be a list of strings, like {key} = ["satellite*"]'
        )
    return tuple(value)


def _language_lists(raw: Mapping[str, Any], key: str, where: str) -> dict[str, tuple[str, ...]]:
    """``raw[key]``, a table of term lists by language, or a :class:`TaxonomyError`."""
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise TaxonomyError(
            f"{where}: key {key!r} must be a table of term lists by language, "
            f'like [area.{key}] then it = ["droni"]'
        )
    return {code: _string_list(value, code, f"{where}: {key}") for code in value}


def _area_from_table(index: int, raw: object) -> Area:
    """Build one :class:`Area` from a parsed ``[[area]]`` table."""
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{_where(index)}: expected a table of keys, got {raw!r}")
    area_id = raw.get("id")
    where = _where(index, area_id)
    unknown = [k for k in raw if k not in AREA_KEYS]
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key, AREA_KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise TaxonomyError(f"{where}: unknown key {key!r} (allowed: {', '.join(AREA_KEYS)}){hint}")
    if "id" not in raw:
        raise TaxonomyError(f"{where}: missing key 'id'")
    if not isinstance(area_id, str):
        raise TaxonomyError(f"{where}: key 'id' must be a string, got {area_id!r}")
    if "terms" not in raw:
        raise TaxonomyError(f"{where}: missing key 'terms'")
    for key in ("label", "description"):
        if key in raw and not isinstance(raw[key], str):
            raise TaxonomyError(f"{where}: key {key!r} must be a string")
    return Area(
        id=area_id,
        label=raw.get("label", area_id),
        description=raw.get("description", ""),
        terms=_string_list(raw, "terms", where),
        exclude=_string_list(raw, "exclude", where),
        terms_by_language=_by_language(_language_lists(raw, "terms_by_language", where)),
        exclude_by_language=_by_language(_language_lists(raw, "exclude_by_language", where)),
    )


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """An ordered set of technology areas. Validated on construction.

    Raises :class:`~natojp.errors.TaxonomyError` when there are no areas, an id is
    invalid or repeated, an area has no terms, or a term breaks the term syntax.
    """

    areas: tuple[Area, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "areas", tuple(self.areas))
        _check_areas(self.areas)

    @classmethod
    def default(cls) -> Taxonomy:
        """The taxonomy shipped with natojp (``natojp/data/taxonomy.toml``)."""
        return _default_taxonomy()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Taxonomy:
        """Read a taxonomy TOML file (UTF-8). Errors name the file."""
        where = os.fspath(path)
        text = read_text(path, "taxonomy", TaxonomyError)
        return cls.from_toml(text, source=where)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<string>") -> Taxonomy:
        """Parse taxonomy TOML: one ``[[area]]`` table per area, in display order.

        Every problem raises :class:`~natojp.errors.TaxonomyError` whose message
        names the area (position and id) and the key at fault, with ``path=source``.
        """
        data = parse_toml(text, source, TaxonomyError)
        try:
            found = tables(data, "area", "a taxonomy file", "area", TaxonomyError)
            return cls(tuple(_area_from_table(i, raw) for i, raw in enumerate(found, start=1)))
        except TaxonomyError as exc:
            raise TaxonomyError(exc.message, path=source) from None

    def to_toml(self) -> str:
        """This taxonomy as TOML that :meth:`from_toml` reads back to an equal taxonomy.

        Starts with the term-syntax help of the shipped file, so an exported copy
        explains itself to whoever edits it.
        """
        tables: list[dict[str, Any]] = []
        for area in self.areas:
            table: dict[str, Any] = {
                "id": area.id,
                "label": area.label,
                "description": area.description,
                "terms": list(area.terms),
            }
            if area.exclude:
                table["exclude"] = list(area.exclude)
            for key, pairs in (
                ("terms_by_language", area.terms_by_language),
                ("exclude_by_language", area.exclude_by_language),
            ):
                if pairs:
                    table[key] = {code: list(terms) for code, terms in pairs}
            tables.append(table)
        body: str = tomli_w.dumps({"area": tables})
        return _syntax_header() + "\n" + body

    @property
    def ids(self) -> list[str]:
        """Area ids in taxonomy order."""
        return [a.id for a in self.areas]

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages besides English that some area has terms for, in code order."""
        return tuple(sorted({code for area in self.areas for code in area.languages}))

    def areas_without_terms(self, language: str | None) -> tuple[str, ...]:
        """Ids of the areas with no terms of their own in ``language`` (ISO 639-1): an
        article in it is matched on their English terms only. English (or ``None``):
        none."""
        code = _language_code(language)
        if code == "en":
            return ()
        return tuple(a.id for a in self.areas if code not in a.languages)


def _read_default_text() -> str:
    return resources.files("natojp").joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8")


@functools.cache
def _default_taxonomy() -> Taxonomy:
    return Taxonomy.from_toml(_read_default_text(), source=f"natojp/{_DEFAULT_RESOURCE}")


@functools.cache
def _syntax_header() -> str:
    """The leading comment block of the shipped file (the term-syntax help)."""
    lines: list[str] = []
    for line in _read_default_text().splitlines():
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "\n".join(lines).strip() + "\n"
