from __future__ import annotations

from pathlib import Path

import pytest

from natojp import analyze
from natojp.analysis import Analysis
from natojp.findings import findings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds() -> Analysis:
    return analyze([ROOT / "seeds"])


def test_findings_are_computed_from_the_analysis(seeds: Analysis) -> None:
    lines = findings(seeds)
    n = len(seeds.articles)
    reports = len(seeds.duplicates.independent_reports)
    assert lines[0].startswith(f"{n} articles from 5 sources make {reports} independent reports")
    assert "000_3d9694f0226b20af (Anadolu Agency) rewrites 001_92ee229aff965d8c" in lines[0]
    rare = next(line for line in lines if line.startswith("Only "))
    mentioned = (seeds.tech.scores > 0).sum(axis=0)
    count = int(mentioned[mentioned > 0].min())
    assert rare.startswith(f"Only {count} of {n} articles mention")
    assert "Semiconductors" in rare
    assert any("off-topic" in line for line in lines)
    undated = sum(a.published is None for a in seeds.articles)
    assert f"{undated} of {n} articles carry no publication date." in lines


def test_findings_follow_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Drone talks open\n\nOfficials opened talks on drones in Brussels on the first day.",
        encoding="utf-8",
    )
    lines = findings(analyze([tmp_path]))
    assert lines[0] == "1 article from 1 source make 1 independent report."
    assert any("Uncrewed" in line for line in lines)
    assert any(line.startswith("No article mentions") for line in lines)
