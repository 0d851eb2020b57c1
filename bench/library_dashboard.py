"""A large corpus library in the dashboard, in a real browser: how long a visitor waits
for the first chart, how long page switches take, and how much memory the server holds.

Usage: ``python -m bench.library_dashboard --articles 100000 [--repeat N] [--peer N]``.

The library is made once of the generated corpus (:mod:`bench.generate`) and analysed
once with an analysis cache, as ``natojp library add`` followed by a first dashboard
visit or ``natojp analyze --library`` leave it; both are kept in ``bench/.cache`` (git
ignores it) for the next run. Each run then starts a fresh ``streamlit run
dashboard.py`` (headless, loopback) whose only library is that one
(``NATOJP_LIBRARY``, ``NATOJP_ANALYSIS_CACHE``) and drives headless Chromium:

* **first chart after the page is requested**: the server is up and nobody has visited
  yet; a visitor opens a link to the Timeline (the first page with a chart) and waits
  until the chart is drawn and the page has settled. Includes reading the analysis.
* **warm open**: a second visitor opening the same link.
* **page switches**: clicking each sidebar link in turn until the page has settled.
* **server memory**: the server's resident set after the first chart, and its peak
  (``VmHWM``) after every page was shown.

Each time ends when the page settled (script finished, every chart drawn, nothing stale):
the moment the browser first saw it so, not the half second more the wait then spends
making sure it stays so (results before 2026-12-07 included that half second).

With ``--peer N`` (default 2,000; 0 for none) a library of N articles gets the same tour
in the same run, each of its runs right after one of the large library's, and the
results give both and their ratios: this machine's speed varies by a fifth from hour to
hour, a ratio much less.

Each run also opens a **floor** in the same browser: a Streamlit app of two pages, each
a title and one small Plotly chart (:data:`FLOOR_APP`), on a fresh server: first and
second visitor, and a switch from one page to the other by its sidebar link. What it
takes is what any Streamlit page with a chart costs on this machine and this browser
(loading Streamlit's and Plotly's JavaScript, connecting, drawing), which no change to
natojp can remove.

Results go to ``bench/results/library_dashboard.md`` and ``.json`` (``--out``).
"""

from __future__ import annotations

import argparse
import compileall
import json
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import natojp
from bench import generate
from bench.browser import _machine
from natojp.app import PAGES
from natojp.export.browser import (
    Dashboard,
    StreamlitServer,
    chromium,
    page_has_exception,
    require_chromium,
    settled_at,
    wait_for_app,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
_CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
FIRST_CHART_S, SWITCH_S, RSS_MB = 5.0, 1.0, 1536
"""The targets: first chart, each page switch (s); the server's resident memory (MB)."""
FLOOR_APP = """import plotly.graph_objects as go
import streamlit as st


def page(title):
    def show():
        st.title(title)
        layout = {"template": "plotly_white"}
        st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3]), layout=layout))

    return show


st.navigation(
    [
        st.Page(page("One chart"), title="One", default=True),
        st.Page(page("Another chart"), title="Another", url_path="another"),
    ]
).run()
"""
"""The floor's app (see the module docstring)."""
PAGE_TIMEOUT_S = 120.0
"""A page not settled after this long is recorded as such (``null``), not waited for."""


def ensure_library(n_articles: int) -> tuple[Path, Path, dict[str, float]]:
    """The library of ``n_articles`` generated articles and its analysis cache, made
    and analysed on first use; what making them took (empty when they were kept)."""
    from natojp.library import AnalysisCache, Library, analyze_library

    folder = generate.CACHE / f"library{n_articles}"
    path, cache_folder = folder / "lib.natojp", folder / "analyses"
    made: dict[str, float] = {}
    if not path.is_file():
        corpus, _ = generate.ensure(n_articles)
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        tmp = folder / ".lib.natojp"
        tmp.unlink(missing_ok=True)
        Library.create(tmp, contents=[corpus])
        tmp.replace(path)
        made["library_s"] = round(time.perf_counter() - t, 1)
    cache = AnalysisCache(cache_folder)
    lib = Library.open(path)
    if not any(cache_folder.glob("*.analysis")):
        t = time.perf_counter()
        analyze_library(lib, cache=cache)
        made["analysis_s"] = round(time.perf_counter() - t, 1)
    return path, cache_folder, made


def _memory_mb(pid: int | None) -> dict[str, float]:
    """The resident set and its peak of process ``pid`` (MB), from ``/proc``."""
    out: dict[str, float] = {}
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return out
    for name in ("VmRSS", "VmHWM"):
        m = re.search(rf"^{name}:\s+(\d+) kB", status, re.M)
        if m:
            out[name] = round(int(m.group(1)) / 1024)
    return out


def _open_to_chart(page: Any, url: str) -> float:
    """Seconds from asking for ``url`` until its first chart is drawn and it settled."""
    started = time.time()
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)
    page.locator(_CHART).first.wait_for()
    return _since(page, started)


