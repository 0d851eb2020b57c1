"""Results shared by all sessions of one dashboard server, and the keys they are kept by.

:class:`SharedCache` bounds what is kept by its size in bytes and by idle time;
:func:`analyses` holds analyses (``NATOJP_CACHE_MB``, ``NATOJP_CACHE_IDLE_MINUTES``),
:func:`packs` briefing packs. Keys come from the inputs: :func:`files_key` hashes
uploaded bytes, :func:`folder_key` stats a folder's files without reading them.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import streamlit as st

from natojp._gc import freeze
from natojp._memory import deep_size, release_memory
from natojp.analysis import Analysis

_V = TypeVar("_V")


def _env_number(name: str, default: float) -> float:
    """A positive number from the environment (``default`` when unset or invalid)."""
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 and value == value else default


class SharedCache(Generic[_V]):
    """Results shared by all sessions, bounded by their size in bytes and by idle time.

    ``get`` computes a missing value once: each key has its own lock, so two sessions
    asking for the same new corpus wait for one computation while different corpora
    are computed concurrently. After each insertion the least recently used entries
    are dropped until the total of ``size(value)`` is within ``max_bytes`` (the newest
    entry is always kept, even alone over the budget: the session that asked for it
    is using it); entries unused for ``max_idle`` seconds are dropped too, also when
    no session is connected (a sweeper thread checks every ``max_idle / 4`` seconds,
    at most once a minute). Freed memory is handed back to the operating system after
    each computation and each sweep. What is kept is frozen out of the garbage
    collector's passes (:func:`natojp._gc.freeze`); dropping entries collects it too.
    """

    def __init__(
        self,
        *,
        max_bytes: int,
        max_idle: float,
        size: Callable[[_V], int],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_idle = max_idle
        self._size = size
        self._clock = clock
        self._items: OrderedDict[str, tuple[_V, int, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}
        self._sweeper: threading.Thread | None = None

    @property
    def nbytes(self) -> int:
        """Total size of the cached values."""
        with self._lock:
            return sum(size for _, size, _ in self._items.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def peek(self, key: str) -> _V | None:
        """The value kept for ``key``, or ``None``: neither computed nor marked as used."""
        with self._lock:
            item = self._items.get(key)
            return None if item is None else item[0]

    def get(self, key: str, compute: Callable[[], _V]) -> _V:
        """The value for ``key``, computed (once, whoever else asks) when missing."""
        with self._lock:
            hit = self._touch(key)
            if hit is not None:
                return hit
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                hit = self._touch(key)
                if hit is not None:
                    return hit
            value = compute()
            size = self._size(value)
            with self._lock:
                self._items[key] = (value, size, self._clock())
                self._key_locks.pop(key, None)
                dropped = self._evict(keep=key)
            release_memory(collect=dropped > 0)  # the computation's scratch memory too
            # What is kept (and the modules the server imported) leaves the collector's
            # view: else Streamlit's full collection after every rerun walks all of it,
            # seconds at 100,000 articles (natojp._gc).
            freeze()
            self._start_sweeper()
            return value

    def sweep(self) -> int:
        """Measure the entries again, then drop those idle for longer than ``max_idle``
        and the least recently used over the budget (never the most recently used one
        unless idle); return how many were dropped.

        An analysis grows after it is kept (a kept analysis reads each part when a page
        first asks for it): the size it had when inserted would understate it."""
        with self._lock:
            values = {key: value for key, (value, _, _) in self._items.items()}
        sizes = {key: self._size(value) for key, value in values.items()}  # unlocked: slow
        with self._lock:
            for key, size in sizes.items():
                item = self._items.get(key)
                if item is not None and item[0] is values[key]:  # not replaced meanwhile
                    self._items[key] = (item[0], size, item[2])
            # The most recently used entry stays unless idle, even alone over the budget,
            # as on insertion: a session is likely using it (a 100k analysis is over the
            # default budget, and was dropped and read again every minute).
            recent = next(reversed(self._items), None)
            if recent is not None and self._clock() - self._items[recent][2] > self.max_idle:
                recent = None
            dropped = self._evict(keep=recent)
        if dropped:
            release_memory()
        return dropped

    def _touch(self, key: str) -> _V | None:
        """The value for ``key``, marked as just used (``self._lock`` held)."""
        item = self._items.get(key)
        if item is None:
            return None
        value, size, _ = item
        self._items[key] = (value, size, self._clock())
        self._items.move_to_end(key)
        return value

    def _evict(self, *, keep: str | None) -> int:
        """Drop idle entries, then the least recently used over the budget."""
        now = self._clock()
        idle = [k for k, (_, _, used) in self._items.items() if now - used > self.max_idle]
        for k in idle:
            if k != keep:
                del self._items[k]
        total = sum(size for _, size, _ in self._items.values())
        dropped = len(idle) - (keep in idle)
        for k in list(self._items):
            if total <= self.max_bytes:
                break
            if k != keep:
                total -= self._items.pop(k)[1]
                dropped += 1
        return dropped

    def _start_sweeper(self) -> None:
        with self._lock:
            if self._sweeper is not None:
                return
            self._sweeper = threading.Thread(
                target=self._sweep_forever, name="natojp-cache-sweeper", daemon=True
            )
        self._sweeper.start()

    def _sweep_forever(self) -> None:
        period = min(max(self.max_idle / 4, 1.0), 60.0)
        while True:
            time.sleep(period)
            if not self.sweep():  # pages drawn since the last computation freed memory too
                release_memory(collect=False)


CACHE_MB_ENV = "NATOJP_CACHE_MB"
CACHE_IDLE_ENV = "NATOJP_CACHE_IDLE_MINUTES"
CACHE_MB = 256
"""Default budget of the analyses kept for all sessions (``NATOJP_CACHE_MB``)."""
CACHE_IDLE_MINUTES = 60
"""Default time an unused analysis is kept (``NATOJP_CACHE_IDLE_MINUTES``)."""


@st.cache_resource(show_spinner=False)
def analyses() -> SharedCache[Analysis]:
    """The analyses shared by every session of this server."""
    return SharedCache(
        max_bytes=int(_env_number(CACHE_MB_ENV, CACHE_MB) * 2**20),
        max_idle=_env_number(CACHE_IDLE_ENV, CACHE_IDLE_MINUTES) * 60,
        size=deep_size,
    )


def files_key(files: Sequence[tuple[str, bytes]]) -> str:
    """A key for uploaded files: a hash of every name and every byte."""
    h = hashlib.sha256()
    for name, data in sorted(files):
        h.update(name.encode("utf-8", "replace") + b"\x00")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def folder_key(path: Path) -> str:
    """A key that changes when the file ``path`` or any file under the folder ``path``
    changes: names, sizes and modification times, from ``stat`` alone (no file is
    read). Hidden entries are ignored and symbolic links to folders are not followed,
    as ingestion does."""
    h = hashlib.sha256()
    pending = []
    try:
        if path.is_dir():
            pending.append(path)
        else:
            stat = path.stat()
            h.update(f"{path}\x00{stat.st_size}\x00{stat.st_mtime_ns}".encode(errors="replace"))
    except OSError:
        h.update(f"unreadable:{path}".encode(errors="replace"))
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            h.update(f"unlistable:{folder}\x00".encode("utf-8", "replace"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                    continue
                stat = entry.stat()
                line = f"{entry.path}\x00{stat.st_size}\x00{stat.st_mtime_ns}\x00"
            except OSError:
                line = f"{entry.path}\x00unreadable\x00"
            h.update(line.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


@st.cache_resource(show_spinner=False)
def packs() -> SharedCache[bytes]:
    """Briefing packs already made, per corpus and format (PDF/PPTX files of a few MB)."""
    return SharedCache(max_bytes=64 * 2**20, max_idle=30 * 60, size=len)


class ViewMemo:
    """What pages make of an analysis (figures, tables), kept for the next rerun and the
    next visitor: the ``max_entries`` most recently used results, by analysis, name and
    key. A page reruns on every click; at 100,000 articles remaking its charts took
    seconds each time."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, analysis: Analysis, name: str, key: Hashable, compute: Callable[[], _V]) -> _V:
        """``compute()`` for ``analysis``, made once per ``name`` and ``key`` (everything
        else the result depends on: the filters, a threshold, a subtitle) while kept.

        The result is shared: callers must not change it."""
        corpus = analysis.corpus
        full = (id(analysis), corpus.fingerprint, corpus.name, corpus.version, name, key)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                return cast(_V, self._items[full])
        value = compute()  # outside the lock: two sessions may both make it, once
        with self._lock:
            self._items[full] = value
            self._items.move_to_end(full)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value


VIEW_MEMO_ENTRIES = 48
"""Results :func:`views` keeps (a few per page and filter)."""


@st.cache_resource(show_spinner=False)
def views() -> ViewMemo:
    """What pages made of analyses, shared by every session of this server."""
    return ViewMemo(VIEW_MEMO_ENTRIES)
