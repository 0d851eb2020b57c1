"""The dashboard server under a crowd: memory after many uploads, concurrent analyses,
and many sessions opening at once.

Usage: ``python -m bench.dashboard [uploads] [concurrent] [crowd]``. Each scenario
starts a fresh ``streamlit run dashboard.py`` (headless, loopback, default settings)
and drives headless Chromium with Playwright:

* **uploads**: 10 sessions one after another each upload a different BBC-size corpus
  (the BBC News zip, 2,225 articles, plus one file that differs per upload) and close;
  the server's resident memory is read once nobody is connected, right away and after
  Streamlit's disconnected-session TTL (120 s). Target: ≤ 1 GB.
* **concurrent**: 5 sessions upload 5 different BBC-size corpora at the same time; the
  server's peak resident memory (``VmHWM``). Target: ≤ 2.7 GB (Community Cloud's upper
  limit for an app).
* **crowd**: 8 sessions open the app on the seeds at the same moment on a fresh
  server; seconds until each one's first page has settled.

Results go to ``bench/results/dashboard.md`` and ``.json`` with machine info. The BBC
zip is read from ``../shared/corpora`` (research-use, never copied here); without it
the upload scenarios are skipped with the reason.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.browser import _machine
from natojp.export.browser import page_has_exception, require_chromium, run_dashboard, wait_for_app

ROOT = Path(__file__).resolve().parents[1]
BBC_ZIP = ROOT.parent / "shared" / "corpora" / "bbc-fulltext" / "bbc-fulltext.zip"
RESULTS = ROOT / "bench" / "results"
SESSION_TTL_S = 120  # Streamlit's server.disconnectedSessionTTL default
GOALS_MB = {"uploads": 1024, "concurrent": 2765}


def _status_mb(pid: int, field: str) -> float:
    """A memory line of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


def _variant(i: int) -> dict[str, Any]:
    """The BBC zip plus one small article that makes upload ``i`` a different corpus."""
    out = io.BytesIO()
    with zipfile.ZipFile(BBC_ZIP) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(
            f"bbc/extra/variant-{i}.txt",
            f"Variant {i}\n\nThis note number {i} makes upload {i} a corpus of its own.\n",
        )
    return {"name": f"bbc-{i}.zip", "mimeType": "application/zip", "buffer": out.getvalue()}


def _choose_upload(page: Any) -> None:
    page.get_by_test_id("stSidebar").get_by_text("Upload files", exact=True).click()
    wait_for_app(page)


def _articles_shown(page: Any) -> int:
    metric = page.locator('[data-testid="stMetric"]', has_text="Articles").first
    return int(metric.get_by_test_id("stMetricValue").inner_text().replace(",", ""))


def uploads(executable: str) -> dict[str, Any]:
    with run_dashboard(executable) as dashboard:
        pid = dashboard.server.pid
        assert pid is not None
        row: dict[str, Any] = {"rss_start_mb": _status_mb(pid, "VmRSS"), "after_upload_mb": []}
        for i in range(10):
            with dashboard.new_page() as page:
                page.goto(dashboard.url("/"), wait_until="domcontentloaded")
                wait_for_app(page)
                _choose_upload(page)
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(_variant(i))
                wait_for_app(page, timeout=300)
                if page_has_exception(page) or _articles_shown(page) != 2226:
                    raise RuntimeError(f"upload {i} was not analysed")
            row["after_upload_mb"].append(round(_status_mb(pid, "VmRSS")))
            print(f"upload {i + 1}: {row['after_upload_mb'][-1]} MB", file=sys.stderr)
        time.sleep(5)
        row["nobody_connected_mb"] = _status_mb(pid, "VmRSS")
        time.sleep(SESSION_TTL_S + 30)
        row["after_session_ttl_mb"] = _status_mb(pid, "VmRSS")
        row["peak_mb"] = _status_mb(pid, "VmHWM")
    row["measured_mb"] = max(row["nobody_connected_mb"], row["after_session_ttl_mb"])
    return row


