"""Reading news documents from files, folders, zip archives and browser uploads.

:func:`read_paths` reads files and folders (recursively), :func:`read_uploads` reads
(file name, bytes) pairs from the dashboard. Both return an :class:`IngestResult`: the
documents read, every input that could not be read with the reason, and the
``manifest.toml`` files found beside the articles (applied later, never read here).

Formats, chosen by file suffix (case-insensitive):

``.txt .text``
    plain text; one document per file.
``.md .markdown``
    plain text; a leading ``---`` front-matter block of ``key: value`` lines gives
    title, date, outlet and url and is blanked out of ``text`` (replaced by as many
    empty lines, so line numbers of ``text`` are still lines of the file).
``.html .htm .xhtml``
    main text and metadata extracted with trafilatura; paragraphs one per line. A
    page over ``max_html_bytes`` or ``max_html_elements`` (elements plus attributes)
    is skipped; a page nested deeper than lxml's parser allows (256 elements) is read
    from its paragraphs and headings by the stdlib parser, with a note saying so.
``.csv .tsv``, ``.jsonl .ndjson``, ``.json``
    one document per row / line / object, fields found by column or key name (see
    :data:`FIELD_ALIASES`; :class:`~natojp.config.ColumnMap` overrides them).
``.sgm .sgml``
    Reuters-21578 SGML: one document per ``<REUTERS>`` story that has a ``<BODY>``.
``.zip``
    every member read by the readers above (nested archives are not opened).

Memory: a file is decoded chunk by chunk once it is larger than
:data:`_WHOLE_BYTES`, and only what can be used is held: the start of a text that
``max_article_chars`` keeps (its whole length is still reported), CSV cells cut while
the csv module reads them (:class:`_CsvCells`), one JSONL line, JSON item or Reuters
story at a time. A line, item or story of more than 16 times ``max_article_chars``
characters is skipped unread, and the next ones are read.

Skips: rows, lines or items of one file skipped for the same reason are listed once,
with their count and the first row numbers. Any error while reading one file or
archive member, expected or not, becomes a skip of that input, and the batch goes
on. In a folder, a symbolic link to a file outside the folder is skipped unless
``IngestConfig.follow_symlinks`` (links to folders are never followed).

Document ids are unique within a result:

* a file in a given folder: its path relative to that folder without the extension,
  with ``/`` separators (``business/007``); a file given directly: its stem;
* a zip member: its path relative to the longest directory prefix common to all
  members, without the extension, prefixed with the archive's own id when the
  archive was found in a folder (``bbc-fulltext/bbc/business/007.txt`` given directly
  is ``business/007``);
* a row: ``<file id>#<n>`` with ``n`` the 1-based data row (CSV), the line number
  (JSONL), the 1-based index (JSON list) or the story's NEWID (Reuters);
* a clash (``a.txt`` and ``a.html``) keeps the first id and gives the later one its
  extension (``a.html``), then ``~2``, ``~3``... in reading order, which is sorted and
  therefore the same on every run.

``source_path`` is the path as the user knows it: as given for a file given directly,
``<folder name>/<relative path>`` for a file in a folder, ``<archive>!<member>`` for an
archive member (rows carry the path of their file; the id tells the row).

``SourceText.line_numbers`` is True only for plain text and Markdown, whose ``text``
lines are the file's lines; extracted text (HTML), cells and SGML bodies are not.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import html
import io
import itertools
import json
import os
import re
import string
import sys
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import IO, Any

from natojp.config import LIMIT_ENV, ColumnMap, IngestConfig
from natojp.errors import InputError, UnsupportedFormatError
from natojp.models import Skipped, SourceText

__all__ = [
    "FIELD_ALIASES",
    "MANIFEST_NAME",
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "decode_bytes",
    "read_paths",
    "read_uploads",
    "safe_upload_name",
]

MANIFEST_NAME = "manifest.toml"
"""File name of a corpus manifest: collected in ``manifest_paths``, never read as an article."""

_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".sgm": "sgml",
    ".sgml": "sgml",
}
_ARCHIVE = ".zip"

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({*_FORMATS, _ARCHIVE})
"""File suffixes (lower case, with the dot) that ingestion reads."""

_SUPPORTED_LIST = " ".join(sorted(SUPPORTED_SUFFIXES))

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "fulltext",
        "story",
        "maintext",
        "articlebody",
    ),
    "title": ("title", "headline", "head", "name"),
    "date": (
        "date",
        "published",
        "publishedat",
        "publicationdate",
        "pubdate",
        "datetime",
        "timestamp",
        "time",
        "created",
    ),
    "outlet": (
        "source",
        "outlet",
        "publisher",
        "site",
        "sitename",
        "domain",
        "media",
        "publication",
        "newspaper",
    ),
    "url": ("url", "link", "href", "permalink"),
}
"""Column / key names recognised for each field, in order of preference.

Names are compared after lower-casing and removing spaces, underscores and hyphens,
so ``Full_Text``, ``full text`` and ``fulltext`` are the same name.
"""

_JSON_CONTAINERS = ("articles", "data", "items", "records", "documents")
_IGNORED_NAMES = frozenset({"__MACOSX", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What a batch of inputs gave: documents, skipped inputs and manifest files."""

    documents: tuple[SourceText, ...]
    skipped: tuple[Skipped, ...]
    manifest_paths: tuple[Path, ...] = ()


_DEFAULT_CONFIG = IngestConfig()


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that do not occur in text (tab, newlines, form feed, escape and
# the DOS end-of-file mark ^Z are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1a\x1b") + b"\x7f"
_CONTROL_CHARS = {c: None for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c\x1a\x1b"} | {
    c: None for c in range(0x7F, 0xA0)
}
_MAX_CONTROL_SHARE = 0.05
_ASCII_LETTERS = str.maketrans("", "", string.ascii_letters)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Non-letters that are ordinary between two letters in Western text.
_IN_WORD_OK = frozenset("’‘ʼ–—·\xad\xa0")
_WESTERN_SAMPLE = 1_000_000
# charset-normalizer candidates when the bytes are neither UTF-8 nor plausible Western
# (cp1252) text: Central/Eastern European, Cyrillic, Greek, Turkish, Baltic and CJK.
_GUESS_CANDIDATES = (
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "cp1257",
    "cp932",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp949",
)
# WHATWG: documents labelled Latin-1 or ASCII are decoded as windows-1252.
_LABEL_ALIASES = {"latin1": "cp1252", "iso88591": "cp1252", "ascii": "cp1252", "usascii": "cp1252"}


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document; save its text as .txt"),
    (b"PK\x03\x04", "a zip archive or Office document; give a zip the .zip extension"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "an executable (Windows)"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive; unpack it first"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document; save its text as .txt"),
)


