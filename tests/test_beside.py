"""Work run beside the analysing process (natojp._beside): a real forked child, the
same results as in one process, errors and a killed child handled."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from natojp import _beside, analyze
from natojp._beside import MIN_ARTICLES, Beside, Shared, can_fork, plan
from natojp.analysis import _clean_all
from natojp.config import AnalysisConfig, IngestConfig, workers_from_env
from natojp.errors import ConfigError, InputError
from natojp.ingest import read_paths
from natojp.library._store import settings_json
from natojp.models import Skipped
from natojp.report import to_dict

STORY40 = Path(__file__).resolve().parent / "fixtures" / "story40" / "articles"

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (Linux, macOS)"
)


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a command-line process: other tests of the session may leave threads
    running (image and browser servers), which would keep the analysis in one process."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(_beside, "usable_cpus", lambda: 2)
    monkeypatch.setattr(sys, "platform", "linux")


class _Unpicklable:
    """Data the child must inherit, since it cannot be sent: a lock does not pickle."""

    def __init__(self, values: list[int]) -> None:
        self.values = values
        self.lock = threading.Lock()


def test_the_work_runs_in_a_child_that_inherits_the_data() -> None:
    data = _Unpicklable(list(range(1000)))
    parent = os.getpid()
    beside = Beside(lambda: (os.getpid(), sum(data.values)))
    here = sum(v * 2 for v in data.values)  # this process goes on meanwhile
    child, total = beside.result()
    assert child != parent and total == 499_500 and here == 999_000


def test_an_error_in_the_child_is_raised_as_here() -> None:
    def fail() -> int:
        raise InputError("this article cannot be read", path="a.txt", line=3)

    with pytest.raises(InputError, match=r"a\.txt:3: this article cannot be read"):
        Beside(fail).result()


def test_a_killed_child_costs_only_time() -> None:
    parent = os.getpid()

    def die_in_the_child() -> str:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return f"done in {os.getpid()}"

    with pytest.warns(RuntimeWarning, match="stopped before it finished"):
        assert Beside(die_in_the_child).result() == f"done in {parent}"


def test_when_work_runs_beside(monkeypatch: pytest.MonkeyPatch, one_thread: None) -> None:
    auto: dict[str, str] = {}
    assert not plan(MIN_ARTICLES - 1, None, auto)
    assert plan(MIN_ARTICLES, None, auto)
    assert not plan(100_000, 1, auto)  # the setting wins
    assert plan(50, 2, auto)  # set: whatever the size
    assert not plan(100_000, None, {"NATOJP_WORKERS": "1"})
    assert plan(100_000, None, {"NATOJP_WORKERS": "auto"})
    assert plan(50, None, {"NATOJP_WORKERS": "2"})
    assert plan(50, 2, {"NATOJP_WORKERS": "1"})  # the config wins over the environment
    monkeypatch.setattr(_beside, "usable_cpus", lambda: 1)
    assert not plan(100_000, None, auto)
    with pytest.raises(ConfigError, match="NATOJP_WORKERS"):
        plan(100_000, None, {"NATOJP_WORKERS": "two"})


def test_never_beside_a_second_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process with other threads (the dashboard's server) is never forked."""
    monkeypatch.setattr(_beside, "usable_cpus", lambda: 2)
    monkeypatch.setattr(sys, "platform", "linux")
    assert plan(100_000, 2, {}) == (threading.active_count() == 1)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
        assert not plan(100_000, 2, {})
    finally:
        release.set()
        other.join()


def test_workers_setting_and_environment() -> None:
    assert AnalysisConfig().workers is None and AnalysisConfig(workers=3).workers == 3
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ConfigError, match="workers"):
            AnalysisConfig(workers=bad)  # type: ignore[arg-type]
    assert workers_from_env({}) is None and workers_from_env({"NATOJP_WORKERS": " 4 "}) == 4
    for bad_env in ("0", "-2", "x", "２"):
        with pytest.raises(ConfigError, match="positive whole number"):
            workers_from_env({"NATOJP_WORKERS": bad_env})
    # How the work is shared is not part of the settings a library records.
    assert settings_json(AnalysisConfig(workers=2)) == settings_json(AnalysisConfig())
    assert "workers" not in settings_json(AnalysisConfig(workers=2))


def _without_run_details(report: dict[str, object]) -> dict[str, object]:
    report = dict(report)
    report.pop("timings", None)
    corpus = dict(report["corpus"])  # type: ignore[call-overload]
    corpus.pop("analyzed_at", None)
    report["corpus"] = corpus
    return report


