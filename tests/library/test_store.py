from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from natojp.errors import LibraryError
from natojp.library import Library, corpus_id
from tests import ROOT, SEEDS
from tests.library.helpers import BRIDGE, FERRY, HARBOUR, HARBOUR_V2, cleaned, write

STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library.create(tmp_path / "story.natojp")


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    Library.create(tmp_path / "a.natojp")
    with pytest.raises(LibraryError, match="already there"):
        Library.create(tmp_path / "a.natojp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.natojp"]  # no leftovers


def test_a_new_library_is_empty(lib: Library) -> None:
    again = Library.open(lib.path)
    assert again.articles() == () and again.versions() == () and again.skipped() == ()
    assert again.meta["format"] == "natojp-library" and again.meta["schema_version"] == "1"
    assert again.current() == (0, corpus_id(()))


def test_current_counts_and_fingerprints_in_the_database_as_corpus_id_does(
    lib: Library, tmp_path: Path
) -> None:
    lib.add([write(tmp_path / "in", {"harbour.txt": HARBOUR})])
    assert lib.current() == (1, corpus_id(lib.hashes()))
    lib.add([write(tmp_path / "more", {"ferry.txt": FERRY, "bridge.txt": BRIDGE})])
    hashes = lib.hashes()
    assert lib.current() == (3, corpus_id(hashes)) == (3, corpus_id(hashes[::-1]))
    lib.remove(["ferry"])
    assert lib.current() == (2, corpus_id(lib.hashes())) and lib.fingerprint() == lib.current()[1]


def test_add_stores_what_cleaning_gives(lib: Library, tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"harbour.txt": HARBOUR, "ferry.txt": FERRY, "empty.txt": ""})
    result = lib.add([src])
    assert result.added == ("ferry", "harbour") and result.replaced == ()
    assert [s.path for s in result.skipped] == ["in/empty.txt"]
    assert list(Library.open(lib.path).articles()) == cleaned([src])
    assert lib.skipped() == result.skipped


