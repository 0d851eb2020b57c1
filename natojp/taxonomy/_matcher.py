"""The compiled matcher: one expression per area and language, list context, prefilter tokens."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from natojp.taxonomy._terms import (
    _MASK,
    _SCRIPT_LANGUAGES,
    _SCRIPT_RUN,
    _language_code,
    _parse_term,
    _Slot,
    _Term,
)

if TYPE_CHECKING:
    from natojp.taxonomy._model import Taxonomy


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
