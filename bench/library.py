"""The corpus library against from-scratch analysis, in one run on one corpus.

Usage: ``python -m bench.library [--articles N] [--add K] [--workers W] [--out library]``.

The generated corpus of N articles (``bench.generate``) is split into its first N-K
lines (the library's articles so far) and its last K (today's articles). The run
measures, each in this process and one after another, and each analysis with its
provenance and corroboration (as the report and the dashboard have them):

* **from scratch**: :func:`natojp.analysis.analyze` of all N (ingest and every stage);
* **library add**: a library made of the N-K and analysed once (as last month's
  library was: the facts read in each article are kept, :mod:`natojp.facts`), then the
  K added (ingest, clean, store);
* **analysis after the add**: :func:`natojp.library.analyze_library` of the N current
  articles: the facts of the K new articles are read, the vectors and neighbours of
  the first analysis are brought up to the K (:func:`natojp.vectorise.update_terms`),
  every other corpus-wide stage runs on the N; for comparison, the same with the
  vectors fitted again (nothing to start from: the kept snapshot deleted), and without
  kept facts;
* **reopen**: the same analysis taken from the analysis cache (what the dashboard and
  ``natojp analyze --library`` do for a version analysed before);
* **disk**: the library file against the raw text of the N articles (UTF-8 bytes).

The issue's targets: adding K=1,000 to 100,000 takes ≤ 10% of a from-scratch analysis
of the 101,000 (ratio = add + what the add must recompute), a library ≤ 1.5× the raw
text. Results go to ``bench/results/<out>.md`` and ``.json`` with machine info.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import generate
from bench.__main__ import RESULTS, _machine
from natojp.config import WORKERS_ENV


def _split(corpus: Path, keep: int, folder: Path) -> tuple[Path, Path, int]:
    """The corpus's first ``keep`` lines and the rest as two JSONL files, and the UTF-8
    bytes of all the article texts."""
    base, added = folder / "base.jsonl", folder / "added.jsonl"
    text_bytes = 0
    with (
        corpus.open(encoding="utf-8") as src,
        base.open("w", encoding="utf-8") as b,
        added.open("w", encoding="utf-8") as a,
    ):
        for n, line in enumerate(src):
            record = json.loads(line)
            text_bytes += len(str(record.get("text", "")).encode("utf-8"))
            text_bytes += len(str(record.get("title", "")).encode("utf-8"))
            (b if n < keep else a).write(line)
    return base, added, text_bytes


def _same(x: Any, y: Any) -> bool:
    return bool(
        x.duplicates.independent_reports == y.duplicates.independent_reports
        and x.duplicates.dependencies == y.duplicates.dependencies
        and x.duplicates.pairs == y.duplicates.pairs
        and x.timeline == y.timeline
        and x.tech.scores.equals(y.tech.scores)
    )


def _similar(got: Any, want: Any) -> dict[str, float]:
    """How close ``got``'s similarities are to ``want``'s: the share of ``want``'s
    neighbours ``got`` lists too, the 99th percentile and the largest difference of the
    cosines of the neighbours both list, and of the source × source cosines."""
    import numpy as np

    shared, listed = 0, 0
    diffs: list[float] = []
    for key, items in want.similarity.neighbors.items():
        mine = dict(got.similarity.neighbors.get(key, ()))
        listed += len(items)
        for b, score in items:
            if b in mine:
                shared += 1
                diffs.append(abs(mine[b] - score))
    sources = want.sources.index.intersection(got.sources.index)
    source_diff = np.abs(
        got.sources.loc[sources, sources].to_numpy() - want.sources.loc[sources, sources].to_numpy()
    )
    return {
        "neighbours_shared": round(shared / max(listed, 1), 4),
        "neighbour_cosine_p99": round(float(np.percentile(diffs, 99)) if diffs else 0.0, 4),
        "neighbour_cosine_max": round(max(diffs, default=0.0), 4),
        "source_cosine_max": round(float(source_diff.max()) if source_diff.size else 0.0, 4),
    }


def _whole(analysis: Any) -> Any:
    """``analysis`` with its provenance and corroboration made, as ``natojp analyze``
    writes them in the report and the dashboard shows them."""
    analysis.provenance()
    analysis.corroboration()
    return analysis


def run(n_articles: int, k_added: int) -> dict[str, Any]:
    from natojp.analysis import analyze
    from natojp.library import AnalysisCache, Library, analyze_library

    corpus, _ = generate.ensure(n_articles)
    with tempfile.TemporaryDirectory(prefix="natojp-bench-library-") as tmp:
        folder = Path(tmp)
        base, added, text_bytes = _split(corpus, n_articles - k_added, folder)
        t = time.perf_counter()
        scratch = _whole(analyze([base, added]))
        t_scratch = time.perf_counter() - t
        scratch_articles = len(scratch.articles)

        t = time.perf_counter()
        lib = Library.create(folder / "lib.natojp")
        lib.add([base])
        t_base = time.perf_counter() - t
        cache = AnalysisCache(folder / "cache")
        t = time.perf_counter()
        first = _whole(analyze_library(lib, cache=cache))
        t_first = time.perf_counter() - t
        del first
        t = time.perf_counter()
        result = lib.add([added])
        t_add = time.perf_counter() - t

        t = time.perf_counter()
        after = _whole(analyze_library(lib, cache=cache))
        t_after = time.perf_counter() - t
        after_stages = {k: round(v, 2) for k, v in after.timings.items()}
        same = _same(after, scratch)
        similar = _similar(after, scratch)
        drift = after.terms.drift
        del scratch
        # The same again, from the kept facts but with nothing to start from: its
        # snapshot and the pointer to the last analysis deleted (vectors fitted again).
        for kept in (*(folder / "cache").glob("*.latest"), *(folder / "cache").glob("*.analysis")):
            kept.unlink()
        t = time.perf_counter()
        refit = _whole(analyze_library(lib, cache=cache))
        t_refit = time.perf_counter() - t
        assert refit.terms.drift == 0
        del refit
        t = time.perf_counter()
        _whole(analyze_library(lib))  # the same, without kept facts (nor any cache)
        t_plain = time.perf_counter() - t
        t = time.perf_counter()
        reopened = _whole(analyze_library(Library.open(lib.path), cache=cache))
        t_reopen = time.perf_counter() - t
        assert reopened.corpus.fingerprint == after.corpus.fingerprint
        lib_bytes = lib.path.stat().st_size
        snapshot_bytes = sum(p.stat().st_size for p in (folder / "cache").glob("*.analysis"))
        facts_bytes = cache.facts.size()
    return {
        "articles": n_articles,
        "added": k_added,
        "analysed_articles": scratch_articles,
        "added_articles": len(result.added),
        "scratch_s": round(t_scratch, 2),
        "library_base_add_s": round(t_base, 2),
        "library_first_analysis_s": round(t_first, 2),
        "add_s": round(t_add, 2),
        "analysis_after_add_s": round(t_after, 2),
        "analysis_after_add_stages_s": after_stages,
        "analysis_without_facts_s": round(t_plain, 2),
        "analysis_fitted_again_s": round(t_refit, 2),
        "reopen_s": round(t_reopen, 2),
        "add_ratio": round(t_add / t_scratch, 4),
        "add_and_analysis_ratio": round((t_add + t_after) / t_scratch, 4),
        "identical_to_scratch": same,
        "terms_drift": drift,
        "similar_to_scratch": similar,
        "raw_text_mb": round(text_bytes / 2**20, 1),
        "library_mb": round(lib_bytes / 2**20, 1),
        "disk_ratio": round(lib_bytes / text_bytes, 3),
        "snapshot_mb": round(snapshot_bytes / 2**20, 1),
        "facts_mb": round(facts_bytes / 2**20, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _markdown(info: dict[str, Any], row: dict[str, Any]) -> str:
    n, k = row["articles"], row["added"]
    met = "met" if row["add_and_analysis_ratio"] <= 0.10 else "not met"
    disk = "met" if row["disk_ratio"] <= 1.5 else "not met"
    return "\n".join(
        [
            f"# Corpus library benchmark ({info['date']})",
            "",
            f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs, "
            f"{info['memory_gb']} GiB; load average {info['load_after']} after the run. "
            f"One run: `python -m bench.library --articles {n} --add {k}"
            + (f" --workers {row['workers']}" if row.get("workers") else "")
            + "`.",
            "",
            "| step | seconds | vs from scratch |",
            "|---|---|---|",
            f"| from-scratch analysis of {n:,} | {row['scratch_s']} | 1.00 |",
            f"| library made of {n - k:,} (once) | {row['library_base_add_s']} | |",
            f"| its first analysis (once; keeps each article's facts) | "
            f"{row['library_first_analysis_s']} | |",
            f"| add {k:,} (ingest, clean, store) | {row['add_s']} | {row['add_ratio']:.3f} |",
            f"| analysis of the {n:,} after the add | {row['analysis_after_add_s']} | "
            f"{row['analysis_after_add_s'] / row['scratch_s']:.3f} |",
            f"| the same analysis with the kept facts, vectors fitted again (no earlier "
            f"analysis to start from) | {row['analysis_fitted_again_s']} | "
            f"{row['analysis_fitted_again_s'] / row['scratch_s']:.3f} |",
            f"| the same analysis without kept facts (as before they were kept) | "
            f"{row['analysis_without_facts_s']} | "
            f"{row['analysis_without_facts_s'] / row['scratch_s']:.3f} |",
            f"| add + analysis | {row['add_s'] + row['analysis_after_add_s']:.2f} | "
            f"{row['add_and_analysis_ratio']:.3f} (target ≤ 0.10: {met}) |",
            f"| reopen an analysed version (analysis cache) | {row['reopen_s']} | "
            f"{row['reopen_s'] / row['scratch_s']:.3f} |",
            "",
            f"- Library analysis identical to from scratch (reports, dependencies, pairs, "
            f"timeline, areas): {'yes' if row['identical_to_scratch'] else 'NO'}.",
            "- The analysis after the add "
            + (
                f"kept the vocabulary and weights of the first and vectorised only the "
                f"{row['terms_drift']:,} articles added or changed since it "
                "(`natojp.vectorise.update_terms`), and found their neighbours "
                "(`natojp.similarity.update_similarity`). Against the from-scratch "
                "analysis: "
                if row["terms_drift"]
                else "fitted its vocabulary and weights again. Against the from-scratch analysis: "
            )
            + f"{row['similar_to_scratch']['neighbours_shared']:.1%} of the neighbours "
            f"the same; the cosines of neighbours both list differ by at most "
            f"{row['similar_to_scratch']['neighbour_cosine_p99']} for 99% of them, "
            f"{row['similar_to_scratch']['neighbour_cosine_max']} at most; source × "
            f"source cosines by at most {row['similar_to_scratch']['source_cosine_max']}.",
            f"- Disk: library {row['library_mb']} MB for {row['raw_text_mb']} MB of raw text = "
            f"{row['disk_ratio']}× (target ≤ 1.5×: {disk}); the analysis snapshot in the "
            f"machine's cache (not part of the library) {row['snapshot_mb']} MB, the facts "
            f"of the articles kept there {row['facts_mb']} MB.",
            "- Stages of the analysis after the add (s; from 20,000 articles the "
            "duplicates, the areas and the timeline run in a process beside, 'waiting' "
            "is the time spent waiting for them, or computing the areas and the timeline "
            "here when the process beside had not started them: 'areas and timeline, "
            "here'): "
            + ", ".join(f"{k} {v}" for k, v in row["analysis_after_add_stages_s"].items())
            + ".",
            f"- Peak resident memory of the run: {row['peak_rss_mb']:,} MB.",
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--out", default="library")
    parser.add_argument(
        "--workers",
        type=int,
        help="NATOJP_WORKERS for every analysis of the run (1: one process, as in the "
        "dashboard's server; default: automatic)",
    )
    args = parser.parse_args()
    if args.workers is not None:
        os.environ[WORKERS_ENV] = str(args.workers)
    row = run(args.articles, args.add)
    row["workers"] = args.workers
    info = _machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(
        json.dumps({"machine": info, "result": row}, indent=1), encoding="utf-8"
    )
    (RESULTS / f"{args.out}.md").write_text(_markdown(info, row), encoding="utf-8")
    print(_markdown(info, row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