def _binary(data: bytes, path: str, otherwise: str = "binary file, not text") -> InputError:
    """The error for bytes that are not text, naming the file type when it is known."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return InputError(f"binary file, not text: it looks like {kind}", path=path)
    return InputError(otherwise, path=path)


MIXED_ENCODING = "utf-8+cp1252"
"""The ``encoding`` of text that is mostly UTF-8 with some Windows-1252 (Latin-1) bytes."""

_SURROGATE_BYTES = {0xDC00 + b: bytes([b]).decode("cp1252", "replace") for b in range(0x80, 0x100)}
_SURROGATE_BYTES.update(
    {0xDC00 + b: chr(b) for b in range(0x80, 0xA0) if _SURROGATE_BYTES[0xDC00 + b] == "\ufffd"}
)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTROL_CHAR = re.compile("[" + "".join(map(chr, _CONTROL_CHARS)) + "]")
_BLANK_BYTES = re.compile(rb"[ \t\n\r\x0b\x0c]*")  # what bytes.strip() removes
# Bytes that Windows-1252 leaves undefined: bytes holding one are not cp1252 text.
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")

_WHOLE_BYTES = 8 * 1024 * 1024
"""Input up to this size is decoded in one piece; larger input chunk by chunk, so that
its text (up to 4 bytes a character) is never held whole beside its bytes."""
_CHUNK_BYTES = 1024 * 1024
_GUESS_SAMPLE = 8 * 1024 * 1024  # charset-normalizer decodes what it is given whole


def _decoded(data: bytes, codec: str, errors: str) -> Iterator[str]:
    """``data`` decoded with ``codec``: in one piece up to :data:`_WHOLE_BYTES`, else
    chunk by chunk. A :class:`UnicodeDecodeError` gives the position in ``data`` (after
    the byte-order mark for ``utf-8-sig``, as :meth:`bytes.decode` does)."""
    if len(data) <= _WHOLE_BYTES:
        yield data.decode(codec, errors)
        return
    first = 0
    if codec == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
        codec, first = "utf-8", len(codecs.BOM_UTF8)
    decoder = codecs.getincrementaldecoder(codec)(errors)
    size = len(data)
    for start in range(first, size, _CHUNK_BYTES):
        end = min(start + _CHUNK_BYTES, size)
        pending = len(decoder.getstate()[0])
        try:
            piece = decoder.decode(data[start:end], end == size)
        except UnicodeDecodeError as exc:
            at = start - first - pending + exc.start
            raise UnicodeDecodeError(
                exc.encoding, data, at, at + exc.end - exc.start, exc.reason
            ) from None
        if piece:
            yield piece


def _pieces(data: bytes, codec: str, errors: str, *, as_cp1252: bool = True) -> Iterator[str]:
    """The text of ``data`` piece by piece, line ends as ``\\n`` (also across pieces).

    With ``errors="surrogateescape"`` (text read as :data:`MIXED_ENCODING`) the bytes
    that are not UTF-8 are read as Windows-1252 unless ``as_cp1252`` is False.
    """
    mixed = errors == "surrogateescape" and as_cp1252
    if len(data) <= _WHOLE_BYTES:
        (text,) = _decoded(data, codec, errors)
        if mixed:
            text = text.translate(_SURROGATE_BYTES)
        yield text.replace("\r\n", "\n").replace("\r", "\n")
        return
    carry = ""
    for piece in _decoded(data, codec, errors):
        if mixed:
            piece = piece.translate(_SURROGATE_BYTES)
        piece = carry + piece
        carry = "\r" if piece.endswith("\r") else ""
        piece = piece[:-1] if carry else piece
        if piece:
            yield piece.replace("\r\n", "\n").replace("\r", "\n")
    if carry:
        yield "\n"


def _count_controls(text: str) -> int:
    """Control characters in ``text`` that do not occur in text (see ``_CONTROL_CHARS``)."""
    if text.isascii():  # str.translate is fast on ASCII, a regex on other text
        return len(text) - len(text.translate(_CONTROL_CHARS))
    return len(_CONTROL_CHAR.findall(text))


def _chunks(data: bytes) -> Iterator[bytes]:
    """``data`` in slices of :data:`_CHUNK_BYTES` (an even number)."""
    for start in range(0, len(data), _CHUNK_BYTES):
        yield data[start : start + _CHUNK_BYTES]


@dataclass(frozen=True, slots=True)
class _Text:
    """The decoded text of one file, read piece by piece.

    ``chars`` counts its characters (line ends normalised), ``controls`` the control
    characters among them, ``last_text`` is the index of the last character that is
    not whitespace (-1: none). ``whole`` holds the text when it was decoded in one
    piece (see :data:`_WHOLE_BYTES`); else :meth:`pieces` decodes it again.
    """

    data: bytes
    codec: str
    errors: str
    encoding: str
    chars: int
    controls: int
    last_text: int
    whole: str | None
    notes: tuple[str, ...] = ()

    def pieces(self) -> Iterator[str]:
        """The text, piece by piece (one piece when it was decoded whole)."""
        if self.whole is not None:
            yield self.whole
        else:
            yield from _pieces(self.data, self.codec, self.errors)

    def head(self, n: int) -> str:
        """The first ``n`` characters (the whole text when it is shorter)."""
        if self.whole is not None:
            return self.whole if len(self.whole) <= n else self.whole[:n]
        parts: list[str] = []
        got = 0
        for piece in self.pieces():
            parts.append(piece[: n - got])
            got += len(parts[-1])
            if got >= n:
                break
        return "".join(parts)

    def text(self) -> str:
        """The whole text."""
        return self.whole if self.whole is not None else "".join(self.pieces())


def _measure(
    data: bytes, codec: str, errors: str, encoding: str, notes: tuple[str, ...] = ()
) -> _Text:
    """Decode ``data`` once to count its characters; keep it when it was one piece.

    Raises :class:`UnicodeDecodeError` when ``codec`` does not fit (``errors="strict"``).
    """
    chars = controls = 0
    last = -1
    whole: str | None = None
    for n, piece in enumerate(_pieces(data, codec, errors)):
        whole = piece if n == 0 else None
        controls += _count_controls(piece)
        stripped = len(piece.rstrip())
        if stripped:
            last = chars + stripped - 1
        chars += len(piece)
    return _Text(data, codec, errors, encoding, chars, controls, last, whole, notes)


def _of_string(text: str, data: bytes, encoding: str) -> _Text:
    """A :class:`_Text` of text already decoded whole (by charset-normalizer)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stripped = len(text.rstrip())
    return _Text(
        data, encoding, "strict", encoding, len(text), _count_controls(text), stripped - 1, text
    )


def _mixed_utf8(data: bytes) -> tuple[int, int] | None:
    """Mostly-UTF-8 bytes with some that are not: (number of such bytes, line of the
    first), else None.

    Mostly UTF-8 means at least as many bytes in valid multi-byte UTF-8 sequences as
    invalid bytes, which Latin-1 or CJK files almost never give by chance.
    """
    bad = lines = 0
    line = 0
    for piece in _pieces(data, "utf-8", "surrogateescape", as_cp1252=False):
        if not line:
            first = _ESCAPED_BYTE.search(piece)
            if first is None:
                lines += piece.count("\n")
            else:
                line = lines + piece.count("\n", 0, first.start()) + 1
        bad += len(_ESCAPED_BYTE.findall(piece))
    if not bad:
        return None
    high = sum(len(c) - len(c.translate(None, _HIGH_BYTES)) for c in _chunks(data))
    if high - bad < bad:
        return None
    return bad, line


def _mixed_note(count: int, line: int) -> str:
    """The article note of a file read as :data:`MIXED_ENCODING`."""
    return (
        f"mixed encodings: the file is UTF-8 but {count:,} byte(s) are not (the first on "
        f"line {line}); they were read as Windows-1252 (Latin-1)"
    )


def decode_bytes(data: bytes, *, path: str) -> tuple[str, str]:
    """Decode a text file's bytes; return ``(text, encoding name)``.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32); strict UTF-8; Windows-1252
    when the result is plausible Western text (mostly ASCII letters, no symbols inside
    words; this is what short Latin-1 files such as BBC's ``sport/199.txt`` need, where
    a raw 0xA3 must read "£"); else charset-normalizer's best guess among common
    European and CJK encodings. Line ends are normalised to ``\\n``.

    Raises :class:`~natojp.errors.InputError` for an empty or whitespace-only file,
    binary data (NUL bytes without a UTF-16/32 byte-order mark, or many control
    characters) and bytes no known encoding fits. Text that is mostly UTF-8 with some
    Windows-1252 bytes (a page pasted from another source) is read as both and has the
    encoding :data:`MIXED_ENCODING`.
    """
    text = _open_text(data, path=path)
    return text.text(), text.encoding


def _open_text(
    data: bytes, *, path: str, declared: str | None = None, fallback: str | None = None
) -> _Text:
    """:func:`decode_bytes` without holding the text, with a ``declared`` charset (HTML)
    tried after UTF-8, and a ``fallback`` encoding that replaces guessing (Reuters SGML
    is Latin-1). Files over :data:`_WHOLE_BYTES` are decoded chunk by chunk."""
    if _BLANK_BYTES.fullmatch(data):
        raise InputError(
            "empty file (0 bytes)" if not data else "empty file (only whitespace)", path=path
        )
    text = _open_unchecked(data, path=path, declared=declared, fallback=fallback)
    if text.last_text < 0:
        raise InputError("empty file (only whitespace)", path=path)
    if text.controls > _MAX_CONTROL_SHARE * text.chars:
        raise _binary(data, path)
    return text