def concurrent(executable: str, sessions: int = 5) -> dict[str, Any]:
    with run_dashboard(executable) as dashboard:
        pid = dashboard.server.pid
        assert pid is not None
        row: dict[str, Any] = {"rss_start_mb": _status_mb(pid, "VmRSS")}
        variants = [_variant(100 + i) for i in range(sessions)]
        pages = [dashboard.new_page() for _ in range(sessions)]
        opened = [p.__enter__() for p in pages]
        try:
            for page in opened:
                page.goto(dashboard.url("/"), wait_until="domcontentloaded")
                wait_for_app(page)
                _choose_upload(page)
            started = time.monotonic()
            for page, variant in zip(opened, variants, strict=True):
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(variant)
            for page in opened:
                wait_for_app(page, timeout=600)
                if page_has_exception(page) or _articles_shown(page) != 2226:
                    raise RuntimeError("a concurrent upload was not analysed")
            row["all_done_s"] = time.monotonic() - started
        finally:
            for p in pages:
                p.__exit__(None, None, None)
        row["peak_mb"] = _status_mb(pid, "VmHWM")
    row["measured_mb"] = row["peak_mb"]
    return row


def _cpu_s(pid: int) -> float:
    """User plus system CPU seconds a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def crowd(executable: str, sessions: int = 8) -> dict[str, Any]:
    """8 sessions at once on a fresh server whose first visitor has come and gone (so
    the seeds are analysed); the browser shares this machine's cores with the server,
    so the server's own CPU seconds are recorded beside the wall time."""
    with run_dashboard(executable) as dashboard:
        pid = dashboard.server.pid
        assert pid is not None
        contexts = [dashboard.new_page() for _ in range(sessions)]
        pages = [c.__enter__() for c in contexts]
        try:
            cpu = _cpu_s(pid)
            started = time.monotonic()
            for page in pages:
                page.goto(dashboard.url("/"), wait_until="commit")
            waits = []
            for page in pages:
                wait_for_app(page)
                waits.append(time.monotonic() - started)
            server_cpu = _cpu_s(pid) - cpu
        finally:
            for c in contexts:
                c.__exit__(None, None, None)
    return {
        "first_page_s_median": statistics.median(waits),
        "first_page_s_max": max(waits),
        "server_cpu_s": server_cpu,
    }


SCENARIOS = {"uploads": uploads, "concurrent": concurrent, "crowd": crowd}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard")
    parser.add_argument("scenarios", nargs="*", help=f"any of {', '.join(SCENARIOS)}")
    args = parser.parse_args()
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    executable = require_chromium()
    rows: dict[str, Any] = {}
    path = RESULTS / "dashboard.json"
    if path.exists():
        rows = json.loads(path.read_text(encoding="utf-8")).get("rows", {})
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    for name in args.scenarios or list(SCENARIOS):
        if name != "crowd" and not BBC_ZIP.exists():
            print(f"skip {name}: the BBC zip is not beside the project", file=sys.stderr)
            continue
        row = SCENARIOS[name](executable)
        row["when"] = stamp
        rows[name] = row
        print(f"{name}: {json.dumps(row)}", file=sys.stderr)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"when": stamp, "machine": _machine(), "rows": rows}, indent=2) + "\n",
        encoding="utf-8",
    )
    lines = [
        f"# Dashboard server under a crowd ({stamp})",
        "",
        f"{_machine()}; `python -m bench.dashboard`; default settings (analysis cache "
        "256 MB, 60 min idle).",
        "",
        "| scenario | measured | target | met | measured on |",
        "|---|---|---|---|---|",
    ]
    for name in SCENARIOS:
        row = rows.get(name)
        if row is None:
            continue
        if name == "crowd":
            value = (
                f"first page after {row['first_page_s_median']:.1f} s (median), "
                f"{row['first_page_s_max']:.1f} s (slowest) of 8; the server's share: "
                f"{row.get('server_cpu_s', float('nan')):.1f} CPU s"
            )
            lines.append(f"| {name} | {value} | | | {row['when'][:10]} |")
            continue
        goal = GOALS_MB[name]
        lines.append(
            f"| {name} | {row['measured_mb']:.0f} MB | ≤ {goal} MB "
            f"| {'yes' if row['measured_mb'] <= goal else 'no'} | {row['when'][:10]} |"
        )
    if "uploads" in rows:
        up = rows["uploads"]
        lines += [
            "",
            f"uploads: {up['rss_start_mb']:.0f} MB at start; after each upload "
            f"{', '.join(str(x) for x in up['after_upload_mb'])} MB; nobody connected "
            f"{up['nobody_connected_mb']:.0f} MB, after the session TTL "
            f"{up['after_session_ttl_mb']:.0f} MB (peak {up['peak_mb']:.0f} MB).",
        ]
    (RESULTS / "dashboard.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
