"""The library file: its tables, its ``meta`` record, and how a connection is opened.

A library is one DuckDB file. ``meta`` says it is a natojp library, its schema version
and the natojp versions that created it and wrote it last. Articles are stored once per
content hash (``articles`` and its detail tables ``paragraphs``, ``removals``,
``evidence``); ``members`` lists the current articles in order; a frozen version lists
its own (``version_members``), so later adds and removes never change it. The detail
tables have no key index (on 10,000 articles one made the file 40% larger and the add
slower): their rows are written only with their article, in the same transaction,
by the writer that checked the article's hash was new.

Concurrency (DuckDB: one process may open a file read-write, and then no other process
may open it, not even read-only; any number of processes may open it read-only when no
writer holds it): a :class:`~natojp.library.Library` never keeps the file open. Each
read and each write batch opens a connection, does its work in one transaction and
closes it, so a writer holds the file while it stores one batch (not while it cleans the
next one) and a reader for one query. A connection refused because another process holds
the file is retried every 0.1 s at most until ``timeout`` seconds have passed, then
:class:`~natojp.errors.LibraryError` says so: a reader gets in while an add cleans its
next batch.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from natojp.errors import LibraryError

FORMAT = "natojp-library"
SCHEMA_VERSION = 1
"""The schema this natojp writes; a library with a larger number is refused."""

DEFAULT_TIMEOUT = 10.0
"""Seconds to wait for another process to release the file before giving up."""

_HEADERS = 3 * 4096  # the file header and the two database headers, before the blocks
_MAGIC = b"DUCK"  # a DuckDB file has these bytes at offset 8
_CONFIG = {
    # never fetch an extension (a SQLite file makes DuckDB try to download one)
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
}

TABLES = (
    """CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
    """CREATE TABLE batches (
        batch INTEGER PRIMARY KEY,
        action VARCHAR NOT NULL,          -- add | remove
        started_at VARCHAR NOT NULL,
        finished_at VARCHAR,              -- NULL: interrupted (its committed parts stay)
        natojp_version VARCHAR NOT NULL,
        detail VARCHAR NOT NULL           -- JSON: paths, counts, settings
    )""",
    """CREATE TABLE articles (
        hash VARCHAR PRIMARY KEY,         -- content hash of the input document
        id VARCHAR NOT NULL,
        source_path VARCHAR NOT NULL,
        title VARCHAR,
        title_derived BOOLEAN NOT NULL,
        outlet VARCHAR,
        outlet_basis VARCHAR,
        outlet_country VARCHAR,
        outlet_type VARCHAR,
        published VARCHAR,                -- ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD
        published_basis VARCHAR,
        updated VARCHAR,
        url VARCHAR,
        format VARCHAR NOT NULL,
        encoding VARCHAR,
        language VARCHAR,
        notes VARCHAR[] NOT NULL,
        wires VARCHAR[] NOT NULL,
        words INTEGER NOT NULL,
        batch INTEGER NOT NULL,           -- the add that stored it
        supersedes VARCHAR                -- hash of the earlier text of this article
    )""",
    """CREATE TABLE paragraphs (
        hash VARCHAR NOT NULL, n INTEGER NOT NULL, line INTEGER, text VARCHAR NOT NULL
    )""",
    """CREATE TABLE removals (
        hash VARCHAR NOT NULL, n INTEGER NOT NULL, line INTEGER, text VARCHAR NOT NULL,
        reason VARCHAR NOT NULL, detail VARCHAR NOT NULL
    )""",
    """CREATE TABLE evidence (
        hash VARCHAR NOT NULL,
        field VARCHAR NOT NULL,           -- outlet | published | updated | wire
        n INTEGER NOT NULL,
        basis VARCHAR NOT NULL, text VARCHAR NOT NULL, line INTEGER
    )""",
    """CREATE TABLE members (hash VARCHAR PRIMARY KEY, seq BIGINT NOT NULL)""",
    """CREATE TABLE skipped (
        seq BIGINT PRIMARY KEY, batch INTEGER NOT NULL, hash VARCHAR,
        path VARCHAR NOT NULL, reason VARCHAR NOT NULL, line INTEGER
    )""",
    """CREATE TABLE versions (
        version VARCHAR PRIMARY KEY,
        n INTEGER NOT NULL,               -- 1, 2, ...: the order they were frozen in
        created_at VARCHAR NOT NULL,
        natojp_version VARCHAR NOT NULL, settings VARCHAR NOT NULL, note VARCHAR,
        articles INTEGER NOT NULL, skipped INTEGER NOT NULL
    )""",
    """CREATE TABLE version_members (
        version VARCHAR NOT NULL, hash VARCHAR NOT NULL, seq BIGINT NOT NULL,
        PRIMARY KEY (version, hash)
    )""",
    """CREATE TABLE version_skipped (
        version VARCHAR NOT NULL, seq BIGINT NOT NULL,
        path VARCHAR NOT NULL, reason VARCHAR NOT NULL, line INTEGER,
        PRIMARY KEY (version, seq)
    )""",
)


