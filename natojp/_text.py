"""Text primitives shared by the analysis modules: normalisation, sentences, tokens.

Words of scripts written without spaces
---------------------------------------
Latin, Cyrillic, Greek, Korean... text is cut into words by a regular expression
(:func:`tokens`). Japanese and Chinese put no spaces between words, so a run of
Chinese characters and kana (:data:`CJK` characters) is one ``\\w+`` match, a whole
clause. Such runs are cut by a morphological analyser (:func:`segment`):
`SudachiPy <https://pypi.org/project/SudachiPy/>`_ with the ``sudachidict-core``
dictionary (both wheels on PyPI, nothing downloaded at run time), split mode C (the
longest units: 防衛省, 抑止力), loaded on the first CJK text, one tokenizer per
thread. Chinese (``language="zh"``) gets character bigrams instead: a Japanese
dictionary does not know Chinese words. Without SudachiPy, Japanese falls back to
character bigrams too (with a warning).

Measured on our own Japanese news-style texts (2,300 characters: a policy story, a
lightly edited copy, a story of the same field and three unrelated stories that
share news formulae) on the project machine, tokens for duplicates (word 4-gram
shingles) with each candidate:

=====================  ==============  =============  ========  ==============  =============
analyser               ms/1,000 chars  download, MB   disk, MB  RSS loaded, MB  edited copy
=====================  ==============  =============  ========  ==============  =============
janome 0.5.1           38.6            19.7           203       80              6/6, 115 sh.
sudachipy 0.7 + core   2.0             1.8 + 76.9     5 + 193   85              6/6, 110 sh.
fugashi 1.5 + unidic   1.7             0.7 + 47.4 *   1 + 249   8               6/6, 118 sh.
character bigrams      0.8             0              0         0               6/6, 189 sh.
=====================  ==============  =============  ========  ==============  =============

(* unidic-lite is a source archive only, built at install.) "Edited copy": sentences
of the lightly edited copy found as candidates (2+ shared shingles) / all, and
shingles shared. All three analysers find every edited sentence and make no
candidate between unrelated stories except one pair that verification rejects
(6 aligned words, 35% of the sentence). Character bigrams find the copy as well but
make more chance candidates between unrelated stories (an 11-"token" alignment
from news formulae against 6 for the analysers) and count characters, not words,
against the word thresholds of :class:`~natojp.config.DuplicateConfig`. janome is
20 times slower. SudachiPy was chosen over fugashi for its maintained dictionary
(2026 against UniDic 2.1.2 of 2013), wheel-only install and longer units (better
TF-IDF terms); fugashi is 20% faster and lighter in memory.
"""

from __future__ import annotations

import importlib
import itertools
import re
import threading
import unicodedata
import warnings
from typing import Any

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
_ASCII_WORD = re.compile(r"\w+")
# _WORD_SPAN on ASCII text (where ’ and the Unicode hyphens cannot occur), as an
# explicit class, which is matched faster than \w; the group makes split() keep the
# words: separator, word, separator, ..., separator.
_ASCII_WORD_SPLIT = re.compile(r"([0-9A-Za-z_]+(?:[-'][0-9A-Za-z_]+)*)")
_DROP_ASCII_JOINERS = str.maketrans("", "", "-'")
# The same on lower-cased ASCII text (for tokens).
_LOWER_WORD = re.compile(r"[0-9a-z_]+")
_LOWER_WORD_SPAN = re.compile(r"[0-9a-z_]+(?:[-'][0-9a-z_]+)*")

CJK = (
    "\u3005\u3007\u303b"  # 々 〇 〻
    "\u3040-\u30ff\u31f0-\u31ff"  # hiragana, katakana (with ー), katakana extension
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs: ext. A, unified, compat.
    "\uff66-\uff9f"  # half-width katakana
    "\U00020000-\U0003134f"  # CJK ideographs, extensions B to G
)
"""Characters of scripts written without spaces between words (a regex class body)."""
_CJK = re.compile(f"[{CJK}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
# One range from the first to the last CJK code point: a cheaper first test (other
# scripts above U+3005, e.g. Korean or full-width Latin, then meet the exact class).
_CJK_SPAN = re.compile("[\u3005-\U0003134f]")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff9d]")
_MAX_RUN = 8_000  # characters given to SudachiPy at once: its limit is 49,149 UTF-8 bytes


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a character of a script written without spaces (:data:`CJK`).

    Cheap on other text: ASCII is answered at once, and a one-range search rules out
    text whose characters all lie below the CJK blocks (0.7 µs for a 150-character
    sentence; the exact class takes 1.1 µs, ``max`` 2.7 µs).
    """
    return (
        not text.isascii() and _CJK_SPAN.search(text) is not None and _CJK.search(text) is not None
    )


def has_kana(text: str) -> bool:
    """Whether ``text`` has hiragana or katakana, which only Japanese is written with."""
    return not text.isascii() and _KANA.search(text) is not None


class _JapaneseAnalyser:
    """SudachiPy (core dictionary, split mode C): one dictionary for the process, one
    tokenizer per thread (a tokenizer is not safe to share), loaded on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()
        self._dictionary: Any = None
        self._mode: Any = None
        self.available: bool | None = None  # None: not tried yet

    def _tokenizer(self) -> Any:
        tokenizer = getattr(self._local, "tokenizer", None)
        if tokenizer is None:
            with self._lock:
                if self._dictionary is None:
                    sudachipy = importlib.import_module("sudachipy")
                    self._dictionary = sudachipy.Dictionary(dict="core")
                    self._mode = sudachipy.SplitMode.C
            tokenizer = self._dictionary.tokenizer(mode=self._mode, fields=set())
            self._local.tokenizer = tokenizer
        return tokenizer

    def spans(self, run: str) -> list[tuple[int, int]] | None:
        """Word spans of ``run``, or None when SudachiPy or its dictionary is missing."""
        if self.available is False:
            return None
        try:
            tokenizer = self._tokenizer()
        except Exception as exc:  # ImportError, or a dictionary that does not load
            self.available = False
            warnings.warn(
                f"Japanese text is cut into character bigrams: the analyser SudachiPy "
                f"with sudachidict-core could not be loaded ({exc})",
                RuntimeWarning,
                stacklevel=4,
            )
            return None
        self.available = True
        out: list[tuple[int, int]] = []
        for start in range(0, len(run), _MAX_RUN):
            out += [
                (start + m.begin(), start + m.end())
                for m in tokenizer.tokenize(run[start : start + _MAX_RUN])
            ]
        return out


