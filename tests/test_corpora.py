"""Integration on the research corpora in ../shared/corpora (skipped where absent).

These corpora carry research-use terms: they are read in place, never copied here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from natojp import analyze
from natojp.analysis import Analysis

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
BBC = CORPORA / "bbc-fulltext"

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def bbc() -> Analysis:
    if not (BBC / "bbc-fulltext.zip").exists():
        pytest.skip(f"the BBC corpus is not at {BBC} (research-use data, not shipped)")
    return analyze([BBC / "bbc-fulltext.zip"])


def test_bbc_is_read_whole_with_latin1(bbc: Analysis) -> None:
    assert len(bbc.articles) == 2225 and bbc.corpus.skipped == ()
    assert "£" in bbc.corpus.by_id("sport/199").body
    assert all(a.title and not a.title_derived for a in bbc.articles)


def test_bbc_cleaning_removes_nothing_but_headlines(bbc: Analysis) -> None:
    reasons = {r.reason for a in bbc.articles for r in a.removed}
    assert reasons == {"headline"}


def test_bbc_known_duplicate_pairs_are_found(bbc: Analysis) -> None:
    derived = json.loads((BBC / "derived" / "bbc-duplicate-pairs.json").read_text())
    expected = {frozenset(p) for p in derived["normalised_exact_pairs"]}
    expected |= {
        frozenset((p["a"], p["b"]))
        for p in derived["near_pairs_jaccard_ge_0.5"]
        if p["jaccard"] >= 0.9
    }
    expected = {frozenset(x.removesuffix(".txt") for x in pair) for pair in expected}
    assert len(expected) == 154
    found = {frozenset((d.source, d.derivative)) for d in bbc.duplicates.dependencies}
    recall = len(expected & found) / len(expected)
    assert recall >= 0.98, sorted(map(sorted, expected - found))[:5]
    grouped = {frozenset(g) for g in bbc.duplicates.independent_reports if len(g) > 1}
    assert all(any(pair <= g for g in grouped) for pair in expected & found)