def _busy(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "could not set lock" in text or "conflicting lock" in text


def check_file(path: Path) -> None:
    """Refuse a path that is not an existing DuckDB file, reading only its header."""
    if not path.is_file():
        raise LibraryError("no library here (run `natojp library init` first)", path=str(path))
    with path.open("rb") as f:
        head = f.read(12)
    if head[8:12] != _MAGIC:
        raise LibraryError(
            "not a natojp library: the file is not a DuckDB database (another program's "
            "file, or a damaged one)",
            path=str(path),
        )


@contextlib.contextmanager
def connect(
    path: Path, *, read_only: bool, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the library at ``path``, closed on exit; waits up to ``timeout``
    seconds while another process holds the file."""
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=dict(_CONFIG))
            break
        except duckdb.Error as exc:
            if not _busy(exc):
                raise LibraryError(
                    f"cannot open the library: {str(exc).splitlines()[0]}", path=str(path)
                ) from exc
            if time.monotonic() >= deadline:
                raise LibraryError(
                    f"the library is busy: another process has held it for {timeout:g} s "
                    "(an add in progress?); try again when it has finished",
                    path=str(path),
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.1)  # short: a writer releases the file between batches
    try:
        yield con
    except duckdb.Error as exc:
        raise LibraryError(
            f"cannot read or change the library (damaged?): {str(exc).splitlines()[0]}",
            path=str(path),
        ) from exc
    finally:
        con.close()


def check_size(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a file too short to hold the blocks its header says are in use (a
    truncated copy). Free blocks are not counted: DuckDB may cut them off the end."""
    rows = con.execute("SELECT block_size, used_blocks FROM pragma_database_size()").fetchall()
    if not rows:
        return
    needed = _HEADERS + int(rows[0][0]) * int(rows[0][1])
    actual = path.stat().st_size
    if actual < needed:
        raise LibraryError(
            f"the library is damaged: the file has {actual:,} bytes, too few for the "
            f"{int(rows[0][1])} blocks in use (a truncated copy?)",
            path=str(path),
        )


def read_meta(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    """The ``meta`` record, after checking that this natojp can read the library."""
    try:
        rows = con.execute("SELECT key, value FROM meta").fetchall()
    except duckdb.Error as exc:
        raise LibraryError(
            "not a natojp library: a DuckDB database without natojp's meta table",
            path=str(path),
        ) from exc
    meta = {str(k): str(v) for k, v in rows}
    if meta.get("format") != FORMAT:
        raise LibraryError("not a natojp library (its meta table says otherwise)", path=str(path))
    try:
        schema = int(meta.get("schema_version", ""))
    except ValueError as exc:
        raise LibraryError("the library's schema version is unreadable", path=str(path)) from exc
    if schema > SCHEMA_VERSION:
        raise LibraryError(
            f"the library was written by a newer natojp ({meta.get('written_by', '?')}, "
            f"library schema {schema}; this natojp reads up to {SCHEMA_VERSION}): "
            "upgrade natojp to open it",
            path=str(path),
        )
    return meta
