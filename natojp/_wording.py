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


# The corpus name in titles and subtitles: a folder called ``articles`` says nothing.

_GENERIC_NAMES = frozenset(
    {
        *("corpus", "corpora", "seeds", "seed", "data", "dataset", "datasets", "articles"),
        *("article", "input", "inputs", "upload", "uploads", "uploaded", "files", "file"),
        *("texts", "text", "news", "docs", "documents", "downloads", "download", "tmp"),
        *("temp", "sample", "samples", "test", "tests", "export", "exports", "out"),
        *("output", "folder", "new folder", "untitled", "archive", "items", "bundled seeds"),
        *("coverage", "brief", "briefing", "pack", "clips", "press", "media"),
    }
)
_DATA_SUFFIX = re.compile(r"\.(zip|csv|jsonl|json|txt|md|html?|sgm|tar|gz|tgz)$", re.IGNORECASE)


def corpus_display_name(name: str) -> str:
    """The corpus name without a data-file suffix: ``bbc-fulltext.zip`` → ``bbc-fulltext``."""
    return ", ".join(_DATA_SUFFIX.sub("", part.strip()) for part in name.split(","))


def generic_name(name: str) -> bool:
    """Whether ``name`` says nothing of the story: a folder like ``corpus``, ``seeds``,
    ``data`` or ``tmp1x2y``, a number, or several such names."""
    for part in corpus_display_name(name).split(","):
        words = re.sub(r"[^a-z0-9]+", " ", part.lower()).strip()
        if not (
            not words
            or words in _GENERIC_NAMES
            or words.replace(" ", "").isdigit()
            or re.fullmatch(r"(tmp|temp|test)\w*( \w+)?", words)
        ):
            return False
    return True


def telling_name(name: str) -> str | None:
    """The corpus name as a reader may see it (without a data-file suffix), ``None``
    when it says nothing of the story (:func:`generic_name`: ``articles``, ``data``)."""
    return None if generic_name(name) else corpus_display_name(name)
