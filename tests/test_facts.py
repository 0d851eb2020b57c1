"""Facts read in each article on its own (natojp.facts): taken by the analysis in place
of reading those articles again, with the same analysis."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from pathlib import Path

import pytest

from natojp import _beside
from natojp._dates import PartialDate
from natojp.analysis import Analysis, _clean_all, analyze_articles
from natojp.config import AnalysisConfig
from natojp.facts import ArticleFacts, Part, SplitFacts, facts_key, read_facts, split_facts
from natojp.ingest import read_paths
from natojp.metadata import Manifest
from natojp.models import Article, Paragraph
from natojp.report import to_dict
from natojp.taxonomy import Area, Taxonomy

STORY40 = Path(__file__).resolve().parent / "fixtures" / "story40" / "articles"


def _articles(path: Path) -> list[Article]:
    config = AnalysisConfig()
    ingested = read_paths([path], config.ingest)
    manifest = Manifest.merged(ingested.manifest_paths, None)
    return _clean_all(ingested, config, manifest, [], None)


@pytest.fixture(scope="module")
def story40() -> list[Article]:
    return _articles(STORY40)


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a command-line process on Linux with two CPUs, so that work runs beside
    when asked: other tests of the session may leave threads running."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(_beside, "usable_cpus", lambda: 2)
    monkeypatch.setattr(sys, "platform", "linux")


def _everything(analysis: Analysis) -> dict[str, object]:
    """The report with provenance and corroboration: every section a user sees."""
    report = to_dict(analysis)
    report["corpus"].pop("analyzed_at")
    report.pop("timings")
    return {
        "report": report,
        "provenance": analysis.provenance(),
        "corroboration": analysis.corroboration(),
    }


def _analyse(articles: list[Article], workers: int, **kwargs: object) -> Analysis:
    return analyze_articles(articles, AnalysisConfig(workers=workers), **kwargs)  # type: ignore[arg-type]


def test_story40_is_in_several_languages(story40: list[Article]) -> None:
    # so that the specifics (read only for a corpus in two languages or more) take part
    assert len({a.language for a in story40 if a.language}) >= 2


@pytest.mark.parametrize("share", [1.0, 0.5, 0.0], ids=["all", "half", "none"])
def test_the_analysis_with_facts_is_the_analysis_without(
    story40: list[Article], share: float
) -> None:
    facts = read_facts(story40[: int(len(story40) * share)])
    want = _everything(_analyse(story40, 1))
    got = _analyse(story40, 1, facts=facts)
    assert _everything(got) == want
    assert "facts" in got.timings


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (Linux, macOS)"
)
def test_the_same_with_work_beside(story40: list[Article], one_thread: None) -> None:
    want = _everything(_analyse(story40, 1))
    got = _analyse(story40, 2, facts=read_facts(story40[:30]))
    assert "waiting" in got.timings  # the stages did run beside
    assert _everything(got) == want


def test_facts_of_other_articles_are_ignored(story40: list[Article]) -> None:
    others = read_facts(_articles(Path(__file__).resolve().parents[1] / "seeds"))
    want = _everything(_analyse(story40, 1))
    assert _everything(_analyse(story40, 1, facts=others)) == want


def test_each_fact_is_read_from_its_article_alone(story40: list[Article]) -> None:
    alone = {a.id: read_facts([a])[a.id] for a in story40[:8]}
    together = read_facts(story40)
    assert {i: together[i] for i in alone} == alone
    one = alone[story40[0].id]
    assert isinstance(one, ArticleFacts)
    assert one.dates and all(f.mention.article_id == story40[0].id for f in one.dates)


def test_specifics_are_given_only_for_a_corpus_in_several_languages() -> None:
    def article(i: int, language: str) -> Article:
        text = f"The {i} NATO drones cost 4,000 euros, Minister Rantanen said in Oslo."
        return Article(
            id=f"a{i}",
            source_path=f"a{i}.txt",
            paragraphs=(Paragraph(text),),
            published=PartialDate(2025, 3, 4),
            language=language,
        )

    english = [article(1, "en"), article(2, "en")]
    assert split_facts(english, read_facts(english)).specifics == {}
    mixed = [article(1, "en"), article(3, "it")]
    split = split_facts(mixed, read_facts(mixed))
    assert set(split.specifics) == {"a1", "a3"} and "#4000" in split.specifics["a1"].full


def test_the_key_changes_with_the_taxonomy_and_natojp() -> None:
    default = Taxonomy.default()
    other = Taxonomy((Area("ferries", "Ferries", "Ferry services", ("ferry",)),))
    keys = {
        facts_key(default, "1.0"),
        facts_key(default, "1.1"),
        facts_key(other, "1.0"),
    }
    assert len(keys) == 3
    assert facts_key(Taxonomy.default(), "1.0") == facts_key(default, "1.0")


@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "beside"])
def test_the_analysis_gives_the_facts_it_read_to_keep(
    story40: list[Article], workers: int, one_thread: None
) -> None:
    if workers == 2 and "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork (Linux, macOS)")
    given: list[dict[str, ArticleFacts]] = []
    known = read_facts(story40[:10])
    analysis = _analyse(story40, workers, facts=known, on_facts=given.append)
    (read,) = given
    whole = {a.id for a, b in zip(analysis.articles, story40, strict=True) if a == b}
    assert set(read) == whole - set(known) and len(read) >= 20
    assert read == {i: f for i, f in read_facts(story40).items() if i in read}


@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "beside"])
def test_a_source_is_loaded_one_part_per_process_that_uses_it(
    story40: list[Article], workers: int, tmp_path: Path, one_thread: None
) -> None:
    if workers == 2 and "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork (Linux, macOS)")
    split = split_facts(story40, read_facts(story40[:30]))
    log = tmp_path / "loads.txt"

    def source(part: Part) -> SplitFacts:
        with log.open("a") as f:  # the child's loads are seen from here through the file
            f.write(f"{os.getpid()} {part}\n")
        if part == "stages":
            return SplitFacts(split.areas, split.dates, {}, {})
        return SplitFacts({}, {}, split.mentions, split.specifics)

    want = _everything(_analyse(story40, 1))
    got = _analyse(story40, workers, facts=source, on_facts=lambda read: None)
    assert _everything(got) == want
    loads = sorted(line.split() for line in log.read_text().splitlines())
    here = str(os.getpid())
    if workers == 1:
        assert loads == [[here, "mentions"], [here, "stages"]]
    else:
        # Each part once. The areas and the timeline, which use "stages", run in the child
        # or, when this process is done first, here (natojp._beside.Shared).
        assert sorted(part for _, part in loads) == ["mentions", "stages"]
        assert dict((part, pid) for pid, part in loads)["mentions"] == here


def test_facts_without_specifics(story40: list[Article]) -> None:
    articles = story40[:5]
    with_all = read_facts(articles)
    without = read_facts(articles, with_specifics=False)
    assert all(f.specifics is None for f in without.values())
    assert {i: (f.areas, f.dates, f.mentions) for i, f in without.items()} == {
        i: (f.areas, f.dates, f.mentions) for i, f in with_all.items()
    }
    assert all(f.specifics is not None for f in with_all.values())