def _since(page: Any, started: float) -> float:
    """Seconds from ``started`` (:func:`time.time`) until ``page`` settled
    (:func:`~natojp.export.browser.settled_at`: not counting the half second
    :func:`~natojp.export.browser.wait_for_app` then waits to be sure it stays so)."""
    return round(settled_at(page) - started, 2)


def _one_run(library: Path, cache: Path, executable: str) -> dict[str, Any]:
    first = next(p for p in PAGES if p.url_path == "timeline")
    env = {"NATOJP_LIBRARY": str(library), "NATOJP_ANALYSIS_CACHE": str(cache)}
    result: dict[str, Any] = {"switch_s": {}}
    server = StreamlitServer(env=env)
    server.start()
    try:
        with chromium(executable) as browser:
            server.wait_until_healthy()
            result["server_healthy_s"] = round(server.healthy_at - server.started_at, 2)
            result["idle_rss_mb"] = _memory_mb(server.pid).get("VmRSS")
            dashboard = Dashboard(server, browser)
            with dashboard.new_page() as page:
                result["first_chart_s"] = _open_to_chart(page, dashboard.url(first.path))
                if page_has_exception(page):
                    raise RuntimeError(f"{first.path} shows an exception")
                result["first_chart_rss_mb"] = _memory_mb(server.pid).get("VmRSS")
                sidebar = page.get_by_test_id("stSidebar").inner_text()
                shown = re.search(r"([\d,]+) articles ·", sidebar)
                result["articles"] = int(shown.group(1).replace(",", "")) if shown else None
            with dashboard.new_page() as page:
                result["warm_open_s"] = _open_to_chart(page, dashboard.url(first.path))
                nav = page.get_by_test_id("stSidebarNav")
                for spec in [*PAGES[:1], *PAGES[2:], PAGES[1]]:
                    started = time.time()
                    nav.get_by_role("link", name=spec.title, exact=True).click()
                    page.wait_for_url(
                        re.compile(rf"^{re.escape(dashboard.url(spec.path))}(\?.*)?$")
                    )
                    try:
                        wait_for_app(page, timeout=PAGE_TIMEOUT_S)
                    except AssertionError:  # recorded as not settled; the next page waits
                        result["switch_s"][spec.url_path] = None
                        continue
                    result["switch_s"][spec.url_path] = _since(page, started)
                    if page_has_exception(page):
                        raise RuntimeError(f"{spec.path} shows an exception")
            memory = _memory_mb(server.pid)
            result["end_rss_mb"] = memory.get("VmRSS")
            result["peak_rss_mb"] = memory.get("VmHWM")
    finally:
        server.stop()
    return result