_JAPANESE = _JapaneseAnalyser()


def _bigram_spans(run: str) -> list[tuple[int, int]]:
    """Character bigrams of the CJK parts of ``run``; its other parts stay whole words."""
    out: list[tuple[int, int]] = []
    last = 0
    for m in _CJK_RUN.finditer(run):
        if m.start() > last:
            out.append((last, m.start()))
        lo, hi = m.span()
        out += [(i, i + 2) for i in range(lo, hi - 1)] if hi - lo > 1 else [(lo, hi)]
        last = hi
    if last < len(run):
        out.append((last, len(run)))
    return out


def segment(run: str, language: str | None = None) -> list[tuple[int, int]]:
    """Spans of the words of ``run``, a run of word characters with :data:`CJK` in it.

    Japanese (and any language but Chinese, e.g. ``None``): SudachiPy's words; Chinese
    (``"zh"``): character bigrams (see the module docstring).
    """
    if not (language and language.lower().startswith("zh")):
        spans = _JAPANESE.spans(run)
        if spans is not None:
            return spans
    return _bigram_spans(run)


def _cjk_word(
    word: str, offset: int, language: str | None, toks: list[str], spans: list[tuple[int, int]]
) -> None:
    """Append the tokens of ``word`` (a word match with CJK in it) and their spans."""
    for run_match in _ASCII_WORD.finditer(word):  # joiners between parts are dropped
        run = run_match.group()
        base = offset + run_match.start()
        if _CJK.search(run) is None:
            toks.append(unicodedata.normalize("NFKC", run).lower())
            spans.append((base, base + len(run)))
            continue
        for lo, hi in segment(run, language):
            toks.append(unicodedata.normalize("NFKC", run[lo:hi]).lower())
            spans.append((base + lo, base + hi))


def _ascii_token_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """:func:`token_spans` of ASCII text, where NFKC changes nothing and no CJK occurs:
    one regex split, the spans from the running sum of the pieces' lengths, the tokens
    from the words joined, lower-cased and stripped of joiners at once (words hold no
    space). A third faster than a match object per word (gen10k paragraphs)."""
    words, spans = ascii_word_spans(text)
    if not words:
        return [], []
    return " ".join(words).lower().translate(_DROP_ASCII_JOINERS).split(" "), spans


