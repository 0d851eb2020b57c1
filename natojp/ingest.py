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
    main text and metadata extracted with trafilatura; paragraphs one per line.
``.csv .tsv``, ``.jsonl .ndjson``, ``.json``
    one document per row / line / object, fields found by column or key name (see
    :data:`FIELD_ALIASES`; :class:`~natojp.config.ColumnMap` overrides them).
``.sgm .sgml``
    Reuters-21578 SGML: one document per ``<REUTERS>`` story that has a ``<BODY>``.
``.zip``
    every member read by the readers above (nested archives are not opened).

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
import json
import os
import re
import string
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
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
_DROP_ESCAPED = dict.fromkeys(range(0xDC80, 0xDD00))
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _mixed_utf8(data: bytes) -> tuple[str, int, int] | None:
    """Mostly-UTF-8 bytes with some that are not: (text with those bytes read as
    Windows-1252, number of such bytes, line of the first), else None.

    Mostly UTF-8 means at least as many bytes in valid multi-byte UTF-8 sequences as
    invalid bytes, which Latin-1 or CJK files almost never give by chance.
    """
    escaped = data.decode("utf-8", "surrogateescape")
    first = _ESCAPED_BYTE.search(escaped)
    if first is None:
        return None
    bad = len(escaped) - len(escaped.translate(_DROP_ESCAPED))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high - bad < bad:
        return None
    head = escaped[: first.start()]
    line = head.count("\n") + head.replace("\r\n", "\n").count("\r") + 1
    return escaped.translate(_SURROGATE_BYTES), bad, line


def _mixed_note(data: bytes) -> str:
    """The article note of a file read as :data:`MIXED_ENCODING`."""
    mixed = _mixed_utf8(data)
    count, line = (mixed[1], mixed[2]) if mixed else (0, 0)
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
    return _decode(data, path=path)


def _decode(
    data: bytes, *, path: str, declared: str | None = None, fallback: str | None = None
) -> tuple[str, str]:
    """:func:`decode_bytes` with a ``declared`` charset (HTML) tried after UTF-8, and a
    ``fallback`` encoding that replaces guessing (Reuters SGML is Latin-1)."""
    if not data.strip():
        raise InputError(
            "empty file (0 bytes)" if not data else "empty file (only whitespace)", path=path
        )
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the file starts with a {name} byte-order mark but is not valid {name}"
                    f" (byte {exc.start}); re-save it as UTF-8",
                    path=path,
                ) from None
            break
    if text is None and b"\x00" in data:
        text, encoding = _decode_bomless_utf16(data, path=path)
    if text is None:
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
        if controls > _MAX_CONTROL_SHARE * len(data):
            raise _binary(data, path)
        text, encoding = _decode_8bit(data, path=path, declared=declared, fallback=fallback)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file (only whitespace)", path=path)
    controls = len(text) - len(text.translate(_CONTROL_CHARS))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise _binary(data, path)
    return text, encoding


def _decode_bomless_utf16(data: bytes, *, path: str) -> tuple[str, str]:
    """UTF-16 text without a byte-order mark (every other byte NUL), else binary."""
    half = len(data) // 2
    if half >= 2 and len(data) % 2 == 0:
        even_nul, odd_nul = data[0::2].count(0), data[1::2].count(0)
        name = None
        if odd_nul > 0.4 * half and even_nul < 0.05 * half:
            name = "utf-16-le"
        elif even_nul > 0.4 * half and odd_nul < 0.05 * half:
            name = "utf-16-be"
        if name is not None:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    raise _binary(data, path)


def _decode_8bit(
    data: bytes, *, path: str, declared: str | None, fallback: str | None
) -> tuple[str, str]:
    """Decode bytes without a byte-order mark or NULs: UTF-8, declared, fallback, guess."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if fallback is None:
        mixed = _mixed_utf8(data)
        if mixed is not None:
            return mixed[0], MIXED_ENCODING
    if declared is not None:
        name = _LABEL_ALIASES.get(re.sub(r"[\W_]", "", declared.lower()), declared)
        try:
            codec = codecs.lookup(name).name
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label: fall through to guessing
    if fallback is not None:
        return data.decode(fallback), fallback
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        pass  # bytes cp1252 leaves undefined: not Western text
    else:
        if _looks_western(western[:_WESTERN_SAMPLE]):
            return western, "cp1252"
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=list(_GUESS_CANDIDATES)).best()
    if best is None:
        raise _binary(
            data,
            path,
            "binary file, not text (no text encoding fits; if it is text, save it as UTF-8)",
        )
    return str(best), str(best.encoding)


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
    """One document found by a reader; ``key`` is the row part of its id (None: whole file)."""

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


_Item = _Doc | Skipped


def _parse(data: bytes, suffix: str, path: str, config: IngestConfig) -> Iterator[_Item]:
    """Documents (and skipped rows) in one file's bytes; a mixed-encoding note added."""
    note: tuple[str, ...] | None = None
    for item in _parse_format(data, suffix, path, config):
        if isinstance(item, _Doc) and item.encoding == MIXED_ENCODING:
            if note is None:
                note = (_mixed_note(data),)
            item = replace(item, notes=item.notes + note)
        yield item