def test_an_analysis_with_work_beside_equals_one_without(one_thread: None) -> None:
    one = analyze([STORY40], AnalysisConfig(workers=1))
    two = analyze([STORY40], AnalysisConfig(workers=2))
    assert "waiting" in two.timings and "waiting" not in one.timings
    ahead = {
        "corroboration mentions",
        "provenance specifics, first half",
        "provenance specifics, second half",
    }
    assert {"taxonomy", "timeline", "duplicates", *ahead} <= set(two.timings)
    assert "provenance specifics" not in one.timings
    assert two.tech.scores.equals(one.tech.scores)
    assert (two.tech.evidence, two.tech.terms) == (one.tech.evidence, one.tech.terms)
    assert two.provenance() == one.provenance()
    assert two.corroboration() == one.corroboration()
    assert not {"mentions", "specifics"} & set(two._derived)  # read ahead, used once
    assert two.timeline == one.timeline
    assert two.duplicates == one.duplicates
    assert _without_run_details(to_dict(two)) == _without_run_details(to_dict(one))


def _invented_corpus(folder: Path) -> Path:
    noise = "Advertisement\nShare this article\nFollow us on Twitter\n"
    for i in range(30):
        if i % 7 == 3:
            text = noise  # no article text left: skipped with the reason
        else:
            text = (
                f"Drone deal number {i} signed\n\nBy Jane Doe\n\nOfficials in Tokyo and "
                f"Brussels signed agreement {i} on drones, radar and supply chains on "
                f"March {i % 28 + 1}, 2025, the ministry said in a statement.\n\n{noise}"
            )
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("corpus", ["story40", "invented"])
def test_cleaning_split_with_a_second_process_gives_the_same_articles_and_skips(
    tmp_path: Path, corpus: str, one_thread: None
) -> None:
    """The second half of the documents is cleaned beside: the same articles, skips
    (with their reasons) and order."""
    paths = [STORY40] if corpus == "story40" else [_invented_corpus(tmp_path)]
    ingested = read_paths(paths, IngestConfig())
    results = {}
    for workers in (1, 2):
        skipped: list[Skipped] = []
        articles = _clean_all(ingested, AnalysisConfig(workers=workers), None, skipped, None)
        results[workers] = (articles, skipped)
    assert results[2] == results[1]
    articles, skipped = results[2]
    assert len(articles) + len(skipped) == len(ingested.documents)
    if corpus == "invented":
        assert [s.reason.split(":")[0] for s in skipped] == [
            f"article '{i:02d}'" for i in (3, 10, 17, 24)
        ]
    for one, other in zip(results[1][0], results[2][0], strict=True):
        assert [p.words for p in one.paragraphs] == [p.words for p in other.paragraphs]


def _until_the_child_took_one(shared: Shared[int]) -> None:
    """Wait (at most 30 s) until the child has taken its first task: it starts in about
    a tenth of a second, later on a busy machine."""
    import time

    deadline = time.monotonic() + 30
    while shared._front.value == 0 and time.monotonic() < deadline:
        time.sleep(0.01)


def test_shared_tasks_run_once_each_the_child_from_the_first() -> None:
    import time

    parent = os.getpid()

    def slow() -> int:
        time.sleep(1.0)  # the child is still on it when this process asks
        return os.getpid()

    shared = Shared([slow, os.getpid, os.getpid])
    _until_the_child_took_one(shared)  # this process's own work meanwhile
    first, second, third = shared.results()
    assert first != parent  # the child took the first at once
    assert second == third == parent  # this process took the others, from the last
    assert shared.taken_here == {1, 2}


def test_shared_tasks_the_child_did_not_give_are_run_here() -> None:

    parent = os.getpid()

    def die_in_the_child() -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    shared = Shared([die_in_the_child, os.getpid])
    _until_the_child_took_one(shared)  # and died
    with pytest.warns(RuntimeWarning, match="stopped before it finished"):
        assert shared.results() == [parent, parent]


def test_shared_tasks_all_taken_by_a_child_that_finished_first() -> None:
    import time

    parent = os.getpid()
    shared = Shared([os.getpid, os.getpid])
    time.sleep(1.0)  # this process is busy: the child takes both
    assert shared.results()[0] != parent and shared.taken_here == frozenset()


def test_the_off_topic_pass_with_half_counted_beside_is_the_pass_here(
    one_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The paragraphs of the second half counted by a forked child, the pass made in
    two parts: the articles the pass in one process gives (some changed)."""
    from natojp import analysis
    from natojp.clean import remove_off_topic
    from tests.test_clean import _invented_corpus as invented_articles

    forked: list[object] = []

    def counted(work: Callable[[], object]) -> Beside[object]:
        forked.append(work)
        return Beside(work)

    monkeypatch.setattr(analysis, "Beside", counted)
    articles = invented_articles()
    want = remove_off_topic(articles)
    assert sum(w is not a for a, w in zip(articles, want, strict=True)) == 5
    assert analysis._remove_off_topic(articles, AnalysisConfig(workers=1)) == want
    assert not forked
    assert analysis._remove_off_topic(articles, AnalysisConfig(workers=2)) == want
    assert len(forked) == 1
