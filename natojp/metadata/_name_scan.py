"""Scanning a whole text at once for the places where a registry name may begin.

Private to :mod:`natojp.metadata.outlets`: the byte patterns behind
:meth:`~natojp.metadata.outlets.NameMatcher.naming_lines`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from natojp._text import CJK

# A text is scanned for names as bytes: case-folded, NFKC, each character that is not a
# letter, digit or mark of a word a space (so every word follows a space), its lines
# joined by b"\x00 ". A name is then its words' bytes with spaces between, after a space
# and before a space or the end of its line.
_GAP, _INNER = "\x01", "\x02"  # trie units: the space between two words, a mark in a word
_UNIT_BYTES = {_GAP: b" +", _INNER: b" "}
_WORD_CHAR = re.compile(r"\w")
_CJK_ANY = re.compile(f"[{CJK}]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACE_OUT = bytes(
    i if i >= 0x80 or i == 0 or chr(i).isalnum() else 0x20 for i in range(256)
)  # ASCII marks and spaces (and "_", a word character for re) to a space; \x00 kept


def _units(key: str) -> list[str]:
    """A folded name as scan units: its characters, a mark inside a word (``U.S``) and
    the space between words as :data:`_INNER` and :data:`_GAP`."""
    units: list[str] = []
    for n, word in enumerate(key.split(" ")):
        if n:
            units.append(_GAP)
        units.extend(c if _WORD_CHAR.match(c) else _INNER for c in word)
    return units


def _trie_pattern(keys: Collection[str], end: bytes) -> bytes | None:
    """One byte pattern for all ``keys`` (folded names), their common beginnings shared
    (a trie), each name followed by ``end``. A name that ends where another goes on
    with a further word is enough (``end`` must hold before a space)."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for unit in _units(key):
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> bytes:
        parts = []
        for unit, child in sorted(node.items()):
            if unit == "":
                parts.append(end)
            elif not ("" in node and (unit == _GAP or not end)):
                written = _UNIT_BYTES.get(unit) or re.escape(unit.encode("utf-8"))
                parts.append(written + emit(child))
        return parts[0] if len(parts) == 1 else b"(?:" + b"|".join(parts) + b")"

    return emit(root) if root else None


@dataclass(frozen=True, slots=True)
class _Scan:
    """Names compiled for :meth:`NameMatcher.naming_lines`: names in scripts written
    with spaces start a word (``spaced``); Chinese and Japanese ones (``unspaced``,
    with 共同 and 時事 of datelines) may start anywhere."""

    spaced: re.Pattern[bytes] | None
    unspaced: re.Pattern[bytes] | None

    @classmethod
    def build(cls, keys: Collection[str]) -> _Scan:
        # "the japan times" is found as "japan times": fewer tries at each "the".
        present = set(keys)
        keys = [k for k in present if not (k.startswith("the ") and k[4:] in present)]
        # A name with Chinese or Japanese script anywhere ("ap通信") may be glued to the
        # next word ("AP通信によると").
        spaced = _trie_pattern([k for k in keys if not _CJK_ANY.search(k)], rb"(?=[ \x00])")
        unspaced = _trie_pattern([k for k in keys if _CJK_ANY.search(k)], b"")
        return cls(
            re.compile(b" " + spaced) if spaced else None,
            re.compile(unspaced) if unspaced else None,
        )


def _scan_bytes(texts: Sequence[str]) -> bytes:
    """The lines as one text to scan (see above)."""
    joined = "\x00 ".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a line holds one: a mark like any other
        joined = "\x00 ".join(text.replace("\x00", " ") for text in texts)
    if joined.isascii():
        folded = joined.lower()
    else:
        # As clean_line() reads them: NFKC, soft hyphens dropped; then case-folded.
        folded = unicodedata.normalize("NFKC", joined).replace("\u00ad", "").casefold()
        for char in set(_NON_ASCII.findall(folded)):
            if not char.isalnum():
                folded = folded.replace(char, " ")
    return (" " + folded + " ").encode("utf-8").translate(_SPACE_OUT)
