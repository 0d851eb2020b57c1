"""The line and block model of :func:`natojp.clean.clean_text`: a document's lines as
blocks (hard-wrapped prose rejoined), with the word-level helpers every step uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from natojp._stop_words import ENGLISH_STOP_WORDS
from natojp._text import normalise, tokens

_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_NON_WORD = re.compile(r"\W+")
_NO_STOP_END = re.compile(r"(?<!\.\.)[.:;,]$")


@dataclass(slots=True)
class _Block:
    line: int  # 1-based line of the raw text where the block starts
    text: str  # stripped text
    gap_before: int  # blank lines before it
    reason: str | None = None
    detail: str = ""


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when prose is wrapped at a fixed width (e.g. Reuters, e-mail text)."""
    lengths = [n for n in map(len, map(str.rstrip, lines)) if n]  # of non-blank lines
    if len(lengths) < 6 or max(lengths) > 100:
        return False
    wrapped = sum(1 for n in lengths if 50 <= n <= 90)
    return wrapped / len(lengths) >= 0.6


def _blocks(text: str) -> list[_Block]:
    lines = text.splitlines()
    blocks: list[_Block] = []
    gap = 0
    if not _is_hard_wrapped(lines):  # the usual case: one block per non-blank line
        for i, raw in enumerate(lines, start=1):
            stripped = raw.strip()
            # Fold runs of white space, no-break and other Unicode spaces to one space;
            # printable ASCII with no double space has nothing to fold.
            if not (stripped.isascii() and stripped.isprintable()) or "  " in stripped:
                stripped = " ".join(stripped.split())
            if stripped:
                blocks.append(_Block(i, stripped, gap))
                gap = 0
            else:
                gap += 1
        return blocks
    current: _Block | None = None
    for i, raw in enumerate(lines, start=1):
        stripped = " ".join(raw.split())
        if not stripped:
            gap += 1
            current = None
            continue
        joinable = (
            current is not None
            and not _BULLET.match(raw)
            and not _TABLE_ROW.match(raw)
            and not (raw[:1].isspace() and not lines[i - 2][:1].isspace())  # indented = new para
        )
        if joinable and current is not None:
            current.text = f"{current.text} {stripped}"
        else:
            current = _Block(line=i, text=stripped, gap_before=gap)
            blocks.append(current)
        gap = 0
    return blocks


def _key(text: str) -> str:
    """Lower-case words of ``text`` (normalised), one space apart: equal for repeats."""
    if text.isascii():
        # NFKC and normalise's hyphen and quote tables change no ASCII character: skip them.
        return _NON_WORD.sub(" ", text.lower()).strip()
    return _NON_WORD.sub(" ", normalise(text).lower()).strip()


def _has_key(text: str, key: str) -> bool:
    """``_key(text) == key``, ruling most texts out before building their key."""
    if text.isascii():
        # The key of ASCII text is its runs of word characters, lower-cased, one space
        # apart. So a text with this key starts with the key's first word (when it starts
        # with a word character at all) and holds every word of the key: two substring
        # tests that rule out nearly every paragraph without building its key.
        if text[:1].isalnum() or text[:1] == "_":
            first = key.partition(" ")[0]
            if text[: len(first)].lower() != first:
                return False
        low = text.lower()
        if not all(w in low for w in key.split(" ")):
            return False
        return _NON_WORD.sub(" ", low).strip() == key
    return _key(text) == key


def _n_words(block_text: str) -> int:
    """``len(block_text.split())`` without the list: a block's text is whitespace-folded
    by :func:`_blocks` (words one plain space apart, no space at either end)."""
    return block_text.count(" ") + 1


def _is_headline_like(text: str, *, allow_lowercase: bool = False) -> bool:
    """Short, no sentence-final stop (an ellipsis is fine), not a list item or table row."""
    words = len(text.split())
    return (
        0 < words <= 25
        and len(text) <= 220
        and not _NO_STOP_END.search(text)
        and not _BULLET.match(text)
        and not _TABLE_ROW.match(text)
        and (allow_lowercase or not text[:1].islower())
    )


def _strip_bullet(text: str) -> str:
    # _BULLET is anchored at the start, so it matches once at most: slice instead of sub.
    m = _BULLET.match(text)
    return (text[m.end() :] if m else text).strip()


def _content_words(text: str) -> set[str]:
    return {t for t in tokens(text) if len(t) > 2 and t not in ENGLISH_STOP_WORDS}
