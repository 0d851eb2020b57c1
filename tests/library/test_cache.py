"""Analyses of library versions kept on this machine: a version analysed once opens
again without any stage running; damaged snapshots are recomputed, never trusted."""

from __future__ import annotations

import multiprocessing
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

import natojp.library._analyze as library_analysis
from natojp import _beside
from natojp.analysis import DASHBOARD_TERMS, Analysis
from natojp.config import AnalysisConfig
from natojp.data import TAXONOMY as DEFAULT_TAXONOMY
from natojp.library import CACHE_ENV, AnalysisCache, Library, _cache, analyze_library, cache_home
from natojp.library._cache import _PARTS_BESIDE, CACHE_MB_ENV, cache_key
from tests.library.helpers import FERRY, HARBOUR, write
from tests.library.test_analyze import assert_same_analysis


@pytest.fixture
def library(tmp_path: Path) -> Library:
    src = write(tmp_path / "in", {"a_harbour.txt": HARBOUR, "b_ferry.txt": FERRY})
    return Library.create(tmp_path / "l.natojp", contents=[src])


def no_stage_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> Analysis:
        raise AssertionError("the analysis ran again")

    monkeypatch.setattr(library_analysis, "analyze_articles", fail)


def test_a_version_analysed_once_opens_again_without_analysis(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    assert len(list((tmp_path / "cache").glob("*.analysis"))) == 1
    no_stage_runs(monkeypatch)
    again = analyze_library(Library.open(library.path), cache=cache)
    assert_same_analysis(again, first)
    assert again.analyzed_at == first.analyzed_at  # when it was analysed, said as such
    version = library.freeze("brief")
    frozen = analyze_library(library, version.id, cache=cache)  # the same articles
    assert frozen.corpus.version == version.id and first.corpus.version is None
    assert frozen.corpus.name == library.path.stem


def test_other_articles_settings_or_taxonomy_content_are_other_analyses(
    library: Library, tmp_path: Path
) -> None:
    cache = AnalysisCache(tmp_path / "cache")
    analyze_library(library, cache=cache)
    taxonomy = tmp_path / "taxonomy.toml"
    taxonomy.write_bytes(DEFAULT_TAXONOMY.read_bytes())
    config = AnalysisConfig(taxonomy_path=taxonomy)
    analyze_library(library, config=config, cache=cache)
    assert len(list((tmp_path / "cache").glob("*.analysis"))) == 2
    taxonomy.write_bytes(DEFAULT_TAXONOMY.read_bytes() + b"\n# edited in place\n")
    analyze_library(library, config=config, cache=cache)
    assert len(list((tmp_path / "cache").glob("*.analysis"))) == 3
    library.remove(["b_ferry"])
    assert [a.id for a in analyze_library(library, cache=cache).articles] == ["a_harbour"]


@pytest.mark.parametrize("damage", [b"", b"natojp-analysis/1\n\x80\x05garbage", b"PK\x03\x04"])
def test_a_damaged_snapshot_is_recomputed_and_deleted(
    library: Library, tmp_path: Path, damage: bytes
) -> None:
    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    (snapshot,) = (tmp_path / "cache").glob("*.analysis")
    snapshot.write_bytes(damage)
    assert cache.get(snapshot.stem) is None
    assert not snapshot.exists()
    assert_same_analysis(analyze_library(library, cache=cache), first)


def test_the_cache_keeps_the_most_recently_used_within_its_size(
    library: Library, tmp_path: Path
) -> None:
    cache = AnalysisCache(tmp_path / "cache", max_bytes=1)
    analysis = analyze_library(library)
    for n, key in enumerate(["a", "b", "c"]):
        assert cache.put(key, analysis)
        os.utime(tmp_path / "cache" / f"{key}.analysis", (n + 1, n + 1))
    assert [p.stem for p in (tmp_path / "cache").glob("*.analysis")] == ["c"]  # the newest stays
    assert cache.clear() == 1


def test_the_cache_folder_is_private_and_a_failed_write_loses_nothing(
    library: Library, tmp_path: Path
) -> None:
    analysis = analyze_library(library)
    cache = AnalysisCache(tmp_path / "cache")
    assert cache.put("k", analysis)
    assert stat.S_IMODE((tmp_path / "cache").stat().st_mode) == 0o700
    blocked = AnalysisCache(tmp_path / "cache" / "k.analysis" / "below")  # not a folder
    assert not blocked.put("k", analysis)
    assert blocked.get("k") is None


def test_the_environment_names_the_folder_or_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cache_home({CACHE_ENV: str(tmp_path)}) == tmp_path
    assert cache_home({CACHE_ENV: "off"}) is None
    assert cache_home({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "natojp" / "analyses"
    monkeypatch.setenv(CACHE_ENV, "off")
    assert AnalysisCache.default() is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(CACHE_MB_ENV, "2")
    cache = AnalysisCache.default()
    assert cache is not None and cache.max_bytes == 2 * 2**20


def test_keys_depend_on_articles_settings_and_natojp_version() -> None:
    keys = {
        cache_key("a", "{}", "1.0"),
        cache_key("b", "{}", "1.0"),
        cache_key("a", "{ }", "1.0"),
        cache_key("a", "{}", "1.1"),
    }
    assert len(keys) == 4


def test_a_kept_analysis_holds_its_provenance_and_corroboration(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import natojp.corroboration
    import natojp.provenance
    import natojp.vectorise

    cache = AnalysisCache(tmp_path / "cache")
    steps: list[tuple[str, float]] = []
    first = analyze_library(library, cache=cache, progress=lambda s, f: steps.append((s, f)))
    assert steps[-1] == ("Done", 1.0)
    assert [f for _, f in steps] == sorted(f for _, f in steps)  # never backwards
    assert [s for s, _ in steps].count("Done") == 1

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("made again")

    monkeypatch.setattr(natojp.provenance, "build_provenance", fail)
    monkeypatch.setattr(natojp.corroboration, "corroborate", fail)
    monkeypatch.setattr(natojp.vectorise, "distinctive_terms", fail)
    again = analyze_library(Library.open(library.path), cache=cache)
    assert again.provenance() == first.provenance()
    assert again.corroboration() == first.corroboration()
    # and the distinctive terms the dashboard shows
    assert again.distinctive_terms(DASHBOARD_TERMS) == first.distinctive_terms(DASHBOARD_TERMS)


def test_a_kept_analysis_opens_with_its_corpus_and_reads_each_part_when_first_used(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    first.article_labels()  # a derived result made before it is kept is kept too
    (snapshot,) = (tmp_path / "cache").glob("*.analysis")
    cache.put(snapshot.stem, first)
    no_stage_runs(monkeypatch)
    again = analyze_library(Library.open(library.path), cache=cache)
    unread = {"terms", "similarity", "tech", "timeline", "duplicates", "topics"}
    for name in unread:  # not read yet: the slot is empty
        with pytest.raises(AttributeError):
            object.__getattribute__(again, name)
    assert again.timeline == first.timeline  # read now
    assert "read timeline" in again.timings
    with pytest.raises(AttributeError):
        object.__getattribute__(again, "duplicates")
    # Every part, read on use, equals what was kept; provenance's articles are the
    # corpus's own objects, not copies.
    assert_same_analysis(again, first)
    by_id = {a.id: a for a in again.articles}
    held = again.provenance().articles
    assert held and all(a is by_id[i] for i, a in held.items())
    assert again.article_labels() == first.article_labels()
    assert "read article_labels" in again.timings
    # Pickled (e.g. to another process), it carries every part.
    copy = pickle.loads(pickle.dumps(analyze_library(library, cache=cache)))
    assert_same_analysis(copy, first)
    assert copy.provenance() == first.provenance()


def test_the_timeline_page_reads_what_it_shows_without_the_timeline(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept analysis holds the events the articles' text mentions, the undated
    mentions and the articles off the main story apart: the Timeline page reads them
    without the timeline (an event per article's publication date besides) or the
    relevance table (at 100,000 articles 0.2 s and 115 MB less than the timeline)."""
    from natojp.selection import mentioned_events

    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    no_stage_runs(monkeypatch)
    again = analyze_library(Library.open(library.path), cache=cache)
    assert again.mentioned_events() == tuple(mentioned_events(first.timeline.events))
    assert again.unresolved_dates() == first.timeline.unresolved
    assert again.off_story() == frozenset(first.relevance.off_topic)
    assert again.mentioned_events(), "the fixture's articles mention dated events"
    for name in ("timeline", "relevance"):  # not read
        with pytest.raises(AttributeError):
            object.__getattribute__(again, name)


def test_a_kept_analysis_opens_without_its_articles_and_reads_them_once_when_needed(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sidebar and the Timeline read the articles' heads, the timeline and the
    labels: a kept analysis gives them without reading its articles (a tenth of the
    time at 100,000 articles); a part that holds articles reads them first, once."""
    from concurrent.futures import ThreadPoolExecutor

    from natojp.models import ArticleHead

    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    no_stage_runs(monkeypatch)
    again = analyze_library(Library.open(library.path), cache=cache)
    corpus = again.corpus
    assert not corpus.loaded
    assert len(corpus) == len(first.corpus) == 2
    assert corpus.citation == first.corpus.citation and corpus.skipped == first.corpus.skipped
    assert again.heads() == first.heads() == tuple(map(ArticleHead.of, first.articles))
    assert again.timeline == first.timeline
    assert again.article_labels() == first.article_labels()
    assert not corpus.loaded
    version = library.freeze("brief")  # a version of the same articles: the same snapshot
    frozen = analyze_library(library, version.id, cache=cache)
    assert frozen.corpus.version == version.id and not frozen.corpus.loaded
    held = again.provenance().articles  # provenance holds articles: read first
    by_id = {a.id: a for a in again.articles}
    assert held and all(a is by_id[i] for i, a in held.items())
    assert again.articles == first.articles
    assert frozen.articles == first.articles
    # Sessions asking at once all get the one tuple.
    opened = cache.get(next((tmp_path / "cache").glob("*.analysis")).stem)
    assert opened is not None and not opened.corpus.loaded
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: opened.corpus.articles, range(8)))
    assert all(g is got[0] for g in got) and got[0] == first.articles


def test_a_fingerprint_just_read_is_not_read_again(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    fingerprint = library.fingerprint()

    def fail(*args: object, **kwargs: object) -> tuple[str, ...]:
        raise AssertionError("the hashes were read again")

    monkeypatch.setattr(Library, "hashes", fail)
    again = analyze_library(Library.open(library.path), cache=cache, fingerprint=fingerprint)
    assert_same_analysis(again, first)
    assert again.corpus.fingerprint == first.corpus.fingerprint == fingerprint


def test_a_snapshot_deleted_or_replaced_after_opening_still_gives_its_parts(
    library: Library, tmp_path: Path
) -> None:
    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    (snapshot,) = (tmp_path / "cache").glob("*.analysis")
    opened = cache.get(snapshot.stem)
    assert opened is not None
    if os.name != "nt":  # an open file cannot be deleted there (trimming skips it)
        snapshot.unlink()
        assert opened.duplicates.pairs == first.duplicates.pairs
        assert opened.corroboration() == first.corroboration()


@pytest.mark.parametrize("cut", [0.5, 0.99])
def test_a_truncated_snapshot_is_a_miss_and_deleted(
    library: Library, tmp_path: Path, cut: float
) -> None:
    cache = AnalysisCache(tmp_path / "cache")
    analyze_library(library, cache=cache)
    (snapshot,) = (tmp_path / "cache").glob("*.analysis")
    data = snapshot.read_bytes()
    snapshot.write_bytes(data[: int(len(data) * cut)])
    assert cache.get(snapshot.stem) is None
    assert not snapshot.exists()


def test_a_kept_analysis_holds_each_text_once_however_often_it_repeats(
    library: Library, tmp_path: Path
) -> None:
    """Equal strings come back as one object: an article's id wherever a part names it,
    a basis shared by articles, a date's sentence in each of its mentions."""
    cache = AnalysisCache(tmp_path / "cache")
    first = analyze_library(library, cache=cache)
    (snapshot,) = (tmp_path / "cache").glob("*.analysis")
    again = cache.get(snapshot.stem)
    assert again is not None
    assert_same_analysis(again, first)
    ids = {a.id: a.id for a in again.articles}
    named = [i for e in again.timeline.events for m in e.mentions for i in (m.article_id,)]
    named += [i for group in again.duplicates.independent_reports for i in group]
    assert named and all(i is ids[i] for i in named)
    bases = [a.published_basis for a in again.articles if a.published_basis]
    assert len(bases) == 2 and bases[0] == bases[1] and bases[0] is bases[1]
    texts: dict[str, str] = {}
    for story in again.provenance().stories:
        for text in (story.title, story.first_basis):
            assert texts.setdefault(text, text) is text


def test_a_snapshot_of_the_earlier_format_is_a_miss_and_deleted(
    library: Library, tmp_path: Path
) -> None:
    from natojp.library import _cache

    cache = AnalysisCache(tmp_path / "cache")
    analyze_library(library, cache=cache)
    (snapshot,) = (tmp_path / "cache").glob("*.analysis")
    data = snapshot.read_bytes()
    assert data.startswith(_cache._MAGIC)
    snapshot.write_bytes(b"natojp-analysis/2\n" + data[len(_cache._MAGIC) :])
    assert cache.get(snapshot.stem) is None
    assert not snapshot.exists()


_READ_WITHOUT_SKLEARN = """
import sys
from pathlib import Path
from natojp.analysis import DASHBOARD_TERMS
from natojp.library import AnalysisCache, Library, analyze_library

analysis = analyze_library(Library.open(Path(sys.argv[1])), cache=AnalysisCache(Path(sys.argv[2])))
parts = (analysis.corpus, analysis.timeline, analysis.duplicates, analysis.tech, analysis.sources)
parts += (analysis.similarity, analysis.topics, analysis.relevance)
derived = (analysis.provenance(), analysis.corroboration(), analysis.findings())
derived += (analysis.distinctive_terms(DASHBOARD_TERMS), analysis.article_labels())
assert all(p is not None for p in parts + derived)
print("sklearn" in sys.modules, "natojp.vectorise" in sys.modules)
"""


@pytest.mark.slow
def test_a_kept_analysis_is_read_without_importing_scikit_learn(
    library: Library, tmp_path: Path
) -> None:
    """What the dashboard's pages read of a kept analysis (all but the vectors, which only
    a filtered source comparison reads) needs no scikit-learn, which takes most of a
    second to import."""
    import subprocess
    import sys

    cache = tmp_path / "cache"
    analyze_library(library, cache=AnalysisCache(cache))
    out = subprocess.run(
        [sys.executable, "-c", _READ_WITHOUT_SKLEARN, str(library.path), str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_latest_gives_the_analysis_last_kept_for_its_lineage(
    library: Library, tmp_path: Path
) -> None:
    cache = AnalysisCache(tmp_path / "cache")
    assert cache.latest("library one") is None
    analysis = analyze_library(library, cache=cache)
    key = cache_key(library.fingerprint(), "other settings", "0")
    assert cache.put(key, analysis, lineage="library one")
    latest = cache.latest("library one")
    assert latest is not None and latest.corpus.fingerprint == analysis.corpus.fingerprint
    assert cache.latest("library two") is None
    for path in (tmp_path / "cache").glob("*.latest"):  # analyze_library's and this one
        path.write_text("not a key", encoding="ascii")
    assert cache.latest("library one") is None  # damaged: no base, nothing raised
    assert cache.put(key, analysis, lineage="library one")
    (tmp_path / "cache" / f"{key}.analysis").unlink()
    assert cache.latest("library one") is None  # its snapshot trimmed away
    cache.clear()
    assert not list((tmp_path / "cache").glob("*.latest"))


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a command-line process: other tests of the session may leave threads
    running (image and browser servers), which would keep the writing in one process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork (Linux, macOS)")
    monkeypatch.setattr(threading, "active_count", lambda: 1)


@pytest.mark.usefixtures("one_thread")
def test_a_snapshot_written_by_two_processes_holds_the_same_sections(
    library: Library, tmp_path: Path
) -> None:
    analysis = analyze_library(library)
    analysis.heads(), analysis.corroboration()  # kept as a library's analysis keeps them
    alone, two = AnalysisCache(tmp_path / "alone"), AnalysisCache(tmp_path / "two")
    children: list[int] = []
    real = _beside.Beside.__init__

    def counting(self: _beside.Beside[object], *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        children.append(1)

    assert alone.put("k", analysis)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_beside.Beside, "__init__", counting)
        assert two.put("k", analysis, beside=True)
    assert children == [1]  # a child wrote some parts
    sections = [_sections(cache / "k.analysis") for cache in (alone.folder, two.folder)]
    assert sections[0] == sections[1] and sections[0].keys() >= _PARTS_BESIDE
    order = [list(s) for s in sections]
    assert order[0] != order[1]  # the child's parts come last
    assert not list(two.folder.glob("*.beside")) and not list(two.folder.glob("*.tmp"))
    got = two.get("k")
    assert got is not None
    assert_same_analysis(got, analysis)
    assert got.provenance() == analysis.provenance()
    assert got.corroboration() == analysis.corroboration()
    assert got.heads() == analysis.heads()


@pytest.mark.usefixtures("one_thread")
def test_a_writer_child_that_dies_costs_only_time(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = analyze_library(library)
    real = _cache._write_parts
    parent = os.getpid()

    def dying(*args: Any) -> dict[str, tuple[int, int]]:
        if os.getpid() != parent:
            os._exit(9)  # killed, say for lack of memory
        return real(*args)

    monkeypatch.setattr(_cache, "_write_parts", dying)
    cache = AnalysisCache(tmp_path / "cache")
    with pytest.warns(RuntimeWarning, match="stopped before it finished"):
        assert cache.put("k", analysis, beside=True)
    got = cache.get("k")
    assert got is not None
    assert_same_analysis(got, analysis)
    assert got.timeline == analysis.timeline


def _sections(path: Path) -> dict[str, bytes]:
    """Every section of the snapshot at ``path``, by name, in the order of the file."""
    import pickle

    data = path.read_bytes()
    (at,) = _cache._OFFSET.unpack_from(data, len(_cache._MAGIC))
    index: dict[str, tuple[int, int]] = pickle.loads(data[at:])
    ordered = sorted(index.items(), key=lambda item: item[1][0])
    return {name: data[start : start + n] for name, (start, n) in ordered}
