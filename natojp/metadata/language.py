"""The language of an article's text: :func:`detect_language`.

Detection runs offline with `py3langid <https://pypi.org/project/py3langid/>`_ 0.4
(BSD-3-Clause; needs NumPy 2): a naive Bayes model over byte n-grams whose trained
model (``py3langid/data/model.npz.xz``, 4.6 MB) ships inside the wheel, so nothing is
downloaded at run time. The model is read once, on the first call, from the installed
package straight into memory (py3langid's own loader unpacks it into a temporary file;
this module writes no file and opens no connection) and kept for the life of the
process: 0.6 s and about 90 MB. The same text always gives the same guess.

Which languages
    The 114 languages of the model that have an ISO 639-1 code (``en``, ``it``,
    ``ja``...). Its other classes (ISO 639-3 varieties such as ``arz``, ``yue`` or
    ``pcm``) are left out, so a guess is always a two-letter code, and Egyptian Arabic
    is ``ar``.

Too short to tell
    ``None`` for a text of fewer than :data:`MIN_WORDS` (5) words. Words are runs of
    letters: digits, URLs, e-mail addresses and ``@handles`` do not count; Chinese and
    Japanese, written without spaces, count one word per two characters (kanji, kana).
    A headline of 5 to 12 words is usually right, but may come with a low
    ``confidence``: a caller that acts on the language should check it.

What is read
    A text of at most :data:`SAMPLE_BYTES` (192) UTF-8 bytes is read whole, after URLs
    and e-mail addresses are taken out; of a longer one, 96 bytes from its start and
    96 from its middle, so neither a dateline nor a quote in another language decides
    alone. So the time per article does not grow with its length.

Unsure: the words alone, read again
    When the model is less sure than :data:`SURE` (0.99) of a text it sampled, or than
    :data:`TOSS_UP` (0.5) of one it read whole, it reads the text again, a sample four
    times as large (768 bytes) of its words alone, and that guess stands: figures and
    codes (``3.07``, ``41,250,000``, ``MAY7``; digits inside a word of a script without
    spaces are taken out of it) and runs of three or more punctuation marks (``-----``,
    ``......``) are left out, and the rest is read in lower case. Figures are no
    language, and the model, trained on ordinary text, reads capitals badly: a wire
    story in capitals under a mixed-case dateline (``TOKYO, April 8 - THE DEFENCE
    MINISTRY SAID...``) or a table of figures with a note was guessed wrong or unsure.
    If fewer than :data:`MIN_WORDS` words are left, the text has too little language to
    tell: ``None``. A sure text is read once: 6 of the 2,225 BBC articles are read twice
    (as before), 2,944 of the 19,047 Reuters-21578 stories (tables of figures; 2,040
    before), with fewer bytes read in all (225 a story, 229 before). A first sample of
    160 bytes would read the BBC articles 10% faster with the same answers on BBC,
    Reuters and the fixtures, but gave a list of country names ``jv`` with confidence
    0.73: 192 stays.

    On Reuters-21578 this takes the stories left without a language (confidence
    below 0.5, see :data:`natojp.metadata.article.MIN_LANGUAGE_CONFIDENCE`) from 1,267
    to 600, and those of 50 words or more (figures counted) from 407 to 205 of 16,054:
    all but three are company results in abbreviations (``Shr 12 cts vs 9 cts / Net
    1,204,000 vs 915,000 / Revs ...``), under 256 bytes of words once the figures
    are set aside, as little as a headline; the three are lists of Brazilian places
    under a line in capitals. BBC News stays English for all 2,225, the test texts of
    every language right. Random letters, codes and lists of names stay below 0.5.

Still unsure: candidates and a prior
    A guess below :data:`UNSURE` (0.75) lists its candidates, the languages the model
    finds about as likely (at least a quarter of the best's probability, at most five),
    and :func:`settle_by_prior` takes the best of them that other evidence names:
    :func:`natojp.metadata.article.build_article` uses the languages of the outlet's
    country (:data:`COUNTRY_LANGUAGES`), with a note. The model is never overruled for a
    language it finds unlikely. On Reuters-21578 (outlet Reuters, registry country GB)
    this gives English to 585 more stories: of the 16,054 of 50 words or more, 201 of the
    205 without a language (company results in abbreviations, English first at about
    0.25 with Danish, Walloon or Occitan close behind) and the one guessed Tagalog (a
    list of Brazilian places under an English line in capitals: Tagalog 0.54, English
    0.31). Four stay without one: tables of prices under month abbreviations (``Mar
    --- Apr 149.25 ...``), where English is the eighth guess at a sixth of the best;
    they hold no language to tell. BBC News, the fixtures and the generated corpora
    are unchanged (their guesses are sure, or their outlets unknown).

Many texts at once
    py3langid walks its byte automaton one byte at a time in Python: most of the time
    of a guess. Within :func:`read_ahead` (the analysis wraps each batch of articles in
    it), the first samples of a batch of texts are walked together, one NumPy step per
    byte position for all of them, and each guess then reads its walk. The walk is the
    same: the same features in the same order, so the same guesses to the last bit;
    a text read again (unsure) is walked as before.

Why py3langid. Compared on this project's own test texts (``tests/metadata/
test_language.py``: an invented news text of 50-75 words in each of en, it, fr, de,
es, pt, nl, pl, tr, ru, uk, ar, ko, ja and zh; a headline of 5-12 words in each; and
fragments of 1-3 words) on the 2-core development machine, with other work running:

==============================  ===========  =========  ===============  ==============
detector                        50+ words    headlines  time per text    load, memory
==============================  ===========  =========  ===============  ==============
py3langid 0.4.0, this module    15/15        15/15      85-100 us,       0.6 s, 90 MB
  (114 languages, sampled)                              any length
py3langid 0.4.0, ``classify``   15/15        15/15      315 us (450 B),  0.7 s, 93 MB
  as shipped, whole text                                570 us (4 kB)
lingua 2.1.1, all 75            14/15: uk    15/15      2.1 ms (450 B),  lazy per
  languages                     as kk (1.0)             5.4 ms (4 kB)    language, 77 MB
lingua 2.1.1, only these 15     15/15        15/15      340 us (450 B),  lazy, 24 MB;
                                                        3.1 ms (4 kB)    389 MB loaded
==============================  ===========  =========  ===============  ==============

On the 2,225 BBC News articles this module says English for all, with confidence 0.99
or more, in 2.7% of the CPU time of the whole analysis of the same articles: about
3.5 s of the ~130 s an analysis of 100,000 articles takes (85-100 us an article).

lingua-language-detector 2.2.0, the newest, has no build for Python 3.11 on the
package index this project uses, so 2.1.1 was measured; its wheel is 96 MB installed
(py3langid: 4.5 MB). Restricted to a set of languages it
can no longer say "none of these" for the rest of the world's; over all languages it
was the slowest and wrong, with full confidence, on the Ukrainian text. py3langid's
own ``classify`` spends most of its time on NumPy float16 arithmetic (and its
language restriction leaves the table non-contiguous): this module keeps the table as
contiguous float32 for the languages it reports (46 MB), which makes scoring five
times faster, and samples long texts, which bounds py3langid's byte-by-byte walk.
"""

