"""The facts of articles kept on this machine (natojp.library._facts): an analysis of a
library reads only the articles no analysis read before, with the same result as from
scratch; a damaged, foreign or busy store costs reading, never a wrong analysis."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

from natojp.analysis import Analysis, analyze
from natojp.config import AnalysisConfig, CleanConfig
from natojp.facts import ArticleFacts, facts_key, read_facts
from natojp.library import AnalysisCache, FactsStore, Library, analyze_library
from natojp.library._store import _natojp_version
from natojp.taxonomy import Taxonomy
from tests.library.helpers import BRIDGE, FERRY, HARBOUR, HARBOUR_V2, cleaned, write
from tests.library.test_analyze import assert_same_analysis

STORY40 = Path(__file__).resolve().parents[1] / "fixtures" / "story40" / "articles"


@pytest.fixture
def read_counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many articles' facts each analysis read and kept (the real store keeps them)."""
    counts: list[int] = []
    put = FactsStore.put

    def counting(self: FactsStore, key: str, facts: dict[str, ArticleFacts]) -> bool:
        counts.append(len(facts))
        return put(self, key, facts)

    monkeypatch.setattr(FactsStore, "put", counting)
    return counts


def test_an_analysis_after_an_add_reads_only_the_added_articles(
    tmp_path: Path, read_counts: list[int]
) -> None:
    # Without the off-topic pass, which may trim these unrelated stories (see below).
    config = AnalysisConfig(clean=CleanConfig(off_topic=False))
    src = write(tmp_path / "in", {"a_harbour.txt": HARBOUR, "b_ferry.txt": FERRY})
    lib = Library.create(tmp_path / "l.natojp", contents=[src])
    cache = AnalysisCache(tmp_path / "cache")
    first = lib.freeze()
    analyze_library(lib, config=config, cache=cache)
    assert read_counts == [2]
    write(src, {"c_bridge.txt": BRIDGE})
    lib.add([src])
    got = analyze_library(lib, config=config, cache=cache)
    assert read_counts == [2, 1]  # the bridge only
    assert_same_analysis(got, analyze([src], config))
    # A new text of an article is another article: its facts are read.
    write(src, {"a_harbour.txt": HARBOUR_V2})
    lib.add([src])
    got = analyze_library(lib, config=config, cache=cache)
    assert read_counts == [2, 1, 1]
    assert_same_analysis(got, analyze_library(lib, config=config))  # no facts, no cache
    # A removal reads nothing.
    lib.remove(["b_ferry"])
    got = analyze_library(lib, config=config, cache=cache)
    assert read_counts == [2, 1, 1, 0]
    assert_same_analysis(got, analyze_library(lib, config=config))
    # Nor does an earlier version, once its analysis is gone: its facts are kept.
    for snapshot in cache.folder.glob("*.analysis"):
        snapshot.unlink()
    got = analyze_library(lib, first.id, config=config, cache=cache)
    assert read_counts == [2, 1, 1, 0, 0]
    assert_same_analysis(got, analyze_library(lib, first.id, config=config))


def _whole(analysis: Analysis, lib: Library) -> set[str]:
    """The articles the analysis kept as stored: the off-topic pass trimmed none of
    their paragraphs (the others' paragraphs depend on the corpus)."""
    stored = {a.id: a.paragraphs for a in lib.articles()}
    return {a.id for a in analysis.articles if a.paragraphs == stored[a.id]}


