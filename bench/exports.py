"""Time briefing exports on the seeds: one chart (warm), and the whole pack as PDF and PPTX.

Usage: ``python -m bench.exports [--repeat N]``. Writes ``bench/results/exports.md`` and
``bench/results/exports.json``. "Warm" means Chromium is already running (the first
export of a process starts it; that start is timed separately). The whole pack is
timed from a finished analysis: slides, every chart rendered, then the file written.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def _seconds(fn: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.exports")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from natojp import analyze, charts
    from natojp.export import (
        briefing_caption,
        briefing_figure,
        build_brief,
        chromium_available,
        chromium_path,
        export_image,
        render_charts,
        source_line,
        write_pdf,
        write_pptx,
    )

    if not chromium_available():
        print("no Chromium found: install chromium or set NATOJP_CHROMIUM", file=sys.stderr)
        return 2
    analysis = analyze([ROOT / "seeds"], name="seeds")
    fig = briefing_figure(
        charts.area_coverage_bar(analysis.tech.scores),
        caption=briefing_caption("seeds", len(analysis.articles), analysis.analyzed_at),
        source=source_line("bench", analysis.corpus.citation),
    )
    t = time.perf_counter()
    export_image(fig, "png")
    cold = time.perf_counter() - t
    png = _seconds(lambda: export_image(fig, "png"), args.repeat)
    svg = _seconds(lambda: export_image(fig, "svg"), args.repeat)

    def pack(fmt: str) -> None:
        brief = build_brief(analysis)
        images = render_charts(brief)
        (write_pdf if fmt == "pdf" else write_pptx)(brief, images=images)

    pdf = _seconds(lambda: pack("pdf"), max(args.repeat // 2, 1))
    pptx = _seconds(lambda: pack("pptx"), max(args.repeat // 2, 1))
    brief = build_brief(analysis)
    sizes = {
        "pdf_bytes": len(write_pdf(brief, images=render_charts(brief))),
        "pptx_bytes": len(write_pptx(brief, images=render_charts(brief))),
        "charts": len(brief.charts),
        "slides": len(brief.slides),
    }
    # All page snapshots: a fresh server, Chromium and the analysis included.
    from natojp.export import snapshot

    with tempfile.TemporaryDirectory() as tmp:
        shots = _seconds(lambda: snapshot(Path(tmp)), max(args.repeat // 2, 1))
        pages = len(list(Path(tmp).glob("*.png")))
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "chromium": Path(chromium_path() or "").name,
        },
        "seconds": {
            "first_export_incl_chromium_start": round(cold, 3),
            "chart_png_1600x900_scale2_warm_median": round(statistics.median(png), 3),
            "chart_svg_warm_median": round(statistics.median(svg), 3),
            "pack_pdf_median": round(statistics.median(pdf), 3),
            "pack_pptx_median": round(statistics.median(pptx), 3),
            "all_page_snapshots_median": round(statistics.median(shots), 3),
        },
        "pack": sizes,
        "repeat": args.repeat,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "exports.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    s = results["seconds"]
    lines = [
        "# Briefing exports (seeds)",
        "",
        f"{results['when']} · Python {platform.python_version()} · {os.cpu_count()} CPUs · "
        f"median of {args.repeat} runs (packs: {max(args.repeat // 2, 1)})",
        "",
        "| what | seconds |",
        "|---|---|",
        f"| first export (starts Chromium) | {s['first_export_incl_chromium_start']} |",
        f"| one chart, PNG 1600×900 scale 2, warm | {s['chart_png_1600x900_scale2_warm_median']} |",
        f"| one chart, SVG, warm | {s['chart_svg_warm_median']} |",
        f"| whole pack, PDF ({sizes['slides']} slides, {sizes['charts']} charts) | "
        f"{s['pack_pdf_median']} |",
        f"| whole pack, PPTX | {s['pack_pptx_median']} |",
        f"| all {pages} page snapshots (`natojp snapshot`: server start, analysis, "
        f"Chromium) | {s['all_page_snapshots_median']} |",
        "",
        f"Sizes: PDF {sizes['pdf_bytes'] / 1e6:.2f} MB, PPTX {sizes['pptx_bytes'] / 1e6:.2f} MB.",
        "",
    ]
    (RESULTS / "exports.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