from __future__ import annotations

import contextlib
import functools
import io
import lzma
import re
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

__all__ = [
    "COUNTRY_LANGUAGES",
    "MIN_WORDS",
    "SAMPLE_BYTES",
    "SURE",
    "TOSS_UP",
    "UNSURE",
    "LanguageGuess",
    "detect_language",
    "load_language_model",
    "read_ahead",
    "settle_by_prior",
]

MIN_WORDS = 5
"""Fewer words than this (see the module docstring for how they count) give ``None``."""

SAMPLE_BYTES = 192
"""The model first reads at most this many UTF-8 bytes of a text: half from its start,
half from its middle."""

SURE = 0.99
"""Below this confidence, a longer text is read again with a sample four times as
large (:data:`SAMPLE_BYTES` x 4), and that guess is returned."""

TOSS_UP = 0.5
"""Below this confidence, a text that was read whole is read again, of its words alone:
reading it again adds no words, so only a guess no better than a toss-up is worth it."""

UNSURE = 0.75
"""Below this confidence a guess lists its :attr:`LanguageGuess.candidates`, so that a
caller with other evidence of the language can settle it (:func:`settle_by_prior`)."""

CANDIDATE_SHARE = 0.25
"""A candidate of an unsure guess has at least this share of the best guess's
probability (at most :data:`MAX_CANDIDATES` are listed)."""

