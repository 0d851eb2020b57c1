"""Cap messages and reading within caps.

:func:`how_to_raise` says how to raise a cap, from the table
:data:`natojp.config.CAPS` (its CLI option and environment variable); the other
messages name the cap that was hit. Also: the most characters one JSON line or item, or
one Reuters story, may hold (:func:`_item_limit`), where a long article is cut
(:func:`_cut_point`), and reading a stream up to a byte limit (:func:`_read_limited`).
"""

from __future__ import annotations

import io
from typing import IO

from natojp.config import CAPS, IngestConfig
from natojp.ingest.decode import _CHUNK_BYTES

_ITEM_FACTOR = 16
"""A JSON line or item, or a Reuters story, may hold this many times
``max_article_chars`` characters (with markup, escapes and metadata); a longer one is
skipped unread, which bounds the memory parsing it takes."""


def _item_limit(config: IngestConfig) -> int:
    """The most characters one JSON line or item, or one Reuters story, may hold."""
    return _ITEM_FACTOR * config.max_article_chars + 65_536


def _too_long(what: str, size: int, limit: int) -> str:
    """Why one line, item or story was not read."""
    return (
        f"{what} too long to read: {size:,} characters, over the limit of {limit:,} "
        f"({_ITEM_FACTOR} × max_article_chars); it was not read; "
        f"{how_to_raise('max_article_chars')}"
    )


_CAPS = {cap.name: cap for cap in CAPS}


def how_to_raise(cap: str) -> str:
    """How to raise the :class:`~natojp.config.IngestConfig` cap ``cap`` when running
    natojp locally: its CLI option and environment variable (from
    :data:`~natojp.config.CAPS`)."""
    c = _CAPS[cap]
    value = " (in MB)" if c.in_mb else ""
    return (
        f"to raise it when running natojp on your own machine, use the CLI option "
        f"{c.option} or the environment variable {c.env}{value}, or IngestConfig.{cap} "
        "from Python"
    )


def _size(size: int) -> str:
    """A byte count for messages: ``200 MB``, ``1.5 MB``, ``12.3 KB``, ``999 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"


def _cut_point(text: str, cap: int) -> int:
    """Where to cut ``text`` to at most ``cap`` characters: a line break, else a space,
    in the last fifth; else at ``cap``."""
    floor = cap - cap // 5
    for sep in ("\n", " "):
        i = text.rfind(sep, floor, cap + 1)
        if i > 0:
            return i
    return cap


def _truncated(doc_id: str, size: int, cut: int, cap: int, line: int | None) -> str:
    """The reason recorded for a document cut at ``max_article_chars``."""
    where = f" (from line {line})" if line is not None else ""
    return (
        f"article {doc_id!r} truncated: {size:,} characters, over the cap of {cap:,} "
        f"(max_article_chars); only the first {cut:,} were analysed, the rest{where} was "
        f"not; {how_to_raise('max_article_chars')}"
    )


def _too_large(size: int, limit: int) -> str:
    """The reason for skipping a file over ``max_file_bytes``, with how to raise it."""
    return (
        f"file too large: {_size(size)}, over the cap of {_size(limit)} per file "
        f"(max_file_bytes); {how_to_raise('max_file_bytes')}"
    )


class _LimitError(Exception):
    """A read went over its byte limit."""


def _read_limited(stream: IO[bytes], limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``; raise :class:`_LimitError` if there are more.

    Read in chunks: one ``read`` of a zip member holds its bytes twice at the end.
    """
    out = io.BytesIO()
    while chunk := stream.read(min(_CHUNK_BYTES, limit + 1 - out.tell())):
        out.write(chunk)
        if out.tell() > limit:
            raise _LimitError
    return out.getvalue()
