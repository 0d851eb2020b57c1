from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from natojp.errors import LibraryError, NatojpError
from natojp.library import SCHEMA_VERSION, Library
from tests import ROOT
from tests.library.helpers import FERRY, HARBOUR, write

STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, match: str) -> None:
    """Every way of opening ``path`` is refused with ``match`` and changes nothing."""
    before = sorted(p.name for p in path.parent.iterdir())
    digest = _digest(path)
    for read_only in (True, False):
        with pytest.raises(LibraryError, match=match) as err:
            Library.open(path, read_only=read_only)
        assert err.value.path == str(path)
    assert _digest(path) == digest
    assert sorted(p.name for p in path.parent.iterdir()) == before  # no .wal, no temp file


def test_library_error_is_a_natojp_error() -> None:
    assert issubclass(LibraryError, NatojpError)


def test_a_missing_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no library here"):
        Library.open(tmp_path / "none.natojp")
    assert list(tmp_path.iterdir()) == []


def test_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.natojp"
    path.write_text("these are my notes, not a library\n" * 50)
    _refused(path, "not a DuckDB database")


def test_a_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        con.execute("INSERT INTO meta VALUES ('format', 'natojp-library')")
    _refused(path, "not a DuckDB database")


def test_another_programs_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sales.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE sales AS SELECT range AS n FROM range(10)")
    _refused(path, "without natojp's meta table")


def test_a_library_of_a_newer_natojp_is_refused(tmp_path: Path) -> None:
    lib = Library.create(tmp_path / "new.natojp")
    with duckdb.connect(str(lib.path)) as con:
        con.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)]
        )
        con.execute("UPDATE meta SET value = '9.0' WHERE key = 'written_by'")
    _refused(lib.path, r"newer natojp \(9.0, library schema 2; this natojp reads up to 1\)")
    # an object opened before the upgrade does not write either
    digest = _digest(lib.path)
    with pytest.raises(LibraryError, match="newer natojp"):
        lib.add([write(tmp_path / "in", {"a.txt": HARBOUR})])
    assert _digest(lib.path) == digest


@pytest.mark.parametrize("where", ["header", "truncated"])
def test_a_damaged_library_is_refused(tmp_path: Path, where: str) -> None:
    lib = Library.create(tmp_path / "l.natojp")
    lib.add([write(tmp_path / "in", {"harbour.txt": HARBOUR, "ferry.txt": FERRY})])
    data = bytearray(lib.path.read_bytes())
    if where == "header":  # the database headers after the magic bytes
        data[4096:12288] = b"\xff" * 8192
    else:
        data = data[: len(data) // 3]
    lib.path.write_bytes(bytes(data))
    _refused(lib.path, "Corrupt database file" if where == "header" else "damaged: the file has")


_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.mark.slow
def test_a_reader_waits_for_a_writer_then_gives_a_clear_error(tmp_path: Path) -> None:
    lib = Library.create(tmp_path / "l.natojp")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_HOLD), str(lib.path), "30"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        start = time.monotonic()
        with pytest.raises(LibraryError, match=r"busy: another process has held it for 0.5 s"):
            Library.open(lib.path, timeout=0.5)
        assert time.monotonic() - start < 5
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert Library.open(lib.path).articles() == ()


_WRITER = """
import sys, time
from natojp.library import Library

def progress(label, fraction):
    # called after each batch's commit, the file released: stands for the time a
    # real batch (2,000 documents) spends cleaning before it takes the file again
    print(label, flush=True)
    time.sleep(0.3)

lib = Library.open(sys.argv[1], read_only=False, timeout=60)
lib.add([sys.argv[2]], batch_size=2, progress=progress)
print("done", flush=True)
"""


@pytest.mark.slow
def test_a_reader_process_sees_only_committed_batches_while_a_writer_adds(tmp_path: Path) -> None:
    lib = Library.create(tmp_path / "l.natojp")
    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_WRITER), str(lib.path), str(STORY40)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[int] = []
    try:
        reader = Library.open(lib.path, timeout=60)
        while writer.poll() is None:
            seen.append(len(reader.articles()))
            time.sleep(0.05)
        out, err = writer.communicate(timeout=120)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=30)
    assert writer.returncode == 0 and out.splitlines()[-1] == "done", err
    seen.append(len(reader.articles()))
    assert seen == sorted(seen) and all(n % 2 == 0 for n in seen), seen  # whole batches only
    assert any(0 < n < 40 for n in seen), seen  # it read while the add was going on
    assert seen[-1] == 40
