"""Time a full analysis per corpus, score duplicate quality, and write the results table.

Usage: ``python -m bench [seeds] [bbc] [reuters] [gen10k] [gen100k] [--repeat N]
[--no-compare]``. Each run is a fresh process (so peak RSS is the analysis' own)
that times every stage (ingest, clean, vectorise, similarity, taxonomy, timeline,
duplicates, report), then scores duplicates against the corpus's ground truth (see
:mod:`bench.quality`). The comparisons of :mod:`bench.compare` run on ``gen10k``.
Results go to ``bench/results/latest.md`` and ``latest.json`` with machine info.
Corpora other than the seeds are read from ``../shared/corpora`` and skipped, with
the reason, when absent; the generated corpora are built there-from by
:mod:`bench.generate` into ``bench/.cache/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import generate

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
RESULTS = ROOT / "bench" / "results"

TARGETS: dict[str, list[Path]] = {
    "seeds": [ROOT / "seeds"],
    "bbc": [CORPORA / "bbc-fulltext" / "bbc-fulltext.zip"],
    "reuters": [CORPORA / "reuters21578"],
    "gen10k": [generate.BBC_ZIP, generate.REUTERS],
    "gen100k": [generate.BBC_ZIP, generate.REUTERS],
}
GENERATED = {"gen10k": 10_000, "gen100k": 100_000}
# (total s, peak RSS MB) targets of the issue.
GOALS = {"seeds": (1.0, None), "bbc": (10.0, 1024), "reuters": (60.0, 2048)}
GOALS["gen100k"] = (180.0, 4096)

_CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from natojp.analysis import analyze_sources
from natojp.config import AnalysisConfig
from natojp.ingest import read_paths
from natojp.report import to_json_bytes
from bench import quality
import orjson
paths, kind, truth = json.loads(sys.argv[1])
start = t = time.perf_counter()
ingested = read_paths(paths, AnalysisConfig().ingest)
ingest = time.perf_counter() - t
a = analyze_sources(ingested, AnalysisConfig(), name=kind)
a.provenance()  # made on first use: timed as stages of their own, not as the report
a.corroboration()
t = time.perf_counter()
text = to_json_bytes(a)  # what `natojp analyze -o` writes
report = time.perf_counter() - t
# Wall time: stages run beside the analysing process (natojp._beside) overlap others,
# so their times do not add up to it.
total = time.perf_counter() - start
# What the report spends on those sections (built and written again, on their own).
from natojp.report import _corroboration, _provenance
t = time.perf_counter()
orjson.dumps({**_provenance(a), **_corroboration(a)}, option=orjson.OPT_INDENT_2)
derived_report = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# The process that ran the timeline and the duplicates beside this one (natojp._beside),
# forked from it: its peak counts the pages it shared with this process as well.
child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
stages = {"ingest": ingest, **a.timings, "report": report}
if kind.startswith("gen"):
    q = quality.generated(a, __import__("pathlib").Path(truth))
else:
    q = getattr(quality, kind)(a)
stages["report of provenance and corroboration"] = derived_report  # inside "report"
print(json.dumps({"total": total, "stages": stages, "articles": len(a.articles),
    "skipped": len(a.corpus.skipped), "reports": len(a.duplicates.independent_reports),
    "pairs": len(a.duplicates.pairs), "peak_rss_mb": rss, "beside_peak_rss_mb": child_rss,
    "report_mb": len(text) / 2**20,
    "quality": q}))
"""


def _paths(name: str) -> tuple[list[str], str]:
    if name in GENERATED:
        corpus, truth = generate.ensure(GENERATED[name])
        return [str(corpus)], str(truth)
    return [str(p) for p in TARGETS[name]], ""


def _one_run(name: str) -> dict[str, Any]:
    """Run one analysis in a fresh process, so peak memory is the analysis' own."""
    paths, truth = _paths(name)
    with _MemorySampler() as memory:
        result = _json_of([sys.executable, "-c", _CHILD, json.dumps([paths, name, truth])])
    result["machine_memory_mb"] = memory.rise_mb
    return result