def _parse_format(data: bytes, suffix: str, path: str, config: IngestConfig) -> Iterator[_Item]:
    """Documents (and skipped rows) in one file's bytes, by the reader for ``suffix``."""
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise UnsupportedFormatError(_unsupported(suffix), path=path)
    if fmt == "html":
        yield _read_html(data, path)
        return
    if fmt == "sgml":
        yield from _read_sgml(data, path)
        return
    text, encoding = decode_bytes(data, path=path)
    if fmt == "txt":
        yield _Doc(None, text, fmt, encoding, line_numbers=True)
    elif fmt == "md":
        yield _read_markdown(text, encoding, path)
    elif fmt in ("csv", "tsv"):
        yield from _read_csv(text, fmt, encoding, path, config)
    elif fmt == "jsonl":
        yield from _read_jsonl(text, encoding, path, config.columns)
    else:
        yield from _read_json(text, encoding, path, config.columns)


def _unsupported(suffix: str) -> str:
    """The reason for skipping a file whose type is not read."""
    shown = suffix or "(no extension)"
    return f"unsupported file type {shown}; natojp reads {_SUPPORTED_LIST}"


_FRONT_MATTER_LINE = re.compile(r"\s*(?:#.*|-\s.*|[\w.\- ]+\s*:.*|)|\s+.*")
_KEY_VALUE = re.compile(r"([\w.\- ]+?)\s*:\s*(.*)")


