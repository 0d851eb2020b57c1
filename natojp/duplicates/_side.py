"""Side-by-side display of a passage pair: shared, changed, inserted and deleted words."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from natojp._text import escape_markdown, token_spans

SIDE_STATUSES = ("shared", "changed", "inserted", "deleted")
"""Word statuses of :func:`side_by_side`: the same in both texts, replaced by other
words, only in the second text, only in the first."""


def side_by_side(
    a_text: str, b_text: str, language: str | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Both texts of a passage pair cut into ``(piece, status)`` pieces for display.

    The words are aligned (the tokens of :func:`natojp._text.token_spans`, so case,
    punctuation and hyphens do not count as changes) and each run of words is marked with
    one of :data:`SIDE_STATUSES`: in ``a_text`` ``shared``, ``changed`` or ``deleted``;
    in ``b_text`` ``shared``, ``changed`` or ``inserted``. The pieces are cut at the
    tokens' character spans, so joined they give back each text exactly (its spacing and
    punctuation untouched); what lies between two runs has the status ``""``.
    """
    ta, sa = token_spans(a_text, language)
    tb, sb = token_spans(b_text, language)
    marks_a: list[tuple[int, int, str]] = []
    marks_b: list[tuple[int, int, str]] = []
    ops = SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes()
    side_a = {"equal": "shared", "replace": "changed", "delete": "deleted"}
    side_b = {"equal": "shared", "replace": "changed", "insert": "inserted"}
    for op, i1, i2, j1, j2 in ops:
        if op in side_a and i2 > i1:
            marks_a.append((sa[i1][0], sa[i2 - 1][1], side_a[op]))
        if op in side_b and j2 > j1:
            marks_b.append((sb[j1][0], sb[j2 - 1][1], side_b[op]))
    return _cut(a_text, marks_a), _cut(b_text, marks_b)


SIDE_MARKDOWN: dict[str, str] = {
    "shared": ":orange-background[{}]",
    "changed": ":blue-background[{}]",
    "inserted": ":green-background[{}]",
    "deleted": ":red[~~{}~~]",
}
"""Streamlit Markdown of each status of :data:`SIDE_STATUSES` (``{}``: escaped text)."""


def side_markdown(pieces: Sequence[tuple[str, str]]) -> str:
    """Markdown of :func:`side_by_side` pieces: every piece escaped
    (:func:`natojp._text.escape_markdown`), words styled by status
    (:data:`SIDE_MARKDOWN`), the text between them kept as it is."""
    out: list[str] = []
    for piece, status in pieces:
        text = escape_markdown(piece)
        style = SIDE_MARKDOWN.get(status)
        out.append(style.format(text) if style and text.strip() else text)
    return "".join(out)


def _cut(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``text`` as ``(piece, status)`` pieces: the marked ranges (in order, not
    overlapping) with their status, the text between them with ``""``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for lo, hi, status in marks:
        if lo > pos:
            out.append((text[pos:lo], ""))
        out.append((text[lo:hi], status))
        pos = hi
    if pos < len(text):
        out.append((text[pos:], ""))
    return out
