"""The Dask engine against the in-process engine, in one run on one corpus.

Usage: ``python -m bench.engine [--articles N | --corpus PATH] [--workers W ...] [--out engine]``.

Each measurement runs in a fresh Python process (a process that has run Dask keeps
threads, and the in-process engine forks its second process only from a process with
one thread), one after another, and times what ``natojp analyze`` computes plus the
provenance and corroboration the report and the dashboard read:

* **in-process**: :func:`natojp.analysis.analyze` (with its second process from 20,000
  articles);
* **Dask, W workers**: a :class:`distributed.LocalCluster` of W single-threaded worker
  processes started inside the timed section, then
  :func:`natojp.engine.analyze_dask` on it.

For each run: wall time, each stage's time, the peak resident memory of the analysing
process (its forked child included: ``RUSAGE_CHILDREN``) and of every Dask worker
(``ru_maxrss`` asked of each worker at the end), the Dask tasks by stage (count, compute
seconds, span) and the bytes Dask moved between workers by stage (its own size
estimates, from each worker's transfer log), and a digest of the report without its
run details: the engines agree when the digests are equal.

Results go to ``bench/results/<out>.md`` and ``.json`` with machine info.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import generate
from bench.__main__ import RESULTS, _machine


def _digest(analysis: Any, keep: Path) -> str:
    """A hash of the report without run details (when, how long); the report is kept
    in ``keep`` (to tell which sections differ, if any)."""
    import orjson

    from natojp.report import to_dict

    report = to_dict(analysis)
    report["corpus"].pop("analyzed_at", None)
    report.pop("timings", None)
    data = orjson.dumps(report, option=orjson.OPT_SORT_KEYS)
    keep.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _sections_differing(a: Path, b: Path) -> list[str]:
    """The sections (and sub-sections) in which two kept reports differ."""
    import orjson

    x, y = orjson.loads(a.read_bytes()), orjson.loads(b.read_bytes())
    out = []
    for key in sorted(set(x) | set(y)):
        if x.get(key) == y.get(key):
            continue
        if isinstance(x.get(key), dict) and isinstance(y.get(key), dict):
            subs = sorted(set(x[key]) | set(y[key]))
            out += [f"{key}.{k}" for k in subs if x[key].get(k) != y[key].get(k)]
        else:
            out.append(key)
    return out


def _stage_of(key: Any) -> str:
    """The function a task runs, from its key (``name-token`` or ``name-uuid``)."""
    name = key[0] if isinstance(key, tuple) else key
    return str(name).split("-", 1)[0]


def _run_process(corpus: Path, keep: Path) -> dict[str, Any]:
    from natojp.analysis import analyze

    t = time.perf_counter()
    analysis = analyze([corpus])
    analysis.provenance()
    analysis.corroboration()
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "timings": analysis.timings,
        "peak_mb": _peak_mb(),
        "articles": len(analysis.articles),
        "digest": _digest(analysis, keep),
    }


def _run_dask(corpus: Path, workers: int, keep: Path) -> dict[str, Any]:
    from distributed import Client, LocalCluster, get_task_stream

    from natojp.engine import DaskEngine, analyze_dask

    t = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        started = time.perf_counter() - t
        with get_task_stream(client) as stream:
            analysis = analyze_dask(
                [corpus], engine=DaskEngine(scheduler=cluster.scheduler_address)
            )
            analysis.provenance()
            analysis.corroboration()
        seconds = time.perf_counter() - t
        peaks = client.run(_worker_peak_mb)
        moved = client.run(_moved)
    tasks: dict[str, dict[str, float]] = defaultdict(
        lambda: {"tasks": 0, "compute_s": 0.0, "start": float("inf"), "stop": 0.0}
    )
    origin = min((s["start"] for r in stream.data for s in r["startstops"]), default=0.0)
    for record in stream.data:
        row = tasks[_stage_of(record["key"])]
        row["tasks"] += 1
        for span in record["startstops"]:
            if span["action"] == "compute":
                row["compute_s"] += span["stop"] - span["start"]
                row["start"] = min(row["start"], span["start"] - origin)
                row["stop"] = max(row["stop"], span["stop"] - origin)
    shuffled: dict[str, int] = defaultdict(int)
    for log in moved.values():
        for stage, nbytes in log.items():
            shuffled[stage] += nbytes
    return {
        "seconds": seconds,
        "cluster_start_s": started,
        "timings": analysis.timings,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # not workers'
        "worker_peak_mb": sorted(peaks.values()),
        "tasks": dict(tasks),
        "moved_bytes": dict(shuffled),
        "articles": len(analysis.articles),
        "digest": _digest(analysis, keep),
    }


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _moved(dask_worker: Any) -> dict[str, int]:
    """Bytes this worker received from others, by stage (Dask's size estimates)."""
    out: dict[str, int] = defaultdict(int)
    for entry in dask_worker.transfer_incoming_log:
        for key, nbytes in entry.get("keys", {}).items():
            out[_stage_of(key)] += int(nbytes)
    return dict(out)


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _measure(engine: str, corpus: Path, keep: Path, workers: int = 0) -> dict[str, Any]:
    """One run in a fresh process; its report kept in ``keep``."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, "-m", "bench.engine", "--run", engine, "--corpus", str(corpus)]
        command += ["--workers", str(workers), "--result", out.name, "--keep", str(keep)]
        subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[1])
        result: dict[str, Any] = json.loads(Path(out.name).read_text())
    return result


_SERIAL = ("corpus_after", "corpus_areas", "corpus_duplicates")
"""The one-task stages that hold the whole corpus."""
_MAP = (
    "clean_and_count",
    "facts_partition",
    "term_frequencies",
    "part_vectors",
    "part_postings",
    "part_probes",
    "part_best",
    "offtopic_changes",
)
"""The stages of one task per partition."""
_REDUCE = ("corpus_idf", "corpus_postings", "join_probes", "best_of", "merge_changes")
"""The off-topic pass's one-task reductions of small values."""


def _markdown(info: dict[str, Any], name: str, runs: dict[str, dict[str, Any]]) -> str:
    base = runs["in-process"]["seconds"]
    lines = [
        f"# Dask engine benchmark ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs, "
        f"{info['memory_gb']} GiB; load average {info['load_after']} after the run. One run "
        f"of each, one after another, each in a fresh process: `python -m bench.engine "
        f"{info['args']}`. Corpus: {name}, {runs['in-process']['articles']:,} articles "
        "analysed. Times include the provenance and corroboration, and for Dask the start "
        "of the local cluster.",
        "",
        "| engine | seconds | vs in-process | peak RSS of the analysing process MB | "
        "peak RSS of each worker MB | report identical |",
        "|---|---|---|---|---|---|",
    ]
    for label, run in runs.items():
        workers = ", ".join(f"{p:,.0f}" for p in run.get("worker_peak_mb", [])) or "-"
        same = "yes" if run["digest"] == runs["in-process"]["digest"] else "**no**"
        if run.get("differs_in"):
            same += f" ({', '.join(run['differs_in'][:6])} differ)"
        lines.append(
            f"| {label} | {run['seconds']:.1f} | {run['seconds'] / base:.2f} | "
            f"{run['peak_mb']:,.0f} | {workers} | {same} |"
        )
    lines += ["", "Stages (s; stages of the Dask engine run in tasks as well as here):", ""]
    for label, run in runs.items():
        stages = ", ".join(f"{k} {v:.2f}" for k, v in run["timings"].items())
        lines.append(f"- {label}: {stages}")
    dask_runs = {k: v for k, v in runs.items() if "tasks" in v}
    if dask_runs:
        labels = list(dask_runs)
        lines += [
            "",
            "## Scale-out",
            "",
            "Per stage: Dask tasks, the bytes Dask moved between workers for them (its "
            "size estimates), and compute seconds summed over tasks / span from the first "
            "start to the last end, for each run.",
            "",
            "| stage | tasks | moved MB | "
            + " | ".join(f"{k}: compute s / span s" for k in labels)
            + " |",
            "|---|---|---|" + "---|" * len(labels),
        ]
        stages = sorted(
            {s for r in dask_runs.values() for s in r["tasks"]},
            key=lambda s: min(r["tasks"].get(s, {}).get("start", 1e9) for r in dask_runs.values()),
        )
        last = max(dask_runs.values(), key=lambda r: len(r["worker_peak_mb"]))  # most workers
        for stage in stages:
            cells = []
            for label in labels:
                row = dask_runs[label]["tasks"].get(stage)
                cells.append(
                    "-"
                    if row is None
                    else f"{row['compute_s']:.1f} / {row['stop'] - row['start']:.1f}"
                )
            n = int(last["tasks"].get(stage, {}).get("tasks", 0))
            moved = last["moved_bytes"].get(stage, 0) / 2**20
            lines.append(f"| {stage} | {n} | {moved:,.1f} | " + " | ".join(cells) + " |")
        lines += ["", _extrapolation(last)]
    return "\n".join(lines) + "\n"


def _extrapolation(run: dict[str, Any]) -> str:
    """Amdahl on paper from ``run`` (the run with the most workers): the partitioned
    stages divide by the workers, the one-task stages and this process's own work do
    not."""
    tasks = run["tasks"]

    def compute(stage: str) -> float:
        return float(tasks.get(stage, {}).get("compute_s", 0.0))

    mapped = sum(compute(s) for s in _MAP)
    t = run["timings"]
    here = t.get("ingest", 0.0) + t.get("partitions", 0.0) + run.get("cluster_start_s", 0.0)
    longest = max(
        (s for s in _SERIAL if s in tasks), key=lambda s: tasks[s]["compute_s"], default=None
    )
    serial = sum(compute(s) for s in _REDUCE) + compute("corpus_after")
    client = t.get("vectorise", 0.0) + t.get("similarity", 0.0)
    after = t.get("provenance", 0.0) + t.get("corroboration", 0.0)
    rows = []
    for w in (1, 2, 16, 64):
        duplicates = (
            compute("changed_shingles")
            + compute("shingle_bucket") / w
            + compute("duplicate_candidates")
            + compute("corpus_duplicates")
        )
        beside = max(compute("corpus_areas"), duplicates, client)
        total = here + mapped / w + serial + beside + after
        rows.append(f"| {w} | {mapped / w:.1f} | {total:.1f} |")
    return "\n".join(
        [
            "On paper, with the same per-task costs: the tasks of each partition (cleaning, "
            "facts, which hash the shingles too, and the off-topic pass's), and the bucket "
            "tasks of the duplicates' candidate pairs, divide by the workers; the off-topic "
            "pass's reductions and the reading of the corpus after it, the areas and "
            "timeline, the verification of the duplicates (one task each, on the whole "
            "corpus) and this process's vectors, similarities, provenance and corroboration "
            "do not. Machines of the same speed, transfers ignored:",
            "",
            "| workers | partition tasks s | total s |",
            "|---|---|---|",
            *rows,
            "",
            f"The stage that stops scaling: **{longest}** "
            f"({tasks[longest]['compute_s']:.1f} s in one task here), with this process's "
            f"vectors and similarities ({client:.1f} s): each holds the whole corpus in one "
            "process. Beyond a few workers the total is the one-task stages; making them "
            "partitioned (verification by blocks of candidate pairs; the document "
            "frequencies by one reduction, then TF-IDF per partition, as the off-topic "
            "pass does) is what would let it scale."
            if longest
            else "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="a corpus instead of a generated one")
    parser.add_argument("--workers", type=int, nargs="*", default=[2])
    parser.add_argument("--out", default="engine")
    parser.add_argument("--run", choices=("process", "dask"), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        corpus = args.corpus
        result = (
            _run_process(corpus, args.keep)
            if args.run == "process"
            else _run_dask(corpus, args.workers[0], args.keep)
        )
        args.result.write_text(json.dumps(result))
        return 0
    if args.corpus:
        corpus, name = args.corpus, args.corpus.name
    else:
        corpus, _ = generate.ensure(args.articles)
        name = f"generated, {args.articles:,}"
    with tempfile.TemporaryDirectory(prefix="natojp-bench-") as tmp:
        base = Path(tmp) / "in-process.json"
        runs = {"in-process": _measure("process", corpus, base)}
        print(f"in-process: {runs['in-process']['seconds']:.1f} s", file=sys.stderr)
        for w in args.workers:
            label = f"Dask, {w} worker{'s' if w > 1 else ''}"
            kept = Path(tmp) / f"dask{w}.json"
            runs[label] = run = _measure("dask", corpus, kept, w)
            run["differs_in"] = _sections_differing(base, kept)
            print(f"{label}: {run['seconds']:.1f} s", file=sys.stderr)
    info = _machine()
    info["args"] = " ".join(sys.argv[1:])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps({"machine": info, "runs": runs}, indent=1))
    (RESULTS / f"{args.out}.md").write_text(_markdown(info, name, runs))
    print((RESULTS / f"{args.out}.md").read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