def _read_markdown(text: str, encoding: str, path: str) -> _Doc:
    """Markdown with an optional front-matter block (blanked out, lines kept)."""
    lines = text.split("\n")
    fields: dict[str, str] = {}
    if lines and lines[0].rstrip() == "---":
        end = next(
            (i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")),
            None,
        )
        block = lines[1:end] if end is not None else []
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
            text = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
            if not text.strip():
                raise InputError("no text after the front matter", path=path)
    return _Doc(
        None,
        text,
        "md",
        encoding,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        published=fields.get("date"),
        url=fields.get("url"),
        line_numbers=True,
    )


def _read_html(data: bytes, path: str) -> _Doc:
    """Main text and metadata of a web page, extracted by trafilatura."""
    text, encoding = _decode(data, path=path, declared=_declared_charset(data))
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
        raise InputError(
            "no article text found in this HTML page (is it an index or script-only page?)",
            path=path,
        )

    def meta(name: str) -> str | None:
        value = _doc_value(doc, name)
        return _as_field(value) if value else None

    return _Doc(
        None,
        body,
        "html",
        encoding,
        title=meta("title"),
        outlet=meta("sitename"),
        published=meta("date"),
        url=meta("url"),
    )


def _doc_value(doc: object, name: str) -> str | None:
    """A string field of trafilatura's result (a ``Document``, or a dict in some versions)."""
    value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
    return value if isinstance(value, str) else None


_DELIMITERS = ",;\t|"


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
    """Let one CSV cell be as large as a whole file may be (the default is 128 KB)."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _read_csv(
    text: str, fmt: str, encoding: str, path: str, config: IngestConfig
) -> Iterator[_Item]:
    """One document per data row; cells may hold quoted newlines."""
    _raise_field_limit(max(config.max_file_bytes, 1 << 20))
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next((row for row in reader if any(c.strip() for c in row)), None)
    except csv.Error as exc:
        raise InputError(f"unreadable CSV header: {exc}", path=path, line=reader.line_num) from None
    if header is None:
        raise InputError("empty file", path=path)
    header = [h.strip() for h in header]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    fields = _map_fields(header, config.columns, kind="column", path=path)
    if "text" not in fields:
        yield _no_text_field(header, kind="column", path=path, line=reader.line_num)
        return
    text_col = header[fields["text"]]
    width = len(header)
    n = 0
    start = reader.line_num + 1
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
        line, start = start, reader.line_num + 1
        last = (line, reader.line_num)
        if not any(c.strip() for c in row):
            continue  # blank line: not a data row
        n += 1
        notes: tuple[str, ...] = ()
        if len(row) < width:
            row += [""] * (width - len(row))
        elif len(row) > width and fields["text"] == width - 1:
            # Unquoted delimiters in the text, the last column: join them back.
            row[width - 1 :] = [delimiter.join(row[width - 1 :])]
            if width > 1:
                notes = (
                    f"row {n} (line {line}) has unquoted {_DELIMITER_NAMES[delimiter]}s in its "
                    "text, the last column; they were kept as text",
                )
        elif len(row) > width:
            notes = (
                f"row {n} (line {line}) has {len(row)} cells but the header has {width}; "
                "the extra cells were ignored",
            )
            if ragged is None:
                ragged = (n, line)
            ragged_rows += 1

        body = row[fields["text"]].strip()
        if not body:
            yield Skipped(path, f"row {n}: empty text in column {text_col!r}", line)
            continue
        yield _Doc(
            str(n),
            body,
            fmt,
            encoding,
            title=_cell(row, fields, "title"),
            outlet=_cell(row, fields, "outlet"),
            published=_cell(row, fields, "date"),
            url=_cell(row, fields, "url"),
            notes=notes,
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
    if last is not None and last[1] > last[0] and _unterminated_quote(text, last[0], delimiter):
        yield Skipped(
            path,
            f"unterminated quote: the row starting on line {last[0]} runs to the end of the "
            f"file (line {last[1]}), so any rows after it were read as its text; "
            f"check the quotes on line {last[0]}",
            last[0],
        )


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def _unterminated_quote(text: str, line: int, delimiter: str) -> bool:
    """True when the CSV row starting on ``line`` (1-based) ends inside a quoted field."""
    rest = io.StringIO(text, newline="")
    for _ in range(line - 1):
        rest.readline()
    try:
        for _ in csv.reader(rest, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


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


def _json_kind(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    return {
        dict: "object",
        list: "list",
        str: "string",
        bool: "boolean",
        int: "number",
        float: "number",
    }.get(type(value), "null" if value is None else type(value).__name__)


def _object_items(
    entries: Iterable[tuple[int, Any] | Skipped],
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
    ``Skipped`` entries (e.g. unparsable lines) are passed through.
    """
    mapper = _RowMapper(columns, path)
    mapped = False
    for entry in entries:
        if isinstance(entry, Skipped):
            yield entry
            continue
        n, obj = entry
        line = n if jsonl else None
        if not isinstance(obj, dict):
            kind = _json_kind(obj)
            what = f"line {n} holds" if jsonl else f"item {n} is"
            yield Skipped(path, f"{what} a JSON {kind}, not an object", line)
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
            yield Skipped(path, f"{'line' if jsonl else 'item'} {n}: no text {where}", line)
            continue
        yield doc
    return mapped


def _jsonl_values(text: str, path: str) -> Iterator[tuple[int, Any] | Skipped]:
    """(line number, value) of each non-blank line, or why the line is not JSON."""
    for lineno, raw in enumerate(io.StringIO(text, newline="\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(
                path, f"invalid JSON on line {lineno}, column {exc.colno}: {exc.msg}", lineno
            )
        except RecursionError:
            yield Skipped(path, f"JSON on line {lineno} is nested too deeply to read", lineno)
        except ValueError as exc:
            yield Skipped(path, f"invalid JSON on line {lineno}: {exc}", lineno)


def _read_jsonl(text: str, encoding: str, path: str, columns: ColumnMap) -> Iterator[_Item]:
    """One document per line holding a JSON object; blank lines are ignored."""
    values = _jsonl_values(text, path)
    found = yield from _object_items(
        values, jsonl=True, encoding=encoding, path=path, columns=columns
    )
    if not found:
        yield Skipped(path, "no JSON objects in this file")


def _read_json(text: str, encoding: str, path: str, columns: ColumnMap) -> Iterator[_Item]:
    """A list of article objects, an object holding such a list, or one article object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON on line {exc.lineno}, column {exc.colno}: {exc.msg}",
            path=path,
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise InputError("the JSON is nested too deeply to read", path=path) from None
    except ValueError as exc:
        raise InputError(f"invalid JSON: {exc}", path=path) from None
    rows: list[Any] | None = None
    if isinstance(data, list):
        rows = data
    elif isinstance(data, dict):
        by_norm = {_norm_key(k): k for k in reversed(list(data))}
        for name in _JSON_CONTAINERS:
            key = by_norm.get(name)
            if key is not None and isinstance(data[key], list):
                rows = data[key]
                break
        if rows is None:
            keys = tuple(data)
            fields = _RowMapper(columns, path).fields(keys, strict=True)
            doc = _object_doc(data, fields, None, "json", encoding)
            if doc is not None:
                yield doc
            elif "text" in fields:
                yield Skipped(path, f"no text under key {fields['text']!r}")
            else:
                listed = ", ".join(repr(k) for k in keys) or "none"
                yield Skipped(
                    path,
                    "no list of articles (under " + "/".join(_JSON_CONTAINERS) + ") and no "
                    f"text key (keys: {listed}); name the key holding the article text with "
                    "ColumnMap(text=...) or the CLI option --text-column",
                )
            return
    else:
        raise InputError(
            f"the JSON holds a {_json_kind(data)}; expected a list of article objects, an object "
            "with such a list under " + "/".join(_JSON_CONTAINERS) + ", or one article object",
            path=path,
        )
    yield from _object_items(
        enumerate(rows, start=1), jsonl=False, encoding=encoding, path=path, columns=columns
    )
    if not rows:
        yield Skipped(path, "no articles in this JSON file (the list is empty)")


_REUTERS = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.DOTALL | re.IGNORECASE)
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


def _read_sgml(data: bytes, path: str) -> Iterator[_Item]:
    """Reuters-21578 SGML (not XML): one document per story with a BODY."""
    text, encoding = _decode(data, path=path, fallback="latin-1")
    stories = 0
    without_body = 0
    for stories, m in enumerate(_REUTERS.finditer(text), start=1):
        attrs, inner = m.group(1), m.group(2)

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
        newid = _NEWID.search(attrs)
        yield _Doc(
            newid.group(1) if newid else f"story{stories}",
            paragraphs,
            "sgml",
            encoding,
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
        and the cut is recorded both as a skip and as a note of the document.
        """
        file_id: str | None = None
        cap = self.config.max_article_chars
        try:
            for item in items:
                if isinstance(item, Skipped):
                    self.skipped.append(item)
                    continue
                if len(self.documents) >= self.config.max_articles:
                    self.capped_at, self.cap = path, "max_articles"
                    break
                if file_id is None:
                    file_id = self.claim(base, alt)
                doc_id = file_id if item.key is None else self.claim(f"{file_id}#{item.key}")
                text, doc_notes = item.text, item.notes + notes
                if len(text) > cap:
                    cut = _cut_point(text, cap)
                    line = text.count("\n", 0, cut + 1) + 1 if item.line_numbers else None
                    reason = _truncated(doc_id, len(text), cut, cap, line)
                    self.skip(path, reason, line)
                    text, doc_notes = text[:cut], (*doc_notes, reason)
                self.documents.append(
                    SourceText(
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
                )
        except InputError as exc:
            self.skip(exc.path or path, exc.message, exc.line)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

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
    """At most ``limit`` bytes of ``stream``; raise :class:`_LimitError` if there are more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _LimitError
    return data


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
        name = parts[-1]
        suffix = _suffix(name)
        if name.lower() == MANIFEST_NAME:
            sink.skip(
                where,
                "a manifest inside an archive is not applied; extract it beside the archive "
                "or pass it with --manifest",
            )
            continue
        if suffix == _ARCHIVE:
            sink.skip(where, "archive inside an archive not read; extract it first")
            continue
        if suffix not in _FORMATS:
            sink.skip(where, _unsupported(suffix))
            continue
        if info.file_size > config.max_file_bytes:
            sink.skip(where, _too_large(info.file_size, config.max_file_bytes))
            continue
        limit = min(config.max_file_bytes, budget)
        try:
            with zf.open(info) as stream:
                data = _read_limited(stream, limit)
        except _LimitError:
            if limit == budget:
                sink.skip(
                    display,
                    "archive unpacks to more than its directory says, over the cap of "
                    f"{_size(config.max_archive_bytes)} (max_archive_bytes; a zip bomb?); "
                    f"stopped reading at {where}; {how_to_raise('max_archive_bytes')}",
                )
                return
            sink.skip(
                where, "member unpacks to more bytes than its header says (a zip bomb?); not read"
            )
            continue
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
            sink.skip(where, f"cannot read this archive member: {exc}")
            continue
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            sink.skip(where, f"damaged archive member: {exc}")
            continue
        budget -= len(data)
        if not sink.charge(where, len(data)):
            continue  # counted as not read by the next members' loop turns
        rel = "/".join(parts[len(common) :])
        sink.take(
            _parse(data, suffix, where, config),
            base=prefix + _strip_suffix(rel),
            alt=prefix + rel,
            path=where,
        )


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


def _walk(folder: str, rel: str, label: str) -> Iterator[_File | Skipped]:
    """Files under ``folder`` in name order, depth first; hidden entries are ignored,
    symlinked folders are not followed and unreadable entries are reported."""
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
                yield from _walk(entry.path, f"{child}/", label)
            elif entry.is_symlink() and entry.is_dir():
                yield Skipped(
                    _join(label, child),
                    "symbolic link to a folder, not followed; give it as its own input",
                )
            elif entry.is_file():
                yield _File(Path(entry.path), _join(label, child), child)
            else:
                yield Skipped(_join(label, child), "not a regular file")
        except OSError as exc:
            yield Skipped(_join(label, child), f"cannot read: {exc.strerror}")


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
                for f in _walk(raw, "", label):
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
