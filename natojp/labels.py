"""How an article is named to a reader: one rule for findings, charts, tables and the pack.

An article reads as ``outlet · short title`` (``Japan Today · Japan, NATO agree to
deepen…``), at most :data:`LABEL_WIDTH` columns wide, cut at a word boundary with an
ellipsis. A title that only repeats the outlet (a site name such as ``nippon.com`` or
``The Diplomat``) says nothing and is left out; a breadcrumb (``Home » Asia » Title``)
keeps its last part and an outlet suffix (``Title | Reuters``) is dropped. Without a
title the label is the outlet, without an outlet the title, and without either the
article id. :func:`article_labels` makes the labels of a corpus unique: articles that
read the same are numbered (``(1)``, ``(2)``, in the order given) within the same
width. Pass the whole corpus so that an article keeps its label whatever a filter shows.

The id stays the key: hover text, tables and exports carry it next to the label.

A source (:attr:`~natojp.models.Article.source`) is the outlet, or for an article without
one ``(unattributed) <article id>``, its own source. :func:`source_labels` names such a
source for a reader by the article's short title, ``(unattributed) Japan-NATO Defense
Ministerial…``, unique in the corpus; the key stays the source, so that links and exports
do not change.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol

__all__ = [
    "LABEL_WIDTH",
    "SEPARATOR",
    "UNATTRIBUTED",
    "article_label",
    "article_labels",
    "clip",
    "source_labels",
    "text_width",
]

LABEL_WIDTH = 44
"""Columns of an article label (an East Asian wide character takes two); the width of a
chart's axis labels, so charts never cut a label again."""

SEPARATOR = " · "
"""Between the outlet and the title."""

UNATTRIBUTED = "(unattributed) "
"""How the source of an article without an outlet begins (:attr:`Article.source
<natojp.models.Article.source>`: ``(unattributed) <article id>``)."""

_OUTLET_WIDTH = 24  # columns the outlet may take; the title gets the rest
_MIN_TITLE = 12  # columns left to the title at least
_TRIM = " ,;:-–—·|»/"
_BREADCRUMB = re.compile(r"\s+[»›>]\s+")
_SITE_SPLIT = re.compile(r"\s+[|–—-]\s+")
_DOMAIN = re.compile(r"\.(com|net|org|co\.uk|co\.jp|jp|it|de|fr|uk|eu|info|news)$")


class Labelled(Protocol):
    """What a label is made of (an :class:`~natojp.models.Article` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...


def text_width(text: str) -> int:
    """Columns ``text`` takes: East Asian wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, columns: int) -> str:
    """The longest start of ``text`` that takes at most ``columns`` columns."""
    if text.isascii():
        return text[:columns]
    used = 0
    for i, c in enumerate(text):
        used += text_width(c)
        if used > columns:
            return text[:i]
    return text


def clip(text: str, width: int) -> str:
    """``text`` on one line in at most ``width`` columns: cut after the last whole word
    that fits (mid-word only when that would keep less than half), with ``…``."""
    flat = " ".join(text.split())
    if text_width(flat) <= width:
        return flat
    head = _cut(flat, max(width - 1, 1))
    space = head.rfind(" ")
    if space >= len(head) // 2 and not flat[len(head)].isspace():
        head = head[:space]
    return head.rstrip(_TRIM) + "…"


def _key(text: str) -> str:
    """``text`` for comparing names: case, ``the``, a web domain and punctuation ignored."""
    flat = _DOMAIN.sub("", text.casefold().strip())
    flat = re.sub(r"^the\s+", "", flat)
    return re.sub(r"\W+", "", flat)


def _title(article: Labelled) -> str | None:
    """The article's title as a label shows it, ``None`` when it says nothing more than
    the outlet (or there is none)."""
    title = " ".join((article.title or "").split())
    if not title:
        return None
    title = _BREADCRUMB.split(title)[-1].strip(_TRIM)
    outlet = _key(article.outlet or "")
    if outlet:
        parts = _SITE_SPLIT.split(title)
        kept = [p for p in parts if _key(p) != outlet]
        if kept and len(kept) < len(parts):
            title = " - ".join(kept)
    key = _key(title)
    if not key or key == _key(article.id) or (outlet and key in outlet):
        return None
    return title


