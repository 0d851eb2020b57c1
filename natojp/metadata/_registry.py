"""The outlet registry: :class:`OutletRegistry`, its validation and its TOML files
(the default ships as ``natojp/data/outlets.toml``).

Private to :mod:`natojp.metadata.outlets`, which re-exports the public names; the rules
are in its docstring.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import tomli_w

from natojp._datafile import parse_toml, read_text, tables
from natojp.errors import ConfigError
from natojp.metadata._names import _MAX_ALIAS_TOKENS, _TOKEN, NameMatcher, _key, clean_line
from natojp.metadata._outlet_model import (
    OUTLET_KEYS,
    OUTLET_TYPES,
    Outlet,
    OutletMention,
    registrable_domain,
)

_DEFAULT_RESOURCE = "data/outlets.toml"

# ISO 3166-1 alpha-2.
_COUNTRY_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK
    DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR
    GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM
    KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP
    MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL
    PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
    SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG
    VI VN VU WF WS YE YT ZA ZM ZW"""
_COUNTRIES = frozenset(_COUNTRY_CODES.split())
_COUNTRY_HINTS = {"UK": "GB", "EL": "GR"}

# Single words too common to name one outlet: not allowed as a name or an alias.
_GENERIC_WORDS = """
    the times news post daily herald journal press agency today wire tribune telegraph
    guardian independent observer mail sun star nation national express standard chronicle
    gazette world online media staff source sources report review monitor insider network
    radio television tv magazine weekly week defense defence military security politics
    business opinion editorial breaking latest home economist diplomat atlantic australian
    hindu hill age spectator strategist interpreter print conversation globe mirror record
    examiner bulletin inquirer republic statesman pioneer citizen register dispatch courier
    sentinel enquirer messenger leader voice government ministry"""
_GENERIC = frozenset(_GENERIC_WORDS.split())


