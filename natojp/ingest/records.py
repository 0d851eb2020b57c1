"""JSON Lines (``.jsonl .ndjson``) and JSON (``.json``): one document per object, fields
by key name.

One JSONL line is held at a time; a JSON file of more than :func:`_item_limit`
characters is checked whole, then parsed one item at a time (:class:`_JsonStream`). A
line or item over that limit is skipped unread.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import suppress
from typing import Any

from natojp.config import ColumnMap, IngestConfig
from natojp.errors import InputError
from natojp.ingest.decode import _CHUNK_BYTES, _Text
from natojp.ingest.fields import _as_field, _as_text, _no_key, _no_text_field, _norm_key, _RowMapper
from natojp.ingest.items import _Doc, _Item, _RowSkip
from natojp.ingest.limits import _ITEM_FACTOR, _item_limit, _too_long, how_to_raise
from natojp.models import Skipped

_JSON_CONTAINERS = ("articles", "data", "items", "records", "documents")


def _object_doc(
    obj: dict[str, Any], fields: dict[str, str], key: str | None, fmt: str, encoding: str
) -> _Doc | None:
    """The document in one JSON object, or None when it holds no text."""
    text = _as_text(obj.get(fields["text"])) if "text" in fields else None
    if text is None:
        return None

    def get(fld: str) -> str | None:
        return _as_field(obj.get(fields[fld])) if fld in fields else None

    return _Doc(
        key,
        text,
        fmt,
        encoding,
        title=get("title"),
        outlet=get("outlet"),
        published=get("date"),
        url=get("url"),
    )


_JSON_KINDS: dict[type, str] = {
    dict: "object",
    list: "list",
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
}


def _json_kind(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    return _JSON_KINDS.get(type(value), "null" if value is None else type(value).__name__)


def _object_items(
    entries: Iterable[tuple[int, Any] | _RowSkip],
    *,
    jsonl: bool,
    encoding: str,
    path: str,
    columns: ColumnMap,
) -> Generator[_Item, None, bool]:
    """Documents from numbered JSON values (JSONL lines or the items of a JSON list).

    The first object decides which keys hold text and metadata; without a text key
    there the file is skipped. Values that are not objects, or objects without text,
    are skipped with their line (JSONL) or item number. Returns whether an object was
    found (mapped, or the file rejected for its lack of a text key).
    ``_RowSkip`` entries (e.g. unparsable lines) are passed through.
    """
    mapper = _RowMapper(columns, path)
    mapped = False
    kind = "line" if jsonl else "item"
    for entry in entries:
        if isinstance(entry, _RowSkip):
            yield entry
            continue
        n, obj = entry
        line = n if jsonl else None
        if not isinstance(obj, dict):
            what = f"a JSON {_json_kind(obj)}, not an object"
            alone = f"line {n} holds {what}" if jsonl else f"item {n} is {what}"
            yield _RowSkip(path, kind, n, what, line, alone)
            continue
        keys = tuple(obj)
        fields = mapper.fields(keys, strict=not mapped, sample=obj)
        if not mapped and "text" not in fields:
            yield _no_text_field(keys, kind="key", path=path, line=line)
            return True
        if not mapped and mapper.mapping is not None:
            yield mapper.mapping
        mapped = True
        doc = _object_doc(obj, fields, str(n), "jsonl" if jsonl else "json", encoding)
        if doc is None:
            where = f"under key {fields['text']!r}" if "text" in fields else _no_key(keys)
            yield _RowSkip(path, kind, n, f"no text {where}", line)
            continue
        yield doc
    return mapped


def _lines(source: _Text, limit: int) -> Iterator[tuple[int, str | int]]:
    """(number, text) of each line, or (number, length) of one over ``limit`` characters,
    which is not held; the text has no line end."""
    if source.whole is not None:
        for lineno, line in enumerate(source.whole.split("\n"), start=1):
            yield lineno, line if len(line) <= limit else len(line)
        return
    lineno = size = 0
    parts: list[str] = []
    for piece in source.pieces():
        start = 0
        while True:
            j = piece.find("\n", start)
            end = len(piece) if j < 0 else j
            if size + end - start > limit:
                parts = []
            elif end > start:
                parts.append(piece[start:end])
            size += end - start
            if j < 0:
                break
            lineno += 1
            yield lineno, "".join(parts) if size <= limit else size
            parts, size, start = [], 0, j + 1
    if size:
        yield lineno + 1, "".join(parts) if size <= limit else size


def _jsonl_values(source: _Text, path: str, limit: int) -> Iterator[tuple[int, Any] | _RowSkip]:
    """(line number, value) of each non-blank line, or why the line is not read."""
    for lineno, raw in _lines(source, limit):
        if isinstance(raw, int):
            reason = _too_long(f"line {lineno} is", raw, limit)
            yield _RowSkip(path, "line", lineno, "too long to read", lineno, reason)
            continue
        line = raw.strip()
        if not line:
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield _RowSkip(
                path,
                "line",
                lineno,
                f"invalid JSON ({exc.msg})",
                lineno,
                f"invalid JSON on line {lineno}, column {exc.colno}: {exc.msg}",
            )
        except RecursionError:
            yield _RowSkip(
                path,
                "line",
                lineno,
                "JSON nested too deeply to read",
                lineno,
                f"JSON on line {lineno} is nested too deeply to read",
            )
        except ValueError as exc:
            yield _RowSkip(
                path,
                "line",
                lineno,
                f"invalid JSON ({exc})",
                lineno,
                f"invalid JSON on line {lineno}: {exc}",
            )


def _read_jsonl(source: _Text, path: str, config: IngestConfig) -> Iterator[_Item]:
    """One document per line holding a JSON object; blank lines are ignored."""
    values = _jsonl_values(source, path, _item_limit(config))
    found = yield from _object_items(
        values, jsonl=True, encoding=source.encoding, path=path, columns=config.columns
    )
    if not found:
        yield Skipped(path, "no JSON objects in this file")


_NO_ARTICLES = (
    "expected a list of article objects, an object with such a list under "
    + "/".join(_JSON_CONTAINERS)
    + ", or one article object"
)


def _read_json(source: _Text, path: str, config: IngestConfig) -> Iterator[_Item]:
    """A list of article objects, an object holding such a list, or one article object.

    A file of more than :func:`_item_limit` characters is read item by item
    (:class:`_JsonStream`): checked whole first, then parsed again one item at a time.
    """
    limit = _item_limit(config)
    if source.chars > limit:
        yield from _read_json_stream(source, path, config.columns, limit)
        return
    text = source.text()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON on line {exc.lineno}, column {exc.colno}: {exc.msg}",
            path=path,
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise InputError(_TOO_DEEP, path=path) from None
    except ValueError as exc:
        raise InputError(f"invalid JSON: {exc}", path=path) from None
    rows: list[Any] | None = None
    if isinstance(data, list):
        rows = data
    elif isinstance(data, dict):
        key = _container_key(data, lambda k: isinstance(data[k], list))
        if key is not None:
            rows = data[key]
        else:
            yield _single_object(data, source.encoding, path, config.columns)
            return
    else:
        raise InputError(f"the JSON holds a {_json_kind(data)}; {_NO_ARTICLES}", path=path)
    yield from _object_items(
        enumerate(rows, start=1),
        jsonl=False,
        encoding=source.encoding,
        path=path,
        columns=config.columns,
    )
    if not rows:
        yield Skipped(path, "no articles in this JSON file (the list is empty)")


def _container_key(keys: Iterable[str], is_list: Callable[[str], bool]) -> str | None:
    """The key of the list of articles in a JSON object with ``keys``: the first key
    named like one of :data:`_JSON_CONTAINERS`, in their order, whose value is a list."""
    by_norm = {_norm_key(k): k for k in reversed(list(keys))}
    for name in _JSON_CONTAINERS:
        key = by_norm.get(name)
        if key is not None and is_list(key):
            return key
    return None


def _single_object(
    data: dict[str, Any], encoding: str, path: str, columns: ColumnMap
) -> _Doc | Skipped:
    """The one article of a JSON object without a list of articles, or why not."""
    keys = tuple(data)
    fields = _RowMapper(columns, path).fields(keys, strict=True, sample=data)
    doc = _object_doc(data, fields, None, "json", encoding)
    if doc is not None:
        return doc
    if "text" in fields:
        return Skipped(path, f"no text under key {fields['text']!r}")
    listed = ", ".join(repr(k) for k in keys) or "none"
    return Skipped(
        path,
        "no list of articles (under " + "/".join(_JSON_CONTAINERS) + ") and no "
        f"text key (keys: {listed}); name the key holding the article text with "
        "ColumnMap(text=...) or the CLI option --text-column",
    )


_JSON_DECODER = json.JSONDecoder()
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_SCALAR_END = re.compile(r"[,\]}\s]")
_JSON_STRING_END = re.compile(r'["\\]')
_JSON_MARKUP = re.compile(r'["\[\]{}]')


_TOO_DEEP = "the JSON is nested too deeply to read"


class _JsonError(Exception):
    """Invalid JSON at a line and column, with the json module's message."""

    def __init__(self, msg: str, line: int, column: int) -> None:
        super().__init__(msg)
        self.msg, self.line, self.column = msg, line, column


