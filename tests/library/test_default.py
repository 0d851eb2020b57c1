"""The dashboard's libraries: where they are found, and the library of the seeds a first
run makes (once, whole, even when several processes start together)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from natojp.errors import LibraryError
from natojp.library import (
    LIBRARY_ENV,
    SEEDS_LIBRARY,
    Library,
    ensure_libraries,
    find_libraries,
    library_home,
)
from tests import SEEDS


def test_library_home_comes_from_the_environment_or_the_user_data_folder(tmp_path: Path) -> None:
    assert library_home({LIBRARY_ENV: str(tmp_path / "x.natojp")}) == tmp_path / "x.natojp"
    assert library_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "natojp" / "libraries"
    assert library_home({LIBRARY_ENV: "  "}).name == "libraries"


def test_find_libraries_lists_library_files_by_name_and_skips_hidden_ones(tmp_path: Path) -> None:
    for name in ("b.natojp", "A.duckdb", ".c.natojp.123.creating", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "folder.natojp").mkdir()
    assert [p.name for p in find_libraries(tmp_path)] == ["A.duckdb", "b.natojp"]
    assert find_libraries(tmp_path / "b.natojp") == (tmp_path / "b.natojp",)
    assert find_libraries(tmp_path / "missing") == ()


def test_a_first_run_makes_a_library_of_the_seeds_once(tmp_path: Path) -> None:
    home = tmp_path / "libs"
    (found,) = ensure_libraries(home, SEEDS)
    assert found == home / SEEDS_LIBRARY
    lib = Library.open(found)
    seeds = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert sorted(a.id for a in lib.articles()) == seeds
    batches = len(lib.log())
    assert ensure_libraries(home, SEEDS) == (found,)  # the second run adds nothing
    assert len(Library.open(found).log()) == batches


def test_a_library_file_named_by_the_operator_is_made_at_that_name(tmp_path: Path) -> None:
    target = tmp_path / "story.natojp"
    assert ensure_libraries(target, SEEDS) == (target,)
    assert Library.open(target).articles()


def test_an_unwritable_place_is_a_clear_library_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LibraryError, match="cannot make the library folder"):
        ensure_libraries(blocker / "libs", SEEDS)


def _ensure(home: str) -> str:
    return str(ensure_libraries(Path(home), SEEDS)[0])


def test_processes_starting_together_make_one_whole_library(tmp_path: Path) -> None:
    home = tmp_path / "libs"
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        made = pool.map(_ensure, [str(home)] * 3)
    assert set(made) == {str(home / SEEDS_LIBRARY)}
    assert [p.name for p in home.iterdir()] == [SEEDS_LIBRARY]  # no leftovers
    assert len(Library.open(home / SEEDS_LIBRARY).articles()) == len(list(SEEDS.glob("*.txt")))