def test_re_adding_the_same_content_is_a_no_op(lib: Library, tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"harbour.txt": HARBOUR, "ferry.txt": FERRY})
    lib.add([src])
    before = (lib.articles(), lib.hashes())
    again = lib.add([src])
    assert again.added == () and again.unchanged == ("ferry", "harbour")
    assert (lib.articles(), lib.hashes()) == before
    with duckdb.connect(str(lib.path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)


def test_a_new_text_of_an_article_replaces_it(lib: Library, tmp_path: Path) -> None:
    lib.add([write(tmp_path / "week1", {"harbour.txt": HARBOUR, "ferry.txt": FERRY})])
    old = lib.hashes()
    result = lib.add([write(tmp_path / "week2", {"harbour.txt": HARBOUR_V2})])
    assert result.added == ("harbour",) and result.replaced == ("harbour",)
    current = {a.id: a for a in lib.articles()}
    assert sorted(current) == ["ferry", "harbour"]  # a new version, not a duplicate
    assert "fourteen" in current["harbour"].body
    assert len(set(lib.hashes()) - set(old)) == 1
    # the earlier text comes back as it was when re-added
    back = lib.add([tmp_path / "week1"])
    assert back.added == () and sorted(back.unchanged) == ["ferry", "harbour"]
    assert "twelve" in {a.id: a for a in lib.articles()}["harbour"].body


def test_the_same_url_in_a_later_add_is_a_new_version(lib: Library, tmp_path: Path) -> None:
    page = "---\nurl: https://news.example.org/harbour\n---\n"
    lib.add([write(tmp_path / "a", {"first.md": page + HARBOUR, "ferry.md": FERRY})])
    result = lib.add([write(tmp_path / "b", {"second.md": page + HARBOUR_V2})])
    assert result.replaced == ("second",)
    assert sorted(a.id for a in lib.articles()) == ["ferry", "second"]


def test_remove(lib: Library, tmp_path: Path) -> None:
    lib.add([write(tmp_path / "in", {"harbour.txt": HARBOUR, "ferry.txt": FERRY})])
    assert lib.remove(["ferry", "nothing"]) == ("ferry",)
    assert [a.id for a in lib.articles()] == ["harbour"]
    assert lib.remove(["ferry"]) == ()
    assert lib.add([tmp_path / "in"]).unchanged == ("ferry", "harbour")  # re-added, not re-cleaned
    assert [a.id for a in lib.articles()] == ["harbour", "ferry"]
    assert [e["action"] for e in lib.log()] == ["add", "remove", "remove", "add"]


def test_a_frozen_version_never_changes(lib: Library, tmp_path: Path) -> None:
    lib.add([write(tmp_path / "in", {"harbour.txt": HARBOUR, "ferry.txt": FERRY})])
    articles = lib.articles()
    v1 = lib.freeze("first brief")
    assert v1.id == corpus_id(lib.hashes()) == lib.fingerprint()
    assert (v1.articles, v1.note, lib.freeze().id) == (2, "first brief", v1.id)
    assert json.loads(v1.settings)["clean"]["off_topic"] is True
    lib.add([write(tmp_path / "more", {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR_V2})])
    lib.remove(["ferry"])
    v2 = lib.freeze()
    assert lib.articles(v1.id) == articles
    assert [a.id for a in lib.articles(v2.id)] == ["bridge", "harbour"]
    assert [v.id for v in lib.versions()] == [v1.id, v2.id]
    assert Library.open(lib.path).articles(v1.id) == articles  # read-only, from disk
    with pytest.raises(LibraryError, match="no version"):
        lib.articles("0123456789abcdef")
    with pytest.raises(LibraryError, match="no version"):
        lib.articles("x' OR 1=1 --")


def test_export_to_parquet(lib: Library, tmp_path: Path) -> None:
    lib.add([write(tmp_path / "in", {"harbour.txt": HARBOUR, "ferry.txt": FERRY, "e.txt": ""})])
    v = lib.freeze()
    lib.remove(["ferry"])
    files = lib.export(v.id, tmp_path / "out")
    assert sorted(p.name for p in files) == [
        "articles.parquet",
        "evidence.parquet",
        "paragraphs.parquet",
        "removals.parquet",
        "skipped.parquet",
        "version.json",
    ]
    con = duckdb.connect()
    out = tmp_path / "out"
    ids = con.execute(f"SELECT id FROM '{out}/articles.parquet' ORDER BY seq").fetchall()
    assert ids == [("ferry",), ("harbour",)]
    paras = con.execute(f"SELECT count(*) FROM '{out}/paragraphs.parquet'").fetchone()
    assert paras == (sum(len(a.paragraphs) for a in lib.articles(v.id)),)
    assert con.execute(f"SELECT path FROM '{out}/skipped.parquet'").fetchall() == [("in/e.txt",)]
    assert json.loads((out / "version.json").read_text())["fingerprint"] == v.id


def test_read_only_refuses_changes(lib: Library, tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="read-only"):
        Library.open(lib.path).add([write(tmp_path / "in", {"a.txt": HARBOUR})])


HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


@pytest.mark.parametrize("corpus", [STORY40, SEEDS, HOSTILE], ids=["story40", "seeds", "hostile"])
def test_round_trip_of_a_real_corpus(tmp_path: Path, corpus: Path) -> None:
    lib = Library.create(tmp_path / "l.natojp")
    result = lib.add([corpus], batch_size=7)
    assert list(Library.open(lib.path).articles()) == cleaned([corpus])
    assert len(result.added) == len(cleaned([corpus]))
    assert lib.add([corpus]).added == ()


# --- kill -9 in the middle of an add ------------------------------------------------------

_KILLED_ADD = """
import sys
from natojp.library import Library
from natojp.library._store import Library as L

original = L._insert_skipped
batches = 0

def slow(con, batch, skips):
    # runs inside each batch's transaction, after its articles were inserted
    global batches
    original(con, batch, skips)
    batches += 1
    if batches == 4:  # the 3rd article batch (the 1st call records ingest skips)
        print("inside", flush=True)
        import time
        time.sleep(60)

L._insert_skipped = staticmethod(slow)
lib = Library.open(sys.argv[1], read_only=False)
lib.add([sys.argv[2]], batch_size=5, progress=lambda label, f: print(label, flush=True))
"""


@pytest.mark.slow
def test_kill_9_during_an_add_keeps_the_committed_batches(tmp_path: Path) -> None:
    lib = Library.create(tmp_path / "l.natojp")
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED_ADD), str(lib.path), str(STORY40)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line.strip())
        if line.strip() == "inside":
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert lines == ["Added 5 of 40 documents", "Added 10 of 40 documents", "inside"]

    expected = cleaned([STORY40])
    opened = Library.open(lib.path)  # read-only: the WAL is read, nothing is written
    assert list(opened.articles()) == expected[:10]
    with duckdb.connect(str(lib.path), read_only=True) as con:
        for table in ("paragraphs", "removals", "evidence", "members"):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE hash NOT IN (SELECT hash FROM articles)"
            ).fetchone()
            assert orphans == (0,), table
    assert opened.log()[0]["finished_at"] is None  # the interrupted add is recorded as such
    # adding again finishes the job
    rest = Library.open(lib.path, read_only=False).add([STORY40])
    assert len(rest.added) == 30 and len(rest.unchanged) == 10
    assert list(opened.articles()) == expected