def _open_unchecked(data: bytes, *, path: str, declared: str | None, fallback: str | None) -> _Text:
    """The decoded text by byte-order mark, NULs (UTF-16) or 8-bit encodings."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _measure(data, name, "strict", name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the file starts with a {name} byte-order mark but is not valid {name}"
                    f" (byte {exc.start}); re-save it as UTF-8",
                    path=path,
                ) from None
    if b"\x00" in data:
        return _open_bomless_utf16(data, path=path)
    controls = sum(len(c) - len(c.translate(None, _CONTROL_BYTES)) for c in _chunks(data))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise _binary(data, path)
    return _open_8bit(data, path=path, declared=declared, fallback=fallback)


def _open_bomless_utf16(data: bytes, *, path: str) -> _Text:
    """UTF-16 text without a byte-order mark (every other byte NUL), else binary."""
    half = len(data) // 2
    if half >= 2 and len(data) % 2 == 0:
        even_nul = odd_nul = 0
        for chunk in _chunks(data):
            even_nul += chunk[0::2].count(0)
            odd_nul += chunk[1::2].count(0)
        name = None
        if odd_nul > 0.4 * half and even_nul < 0.05 * half:
            name = "utf-16-le"
        elif even_nul > 0.4 * half and odd_nul < 0.05 * half:
            name = "utf-16-be"
        if name is not None:
            try:
                return _measure(data, name, "strict", name)
            except UnicodeDecodeError:
                pass
    raise _binary(data, path)


def _open_8bit(data: bytes, *, path: str, declared: str | None, fallback: str | None) -> _Text:
    """Bytes without a byte-order mark or NULs: UTF-8, declared, fallback, guess."""
    try:
        return _measure(data, "utf-8", "strict", "utf-8")
    except UnicodeDecodeError:
        pass
    if fallback is None:
        mixed = _mixed_utf8(data)
        if mixed is not None:
            return _measure(
                data, "utf-8", "surrogateescape", MIXED_ENCODING, (_mixed_note(*mixed),)
            )
    if declared is not None:
        name = _LABEL_ALIASES.get(re.sub(r"[\W_]", "", declared.lower()), declared)
        try:
            codec = codecs.lookup(name).name
            b"".decode(codec)  # LookupError for codecs that are not text encodings
            return _measure(data, codec, "strict", codec)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label: fall through to guessing
    if fallback is not None:
        return _measure(data, fallback, "strict", fallback)
    if not any(b in data for b in _CP1252_UNDEFINED) and _looks_western(
        data[:_WESTERN_SAMPLE].decode("cp1252")
    ):
        return _measure(data, "cp1252", "strict", "cp1252")
    return _guess(data, path=path)


def _guess(data: bytes, *, path: str) -> _Text:
    """The text in charset-normalizer's best guess of an encoding (judged on the first
    :data:`_GUESS_SAMPLE` bytes of a larger file, cut at a line end)."""
    import charset_normalizer

    sample = data
    if len(data) > _GUESS_SAMPLE:
        end = data.rfind(b"\n", 0, _GUESS_SAMPLE)
        sample = data[: end + 1 if end > 0 else _GUESS_SAMPLE]
    best = charset_normalizer.from_bytes(sample, cp_isolation=list(_GUESS_CANDIDATES)).best()
    if best is not None and sample is data:
        return _of_string(str(best), data, str(best.encoding))
    if best is not None:
        try:
            return _measure(data, best.encoding, "strict", str(best.encoding))
        except UnicodeDecodeError:
            pass
    raise _binary(
        data,
        path,
        "binary file, not text (no text encoding fits; if it is text, save it as UTF-8)",
    )


def _looks_western(text: str) -> bool:
    """Plausible Western European text: mostly ASCII letters, no symbols inside words.

    Cyrillic or Greek bytes read as Windows-1252 give mostly non-ASCII letters; Central
    European bytes give symbols inside words (``Za¿ó³æ`` for ``Zażółć``).
    """
    ascii_letters = len(text) - len(text.translate(_ASCII_LETTERS))
    other_letters = 0
    last = len(text) - 1
    for m in _NON_ASCII.finditer(text):
        ch = m.group()
        if ch.isalpha():
            other_letters += 1
            continue
        if ch in _IN_WORD_OK:
            continue
        i = m.start()
        if 0 < i < last and text[i - 1].isalpha() and text[i + 1].isalpha():
            return False
    return ascii_letters > 0 and other_letters <= 0.2 * (ascii_letters + other_letters)


_HTML_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (meta tag or XML declaration)."""
    m = _HTML_CHARSET.search(data[:4096])
    if m is None:
        return None
    label = m.group(1) or m.group(2)
    return label.decode("ascii", "replace") if label else None


# --------------------------------------------------------------------- field mapping


def _norm_key(name: str) -> str:
    """A field name for comparison: case-folded, without spaces, underscores and hyphens."""
    return re.sub(r"[\s_\-]+", "", name).casefold()


_ALIAS_RANK: dict[str, dict[str, int]] = {
    fld: {alias: rank for rank, alias in enumerate(aliases)}
    for fld, aliases in FIELD_ALIASES.items()
}


def _map_fields(
    names: Sequence[str], columns: ColumnMap, *, kind: str, path: str, strict: bool = True
) -> dict[str, int]:
    """Position in ``names`` of each field found; ``text`` is absent when none was found.

    A name set in ``columns`` must exist (exactly, or after normalisation), else
    :class:`InputError` lists the available names; with ``strict=False`` the field is
    left out instead (never replaced by an auto-detected name).
    """
    found: dict[str, int] = {}
    overridden: set[str] = set()
    names = list(names)
    normalised = [_norm_key(n) for n in names]
    for fld in FIELD_ALIASES:
        wanted: str | None = getattr(columns, fld)
        if wanted is None:
            continue
        overridden.add(fld)
        if wanted in names:
            found[fld] = names.index(wanted)
        elif _norm_key(wanted) in normalised:
            found[fld] = normalised.index(_norm_key(wanted))
        elif strict:
            available = ", ".join(repr(n) for n in names) or "none"
            raise InputError(
                f"{kind} {wanted!r} (set with ColumnMap.{fld} / --{fld}-column) "
                f"not found; available {kind}s: {available}",
                path=path,
            )
    taken = set(found.values())
    for fld, ranks in _ALIAS_RANK.items():
        if fld in overridden:
            continue
        best: tuple[int, int] | None = None
        for i, key in enumerate(normalised):
            rank = ranks.get(key)
            if rank is not None and i not in taken and (best is None or rank < best[0]):
                best = (rank, i)
        if best is not None:
            found[fld] = best[1]
            taken.add(best[1])
    return found


def _no_text_field(names: Sequence[str], *, kind: str, path: str, line: int | None) -> Skipped:
    """The skip of a structured file in which no column/key holds the article text."""
    listed = ", ".join(repr(n) for n in names) or "none"
    return Skipped(
        path,
        f"no text {kind} found ({kind}s: {listed}); name the one holding the article text "
        f"with ColumnMap(text=...) or the CLI option --text-column",
        line,
    )


def _no_key(keys: Sequence[str]) -> str:
    """Where a JSON object without a text key was looked in, for messages."""
    listed = ", ".join(repr(k) for k in keys[:10]) or "none"
    return f"(no text key; its keys: {listed})"


def _as_text(value: object) -> str | None:
    """Article text of a JSON value: a string, or a list of strings (paragraphs)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(str(v).strip() for v in value).strip() or None
    return None


def _as_field(value: object) -> str | None:
    """A metadata value: a string or number, or the ``name`` of an object (NewsAPI source)."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "title"):
            if isinstance(value.get(key), str):
                return _as_field(value[key])
    return None


# --------------------------------------------------------------------------- readers


@dataclass(frozen=True, slots=True)
class _Doc:
    """One document found by a reader; ``key`` is the row part of its id (None: whole file).

    ``size`` is the length of the whole document when ``text`` holds only its start
    (then at least ``max_article_chars + 1`` characters, so that the cut is the same).
    """

    key: str | None
    text: str
    format: str
    encoding: str | None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    line_numbers: bool = False
    notes: tuple[str, ...] = ()
    size: int | None = None


@dataclass(frozen=True, slots=True)
class _RowSkip:
    """A row, line or item of a file that was not read; the sink groups those with the
    same ``detail`` into one :class:`Skipped` per file.

    ``kind`` is ``row``, ``line`` or ``item``; ``reason`` is the message when there is
    only one (default ``"<kind> <number>: <detail>"``).
    """

    path: str
    kind: str
    number: int
    detail: str
    line: int | None
    reason: str = ""

    def alone(self) -> str:
        """The reason shown when no other row of the file has the same detail."""
        return self.reason or f"{self.kind} {self.number}: {self.detail}"


_Item = _Doc | Skipped | _RowSkip

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


def _parse(data: bytes, suffix: str, path: str, config: IngestConfig) -> Iterator[_Item]:
    """Documents (and skipped rows) in one file's bytes, by the reader for ``suffix``."""
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise UnsupportedFormatError(_unsupported(suffix), path=path)
    if fmt == "html":
        yield _read_html(data, path, config)
        return
    source = _open_text(data, path=path, fallback="latin-1" if fmt == "sgml" else None)
    items: Iterator[_Item]
    if fmt == "txt":
        items = iter((_read_plain(source, config),))
    elif fmt == "md":
        items = iter((_read_markdown(source, path, config),))
    elif fmt in ("csv", "tsv"):
        items = _read_csv(source, fmt, path, config)
    elif fmt == "jsonl":
        items = _read_jsonl(source, path, config)
    elif fmt == "json":
        items = _read_json(source, path, config)
    else:
        items = _read_sgml(source, path, config)
    for item in items:
        if source.notes and isinstance(item, _Doc):
            item = replace(item, notes=item.notes + source.notes)
        yield item


def _unsupported(suffix: str) -> str:
    """The reason for skipping a file whose type is not read."""
    shown = suffix or "(no extension)"
    return f"unsupported file type {shown}; natojp reads {_SUPPORTED_LIST}"


def _read_plain(source: _Text, config: IngestConfig) -> _Doc:
    """Plain text: one document, of which only what the article cap keeps is held."""
    text = source.head(config.max_article_chars + 1)
    size = source.chars if source.chars > len(text) else None
    return _Doc(None, text, "txt", source.encoding, line_numbers=True, size=size)


_FRONT_MATTER_LINE = re.compile(r"\s*(?:#.*|-\s.*|[\w.\- ]+\s*:.*|)|\s+.*")
_KEY_VALUE = re.compile(r"([\w.\- ]+?)\s*:\s*(.*)")


