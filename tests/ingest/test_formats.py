"""natojp.ingest.formats: the suffixes read."""

from __future__ import annotations

import re

from natojp.ingest import SUPPORTED_SUFFIXES
from tests import ROOT


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".html", ".csv", ".tsv", ".jsonl", ".json", ".zip", ".sgm"} <= (
        SUPPORTED_SUFFIXES
    )
    assert all(s == s.lower() and s.startswith(".") for s in SUPPORTED_SUFFIXES)


def test_the_readme_lists_every_suffix_read() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What it reads", 1)[1].split("\n\n", 2)[1]
    listed = set(re.findall(r"`(\.\w+)`", section))
    assert listed == SUPPORTED_SUFFIXES
