"""Technology-area taxonomy and the tagger that credits articles with areas.

A :class:`Taxonomy` is a list of :class:`Area` objects, each with the *terms* that
credit an article with it. The default ships as ``natojp/data/taxonomy.toml``; users
edit a copy and load it with :meth:`Taxonomy.load`. :func:`tag_articles` scores every
article per area (the number of body sentences that mention it) and keeps the matching
sentences as evidence.

Term syntax (the same for ``terms`` and ``exclude``; matched against
:func:`~natojp._text.normalise`\\ d text, so curly quotes and hyphen look-alikes such
as U+2011 do not matter):

* Case-insensitive phrase match on whole words: ``naval`` finds ``Naval`` but not
  ``navally``; ``space`` never finds ``airspace``.
* A term in ALL CAPS (it has capital letters and no lower-case ones) matches
  case-sensitively: ``AI`` finds ``AI`` and ``AI-enabled`` but not ``said``, ``ai``
  or ``Ai Weiwei``; ``C-UAS`` and ``F-35`` are exact too.
* A trailing ``*`` is a prefix wildcard: ``satellite*`` finds ``satellites`` and
  ``satellite-based`` (the wildcard stops at a hyphen). ``*`` is allowed only at the
  end, after at least three letters or digits.
* A term without ``*`` also finds its simple plural (of its last word): ``-s``, ``-es``
  after s/x/z/ch/sh, ``y`` to ``ies`` after a consonant (``navy``/``navies``); an ALL
  CAPS term or one ending in a digit takes a lower-case ``s`` (``UAVs``, ``F-35s``).
* Spaces and hyphens inside a term are interchangeable: ``supply chain`` finds
  ``supply chain``, ``supply-chain`` and ``supply‑chain`` (U+2011).
* A term in square brackets, ``[space]``, is a *list term*: it counts only as an item
  of a list next to a non-list term of any area (``such as space, artificial
  intelligence``; ``the space and maritime domains``), joined by a comma, ``and``,
  ``or``, ``&``, ``/`` or ``as well as``, and only when the word before it is
  punctuation or a function word (``as``, ``and``, ``the``, ``in`` ...), never a
  modifier as in ``office space, cybersecurity``.
* ``exclude`` phrases cancel overlapping matches of their own area: with
  ``exclude = ["counter-drone"]`` the uncrewed area's ``drone*`` does not fire inside
  ``counter-drone technology``.

Matching is built for large corpora. Each area's terms are compiled once per
taxonomy into one regular expression (longest term first). Regular-expression
alternations are slow to scan, so they only run where they can match: every term is
reduced to the word tokens any match must contain (its *slots*), and a paragraph,
then a sentence, is only matched against the areas whose terms' slots all occur among
its tokens (one tokenisation per paragraph; token verdicts are cached per call). The
prefilter never drops a match: it only skips texts the expressions cannot match.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import tomli_w

from natojp._text import normalise, split_sentences
from natojp.errors import TaxonomyError
from natojp.models import Article

__all__ = ["Area", "Taxonomy", "TechAreaResult", "tag_articles"]

AREA_KEYS: tuple[str, ...] = ("id", "label", "description", "terms", "exclude")
"""The keys an ``[[area]]`` table may have (``id`` and ``terms`` are required)."""

_DEFAULT_RESOURCE = "data/taxonomy.toml"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MIN_WILDCARD_CHARS = 3

# --- term syntax -----------------------------------------------------------------------

_SEP = r"[ \t-]+"  # spaces and hyphens between the words of a term (after normalise())
_SPLIT = re.compile(r"[\s-]+")
_WORD_RUN = re.compile(r"\w+")
_VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True)
class _Slot:
    """A word token every match of a term contains: one of ``spellings``, or a token
    starting with ``prefix`` (the last word of a wildcard term)."""

    spellings: frozenset[str]
    prefix: str | None = None


@dataclass(frozen=True, slots=True)
class _Term:
    """One parsed term: its regular expression and the tokens the prefilter needs."""

    written: str
    regex: str  # without the word-start check, which _alternation() factors out
    word_start: bool  # the term starts with a letter or digit: match at word starts only
    listed: bool
    slots: tuple[_Slot, ...]  # lower-case word tokens present in every match


def _plural(word: str, case_sensitive: bool) -> tuple[str, tuple[str, ...]]:
    """Regex for ``word`` or its simple plural, and the two spellings."""
    if case_sensitive or word[-1].isdigit():
        return re.escape(word) + "s?", (word, word + "s")
    low = word.lower()
    if len(low) > 1 and low.endswith("y") and low[-2] not in _VOWELS:
        return re.escape(word[:-1]) + "(?:y|ies)", (word, word[:-1] + "ies")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return re.escape(word) + "(?:es)?", (word, word + "es")
    return re.escape(word) + "s?", (word, word + "s")


def _parse_term(raw: str, *, allow_list: bool = True) -> _Term:
    """Parse one term of the syntax described in the module docstring.

    Raises ``ValueError`` with a reason a user can act on.
    """
    text = normalise(raw).strip()
    if not text:
        raise ValueError("is empty")
    listed = text.startswith("[") and text.endswith("]")
    if listed:
        if not allow_list:
            raise ValueError("is a [list] term; exclude phrases cannot be list terms")
        text = text[1:-1].strip()
    if "[" in text or "]" in text:
        raise ValueError("has square brackets: they must enclose the whole term, as in [space]")
    wildcard = text.endswith("*")
    if wildcard:
        text = text[:-1].rstrip()
    if "*" in text:
        raise ValueError("has a '*' that is not at the end ('*' is only allowed last)")
    words = [w for w in _SPLIT.split(text) if w]
    if not any(_WORD_RUN.search(w) for w in words):
        raise ValueError("has no letters or digits")
    if wildcard and sum(c.isalnum() for c in text) < _MIN_WILDCARD_CHARS:
        raise ValueError(f"needs at least {_MIN_WILDCARD_CHARS} letters before '*'")
    case_sensitive = any(c.isupper() for c in text) and not any(c.islower() for c in text)
    parts = [re.escape(w) for w in words]
    last = words[-1]
    spellings: tuple[str, ...] = (last,)
    if wildcard:
        parts[-1] += r"\w*"
    elif last[-1].isalnum():
        parts[-1], spellings = _plural(last, case_sensitive)
    body = _SEP.join(parts)
    if not case_sensitive:
        body = f"(?i:{body})"
    tail = r"(?!\w)" if _WORD_RUN.match(last[-1]) else ""
    # Words are separated by spaces or hyphens, so each run of letters and digits in a
    # term is a whole word token of the matched text, except that the plural or the
    # wildcard may extend the last one.
    slots: list[_Slot] = []
    for word in words[:-1]:
        slots.extend(_Slot(frozenset({r.lower()})) for r in _WORD_RUN.findall(word))
    runs = list(_WORD_RUN.finditer(last))
    slots.extend(_Slot(frozenset({r.group().lower()})) for r in runs[:-1])
    if runs:
        final = runs[-1]
        if final.end() < len(last):
            slots.append(_Slot(frozenset({final.group().lower()})))
        elif wildcard:
            slots.append(_Slot(frozenset(), prefix=final.group().lower()))
        else:
            slots.append(_Slot(frozenset(sp[final.start() :].lower() for sp in spellings)))
    return _Term(
        written=raw,
        regex=body + tail,
        word_start=_WORD_RUN.match(words[0]) is not None,
        listed=listed,
        slots=tuple(dict.fromkeys(slots)),
    )


# --- taxonomy --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Area:
    """One technology area: an id, what to call it, and the terms that credit it."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Accept lists from callers but store tuples, so areas stay hashable.
        object.__setattr__(self, "terms", tuple(self.terms))
        object.__setattr__(self, "exclude", tuple(self.exclude))