def test_story40_after_adds_and_removes_equals_from_scratch(
    tmp_path: Path, read_counts: list[int]
) -> None:
    files = sorted(STORY40.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for n, f in enumerate(files):
        shutil.copy(f, (first if n < 25 else second) / f.name)
    lib = Library.create(tmp_path / "l.natojp", contents=[first])
    cache = AnalysisCache(tmp_path / "cache")
    kept = _whole(analyze_library(lib, cache=cache), lib)
    assert read_counts == [len(kept)] and len(kept) >= 20
    lib.add([second])
    gone = [a.id for a in lib.articles()[3:6]]
    lib.remove(gone)
    got = analyze_library(lib, cache=cache)
    # Read and kept: the articles no analysis kept whole before, now whole.
    assert read_counts == [len(kept), len(_whole(got, lib) - kept)]
    assert len(_whole(got, lib) - kept) >= 10
    want = analyze([first, second])
    want_ids = [a.id for a in want.articles if a.id not in gone]
    assert [a.id for a in got.articles] == want_ids
    # From scratch on the same articles: the library's, analysed without any facts.
    scratch = analyze_library(lib)
    assert_same_analysis(got, scratch)
    assert got.provenance() == scratch.provenance()
    assert got.corroboration() == scratch.corroboration()


def test_facts_of_an_article_the_off_topic_pass_trims_are_neither_kept_nor_used(
    tmp_path: Path, read_counts: list[int]
) -> None:
    src = write(tmp_path / "in", {"a_harbour.txt": HARBOUR, "b_ferry.txt": FERRY})
    lib = Library.create(tmp_path / "l.natojp", contents=[src])
    cache = AnalysisCache(tmp_path / "cache")
    got = analyze_library(lib, cache=cache)
    trimmed = {a.id for a in got.articles} - _whole(got, lib)
    assert trimmed  # two unrelated stories: each has paragraphs unlike the corpus
    assert read_counts == [2 - len(trimmed)]
    write(src, {"c_bridge.txt": BRIDGE})
    lib.add([src])
    assert_same_analysis(analyze_library(lib, cache=cache), analyze_library(lib))


def test_the_store_keeps_facts_by_key_and_hash(tmp_path: Path) -> None:
    articles = cleaned([write(tmp_path / "in", {"a.txt": HARBOUR, "b.txt": FERRY})])
    facts = read_facts(articles)
    store = FactsStore(tmp_path / "cache" / "facts.sqlite")
    assert store.get("k", ["h1"]) == {}  # no store yet: nothing, no error
    assert store.put("k", {"h1": facts[articles[0].id], "h2": facts[articles[1].id]})
    assert store.get("k", ["h1", "h2", "h3"]) == {
        "h1": facts[articles[0].id],
        "h2": facts[articles[1].id],
    }
    assert store.get("other", ["h1"]) == {}
    assert store.drop(keep="other") == 2
    assert store.get("k", ["h1"]) == {}
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0  # private to its owner


def test_a_damaged_fact_is_read_again(tmp_path: Path) -> None:
    articles = cleaned([write(tmp_path / "in", {"a.txt": HARBOUR})])
    store = FactsStore(tmp_path / "facts.sqlite")
    store.put("k", {"h1": read_facts(articles)[articles[0].id]})
    with sqlite3.connect(store.path) as con:
        con.execute("UPDATE facts SET stages = x'80056e6f'")
    assert store.get("k", ["h1"]) == {}


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00"])
def test_a_foreign_or_damaged_store_costs_only_reading(
    tmp_path: Path, content: bytes, read_counts: list[int]
) -> None:
    src = write(tmp_path / "in", {"a_harbour.txt": HARBOUR, "b_ferry.txt": FERRY})
    lib = Library.create(tmp_path / "l.natojp", contents=[src])
    cache = AnalysisCache(tmp_path / "cache")
    cache.folder.mkdir()
    cache.facts.path.write_bytes(content)
    config = AnalysisConfig(clean=CleanConfig(off_topic=False))
    assert_same_analysis(analyze_library(lib, config=config, cache=cache), analyze([src], config))
    assert read_counts == [2]  # read, whether or not they could be kept


def _put(path: str, key: str, hashes: list[str], facts: ArticleFacts) -> None:
    store = FactsStore(Path(path))
    for h in hashes:
        assert store.put(key, {h: facts})


def test_processes_write_the_store_at_once(tmp_path: Path) -> None:
    articles = cleaned([write(tmp_path / "in", {"a.txt": HARBOUR})])
    one = read_facts(articles)[articles[0].id]
    path = tmp_path / "facts.sqlite"
    ctx = multiprocessing.get_context("spawn")
    workers = [
        ctx.Process(target=_put, args=(str(path), "k", [f"{n}-{i}" for i in range(30)], one))
        for n in range(3)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    wanted = [f"{n}-{i}" for n in range(3) for i in range(30)]
    assert FactsStore(path).get("k", wanted) == dict.fromkeys(wanted, one)


def test_clearing_the_cache_drops_the_facts(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a_harbour.txt": HARBOUR})
    lib = Library.create(tmp_path / "l.natojp", contents=[src])
    cache = AnalysisCache(tmp_path / "cache")
    analyze_library(lib, config=AnalysisConfig(clean=CleanConfig(off_topic=False)), cache=cache)
    key = facts_key(Taxonomy.default(), _natojp_version())
    assert set(cache.facts.get(key, lib.hashes())) == set(lib.hashes())
    cache.clear()
    assert cache.facts.get(key, lib.hashes()) == {}


def test_facts_another_natojp_read_are_dropped(tmp_path: Path) -> None:
    articles = cleaned([write(tmp_path / "in", {"a.txt": HARBOUR})])
    one = read_facts(articles)[articles[0].id]
    store = FactsStore(tmp_path / "facts.sqlite")
    taxonomy = Taxonomy.default()
    old, new = facts_key(taxonomy, "1.0"), facts_key(taxonomy, "1.1")
    assert old.startswith("1.0:") and new.startswith("1.1:")
    store.put(old, {"h1": one, "h2": one})
    store.put(new, {"h1": one})
    assert store.drop_other_versions("1.1") == 2
    assert store.get(old, ["h1", "h2"]) == {} and store.get(new, ["h1"]) == {"h1": one}
    assert FactsStore(tmp_path / "none.sqlite").drop_other_versions("1.1") == 0
