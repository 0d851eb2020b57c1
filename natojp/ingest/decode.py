"""Decoding a file's bytes: byte-order marks, UTF-8, a declared or fallback encoding,
Windows-1252 for plausible Western text, charset-normalizer's guess, and UTF-8 with some
Windows-1252 bytes (:data:`MIXED_ENCODING`); binary data recognised by its signature.

Input over :data:`_WHOLE_BYTES` is decoded chunk by chunk: :class:`_Text` counts the
characters of a file without holding its text, and gives it piece by piece.
"""

from __future__ import annotations

import codecs
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass

from natojp.errors import InputError

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