def _where(index: int, area_id: object = None) -> str:
    """How an error message names an area: its 1-based position and, if known, id."""
    return f"area #{index} ({area_id!r})" if isinstance(area_id, str) else f"area #{index}"


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
        for key, values in (("terms", area.terms), ("exclude", area.exclude)):
            for n, term in enumerate(values, start=1):
                if not isinstance(term, str):
                    raise TaxonomyError(f"{where}: {key} #{n} is not a string: {term!r}")
                try:
                    _parse_term(term, allow_list=key == "terms")
                except ValueError as exc:
                    raise TaxonomyError(f"{where}: {key} #{n} {term!r} {exc}") from None


def _string_list(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """``raw[key]`` as a tuple of strings, or a :class:`TaxonomyError` saying what is wrong."""
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(
            f'{where}: key {key!r} must be a list of strings, like {key} = ["satellite*"]'
        )
    return tuple(value)


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
    )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


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
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise TaxonomyError("the taxonomy file is not UTF-8 text", path=where) from None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise TaxonomyError(f"cannot read the taxonomy file: {reason}", path=where) from None
        return cls.from_toml(text, source=where)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<string>") -> Taxonomy:
        """Parse taxonomy TOML: one ``[[area]]`` table per area, in display order.

        Every problem raises :class:`~natojp.errors.TaxonomyError` whose message
        names the area (position and id) and the key at fault, with ``path=source``.
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            position = _TOML_POSITION.search(message)
            line = None
            if position:
                line = int(position.group(1))
                message = f"{message[: position.start()]} (column {position.group(2)})"
            raise TaxonomyError(f"not valid TOML: {message}", path=source, line=line) from None
        try:
            unknown = [k for k in data if k != "area"]
            if unknown:
                raise TaxonomyError(
                    f"unknown top-level key {unknown[0]!r}: a taxonomy file holds only "
                    "[[area]] tables"
                )
            tables = data.get("area")
            if tables is None:
                raise TaxonomyError("no [[area]] tables: add at least one area")
            if not isinstance(tables, list):
                raise TaxonomyError("'area' must be written as [[area]] tables")
            return cls(tuple(_area_from_table(i, raw) for i, raw in enumerate(tables, start=1)))
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
            tables.append(table)
        body: str = tomli_w.dumps({"area": tables})
        return _syntax_header() + "\n" + body

    @property
    def ids(self) -> list[str]:
        """Area ids in taxonomy order."""
        return [a.id for a in self.areas]


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


# --- compiled matcher ------------------------------------------------------------------


def _alternation(terms: Iterable[_Term]) -> str:
    """Alternation of term regexes, longest written term first (leftmost-first regex).

    The word-start check is written once in front of the alternation rather than in
    every branch: that keeps the regex engine's quick first-character test, which is
    several times faster on long texts.
    """
    ordered = sorted(terms, key=lambda t: (-len(t.written), t.written))
    at_word = "|".join(t.regex for t in ordered if t.word_start)
    branches = [f"(?<!\\w)(?:{at_word})"] if at_word else []
    branches += [t.regex for t in ordered if not t.word_start]
    return "|".join(branches)


@dataclass(frozen=True, slots=True)
class _CompiledArea:
    """One area's expression (group ``listed`` marks a list-term match) and exclusions."""

    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A taxonomy compiled for matching, with the prefilter's token tables.

    Each term has an *anchor* slot (its wildcard word, else its longest word): a
    text can only match the term if one of its tokens fills the anchor and every
    other slot's spellings occur among its tokens.
    """

    areas: tuple[_CompiledArea, ...]
    term_area: tuple[int, ...]  # area index of each term
    term_others: tuple[tuple[frozenset[str], ...], ...]  # the non-anchor slots of each term
    anchors: dict[str, tuple[int, ...]]  # anchor spelling -> terms
    prefixes: tuple[str, ...]  # wildcard anchors
    by_initial: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]

    def terms_for_token(self, token: str) -> tuple[int, ...]:
        """The terms whose anchor slot a lower-case word token fills."""
        found = self.anchors.get(token, ())
        if token.startswith(self.prefixes):
            for prefix, terms in self.by_initial.get(token[0], ()):
                if token.startswith(prefix):
                    found += terms
        return found


def _anchor(slots: Sequence[_Slot]) -> int:
    """Index of the slot that gates a term: the wildcard word, else the longest word."""
    for i, slot in enumerate(slots):
        if slot.prefix is not None:
            return i
    lengths = [min(len(s) for s in slot.spellings) for slot in slots]
    return max(range(len(slots)), key=lambda i: (lengths[i], i))


@functools.lru_cache(maxsize=16)
def _compile(taxonomy: Taxonomy) -> _Compiled:
    """Compile each area's terms into one expression (cached per taxonomy)."""
    compiled: list[_CompiledArea] = []
    term_area: list[int] = []
    term_others: list[tuple[frozenset[str], ...]] = []
    anchors: dict[str, list[int]] = {}
    prefixes: dict[str, list[int]] = {}
    for index, area in enumerate(taxonomy.areas):
        terms = [_parse_term(t) for t in area.terms]
        for term in terms:
            number = len(term_area)
            term_area.append(index)
            gate = _anchor(term.slots)
            term_others.append(tuple(s.spellings for i, s in enumerate(term.slots) if i != gate))
            slot = term.slots[gate]
            if slot.prefix is not None:
                prefixes.setdefault(slot.prefix, []).append(number)
            for spelling in slot.spellings:
                anchors.setdefault(spelling, []).append(number)
        branches = []
        plain = [t for t in terms if not t.listed]
        listed = [t for t in terms if t.listed]
        if plain:
            branches.append(_alternation(plain))
        if listed:
            branches.append(f"(?P<listed>{_alternation(listed)})")
        excludes = [_parse_term(t, allow_list=False) for t in area.exclude]
        compiled.append(
            _CompiledArea(
                pattern=re.compile("|".join(branches)),
                exclude=re.compile(_alternation(excludes)) if excludes else None,
            )
        )
    by_initial: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for prefix, numbers in prefixes.items():
        by_initial.setdefault(prefix[0], []).append((prefix, tuple(numbers)))
    return _Compiled(
        areas=tuple(compiled),
        term_area=tuple(term_area),
        term_others=tuple(term_others),
        anchors={token: tuple(numbers) for token, numbers in anchors.items()},
        prefixes=tuple(sorted(prefixes)),
        by_initial={k: tuple(v) for k, v in by_initial.items()},
    )


