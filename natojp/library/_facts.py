"""The facts of articles (:mod:`natojp.facts`) kept on this machine, so that an
analysis of a library reads only the articles no analysis has read before.

An article's facts depend on its content (the library's content hash), the taxonomy
and natojp's version (:func:`natojp.facts.facts_key`): that is their key. They live
beside the analysis snapshots (:class:`~natojp.library.AnalysisCache`), in one SQLite
file, for the reasons the snapshots live there: they are derived and can always be
read again from the library, they would make the shared library file about half as
large again (measured: as JSON they are about as large as the article texts), and they
are pickles, which must only ever be read by the user who wrote them (the folder is
readable by its owner only).

Each article's facts are kept in two parts (:data:`natojp.facts.Part`), so that each
process of an analysis loads only the part it uses: the process beside loads the areas
and dates, the analysing one the mentions and specifics, at the same time.

Reading never raises: a missing, damaged or unreadable store, or a fact that fails to
load, is a miss (those articles are read again). Writes go in one transaction, so a
crash leaves the facts of none or all of the articles of a write; a failure to write
(a full disk, a store locked for too long) only costs the next analysis the reading.
Any number of processes may read and write the store at once (SQLite's locking, with
its write-ahead log).
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from natojp.facts import ArticleFacts, Part

FILE_NAME = "facts-1.sqlite"  # the number: the layout of its table
_TIMEOUT = 30.0  # seconds to wait for another process's write
_SCHEMA = """CREATE TABLE IF NOT EXISTS facts (
    key TEXT NOT NULL,
    hash TEXT NOT NULL,
    stages BLOB NOT NULL,     -- pickled (AreaRow, dates): the part "stages"
    mentions BLOB NOT NULL,   -- pickled (ArticleMentions, Specifics | None): "mentions"
    PRIMARY KEY (key, hash)
) WITHOUT ROWID"""


class FactsStore:
    """Facts of articles by (key, content hash), in the SQLite file ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        if write:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        elif not self.path.is_file():
            raise FileNotFoundError(self.path)
        con = sqlite3.connect(self.path, timeout=_TIMEOUT, isolation_level=None)
        try:
            if write:
                con.execute("PRAGMA journal_mode=WAL")
                con.execute(_SCHEMA)
            yield con
        finally:
            con.close()

    def get(self, key: str, hashes: Sequence[str]) -> dict[str, ArticleFacts]:
        """The facts kept under ``key`` of the articles with these content hashes (those
        that have some), by hash."""
        from natojp.facts import ArticleFacts

        stages = self.get_part(key, hashes, "stages")
        mentions = self.get_part(key, hashes, "mentions")
        return {h: ArticleFacts(*stages[h], *mentions[h]) for h in stages.keys() & mentions.keys()}

    def get_part(self, key: str, hashes: Sequence[str], part: Part) -> dict[str, tuple[Any, ...]]:
        """One part of the facts kept under ``key`` (:data:`natojp.facts.Part`) of the
        articles with these content hashes, by hash: ``(areas, dates)`` or
        ``(mentions, specifics)``."""
        column = {"stages": "stages", "mentions": "mentions"}[part]
        if not hashes:
            return {}
        found: dict[str, tuple[Any, ...]] = {}
        try:
            with self._connect(write=False) as con:
                con.execute("CREATE TEMP TABLE wanted (hash TEXT PRIMARY KEY)")
                con.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((h,) for h in hashes))
                rows = con.execute(
                    f"SELECT f.hash, f.{column} FROM facts f JOIN wanted w ON w.hash = f.hash "
                    "WHERE f.key = ?",
                    (key,),
                )
                for h, data in rows:
                    with contextlib.suppress(Exception):  # damaged: read it again
                        value = pickle.loads(data)
                        if isinstance(value, tuple) and len(value) == 2:
                            found[str(h)] = value
        except (OSError, sqlite3.Error):
            return found
        return found

    def put(self, key: str, facts: Mapping[str, ArticleFacts]) -> bool:
        """Keep ``facts`` (by content hash) under ``key``; whether they were written."""
        if not facts:
            return True
        protocol = pickle.HIGHEST_PROTOCOL
        rows = [
            (
                key,
                h,
                pickle.dumps((f.areas, f.dates), protocol=protocol),
                pickle.dumps((f.mentions, f.specifics), protocol=protocol),
            )
            for h, f in facts.items()
        ]
        try:
            with self._connect(write=True) as con:
                con.execute("BEGIN IMMEDIATE")
                try:
                    con.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", rows)
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
        except (OSError, sqlite3.Error, pickle.PicklingError, RecursionError):
            return False
        return True

    def drop(self, keep: str | None = None) -> int:
        """Delete the facts kept under keys other than ``keep`` (every fact when
        ``None``); how many."""
        try:
            with self._connect(write=True) as con:
                if keep is None:
                    cur = con.execute("DELETE FROM facts")
                else:
                    cur = con.execute("DELETE FROM facts WHERE key <> ?", (keep,))
                return int(cur.rowcount)
        except (OSError, sqlite3.Error):
            return 0

    def drop_other_versions(self, natojp_version: str) -> int:
        """Delete the facts another version of natojp read (keys ``VERSION:...``, see
        :func:`natojp.facts.facts_key`): no analysis by this one reads them; how many."""
        if not self.path.is_file():
            return 0
        try:
            with self._connect(write=True) as con:
                cur = con.execute(
                    "DELETE FROM facts WHERE substr(key, 1, ?) <> ?",
                    (len(natojp_version) + 1, f"{natojp_version}:"),
                )
                return int(cur.rowcount)
        except (OSError, sqlite3.Error):
            return 0

    def size(self) -> int:
        """Bytes on disk (with the write-ahead log)."""
        total = 0
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                total += self.path.with_name(self.path.name + suffix).stat().st_size
        return total