def _floor_run(executable: str) -> dict[str, float]:
    """The floor (see the module docstring): first and warm open of :data:`FLOOR_APP`."""
    with tempfile.TemporaryDirectory(prefix="natojp-bench-floor-") as tmp:
        script = Path(tmp) / "app.py"
        script.write_text(FLOOR_APP, encoding="utf-8")
        server = StreamlitServer(script, cwd=ROOT)  # the dashboard's .streamlit settings
        server.start()
        try:
            with chromium(executable) as browser:
                server.wait_until_healthy()
                dashboard = Dashboard(server, browser)
                with dashboard.new_page() as page:
                    first = _open_to_chart(page, dashboard.url("/"))
                with dashboard.new_page() as page:
                    warm = _open_to_chart(page, dashboard.url("/"))
                    nav = page.get_by_test_id("stSidebarNav")
                    started = time.time()
                    nav.get_by_role("link", name="Another", exact=True).click()
                    page.wait_for_url(re.compile(r".*/another(\?.*)?$"))
                    wait_for_app(page)
                    switch = _since(page, started)
        finally:
            server.stop()
    return {"first_chart_s": first, "warm_open_s": warm, "switch_s": switch}


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    med = statistics.median
    pages = list(runs[0]["switch_s"])
    never = float("inf")  # a page that did not settle in PAGE_TIMEOUT_S
    switches = {
        p: med(never if r["switch_s"][p] is None else r["switch_s"][p] for r in runs) for p in pages
    }
    return {
        "first_chart_s": med(r["first_chart_s"] for r in runs),
        "warm_open_s": med(r["warm_open_s"] for r in runs),
        "switch_median_s": med(switches.values()),
        "switch_max_s": max(switches.values()),
        "slowest_page": max(switches, key=switches.__getitem__),
        "switch_s": switches,
        "first_chart_rss_mb": med(r["first_chart_rss_mb"] or 0 for r in runs),
        "peak_rss_mb": max(r["peak_rss_mb"] or 0 for r in runs),
    }


