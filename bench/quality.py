"""Duplicate-detection quality against each corpus's ground truth.

* seeds: the gold duplicate pairs of ``tests/fixtures/seeds_gold.json`` (article pairs
  sharing a passage).
* bbc: the 154 derived pairs (103 normalised-exact, 51 with word 5-gram Jaccard ≥ 0.9)
  against the article pairs the analysis calls a ``copy`` (60%+ of the shorter
  article's prose shared; ``recall_any_link`` also counts ``rewrite`` links).
  Precision ignores pairs the derived list gives with Jaccard 0.5-0.9 (real shared
  text below the list's duplicate threshold): they are neither right nor wrong.
* reuters: groups of exactly repeated bodies found, and whether each repeated pair is
  one independent report.
* gen*: pair precision/recall/F1 on planted copies (copy clusters: every pair inside
  one is true; pairs made by the planted paragraph/quote reuse are neither right nor
  wrong), and recall of reused paragraphs and 20+-word quotes at passage level.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from natojp._text import tokens
from natojp.analysis import Analysis

ROOT = Path(__file__).resolve().parents[1]
BBC_DERIVED = ROOT.parent / "shared" / "corpora" / "bbc-fulltext" / "derived"


def _prf(
    found: set[frozenset[str]], truth: set[frozenset[str]], ignore: set[frozenset[str]]
) -> dict[str, float]:
    judged = found - ignore
    tp = len(judged & truth)
    precision = tp / len(judged) if judged else 1.0
    recall = len(found & truth) / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _linked(a: Analysis) -> set[frozenset[str]]:
    return {frozenset((d.source, d.derivative)) for d in a.duplicates.dependencies}


def seeds(a: Analysis) -> dict[str, Any]:
    gold = json.loads((ROOT / "tests" / "fixtures" / "seeds_gold.json").read_text())
    expected = {frozenset((d["a"], d["b"])) for d in gold["duplicates"] if d["a"] != d["b"]}
    found = {frozenset((p.a, p.b)) for p in a.duplicates.pairs if p.a != p.b}
    return {"gold_pairs": len(expected), "gold_pairs_found": len(expected & found)}


def bbc(a: Analysis) -> dict[str, Any]:
    derived = json.loads((BBC_DERIVED / "bbc-duplicate-pairs.json").read_text())

    def ids(pair: Any) -> frozenset[str]:
        return frozenset(x.removesuffix(".txt") for x in pair)

    truth = {ids(p) for p in derived["normalised_exact_pairs"]}
    near = derived["near_pairs_jaccard_ge_0.5"]
    truth |= {ids((p["a"], p["b"])) for p in near if p["jaccard"] >= 0.9}
    shared_text = {ids((p["a"], p["b"])) for p in near}
    copies = {
        frozenset((d.source, d.derivative))
        for d in a.duplicates.dependencies
        if d.relation == "copy"
    }
    linked = _linked(a)
    return {
        "derived_pairs": len(truth),
        "recall_any_link": round(len(linked & truth) / len(truth), 4),
        "links": len(linked),
        "copy_links": len(copies),
        **{f"copy_{k}": v for k, v in _prf(copies, truth, shared_text - truth).items()},
    }


def reuters(a: Analysis) -> dict[str, Any]:
    groups = a.duplicates.repeated_bodies
    pairs = [frozenset(p) for g in groups for p in itertools.combinations(g, 2)]
    report_of = {i: n for n, g in enumerate(a.duplicates.independent_reports) for i in g}
    together = sum(1 for p in pairs if len({report_of[i] for i in p}) == 1)
    return {
        "repeated_body_groups": len(groups),
        "repeated_body_articles": sum(len(g) - 1 for g in groups),
        "repeated_body_pairs": len(pairs),
        "repeated_pairs_in_one_report": together,
    }


def generated(a: Analysis, truth_path: Path) -> dict[str, Any]:
    truth = json.loads(truth_path.read_text())
    clusters: dict[str, set[str]] = defaultdict(set)
    for c in truth["copies"]:
        clusters[c["original"]].update((c["original"], c["copy"]))
    true_pairs = {
        frozenset(p) for members in clusters.values() for p in itertools.combinations(members, 2)
    }
    reuse = {frozenset((r["donor"], r["receiver"])) for r in truth["paragraphs"] + truth["quotes"]}
    out: dict[str, Any] = {"planted_copy_pairs": len(true_pairs)}
    out.update({f"copies_{k}": v for k, v in _prf(_linked(a), true_pairs, reuse).items()})
    # The words of all passages two articles share (a paragraph may be found as several).
    by_pair: dict[frozenset[str], set[str]] = defaultdict(set)
    for p in a.duplicates.pairs:
        if p.a != p.b:
            by_pair[frozenset((p.a, p.b))].update(tokens(p.a_text), tokens(p.b_text))

    def recall(items: list[dict[str, str]], share: float) -> float:
        hit = 0
        for r in items:
            want = set(tokens(r["text"]))
            shared = by_pair.get(frozenset((r["donor"], r["receiver"])), set())
            hit += len(want & shared) >= share * len(want)
        return round(hit / len(items), 4) if items else 1.0

    out["paragraphs"] = len(truth["paragraphs"])
    out["paragraph_recall"] = recall(truth["paragraphs"], 0.8)
    out["quotes"] = len(truth["quotes"])
    out["quote_recall"] = recall(truth["quotes"], 0.8)
    return out
