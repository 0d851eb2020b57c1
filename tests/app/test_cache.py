"""The cache shared by all sessions, and the keys corpora are kept by."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from natojp.analysis import Analysis
from natojp.app.cache import SharedCache, ViewMemo, folder_key


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_cache_keeps_what_fits_the_byte_budget_least_recently_used_first() -> None:
    cache: SharedCache[bytes] = SharedCache(max_bytes=100, max_idle=3600, size=len)
    for key in "abc":
        cache.get(key, lambda: b"x" * 40)
    assert len(cache) == 2 and cache.nbytes == 80
    assert "a" not in cache and {"b", "c"} <= {k for k in "abc" if k in cache}
    cache.get("b", lambda: b"")  # a hit: "b" becomes the most recent
    cache.get("d", lambda: b"y" * 40)
    assert "c" not in cache and "b" in cache and "d" in cache


def test_a_peek_neither_computes_nor_counts_as_a_use() -> None:
    cache: SharedCache[bytes] = SharedCache(max_bytes=100, max_idle=3600, size=len)
    assert cache.peek("a") is None and "a" not in cache
    cache.get("a", lambda: b"x" * 40)
    cache.get("b", lambda: b"y" * 40)
    assert cache.peek("a") == b"x" * 40  # "a" stays the least recently used
    cache.get("c", lambda: b"z" * 40)
    assert cache.peek("a") is None and cache.peek("b") == b"y" * 40


def test_the_newest_entry_is_kept_even_alone_over_the_budget() -> None:
    cache: SharedCache[bytes] = SharedCache(max_bytes=10, max_idle=3600, size=len)
    cache.get("small", lambda: b"x" * 5)
    big = cache.get("big", lambda: b"y" * 50)
    assert big == b"y" * 50 and "big" in cache and "small" not in cache
    assert cache.get("big", lambda: pytest.fail("recomputed")) == big


def test_idle_entries_expire_on_a_sweep_and_on_the_next_insert() -> None:
    clock = Clock()
    cache: SharedCache[bytes] = SharedCache(max_bytes=1000, max_idle=60, size=len, clock=clock)
    cache.get("old", lambda: b"x")
    clock.now = 30
    cache.get("used", lambda: b"x")
    clock.now = 61
    assert cache.sweep() == 1
    assert "old" not in cache and "used" in cache
    clock.now = 200
    cache.get("new", lambda: b"x")
    assert "used" not in cache and "new" in cache


def test_a_sweep_measures_entries_again_as_they_grow() -> None:
    # A kept analysis reads its parts when pages first use them: it grows after insertion.
    cache: SharedCache[list[int]] = SharedCache(max_bytes=100, max_idle=3600, size=len)
    old = cache.get("old", lambda: [0] * 10)
    new = cache.get("new", lambda: [0] * 10)
    assert cache.nbytes == 20
    old.extend([0] * 50)
    new.extend([0] * 50)
    assert cache.nbytes == 20  # not seen until measured again
    assert cache.sweep() == 1  # 120 bytes over a budget of 100: the older one goes
    assert "old" not in cache and "new" in cache and cache.nbytes == 60


def test_a_sweep_keeps_the_most_recent_entry_over_the_budget_until_it_is_idle() -> None:
    clock = Clock()
    cache: SharedCache[bytes] = SharedCache(max_bytes=10, max_idle=60, size=len, clock=clock)
    cache.get("big", lambda: b"x" * 50)  # alone over the budget: a session is using it
    clock.now = 59
    assert cache.sweep() == 0 and "big" in cache
    clock.now = 61
    assert cache.sweep() == 1 and "big" not in cache


def test_a_value_asked_for_by_many_sessions_at_once_is_computed_once() -> None:
    cache: SharedCache[int] = SharedCache(max_bytes=1000, max_idle=60, size=lambda _: 1)
    calls: list[int] = []
    gate = threading.Event()

    def compute() -> int:
        calls.append(1)
        gate.wait(5)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("k", compute))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    time.sleep(0.1)
    gate.set()
    for t in threads:
        t.join(5)
    assert results == [42] * 8 and calls == [1]


def test_the_folder_key_follows_names_sizes_and_times_without_reading_files(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block: the key only stats it
    first = folder_key(tmp_path)
    assert folder_key(tmp_path) == first
    (tmp_path / ".hidden").write_text("changed, still ignored", encoding="utf-8")
    assert folder_key(tmp_path) == first
    (tmp_path / "a.txt").write_text("two!", encoding="utf-8")
    assert folder_key(tmp_path) != first
    second = folder_key(tmp_path)
    os.utime(tmp_path / "a.txt", ns=(1, 1))
    assert folder_key(tmp_path) != second
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b", encoding="utf-8")
    assert folder_key(tmp_path) not in {first, second}


def test_the_folder_key_of_a_file_and_of_a_missing_path(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("text\nhello\n", encoding="utf-8")
    key = folder_key(export)
    export.write_text("text\nhello again\n", encoding="utf-8")
    assert folder_key(export) != key
    assert folder_key(tmp_path / "missing") == folder_key(tmp_path / "missing")


def test_a_view_is_made_once_per_analysis_name_and_key(seeds: Analysis) -> None:
    memo = ViewMemo(max_entries=8)
    made: list[str] = []

    def make(what: str) -> list[str]:
        made.append(what)
        return [what]

    first = memo.get(seeds, "chart", ("filters", 1), lambda: make("a"))
    assert memo.get(seeds, "chart", ("filters", 1), lambda: make("b")) is first
    assert memo.get(seeds, "chart", ("filters", 2), lambda: make("c")) == ["c"]
    assert memo.get(seeds, "table", ("filters", 1), lambda: make("d")) == ["d"]
    other = seeds.with_corpus(seeds.corpus)  # another analysis object: its own views
    assert memo.get(other, "chart", ("filters", 1), lambda: make("e")) == ["e"]
    assert made == ["a", "c", "d", "e"]


def test_the_view_memo_keeps_the_most_recently_used(seeds: Analysis) -> None:
    memo = ViewMemo(max_entries=2)
    memo.get(seeds, "v", 1, lambda: 1)
    memo.get(seeds, "v", 2, lambda: 2)
    memo.get(seeds, "v", 1, lambda: pytest.fail("kept"))  # 1 is now the most recent
    memo.get(seeds, "v", 3, lambda: 3)  # 2 goes
    assert len(memo) == 2
    assert memo.get(seeds, "v", 1, lambda: pytest.fail("kept")) == 1
    assert memo.get(seeds, "v", 2, lambda: -2) == -2