def _read_markdown(source: _Text, path: str, config: IngestConfig) -> _Doc:
    """Markdown with an optional front-matter block (blanked out, lines kept).

    Of a text longer than twice ``max_article_chars`` only the start is held, and a
    front-matter block must end within its first ``max_article_chars`` characters.
    """
    keep = config.max_article_chars + 1
    text = source.head(2 * keep)
    partial = source.chars > len(text)
    lines = text.split("\n")
    complete = len(lines) - 1 if partial else len(lines)  # the last line may go on
    fields: dict[str, str] = {}
    removed = 0
    if complete and lines[0].rstrip() == "---":
        end = next((i for i in range(1, complete) if lines[i].rstrip() in ("---", "...")), None)
        block = lines[1:end] if end is not None else []
        if end is not None and partial and sum(map(len, lines[: end + 1])) + end >= keep:
            end = None  # ends too far in to be front matter of the text that is kept
        if end is not None and all(_FRONT_MATTER_LINE.fullmatch(x) for x in block):
            for line in block:
                m = _KEY_VALUE.fullmatch(line)
                if m is None or line[:1].isspace() or line.lstrip()[:1] in ("-", "#"):
                    continue
                value = m.group(2).strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]
                key = _norm_key(m.group(1))
                for fld, ranks in _ALIAS_RANK.items():
                    if key in ranks and value and fld not in fields:
                        fields[fld] = value
            removed = sum(map(len, lines[: end + 1]))
            text = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
            if not text.strip() and source.last_text < len(text) + removed:
                raise InputError("no text after the front matter", path=path)
    return _Doc(
        None,
        text,
        "md",
        source.encoding,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        published=fields.get("date"),
        url=fields.get("url"),
        line_numbers=True,
        size=source.chars - removed if partial else None,
    )


def _read_html(data: bytes, path: str, config: IngestConfig) -> _Doc:
    """Main text and metadata of a web page, extracted by trafilatura.

    A page over ``max_html_bytes`` or with more than ``max_html_elements`` elements and
    attributes is not parsed. When trafilatura finds no text in a page nested deeper
    than its parser allows, the paragraphs are read by :class:`_PageText` instead.
    """
    if len(data) > config.max_html_bytes:
        raise InputError(
            f"HTML page too large to extract its text: {_size(len(data))}, over the cap of "
            f"{_size(config.max_html_bytes)} per page (max_html_bytes); "
            f"{how_to_raise('max_html_bytes')}",
            path=path,
        )
    source = _open_text(data, path=path, declared=_declared_charset(data))
    text = source.text()
    markup = _count_markup(text)
    if markup > config.max_html_elements:
        raise InputError(
            f"HTML page too complex to extract its text: {markup:,} elements and attributes, "
            f"over the cap of {config.max_html_elements:,} per page (max_html_elements); "
            f"{how_to_raise('max_html_elements')}",
            path=path,
        )
    import trafilatura

    try:
        doc: Any = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # No guessing a date from the page text: only metadata and markup dates.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a third-party parser on untrusted markup
        raise InputError(f"could not extract text from the HTML: {exc}", path=path) from None
    body = _doc_value(doc, "text") or ""
    lines = [" ".join(x.split()) for x in body.split("\n")]
    body = "\n".join(x for x in lines if x)
    if not body:
        return _read_deep_html(text, source, path)

    def meta(name: str) -> str | None:
        value = _doc_value(doc, name)
        return _as_field(value) if value else None

    return _Doc(
        None,
        body,
        "html",
        source.encoding,
        title=meta("title"),
        outlet=meta("sitename"),
        published=meta("date"),
        url=meta("url"),
    )


def _doc_value(doc: object, name: str) -> str | None:
    """A string field of trafilatura's result (a ``Document``, or a dict in some versions)."""
    value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
    return value if isinstance(value, str) else None


class _MarkupCounter:
    """lxml parser target counting elements and attributes (no tree is built)."""

    def __init__(self) -> None:
        self.count = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.count += 1 + len(attrib)

    def end(self, tag: str) -> None:
        pass

    def close(self) -> int:
        return self.count


def _count_markup(text: str) -> int:
    """Elements plus attributes of an HTML page, as lxml (trafilatura's parser) reads it."""
    import lxml.etree  # type: ignore[import-untyped]

    parser = lxml.etree.HTMLParser(target=_MarkupCounter())
    try:
        parser.feed(text)
        count: int = parser.close()
    except (lxml.etree.Error, ValueError):  # unparsable: trafilatura will say so
        return 0
    return count


_DEPTH_ERROR = re.compile(r"Excessive depth in document: (\d+)")


def _parser_depth_limit(text: str) -> int | None:
    """The nesting limit lxml's HTML parser hit on this page, or None."""
    import lxml.etree

    parser = lxml.etree.HTMLParser()
    with suppress(lxml.etree.Error, ValueError):
        lxml.etree.fromstring(text, parser)
    for entry in parser.error_log:
        m = _DEPTH_ERROR.search(str(entry.message))
        if m is not None:
            return int(m.group(1))
    return None


def _read_deep_html(text: str, source: _Text, path: str) -> _Doc:
    """A page in which trafilatura found no text: when its markup is nested deeper than
    lxml's limit, its paragraphs read by :class:`_PageText`; else the skip reason."""
    limit = _parser_depth_limit(text)
    if limit is None:
        raise InputError(
            "no article text found in this HTML page (is it an index or script-only page?)",
            path=path,
        )
    page = _PageText()
    page.feed(text)
    page.close()
    nesting = (
        f"its markup is nested {page.depth:,} elements deep, deeper than the limit of "
        f"{limit:,} of the HTML parser that extracts article text"
    )
    body = "\n".join(page.paragraphs)
    if not body:
        raise InputError(
            f"no article text found in this HTML page: {nesting}, and it has no paragraph "
            "text outside scripts and styles",
            path=path,
        )
    note = (
        f"{nesting}; its text was taken from its paragraphs and headings by a simpler "
        "parser, without removing boilerplate or reading metadata other than the title"
    )
    return _Doc(None, body, "html", source.encoding, title=page.title, notes=(note,))