def ascii_word_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The words of ASCII ``text`` as written (case and joiners kept: ``Japan's``) and
    their spans, the spans of :func:`token_spans`: ``text[start:end]`` for each span,
    without slicing the text again. ``text`` must be ASCII."""
    parts = _ASCII_WORD_SPLIT.split(text)
    if len(parts) == 1:
        return [], []
    ends = list(itertools.accumulate(map(len, parts)))
    return parts[1::2], list(zip(ends[0:-1:2], ends[1::2], strict=True))  # (start, end)


def token_spans(text: str, language: str | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """Lower-case word tokens of ``text`` and their character spans in ``text``.

    Hyphens and apostrophes inside words are dropped, so ``non-classified`` and
    ``nonclassified`` (or ``Japan's`` and ``Japans``) compare equal. Tokens are NFKC
    normalised (full-width ``ＮＡＴＯ`` is ``nato``, half-width katakana full-width).
    Runs of :data:`CJK` characters are cut into words by :func:`segment`, whatever
    ``language`` says (an English article may quote a Japanese name); ``language`` (ISO
    639-1) picks the segmenter for them. Text without CJK gives the same tokens for
    every language.
    """
    if text.isascii():
        return _ascii_token_spans(text)
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    cjk = has_cjk(text)
    for m in _WORD_SPAN.finditer(text):
        if cjk and _CJK.search(m.group()) is not None:
            _cjk_word(m.group(), m.start(), language, toks, spans)
            continue
        toks.append(unicodedata.normalize("NFKC", _JOINER_CHARS.sub("", m.group())).lower())
        spans.append(m.span())
    return toks, spans


def tokens(text: str, language: str | None = None) -> list[str]:
    """Lower-case word tokens for comparing wording across sources (see :func:`token_spans`).

    For ASCII text (where NFKC changes nothing) one regex pass over the lower-cased text
    gives the same tokens several times faster (an explicit class, faster than ``\\w``).
    """
    if not text.isascii():
        return token_spans(text, language)[0]
    low = text.lower()
    if "-" in text or "'" in text:
        # Words with their joiners, joined and split again without them (words hold no
        # space): one pass, where removing the joiners first is a second.
        return " ".join(_LOWER_WORD_SPAN.findall(low)).translate(_DROP_ASCII_JOINERS).split()
    toks: list[str] = _LOWER_WORD.findall(low)
    return toks


_ABBREVIATION_WORDS = """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon
no nos vs etc inc ltd corp co jan feb mar apr jun jul aug sep sept oct nov dec fig al approx
dept est govt intl mt ft pres u.s u.k u.n e.g i.e a.m p.m"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# A sentence ends at . ! ? or … (with closing quotes/brackets) followed by space and
# something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


# Japanese and Chinese sentences end at 。！？ (no space follows), with the closing
# brackets and quotes after it; one inside brackets (「…した。」と述べた) does not end one.
_CJK_STOP_CHARS = "。！？｡"
_CJK_OPENING = "「『（〔【〈《｢(["
_CJK_CLOSING = "」』）〕】〉》｣)]"
_CJK_MARK = re.compile(
    f"[{re.escape(_CJK_OPENING)}]"  # an opening bracket
    f"|[{re.escape(_CJK_CLOSING)}]"  # a closing bracket
    f"|[{_CJK_STOP_CHARS}][{_CJK_STOP_CHARS}!?]*"  # a stop, e.g. ！？
)
_CJK_TAIL = re.compile(f"[{re.escape(_CJK_CLOSING)}\"'”’]*")
_QUOTATIVE = ("と", "っ")  # 「…。」と述べた, 「…。」って: the quote is inside the sentence


def _cjk_pieces(line: str, *, brackets: bool = True) -> list[str]:
    """``line`` cut after each 。！？ (and the closing brackets and quotes right after
    it) outside brackets, and after a bracket that closes right after one (「…。」)
    unless a quotative particle follows; after every stop when ``brackets`` is False
    or the line's brackets do not balance."""
    pieces: list[str] = []
    depth = start = 0
    for m in _CJK_MARK.finditer(line):
        mark = m.group()
        if mark in _CJK_OPENING:
            depth += brackets
        elif mark in _CJK_CLOSING:
            depth = max(0, depth - 1)
            if depth == 0 and m.start() > start and line[m.start() - 1] in _CJK_STOP_CHARS:
                end = _CJK_TAIL.match(line, m.end()).end()  # type: ignore[union-attr]
                if end < len(line) and not line.startswith(_QUOTATIVE, end):
                    pieces.append(line[start:end])
                    start = end
        elif depth == 0:
            end = _CJK_TAIL.match(line, m.end()).end()  # type: ignore[union-attr]
            pieces.append(line[start:end])
            start = end
    if depth and brackets:
        return _cjk_pieces(line, brackets=False)
    pieces.append(line[start:])
    return pieces


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences.

    A rule-based splitter: cheap enough for 100,000 articles and good on news prose.
    Line breaks always end a sentence; a full stop after a known abbreviation
    (``Dr.``, ``U.S.``) or a single initial (``J.``) does not. Japanese and Chinese
    sentences end at 。！？ outside brackets, with no space needed after them.
    """
    out: list[str] = []
    ascii_text = text.isascii()  # no CJK stop in ASCII text
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        # Four substring tests (one per _CJK_STOP_CHARS) are 20 times cheaper than a regex.
        cjk = not ascii_text and ("。" in line or "！" in line or "？" in line or "｡" in line)
        for piece in _cjk_pieces(line) if cjk else (line,):
            piece = piece.strip()
            if not piece:
                continue
            # Spaced scripts: . ! ? … followed by a space and a capital or a digit.
            start = 0
            for m in _BOUNDARY.finditer(piece):
                end = m.start()
                # Only a full stop can end an abbreviation or an initial: the word before
                # it (its last character is piece[end]) is only looked at then.
                if end > start and piece[end] == ".":
                    word = piece[max(0, end - 12) : end + 1].split()[-1]
                    stem = word.rstrip(".").lstrip("\"'“‘(").lower()
                    if stem in _ABBREVIATIONS or len(stem) == 1:
                        continue
                sentence = piece[start : m.end()].strip()
                if sentence:
                    out.append(sentence)
                start = m.end()
            rest = piece[start:].strip()
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
