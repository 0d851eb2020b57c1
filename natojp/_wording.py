"""Plain-language wording shared by findings, figures, the briefing pack and the app:
counts with their noun, lists in prose, short labels and file-name slugs."""

from __future__ import annotations

import re
from collections.abc import Sequence

_ELLIPSIS_TRIM = " ,;:-–—·"


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """``1 article``, ``2 articles`` (``plural_form`` when adding an *s* is wrong)."""
    return f"{n} {word if n == 1 else plural_form or word + 's'}"


def join(*parts: str | None) -> str:
    """The non-empty ``parts`` joined by `` · `` (a subtitle or caption line)."""
    return " · ".join(p for p in parts if p)


def short(text: str, width: int) -> str:
    """``text`` on one line, cut to at most ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: max(width - 1, 1)].rstrip(_ELLIPSIS_TRIM) + "…"


def prose_list(items: Sequence[str], limit: int = 3) -> str:
    """``a, b and c``; beyond ``limit`` items ``a, b, c and 2 more``."""
    items = list(items)
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def slug(text: str, default: str = "natojp") -> str:
    """``text`` as a lower-case file-name part: ``Overlap & similarity`` →
    ``overlap-similarity`` (``default`` when nothing is left)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or default
