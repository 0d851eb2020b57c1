"""The dependency lists agree, and the project ships what the README promises."""

from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests import ROOT


def _normalised(reqs: list[str]) -> dict[str, str]:
    out = {}
    for line in reqs:
        r = Requirement(line)
        out[r.name.lower().replace("_", "-")] = str(r.specifier)
    return out


def test_requirements_txt_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert _normalised(lines) == _normalised(project["dependencies"])


def test_layout_of_the_design_card() -> None:
    for name in ("pyproject.toml", "README.md", "dashboard.py", "natojp", "seeds", "tests"):
        assert (ROOT / name).exists(), name
    assert (ROOT / ".ci" / "run").exists()
    assert sorted(p.stem for p in (ROOT / "seeds").glob("*.txt")) == [
        "000_3d9694f0226b20af",
        "001_92ee229aff965d8c",
        "002_562edc6b6e8a2061",
        "003_86772a582f00ab4c",
        "004_cd16a73cbc67527f",
    ]


def _imports(path: Path) -> set[str]:
    """Every module an ``import`` or ``from ... import`` statement of ``path`` names,
    indented ones (inside functions, ``if TYPE_CHECKING``) included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_only_the_app_package_imports_streamlit() -> None:
    outside = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "natojp").rglob("*.py")
        if "app" not in p.relative_to(ROOT / "natojp").parts[:1]
        and any(n == "streamlit" or n.startswith("streamlit.") for n in _imports(p))
    ]
    assert outside == []


def test_the_data_layer_runs_without_loading_streamlit() -> None:
    code = (
        "import sys, natojp, natojp.analysis, natojp.cli, natojp.charts, natojp.report, "
        "natojp.export, natojp.export.brief, natojp.export.pdf, natojp.export.pptx, "
        "natojp.export.snapshot, natojp.export.browser, natojp.app.launch, natojp.app.pages\n"
        "from natojp.analysis import analyze\n"
        "from natojp.data import SEEDS\n"
        "analyze([SEEDS])\n"
        "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.slow
def test_the_installed_wheel_works_from_an_empty_folder(tmp_path: Path) -> None:
    """pip install of the project (not editable), then from an empty folder: analyze on
    the bundled seeds, brief, snapshot and dashboard. Built from a copy of the tree so
    the checkout stays clean; the dependencies are this environment's."""
    from natojp.export import chromium_available

    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build", ".*cache", "bench"),
    )
    site, work = tmp_path / "site", tmp_path / "work"
    work.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", str(source), "-w", str(tmp_path)], check=True)
    (wheel,) = tmp_path.glob("natojp-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    env = {**os.environ, "PYTHONPATH": str(site)}

    def natojp(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "natojp", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import natojp; print(natojp.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(site)), where
    natojp("analyze", "-o", "report.json", "-q")
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert report["corpus"]["name"] == "seeds" and report["corpus"]["articles"] == 5
    assert report["articles"][0]["outlet"] == "Anadolu Agency"  # the seeds' manifest applied
    if chromium_available():
        natojp("brief", "-o", "brief.pdf", "-q")
        assert (work / "brief.pdf").read_bytes().startswith(b"%PDF")
        natojp("snapshot", "-o", "shots", "--pages", "overview", "-q")
        assert [p.name for p in (work / "shots").iterdir()] == ["01-overview.png"]

    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "natojp",
            "dashboard",
            "--port",
            str(port),
            "--address",
            "127.0.0.1",
        ],
        cwd=work,
        env={**env, "STREAMLIT_SERVER_HEADLESS": "true"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 60
        while True:
            try:
                with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    assert r.read().strip() == b"ok"
                    break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "the dashboard did not start"
                time.sleep(0.3)
        with opener.open(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert r.status == 200 and b'<div id="root">' in r.read()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in readme and "scripts/dashboard" in readme
    assert ci.rstrip().splitlines()[-1] == "exec scripts/test"