# A list term must be joined to a neighbouring term by one of these ...
_LIST_GAP = re.compile(
    r"\s*(?:[,;]\s*(?:(?:and|or|as well as)\s+)?|(?:and|or|as well as)\s+|[&/]\s*)",
    re.IGNORECASE,
)
# ... and the word before it must be punctuation or one of these (not a modifier).
_LEAD_WORDS = """a an and or nor as the in of on for to from with into across including include
includes included like both also plus between namely via its their our"""
_LIST_LEADS = frozenset(_LEAD_WORDS.split())
_LAST_WORD = re.compile(r"\w+$")
_TOKEN = re.compile(r"\w+")


def _in_list(text: str, start: int, end: int, anchors: Sequence[tuple[int, int]]) -> bool:
    """Whether a list-term match at ``text[start:end]`` is an item of a term list."""
    before = text[:start].rstrip()
    if before and (before[-1].isalnum() or before[-1] == "_"):
        word = _LAST_WORD.search(before)
        if word is None or word.group().lower() not in _LIST_LEADS:
            return False
    for a_start, a_end in anchors:
        if a_end <= start and _LIST_GAP.fullmatch(text, a_end, start):
            return True
        if a_start >= end and _LIST_GAP.fullmatch(text, end, a_start):
            return True
    return False