class _PageText(HTMLParser):
    """Paragraph and heading text of a page, at any nesting depth (the stdlib parser
    has no depth limit); ``depth`` is the deepest nesting of elements seen."""

    _BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})
    _HIDDEN = frozenset(
        {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}
        | {"textarea", "select", "nav", "footer", "aside", "form"}
    )
    _VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
        | {"param", "source", "track", "wbr"}
    )
    _SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: str | None = None
        self.depth = 0
        self._stack: list[str] = []
        self._open: dict[str, int] = {}
        self._hidden = 0
        self._block_at = -1  # stack height of the block being read, -1: none
        self._parts: list[str] = []
        self._title_parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        if tag in self._SELF_CLOSING and self._stack and self._stack[-1] == tag:
            self._pop()
        self._stack.append(tag)
        self._open[tag] = self._open.get(tag, 0) + 1
        self.depth = max(self.depth, len(self._stack))
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag == "title" and self.title is None and not self._hidden:
            self._title_parts = []
        elif tag in self._BLOCKS and self._block_at < 0 and not self._hidden:
            self._block_at = len(self._stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <div/>: nothing inside

    def handle_endtag(self, tag: str) -> None:
        if not self._open.get(tag):
            return  # a stray end tag
        while self._stack and self._pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._title_parts is not None:
            self._title_parts.append(data)
        elif self._block_at >= 0:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        while self._stack:
            self._pop()

    def _pop(self) -> str:
        """Close the innermost open element; flush a finished paragraph or title."""
        if self._block_at == len(self._stack):
            words = " ".join("".join(self._parts).split())
            if words:
                self.paragraphs.append(words)
            self._parts, self._block_at = [], -1
        tag = self._stack.pop()
        self._open[tag] -= 1
        if tag in self._HIDDEN:
            self._hidden -= 1
        elif tag == "title" and self._title_parts is not None:
            self.title = " ".join("".join(self._title_parts).split()) or None
            self._title_parts = None
        return tag


_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 1 << 20


def _sniff_delimiter(text: str) -> str:
    """The delimiter among ``, ; TAB |`` used most in the header line (outside quotes)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in text[: text.find("\n") if "\n" in text else len(text)]:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _raise_field_limit(limit: int) -> None:
    """Let the csv module read a cell of ``limit`` characters (the default is 128 KB);
    :class:`_CsvCells` never gives it a longer one, so this is only a backstop."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


@dataclass(slots=True)
class _Cut:
    """What was left out of one CSV cell (and, once a record is left out, of the cells
    after it): the number of characters, how many of the last ones are whitespace,
    whether any is text (for blank rows) and whether any is not whitespace (delimiters
    included, for the length of a joined text)."""

    dropped: int = 0
    tail: int = 0
    text: bool = False
    visible: bool = False

    def add(self, part: str) -> None:
        """Count ``part`` as left out."""
        self.dropped += len(part)
        kept = len(part.rstrip())
        if kept:
            self.tail, self.text, self.visible = len(part) - kept, True, True
        else:
            self.tail += len(part)

    def add_run(self, run: str, delimiter: str, delimiters: int) -> None:
        """Count ``run``, holding ``delimiters`` delimiters, as left out."""
        if not delimiters:
            self.add(run)
            return
        self.dropped += len(run)
        self.visible = True
        last = run.rsplit(delimiter, 1)[1]
        self.text = self.text or bool(run.replace(delimiter, "").strip())
        self.tail = len(last) - len(last.rstrip())

    def add_delimiter(self) -> None:
        """Count a delimiter left out (it separates cells, it is not their text)."""
        self.dropped += 1
        self.tail, self.visible = 0, True


_MAX_COLUMNS = 100_000
"""A CSV header with more columns is not a table of articles (bounds the header row)."""
_OTHER_CELL_CHARS = 100
"""Characters kept of a cell in a column that is not read (its emptiness still counts)."""
_CELL_SLACK = 4096
"""Characters kept beyond ``max_article_chars + 1`` of a cell that is read (leading
whitespace, stripped later)."""

_START_RECORD, _START_FIELD, _IN_FIELD, _IN_QUOTES, _QUOTE_IN_QUOTES = range(5)
_QUOTE_OR_LINE_END = re.compile('["\n]')


class _CsvCells:
    """Feeds :func:`csv.reader` one record per item, each cell cut while it is read.

    It follows the csv module's reading of quotes character by character (a ``"`` at
    the start of a cell opens a quoted cell, in which ``""`` is one quote and line ends
    are text; any character after the closing quote continues the cell; outside quotes
    the delimiter ends a cell and ``\\n`` the record), so it knows which cell it is in
    and cuts each cell to the characters that can be used. Lines without quotes whose
    cells all fit are passed on whole.

    After the csv module returns a row, ``line`` is the line of the file the row ended
    on, ``cuts`` says what was left out of which cell and ``extra`` how many cells
    were left out after the last one kept. Until :meth:`read_rows` is called (with the
    header), every cell keeps ``keep`` characters and a record at most
    :data:`_MAX_COLUMNS` cells (``overflow`` says when more were left out).
    """

    def __init__(self, pieces: Iterable[str], delimiter: str, keep: int) -> None:
        self.line = 0
        self.cuts: dict[int, _Cut] = {}
        self.extra = 0
        self.overflow = False
        self.unterminated = False  # the file ended inside quotes...
        self._strict_ok = True  # ...and the csv module's strict mode agrees
        self._pieces = pieces
        self._delim = delimiter
        self._ends = re.compile(f"[{re.escape(delimiter)}\n]")
        self._keeps: list[int] = []
        self._rest = keep  # characters kept of cells beyond ``_keeps``
        self._max_cells = _MAX_COLUMNS
        self._join_from: int | None = None  # cells from here on share one budget
        self._state = _START_RECORD
        self._out: list[str] = []
        self._cell = 0
        self._room = 0
        self._dropping = False  # the rest of the record is left out

    def read_rows(self, keeps: list[int], rest: int, join_from: int | None) -> None:
        """Cut the records after the header: cell ``i`` to ``keeps[i]`` characters, the
        cells beyond to ``rest`` (one cell at most), or with ``join_from`` the cells from
        there on to ``rest`` characters together (they are joined into one text)."""
        self._keeps, self._rest, self._join_from = keeps, rest, join_from
        self._max_cells = len(keeps) + 1 if join_from is None else sys.maxsize

    def blank(self, row: list[str]) -> bool:
        """True for a row without text (cells that were cut included)."""
        return not any(c.strip() for c in row) and not any(c.text for c in self.cuts.values())

    def __iter__(self) -> Iterator[str]:
        last = ""
        for piece in self._pieces:
            if piece:
                last = piece[-1]
                yield from self._feed(piece)
        if self._state == _QUOTE_IN_QUOTES:
            self._emit('"')
        self.unterminated = self._state == _IN_QUOTES and self._strict_ok
        if last and last != "\n":
            self.line += 1  # the last line has no line end
        if self._state != _START_RECORD:
            self._state = _START_RECORD
            yield "".join(self._out)

    def _feed(self, s: str) -> Iterator[str]:
        """The records completed by one piece of text."""
        i, n = 0, len(s)
        while i < n:
            state = self._state
            if state == _START_RECORD:
                self._start_record()
                j = s.find("\n", i)
                if j >= 0 and self._fits(s, i, j):
                    self.line += 1
                    self._state = _START_RECORD
                    yield s[i : j + 1]
                    i = j + 1
                    continue
                self._state = _START_FIELD
                continue
            if self._dropping and state in (_START_FIELD, _IN_FIELD) and s[i] not in '"\n':
                i = self._drop_run(s, i)
                continue
            if state == _START_FIELD:
                c = s[i]
                if c == "\n":
                    i += 1
                    yield self._end_record()
                elif c == '"':
                    self._emit(c)
                    self._state = _IN_QUOTES
                    i += 1
                elif c == self._delim:
                    self._next_cell()
                    i += 1
                else:
                    self._state = _IN_FIELD
                continue
            if state == _IN_FIELD:
                m = self._ends.search(s, i)
                j = n if m is None else m.start()
                if j > i:
                    self._add(s[i:j])
                if m is None:
                    break
                i = j + 1
                if s[j] == "\n":
                    yield self._end_record()
                else:
                    self._next_cell()
                    self._state = _START_FIELD
                continue
            if state == _IN_QUOTES:
                j = s.find('"', i)
                end = n if j < 0 else j
                if end > i:
                    self.line += s.count("\n", i, end)
                    self._add(s[i:end])
                if j < 0:
                    break
                self._state = _QUOTE_IN_QUOTES  # the quote is emitted once the next
                i = j + 1  # character says whether it is "" or a closing quote
                continue
            c = s[i]  # _QUOTE_IN_QUOTES
            if c == '"':
                self._add_quote()
                self._state = _IN_QUOTES
                i += 1
                continue
            self._emit('"')
            if c == "\n":
                i += 1
                yield self._end_record()
            elif c == self._delim:
                self._next_cell()
                self._state = _START_FIELD
                i += 1
            else:  # the cell goes on after its closing quote (strict mode: an error)
                self._strict_ok = False
                self._state = _IN_FIELD

    def _drop_run(self, s: str, i: int) -> int:
        """Leave out the cells up to the next quote or line end at once (a record of
        millions of cells is not read cell by cell); where the run ends."""
        m = _QUOTE_OR_LINE_END.search(s, i)
        j = len(s) if m is None else m.start()
        run = s[i:j]
        cells = run.count(self._delim)
        self.extra += cells
        self._cut().add_run(run, self._delim, cells)
        self._state = _START_FIELD if run.endswith(self._delim) else _IN_FIELD
        return j

    def _fits(self, s: str, i: int, j: int) -> bool:
        """Whether the line ``s[i:j]`` has no quotes and its cells all fit."""
        if s.find('"', i, j) >= 0:
            return False
        count = s.count(self._delim, i, j) + 1
        if count > self._max_cells:
            return False
        if count <= len(self._keeps) and j - i <= _OTHER_CELL_CHARS:
            return True
        cells = s[i:j].split(self._delim)
        if self._join_from is not None and count > self._join_from:
            joined = cells[self._join_from :]
            if sum(map(len, joined)) + len(joined) - 1 > self._rest:
                return False
            cells = cells[: self._join_from]
        keeps = self._keeps
        rest = self._rest
        return all(len(c) <= (keeps[k] if k < len(keeps) else rest) for k, c in enumerate(cells))

    def _start_record(self) -> None:
        self._out = []
        self.cuts = {}
        self.extra = 0
        self._strict_ok = True
        self._dropping = False
        self._cell = 0
        self._room = self._keep(0)

    def _keep(self, cell: int) -> int:
        return self._keeps[cell] if cell < len(self._keeps) else self._rest

    def _end_record(self) -> str:
        """The item of the record that a line end just ended."""
        self._out.append("\n")
        self.line += 1
        self._state = _START_RECORD
        return "".join(self._out)

    def _emit(self, text: str) -> None:
        if not self._dropping:
            self._out.append(text)

    def _cut(self) -> _Cut:
        cut = self.cuts.get(self._cell)
        if cut is None:
            cut = self.cuts[self._cell] = _Cut()
        return cut

    def _add(self, text: str) -> None:
        """Characters of the current cell: kept while there is room, else left out."""
        if self._dropping or len(text) > self._room:
            room = 0 if self._dropping else self._room
            if room:
                self._out.append(text[:room])
            self._cut().add(text[room:])
            self._room = 0
        else:
            self._out.append(text)
            self._room -= len(text)

    def _add_quote(self) -> None:
        """A quote written ``""`` inside a quoted cell: one character."""
        if self._dropping or not self._room:
            self._cut().add('"')
        else:
            self._out.append('""')
            self._room -= 1

    def _next_cell(self) -> None:
        """A delimiter outside quotes: the next cell, or the rest of the record left out."""
        if self._dropping:
            self.extra += 1
            self._cut().add_delimiter()
            return
        joined = self._join_from is not None and self._cell >= self._join_from
        if self._cell + 1 >= self._max_cells or (joined and not self._room):
            self._dropping = True
            self.overflow = self.overflow or not self._keeps
            self.extra += 1
            self._cut().add_delimiter()
            return
        self._out.append(self._delim)
        self._cell += 1
        if joined:
            self._room -= 1  # the delimiter is part of the joined text
        else:
            self._room = self._keep(self._cell)


def _read_csv(source: _Text, fmt: str, path: str, config: IngestConfig) -> Iterator[_Item]:
    """One document per data row; cells may hold quoted newlines.

    The csv module reads the text through :class:`_CsvCells`, which cuts every cell to
    what can be used, so that a huge cell never takes more memory than an article.
    """
    keep = config.max_article_chars + 1 + _CELL_SLACK
    _raise_field_limit(keep + 1)
    pieces = source.pieces()
    opening: list[str] = []  # the pieces up to the end of the header line
    for piece in pieces:
        opening.append(piece)
        if "\n" in piece or sum(map(len, opening)) >= _SNIFF_CHARS:
            break
    head = opening[0] if len(opening) == 1 else "".join(opening)
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(head[:_SNIFF_CHARS])
    cells = _CsvCells(itertools.chain(opening, pieces), delimiter, keep)
    reader = csv.reader(cells, delimiter=delimiter)
    try:
        header = next((row for row in reader if not cells.blank(row)), None)
    except csv.Error as exc:
        raise InputError(f"unreadable CSV header: {exc}", path=path, line=cells.line) from None
    if header is None:
        raise InputError("empty file", path=path)
    if cells.overflow:
        raise InputError(
            f"the header has more than {_MAX_COLUMNS:,} columns: not a table of articles",
            path=path,
            line=cells.line,
        )
    header = [h.strip() for h in header]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    fields = _map_fields(header, config.columns, kind="column", path=path)
    if "text" not in fields:
        yield _no_text_field(header, kind="column", path=path, line=cells.line)
        return
    text_col = header[fields["text"]]
    width = len(header)
    read = set(fields.values())
    joined = fields["text"] == width - 1  # a last text column takes unquoted delimiters
    cells.read_rows(
        [keep if i in read else _OTHER_CELL_CHARS for i in range(width)],
        keep if joined else 0,
        width - 1 if joined else None,
    )
    n = 0
    start = cells.line + 1
    ragged: tuple[int, int] | None = None
    ragged_rows = 0
    last: tuple[int, int] | None = None  # (first, last) line of the last row read
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Skipped(
                path,
                f"CSV error ({exc}) in the row starting on line {start}; "
                "the rest of the file was not read",
                start,
            )
            return
        line, start = start, cells.line + 1
        last = (line, cells.line)
        if cells.blank(row):
            continue  # blank line: not a data row
        n += 1
        notes: tuple[str, ...] = ()
        count = len(row) + cells.extra
        if len(row) < width:
            row += [""] * (width - len(row))
        elif count > width and joined:
            # Unquoted delimiters in the text, the last column: join them back.
            row[width - 1 :] = [delimiter.join(row[width - 1 :])]
            if width > 1:
                notes = (
                    f"row {n} (line {line}) has unquoted {_DELIMITER_NAMES[delimiter]}s in its "
                    "text, the last column; they were kept as text",
                )
        elif count > width:
            notes = (
                f"row {n} (line {line}) has {count} cells but the header has {width}; "
                "the extra cells were ignored",
            )
            if ragged is None:
                ragged = (n, line)
            ragged_rows += 1

        cell = row[fields["text"]]
        body = cell.strip()
        if not body:
            yield _RowSkip(path, "row", n, f"empty text in column {text_col!r}", line)
            continue
        yield _Doc(
            str(n),
            body,
            fmt,
            source.encoding,
            title=_cell(row, fields, "title"),
            outlet=_cell(row, fields, "outlet"),
            published=_cell(row, fields, "date"),
            url=_cell(row, fields, "url"),
            notes=notes,
            size=_cell_size(cell, cells.cuts, fields["text"], joined),
        )
    if n == 0:
        yield Skipped(path, "the file has a header but no data rows")
    if ragged is not None:
        yield Skipped(
            path,
            f"{ragged_rows:,} row(s) have more cells than the {width} columns of the header "
            f"(the first: row {ragged[0]}, line {ragged[1]}); their extra cells were ignored. "
            f"Is a {_DELIMITER_NAMES[delimiter]} in the text not quoted?",
            ragged[1],
        )
    if last is not None and last[1] > last[0] and cells.unterminated:
        yield Skipped(
            path,
            f"unterminated quote: the row starting on line {last[0]} runs to the end of the "
            f"file (line {last[1]}), so any rows after it were read as its text; "
            f"check the quotes on line {last[0]}",
            last[0],
        )


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def _cell_size(cell: str, cuts: dict[int, _Cut], column: int, joined: bool) -> int | None:
    """The length of a text cell that was cut while read (None: it was not), stripped."""
    left = [c for i, c in cuts.items() if i == column or (joined and i > column)]
    if not any(c.visible for c in left):
        return None
    return len(cell.lstrip()) + sum(c.dropped for c in left) - left[-1].tail


def _cell(row: list[str], fields: dict[str, int], fld: str) -> str | None:
    """A metadata field of a CSV row, or None when the file has no such column."""
    i = fields.get(fld)
    return _as_field(row[i]) if i is not None else None


class _RowMapper:
    """Field positions for JSON objects, worked out once per distinct key set."""

    def __init__(self, columns: ColumnMap, path: str) -> None:
        self._columns = columns
        self._path = path
        self._cache: dict[tuple[str, ...], dict[str, str]] = {}

    def fields(self, keys: tuple[str, ...], *, strict: bool) -> dict[str, str]:
        """Field → key for objects with ``keys``; ``strict`` raises for a missing override."""
        got = self._cache.get(keys)
        if got is None:
            pos = _map_fields(keys, self._columns, kind="key", path=self._path, strict=strict)
            got = {fld: keys[i] for fld, i in pos.items()}
            self._cache[keys] = got
        return got


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
        fields = mapper.fields(keys, strict=not mapped)
        if not mapped and "text" not in fields:
            yield _no_text_field(keys, kind="key", path=path, line=line)
            return True
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
    fields = _RowMapper(columns, path).fields(keys, strict=True)
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


# ----------------------------------------------------------------- batch bookkeeping


@dataclass(slots=True)
class _Sink:
    """Collects documents with unique ids, skipped inputs and manifests; applies the caps."""

    config: IngestConfig
    documents: list[SourceText] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    next_suffix: dict[str, int] = field(default_factory=dict)
    capped_at: str | None = None
    cap: str = ""  # the IngestConfig field of the cap that stopped reading
    not_read: int = 0
    bytes_read: int = 0

    @property
    def capped(self) -> bool:
        """True once a batch cap (articles, total bytes) stopped reading."""
        return self.capped_at is not None

    def charge(self, path: str, size: int) -> bool:
        """Count ``size`` bytes read for ``path`` against ``max_total_bytes``.

        False, and reading stops, when the batch would go over the cap.
        """
        if self.bytes_read + size > self.config.max_total_bytes:
            self.capped_at, self.cap = path, "max_total_bytes"
            return False
        self.bytes_read += size
        return True

    def claim(self, base: str, alt: str | None = None) -> str:
        """A unique id: ``base``, else ``alt``, else ``base~2``, ``base~3``..."""
        for candidate in (base, alt):
            if candidate is not None and candidate not in self.used:
                self.used.add(candidate)
                return candidate
        k = self.next_suffix.get(base, 2)
        while f"{base}~{k}" in self.used:
            k += 1
        self.next_suffix[base] = k + 1
        self.used.add(f"{base}~{k}")
        return f"{base}~{k}"

    def skip(self, path: str, reason: str, line: int | None = None) -> None:
        """Record an input that was not read."""
        self.skipped.append(Skipped(path, reason, line))

    @contextmanager
    def isolated(self, path: str) -> Iterator[None]:
        """Run the reading of one input: any error becomes a skip of ``path`` (with an
        :class:`InputError`'s own path, line and message), and the batch goes on."""
        try:
            yield
        except InputError as exc:
            self.skip(exc.path or path, exc.message, exc.line)
        except Exception as exc:  # a bug or a library failing on hostile input
            self.skip(path, _unexpected(exc))

    def take(
        self,
        items: Iterator[_Item],
        *,
        base: str,
        alt: str | None,
        path: str,
        notes: tuple[str, ...] = (),
    ) -> None:
        """Add the documents of one file (id ``base`` or ``alt``); failures become skips.

        A document longer than ``max_article_chars`` is cut (at a line or word break)
        and the cut is recorded both as a skip and as a note of the document. Rows
        skipped for the same reason are listed once (:class:`_RowSkips`).
        """
        rows = _RowSkips(self.skipped)
        file_id: str | None = None
        try:
            with self.isolated(path):
                for item in items:
                    if isinstance(item, _RowSkip):
                        rows.add(item)
                        continue
                    if isinstance(item, Skipped):
                        self.skipped.append(item)
                        continue
                    if len(self.documents) >= self.config.max_articles:
                        self.capped_at, self.cap = path, "max_articles"
                        break
                    if file_id is None:
                        file_id = self.claim(base, alt)
                    doc_id = file_id if item.key is None else self.claim(f"{file_id}#{item.key}")
                    self.documents.append(self._document(item, doc_id, path, notes))
        finally:
            rows.close()
            close = getattr(items, "close", None)
            if close is not None:
                close()

    def _document(self, item: _Doc, doc_id: str, path: str, notes: tuple[str, ...]) -> SourceText:
        """The document of ``item``, cut to ``max_article_chars`` (the cut is also a skip)."""
        text, doc_notes = item.text, item.notes + notes
        cap = self.config.max_article_chars
        size = len(text) if item.size is None else item.size
        if size > cap:
            cut = _cut_point(text, cap)
            line = text.count("\n", 0, cut + 1) + 1 if item.line_numbers else None
            reason = _truncated(doc_id, size, cut, cap, line)
            self.skip(path, reason, line)
            text, doc_notes = text[:cut], (*doc_notes, reason)
        return SourceText(
            id=doc_id,
            source_path=path,
            text=text,
            format=item.format,
            encoding=item.encoding,
            title=item.title,
            outlet=item.outlet,
            published=item.published,
            url=item.url,
            line_numbers=item.line_numbers,
            notes=doc_notes,
        )

    def result(self) -> IngestResult:
        """The batch's result, with the skip of the cap that stopped reading, if any."""
        if self.capped_at is not None:
            if self.cap == "max_articles":
                reason = (
                    f"stopped at the cap of {self.config.max_articles:,} articles "
                    f"(max_articles): the rest of this file and {self.not_read:,} more "
                    "file(s) were not read"
                )
            else:
                reason = (
                    f"stopped at the cap of {_size(self.config.max_total_bytes)} read per "
                    f"batch (max_total_bytes): this file and {self.not_read:,} more file(s) "
                    "were not read"
                )
            self.skip(self.capped_at, f"{reason}; {how_to_raise(self.cap)}")
        return IngestResult(tuple(self.documents), tuple(self.skipped), tuple(self.manifests))


class _RowSkips:
    """The row skips of one file, grouped by their detail: the first is listed where it
    occurred; when other rows share its detail, it becomes one entry naming the first
    :attr:`SHOWN` rows and how many more (its line stays the first row's)."""

    SHOWN = 3

    def __init__(self, skipped: list[Skipped]) -> None:
        self._skipped = skipped
        # (kind, detail) → [index in skipped, first row, numbers shown, count]
        self._groups: dict[tuple[str, str], tuple[int, _RowSkip, list[int], list[int]]] = {}

    def add(self, row: _RowSkip) -> None:
        """Record one row skip."""
        group = self._groups.get((row.kind, row.detail))
        if group is None:
            self._groups[row.kind, row.detail] = (len(self._skipped), row, [row.number], [1])
            self._skipped.append(Skipped(row.path, row.alone(), row.line))
            return
        _, _, numbers, count = group
        count[0] += 1
        if len(numbers) < self.SHOWN:
            numbers.append(row.number)

    def close(self) -> None:
        """Rewrite the entries of rows that share their detail with others."""
        for index, first, numbers, (count,) in self._groups.values():
            if count > 1:
                reason = f"{_row_list(first.kind, numbers, count)}: {first.detail}"
                self._skipped[index] = Skipped(first.path, reason, first.line)


def _row_list(kind: str, numbers: list[int], count: int) -> str:
    """``rows 3, 7, 9 and 12 more`` (or ``rows 3 and 7``) for messages."""
    shown = [str(n) for n in numbers]
    if count > len(shown):
        return f"{kind}s {', '.join(shown)} and {count - len(shown):,} more"
    return f"{kind}s {', '.join(shown[:-1])} and {shown[-1]}"


def _unexpected(exc: Exception) -> str:
    """The reason for a file whose reading failed in an unforeseen way."""
    message = " ".join(str(exc).split())
    if len(message) > 300:
        message = message[:300] + "…"
    return f"unexpected error reading this file: {type(exc).__name__}: {message}".rstrip(": ")


_CLI_OPTIONS = {
    "max_file_bytes": "--max-file-mb",
    "max_total_bytes": "--max-total-mb",
    "max_articles": "--max-articles",
    "max_article_chars": "--max-article-chars",
}


def how_to_raise(cap: str) -> str:
    """How to raise the :class:`~natojp.config.IngestConfig` cap ``cap`` when running
    natojp locally: its CLI option (if any) and environment variable."""
    var, unit = LIMIT_ENV[cap]
    option = _CLI_OPTIONS.get(cap)
    via = f"the CLI option {option} or " if option else ""
    value = " (in MB)" if unit > 1 else ""
    return (
        f"to raise it when running natojp on your own machine, use {via}the environment "
        f"variable {var}{value}, or IngestConfig.{cap} from Python"
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


def _strip_suffix(name: str) -> str:
    """``name`` without its extension (a leading dot is not an extension)."""
    dot = name.rfind(".")
    slash = name.rfind("/")
    return name[:dot] if dot > slash + 1 else name


def _suffix(name: str) -> str:
    """The lower-case extension of a file name, with the dot (``""`` when none)."""
    return PurePosixPath(name).suffix.lower()


def _is_hidden(name: str) -> bool:
    """Hidden or system entries that are never articles (``.git``, ``__MACOSX``)."""
    return name.startswith(".") or name in _IGNORED_NAMES


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


def _read_zip(
    source: Path | bytes, display: str, prefix: str, sink: _Sink, config: IngestConfig
) -> None:
    """Read the members of a zip archive; caps checked on the directory and while reading."""
    opened: Path | IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        archive = zipfile.ZipFile(opened)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        sink.skip(display, f"not a readable zip archive: {exc}")
        return
    with archive:
        _read_zip_members(archive, display, prefix, sink, config)


def _member_parts(name: str) -> list[str]:
    """An archive member's path as safe components: no ``..``, ``.``, empty parts, drive
    letters (``C:``), control or invisible formatting characters."""
    printable = "".join(ch for ch in name if ch.isprintable())
    parts = [p for p in printable.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return parts[1:] if parts and _DRIVE.fullmatch(parts[0]) else parts


_DRIVE = re.compile(r"[A-Za-z]:")


def _read_zip_members(
    zf: zipfile.ZipFile, display: str, prefix: str, sink: _Sink, config: IngestConfig
) -> None:
    """Check the archive's caps on its directory, then read member by member."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > config.max_archive_members:
        sink.skip(
            display,
            f"archive has {len(infos):,} files, over the cap of {config.max_archive_members:,} "
            f"(max_archive_members); extract it, or {how_to_raise('max_archive_members')}",
        )
        return
    declared = sum(i.file_size for i in infos)
    if declared > config.max_archive_bytes:
        sink.skip(
            display,
            f"archive unpacks to {_size(declared)}, over the cap of "
            f"{_size(config.max_archive_bytes)} (max_archive_bytes; a zip bomb?); "
            f"{how_to_raise('max_archive_bytes')}",
        )
        return
    members = []
    for info in infos:
        parts = _member_parts(info.filename)
        if parts and not any(_is_hidden(p) for p in parts):
            members.append((parts, info))
    members.sort(key=lambda m: m[0])
    common = _common_dirs([p for p, _ in members])
    budget = config.max_archive_bytes
    for parts, info in members:
        if sink.capped:
            sink.not_read += 1
            continue
        where = f"{display}!{'/'.join(parts)}"
        read = 0
        with sink.isolated(where):
            read = _read_member(zf, info, parts, common, where, prefix, sink, config, budget)
        if read < 0:
            sink.skip(
                display,
                "archive unpacks to more than its directory says, over the cap of "
                f"{_size(config.max_archive_bytes)} (max_archive_bytes; a zip bomb?); "
                f"stopped reading at {where}; {how_to_raise('max_archive_bytes')}",
            )
            return
        budget -= read


def _read_member(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    parts: list[str],
    common: list[str],
    where: str,
    prefix: str,
    sink: _Sink,
    config: IngestConfig,
    budget: int,
) -> int:
    """Read one archive member into ``sink``: the bytes it unpacked to, or -1 when it
    went over what is left of ``max_archive_bytes`` (``budget``)."""
    name = parts[-1]
    suffix = _suffix(name)
    if name.lower() == MANIFEST_NAME:
        sink.skip(
            where,
            "a manifest inside an archive is not applied; extract it beside the archive "
            "or pass it with --manifest",
        )
        return 0
    if suffix == _ARCHIVE:
        sink.skip(where, "archive inside an archive not read; extract it first")
        return 0
    if suffix not in _FORMATS:
        sink.skip(where, _unsupported(suffix))
        return 0
    if info.file_size > config.max_file_bytes:
        sink.skip(where, _too_large(info.file_size, config.max_file_bytes))
        return 0
    limit = min(config.max_file_bytes, budget)
    try:
        with zf.open(info) as stream:
            data = _read_limited(stream, limit)
    except _LimitError:
        if limit == budget:
            return -1
        sink.skip(
            where, "member unpacks to more bytes than its header says (a zip bomb?); not read"
        )
        return 0
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
        sink.skip(where, f"cannot read this archive member: {exc}")
        return 0
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        sink.skip(where, f"damaged archive member: {exc}")
        return 0
    if not sink.charge(where, len(data)):
        return len(data)  # counted as not read by the next members' loop turns
    rel = "/".join(parts[len(common) :])
    sink.take(
        _parse(data, suffix, where, config),
        base=prefix + _strip_suffix(rel),
        alt=prefix + rel,
        path=where,
    )
    return len(data)


def _common_dirs(paths: list[list[str]]) -> list[str]:
    """The longest list of leading directory names shared by all ``paths``."""
    if not paths:
        return []
    common = paths[0][:-1]
    for parts in paths[1:]:
        dirs = parts[:-1]
        n = 0
        while n < len(common) and n < len(dirs) and common[n] == dirs[n]:
            n += 1
        common = common[:n]
        if not common:
            break
    return common


# -------------------------------------------------------------------- public readers


@dataclass(frozen=True, slots=True)
class _File:
    """A file to read: where it is, how it is shown and the id it would get."""

    path: Path
    display: str
    rel: str  # id with extension, relative to the given folder (or the file name)


def _walk(folder: str, rel: str, label: str, root: str, follow: bool) -> Iterator[_File | Skipped]:
    """Files under ``folder`` in name order, depth first; hidden entries are ignored,
    symlinked folders are not followed, nor (unless ``follow``) symlinked files whose
    target is outside ``root`` (the given folder, resolved); unreadable entries are
    reported."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(_join(label, rel) or folder, f"cannot list this folder: {exc.strerror}")
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        child = f"{rel}{entry.name}"
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, f"{child}/", label, root, follow)
            elif entry.is_symlink() and entry.is_dir():
                yield Skipped(
                    _join(label, child),
                    "symbolic link to a folder, not followed; give it as its own input",
                )
            elif entry.is_file():
                if entry.is_symlink() and not follow and not _inside(entry.path, root):
                    yield Skipped(
                        _join(label, child),
                        "symbolic link to a file outside the folder, not followed; give it "
                        "as its own input",
                    )
                else:
                    yield _File(Path(entry.path), _join(label, child), child)
            else:
                yield Skipped(_join(label, child), "not a regular file")
        except OSError as exc:
            yield Skipped(_join(label, child), f"cannot read: {exc.strerror}")


def _inside(path: str, root: str) -> bool:
    """Whether ``path`` resolves (through links) to a place inside the folder ``root``
    (already resolved)."""
    target = os.path.realpath(path)
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _join(label: str, rel: str) -> str:
    """``label/rel`` (just ``rel`` without a label)."""
    return f"{label}/{rel}" if label else rel


def read_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: IngestConfig = _DEFAULT_CONFIG,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Read files and folders (recursively) into documents.

    Never raises for a bad input: each one becomes a :class:`~natojp.models.Skipped`
    with a reason. Hidden files and folders (``.git``, ``.DS_Store``, ``__MACOSX``) are
    ignored; ``manifest.toml`` files are collected in ``manifest_paths``. ``progress``
    is called with (files done, files in total) after each file.
    """
    if isinstance(paths, str | os.PathLike):  # a lone path, not a sequence of paths
        paths = [paths]
    sink = _Sink(config)
    # Files (with the id prefix of an archive found in a folder) and, in input order,
    # the inputs already known to be unreadable.
    work: list[tuple[_File, str] | Skipped] = []
    for given in paths:
        raw = os.fspath(given)
        path = Path(raw)
        try:
            if not raw or not path.exists():
                work.append(Skipped(raw, "no such file or folder"))
            elif path.is_dir():
                label = path.name or path.resolve().name
                root = os.path.realpath(raw)
                for f in _walk(raw, "", label, root, config.follow_symlinks):
                    work.append(f if isinstance(f, Skipped) else (f, _strip_suffix(f.rel) + "/"))
            elif path.is_file():
                work.append((_File(path, raw, path.name), ""))
            else:
                work.append(Skipped(raw, "not a regular file or folder"))
        except OSError as exc:
            work.append(Skipped(raw, f"cannot read: {exc.strerror or exc}"))
    total = sum(1 for w in work if not isinstance(w, Skipped))
    done = 0
    seen: dict[str, str] = {}
    for item in work:
        if isinstance(item, Skipped):
            sink.skipped.append(item)
            continue
        f, zip_prefix = item
        if sink.capped:
            sink.not_read += 1
        else:
            real = os.path.realpath(f.path)
            first = seen.get(real)
            if first is not None:
                sink.skip(f.display, f"same file as {first}; read once")
            else:
                seen[real] = f.display
                with sink.isolated(f.display):
                    _read_one(f, zip_prefix, sink, config)
        done += 1
        if progress is not None:
            progress(done, total)
    return sink.result()


def _read_one(f: _File, zip_prefix: str, sink: _Sink, config: IngestConfig) -> None:
    """Read one file of the batch into ``sink`` (an archive member by member)."""
    suffix = f.path.suffix.lower()
    if f.path.name.lower() == MANIFEST_NAME:
        sink.manifests.append(f.path)
        return
    if suffix not in SUPPORTED_SUFFIXES:
        sink.skip(f.display, _unsupported(suffix))
        return
    try:
        if suffix == _ARCHIVE:
            _read_zip(f.path, f.display, zip_prefix, sink, config)
            return
        size = f.path.stat().st_size
        if size > config.max_file_bytes:
            sink.skip(f.display, _too_large(size, config.max_file_bytes))
            return
        if not sink.charge(f.display, size):
            return
        with f.path.open("rb") as stream:
            data = _read_limited(stream, config.max_file_bytes)
    except _LimitError:
        sink.skip(f.display, _too_large(config.max_file_bytes + 1, config.max_file_bytes))
        return
    except OSError as exc:
        sink.skip(f.display, f"cannot read: {exc.strerror or exc}")
        return
    sink.take(
        _parse(data, suffix, f.display, config),
        base=_strip_suffix(f.rel),
        alt=f.rel,
        path=f.display,
    )


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


def safe_upload_name(name: str) -> str:
    """The base name of an uploaded file's name, safe to show and to use in an id.

    Directories (``/`` or ``\\``), ``..``, NULs and control or invisible formatting
    characters are removed; the result is never a path and is never used as one.
    """
    cleaned = "".join(ch for ch in _UNSAFE_NAME.sub("", name) if ch.isprintable())
    base = cleaned.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if base in ("", ".", ".."):
        return "upload"
    return base[:255]


def read_uploads(
    files: Iterable[tuple[str, bytes]], config: IngestConfig = _DEFAULT_CONFIG
) -> IngestResult:
    """Read uploaded files given as (name as the browser sent it, content) pairs.

    Names are untrusted: only their base name is used (see :func:`safe_upload_name`),
    for ids and display, never as a path. A zip upload's members get ids relative to
    their common folder, as for a zip given directly to :func:`read_paths`.

    Two uploads with the same name and content are read once; with the same name and
    different content both are read, the later with an id ending ``~2`` (``~3``...) and
    a note saying so. Never raises for a bad input.
    """
    sink = _Sink(config)
    seen: dict[str, set[bytes]] = {}
    for raw_name, data in files:
        name = safe_upload_name(raw_name)
        if sink.capped:
            sink.not_read += 1
            continue
        suffix = _suffix(name)
        digest = hashlib.sha256(data).digest()
        earlier = seen.setdefault(name, set())
        duplicate = bool(earlier)
        if digest in earlier:
            sink.skip(name, "uploaded twice (same name and content); read once")
            continue
        earlier.add(digest)
        if name.lower() == MANIFEST_NAME:
            sink.skip(
                name,
                "an uploaded manifest is not applied to uploads; use it with the CLI "
                "(--manifest) or beside the articles in a folder",
            )
        elif _is_hidden(name):
            sink.skip(name, "hidden or system file, not an article")
        elif suffix not in SUPPORTED_SUFFIXES:
            sink.skip(name, _unsupported(suffix))
        elif suffix == _ARCHIVE:
            prefix = f"{_strip_suffix(name)}~{len(earlier)}/" if duplicate else ""
            with sink.isolated(name):
                _read_zip(data, name, prefix, sink, config)
        elif len(data) > config.max_file_bytes:
            sink.skip(name, _too_large(len(data), config.max_file_bytes))
        elif sink.charge(name, len(data)):
            note = (
                f"another uploaded file is also named {name!r}; this one is upload "
                f"{len(earlier)} of that name and its id has a ~ suffix",
            )
            sink.take(
                _parse(data, suffix, name, config),
                base=_strip_suffix(name),
                alt=None if duplicate else name,
                path=name,
                notes=note if duplicate else (),
            )
    return sink.result()
