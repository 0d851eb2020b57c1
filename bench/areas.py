"""Precision and recall of technology-area tags and the off-topic flag on story40.

Usage: ``python -m bench.areas [--story PATH] [--out areas]``.

Analyses ``tests/fixtures/story40/articles`` with :func:`natojp.analysis.analyze` and
scores it against ``tests/fixtures/story40/gold.json``:

Areas
    An article is credited with an area when its score is above 0. Gold ``areas`` are
    what an analyst files the article under; ``areas_passing`` (named in passing) are
    neither required nor wrong, so they are left out of both counts. Precision = right
    / credited, recall = right / gold, per area and micro-averaged over all
    (article, area) pairs.
Relevance
    The gold ``relevance`` (on, related, off) against the off-topic flag of
    :mod:`natojp.relevance`, with each article's text score, so that the margin
    between the off-topic articles and the rest can be read. The seeds are analysed
    too: none of them is off-topic (their gold has no relevance field: all five report
    the story), so none may be flagged.

Results go to ``bench/results/areas.md`` and ``areas.json`` with the machine's
description (:func:`bench.__main__._machine`). ``--story PATH`` scores another story folder
laid out like story40 (``articles/`` and ``gold.json``, e.g. ``bench/fixtures/story40b``);
its results go to ``areas_<folder name>.md`` and ``.json`` unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

from bench.__main__ import RESULTS, ROOT, _machine
from natojp.analysis import Analysis, analyze

STORY40 = ROOT / "tests" / "fixtures" / "story40"
SEEDS = ROOT / "seeds"

# Targets of the issue.
RECALL, PRECISION = 0.9, 0.95


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def score_areas(analysis: Analysis, gold: dict[str, Any]) -> dict[str, Any]:
    """Per-area and micro-averaged precision and recall, with the errors listed."""
    scores = analysis.tech.scores
    counts = {area: [0, 0, 0] for area in scores.columns}  # tp, fp, fn
    errors: list[dict[str, Any]] = []
    for article_id in scores.index:
        entry = gold[str(article_id)]
        row = scores.loc[article_id]
        credited = {str(area) for area, value in row.items() if value > 0}
        passing = set(entry["areas_passing"])
        wanted = set(entry["areas"])
        for area in counts:
            if area in passing:
                continue
            got, want = area in credited, area in wanted
            if got and want:
                counts[area][0] += 1
            elif got:
                counts[area][1] += 1
                terms = analysis.tech.terms[str(article_id)].get(area, [])
                errors.append({"article": article_id, "area": area, "kind": "fp", "terms": terms})
            elif want:
                counts[area][2] += 1
                errors.append({"article": article_id, "area": area, "kind": "fn", "terms": []})
    per_area = {
        area: {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": _ratio(tp, tp + fp),
            "recall": _ratio(tp, tp + fn),
        }
        for area, (tp, fp, fn) in counts.items()
    }
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    micro = {"tp": tp, "fp": fp, "fn": fn, "precision": _ratio(tp, tp + fp)}
    micro["recall"] = _ratio(tp, tp + fn)
    return {"per_area": per_area, "micro": micro, "errors": errors}


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def score_relevance(analysis: Analysis, gold: dict[str, Any] | None) -> dict[str, Any]:
    """The off-topic flag against the gold relevance (or against 'on' for every seed)."""
    table = analysis.relevance.table
    rows = []
    confusion: dict[str, dict[str, int]] = {}
    for article_id, rec in table.iterrows():
        label = gold[str(article_id)]["relevance"] if gold is not None else "on"
        flagged = bool(rec["off_topic"])
        cell = confusion.setdefault(label, {"flagged": 0, "not flagged": 0})
        cell["flagged" if flagged else "not flagged"] += 1
        rows.append(
            {
                "article": article_id,
                "gold": label,
                "flagged": flagged,
                "score": _number(float(rec["score"])),
                "days_outside": _number(float(rec["days_outside"])),
                "reason": rec["reason"],
            }
        )
    off = [r for r in rows if r["gold"] == "off"]
    on = [r for r in rows if r["gold"] == "on"]
    return {
        "period": analysis.relevance.period,
        "confusion": confusion,
        "off_flagged": sum(r["flagged"] for r in off),
        "off_total": len(off),
        "on_flagged": sum(r["flagged"] for r in on),
        "related_flagged": sum(r["flagged"] for r in rows if r["gold"] == "related"),
        "lowest_on_score": min((r["score"] for r in on if r["score"] is not None), default=None),
        "highest_off_score": max((r["score"] for r in off if r["score"] is not None), default=None),
        "articles": rows,
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _markdown(info: dict[str, Any], result: dict[str, Any], name: str = "story40") -> str:
    areas, rel, seeds = result["areas"], result["relevance"], result["seeds"]
    micro = areas["micro"]
    met = (micro["recall"] or 0) >= RECALL and (micro["precision"] or 0) >= PRECISION
    lines = [
        f"# Technology areas and relevance on {name} ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs, "
        f"{info['memory_gb']} GiB; analysis {result['seconds']:.1f} s.",
        "",
        "## Areas (gold `areas`; `areas_passing` ignored)",
        "",
        f"Micro-averaged: precision {_fmt(micro['precision'])}, recall {_fmt(micro['recall'])} "
        f"({micro['tp']} right, {micro['fp']} wrong, {micro['fn']} missed). Target: recall "
        f">= {RECALL} at precision >= {PRECISION}: {'met' if met else 'NOT met'}.",
        "",
        "| area | right | wrong | missed | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for area, c in areas["per_area"].items():
        lines.append(
            f"| {area} | {c['tp']} | {c['fp']} | {c['fn']} | {_fmt(c['precision'])} "
            f"| {_fmt(c['recall'])} |"
        )
    lines += ["", "Errors:", ""]
    for e in areas["errors"]:
        terms = f" (matched: {', '.join(e['terms'])})" if e["terms"] else ""
        lines.append(f"- {e['kind']} {e['article']} {e['area']}{terms}")
    if not areas["errors"]:
        lines.append("- none")
    lines += [
        "",
        "## Relevance (gold `relevance` against the off-topic flag)",
        "",
        f"Story period: {' to '.join(rel['period'] or ['unknown'])}. Off-topic flagged: "
        f"{rel['off_flagged']} of "
        f"{rel['off_total']}; on-topic flagged: {rel['on_flagged']}; related flagged: "
        f"{rel['related_flagged']}. Lowest on-topic score {_fmt(rel['lowest_on_score'])}, "
        f"highest off-topic score {_fmt(rel['highest_off_score'])}.",
        "",
        "| gold | flagged | not flagged |",
        "|---|---:|---:|",
    ]
    for label, cell in sorted(rel["confusion"].items()):
        lines.append(f"| {label} | {cell['flagged']} | {cell['not flagged']} |")
    lines += ["", "| article | gold | flagged | score | days outside | reason |"]
    lines.append("|---|---|---|---:|---:|---|")
    for r in sorted(rel["articles"], key=lambda r: (r["score"] is None, r["score"] or 0)):
        days = "–" if r["days_outside"] is None else f"{r['days_outside']:.0f}"
        lines.append(
            f"| {r['article']} | {r['gold']} | {'yes' if r['flagged'] else ''} "
            f"| {_fmt(r['score'])} | {days} | {r['reason']} |"
        )
    lines += [
        "",
        f"Seeds: {seeds['on_flagged']} of {len(seeds['articles'])} flagged off-topic (none "
        f"should be); lowest score {_fmt(seeds['lowest_on_score'])}.",
        "",
    ]
    return "\n".join(lines)


def run(folder: Path = STORY40) -> dict[str, Any]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["articles"]
    start = time.perf_counter()
    story = analyze([folder / "articles"])
    seconds = time.perf_counter() - start
    seeds = analyze([SEEDS])
    return {
        "seconds": seconds,
        "areas": score_areas(story, gold),
        "relevance": score_relevance(story, gold),
        "seeds": score_relevance(seeds, None),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--story", type=Path, default=STORY40, help="story folder with articles/ and gold.json"
    )
    parser.add_argument(
        "--out",
        default=None,
        help="results file name (without suffix); default areas, or areas_<story folder name>",
    )
    args = parser.parse_args(argv)
    folder = args.story.resolve()
    default = folder == STORY40.resolve()
    name = "story40" if default else folder.name
    if args.out is None:
        args.out = "areas" if default else f"areas_{name}"
    result = run(folder)
    info = _machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"machine": info, **result}
    (RESULTS / f"{args.out}.json").write_text(json.dumps(payload, indent=2, default=str) + "\n")
    text = _markdown(info, result, name)
    (RESULTS / f"{args.out}.md").write_text(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
