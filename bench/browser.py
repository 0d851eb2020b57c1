"""The dashboard in a real browser: server start → first chart drawn, and page switches.

Usage: ``python -m bench.browser [seeds] [bbc] [reuters] [gen20k] [--repeat N]``. Each
run starts a fresh ``streamlit run dashboard.py`` (headless, loopback) with the corpus as
its default (``NATOJP_CORPUS``) and drives headless Chromium with Playwright:

* **cold start → first chart**: from spawning the server until the first visitor's
  page, opened by a link to the Timeline (the first page with a chart), has drawn its
  Plotly chart and settled. Includes Python and scikit-learn imports and the whole
  analysis of the corpus.
* **warm open**: a second visitor (new session) opening the same link; the analysis is
  cached per corpus content, so this is rendering only.
* **page switch**: clicking each sidebar link in turn until the page has settled.

Results go to ``bench/results/browser.md`` and ``.json``; corpora not run this time keep
their earlier rows. BBC and Reuters are read from ``../shared/corpora`` and skipped, with
the reason, when absent; ``gen20k`` (20,000 articles, the size the dashboard must stay
usable at) is generated from them by :mod:`bench.generate`. Needs Chromium and
Playwright (``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import generate
from natojp.app import PAGES
from natojp.export.browser import (
    page_has_exception,
    require_chromium,
    run_dashboard,
    wait_for_app,
)

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
RESULTS = ROOT / "bench" / "results"
TARGETS = {
    "seeds": ROOT / "seeds",
    "bbc": CORPORA / "bbc-fulltext" / "bbc-fulltext.zip",
    "reuters": CORPORA / "reuters21578",
    "gen20k": generate.BBC_ZIP,  # the source; the corpus is generated on first use
}
GENERATED = {"gen20k": 20_000}
_CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'


def _one_run(corpus: Path, executable: str) -> dict[str, Any]:
    pages = PAGES
    first_chart = next(p for p in pages if p.url_path == "timeline")
    result: dict[str, Any] = {"switch_s": {}}
    with run_dashboard(executable, corpus=corpus, first_path=first_chart.path) as dashboard:
        result["server_healthy_s"] = dashboard.timings["server_healthy_s"]
        result["cold_first_chart_s"] = dashboard.timings["first_render_s"]
        with dashboard.new_page() as page:
            started = time.monotonic()
            page.goto(dashboard.url(first_chart.path), wait_until="domcontentloaded")
            wait_for_app(page)
            page.locator(_CHART).first.wait_for()
            result["warm_open_s"] = time.monotonic() - started
            nav = page.get_by_test_id("stSidebarNav")
            for spec in [*pages[:1], *pages[2:], pages[1]]:
                started = time.monotonic()
                nav.get_by_role("link", name=spec.title, exact=True).click()
                page.wait_for_url(re.compile(rf"^{re.escape(dashboard.url(spec.path))}(\?.*)?$"))
                wait_for_app(page)
                result["switch_s"][spec.url_path] = time.monotonic() - started
                if page_has_exception(page):
                    raise RuntimeError(f"{spec.path} shows an exception")
            shown = re.search(r"(\d+) articles ·", page.get_by_test_id("stSidebar").inner_text())
            result["articles"] = int(shown.group(1)) if shown else None
    return result


def _machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{mem:.1f} GiB"
    )


def _merge_earlier(rows: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    """This run's rows, plus the earlier rows of corpora not run this time (in
    :data:`TARGETS` order)."""
    earlier: dict[str, dict[str, Any]] = {}
    if path.exists():
        saved = json.loads(path.read_text(encoding="utf-8"))
        for row in saved.get("rows", []):
            row.setdefault("when", saved.get("when", ""))
            earlier[row["corpus"]] = row
    earlier.update({row["corpus"]: row for row in rows})
    return [earlier[name] for name in TARGETS if name in earlier]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("corpora", nargs="*", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    unknown = set(args.corpora) - set(TARGETS)
    if unknown:
        parser.error(f"unknown corpora: {', '.join(sorted(unknown))}")
    executable = require_chromium()
    rows: list[dict[str, Any]] = []
    for name in args.corpora or list(TARGETS):
        corpus = TARGETS[name]
        if not corpus.exists() or (name in GENERATED and not generate.REUTERS.exists()):
            print(f"skip {name}: {corpus.name} not found beside the project", file=sys.stderr)
            continue
        if name in GENERATED:
            corpus, _ = generate.ensure(GENERATED[name])
        runs = []
        for i in range(args.repeat):
            run = _one_run(corpus, executable)
            print(f"{name} run {i + 1}: {json.dumps(run, default=str)}", file=sys.stderr)
            runs.append(run)
        switches = [s for run in runs for s in run["switch_s"].values()]
        rows.append(
            {
                "corpus": name,
                "runs": runs,
                "cold_first_chart_s": statistics.median(r["cold_first_chart_s"] for r in runs),
                "warm_open_s": statistics.median(r["warm_open_s"] for r in runs),
                "switch_median_s": statistics.median(switches),
                "switch_max_s": max(switches),
            }
        )
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    for row in rows:
        row["when"] = stamp
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = _merge_earlier(rows, RESULTS / "browser.json")
    (RESULTS / "browser.json").write_text(
        json.dumps({"when": stamp, "machine": _machine(), "rows": rows}, indent=2) + "\n",
        encoding="utf-8",
    )
    lines = [
        f"# Dashboard in a real browser ({stamp})",
        "",
        f"{_machine()}; headless Chromium driven by Playwright; median of {args.repeat} runs, "
        "each on a fresh server.",
        "",
        "| corpus | articles | cold start → first chart s | warm open s "
        "| page switch s (median) | page switch s (max) | slowest page | measured |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        slowest = max(row["runs"][0]["switch_s"].items(), key=lambda kv: kv[1])[0]
        lines.append(
            f"| {row['corpus']} | {row['runs'][0].get('articles') or '?'} "
            f"| {row['cold_first_chart_s']:.1f} | {row['warm_open_s']:.1f} "
            f"| {row['switch_median_s']:.1f} | {row['switch_max_s']:.1f} | {slowest} "
            f"| {row.get('when', stamp)[:10]} |"
        )
    (RESULTS / "browser.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