# ASCII bytes -> themselves if a word character (A-Z lower-cased), else a space.
_ASCII_WORDS = bytes(
    (c | 0x20 if 65 <= c <= 90 else c) if c < 128 and (chr(c).isalnum() or c == 95) else 32
    for c in range(256)
)


# Common non-ASCII punctuation of news text (none is a word character): replaced by
# spaces, most paragraphs become ASCII and take the fast path.
_NON_ASCII_BREAKS = tuple("‘’“”‚„′–—‐‑−…•·«»£€")


def _word_tokens(text: str) -> set[str]:
    """The distinct word tokens (``\\w+``) of ``normalise(text).lower()``, cheaply.

    :func:`~natojp._text.normalise` also maps hyphen look-alikes and quotes, which are
    not word characters and so do not change tokens; only NFKC and the dropped soft
    hyphen do. ASCII text (also after common punctuation is blanked out) is split with
    byte-level translation, about twice as fast as a regular expression.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
        for mark in _NON_ASCII_BREAKS:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            return set(_TOKEN.findall(text.lower()))
    return set(text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split())


class _Tagger:
    """Matches sentences against a compiled taxonomy, caching token verdicts.

    The prefilter: a term can only match a text whose word tokens fill all of the
    term's slots, so an area's expression runs only where one of its terms could.
    """

    def __init__(self, compiled: _Compiled) -> None:
        self._compiled = compiled
        self._seen: set[str] = set()
        self._useful: set[str] = set()
        self._token_terms: dict[str, tuple[int, ...]] = {}

    def candidate_areas(self, text: str) -> set[int]:
        """Areas that may match ``text`` (a superset of those that do)."""
        tokens = _word_tokens(text)
        new = tokens - self._seen
        if new:
            for token in new:
                terms = self._compiled.terms_for_token(token)
                if terms:
                    self._useful.add(token)
                    self._token_terms[token] = terms
            self._seen |= new
        hits = tokens & self._useful
        out: set[int] = set()
        if not hits:
            return out
        area_of, others = self._compiled.term_area, self._compiled.term_others
        for token in hits:
            for term in self._token_terms[token]:
                if area_of[term] not in out and all(
                    not spellings.isdisjoint(tokens) for spellings in others[term]
                ):
                    out.add(area_of[term])
        return out

    def match(self, text: str, candidates: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
        """Spans of each area's accepted matches in one normalised sentence."""
        plain: dict[int, list[tuple[int, int]]] = {}
        listed: dict[int, list[tuple[int, int]]] = {}
        for index in sorted(candidates):
            area = self._compiled.areas[index]
            matches = list(area.pattern.finditer(text))
            if not matches:
                continue
            if area.exclude is not None:
                blocked = [m.span() for m in area.exclude.finditer(text)]
                if blocked:
                    matches = [
                        m
                        for m in matches
                        if not any(s < m.end() and m.start() < e for s, e in blocked)
                    ]
            for m in matches:
                target = listed if m.lastgroup == "listed" else plain
                target.setdefault(index, []).append(m.span())
        if listed:
            anchors = sorted(span for spans in plain.values() for span in spans)
            for index, spans in listed.items():
                kept = [s for s in spans if _in_list(text, s[0], s[1], anchors)]
                if kept:
                    plain[index] = sorted(plain.get(index, []) + kept)
        return plain


