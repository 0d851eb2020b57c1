"""Time a full analysis per corpus and write the results table.

Usage: ``python -m bench [seeds] [bbc] [--repeat N]``. Results go to
``bench/results/latest.md`` and ``bench/results/latest.json`` with machine info.
Corpora other than the seeds are read from ``../shared/corpora`` and skipped, with
the reason, when absent.
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
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
RESULTS = ROOT / "bench" / "results"

TARGETS = {
    "seeds": [ROOT / "seeds"],
    "bbc": [CORPORA / "bbc-fulltext" / "bbc-fulltext.zip"],
}


def _one_run(name: str) -> dict[str, object]:
    """Run one analysis in a fresh process, so peak memory is the analysis' own."""
    code = (
        "import json, resource, sys, time\n"
        "from natojp import analyze\n"
        "t = time.perf_counter()\n"
        f"a = analyze({[str(p) for p in TARGETS[name]]!r})\n"
        "total = time.perf_counter() - t\n"
        "print(json.dumps({'total': total, 'stages': a.timings, 'articles': len(a.articles),"
        " 'skipped': len(a.corpus.skipped), 'reports': len(a.duplicates.independent_reports),"
        " 'pairs': len(a.duplicates.pairs),"
        " 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("corpora", nargs="*", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    unknown = set(args.corpora) - set(TARGETS)
    if unknown:
        parser.error(f"unknown corpora: {', '.join(sorted(unknown))}")
    args.corpora = args.corpora or list(TARGETS)
    rows = []
    for name in args.corpora:
        missing = [p for p in TARGETS[name] if not p.exists()]
        if missing:
            print(f"skip {name}: {missing[0]} is absent", file=sys.stderr)
            continue
        runs = [_one_run(name) for _ in range(args.repeat)]
        totals = [float(r["total"]) for r in runs]  # type: ignore[arg-type]
        median = runs[totals.index(statistics.median_low(totals))]
        rows.append({"corpus": name, "runs": totals, **median})
        print(f"{name}: median {statistics.median(totals):.2f} s", file=sys.stderr)
    info = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "self_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({"machine": info, "results": rows}, indent=2))
    lines = [
        f"# Benchmark results ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']}, {info['cpus']} CPUs, "
        f"{info['memory_gb']} GiB. Median of {args.repeat} runs, each in a fresh process.",
        "",
        "| corpus | articles | skipped | reports | duplicated passages | total s (median) "
        "| runs s | peak RSS MB | stages s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items())  # type: ignore[union-attr]
        runs = " / ".join(f"{t:.2f}" for t in r["runs"])  # type: ignore[union-attr]
        lines.append(
            f"| {r['corpus']} | {r['articles']} | {r['skipped']} | {r['reports']} | {r['pairs']} "
            f"| {statistics.median(r['runs']):.2f} | {runs} | {r['peak_rss_mb']:.0f} | {stages} |"  # type: ignore[arg-type]
        )
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
