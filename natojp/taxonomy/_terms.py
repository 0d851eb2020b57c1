"""Term syntax: one written term parsed into the regular expression and slots that match it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from natojp._text import normalise

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


def _language_code(language: str | None) -> str:
    """The ISO 639-1 code of ``language`` (``"pt-BR"`` -> ``"pt"``); English for ``None``."""
    if not language:
        return "en"
    return language.strip().lower().replace("_", "-").split("-")[0] or "en"
