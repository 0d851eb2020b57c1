"""Analyses of library versions kept on this machine, so that a version analysed once
opens again without being analysed: after a restart of the dashboard, or in the next
``natojp analyze --library`` run.

A version's analysis depends only on its articles (the version id is their content
hash), the settings and natojp's version; those three make the key. The cache is a
private folder of this machine, not part of the library: the library stays small and
can be shared, and a snapshot is only ever read by the user who wrote it (snapshots
are pickles, which must never come from someone else: the folder is made readable by
its owner only, and a snapshot that fails to load is deleted and recomputed).

A snapshot is written in sections, one per part of the analysis (its articles, its
vectors, its timeline, its duplicates, its stories and claims…), then an index of where
each starts, whose place the file's first bytes give. Opening one reads the index, the
settings and the corpus's strings only; a part is read when a page or the report first
asks for it (:meth:`natojp.analysis.Analysis.from_sections`), the articles too
(:meth:`natojp.models.Corpus.deferred`): a page that shows counts, dates and outlets
reads their heads (:meth:`~natojp.analysis.Analysis.heads`), a tenth of the time, and a
100,000-article version opens in about a second holding only what was looked at.
Every part refers to the corpus's articles by position and to each string by number in
a table (:func:`_pickler`), so each article, and each text however often an analysis
repeats it, is in memory once.

The folder also keeps the facts read in each article (:mod:`natojp.library._facts`):
an analysis of a version never analysed before reads only the articles no analysis
has read.

``NATOJP_ANALYSIS_CACHE`` names the folder (``off`` turns the cache off); without it,
``natojp/analyses`` in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``;
``%LOCALAPPDATA%`` on Windows). ``NATOJP_ANALYSIS_CACHE_MB`` bounds its size (default
4096): the least recently used snapshots are deleted beyond it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import os
import pickle
import shutil
import struct
import threading
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from natojp._gc import paused
from natojp.errors import LibraryError
from natojp.library._facts import FILE_NAME as FACTS_FILE
from natojp.library._facts import FactsStore
from natojp.models import Article

if TYPE_CHECKING:
    from natojp.analysis import Analysis

CACHE_ENV = "NATOJP_ANALYSIS_CACHE"
CACHE_MB_ENV = "NATOJP_ANALYSIS_CACHE_MB"
CACHE_MB = 4096
_SUFFIX = ".analysis"
_LATEST = ".latest"  # the key of the analysis last kept for a lineage (AnalysisCache.latest)
_MAGIC = b"natojp-analysis/5\n"  # 3: strings by number (_pickler); 4: articles on first
# use; 5: terms with their rows' digests (natojp.vectorise.update_terms)


def cache_home(environ: dict[str, str] | None = None) -> Path | None:
    """The cache folder (see the module docstring); ``None`` when turned off."""
    env = os.environ if environ is None else environ
    raw = env.get(CACHE_ENV, "").strip()
    if raw.lower() in {"off", "0", "no", "false"}:
        return None
    if raw:
        return Path(raw).expanduser()
    if os.name == "nt":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "natojp" / "analyses"


def cache_key(corpus_id: str, settings: str, natojp_version: str) -> str:
    """The key of an analysis: the articles' content hash, the settings (JSON) and the
    version of natojp that analysed them."""
    h = hashlib.sha256()
    for part in (corpus_id, settings, natojp_version):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


class AnalysisCache:
    """Snapshots of analyses in ``folder``, at most ``max_bytes`` in all.

    Reading never raises: a missing, damaged or incompatible snapshot is a miss (and a
    damaged one is deleted). Writing is atomic (a temporary file renamed into place), so
    a crash or a concurrent reader never sees half a snapshot; a failure to write (a
    full disk) only costs the next open its analysis.
    """

    def __init__(self, folder: Path, *, max_bytes: int = CACHE_MB * 2**20) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    @classmethod
    def default(cls) -> AnalysisCache | None:
        """The cache the environment names (``None`` when turned off)."""
        folder = cache_home()
        if folder is None:
            return None
        try:
            mb = float(os.environ.get(CACHE_MB_ENV, "") or CACHE_MB)
        except ValueError:
            mb = CACHE_MB
        return cls(folder, max_bytes=int(max(mb, 0) * 2**20))

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    @property
    def facts(self) -> FactsStore:
        """The facts of articles kept in this folder."""
        return FactsStore(self.folder / FACTS_FILE)

    def get(self, key: str) -> Analysis | None:
        """The analysis kept under ``key`` (its parts read when first used), or ``None``."""
        path = self._path(key)
        try:
            analysis = _Snapshot.open(path)
        except FileNotFoundError:
            return None
        except Exception:  # damaged, or written by an incompatible natojp: recompute
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        return analysis

    def put(
        self, key: str, analysis: Analysis, *, lineage: str | None = None, beside: bool = False
    ) -> bool:
        """Keep ``analysis`` under ``key``; whether it was written. With ``lineage`` (any
        string naming where analyses follow one another: a library and the settings), it
        is also the one :meth:`latest` gives for it. With ``beside`` (where
        :func:`natojp._beside.plan` says so), a forked child writes some of its parts
        meanwhile (:data:`_PARTS_BESIDE`); the file is the same."""
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        side = tmp.with_suffix(".beside")
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            with tmp.open("wb") as f, paused():  # pickling makes a tuple per object
                _write_snapshot(f, analysis, side=side if beside else None)
            tmp.replace(path)
        except (OSError, pickle.PicklingError, RecursionError):
            with contextlib.suppress(OSError):
                tmp.unlink()
            return False
        finally:
            with contextlib.suppress(OSError):
                side.unlink()
        if lineage is not None:
            latest = self._latest_path(lineage)
            tmp = latest.with_name(f".{latest.name}.{os.getpid()}.tmp")
            try:
                tmp.write_text(key, encoding="ascii")
                tmp.replace(latest)
            except OSError:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        self.trim()
        return True

    def _latest_path(self, lineage: str) -> Path:
        digest = hashlib.sha256(lineage.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{digest}{_LATEST}"

    def latest(self, lineage: str) -> Analysis | None:
        """The analysis last kept with ``lineage`` (:meth:`put`), while it is kept; else
        ``None``. An analysis of the next version of a library starts from it
        (:func:`natojp.analysis.analyze_articles`'s ``base``)."""
        try:
            key = self._latest_path(lineage).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if len(key) != 32 or not all(c in "0123456789abcdef" for c in key):
            return None
        return self.get(key)

    def trim(self) -> int:
        """Delete the least recently used snapshots beyond ``max_bytes``; how many."""
        try:
            entries = [
                (p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob(f"*{_SUFFIX}")
            ]
        except OSError:
            return 0
        entries.sort(reverse=True)  # newest first
        total, dropped = 0, 0
        for _, size, path in entries:
            total += size
            if total > self.max_bytes and path != entries[0][2]:
                with contextlib.suppress(OSError):
                    path.unlink()
                    dropped += 1
        return dropped

    def clear(self) -> int:
        """Delete every snapshot and every fact; how many snapshots."""
        self.facts.drop()
        for path in self.folder.glob(f"*{_LATEST}"):
            with contextlib.suppress(OSError):
                path.unlink()
        count = 0
        for path in self.folder.glob(f"*{_SUFFIX}"):
            with contextlib.suppress(OSError):
                path.unlink()
                count += 1
        return count


_HEAD = ("config", "taxonomy", "analyzed_at", "timings")  # small: read on opening
_OFFSET = struct.Struct("<Q")
_NOT_PARTS = frozenset({*_HEAD, "corpus", "_derived", "_sections"})
_STRINGS = "#strings"
"""Suffix of the section that holds the strings a section refers to (its own)."""


def _pickler(
    file: BinaryIO, positions: dict[int, int], shared: dict[str, int], *, start: int
) -> tuple[pickle.Pickler, dict[str, int], list[bool]]:
    """A pickler of one part of an analysis that writes every string once, by value, the
    strings it numbered (``{string: number}``, filled as it pickles) and whether it
    referred to an article (its one item, set as it pickles).

    An analysis repeats the same text many times over as distinct objects: an article's
    id in its stories, its dates, its claims and its neighbours; a basis such as "from
    the manifest" in every article and every date; a sentence in each of its dates and
    claims. At 100,000 articles those copies took about 250 MB of a dashboard's
    memory. So a string is pickled as its number in a table (a persistent id): the
    corpus's strings (``shared``: its section's table, read on opening and kept), then
    the part's own, numbered from ``start``, each value once; the part's table is
    written after it as the section ``<part>#strings``. Articles are pickled by their
    positions in the corpus (``positions``: by ``id()``), so each article too is in
    memory once. Numbers: the corpus's strings, then the articles, then the part's own
    strings. The cost: writing takes about twice as long (a Python call per object).

    The persistent id is a closure, not a method: the pickler calls it for every
    object (9 million for the corpus of 100,000 articles), and this is the fastest
    form measured.
    """
    own: dict[str, int] = {}
    shared_number, own_number, position = shared.get, own.get, positions.get

    def persistent_id(obj: Any) -> int | None:
        kind = obj.__class__
        if kind is str:
            number = shared_number(obj)
            if number is None:
                number = own_number(obj)
                if number is None:
                    number = own[obj] = start + len(own)
            return number
        if kind is Article:
            refers[0] = True
            return position(id(obj))
        return None

    refers = [False]  # whether it referred to an article
    pickler = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = persistent_id  # type: ignore[method-assign]
    return pickler, own, refers


_PARTS_BESIDE = frozenset({"derived:corroboration", "timeline"})
"""The parts a forked child writes when a snapshot is written by two processes. At
100,000 articles: the articles first (4 s here: every part refers to their strings),
then the child writes these two (6.5 s: its first writes to the objects it pickles
copy their pages) while this process writes the rest (6 s). The snapshot took 10.9 s
instead of 15.1 s."""


def _write_sections(
    f: BinaryIO, index: dict[str, tuple[int, int]]
) -> tuple[
    Callable[[str, object], None],
    Callable[[str, tuple[pickle.Pickler, dict[str, int], list[bool]], object], dict[str, int]],
]:
    """How sections are written to ``f``, their place noted in ``index``: ``dump`` a
    plain pickle; ``section`` a part by its pickler (:func:`_pickler`), then the table
    of the part's own strings."""

    def dump(name: str, value: object) -> None:
        start = f.tell()
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        index[name] = (start, f.tell() - start)

    def section(
        name: str, made: tuple[pickle.Pickler, dict[str, int], list[bool]], value: object
    ) -> dict[str, int]:
        pickler, own, refers = made
        start = f.tell()
        pickler.dump(value)
        index[name] = (start, f.tell() - start)
        dump(name + _STRINGS, (refers[0], list(own)))  # in the order of their numbers
        return own

    return dump, section


def _write_parts(
    side: Path,
    parts: list[tuple[str, object]],
    positions: dict[int, int],
    shared: dict[str, int],
    start: int,
) -> dict[str, tuple[int, int]]:
    """``parts`` written to the file ``side`` as :func:`_write_snapshot` writes them;
    where each section is in that file."""
    index: dict[str, tuple[int, int]] = {}
    with side.open("wb") as f:
        _, section = _write_sections(f, index)
        for name, value in parts:
            section(name, _pickler(f, positions, shared, start=start), value)
    return index


def _write_snapshot(f: BinaryIO, analysis: Analysis, *, side: Path | None = None) -> None:
    """``analysis`` in sections: the magic line, the offset of the index, the sections
    (each part, then the table of its own strings, :func:`_pickler`), then the index
    ``{section: (offset, length)}``.

    With ``side`` (a file name), a forked child (:class:`natojp._beside.Beside`)
    writes the parts :data:`_PARTS_BESIDE` to that file while this process writes the
    others; they are then copied after them. The sections are the same bytes either
    way, in another order (each part's pickler starts afresh, and the index says where
    each is). A child that dies costs only time: its parts are written here."""
    from natojp._beside import Beside, can_fork
    from natojp.analysis import Analysis

    analysis.load_all()
    f.write(_MAGIC)
    f.write(_OFFSET.pack(0))
    index: dict[str, tuple[int, int]] = {}
    dump, section = _write_sections(f, index)

    corpus = analysis.corpus
    head = {name: getattr(analysis, name) for name in _HEAD}
    head["corpus"] = {
        "size": len(corpus),
        "skipped": corpus.skipped,
        "name": corpus.name,
        "fingerprint": corpus.fingerprint,
        "columns": corpus.columns,
        "version": corpus.version,
    }
    dump("head", head)
    articles = analysis.articles
    shared = section("corpus", _pickler(f, {}, {}, start=0), articles)
    after = len(shared)  # the articles' numbers follow the corpus's strings
    positions = {id(a): after + i for i, a in enumerate(articles)}
    parts = [(item.name, getattr(analysis, item.name)) for item in fields(Analysis)]
    parts = [(name, value) for name, value in parts if name not in _NOT_PARTS]
    parts += [(f"derived:{name}", value) for name, value in analysis._derived.items()]
    start = after + len(articles)
    there = [(n, v) for n, v in parts if n in _PARTS_BESIDE] if side is not None else []
    beside = None
    if side is not None and there and can_fork():
        f.flush()  # the child inherits this file's buffer: nothing left in it
        beside = Beside(partial(_write_parts, side, there, positions, shared, start))
    for name, value in parts:
        if beside is None or name not in _PARTS_BESIDE:
            section(name, _pickler(f, positions, shared, start=start), value)
    if beside is not None and side is not None:
        written = beside.result()  # written here if the child died
        offset = f.tell()
        with side.open("rb") as g:
            shutil.copyfileobj(g, f, 16 * 2**20)
        index.update({name: (offset + at, n) for name, (at, n) in written.items()})
    at = f.tell()
    pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
    f.seek(len(_MAGIC))
    f.write(_OFFSET.pack(at))


class _Snapshot:
    """The sections of one snapshot file, read on demand (:class:`~natojp.analysis.Sections`).

    The file stays open while the analysis lives, so that a snapshot deleted meanwhile
    (the cache trimmed, by this or another process) can still be read. It keeps what
    every part refers to by number (:func:`_pickler`): the corpus's strings, then its
    articles once a part that refers to them was read (until then, ``None`` in their
    places).
    """

    def __init__(self, f: BinaryIO, index: dict[str, tuple[int, int]]) -> None:
        self._file = f
        self._index = index
        self._strings: list[str] = []
        self._articles: tuple[Article, ...] | None = None
        self._size = 0
        self._shared: list[Any] = []
        self._lock = threading.RLock()
        self._fields = frozenset(
            n
            for n in index
            if n not in ("head", "corpus") and ":" not in n and not n.endswith(_STRINGS)
        )
        self._derived = frozenset(
            n.split(":", 1)[1]
            for n in index
            if n.startswith("derived:") and not n.endswith(_STRINGS)
        )

    @classmethod
    def open(cls, path: Path) -> Analysis:
        from natojp.analysis import Analysis
        from natojp.models import Corpus

        f = path.open("rb")
        try:
            if f.read(len(_MAGIC)) != _MAGIC:
                raise ValueError("not a snapshot")
            (at,) = _OFFSET.unpack(f.read(_OFFSET.size))
            size = os.fstat(f.fileno()).st_size
            f.seek(at)
            index: dict[str, tuple[int, int]] = pickle.load(f)
            names = {n for n in index if not n.endswith(_STRINGS)}
            if (
                not {"head", "corpus"} <= names
                or any(n != "head" and n + _STRINGS not in index for n in names)
                or any(start + length > at for start, length in index.values())
                or f.tell() != size
            ):
                raise ValueError("a damaged snapshot")
            snapshot = cls(f, index)
            head = snapshot._read("head", plain=True)
            about = head.pop("corpus")
            _, strings = snapshot._read("corpus" + _STRINGS, plain=True)
        except BaseException:
            f.close()
            raise
        snapshot._strings, snapshot._size = strings, about.pop("size")
        snapshot._shared = [*strings, *itertools.repeat(None, snapshot._size)]
        corpus = Corpus.deferred(snapshot.articles, snapshot._size, **about)
        return Analysis.from_sections(snapshot, corpus=corpus, **head)

    def articles(self) -> tuple[Article, ...]:
        """The corpus's articles, read on first use (by one thread: the others wait)."""
        with self._lock:
            if self._articles is None:
                articles = self._read("corpus", refer=self._strings)
                if not isinstance(articles, tuple) or len(articles) != self._size:
                    raise LibraryError(
                        "the kept analysis is damaged (its articles)", path=self._file.name
                    )
                self._shared = [*self._strings, *articles]
                self._articles = articles
            return self._articles

    def fields(self) -> frozenset[str]:
        return self._fields

    def derived(self) -> frozenset[str]:
        return self._derived

    def load(self, name: str) -> Any:
        return self._read(name)

    def load_derived(self, name: str) -> Any:
        return self._read(f"derived:{name}")

    def _read(self, name: str, *, plain: bool = False, refer: list[Any] | None = None) -> Any:
        """Section ``name``, with what it refers to by number (:func:`_pickler`): the
        corpus's strings and articles then its own strings, or ``refer``; nothing when
        ``plain`` (the head and the string tables)."""
        if plain:
            refer = []
        elif refer is None:
            articles, own = self._read(name + _STRINGS, plain=True)
            if articles:  # it refers to articles: read first
                self.articles()
            refer = [*self._shared, *own] if own else self._shared
        start, length = self._index[name]
        # Unpickled as it is read, not read whole first: the corpus part alone is 140 MB
        # at 100,000 articles, which would be held twice at the peak.
        part = _Part(self._file.fileno(), start, length)
        unpickler = pickle.Unpickler(io.BufferedReader(part, buffer_size=_READ_SIZE))
        unpickler.persistent_load = refer.__getitem__  # type: ignore[method-assign]
        try:
            with paused():  # many small objects, all kept
                value = unpickler.load()
        except (EOFError, pickle.UnpicklingError) as error:
            if part.short:
                raise LibraryError(
                    f"the kept analysis is truncated (part {name})", path=self._file.name
                ) from error
            raise
        if part.short:
            raise LibraryError(
                f"the kept analysis is truncated (part {name})", path=self._file.name
            )
        return value


_READ_SIZE = 1 << 20


class _Part(io.RawIOBase):
    """``length`` bytes of the open file ``fd`` from ``start``, read with ``pread`` (no
    shared file position: sessions may read parts of one snapshot at once)."""

    def __init__(self, fd: int, start: int, length: int) -> None:
        self._fd, self._at, self._end = fd, start, start + length
        self.short = False  # the file ended before the part did

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._end - self._at)
        if want <= 0:
            return 0
        got = os.preadv(self._fd, [view[:want]], self._at)
        if got == 0:
            self.short = True
        self._at += got
        return got
