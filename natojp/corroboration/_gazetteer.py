"""The gazetteer of known people, organisations and programmes (the default ships as
``natojp/data/entities.toml``): names with their aliases, and the matcher that finds
them in a paragraph.

Private to :mod:`natojp.corroboration`, which re-exports the public names.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import tomli_w

from natojp._datafile import parse_toml, read_text, tables
from natojp._text import CJK
from natojp.corroboration._common import by_first_char
from natojp.errors import ConfigError

_DEFAULT_RESOURCE = "data/entities.toml"
KINDS = ("person", "organisation", "programme")
"""The kinds of gazetteer entries: programmes are counted as claims, not entities."""
_KEYS = frozenset({"name", "kind", "aliases", "qualifiers"})
_CJK_CHAR = re.compile(f"[{CJK}]")

# A possessive or a nationality adjective right before a match: "Russia's Defense
# Ministry", "the Chinese Foreign Ministry". Compared with an entry's qualifiers.
_QUALIFIER_BEFORE = re.compile(
    r"(?:(?P<poss>[A-Z][\w.]*)['’]s|(?P<adj>[A-Z][a-z]+(?:an|ese|ish|ian|i|ch)|U\.S\.|US|UK|EU))"
    r"\s+$"
)


class GazetteerError(ConfigError):
    """A gazetteer file or entry is invalid."""


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """One gazetteer entry: the canonical ``name``, its ``kind`` (see :data:`KINDS`),
    the other ways it is written and, for a generic alias such as "Defense Ministry",
    the country words that may stand before it (``qualifiers``)."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A gazetteer name found in a text: the entry and the character span."""

    entity: KnownEntity
    start: int
    end: int


_SPECIAL = "'’ -\u2010\u2011"  # characters _alias_pattern turns into a class


