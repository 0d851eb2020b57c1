"""Reuters-21578 SGML (``.sgm .sgml``, Latin-1 unless stated): one document per
``<REUTERS>`` story that has a ``<BODY>``, read story by story; hard-wrapped lines are
joined and the ``Reuter`` sign-off removed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from natojp.config import IngestConfig
from natojp.errors import InputError
from natojp.ingest.decode import _CONTROL_CHARS, _Text
from natojp.ingest.fields import _as_field
from natojp.ingest.items import _Doc, _Item
from natojp.ingest.limits import _item_limit, _too_long
from natojp.models import Skipped

_REUTERS = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.DOTALL | re.IGNORECASE)
_REUTERS_OPEN = re.compile(r"<REUTERS\b([^>]*)>", re.IGNORECASE)
_REUTERS_CLOSE = re.compile(r"</REUTERS>", re.IGNORECASE)
_NEWID = re.compile(r"""\bNEWID\s*=\s*["']?(\d+)""", re.IGNORECASE)
_SGML_TAGS = {
    name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}\s*>", re.DOTALL | re.IGNORECASE)
    for name in ("TITLE", "DATELINE", "DATE", "BODY")
}
_SIGN_OFF_LINE = re.compile(r"reuters?\W*", re.IGNORECASE)
_SIGN_OFF_TAIL = re.compile(
    r"(?:\s{2,}(?i:reuters?)|\s+REUTERS?|(?<=[.!?\"')])\s+(?i:reuters?))\W*$"
)


def _sgml_text(raw: str) -> str:
    """Unescape entities (``&lt;``, ``&#3;``) and drop the control characters they give."""
    return html.unescape(raw).translate(_CONTROL_CHARS)


def _reflow(body: str) -> str:
    """Join hard-wrapped lines; a Reuters paragraph starts with an indented line.

    The trailing ``Reuter`` / ``REUTER`` sign-off is removed.
    """
    lines = body.split("\n")
    while lines:  # a story may be signed off twice ("REUTER" then " Reuter")
        last = lines[-1]
        if not last.strip() or _SIGN_OFF_LINE.fullmatch(last.strip()):
            lines.pop()
            continue
        lines[-1] = _SIGN_OFF_TAIL.sub("", last)
        break
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        words = " ".join(line.split())
        if not words or (line[:1].isspace() and current):
            if current:
                paragraphs.append(" ".join(current))
            current = []
        if words:
            current.append(words)
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


_REUTERS_UNCLOSED = re.compile(r"<REUTERS\b[^>]*$", re.IGNORECASE)
_CLOSE_LENGTH = len("</REUTERS>")


def _stories(source: _Text, limit: int) -> Iterator[tuple[str, str | int]]:
    """(attributes, inner text) of each ``<REUTERS>`` story, or (attributes, length)
    of one over ``limit`` characters, which is not held."""
    if source.whole is not None:
        for m in _REUTERS.finditer(source.whole):
            inner = m.group(2)
            yield m.group(1), inner if len(inner) <= limit else len(inner)
        return
    buf = ""
    passing: tuple[str, int] | None = None  # a story too long: attributes, length so far
    for piece in source.pieces():
        buf += piece
        if passing is not None:
            closed = _REUTERS_CLOSE.search(buf)
            if closed is None:
                keep = _CLOSE_LENGTH - 1  # the start of a closing tag
                passing = (passing[0], passing[1] + len(buf) - keep)
                buf = buf[-keep:]
                continue
            yield passing[0], passing[1] + closed.start()
            passing, buf = None, buf[closed.end() :]
        pos = 0
        while True:
            opened = _REUTERS_OPEN.search(buf, pos)
            if opened is None:
                buf = buf[_keep_from(buf, pos) :]
                break
            closed = _REUTERS_CLOSE.search(buf, opened.end())
            if closed is None:
                if len(buf) - opened.end() > limit:
                    keep = _CLOSE_LENGTH - 1
                    passing = (opened.group(1), len(buf) - opened.end() - keep)
                    buf = buf[-keep:]
                else:
                    buf = buf[opened.start() :]
                break
            inner = buf[opened.end() : closed.start()]
            yield opened.group(1), inner if len(inner) <= limit else len(inner)
            pos = closed.end()


def _keep_from(buf: str, pos: int) -> int:
    """Where a start tag that the next piece may complete begins in ``buf[pos:]``."""
    unclosed = _REUTERS_UNCLOSED.search(buf, pos)
    if unclosed is not None:
        return unclosed.start()
    cut = buf.rfind("<", max(pos, len(buf) - len("<REUTERS")))
    return cut if cut >= 0 else len(buf)


def _read_sgml(source: _Text, path: str, config: IngestConfig) -> Iterator[_Item]:
    """Reuters-21578 SGML (not XML): one document per story with a BODY."""
    limit = _item_limit(config)
    stories = 0
    without_body = 0
    for stories, (attrs, inner) in enumerate(_stories(source, limit), start=1):
        newid = _NEWID.search(attrs)
        if isinstance(inner, int):
            what = f"story {stories}" + (f" (NEWID {newid.group(1)})" if newid else "") + " is"
            yield Skipped(path, _too_long(what, inner, limit))
            continue

        def tag(name: str, inner: str = inner) -> str | None:
            found = _SGML_TAGS[name].search(inner)
            return _sgml_text(found.group(1)) if found else None

        body = tag("BODY")
        paragraphs = _reflow(body) if body is not None else ""
        if not paragraphs:
            without_body += 1
            continue
        dateline = " ".join((tag("DATELINE") or "").split())
        if dateline:
            paragraphs = f"{dateline} {paragraphs}"
        yield _Doc(
            newid.group(1) if newid else f"story{stories}",
            paragraphs,
            "sgml",
            source.encoding,
            title=_as_field(tag("TITLE") or ""),
            outlet="Reuters",
            published=_as_field(tag("DATE") or ""),
        )
    if stories == 0:
        raise InputError("no <REUTERS> stories found in this SGML file", path=path)
    if without_body:
        yield Skipped(
            path,
            f"{without_body:,} of {stories:,} stories have no BODY (title-only briefs or "
            "unprocessed tables) and were not read",
        )