class _MemorySampler:
    """The rise in memory in use on the machine (MemTotal - MemAvailable, Linux) while
    a run goes on, sampled 4 times a second: the analysing process and the one beside
    it together, counting once the pages they share."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._base = _in_use()
        self.peak = self._base
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            self.peak = max(self.peak, _in_use())

    def __enter__(self) -> _MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def rise_mb(self) -> float:
        return (self.peak - self._base) / 2**20


def _in_use() -> int:
    """Bytes of memory in use on the machine (0 where /proc/meminfo is missing)."""
    try:
        fields = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
        total = int(fields["MemTotal"].split()[0]) * 1024
        available = int(fields["MemAvailable"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):
        return 0
    return total - available


def _compare() -> dict[str, Any]:
    paths, truth = _paths("gen10k")
    return _json_of([sys.executable, "-m", "bench.compare", paths[0], truth])


def _json_of(command: list[str]) -> dict[str, Any]:
    """Run a child Python and read the JSON object on the last line it prints."""
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "self_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load_after": round(os.getloadavg()[0], 2),
    }


def _markdown(info: dict[str, Any], rows: list[dict[str, Any]], cmp: dict[str, Any] | None) -> str:
    lines = [
        f"# Benchmark results ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs, "
        f"{info['memory_gb']} GiB. Median of the runs listed, each in a fresh process; "
        f"1-minute load average {info['load_before']} before the run, "
        f"{info['load_after']} after.",
        "",
        "Total is wall time, from reading the files to the report written in memory. From "
        "20,000 articles the timeline and the duplicates are computed in a second process "
        "forked beside the analysing one (natojp._beside) while it vectorises, compares "
        "and scores areas: their stage times overlap the others, and 'waiting' is the time "
        "the analysing process then waited for them. Peak RSS is the analysing process's; "
        "'beside' is the second process's, which counts the pages it shares with the first; "
        "'machine' is the peak rise of the memory in use on the machine during the run (both "
        "processes, shared pages once; sampled 4 times a second).",
        "",
        "| corpus | articles | reports | duplicated passages | total s (median) | runs s "
        "| peak RSS MB | beside peak RSS MB | machine MB | report MB | stages s (median run) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items())
        runs = " / ".join(f"{t:.2f}" for t in r["runs"])
        lines.append(
            f"| {r['corpus']} | {r['articles']} | {r['reports']} | {r['pairs']} "
            f"| {statistics.median(r['runs']):.2f} | {runs} | {r['peak_rss_mb']:.0f} "
            f"| {r.get('beside_peak_rss_mb', 0.0):.0f} | {r.get('machine_memory_mb', 0.0):.0f} "
            f"| {r['report_mb']:.1f} | {stages} |"
        )
    derived = ("provenance", "corroboration")
    # With a second process the analysing one reads most of what they need while it
    # waits (corroboration mentions, provenance specifics): no total without them.
    alone = [r for r in rows if "waiting" not in r["stages"]]
    if any(k in r["stages"] for r in alone for k in derived):
        lines += [
            "",
            "## Without provenance and corroboration",
            "",
            "Stories, provenance, quotes, entities, claims and flags (issue 16) are made on "
            "first use (the report, or their pages). The analysis and report without them "
            "(the report's time less what it spends writing their sections, measured apart):",
            "",
            "| corpus | total s without them | provenance s | corroboration s | their report s |",
            "|---|---|---|---|---|",
        ]
        for r in alone:
            extra = [
                r["stages"].get(k, 0.0)
                for k in (*derived, "report of provenance and corroboration")
            ]
            core = statistics.median(r["runs"]) - sum(extra)
            lines.append(
                f"| {r['corpus']} | {core:.2f} | {extra[0]:.2f} | {extra[1]:.2f} | {extra[2]:.2f} |"
            )
    lines += ["", "## Duplicate quality", ""]
    for r in rows:
        q = ", ".join(f"{k} {v}" for k, v in r["quality"].items())
        lines.append(f"- **{r['corpus']}**: {q}")
    by = {r["corpus"]: r for r in rows}
    if "gen10k" in by and "gen100k" in by:
        m10 = statistics.median(by["gen10k"]["runs"])
        m100 = statistics.median(by["gen100k"]["runs"])
        lines += ["", f"Scaling gen10k → gen100k: {m100 / m10:.1f}× the time (target ≤ 12×)."]
    if cmp:
        lines += [
            "",
            f"## Duplicate stage side by side (gen10k, {cmp['articles']} articles, one run)",
            "",
            "| method | seconds | candidates | copies P / R / F1 | paragraph recall "
            "| quote recall |",
            "|---|---|---|---|---|---|",
        ]
        for name in ("ours_shingle", "ours_minhash", "datasketch"):
            if name not in cmp:
                continue
            c = cmp[name]
            lines.append(
                f"| {name} | {c['seconds']} | {c['candidates']} | {c['copies_precision']} / "
                f"{c['copies_recall']} / {c['copies_f1']} | {c['paragraph_recall']} "
                f"| {c['quote_recall']} |"
            )
        e = cmp["exact_cosine"]
        ours = cmp["ours_shingle"]["seconds"]
        lines += [
            "",
            f"Exact blocked all-pairs cosine (word 4-gram vectors, cosine ≥ {e['threshold']}): "
            f"{e['seconds']} s ({e['prep_seconds']} s building vectors, "
            f"{e['all_pairs_seconds']} s all-pairs) for {e['pairs']} pairs; our duplicate stage "
            f"links {e['ours_recall']:.2%} of them and is {e['seconds'] / ours:.1f}× faster "
            "at 10k.",
        ]
        if "gen100k" in by:
            d100 = by["gen100k"]["stages"]["duplicates"]
            extra = e["prep_seconds"] * 10 + e["all_pairs_seconds"] * 100
            lines.append(
                f"Extrapolated to 100k (vectors × 10, all-pairs × 100): {extra:.0f} s against "
                f"our measured {d100:.1f} s, {extra / d100:.1f}× faster."
            )
        if "exact_tfidf_cosine" in cmp:
            f = cmp["exact_tfidf_cosine"]
            lines += [
                "",
                f"Exact blocked all-pairs cosine of the TF-IDF article vectors (the naive design; "
                f"cosine ≥ {f['threshold']}, vectors already built): {f['seconds']} s for "
                f"{f['pairs']} pairs ({f['half_seconds']} s on the first {f['half_articles']} "
                f"articles: {f['seconds'] / max(f['half_seconds'], 1e-9):.1f}× the time for 2× "
                f"the articles). Our duplicate stage links {f['ours_recall']:.2%} of these "
                f"pairs and is {f['seconds'] / ours:.1f}× faster at 10k.",
            ]
            if "gen100k" in by:
                d100 = by["gen100k"]["stages"]["duplicates"]
                extra = f["seconds"] * 100
                lines.append(
                    f"Extrapolated to 100k (all-pairs × 100): {extra:.0f} s against our measured "
                    f"{d100:.1f} s, {extra / d100:.1f}× faster."
                )
        sim = cmp["similarity"]
        lines += [""]
        lines.append(
            f"Top-10 neighbours at 10k: exact blocked product {sim['exact_seconds']} s, pruned "
            f"index {sim['pruned_seconds']} s; recall@10 {sim['recall_at_10']}, recall of "
            f"neighbours with cosine ≥ 0.3 {sim['recall_cosine_ge_0.3']}."
        )
        if "datasketch" in cmp:
            lines.append(
                f"datasketch MinHashLSH (same shingles, threshold 0.25, 32 permutations) takes "
                f"{cmp['datasketch']['seconds'] / ours:.1f}× the time of our exact shingle join "
                f"and {cmp['datasketch']['seconds'] / cmp['ours_minhash']['seconds']:.1f}× that "
                "of our NumPy MinHash LSH."
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("corpora", nargs="*", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-compare", action="store_true", help="skip the side-by-side runs")
    parser.add_argument("--out", default="latest", help="results file stem (default: latest)")
    args = parser.parse_args()
    unknown = set(args.corpora) - set(TARGETS)
    if unknown:
        parser.error(f"unknown corpora: {', '.join(sorted(unknown))}")
    args.corpora = args.corpora or list(TARGETS)
    load_before = round(os.getloadavg()[0], 2)  # other work on the machine skews timings
    rows = []
    for name in args.corpora:
        missing = [p for p in TARGETS[name] if not p.exists()]
        if missing:
            print(f"skip {name}: {missing[0]} is absent", file=sys.stderr)
            continue
        runs = []
        for i in range(args.repeat):
            runs.append(_one_run(name))
            print(f"{name} run {i + 1}: {runs[-1]['total']:.2f} s", file=sys.stderr)
        totals = [float(r["total"]) for r in runs]
        median = runs[totals.index(statistics.median_low(totals))]
        rows.append({"corpus": name, "runs": totals, **median})
    cmp = None
    if not args.no_compare and generate.BBC_ZIP.exists() and generate.REUTERS.exists():
        print("comparing duplicate methods on gen10k …", file=sys.stderr)
        cmp = _compare()
    info = {**_machine(), "load_before": load_before}
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"machine": info, "results": rows, "comparison": cmp}
    (RESULTS / f"{args.out}.json").write_text(json.dumps(payload, indent=2))
    text = _markdown(info, rows, cmp)
    (RESULTS / f"{args.out}.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