def _compose(outlet: str | None, title: str | None, fallback: str, width: int | None) -> str:
    if outlet and title:
        if width is None:
            return f"{outlet}{SEPARATOR}{title}"
        room = max(width - len(SEPARATOR), 2)
        short_outlet = clip(outlet, min(_OUTLET_WIDTH, max(room - _MIN_TITLE, 1)))
        rest = room - text_width(short_outlet)
        return f"{short_outlet}{SEPARATOR}{clip(title, rest)}"
    text = outlet or title or fallback
    return text if width is None else clip(text, width)


def article_label(article: Labelled, width: int | None = LABEL_WIDTH) -> str:
    """``outlet · short title`` of one article (``width=None``: not shortened). It may
    read like another article's: :func:`article_labels` numbers those."""
    outlet = " ".join((article.outlet or "").split()) or None
    return _compose(outlet, _title(article), article.id, width)


def article_labels(articles: Iterable[Labelled], width: int = LABEL_WIDTH) -> dict[str, str]:
    """Unique labels of ``articles`` by id, each at most ``width`` columns: labels that
    read alike (after shortening) are numbered ``(1)``, ``(2)`` … in the given order."""
    items = list(articles)
    labels = {a.id: article_label(a, width) for a in items}
    totals = Counter(labels.values())
    seen: Counter[str] = Counter()
    for a in items:
        base = labels[a.id]
        if totals[base] < 2:
            continue
        seen[base] += 1
        suffix = f" ({seen[base]})"
        labels[a.id] = article_label(a, max(width - len(suffix), 4)) + suffix
    if len(set(labels.values())) < len(labels):  # a title literally ending in "(2)"
        counts = Counter(labels.values())
        for a in items:
            if counts[labels[a.id]] > 1:
                labels[a.id] = f"{clip(labels[a.id], max(width // 2, 4))} [{a.id}]"
    return labels


def source_labels(articles: Iterable[Labelled], width: int = LABEL_WIDTH) -> dict[str, str]:
    """How each source of ``articles`` reads, by source key (:attr:`Article.source
    <natojp.models.Article.source>`): an outlet as itself, the source of an article
    without an outlet as ``(unattributed) <short title>`` (its id when it has no title),
    at most ``width`` columns. Labels are unique: unattributed articles whose titles read
    alike are numbered ``(1)``, ``(2)`` in the given order. Pass the whole corpus so that
    a source keeps its label whatever a filter shows."""
    items = list(articles)
    labels: dict[str, str] = {}
    unattributed: list[tuple[str, Labelled]] = []
    for a in items:
        outlet = " ".join((a.outlet or "").split())
        key = a.outlet or f"{UNATTRIBUTED}{a.id}"  # Article.source
        if outlet:
            labels.setdefault(key, outlet)
        elif key not in labels:
            unattributed.append((key, a))
            labels[key] = ""
    room = max(width - len(UNATTRIBUTED), 4)

    def named(a: Labelled, columns: int) -> str:
        return UNATTRIBUTED + clip(_title(a) or a.id, columns)

    names = {key: named(a, room) for key, a in unattributed}
    totals = Counter(names.values())
    seen: Counter[str] = Counter()
    for key, a in unattributed:
        base = names[key]
        if totals[base] > 1 or base in labels.values():
            seen[base] += 1
            suffix = f" ({seen[base]})"
            names[key] = named(a, max(room - len(suffix), 4)) + suffix
    labels.update(names)
    if len(set(labels.values())) < len(labels):  # a title literally ending in "(2)"
        counts = Counter(labels.values())
        for key, a in unattributed:
            if counts[labels[key]] > 1:
                labels[key] = f"{UNATTRIBUTED}{a.id}"
    return labels


def named_ids(text: str, names: Mapping[str, str]) -> str:
    """``text`` with every article id of ``names`` it mentions replaced by the article's
    label (a basis such as "001_x is the source" reads "The Japan Times · … is the
    source"); ids are matched whole, not inside longer ids."""
    found = [i for i in names if i and i in text]
    if not found:
        return text
    found.sort(key=len, reverse=True)  # a longer id before an id it contains
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in found))
    return pattern.sub(lambda m: names[m.group(0)], text)