class _TooLongError(Exception):
    """A JSON value over the item limit (its length), skipped."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class _JsonStream:
    """A JSON text read piece by piece and parsed one value at a time.

    Only a window of the text is held: the value being parsed and what follows it in
    the current piece. A value of more than ``limit`` characters is passed over
    (:class:`_TooLongError`) without being held.
    """

    def __init__(self, pieces: Iterator[str], limit: int) -> None:
        self._pieces = pieces
        self._limit = limit
        self._buf = ""
        self._pos = 0
        self._more = True
        self._line = 1  # line and column of _buf[0]
        self._column = 1

    def _fill(self, want: int) -> None:
        """Drop what was read; hold at least ``want`` more characters when there are."""
        buf, pos = self._buf, self._pos
        if pos:
            lines = buf.count("\n", 0, pos)
            if lines:
                self._line += lines
                self._column = pos - buf.rfind("\n", 0, pos)
            else:
                self._column += pos
        parts = [buf[pos:]]
        size = len(parts[0])
        while size < want and self._more:
            piece = next(self._pieces, None)
            if piece is None:
                self._more = False
                break
            parts.append(piece)
            size += len(piece)
        self._buf, self._pos = "".join(parts), 0

    def where(self, pos: int | None = None) -> tuple[int, int]:
        """Line and column of ``pos`` in the window (default: the next character)."""
        pos = self._pos if pos is None else pos
        lines = self._buf.count("\n", 0, pos)
        if not lines:
            return self._line, self._column + pos
        return self._line + lines, pos - self._buf.rfind("\n", 0, pos)

    def error(self, msg: str) -> _JsonError:
        """The json module's error ``msg`` at the next character."""
        return _JsonError(msg, *self.where())

    def peek(self) -> str:
        """The next character after whitespace ("" at the end of the text)."""
        while True:
            space = _JSON_SPACE.match(self._buf, self._pos)
            self._pos = space.end() if space else self._pos
            if self._pos < len(self._buf) or not self._more:
                return self._buf[self._pos : self._pos + 1]
            self._fill(_CHUNK_BYTES)

    def take(self, char: str) -> None:
        """Step over ``char``, the character :meth:`peek` returned."""
        self._pos += len(char)

    def value(self) -> Any:
        """The next JSON value; :class:`_TooLongError` when it is longer than the limit.

        The window grows until the value ends in it, at least 64 characters before its
        end (a number cut by the window's end would parse as a shorter number).
        """
        want = _CHUNK_BYTES
        while True:
            if len(self._buf) - self._pos < want and self._more:
                self._fill(want)
            buf, pos = self._buf, self._pos
            try:
                value, end = _JSON_DECODER.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                cut_short = exc.pos >= len(buf) - 64 or exc.msg.startswith("Unterminated")
                if not (self._more and cut_short):
                    raise _JsonError(exc.msg, *self.where(exc.pos)) from None
                end = len(buf)
            except RecursionError:
                raise _JsonError(_TOO_DEEP, *self.where()) from None
            else:
                if len(buf) - end > 64 or not self._more:
                    self._pos = end
                    if end - pos > self._limit:
                        raise _TooLongError(end - pos)
                    return value
            if end - pos > self._limit:
                raise _TooLongError(self._pass_over())
            want = max(2 * (len(buf) - pos), _CHUNK_BYTES)

    def _pass_over(self) -> int:
        """Step over the value at the window's start without holding it; its length."""
        skipped = 0
        depth = 0
        in_string = False
        first = self._buf[self._pos]
        scalar = first not in '"[{'
        while True:
            buf, i = self._buf, self._pos
            while i < len(buf):
                if scalar:
                    m = _JSON_SCALAR_END.search(buf, i)
                    if m is None:
                        i = len(buf)
                        break
                    i = m.start()
                    skipped += i - self._pos
                    self._pos = i
                    return skipped
                if in_string:
                    m = _JSON_STRING_END.search(buf, i)
                    if m is None:
                        i = len(buf)
                    elif buf[m.start()] == "\\":
                        if m.start() + 1 == len(buf):
                            i = m.start()  # the escaped character is in the next piece
                            break
                        i = m.start() + 2
                        continue
                    else:
                        in_string, i = False, m.start() + 1
                        if depth == 0:
                            break
                    continue
                m = _JSON_MARKUP.search(buf, i)
                if m is None:
                    i = len(buf)
                    break
                char, i = m.group(), m.end()
                if char == '"':
                    in_string = True
                elif char in "[{":
                    depth += 1
                else:
                    depth -= 1
                    if depth == 0:
                        break
            skipped += i - self._pos
            self._pos = i
            if not in_string and depth == 0 and not scalar and skipped:
                return skipped
            if not self._more:
                if scalar:
                    return skipped
                raise self.error("Unterminated value")
            self._fill(_CHUNK_BYTES)


