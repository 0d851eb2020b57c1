"""The Dask engine on a real LocalCluster of two worker processes: the same analysis as
in this process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason='the Dask engine needs pip install "natojp[dask]"')

from distributed import LocalCluster

from natojp.analysis import analyze
from natojp.cli import main
from natojp.engine import DaskEngine, analyze_dask, clean_dask
from natojp.engine import _dask as engine_dask
from natojp.errors import ConfigError
from natojp.library import Library
from tests import BBC_ZIP, REUTERS, ROOT, SEEDS
from tests.engine.corpus import write_mixed_corpus
from tests.library.test_analyze import assert_same_analysis

STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local cluster of 2 single-threaded worker processes."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def _same(corpus: Path, engine: DaskEngine) -> None:
    got = analyze_dask([corpus], engine=engine)
    want = analyze([corpus])
    assert_same_analysis(got, want)
    assert got.corpus.fingerprint == want.corpus.fingerprint
    assert got.corpus.columns == want.corpus.columns
    assert got.provenance() == want.provenance()
    assert got.corroboration() == want.corroboration()


@pytest.mark.parametrize("corpus", ["seeds", "story40", "mixed"])
def test_the_same_analysis_as_in_this_process(scheduler: str, tmp_path: Path, corpus: str) -> None:
    path = {"seeds": SEEDS, "story40": STORY40}.get(corpus) or write_mixed_corpus(tmp_path / "in")
    # small partitions: every worker cleans several; the work folder as a path or as an
    # fsspec URL (object storage on a cluster)
    work = tmp_path / "work"
    workdir = work.as_uri() if corpus == "mixed" else work
    _same(path, DaskEngine(scheduler=scheduler, partition_size=4, workdir=workdir))
    assert list(work.iterdir()) == []  # its partitions are removed


def test_one_worker_does_everything() -> None:
    _same(STORY40, DaskEngine(workers=1, partition_size=16))


def test_timings_and_progress(scheduler: str) -> None:
    seen: list[tuple[str, float]] = []
    analysis = analyze_dask(
        [STORY40],
        engine=DaskEngine(scheduler=scheduler, partition_size=10),
        progress=lambda label, fraction: seen.append((label, fraction)),
    )
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert "Cleaning articles (partition 4/4, 40 documents)" in [label for label, _ in seen]
    assert {"ingest", "partitions", "clean", "off-topic pass", "duplicates"} <= set(
        analysis.timings
    )


@pytest.mark.corpora
@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["bbc", "reuters"])
def test_the_same_analysis_of_the_research_corpora(scheduler: str, corpus: str) -> None:
    path = {"bbc": BBC_ZIP, "reuters": REUTERS}[corpus]
    if not path.exists():
        pytest.skip(f"the research corpora are not beside the project ({path.name} absent)")
    _same(path, DaskEngine(scheduler=scheduler))


@pytest.mark.corpora
@pytest.mark.slow
def test_the_same_analysis_of_a_generated_corpus(
    scheduler: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if not BBC_ZIP.exists() or not REUTERS.exists():
        pytest.skip("the research corpora the generator rewrites are not beside the project")
    from bench import generate

    corpus, _ = generate.ensure(10_000, out_dir=tmp_path_factory.mktemp("gen"))
    _same(corpus, DaskEngine(scheduler=scheduler))


def test_the_command_line_writes_the_same_report(tmp_path: Path) -> None:
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    assert main(["analyze", str(STORY40), "-o", str(here), "-q"]) == 0
    # --workers 2: a local cluster made for the analysis
    args = ["analyze", str(STORY40), "-o", str(there), "-q", "--engine", "dask"]
    assert main([*args, "--workers", "2", "--partition-size", "16"]) == 0
    first, second = json.loads(here.read_text()), json.loads(there.read_text())
    for report in (first, second):
        report["corpus"].pop("analyzed_at")
        report.pop("timings")
    assert first == second


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler is an option of --engine dask"),
        (["--workdir", "w"], "--workdir is an option of --engine dask"),
        (
            ["--engine", "dask", "--library", "x.natojp"],
            "--engine dask analyses files; a library is analysed in this process",
        ),
        (
            ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"],
            "either a Dask scheduler's address or a number of local workers",
        ),
        (
            ["--engine", "dask", "--partition-size", "0"],
            "partition size must be a whole number from 1",
        ),
    ],
)
def test_options_that_do_not_go_together(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["analyze", "-q", *args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "kwargs",
    [
        {"workers": 0},
        {"workers": True},
        {"partition_size": 0},
        {"partition_size": 1.5},
        {"partition_size": 2**20 + 1},
    ],
)
def test_engine_settings_are_checked(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        DaskEngine(**kwargs)  # type: ignore[arg-type]


def test_no_scheduler_at_the_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_dask, "_CONNECT_TIMEOUT", "1s")
    with pytest.raises(ConfigError, match=r"could not connect to the Dask scheduler at tcp://"):
        analyze_dask([SEEDS], engine=DaskEngine(scheduler="tcp://127.0.0.1:1"))


def test_workers_running_another_natojp_are_refused(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workers report their own version; this process claims another one.
    monkeypatch.setattr(engine_dask, "natojp_version", lambda: "0.0.0-other")
    with pytest.raises(ConfigError, match=r"runs natojp .*, this process 0\.0\.0-other"):
        analyze_dask([SEEDS], engine=DaskEngine(scheduler=scheduler))


def test_a_library_add_cleans_on_dask(scheduler: str, tmp_path: Path) -> None:
    corpus = write_mixed_corpus(tmp_path / "in")
    here = Library.create(tmp_path / "here.natojp")
    there = Library.create(tmp_path / "there.natojp")
    want = here.add([corpus])
    got = there.add([corpus], engine=DaskEngine(scheduler=scheduler, partition_size=5))
    assert got.added and got.skipped  # a text with nothing left; undecodable bytes
    assert (got.added, got.replaced, got.unchanged, got.skipped) == (
        want.added,
        want.replaced,
        want.unchanged,
        want.skipped,
    )
    assert there.articles() == here.articles()
    again = there.add([corpus], engine=DaskEngine(scheduler=scheduler))
    assert not again.added and set(again.unchanged) == set(got.added)


def test_library_add_on_dask_from_the_command_line(scheduler: str, tmp_path: Path) -> None:
    library = tmp_path / "l.natojp"
    assert main(["library", "init", str(library)]) == 0
    args = ["library", "add", str(library), str(STORY40), "-q", "--engine", "dask"]
    assert main([*args, "--scheduler", scheduler]) == 0
    assert len(Library.open(library).articles()) == 40
    assert main(["library", "add", str(library), str(SEEDS), "--workdir", "w"]) == 2


def test_cleaning_nothing_on_dask_starts_no_cluster() -> None:
    from natojp.config import AnalysisConfig

    assert clean_dask([], AnalysisConfig(), None, DaskEngine(scheduler="tcp://127.0.0.1:1")) == []


def test_nothing_to_analyse_is_the_same_error(scheduler: str, tmp_path: Path) -> None:
    from natojp.errors import EmptyCorpusError

    (tmp_path / "noise.txt").write_text("Advertisement\nShare this article\n", encoding="utf-8")
    with pytest.raises(EmptyCorpusError, match="no article text left after cleaning"):
        analyze_dask([tmp_path], engine=DaskEngine(scheduler=scheduler))
    with pytest.raises(EmptyCorpusError):
        analyze_dask([tmp_path / "missing"], engine=DaskEngine(scheduler=scheduler))
