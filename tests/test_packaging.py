"""The dependency lists agree, and the project ships what the README promises."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


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


def test_only_one_natojp_module_may_import_streamlit() -> None:
    importers = [
        p.name
        for p in (ROOT / "natojp").rglob("*.py")
        if any(
            line.startswith(("import streamlit", "from streamlit"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert len(importers) <= 1, importers


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in readme and "scripts/dashboard" in readme
    assert ci.rstrip().splitlines()[-1] == "exec scripts/test"