MAX_CANDIDATES = 5

_MODEL_RESOURCE = "data/model.npz.xz"


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A detected language: ``code`` (ISO 639-1, such as ``"it"``) and the model's
    ``confidence`` in it, from 0 to 1 (its probability among the languages it knows).

    ``candidates``: when the confidence is below :data:`UNSURE`, the languages the model
    finds about as likely, best first, with their probabilities (the guess itself
    first; each at least :data:`CANDIDATE_SHARE` of its probability; at most
    :data:`MAX_CANDIDATES`); empty for a surer guess. It takes no part in equality.
    """

    code: str
    confidence: float
    candidates: tuple[tuple[str, float], ...] = field(default=(), compare=False)


# URLs, e-mail addresses and @handles are not language. Digits do not count as words
# (the model reads them, but they weigh little).
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|(?<!\w)@\w+", re.IGNORECASE)
# Kanji, hiragana and katakana: one word per two characters.
_CJK_CHARS = (
    "\u3005\u3006\u3007\u303b\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
_CJK = re.compile(f"[{_CJK_CHARS}]")
_LETTER_RUN = re.compile(f"[^\\W\\d_{_CJK_CHARS}]+")
_SPACE = re.compile(r"\s")


def _enough_words(text: str) -> bool:
    """Whether ``text`` has at least :data:`MIN_WORDS` words (stops counting there)."""
    runs = 0
    for _ in _LETTER_RUN.finditer(text):
        runs += 1
        if runs >= MIN_WORDS:
            return True
    return runs + len(_CJK.findall(text)) // 2 >= MIN_WORDS


def _clean(text: str) -> str:
    """``text`` without URLs, e-mail addresses and handles, its white space collapsed."""
    if "@" in text or "://" in text or "www." in text or "WWW." in text:
        text = _NOISE.sub(" ", text)
    return " ".join(text.split())


def _fit(text: str, limit: int) -> str:
    """The longest start of ``text`` of at most ``limit`` UTF-8 bytes."""
    data = text.encode("utf-8")
    return text if len(data) <= limit else data[:limit].decode("utf-8", errors="ignore")


_PUNCTUATION_RUN = re.compile(r"[^\w\s]{3,}")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _words_only(text: str) -> str:
    """``text`` as :func:`_clean` leaves it, without figures, codes and runs of
    punctuation, in lower case (see the module docstring). Word by word: a word of
    letters alone, most of them, is kept as it is at once."""
    words = []
    for word in _clean(text).split():
        if not word.isalpha():
            if _DIGIT.search(word):
                if word.isascii():
                    continue  # 3.07, 41,250,000, 1/2, MAY7, 8f3a9c01
                word = _DIGITS.sub("", word)  # 2025年4月9日、防衛省は: the words stay
            if len(word) > 2 and _LETTER_OR_DIGIT.search(word) is None:
                continue  # -----, ......
            if _PUNCTUATION_RUN.search(word):
                word = _PUNCTUATION_RUN.sub(" ", word)  # ......MAX
        words.append(word)
    return " ".join(words).lower()


def _sample(text: str, size: int, *, words_only: bool = False) -> tuple[str, bool]:
    """What the model reads of ``text`` (at most ``size`` UTF-8 bytes), and whether that
    is all of it: the whole text when it fits, else ``size / 2`` bytes from its start and
    as many from its middle, of its words alone with ``words_only`` (:func:`_words_only`).
    Slices of the text bound the work (a character is at least one byte)."""
    tidy = _words_only if words_only else _clean
    head = tidy(text[:size])
    if len(text) <= size and len(head.encode("utf-8")) <= size:
        return head, True
    middle = text[len(text) // 2 : len(text) // 2 + size]
    space = _SPACE.search(middle)  # start at a word, not inside one
    middle = tidy(middle[space.end() :] if space else middle)
    return _fit(head, size // 2) + " " + _fit(middle, size // 2), False


AHEAD_MIN = 64
"""Fewer texts than this are not walked ahead (:func:`read_ahead`): one by one is as fast."""

_Walk = tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]
"""The features a walk of one text's bytes found (indexes, first found first) and how
many times each (float32): what py3langid's own walk counts."""


