"""Stages run beside the analysing process, on a second CPU.

Cleaning one document needs no other, and after cleaning several stages read nothing
but the articles: the analysis cleans the second half of a large corpus in a child while
it cleans the first, then computes the areas, the timeline, the duplicates and half of
provenance's specifics in a second child while it vectorises and compares
(:func:`natojp.analysis.analyze_sources`). :class:`Beside` runs such work in one child
process forked from this one, so the child sees the documents and articles without
their being copied or sent (the pages are shared until written), and only its result
comes back (pickled: a few seconds at 100,000 articles, against a minute or more of
work).

A fork is only safe in a process with no other threads: one may hold a lock that the
child would then wait for forever. :func:`plan` therefore runs work beside only when
this process has a single Python thread (the command line and scripts; never the
dashboard, whose server runs many), on Linux (elsewhere only on request, on a platform
with ``fork``), with two or more usable CPUs, for corpora of :data:`MIN_ARTICLES`
articles or more (below, the fork and the transfer cost about what they save). The
results are the same either way; ``AnalysisConfig.workers = 1`` (``--workers 1``,
``NATOJP_WORKERS=1``) keeps everything in this process.

A child that dies (killed for lack of memory, say) costs only time: a warning says so and
the work is done again in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

from natojp.config import workers_from_env

MIN_ARTICLES = 20_000
"""With ``workers`` unset, smaller corpora are analysed in one process. Measured on
gen10k: the stages run beside take about 5 s there, and the fork and the transfer of
their result cost about a second of it."""

_T = TypeVar("_T")

_WORK: Callable[[], Any] | None = None  # what the next forked child runs


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS, Windows


def can_fork() -> bool:
    """Whether this process may fork a child safely: the platform has ``fork``, this
    process runs one Python thread, and it is not itself a daemon process."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def plan(articles: int, workers: int | None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to run work beside this process for a corpus of ``articles`` articles.

    ``workers`` (:attr:`natojp.config.AnalysisConfig.workers`) when set, else
    ``NATOJP_WORKERS`` from ``environ`` (default ``os.environ``), else automatic: from
    :data:`MIN_ARTICLES` articles on a Linux machine with two usable CPUs or more (on
    macOS a forked child may hang in system frameworks the parent used: there it is
    only on request). Two or more workers run work beside whatever the size. Never when
    :func:`can_fork` says no.
    """
    if workers is None:
        workers = workers_from_env(environ)
    automatic = articles >= MIN_ARTICLES and usable_cpus() >= 2 and sys.platform == "linux"
    return (automatic if workers is None else workers >= 2) and can_fork()


def _run() -> Any:
    """In the forked child: the work set before the fork."""
    if _WORK is None:  # pragma: no cover - only when called outside Beside
        raise RuntimeError("no work was set before the fork")
    return _WORK()


class Beside(Generic[_T]):
    """``work()`` computed in a forked child while this process goes on; :meth:`result`
    waits for it. ``work`` is a closure over this process's data (never pickled: the
    child inherits it); its result must pickle. An exception ``work`` raises is raised
    by :meth:`result` as it would be here. If the child dies, :meth:`result` calls
    ``again`` here (default: ``work``)."""

    def __init__(self, work: Callable[[], _T], again: Callable[[], _T] | None = None) -> None:
        global _WORK
        self._work = again or work  # what is done here if the child dies
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork")
        )
        _WORK = work
        try:
            # With fork, the child is started by submit() itself, before the pool starts
            # its own threads, and inherits _WORK.
            self._future = self._pool.submit(_run)
        finally:
            _WORK = None

    def result(self) -> _T:
        """The work's result; if the child died, the work done again here."""
        try:
            value: _T = self._future.result()
        except BrokenProcessPool:
            warnings.warn(
                "the process analysing beside this one stopped before it finished "
                "(killed, perhaps for lack of memory): its stages are run again in this "
                "process (set NATOJP_WORKERS=1 to analyse in one process from the start)",
                RuntimeWarning,
                stacklevel=2,
            )
            value = self._work()
        finally:
            self._pool.shutdown(wait=True)
        return value


class Shared(Generic[_T]):
    """``tasks`` shared between a forked child and this process, each run once: the
    child takes them from the first on as soon as it starts; :meth:`results`, called
    when this process has done its own work, takes those the child has not started,
    from the last back, then waits for the child's.

    Which process runs a task depends on timing; the results do not (each task is the
    same function either side). A child that dies costs only time: the tasks whose
    results it did not give are run here."""

    def __init__(self, tasks: Sequence[Callable[[], _T]]) -> None:
        context = multiprocessing.get_context("fork")
        self._tasks = list(tasks)
        self._lock = context.Lock()
        # The tasks the child may still take: [front, end), shared with it.
        self._front = context.RawValue("i", 0)
        self._end = context.RawValue("i", len(self._tasks))
        self._mine: dict[int, _T] = {}
        self._beside: Beside[dict[int, _T]] = Beside(self._from_the_front, self._the_rest)

    def _claim(self, *, front: bool) -> int | None:
        with self._lock:
            if self._front.value >= self._end.value:
                return None
            if front:
                self._front.value += 1
                return int(self._front.value - 1)
            self._end.value -= 1
            return int(self._end.value)

    def _from_the_front(self) -> dict[int, _T]:
        """In the child: every task it can claim, in order."""
        done: dict[int, _T] = {}
        while (i := self._claim(front=True)) is not None:
            done[i] = self._tasks[i]()
        return done

    def _the_rest(self) -> dict[int, _T]:
        """Here, when the child died: the tasks this process has not run."""
        return {i: task() for i, task in enumerate(self._tasks) if i not in self._mine}

    def results(self) -> list[_T]:
        """Every task's result, in the order of ``tasks``."""
        while (i := self._claim(front=False)) is not None:
            self._mine[i] = self._tasks[i]()
        done = {**self._beside.result(), **self._mine}
        return [done[i] for i in range(len(self._tasks))]

    @property
    def taken_here(self) -> frozenset[int]:
        """The tasks :meth:`results` ran in this process."""
        return frozenset(self._mine)