def _finite(value: Any) -> Any:
    """``value`` with every infinite number (a page that did not settle) as ``None``."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return None if value == float("inf") else value


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value != float("inf") else f"over {PAGE_TIMEOUT_S:.0f} s"


def _peer_lines(info: dict[str, Any]) -> list[str]:
    """The same measures on the smaller library toured in the same run, and the ratios."""
    peer = info.get("peer")
    if not peer:
        return []
    s, p = info["summary"], peer["summary"]

    def ratio(key: str) -> str:
        a, b = s[key], p[key]
        return f"{a / b:.1f}×" if b and a != float("inf") else "n/a"

    return [
        "",
        f"The same tour of a {peer['articles']:,}-article library in the same run (each "
        f"run of one alternating with one of the other), and the ratio of the "
        f"{info['articles']:,} to it:",
        "",
        "| measure | peer | ratio |",
        "|---|---|---|",
        f"| first chart | {p['first_chart_s']:.2f} s | {ratio('first_chart_s')} |",
        f"| warm open | {p['warm_open_s']:.2f} s | {ratio('warm_open_s')} |",
        f"| page switch, median | {_seconds(p['switch_median_s'])} | {ratio('switch_median_s')} |",
        f"| page switch, slowest ({p['slowest_page']}) | {_seconds(p['switch_max_s'])} | "
        f"{ratio('switch_max_s')} |",
        f"| server peak memory | {p['peak_rss_mb']:,.0f} MB | {ratio('peak_rss_mb')} |",
    ]


def _floor_lines(info: dict[str, Any]) -> list[str]:
    """The floor measured in the same run, and what natojp adds to it."""
    floor = info.get("floor")
    if not floor:
        return []
    s = info["summary"]
    return [
        "",
        f"The floor, in the same run (a Streamlit app of two pages of a title and one small "
        f"Plotly chart each, fresh server, median): first visitor "
        f"{floor['first_chart_s']:.2f} s, second {floor['warm_open_s']:.2f} s, a page "
        f"switch {floor['switch_s']:.2f} s. What the dashboard adds to it: first chart "
        f"{s['first_chart_s'] - floor['first_chart_s']:+.2f} s, warm open "
        f"{s['warm_open_s'] - floor['warm_open_s']:+.2f} s, median page switch "
        f"{s['switch_median_s'] - floor['switch_s']:+.2f} s.",
    ]


def _markdown(info: dict[str, Any]) -> str:
    s = info["summary"]
    met = {
        "first": s["first_chart_s"] <= FIRST_CHART_S,
        "switch": s["switch_max_s"] <= SWITCH_S,
        "rss": s["peak_rss_mb"] <= RSS_MB,
    }
    yes = {True: "met", False: "not met"}
    pages = " · ".join(
        f"{p} {v:.2f}" if v != float("inf") else f"{p} over {PAGE_TIMEOUT_S:.0f}"
        for p, v in s["switch_s"].items()
    )
    return "\n".join(
        [
            f"# A {info['articles']:,}-article library in the dashboard ({info['when']})",
            "",
            f"{info['machine']}; `{info['command']}`; headless Chromium driven by Playwright; "
            f"median of {len(info['runs'])} run(s), each on a fresh server (the analysis "
            "kept in the analysis cache, as a first visit or `natojp analyze --library` "
            "leaves it).",
            "",
            "| measure | measured | target | |",
            "|---|---|---|---|",
            f"| first chart after the page is requested (Timeline link, first visitor) | "
            f"{s['first_chart_s']:.2f} s | ≤ {FIRST_CHART_S:.0f} s | {yes[met['first']]} |",
            f"| warm open (second visitor) | {s['warm_open_s']:.2f} s | | |",
            f"| page switch, median / slowest ({s['slowest_page']}) | "
            f"{_seconds(s['switch_median_s'])} / {_seconds(s['switch_max_s'])} | "
            f"≤ {SWITCH_S:.0f} s | "
            f"{yes[met['switch']]} |",
            f"| server memory after the first chart | {s['first_chart_rss_mb']:,.0f} MB | | |",
            f"| server peak memory, every page shown | {s['peak_rss_mb']:,.0f} MB | "
            f"≤ {RSS_MB:,} MB | {yes[met['rss']]} |",
            *_peer_lines(info),
            *_floor_lines(info),
            "",
            f"Page switches (s, median): {pages}.",
            "",
            "Runs: "
            + "; ".join(
                f"first chart {r['first_chart_s']} s, server healthy after "
                f"{r['server_healthy_s']} s, peak {r['peak_rss_mb']} MB"
                for r in info["runs"]
            )
            + ".",
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--peer",
        type=int,
        default=2_000,
        help="a smaller library toured in the same run, for ratios (0: none)",
    )
    parser.add_argument("--out", default="library_dashboard")
    args = parser.parse_args()
    executable = require_chromium()
    # natojp's bytecode, as installing it writes (a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module in each fresh server)
    compileall.compile_dir(Path(natojp.__file__).parent, quiet=1)
    library, cache, made = ensure_library(args.articles)
    peer = ensure_library(args.peer)[:2] if args.peer else None
    runs, peer_runs, floor_runs = [], [], []
    for _ in range(args.repeat):  # interleaved: all see the machine as it is
        runs.append(_one_run(library, cache, executable))
        if peer is not None:
            peer_runs.append(_one_run(*peer, executable))
        floor_runs.append(_floor_run(executable))
    for run in runs + peer_runs:
        print(json.dumps(run), file=sys.stderr)
    command = "python -m bench.library_dashboard " + " ".join(sys.argv[1:])
    info = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "command": command.strip(),
        "articles": args.articles,
        "made": made,
        "runs": runs,
        "summary": _summary(runs),
        "floor": {
            "runs": floor_runs,
            "first_chart_s": statistics.median(r["first_chart_s"] for r in floor_runs),
            "warm_open_s": statistics.median(r["warm_open_s"] for r in floor_runs),
            "switch_s": statistics.median(r["switch_s"] for r in floor_runs),
        },
    }
    if peer_runs:
        info["peer"] = {"articles": args.peer, "runs": peer_runs, "summary": _summary(peer_runs)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps(_finite(info), indent=2) + "\n")
    (RESULTS / f"{args.out}.md").write_text(_markdown(info))
    print(_markdown(info))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