def _alias_pattern(alias: str) -> str:
    """A regex for ``alias``: apostrophes match ' and ’, spaces any whitespace run,
    hyphens the hyphen look-alikes."""
    out = []
    for ch in alias:
        if ch in "'’":
            out.append("['’]")
        elif ch == " ":
            out.append(r"\s+")
        elif ch in "-\u2010\u2011":
            out.append("[-\u2010\u2011]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _latin_pattern(aliases: list[str]) -> re.Pattern[str]:
    """One regex for the Latin-script ``aliases`` (longest first), each a whole word:
    not after a word character or a full stop, not before a word character or a hyphen.
    Grouped by first character (:func:`by_first_char`), with the check before the name
    made right after its first character, so that the regex engine skips in C to the
    next possible first character (twice as fast as a leading lookahead)."""
    if any(a[0] in _SPECIAL for a in aliases):  # the first character is not a literal
        return re.compile(r"(?<![\w.])(?:" + "|".join(map(_alias_pattern, aliases)) + r")(?![\w-])")
    pairs = ((a[0], _alias_pattern(a[1:])) for a in aliases)
    return re.compile(by_first_char(pairs, guard=r"(?<![\w.].)") + r"(?![\w-])")


def _alias_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("\u2010", "-").replace("\u2011", "-"))


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The known entities, and one compiled matcher for all their names.

    Latin-script names match whole words, case-sensitively (``UN`` is not ``un``);
    names in kanji or kana match as substrings, since Japanese has no spaces. The
    longest name wins where several overlap ("Japan's Defense Ministry" over
    "Defense Ministry").
    """

    entities: tuple[KnownEntity, ...]
    _by_alias: dict[str, KnownEntity] = field(init=False, repr=False, compare=False)
    _latin: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _cjk: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_alias: dict[str, KnownEntity] = {}
        names: set[str] = set()
        for i, entity in enumerate(self.entities, 1):
            if entity.kind not in KINDS:
                raise GazetteerError(
                    f"entry {i} ({entity.name!r}): kind must be one of {', '.join(KINDS)}"
                )
            if not entity.name.strip():
                raise GazetteerError(f"entry {i}: the name is empty")
            if entity.name in names:
                raise GazetteerError(f"entry {i}: the name {entity.name!r} is listed twice")
            names.add(entity.name)
            for alias in (entity.name, *entity.aliases):
                key = _alias_key(alias.strip())
                if not key:
                    continue
                other = by_alias.get(key)
                if other is not None and other is not entity:
                    raise GazetteerError(
                        f"entry {i} ({entity.name!r}): the alias {alias!r} already names "
                        f"{other.name!r}"
                    )
                by_alias[key] = entity
        latin = sorted((a for a in by_alias if not _CJK_CHAR.search(a)), key=len, reverse=True)
        cjk = sorted((a for a in by_alias if _CJK_CHAR.search(a)), key=len, reverse=True)
        object.__setattr__(self, "_by_alias", by_alias)
        object.__setattr__(self, "_latin", _latin_pattern(latin) if latin else None)
        object.__setattr__(
            self, "_cjk", re.compile("|".join(map(_alias_pattern, cjk))) if cjk else None
        )

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[KnownEntity]:
        return iter(self.entities)

    def lookup(self, name: str) -> KnownEntity | None:
        """The entry one of whose names is ``name`` exactly (apostrophes and spaces as
        in matching), or None."""
        return self._by_alias.get(_alias_key(name.strip()))

    def find(self, text: str, *, cjk: bool = False) -> list[GazetteerMatch]:
        """The known names in ``text``, left to right, not overlapping; ``cjk`` also
        looks for names in kanji and kana (pass it for texts that have any)."""
        found: list[GazetteerMatch] = []
        if self._latin is not None:
            for m in self._latin.finditer(text):
                entity = self._by_alias.get(_alias_key(m.group()))
                if entity is None or not self._qualified(entity, text, m.start(), m.group()):
                    continue
                found.append(GazetteerMatch(entity, m.start(), m.end()))
        if cjk and self._cjk is not None:
            spans = [(g.start, g.end) for g in found]
            for m in self._cjk.finditer(text):
                if any(s < m.end() and m.start() < e for s, e in spans):
                    continue
                entity = self._by_alias.get(_alias_key(m.group()))
                if entity is not None:
                    found.append(GazetteerMatch(entity, m.start(), m.end()))
            found.sort(key=lambda g: g.start)
        return found

    @staticmethod
    def _qualified(entity: KnownEntity, text: str, start: int, matched: str) -> bool:
        """False when another country's possessive or adjective stands before a generic
        alias of an entry with qualifiers ("Russia's Defense Ministry")."""
        if not entity.qualifiers or any(matched.startswith(q) for q in entity.qualifiers):
            return True
        before = _QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
        if before is None:
            return True
        word = before.group("poss") or before.group("adj")
        return word in entity.qualifiers

    # --- files ---------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer shipped with natojp (``natojp/data/entities.toml``)."""
        return _default()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """A gazetteer read from a TOML file (:class:`GazetteerError` names the file,
        the line where TOML is broken, or the entry at fault)."""
        where = os.fspath(path)
        text = read_text(path, "gazetteer", GazetteerError)
        return cls.from_toml(text, source=where)

    @classmethod
    def from_toml(cls, text: str, source: str = "<gazetteer>") -> Gazetteer:
        """A gazetteer from the text of a TOML file of ``[[entity]]`` tables."""
        data = parse_toml(text, source, GazetteerError)
        rows = tables(data, "entity", "a gazetteer file", "entity", GazetteerError)
        try:
            return cls(tuple(_entry(row, i) for i, row in enumerate(rows, 1)))
        except GazetteerError as exc:
            raise GazetteerError(exc.message, path=source) from None

    def to_toml(self) -> str:
        """The gazetteer as TOML text (a header comment and one ``[[entity]]`` table
        each), which :meth:`from_toml` reads back to an equal gazetteer."""
        rows: list[dict[str, Any]] = []
        for e in self.entities:
            row: dict[str, Any] = {"name": e.name, "kind": e.kind, "aliases": list(e.aliases)}
            if e.qualifiers:
                row["qualifiers"] = list(e.qualifiers)
            rows.append(row)
        return _HEADER + "\n" + tomli_w.dumps({"entity": rows})


def _strings(value: object, key: str, i: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"entry {i}: {key!r} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _entry(row: object, i: int) -> KnownEntity:
    if not isinstance(row, dict):
        raise GazetteerError(f"entry {i} is not a table")
    unknown = sorted(set(row) - _KEYS)
    if unknown:
        raise GazetteerError(f"entry {i}: unknown key {unknown[0]!r}")
    name, kind = row.get("name"), row.get("kind")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"entry {i}: 'name' must be a non-empty string")
    if not isinstance(kind, str):
        raise GazetteerError(f"entry {i} ({name!r}): 'kind' must be a string")
    return KnownEntity(
        name=name.strip(),
        kind=kind,
        aliases=_strings(row.get("aliases", []), "aliases", i),
        qualifiers=_strings(row.get("qualifiers", []), "qualifiers", i),
    )


def _header() -> str:
    text = resources.files("natojp").joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8")
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=1)
def _default() -> Gazetteer:
    text = resources.files("natojp").joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8")
    return Gazetteer.from_toml(text, source=_DEFAULT_RESOURCE)


_HEADER = _header()