def _json_members(stream: _JsonStream) -> Iterator[str]:
    """The keys of the object at the stream (its ``{`` taken); after each key, the
    caller reads its value."""
    if stream.peek() == "}":
        stream.take("}")
        return
    while True:
        if stream.peek() != '"':
            raise stream.error("Expecting property name enclosed in double quotes")
        try:
            key = stream.value()
        except _TooLongError as exc:
            raise stream.error(f"a key of {exc.size:,} characters, too long to read") from None
        if stream.peek() != ":":
            raise stream.error("Expecting ':' delimiter")
        stream.take(":")
        if not stream.peek():
            raise stream.error("Expecting value")
        yield key
        char = stream.peek()
        if char == "}":
            stream.take(char)
            return
        if char != ",":
            raise stream.error("Expecting ',' delimiter")
        stream.take(char)


def _json_list(stream: _JsonStream) -> Iterator[Any]:
    """The items of the list at the stream (its ``[`` taken); a :class:`_TooLongError`
    instance for an item over the limit."""
    if stream.peek() == "]":
        stream.take("]")
        return
    while True:
        if not stream.peek():
            raise stream.error("Expecting value")
        try:
            yield stream.value()
        except _TooLongError as exc:
            yield exc
        char = stream.peek()
        if char == "]":
            stream.take(char)
            return
        if char != ",":
            raise stream.error("Expecting ',' delimiter")
        stream.take(char)