# --- tagging ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TechAreaResult:
    """Per-article technology-area scores with the sentences that earned them.

    ``scores`` has one row per article (input order) and one column per area
    (taxonomy order): the number of body sentences that mention the area, as float.
    ``evidence[article][area]`` lists those sentences as they appear in the body, in
    order; ``terms[article][area]`` the distinct strings that matched, in order of
    first appearance. Both hold every article id, and only areas with matches.
    """

    areas: tuple[Area, ...]
    scores: pd.DataFrame
    evidence: dict[str, dict[str, list[str]]]
    terms: dict[str, dict[str, list[str]]]

    def mentioned(self, article_id: str) -> list[str]:
        """Ids of the areas an article mentions, in taxonomy order."""
        row = self.scores.loc[article_id]
        return [str(area) for area, score in row.items() if score > 0]


def tag_articles(articles: Sequence[Article], taxonomy: Taxonomy | None = None) -> TechAreaResult:
    """Score each article per technology area from its cleaned body sentences.

    Sentences come from :func:`~natojp._text.split_sentences` on each paragraph of
    ``article.paragraphs``: text removed during cleaning is never seen. ``taxonomy``
    defaults to :meth:`Taxonomy.default`. Raises ``ValueError`` on repeated article ids.
    """
    if taxonomy is None:
        taxonomy = Taxonomy.default()
    ids = taxonomy.ids
    seen_ids: set[str] = set()
    for article in articles:
        if article.id in seen_ids:
            raise ValueError(f"article id {article.id!r} occurs more than once")
        seen_ids.add(article.id)

    tagger = _Tagger(_compile(taxonomy))
    rows: list[list[float]] = []
    evidence: dict[str, dict[str, list[str]]] = {}
    found_terms: dict[str, dict[str, list[str]]] = {}
    for article in articles:
        counts = [0.0] * len(ids)
        sentences: dict[int, list[str]] = {}
        surfaces: dict[int, dict[str, None]] = {}
        for paragraph in article.paragraphs:
            if not tagger.candidate_areas(paragraph.text):
                continue
            for sentence in split_sentences(paragraph.text):
                text = sentence if sentence.isascii() else normalise(sentence)
                candidates = tagger.candidate_areas(text)
                if not candidates:
                    continue
                # Offsets into ``text`` are offsets into ``sentence`` unless NFKC
                # changed the length; then report the normalised spelling.
                source = sentence if len(text) == len(sentence) else text
                for index, spans in tagger.match(text, candidates).items():
                    counts[index] += 1
                    sentences.setdefault(index, []).append(sentence)
                    bucket = surfaces.setdefault(index, {})
                    for start, end in spans:
                        bucket.setdefault(source[start:end], None)
        rows.append(counts)
        evidence[article.id] = {ids[i]: sentences[i] for i in sorted(sentences)}
        found_terms[article.id] = {ids[i]: list(surfaces[i]) for i in sorted(surfaces)}

    scores = pd.DataFrame(
        rows,
        index=pd.Index([a.id for a in articles], name="article", dtype=object),
        columns=pd.Index(ids, name="area", dtype=object),
        dtype=float,
    )
    return TechAreaResult(areas=taxonomy.areas, scores=scores, evidence=evidence, terms=found_terms)


def aggregate_scores(scores: pd.DataFrame, groups: Mapping[str, str]) -> pd.DataFrame:
    """Sum article × area scores into group × area (e.g. per outlet), groups in first-seen order."""
    keys = [groups[i] for i in scores.index]
    out = scores.groupby(keys, sort=False).sum()
    out.index.name = "group"
    return out