class OutletRegistryError(ConfigError):
    """An outlet registry file or entry is invalid.

    ``entry`` is the 1-based position of the ``[[outlet]]`` table at fault, when one is.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        entry: int | None = None,
    ) -> None:
        self.entry = entry
        super().__init__(message, path=path, line=line)


# --- validation ------------------------------------------------------------------------


def _where(index: int, name: object = None) -> str:
    """How an error message names an entry: its 1-based position and, if known, name."""
    return f"outlet #{index} ({name!r})" if isinstance(name, str) else f"outlet #{index}"


_QUALIFIED = re.compile(r"(?P<bare>[^()]+?)\s+\([^()]+\)")


def _alias_problem(alias: str, *, name: bool = False) -> str | None:
    """What is wrong with a name or alias, or None. A name (not an alias) may end with a
    qualifier in brackets that tells outlets apart: ``ABC (Australia)``."""
    if not alias.strip():
        return "is empty"
    if alias != alias.strip():
        return "starts or ends with a space"
    qualified = _QUALIFIED.fullmatch(alias) if name else None
    bare = qualified["bare"] if qualified else alias
    if any(c in bare for c in "()[]|\n\t"):
        hint = " (a name may end with one qualifier in brackets)" if name else ""
        return f"has brackets or a '|': write the name alone, as in 'Kuwait News Agency'{hint}"
    tokens = _TOKEN.findall(clean_line(alias))
    if not tokens:
        return "has no letters or digits"
    if len(tokens) > _MAX_ALIAS_TOKENS:
        return f"has more than {_MAX_ALIAS_TOKENS} words"
    if len(tokens) == 1 and tokens[0].casefold() in _GENERIC:
        return "is a single common word, which names no one outlet; write the full name"
    if len(alias) < 2:
        return "is too short: write at least two letters"
    return None


def _domain_problem(domain: str) -> str | None:
    if domain != domain.strip().lower():
        return "must be written in lower case without spaces"
    if any(c in domain for c in "/:@?#"):
        return "must be a domain alone, without 'https://', a path or a port"
    registrable = registrable_domain(domain)
    if registrable is None:
        return "is not a registrable domain (check the spelling and the ending)"
    if domain != registrable and domain.startswith("www."):
        return f"is a web server's name: write {registrable!r}"
    return None


def _check_outlets(outlets: Sequence[Outlet]) -> NameMatcher:
    """Raise :class:`OutletRegistryError` if ``outlets`` is not a valid registry, else
    the compiled matcher."""
    if not outlets:
        raise OutletRegistryError("the registry has no outlets: add at least one [[outlet]] table")
    names: dict[str, tuple[int, str]] = {}  # folded words -> (entry, written as)
    shared: dict[str, list[tuple[int, str]]] = {}  # shared aliases: folded -> users
    domains: dict[str, int] = {}
    for index, entry in enumerate(outlets, start=1):
        where = _where(index, entry.name)

        def fail(message: str, index: int = index, where: str = where) -> OutletRegistryError:
            return OutletRegistryError(f"{where}: {message}", entry=index)

        if not isinstance(entry.name, str) or not entry.name.strip():
            raise fail("key 'name' must be a non-empty string")
        if entry.type not in OUTLET_TYPES:
            close = difflib.get_close_matches(str(entry.type), OUTLET_TYPES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise fail(f"type {entry.type!r} is not one of: {', '.join(OUTLET_TYPES)}{hint}")
        if entry.country and entry.country not in _COUNTRIES:
            hint = _COUNTRY_HINTS.get(entry.country.upper(), "")
            extra = f" (for this one use {hint!r})" if hint else ""
            raise fail(
                f"country {entry.country!r} is not an ISO 3166-1 alpha-2 code such as "
                f"'JP' or 'GB'{extra}; leave it out for international bodies"
            )
        if not isinstance(entry.state_affiliated, bool):
            raise fail("key 'state_affiliated' must be true or false")
        for label, alias in (("name", entry.name), *(("alias", a) for a in entry.aliases)):
            if not isinstance(alias, str):
                raise fail(f"{label} {alias!r} is not a string")
            problem = _alias_problem(alias, name=label == "name")
            if problem:
                raise fail(f"{label} {alias!r} {problem}")
            key = _key(_TOKEN.findall(clean_line(alias)))
            if key in names:
                other, written = names[key]
                if other == index:
                    raise fail(f"{label} {alias!r} repeats {written!r} of the same outlet")
                raise fail(
                    f"{label} {alias!r} is already used by "
                    f"{_where(other, outlets[other - 1].name)} (as {written!r}); "
                    "a name or alias may name one outlet only"
                )
            names[key] = (index, alias)
        for alias in entry.shared_aliases:
            problem = None if isinstance(alias, str) else "is not a string"
            problem = problem or _alias_problem(alias)
            if problem:
                raise fail(f"shared alias {alias!r} {problem}")
            shared.setdefault(_key(_TOKEN.findall(clean_line(alias))), []).append((index, alias))
        for cue in entry.cues:
            if not isinstance(cue, str) or not cue.strip() or cue != cue.strip():
                raise fail(f"cue {cue!r} must be a word or words without spaces around them")
        for domain in entry.domains:
            if not isinstance(domain, str):
                raise fail(f"domain {domain!r} is not a string")
            problem = _domain_problem(domain)
            if problem:
                raise fail(f"domain {domain!r} {problem}")
            if domain in domains:
                other = domains[domain]
                raise fail(
                    f"domain {domain!r} is already listed for "
                    f"{_where(other, outlets[other - 1].name)}"
                )
            domains[domain] = index
    for key, users in shared.items():
        index, alias = users[0]
        where = _where(index, outlets[index - 1].name)
        if key in names:
            other, written = names[key]
            raise OutletRegistryError(
                f"{where}: shared alias {alias!r} is a name or alias of "
                f"{_where(other, outlets[other - 1].name)} (as {written!r}); list it under "
                "shared_aliases in every outlet that uses it",
                entry=index,
            )
        if len({i for i, _ in users}) < 2:
            raise OutletRegistryError(
                f"{where}: shared alias {alias!r} is shared with no other outlet; "
                "list it under aliases",
                entry=index,
            )
    return NameMatcher(outlets)


def _string_list(raw: dict[str, Any], key: str, where: str, index: int) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OutletRegistryError(
            f'{where}: key {key!r} must be a list of strings, like {key} = ["..."]', entry=index
        )
    return tuple(value)


def _outlet_from_table(index: int, raw: object) -> Outlet:
    """Build one :class:`Outlet` from a parsed ``[[outlet]]`` table."""
    if not isinstance(raw, dict):
        raise OutletRegistryError(f"{_where(index)}: expected a table of keys", entry=index)
    name = raw.get("name")
    where = _where(index, name)
    unknown = [k for k in raw if k not in OUTLET_KEYS]
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key, OUTLET_KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise OutletRegistryError(
            f"{where}: unknown key {key!r} (allowed: {', '.join(OUTLET_KEYS)}){hint}", entry=index
        )
    for key in ("name", "type"):
        if key not in raw:
            raise OutletRegistryError(f"{where}: missing key {key!r}", entry=index)
        if not isinstance(raw[key], str):
            raise OutletRegistryError(f"{where}: key {key!r} must be a string", entry=index)
    country = raw.get("country", "")
    if not isinstance(country, str):
        raise OutletRegistryError(f"{where}: key 'country' must be a string", entry=index)
    state = raw.get("state_affiliated", False)
    if not isinstance(state, bool):
        raise OutletRegistryError(
            f"{where}: key 'state_affiliated' must be true or false (no quotes)", entry=index
        )
    return Outlet(
        name=raw["name"],
        type=raw["type"],
        aliases=_string_list(raw, "aliases", where, index),
        shared_aliases=_string_list(raw, "shared_aliases", where, index),
        cues=_string_list(raw, "cues", where, index),
        domains=_string_list(raw, "domains", where, index),
        country=country,
        state_affiliated=state,
    )


_TABLE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*outlet[ \t]*\]\]", re.MULTILINE)


# --- the registry ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutletRegistry:
    """An ordered list of outlets, validated on construction.

    Raises :class:`OutletRegistryError` when there are no outlets, or an entry has an
    empty name, an unknown type, a country that is not an ISO 3166-1 alpha-2 code, an
    alias that is a single common word or that another entry (or the same) already
    uses, a shared alias that only one entry lists or that is another's name or alias,
    or a domain that is not registrable or is listed twice.
    """

    outlets: tuple[Outlet, ...]
    _matcher: NameMatcher = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "outlets", tuple(self.outlets))
        object.__setattr__(self, "_matcher", _check_outlets(self.outlets))

    @classmethod
    def default(cls) -> OutletRegistry:
        """The registry shipped with natojp (``natojp/data/outlets.toml``)."""
        return _default_registry()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> OutletRegistry:
        """Read a registry TOML file (UTF-8). Errors name the file and line."""
        where = os.fspath(path)
        text = read_text(path, "outlet", OutletRegistryError)
        return cls.from_toml(text, source=where)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<string>") -> OutletRegistry:
        """Parse registry TOML: one ``[[outlet]]`` table per outlet.

        Every problem raises :class:`OutletRegistryError` with ``path=source``, a message
        naming the entry (position and name) and the key at fault, and the line of the
        entry's ``[[outlet]]`` header (or of a TOML syntax error).
        """
        data = parse_toml(text, source, OutletRegistryError)
        try:
            found = tables(data, "outlet", "an outlet file", "outlet", OutletRegistryError)
            return cls(tuple(_outlet_from_table(i, raw) for i, raw in enumerate(found, start=1)))
        except OutletRegistryError as exc:
            line = None
            if exc.entry is not None:
                starts = [text.count("\n", 0, m.start()) + 1 for m in _TABLE_HEADER.finditer(text)]
                if len(starts) == len(data.get("outlet", ())) and exc.entry <= len(starts):
                    line = starts[exc.entry - 1]
            raise OutletRegistryError(
                exc.message, path=source, line=line, entry=exc.entry
            ) from None

    def to_toml(self) -> str:
        """This registry as TOML that :meth:`from_toml` reads back to an equal registry.

        Starts with the format help of the shipped file, so an exported copy explains
        itself to whoever edits it.
        """
        tables: list[dict[str, Any]] = []
        for outlet in self.outlets:
            table: dict[str, Any] = {"name": outlet.name}
            if outlet.aliases:
                table["aliases"] = list(outlet.aliases)
            if outlet.shared_aliases:
                table["shared_aliases"] = list(outlet.shared_aliases)
            if outlet.cues:
                table["cues"] = list(outlet.cues)
            if outlet.domains:
                table["domains"] = list(outlet.domains)
            if outlet.country:
                table["country"] = outlet.country
            table["type"] = outlet.type
            if outlet.state_affiliated:
                table["state_affiliated"] = True
            tables.append(table)
        body: str = tomli_w.dumps({"outlet": tables})
        return _format_header() + "\n" + body

    # --- look-ups ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.outlets)

    @property
    def matcher(self) -> NameMatcher:
        """The compiled name tables (used by :mod:`natojp.metadata.wires`)."""
        return self._matcher

    def by_name(self, name: str) -> Outlet | None:
        """The outlet a name or alias denotes (``Kyodo``, ``KYODO NEWS``, ``The AP``
        does not: case and word rules as in the module docstring), or None; None too
        for an alias several outlets share (``CNA``), which names no one of them alone."""
        text = clean_line(name)
        entry = self._matcher.lookup(text)
        if entry is not None and self._matcher.shared(entry, text):
            return None  # "CNA": a shared alias names no one outlet without its context
        return entry

    def by_domain(self, url: str) -> Outlet | None:
        """The outlet whose domain a URL or host is on, or None.

        A host listed in the registry (``asia.nikkei.com``) wins over its registrable
        domain (``nikkei.com``). For an address outside the registry,
        :func:`registrable_domain` gives the domain to name it by.
        """
        return self._matcher.by_domain(url)

    def in_line(self, line: str) -> OutletMention | None:
        """The outlet a header or footer line names, by the strongest form in it
        (:data:`FORMS`), or None. A name inside an ordinary sentence is not a mention."""
        text = clean_line(line)
        mention = self._matcher.best(text)
        group = self._matcher.shared(mention.outlet, mention.text) if mention else ()
        if mention is not None and group:
            entry = self._matcher.by_cues(group, [text])
            return dataclasses.replace(mention, outlet=entry) if entry is not None else None
        return mention


def _read_default_text() -> str:
    return resources.files("natojp").joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8")


@functools.cache
def _default_registry() -> OutletRegistry:
    return OutletRegistry.from_toml(_read_default_text(), source=f"natojp/{_DEFAULT_RESOURCE}")


@functools.cache
def _format_header() -> str:
    """The leading comment block of the shipped file (the format help)."""
    lines: list[str] = []
    for line in _read_default_text().splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines).strip() + "\n"
