"""Technology-area taxonomy and the tagger that credits articles with areas.

A :class:`Taxonomy` is a list of :class:`Area` objects, each with the *terms* that
credit an article with it. The default ships as ``natojp/data/taxonomy.toml``; users
edit a copy and load it with :meth:`Taxonomy.load`. :func:`tag_articles` scores every
article per area (the number of body sentences that mention it, a list or table
counting as one, so that list-heavy pages do not outscore prose) and keeps the
matching sentences as evidence.

Term syntax (the same for ``terms`` and ``exclude``; matched against
:func:`~natojp._text.normalise`\\ d text, so curly quotes and hyphen look-alikes such
as U+2011 do not matter):

* Case-insensitive phrase match on whole words: ``naval`` finds ``Naval`` but not
  ``navally``; ``space`` never finds ``airspace``.
* A term in ALL CAPS (it has capital letters and no lower-case ones) matches
  case-sensitively: ``AI`` finds ``AI`` and ``AI-enabled`` but not ``said``, ``ai``
  or ``Ai Weiwei``; ``C-UAS`` and ``F-35`` are exact too.
* A trailing ``*`` is a prefix wildcard: ``satellite*`` finds ``satellites`` and
  ``satellite-based`` (the wildcard stops at a hyphen). It needs at least three
  letters or digits before it; ``*`` is allowed only at the end and at the start
  (below).
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
* A leading ``*`` lets a term end a compound word, for languages that write compounds
  solid: ``*drohne*`` finds ``Drohne``, ``Drohnen`` and ``Kampfdrohnen``. It needs at
  least four letters or digits after it.
* A term written in Chinese or Japanese script (it has a kanji or kana character) is
  matched as a plain substring of the normalised text, since those languages put no
  spaces between words: ``無人機`` finds ``無人機`` in ``小型無人機の開発``. Choose such
  terms long enough to mean one thing (``無人機``, not ``無人``, which is also in
  ``無人島``, a desert island) and use ``exclude`` for the compounds that mean
  something else (``衛星放送``, satellite broadcasting). A space in such a term stands
  for an optional separator (none, a space or ``・``); ``*`` adds nothing and is
  ignored; a Latin letter or digit at either end must not touch another one.

Languages. ``terms`` and ``exclude`` are English, and apply to articles in every
language (English loanwords such as "drone" or "cyber" are common everywhere).
``terms_by_language`` and ``exclude_by_language`` add terms per language, by ISO 639-1
code (``{"it": ("droni", ...), "ja": ("ドローン", ...)}``; in TOML the tables
``[area.terms_by_language]`` and ``[area.exclude_by_language]``). :func:`tag_articles`
matches each article with the English terms plus those of its ``Article.language``
(``None`` counts as English; ``"it-IT"`` and ``"IT"`` as ``"it"``). In articles in
Chinese, Japanese or Korean, kanji, kana and hangul next to a Latin word do not join
it, so English terms find ``AI`` in ``AIを活用`` and ``GCAP`` in ``次期戦闘機GCAP``
(in English articles they remain word characters, as before). An article in a
language for which an area has no terms of its own (Portuguese, say, in the shipped
taxonomy) is matched on the English terms only, and :attr:`TechAreaResult.uncovered`
names those areas, so the report can say that its scores are likely too low instead
of leaving it under-scored in silence. English articles are matched exactly as
before languages existed.

Matching is built for large corpora. Each area's terms are compiled once per
taxonomy into one regular expression (longest term first). Regular-expression
alternations are slow to scan, so they only run where they can match: every term is
reduced to the word tokens any match must contain (its *slots*), and a paragraph,
then a sentence, is only matched against the areas whose terms' slots all occur among
its tokens (one tokenisation per paragraph; token verdicts are cached per call).
Chinese and Japanese terms are prefiltered by substring. The prefilter never drops a
match: it only skips texts the expressions cannot match. The terms of each language
the articles use are compiled once (English terms plus its own). In Chinese, Japanese
and Korean articles the Latin-script expressions and tokens run on a copy of the
sentence whose kanji, kana and hangul are replaced, character for character, by a
character that is not a word character, so offsets (and evidence) stay those of the
sentence; the Chinese and Japanese terms run on the sentence itself.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pandas as pd
import tomli_w

from natojp._datafile import parse_toml, read_text
from natojp._text import normalise, split_sentences
from natojp.errors import TaxonomyError
from natojp.models import Article

__all__ = ["Area", "Taxonomy", "TechAreaResult", "is_list_line", "tag_articles"]

AREA_KEYS: tuple[str, ...] = (
    "id",
    "label",
    "description",
    "terms",
    "exclude",
    "terms_by_language",
    "exclude_by_language",
)
"""The keys an ``[[area]]`` table may have (``id`` and ``terms`` are required)."""

_DEFAULT_RESOURCE = "data/taxonomy.toml"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE = re.compile(r"[a-z]{2}")
_MIN_WILDCARD_CHARS = 3
_MIN_LEADING_WILDCARD_CHARS = 4

# --- term syntax -----------------------------------------------------------------------

_SEP = r"[ \t-]+"  # spaces and hyphens between the words of a term (after normalise())
_SPLIT = re.compile(r"[\s-]+")
_WORD_RUN = re.compile(r"\w+")
_VOWELS = frozenset("aeiou")

# Kana and kanji (with 々 〆 〇 〻, the compatibility ideographs and extensions B to G):
# scripts written without spaces between words. Hangul is spaced, but glues particles
# to words (NATO는).
_UNSPACED_CHARS = (
    "\u3005\u3006\u3007\u303b\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_HANGUL_CHARS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_UNSPACED = re.compile(f"[{_UNSPACED_CHARS}]")
# A word character of a spaced script: the end of a Chinese or Japanese term that is a
# Latin letter or digit must not touch one of these.
_SCRIPT_WORD = f"[^\\W{_UNSPACED_CHARS}{_HANGUL_CHARS}]"
# Languages whose articles have Latin terms matched in masked text (see _mask_scripts).
_SCRIPT_LANGUAGES = frozenset({"ja", "zh", "ko"})
_SCRIPT_RUN = re.compile(f"[{_UNSPACED_CHARS}{_HANGUL_CHARS}]+")
_MASK = "\ue000"  # a private-use character: neither a word character nor a space
# Optional separator between the pieces of a Chinese or Japanese term.
_UNSPACED_SEP = r"[\s\u30fb\u00b7-]*"


@dataclass(frozen=True, slots=True)
class _Slot:
    """A word token every match of a term contains: one of ``spellings``, a token
    starting with ``prefix`` (a word with a trailing ``*``) or a token containing
    ``infix`` (a word with a leading ``*``)."""

    spellings: frozenset[str]
    prefix: str | None = None
    infix: str | None = None


@dataclass(frozen=True, slots=True)
class _Term:
    """One parsed term: its regular expression and what the prefilter needs.

    A spaced-script term has ``slots`` (word tokens); a Chinese or Japanese term has
    ``needles`` instead: lower-case substrings every match contains.
    """

    written: str
    regex: str  # without the word-start check, which _alternation() factors out
    word_start: bool  # the term starts with a letter or digit: match at word starts only
    listed: bool
    slots: tuple[_Slot, ...]  # lower-case word tokens present in every match
    needles: tuple[str, ...] = ()


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


def _is_latin_end(char: str) -> bool:
    """Whether ``char`` is a letter or digit of a spaced script (it needs a boundary)."""
    return (char.isalnum() or char == "_") and not _SCRIPT_RUN.match(char)


def _parse_unspaced(raw: str, text: str, *, listed: bool) -> _Term:
    """Parse a term in Chinese or Japanese script: a substring match (module docstring)."""
    if listed:
        raise ValueError("is a [list] term in Chinese or Japanese script; list terms are English")
    pieces = [p for p in text.replace("*", " ").split() if p]
    joined = "".join(pieces)
    case_sensitive = any(c.isupper() for c in joined) and not any(c.islower() for c in joined)
    body = _UNSPACED_SEP.join(re.escape(p) for p in pieces)
    if not case_sensitive:
        body = f"(?i:{body})"
    head = f"(?<!{_SCRIPT_WORD})" if _is_latin_end(joined[0]) else ""
    tail = f"(?!{_SCRIPT_WORD})" if _is_latin_end(joined[-1]) else ""
    return _Term(
        written=raw,
        regex=head + body + tail,
        word_start=False,
        listed=False,
        slots=(),
        needles=tuple(dict.fromkeys(p.lower() for p in pieces)),
    )


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
    if _UNSPACED.search(text):
        return _parse_unspaced(raw, text, listed=listed)
    leading = text.startswith("*")
    if leading:
        text = text[1:].lstrip()
    wildcard = text.endswith("*")
    if wildcard:
        text = text[:-1].rstrip()
    if "*" in text:
        raise ValueError(
            "has a '*' that is not at the end or the start ('*' goes last, as in "
            "'satellite*', or first, as in '*drohne')"
        )
    words = [w for w in _SPLIT.split(text) if w]
    if not any(_WORD_RUN.search(w) for w in words):
        raise ValueError("has no letters or digits")
    if wildcard and sum(c.isalnum() for c in text) < _MIN_WILDCARD_CHARS:
        raise ValueError(f"needs at least {_MIN_WILDCARD_CHARS} letters before '*'")
    if leading and (
        not _WORD_RUN.match(words[0])
        or sum(c.isalnum() for c in words[0]) < _MIN_LEADING_WILDCARD_CHARS
    ):
        raise ValueError(
            f"needs at least {_MIN_LEADING_WILDCARD_CHARS} letters right after a leading '*'"
        )
    case_sensitive = any(c.isupper() for c in text) and not any(c.islower() for c in text)
    parts = [re.escape(w) for w in words]
    last = words[-1]
    spellings: tuple[str, ...] = (last,)
    if wildcard:
        parts[-1] += r"\w*"
    elif last[-1].isalnum():
        parts[-1], spellings = _plural(last, case_sensitive)
    if leading:
        parts[0] = r"\w*" + parts[0]
    body = _SEP.join(parts)
    if not case_sensitive:
        body = f"(?i:{body})"
    tail = r"(?!\w)" if _WORD_RUN.match(last[-1]) else ""
    # Words are separated by spaces or hyphens, so each run of letters and digits in a
    # term is a whole word token of the matched text, except that the plural or the
    # wildcard may extend the last one and a leading wildcard the first one.
    slots: list[_Slot] = []
    for number, term_word in enumerate(words):
        runs = list(_WORD_RUN.finditer(term_word))
        final = number == len(words) - 1
        for index, run in enumerate(runs):
            token = run.group().lower()
            if leading and number == 0 and index == 0:
                slots.append(_Slot(frozenset(), infix=token))
            elif not final or index < len(runs) - 1 or run.end() < len(term_word):
                slots.append(_Slot(frozenset({token})))
            elif wildcard:
                slots.append(_Slot(frozenset(), prefix=token))
            else:
                slots.append(_Slot(frozenset(sp[run.start() :].lower() for sp in spellings)))
    return _Term(
        written=raw,
        regex=body + tail,
        word_start=_WORD_RUN.match(words[0]) is not None,
        listed=listed,
        slots=tuple(dict.fromkeys(slots)),
    )


# --- taxonomy --------------------------------------------------------------------------


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


# --- compiled matcher ------------------------------------------------------------------


def _language_code(language: str | None) -> str:
    """The ISO 639-1 code of ``language`` (``"pt-BR"`` -> ``"pt"``); English for ``None``."""
    if not language:
        return "en"
    return language.strip().lower().replace("_", "-").split("-")[0] or "en"


def _matcher_language(taxonomy: Taxonomy, language: str | None) -> str:
    """Which compiled matcher serves articles in ``language``: the language's own if the
    taxonomy has terms or exclusions for it or its script needs other word boundaries,
    else English (the same terms, so the same matcher)."""
    code = _language_code(language)
    if code == "en" or code in _SCRIPT_LANGUAGES:
        return code
    for area in taxonomy.areas:
        if code in area.languages or code in dict(area.exclude_by_language):
            return code
    return "en"


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


def _mask_scripts(text: str) -> str:
    """``text`` with every kanji, kana and hangul character replaced by :data:`_MASK`,
    which is not a word character: Latin-script terms, compiled as for English, then
    find ``AI`` in ``AIを活用`` at the same offsets."""
    return _SCRIPT_RUN.sub(lambda m: _MASK * (m.end() - m.start()), text)


@dataclass(frozen=True, slots=True)
class _CompiledArea:
    """One area's expressions and exclusions: ``pattern`` and ``exclude`` for its
    spaced-script terms (group ``listed`` marks a list-term match), ``unspaced`` and
    ``unspaced_exclude`` for its Chinese and Japanese ones. Either may be ``None``."""

    pattern: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    unspaced: re.Pattern[str] | None = None
    unspaced_exclude: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A taxonomy compiled for matching articles in one language, with the prefilter's
    token tables.

    Each spaced-script term has an *anchor* slot (its wildcard word, else its longest
    word): a text can only match the term if one of its tokens fills the anchor and
    every other slot's spellings occur among its tokens. Chinese and Japanese terms
    are prefiltered by their ``needles`` instead. ``scripts``: Chinese, Japanese and
    Korean articles, whose spaced-script terms are matched in :func:`_mask_scripts`
    text.
    """

    areas: tuple[_CompiledArea, ...]
    term_area: tuple[int, ...]  # area index of each term
    term_others: tuple[tuple[frozenset[str], ...], ...]  # the non-anchor slots of each term
    anchors: dict[str, tuple[int, ...]]  # anchor spelling -> terms
    prefixes: tuple[str, ...]  # wildcard anchors
    by_initial: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]
    infixes: tuple[tuple[str, tuple[int, ...]], ...] = ()  # leading-wildcard anchors
    # (area, the needles of each of its Chinese and Japanese terms)
    needles: tuple[tuple[int, tuple[tuple[str, ...], ...]], ...] = ()
    scripts: bool = False

    def terms_for_token(self, token: str) -> tuple[int, ...]:
        """The terms whose anchor slot a lower-case word token fills."""
        found = self.anchors.get(token, ())
        if token.startswith(self.prefixes):
            for prefix, terms in self.by_initial.get(token[0], ()):
                if token.startswith(prefix):
                    found += terms
        for infix, terms in self.infixes:
            if infix in token:
                found += terms
        return found