@functools.cache
def _identifier_type() -> Any:
    """py3langid's ``LanguageIdentifier``, reading the walks in its ``walked`` dict
    (encoded text → :data:`_Walk`, filled by :meth:`_Model.walk_ahead`) instead of
    walking again; any other text is walked by py3langid as before."""
    from py3langid.langid import LanguageIdentifier  # type: ignore[import-untyped, unused-ignore]

    class _Identifier(LanguageIdentifier):  # type: ignore[misc, unused-ignore]
        __slots__ = ("walked",)

        def _raw_score(self, text: bytes) -> Any:
            found = self.walked.get(text)
            if found is None:
                return super()._raw_score(text)
            features, counts = found
            # py3langid's _sparse_score of the same arrays: the same floats.
            return np.log1p(counts) @ self.nb_ptc[features] + self.nb_pc

    return _Identifier


class _Model:
    """py3langid's identifier restricted to ISO 639-1 classes, loaded once."""

    def __init__(self) -> None:
        blob = resources.files("py3langid").joinpath(_MODEL_RESOURCE).read_bytes()
        with np.load(io.BytesIO(lzma.decompress(blob)), allow_pickle=False) as data:
            classes = [str(c) for c in data["classes"].tolist()]
            keep = [i for i, c in enumerate(classes) if len(c) == 2 and c.isalpha()]
            # Columns of the kept classes, as one contiguous float32 table: gathering
            # rows of it is fast, and float16 arithmetic in NumPy is not.
            ptc = np.ascontiguousarray(data["ptc"][:, keep], dtype=np.float32)
            pc = np.ascontiguousarray(data["pc"][keep], dtype=np.float32)
            nextmove = _to_array(data["nextmove"])
            row = _to_array(data["nextmove_row"])
            output = [int(v) for v in data["out_feat"].tolist()]
        self.identifier: Any = _identifier_type()(
            ptc, pc, [classes[i] for i in keep], nextmove, output, norm_probs=True, tk_row=row
        )
        self.identifier.walked = {}
        self._tables: tuple[np.ndarray[Any, Any], ...] | None = None

    def walk_ahead(self, texts: Sequence[str]) -> dict[bytes, _Walk]:
        """The walks of the first samples (:func:`_sample`) of ``texts``, done together.

        The bytes of the samples are columns of one array: at each byte position the
        automaton steps every sample at once (the same transition table, from the same
        start, as py3langid's walk of each), and the features each finds are counted in
        the order they are first found, as py3langid's ``Counter`` holds them."""
        identifier = self.identifier
        distinct: dict[bytes, None] = {}
        for text in texts:
            sample, _ = _sample(text, SAMPLE_BYTES)
            if _enough_words(sample):
                distinct[identifier._encode(sample)] = None
        samples = [s for s in distinct if s]
        if len(samples) < AHEAD_MIN:
            return {}
        nextmove, rowbase, output = self._walk_tables()
        lengths = np.fromiter(map(len, samples), dtype=np.intp, count=len(samples))
        width = int(lengths.max())
        grid = np.frombuffer(b"".join(s.ljust(width, b"\0") for s in samples), dtype=np.uint8)
        columns = grid.reshape(len(samples), width).T.astype(np.intp)
        state = np.zeros(len(samples), dtype=np.intp)
        states = np.empty((width, len(samples)), dtype=np.intp)
        for position in range(width):
            state = nextmove[rowbase[state] + columns[position]]
            states[position] = state
        emitted = output[states.T]  # one row per sample, one column per byte
        found = (np.arange(width) < lengths[:, None]) & (emitted >= 0)
        owner = np.nonzero(found)[0]  # by sample, then by position
        n_features = int(output.max()) + 1
        keys, first, counts = np.unique(
            owner * n_features + emitted[found], return_index=True, return_counts=True
        )
        order = np.argsort(first, kind="stable")  # first found first, sample by sample
        keys, counts = keys[order], counts[order].astype(np.float32)
        owners, features = np.divmod(keys, n_features)
        bounds = np.searchsorted(owners, np.arange(len(samples) + 1)).tolist()
        return {
            sample: (features[lo:hi], counts[lo:hi])
            for sample, lo, hi in zip(samples, bounds[:-1], bounds[1:], strict=True)
            if hi > lo
        }

    def _walk_tables(self) -> tuple[np.ndarray[Any, Any], ...]:
        """py3langid's transition table, row offsets and outputs as NumPy arrays."""
        if self._tables is None:
            identifier = self.identifier
            nextmove = identifier.tk_nextmove
            self._tables = (
                np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
                np.asarray(identifier._rowbase, dtype=np.intp),
                np.asarray(identifier.tk_output, dtype=np.intp),
            )
        return self._tables

    def classify(self, text: str) -> tuple[str, float]:
        code, confidence = self.identifier.classify(text)
        return str(code), float(confidence)

    def candidates(self, text: str) -> tuple[tuple[str, float], ...]:
        """The languages about as likely as the best for ``text`` (see
        :attr:`LanguageGuess.candidates`), best first, probabilities rounded to 4 places."""
        ranked = [(str(c), float(p)) for c, p in self.identifier.rank(text)[:MAX_CANDIDATES]]
        best = ranked[0][1] if ranked else 0.0
        return tuple((c, round(p, 4)) for c, p in ranked if p > 0 and p >= best * CANDIDATE_SHARE)


