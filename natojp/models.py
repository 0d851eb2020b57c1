"""The immutable records that flow through natojp.

``SourceText`` is what ingestion read (one raw document); ``Article`` is the cleaned
article with its metadata and the evidence of every removal; ``Corpus`` holds the
articles of one analysis together with the inputs that were skipped and why.
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from natojp._dates import PartialDate
from natojp._pickling import quick_state

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# _WORD on ASCII text: an explicit class is matched faster than ``\w`` (no Unicode
# lookup per character), and ’ cannot occur.
_ASCII_WORD = re.compile(r"[0-9A-Za-z_]+(?:[-'][0-9A-Za-z_]+)*")


# ASCII text as bytes: a word character to "a", a joiner ("-", "'") to "-", else " ".
_WORD_SHAPE = bytes(
    ord("a") if chr(i).isalnum() or i == ord("_") else ord("-") if chr(i) in "-'" else 32
    for i in range(128)
).ljust(256, b" ")


def count_words(text: str) -> int:
    """Number of words in ``text`` (hyphenated and apostrophe words count once).

    ASCII text is counted as :data:`_ASCII_WORD` would find its words, without making
    them: a word starts at every run of word characters, less the runs a joiner ties to
    the one before (``a-a`` once each run is doubled, so that joins never overlap)."""
    if not text.isascii():
        return len(_WORD.findall(text))
    shape = text.encode("ascii").translate(_WORD_SHAPE)
    runs = shape.count(b" a") + shape.count(b"-a") + shape.startswith(b"a")
    if b"a-a" not in shape:
        return runs
    return runs - shape.replace(b"a", b"aa").count(b"a-a")


@lru_cache(maxsize=32)
def _first_words(n: int, ascii_only: bool = False) -> re.Pattern[str]:
    # n times: skip non-word characters, then take one whole word as _WORD does. The
    # possessive ``*+`` and the atomic group forbid backtracking, so a word is never
    # split in two and a text with fewer words fails in linear time.
    if ascii_only:
        return re.compile(r"(?:[^0-9A-Za-z_]*+(?>" + _ASCII_WORD.pattern + r")){" + str(n) + "}")
    return re.compile(r"(?:\W*+(?>" + _WORD.pattern + r")){" + str(n) + "}")


def has_words(text: str, n: int) -> bool:
    """``count_words(text) >= n``, but stops reading at the ``n``-th word."""
    return n <= 0 or _first_words(n, text.isascii()).match(text) is not None


@dataclass(frozen=True, slots=True)
class SourceText:
    """One raw document as read from a file, an archive member or a CSV/JSONL row.

    ``title``, ``outlet``, ``published``, ``updated`` and ``url`` are set only when the
    source is structured (a CSV column, a JSON key, HTML metadata: ``updated`` is a web
    page's ``article:modified_time`` or JSON-LD ``dateModified``); free text leaves
    them ``None`` and cleaning looks for them in the text. ``line_numbers`` is False when ``text``
    was extracted (HTML) and its lines are not lines of the file. ``notes`` say what
    ingestion had to do to read it (mixed encodings, truncation); they become the
    article's notes.
    """

    id: str
    source_path: str
    text: str
    format: str
    encoding: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    line_numbers: bool = True
    notes: tuple[str, ...] = ()
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not analysed, with the reason a user can act on."""

    path: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column (CSV) or key (JSON) of one file was read as each field, and how it
    was chosen: ``option`` (the user named it), ``name`` (a known column name) or
    ``content`` (its values look like dates or web addresses)."""

    path: str
    kind: str  # "column" or "key"
    fields: tuple[tuple[str, str, str], ...]  # (field, column, how), in field order

    def describe(self) -> str:
        """``text ← 'body' (name), date ← 'when' (content)`` for messages."""
        return ", ".join(f"{fld} ← {col!r} ({how})" for fld, col, how in self.fields)


@quick_state
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph and the 1-based line of the raw text where it starts.

    ``words`` is :func:`count_words` of ``text``, counted once when the paragraph is
    made: cleaning, the off-topic pass, duplicates and the report all need it, and
    counting with the word regex each time cost more than the rest of those loops.
    It takes no part in equality or ``repr``.
    """

    text: str
    line: int | None = None
    words: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", count_words(self.text))  # frozen dataclass


@dataclass(frozen=True, slots=True)
class Removal:
    """A line taken out of the body, with why.

    ``reason`` is a stable code (see :data:`natojp.clean.REASONS`); ``detail`` says
    what triggered it in words (the matched marker, a similarity score, a parsed field).
    """

    line: int | None
    text: str
    reason: str
    detail: str = ""


@quick_state
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact about an article was read: its basis and the words it came from.

    ``basis`` is one of ``manifest`` (the corpus manifest), ``metadata`` (a CSV column,
    JSON key or HTML meta tag), ``url`` (the article's address), ``header`` (a line
    before the body: masthead, byline, dateline, date line), ``text`` (the body) or
    ``registry`` (the outlet registry, from a domain). ``text`` is the snippet as read
    (a line, a URL, a cell); ``line`` its 1-based line in the file where known.
    """

    basis: str
    text: str
    line: int | None = None


@quick_state
@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: body paragraphs, metadata with its basis, and removed noise.

    ``outlet`` is who published this copy; ``wires`` the agencies its content is
    credited to (a Japan Today page of an AP story: outlet Japan Today, wires AP).
    ``published`` and ``updated`` are dates with their evidence; ``language`` an ISO
    639-1 code detected from the text.
    """

    id: str
    source_path: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    title_derived: bool = False
    outlet: str | None = None
    outlet_basis: str | None = None
    published: PartialDate | None = None
    published_basis: str | None = None
    url: str | None = None
    removed: tuple[Removal, ...] = ()
    format: str = "txt"
    encoding: str | None = None
    notes: tuple[str, ...] = ()
    outlet_evidence: Evidence | None = None
    published_evidence: Evidence | None = None
    updated: PartialDate | None = None
    updated_evidence: Evidence | None = None
    wires: tuple[str, ...] = ()
    wire_evidence: tuple[Evidence, ...] = ()
    language: str | None = None
    outlet_country: str | None = None  # ISO 3166-1 alpha-2, from the outlet registry
    outlet_type: str | None = None  # wire, newspaper, broadcaster... (the registry's types)

    @property
    def body(self) -> str:
        """Cleaned text, paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        """Words in the body (each paragraph's count is kept by :class:`Paragraph`)."""
        return sum([p.words for p in self.paragraphs])

    @property
    def source(self) -> str:
        """The outlet when known, else an unattributed label unique to this article.

        Used to aggregate by source without lumping every unknown outlet together.
        """
        return _source(self.outlet, self.id)


def _source(outlet: str | None, article_id: str) -> str:
    """:attr:`Article.source` of an article with ``outlet`` and ``article_id``."""
    return outlet or f"(unattributed) {article_id}"


@quick_state
@dataclass(frozen=True, slots=True)
class ArticleHead:
    """An article without its text: what the filters, the counts by outlet, country and
    basis, the labels and the publication charts read of it (the fields of
    :class:`Article` of the same names). A kept analysis opens with these alone
    (:meth:`natojp.analysis.Analysis.heads`): a tenth of the time of whole articles."""

    id: str
    title: str | None = None
    outlet: str | None = None
    outlet_basis: str | None = None
    published: PartialDate | None = None
    published_basis: str | None = None
    wires: tuple[str, ...] = ()
    language: str | None = None
    outlet_country: str | None = None
    outlet_type: str | None = None

    @classmethod
    def of(cls, article: Article) -> ArticleHead:
        """The head of ``article``."""
        return cls(*_head_values(article))

    @property
    def source(self) -> str:
        """As :attr:`Article.source`: the outlet when known, else a label unique to
        this article."""
        return _source(self.outlet, self.id)


_head_values = operator.attrgetter(*(f.name for f in fields(ArticleHead)))
"""The values of an article's fields that its head has, in the head's order."""


_A = TypeVar("_A", bound="Article | ArticleHead")


def by_date(article: Article | ArticleHead) -> tuple[date, str]:
    """Sort key of dated articles: publication date (its first day), then id."""
    return (article.published.start() if article.published else date.min, article.id)


def on_story(articles: Sequence[_A], off_story: Collection[str]) -> tuple[list[_A], list[_A]]:
    """``articles`` split into those on the main story and those flagged off it
    (``off_story``: :attr:`natojp.relevance.Relevance.off_topic`); when every one is off
    the story, all of them count as on it (there is nothing else to show)."""
    off = [a for a in articles if a.id in off_story] if off_story else []
    if not off or len(off) == len(articles):
        return list(articles), []
    return [a for a in articles if a.id not in off_story], off


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles of one analysis and the inputs that were skipped.

    ``fingerprint`` is a content hash of the corpus; ``version`` the id of the frozen
    library version it is (:mod:`natojp.library`), ``None`` for files or a library's
    current, unfrozen articles.

    A corpus opened from a kept analysis may read its articles when they are first
    used (:meth:`deferred`); everything else about it is known at once, its size too.
    """

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    name: str = "corpus"
    fingerprint: str = field(default="")
    columns: tuple[ColumnMapping, ...] = ()  # the fields read from each CSV/JSON file
    version: str | None = None
    _by_id: dict[str, Article] = field(init=False, repr=False, compare=False)
    _size: int = field(init=False, repr=False, compare=False)
    _read: Callable[[], tuple[Article, ...]] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.id: a for a in self.articles})
        object.__setattr__(self, "_size", len(self.articles))
        object.__setattr__(self, "_read", None)

    @classmethod
    def deferred(
        cls,
        read: Callable[[], tuple[Article, ...]],
        size: int,
        *,
        skipped: tuple[Skipped, ...] = (),
        name: str = "corpus",
        fingerprint: str = "",
        columns: tuple[ColumnMapping, ...] = (),
        version: str | None = None,
    ) -> Corpus:
        """A corpus of ``size`` articles that ``read()`` gives when they are first used
        (it must be safe to call from several threads and give the same tuple)."""
        corpus = object.__new__(cls)
        for name_, value in (
            ("skipped", skipped),
            ("name", name),
            ("fingerprint", fingerprint),
            ("columns", columns),
            ("version", version),
            ("_size", size),
            ("_read", read),
        ):
            object.__setattr__(corpus, name_, value)
        return corpus

    if not TYPE_CHECKING:  # mypy would take every unknown attribute for an article

        def __getattr__(self, name: str) -> Any:
            """The articles of a :meth:`deferred` corpus, read on first use (called only
            while they are unset)."""
            if name not in ("articles", "_by_id"):
                raise AttributeError(name)
            articles = object.__getattribute__(self, "_read")()
            object.__setattr__(self, "_by_id", {a.id: a for a in articles})
            object.__setattr__(self, "articles", articles)
            return object.__getattribute__(self, name)

    def __getstate__(self) -> list[Any]:
        return [
            self.articles,
            self.skipped,
            self.name,
            self.fingerprint,
            self.columns,
            self.version,
        ]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(
            ("articles", "skipped", "name", "fingerprint", "columns", "version"), state, strict=True
        ):
            object.__setattr__(self, name, value)
        self.__post_init__()

    @property
    def loaded(self) -> bool:
        """Whether the articles are in memory (always, unless :meth:`deferred`)."""
        try:
            object.__getattribute__(self, "articles")
        except AttributeError:
            return False
        return True

    def relabelled(self, *, name: str, version: str | None, skipped: tuple[Skipped, ...]) -> Corpus:
        """This corpus (the same articles, read or not) under another name and version,
        with other skipped inputs."""
        if self.loaded:
            return Corpus(self.articles, skipped, name, self.fingerprint, self.columns, version)
        read = object.__getattribute__(self, "_read")
        return Corpus.deferred(
            read,
            self._size,
            skipped=skipped,
            name=name,
            fingerprint=self.fingerprint,
            columns=self.columns,
            version=version,
        )

    def __len__(self) -> int:
        return self._size

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    @property
    def citation(self) -> str:
        """How exports cite the corpus: ``library version <id>`` for a frozen version,
        else ``corpus hash <fingerprint>``."""
        if self.version:
            return f"library version {self.version}"
        return f"corpus hash {self.fingerprint}"

    def by_id(self, article_id: str) -> Article:
        """The article with ``article_id`` (``KeyError`` if there is none)."""
        return self._by_id[article_id]


_CORPUS_STATE = ("articles", "skipped", "name", "fingerprint", "columns", "version")
"""What a pickled :class:`Corpus` holds (the rest is made from it)."""


def fingerprint_texts(items: list[tuple[str, str]]) -> str:
    """A content hash of (id, text) pairs: the same inputs give the same fingerprint."""
    h = hashlib.sha256()
    for key, text in sorted(items):
        h.update(key.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\x01")
    return h.hexdigest()[:16]