def _json_skip(stream: _JsonStream) -> bool:
    """Step over the next value; whether it is a list."""
    char = stream.peek()
    if char == "[":
        stream.take(char)
        for _ in _json_list(stream):
            pass
        return True
    with suppress(_TooLongError):
        stream.value()
    return False


def _read_json_stream(source: _Text, path: str, columns: ColumnMap, limit: int) -> Iterator[_Item]:
    """A large JSON file: checked whole (pass 1), then read item by item (pass 2)."""
    try:
        kind, container = _json_outline(_JsonStream(source.pieces(), limit))
    except _JsonError as exc:
        if exc.msg == _TOO_DEEP:
            raise InputError(_TOO_DEEP, path=path) from None
        raise InputError(
            f"invalid JSON on line {exc.line}, column {exc.column}: {exc.msg}",
            path=path,
            line=exc.line,
        ) from None
    if kind not in ("list", "object"):
        raise InputError(f"the JSON holds a {kind}; {_NO_ARTICLES}", path=path)
    stream = _JsonStream(source.pieces(), limit)
    first = stream.peek()
    stream.take(first)
    if first == "{":
        if container is None:
            raise InputError(
                f"the JSON object is too long to read as one article: {source.chars:,} "
                f"characters, over the limit of {limit:,} ({_ITEM_FACTOR} × "
                f"max_article_chars), and it has no list of articles; "
                f"{how_to_raise('max_article_chars')}",
                path=path,
            )
        seen = 0
        for key in _json_members(stream):
            seen += key == container[0]
            if seen == container[1] and key == container[0] and stream.peek() == "[":
                stream.take("[")
                break
            _json_skip(stream)
    empty = stream.peek() == "]"
    items = _numbered_items(_json_list(stream), path, limit)
    yield from _object_items(
        items, jsonl=False, encoding=source.encoding, path=path, columns=columns
    )
    if empty:
        yield Skipped(path, "no articles in this JSON file (the list is empty)")


def _json_outline(stream: _JsonStream) -> tuple[str, tuple[str, int] | None]:
    """Check the whole JSON text: the kind of its value and, for an object, its list of
    articles as (key, which occurrence of the key). :class:`_JsonError` if invalid."""
    first = stream.peek()
    kind = {"[": "list", "{": "object"}.get(first, "")
    container: tuple[str, int] | None = None
    if first == "[":
        stream.take(first)
        for _ in _json_list(stream):
            pass
    elif first == "{":
        stream.take(first)
        lists: dict[str, tuple[int, bool]] = {}  # key → (occurrences, last value a list)
        for key in _json_members(stream):
            is_list = _json_skip(stream)
            lists[key] = (lists.get(key, (0, False))[0] + 1, is_list)
        found = _container_key(lists, lambda k: lists[k][1])
        container = None if found is None else (found, lists[found][0])
    else:
        try:
            value = stream.value()
        except _TooLongError:
            value = {'"': "", "t": True, "f": False, "n": None}.get(first, 0)
        kind = _json_kind(value)
    if stream.peek():
        raise stream.error("Extra data")
    return kind, container


def _numbered_items(
    items: Iterator[Any], path: str, limit: int
) -> Iterator[tuple[int, Any] | _RowSkip]:
    """(1-based number, item) of each item, or why one over the limit was not read."""
    for n, item in enumerate(items, start=1):
        if isinstance(item, _TooLongError):
            reason = _too_long(f"item {n} is", item.size, limit)
            yield _RowSkip(path, "item", n, "too long to read", None, reason)
        else:
            yield n, item