def _to_array(values: np.ndarray[Any, Any]) -> array[int]:
    """An unsigned integer NumPy array as a standard-library array (py3langid's walk
    indexes it one item at a time, which is faster on an ``array`` than on NumPy)."""
    codes = {2: "H", 4: "I", 8: "Q"}
    out = array(codes[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


_LOCK = threading.Lock()
_MODEL: _Model | None = None


def _model() -> _Model:
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = _Model()
    return _MODEL


def load_language_model() -> None:
    """Load the language model now (it is otherwise loaded on first use): e.g. before
    forking a process that will detect languages too, so that it is loaded once."""
    _model()


def detect_language(text: str) -> LanguageGuess | None:
    """The language ``text`` is written in, or ``None`` if it is too short to tell.

    ``None`` means fewer than :data:`MIN_WORDS` words (see the module docstring for
    how words count in Chinese and Japanese), or, when the model is unsure, fewer
    than that once figures and codes are set aside. Otherwise the guess is the model's best
    ISO 639-1 code with its confidence, rounded to 4 places; the first call loads the
    model (about 0.6 s).
    """
    sample, whole = _sample(text, SAMPLE_BYTES)
    if not _enough_words(sample):
        return None
    model = _model()
    read = sample
    code, confidence = model.classify(sample)
    if confidence < (TOSS_UP if whole else SURE):
        again, _ = _sample(text, 4 * SAMPLE_BYTES, words_only=True)
        if again != sample:
            if not _enough_words(again):
                return None  # figures and codes: too little language to tell
            read = again
            code, confidence = model.classify(again)
    candidates = model.candidates(read) if confidence < UNSURE else ()
    return LanguageGuess(code=code, confidence=round(confidence, 4), candidates=candidates)


@contextlib.contextmanager
def read_ahead(texts: Sequence[str]) -> Iterator[None]:
    """Within the block, :func:`detect_language` of each of ``texts`` is faster: their
    first samples are walked together, once (see the module docstring). The guesses are
    the same; other texts are read as always. For fewer than :data:`AHEAD_MIN` texts,
    nothing is done ahead."""
    if len(texts) < AHEAD_MIN:
        yield
        return
    identifier = _model().identifier
    identifier.walked = _model().walk_ahead(texts)
    try:
        yield
    finally:
        identifier.walked = {}


COUNTRY_LANGUAGES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("US", "GB", "AU", "NZ", "IE", "NG", "ZA"), ("en",)),
    **dict.fromkeys(("AE", "QA", "SA", "OM", "KW", "BH", "JO", "EG", "IQ"), ("ar", "en")),
    **dict.fromkeys(("SY", "PS", "DZ", "TN"), ("ar", "fr")),
    **dict.fromkeys(("AR", "UY", "CU", "ES"), ("es",)),
    **{"CA": ("en", "fr"), "IN": ("en", "hi"), "SG": ("en", "zh", "ms"), "PH": ("en", "tl")},
    **{"MY": ("ms", "en"), "HK": ("zh", "en"), "TW": ("zh",), "CN": ("zh",), "PK": ("en", "ur")},
    **{"BD": ("bn", "en"), "IL": ("he", "en"), "BE": ("nl", "fr"), "CH": ("de", "fr", "it")},
    **{"JP": ("ja",), "KR": ("ko",), "KP": ("ko",), "DE": ("de",), "AT": ("de",), "FR": ("fr",)},
    **{"IT": ("it",), "PT": ("pt",), "BR": ("pt",), "NL": ("nl",), "RU": ("ru",), "BY": ("ru",)},
    **{"UA": ("uk",), "PL": ("pl",), "TR": ("tr",), "IR": ("fa",), "ID": ("id",), "VN": ("vi",)},
    **{"TH": ("th",), "KH": ("km",), "SE": ("sv",), "NO": ("no", "nb", "nn"), "DK": ("da",)},
    **{"FI": ("fi", "sv"), "EE": ("et",), "LV": ("lv",), "LT": ("lt",), "GR": ("el",)},
    **{"HU": ("hu",), "CZ": ("cs",), "RO": ("ro",), "BG": ("bg",), "HR": ("hr",), "AM": ("hy",)},
}
"""The languages an outlet of a country (ISO 3166-1 alpha-2) usually writes in, ISO
639-1: the countries of the bundled outlet registry. A prior, used only for a guess the
model is unsure of (:func:`settle_by_prior`)."""


def settle_by_prior(guess: LanguageGuess | None, languages: Iterable[str]) -> str | None:
    """The language of an unsure ``guess`` that prior evidence names: the best of its
    :attr:`~LanguageGuess.candidates` that is one of ``languages`` (such as the
    :data:`COUNTRY_LANGUAGES` of the outlet's country), else ``None``.

    Why: a text that is mostly figures and abbreviations (a company's results as
    ``Shr 64 cts vs 51 cts / Net 4,373,000 vs 3,346,000 / Sales 59.8 mln vs ...``, a
    table of prices under month names) has too little language for the model alone, which
    then spreads its belief over many languages: English first at 0.25, Danish and
    Walloon close behind. Once another source of evidence names one of the languages
    the model finds about as likely as its best, that one is taken; a language the
    model finds unlikely (below :data:`CANDIDATE_SHARE` of the best) is never imposed.
    """
    if guess is None or guess.confidence >= UNSURE:
        return None
    wanted = set(languages)
    return next((code for code, _ in guess.candidates if code in wanted), None)
