"""Text primitives shared by the analysis modules: normalisation, sentences, tokens."""

from __future__ import annotations

import re
import unicodedata

# Hyphen look-alikes that occur inside words in scraped text (U+2010 hyphen,
# U+2011 non-breaking hyphen, U+00AD soft hyphen is dropped). En/em dashes are
# punctuation, not hyphens, and are left alone.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u00ad": None})
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "′": "'"})


def normalise(text: str) -> str:
    """Unicode-normalise for matching: NFKC, hyphen look-alikes to ``-``, curly quotes to straight.

    One character in gives at most one character out except for NFKC compatibility
    forms (ligatures), so use the result for matching, not for offsets into the original.
    """
    return unicodedata.normalize("NFKC", text).translate(_HYPHENS).translate(_QUOTES)


_WORD_SPAN = re.compile(r"\w+(?:[-\u2010\u2011'’]\w+)*")
_JOINER_CHARS = re.compile(r"[-\u2010\u2011'’]")
_ASCII_JOINER = re.compile(r"(?<=\w)[-'](?=\w)")
_ASCII_WORD = re.compile(r"\w+")


def token_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Lower-case word tokens of ``text`` and their character spans in ``text``.

    Hyphens and apostrophes inside words are dropped, so ``non-classified`` and
    ``nonclassified`` (or ``Japan's`` and ``Japans``) compare equal.
    """
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD_SPAN.finditer(text):
        toks.append(unicodedata.normalize("NFKC", _JOINER_CHARS.sub("", m.group())).lower())
        spans.append(m.span())
    return toks, spans


def tokens(text: str) -> list[str]:
    """Lower-case word tokens for comparing wording across sources (see :func:`token_spans`).

    For ASCII text (where NFKC changes nothing) one regex pass over the lower-cased text
    gives the same tokens several times faster.
    """
    if not text.isascii():
        return token_spans(text)[0]
    low = text.lower()
    if "-" in text or "'" in text:
        low = _ASCII_JOINER.sub("", low)  # joiners between word characters
    toks: list[str] = _ASCII_WORD.findall(low)
    return toks


_ABBREVIATION_WORDS = """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon
no nos vs etc inc ltd corp co jan feb mar apr jun jul aug sep sept oct nov dec fig al approx
dept est govt intl mt ft pres u.s u.k u.n e.g i.e a.m p.m"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# A sentence ends at . ! ? or … (with closing quotes/brackets) followed by space and
# something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences.

    A rule-based splitter: cheap enough for 100,000 articles and good on news prose.
    Line breaks always end a sentence; a full stop after a known abbreviation
    (``Dr.``, ``U.S.``) or a single initial (``J.``) does not.
    """
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            end = m.start()
            word = line[max(0, end - 12) : end + 1].split()[-1] if end > start else ""
            stem = word.rstrip(".").lstrip("\"'“‘(").lower()
            if word.endswith(".") and (stem in _ABBREVIATIONS or len(stem) == 1):
                continue
            piece = line[start : m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out


def truncate_words(text: str, n: int) -> str:
    """The first ``n`` words of ``text``, with an ellipsis when cut."""
    words = text.split()
    if len(words) <= n:
        return text.strip()
    return " ".join(words[:n]).rstrip(",;:-–—") + "…"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$&:])")
# GitHub-flavoured Markdown turns bare URLs and e-mail addresses into links even when
# their punctuation is escaped; an invisible WORD JOINER (U+2060) where the pattern
# starts stops it: after "scheme:", after "www" and before "@".
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Escape ``text`` so Markdown renderers show it literally: no links (bare URLs and
    addresses included, see :data:`WORD_JOINER`), images, HTML, colours or maths."""
    text = _AUTOLINK.sub(WORD_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control, format and separator characters
    other than the space (newlines, ANSI escapes, bidirectional overrides) are shown
    as Python escapes (``\\n``, ``\\x1b``, ``\\u202e``), so a file name cannot forge
    output lines or restyle the terminal."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )
