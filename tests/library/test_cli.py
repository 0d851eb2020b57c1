from __future__ import annotations

import argparse
import io
from pathlib import Path

import duckdb
import pytest

from natojp.errors import LibraryError
from natojp.library.cli import register, run
from tests.library.helpers import FERRY, HARBOUR, write


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="natojp")
    register(parser.add_subparsers(dest="command", required=True))
    return parser


def _run(*argv: str) -> tuple[int, str]:
    args = _parser().parse_args(["library", *argv])
    assert args.command == "library"
    out = io.StringIO()
    return run(args, out), out.getvalue()


def test_a_session_of_commands(tmp_path: Path) -> None:
    lib = str(tmp_path / "story.natojp")
    src = write(tmp_path / "in", {"harbour.txt": HARBOUR, "ferry.txt": FERRY, "e.txt": ""})
    assert _run("init", lib) == (0, f"created {lib} (empty library)\n")
    code, text = _run("add", lib, str(src))
    assert code == 0
    assert text.splitlines()[0] == (
        "added 2 articles (0 replacing an earlier text), 0 already there, 1 inputs skipped"
    )
    assert "skipped in/e.txt" in text
    assert _run("add", lib, str(src), "-q") == (0, "")
    code, text = _run("list", lib)
    assert [line.split("  ")[0] for line in text.splitlines()] == ["ferry", "harbour"]
    assert text.splitlines()[1].split("  ")[1] == "2025-03-04"
    code, text = _run("freeze", lib, "--note", "brief of 5 March")
    version = text.split()[1]
    assert code == 0 and "(2 articles," in text
    assert _run("remove", lib, "ferry", "ghost") == (
        1,
        "removed 1 articles\n  not in the current articles: ghost\n",
    )
    assert _run("list", lib)[1].startswith("harbour  ")
    assert [
        ln.split("  ")[0] for ln in _run("list", lib, "--version", version)[1].splitlines()
    ] == [
        "ferry",
        "harbour",
    ]
    code, text = _run("list", lib, "--versions")
    assert text.startswith(version) and text.rstrip().endswith("brief of 5 March")
    out = tmp_path / "export"
    assert _run("export", lib, "--version", version, "-o", str(out)) == (
        0,
        f"wrote 6 files to {out}\n",
    )
    rows = duckdb.connect().execute(f"SELECT count(*) FROM '{out}/articles.parquet'").fetchone()
    assert rows == (2,)


def test_errors_are_natojp_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a library")
    with pytest.raises(LibraryError, match="not a DuckDB database"):
        _run("list", str(tmp_path / "notes.txt"))
    with pytest.raises(LibraryError, match="no library here"):
        _run("add", str(tmp_path / "none.natojp"), str(tmp_path))