def _anchor(slots: Sequence[_Slot]) -> int:
    """Index of the slot that gates a term: the wildcard word, else the longest word."""
    for i, slot in enumerate(slots):
        if slot.prefix is not None or slot.infix is not None:
            return i
    lengths = [min(len(s) for s in slot.spellings) for slot in slots]
    return max(range(len(slots)), key=lambda i: (lengths[i], i))


@functools.lru_cache(maxsize=32)
def _compile(taxonomy: Taxonomy, language: str = "en") -> _Compiled:
    """Compile each area's terms for articles in ``language`` into one expression
    (cached per taxonomy and language)."""
    compiled: list[_CompiledArea] = []
    term_area: list[int] = []
    term_others: list[tuple[frozenset[str], ...]] = []
    anchors: dict[str, list[int]] = {}
    prefixes: dict[str, list[int]] = {}
    infixes: dict[str, list[int]] = {}
    needles: dict[int, list[tuple[str, ...]]] = {}
    for index, area in enumerate(taxonomy.areas):
        terms = [_parse_term(t) for t in area.terms_for(language)]
        for term in terms:
            if term.needles:
                needles.setdefault(index, []).append(term.needles)
                continue
            number = len(term_area)
            term_area.append(index)
            gate = _anchor(term.slots)
            # Only exact slots besides the anchor: a second wildcard word (``*x y*``)
            # is left to the expression, which keeps the prefilter a superset.
            term_others.append(
                tuple(
                    s.spellings
                    for i, s in enumerate(term.slots)
                    if i != gate and s.prefix is None and s.infix is None
                )
            )
            slot = term.slots[gate]
            if slot.infix is not None:
                infixes.setdefault(slot.infix, []).append(number)
            elif slot.prefix is not None:
                prefixes.setdefault(slot.prefix, []).append(number)
            for spelling in slot.spellings:
                anchors.setdefault(spelling, []).append(number)
        branches = []
        plain = [t for t in terms if not t.listed and not t.needles]
        listed = [t for t in terms if t.listed]
        unspaced = [t for t in terms if t.needles]
        if plain:
            branches.append(_alternation(plain))
        if listed:
            branches.append(f"(?P<listed>{_alternation(listed)})")
        excludes = [_parse_term(t, allow_list=False) for t in area.exclude_for(language)]
        spaced_excludes = [t for t in excludes if not t.needles]
        unspaced_excludes = [t for t in excludes if t.needles]
        compiled.append(
            _CompiledArea(
                pattern=re.compile("|".join(branches)) if branches else None,
                exclude=re.compile(_alternation(spaced_excludes)) if spaced_excludes else None,
                unspaced=re.compile(_alternation(unspaced)) if unspaced else None,
                unspaced_exclude=(
                    re.compile(_alternation(unspaced_excludes)) if unspaced_excludes else None
                ),
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
        infixes=tuple((infix, tuple(numbers)) for infix, numbers in sorted(infixes.items())),
        needles=tuple((area, tuple(lists)) for area, lists in needles.items()),
        scripts=language in _SCRIPT_LANGUAGES,
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
        compiled = self._compiled
        spaced = _mask_scripts(text) if compiled.scripts and not text.isascii() else text
        out = self._token_areas(_word_tokens(spaced))
        if compiled.needles and not text.isascii():  # every needle has a kanji or kana
            folded = normalise(text).lower()
            for area, term_needles in compiled.needles:
                if area in out:
                    continue
                for needles in term_needles:
                    if needles[0] in folded and all(n in folded for n in needles[1:]):
                        out.add(area)
                        break
        return out

    def _token_areas(self, tokens: set[str]) -> set[int]:
        """Areas with a spaced-script term whose slots ``tokens`` fill."""
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
        spaced = text
        if self._compiled.scripts and not text.isascii():
            spaced = _mask_scripts(text)
        for index in sorted(candidates):
            area = self._compiled.areas[index]
            matches = list(area.pattern.finditer(spaced)) if area.pattern is not None else []
            if area.unspaced is not None:
                matches += area.unspaced.finditer(text)
                matches.sort(key=lambda m: m.span())
            if not matches:
                continue
            blocked = [m.span() for m in area.exclude.finditer(spaced)] if area.exclude else []
            if area.unspaced_exclude is not None:
                blocked += [m.span() for m in area.unspaced_exclude.finditer(text)]
            if blocked:
                matches = [
                    m for m in matches if not any(s < m.end() and m.start() < e for s, e in blocked)
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

# A list item or table row: a bullet or number, table cells (pipes or tabs), or a short
# line that does not end like a sentence (an item of a plain list, a table cell).
_BULLET = re.compile(
    r"(?:[-*+\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u25ba\u25b6\u2013\u2014]|\(?\d{1,3}[.)])\s"
)
_SENTENCE_END = tuple(".!?:;\u3002\uff01\uff1f\u2026\"'\u201d\u2019)")
SHORT_LINE_WORDS = 8
"""A line of at most this many words, not ending like a sentence, is a list line."""
_SHORT_LINE_CHARS = 60
_LINE_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def is_list_line(line: str) -> bool:
    """Whether ``line`` is an item of a list or a row of a table.

    A bulleted or numbered line (``- ``, ``\u2022 ``, ``1. ``, ``2) ``), a table row
    (two or more ``|``, or a tab between cells), or a short line (at most
    :data:`SHORT_LINE_WORDS` words and 60 characters) that does not end like a
    sentence. Consecutive list lines form one *block*, which
    :func:`tag_articles` counts as one mention per area, however many rows name it.
    """
    text = line.strip()
    if not text:
        return False
    if _BULLET.match(text) or "\t" in text or text.count("|") >= 2:
        return True
    return (
        len(text) <= _SHORT_LINE_CHARS
        and not text.endswith(_SENTENCE_END)
        and len(_LINE_WORD.findall(text)) <= SHORT_LINE_WORDS
    )


@dataclass(frozen=True, slots=True)
class TechAreaResult:
    """Per-article technology-area scores with the sentences that earned them.

    ``scores`` has one row per article (input order) and one column per area
    (taxonomy order): the number of body sentences that mention the area, as float,
    where a list or table (consecutive lines that :func:`is_list_line` accepts) counts
    as one sentence however many of its rows mention the area.
    ``evidence[article][area]`` lists the matching sentences (every matching row of a
    list) as they appear in the body, in order; ``terms[article][area]`` the distinct
    strings that matched, in order of first appearance. Both hold every article id,
    and only areas with matches.

    ``uncovered[article]`` names the areas that have no terms in the article's
    language (``Article.language``, when it is set and not English): the article was
    matched on their English terms only, so its scores for them are likely too low.
    Only such articles are keys; say so wherever their scores are shown.
    """

    areas: tuple[Area, ...]
    scores: pd.DataFrame
    evidence: dict[str, dict[str, list[str]]]
    terms: dict[str, dict[str, list[str]]]
    uncovered: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def mentioned(self, article_id: str) -> list[str]:
        """Ids of the areas an article mentions, in taxonomy order."""
        row = self.scores.loc[article_id]
        return [str(area) for area, score in row.items() if score > 0]


def tag_articles(articles: Sequence[Article], taxonomy: Taxonomy | None = None) -> TechAreaResult:
    """Score each article per technology area from its cleaned body sentences.

    Sentences come from :func:`~natojp._text.split_sentences` on each paragraph of
    ``article.paragraphs``: text removed during cleaning is never seen. ``taxonomy``
    defaults to :meth:`Taxonomy.default`. Raises ``ValueError`` on repeated article ids.

    Each article is matched with the English terms plus those of its
    ``Article.language`` (``None``: English); see the module docstring. English
    articles are matched as they always were.
    """
    if taxonomy is None:
        taxonomy = Taxonomy.default()
    ids = taxonomy.ids
    seen_ids: set[str] = set()
    for article in articles:
        if article.id in seen_ids:
            raise ValueError(f"article id {article.id!r} occurs more than once")
        seen_ids.add(article.id)

    taggers: dict[str | None, tuple[_Tagger, tuple[str, ...]]] = {}  # by Article.language
    by_matcher: dict[str, _Tagger] = {}
    rows: list[list[float]] = []
    evidence: dict[str, dict[str, list[str]]] = {}
    found_terms: dict[str, dict[str, list[str]]] = {}
    uncovered: dict[str, tuple[str, ...]] = {}
    for article in articles:
        if article.language not in taggers:
            language = _matcher_language(taxonomy, article.language)
            if language not in by_matcher:
                by_matcher[language] = _Tagger(_compile(taxonomy, language))
            missing = taxonomy.areas_without_terms(article.language)
            taggers[article.language] = (by_matcher[language], missing)
        tagger, missing = taggers[article.language]
        if missing:
            uncovered[article.id] = missing
        counts = [0.0] * len(ids)
        sentences: dict[int, list[str]] = {}
        surfaces: dict[int, dict[str, None]] = {}
        block: set[int] | None = None  # areas counted in the current list block
        for paragraph in article.paragraphs:
            lines = paragraph.text.splitlines() if "\n" in paragraph.text else [paragraph.text]
            if not tagger.candidate_areas(paragraph.text):
                for line in lines:  # no match here, but a list block may go on
                    if line.strip():
                        block = (
                            (block if block is not None else set()) if is_list_line(line) else None
                        )
                continue
            for line in lines:
                if not line.strip():
                    continue
                listed = is_list_line(line)
                if not listed:
                    block = None
                elif block is None:
                    block = set()
                for sentence in split_sentences(line):
                    text = sentence if sentence.isascii() else normalise(sentence)
                    candidates = tagger.candidate_areas(text)
                    if not candidates:
                        continue
                    # Offsets into ``text`` are offsets into ``sentence`` unless NFKC
                    # changed the length; then report the normalised spelling.
                    source = sentence if len(text) == len(sentence) else text
                    for index, spans in tagger.match(text, candidates).items():
                        if block is None:
                            counts[index] += 1
                        elif index not in block:
                            counts[index] += 1
                            block.add(index)
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
    return TechAreaResult(
        areas=taxonomy.areas,
        scores=scores,
        evidence=evidence,
        terms=found_terms,
        uncovered=uncovered,
    )


def aggregate_scores(scores: pd.DataFrame, groups: Mapping[str, str]) -> pd.DataFrame:
    """Sum article × area scores into group × area (e.g. per outlet), groups in first-seen order."""
    keys = [groups[i] for i in scores.index]
    out = scores.groupby(keys, sort=False).sum()
    out.index.name = "group"
    return out
