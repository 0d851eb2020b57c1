"""Story grouping and direction of copying against the gold of story40 and story40b.

``python -m bench.stories`` analyses ``tests/fixtures/story40/articles`` and
``bench/fixtures/story40b/articles`` and scores :func:`natojp.provenance.build_provenance`
against each folder's ``gold.json``:

* **stories**: the gold gives each article the key of the news story it reports
  (``articles.<id>.story``: "Short key of the news story the article reports; copies
  and translations share their original's key", written by hand by the person who
  wrote the invented texts). Pairwise scores over all pairs of articles: precision =
  pairs put in one story that the gold has in one story / pairs put in one story;
  recall = gold pairs found / gold pairs; F1 their harmonic mean. A story of one
  article makes no pair.
* **direction**: the gold's ``relation`` of each derivative (``of``: its original,
  ``original_by``: credit, dates or containment). For every gold relation that the
  dependencies link directly, whether the dependency names the gold original as the
  source, and whether it says the direction is certain.

The stories are built as an analysis builds them: with the events each article reports
(``events=event_days(analysis.timeline)``) and the cross-language specifics. The
ablation table gives the pairwise scores without the events, without the
cross-language links, and without both (TF-IDF, dates and copies only).

Writes ``bench/results/stories.md`` and ``stories.json`` with the machine's description.
``--threshold``, ``--undated-threshold``, ``--window``, ``--average``, ``--event-bonus``,
``--cross-threshold`` and ``--cross-weight`` set the story parameters (those of
:func:`natojp.provenance.story_groups`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

from bench.__main__ import RESULTS, ROOT, _machine
from natojp.analysis import analyze
from natojp.provenance import StorySettings, build_provenance, event_days
from natojp.provenance._stories import CROSS_THRESHOLD, CROSS_WEIGHT, EVENT_BONUS

FOLDERS = (ROOT / "tests" / "fixtures" / "story40", ROOT / "bench" / "fixtures" / "story40b")


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for a, b in itertools.combinations(sorted(g), 2)}


def _pairwise(
    produced: set[tuple[str, str]], wanted: set[tuple[str, str]]
) -> tuple[float, float, float]:
    tp = len(produced & wanted)
    precision = tp / len(produced) if produced else 1.0
    recall = tp / len(wanted) if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)


def score(folder: Path, params: dict[str, Any]) -> dict[str, Any]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["articles"]
    analysis = analyze([folder / "articles"])
    dup = analysis.duplicates
    events = event_days(analysis.timeline)

    def build(with_events: bool, cross: bool) -> Any:
        return build_provenance(
            analysis.articles,
            dup.dependencies,
            dup.independent_reports,
            analysis.similarity.neighbors,
            events=events if with_events else None,
            settings=StorySettings(
                **{**params, "cross_weight": params["cross_weight"] if cross else 0.0}
            ),
        )

    p = build(True, True)
    produced = _pairs([list(s.articles) for s in p.stories])
    by_story: dict[str, list[str]] = {}
    for aid, g in gold.items():
        by_story.setdefault(g["story"], []).append(aid)
    wanted = _pairs(list(by_story.values()))
    precision, recall, f1 = _pairwise(produced, wanted)
    ablation = {}
    for name, with_events, cross in (
        ("without events", False, True),
        ("without cross-language", True, False),
        ("TF-IDF, dates and copies only", False, False),
    ):
        other = build(with_events, cross)
        ablation[name] = _pairwise(_pairs([list(s.articles) for s in other.stories]), wanted)
    deps = {frozenset((d.source, d.derivative)): d for d in dup.dependencies}
    direction: list[dict[str, Any]] = []
    for aid, g in sorted(gold.items()):
        rel = g.get("relation")
        if not rel:
            continue
        d = deps.get(frozenset((aid, rel["of"])))
        direction.append(
            {
                "derivative": aid,
                "original": rel["of"],
                "gold_by": rel["original_by"],
                "linked": d is not None,
                "right": d is not None and d.source == rel["of"],
                "basis": d.direction_basis if d else None,
                "certain": d.certain if d else None,
            }
        )
    linked = [x for x in direction if x["linked"]]
    return {
        "articles": len(gold),
        "stories_gold": len(by_story),
        "stories_produced": len(p.stories),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "pairs_produced": len(produced),
        "pairs_gold": len(wanted),
        "wrong_pairs": sorted(f"{a} + {b}" for a, b in produced - wanted),
        "missed_pairs": len(wanted - produced),
        "ablation": ablation,
        "direction_linked": len(linked),
        "direction_right": sum(x["right"] for x in linked),
        "direction_right_certain": sum(x["right"] and x["certain"] for x in linked),
        "direction": direction,
        "first_publishers": [
            f"{s.id} ({len(s.articles)}): {s.first} — {s.first_basis}"
            for s in p.stories
            if len(s.articles) > 1
        ],
    }


def _markdown(info: dict[str, Any], params: dict[str, Any], res: dict[str, Any]) -> str:
    lines = [
        f"# Stories and direction of copying ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs.",
        f"Parameters: {params}.",
        "",
        "| corpus | articles | gold stories | stories | pairwise P | R | F1 | "
        "direction right / linked gold relations (certain) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in res.items():
        lines.append(
            f"| {name} | {r['articles']} | {r['stories_gold']} | {r['stories_produced']} | "
            f"{r['precision']} | {r['recall']} | {r['f1']} | {r['direction_right']} / "
            f"{r['direction_linked']} ({r['direction_right_certain']}) |"
        )
    lines += [
        "",
        "Ablation (pairwise P / R / F1):",
        "",
        "| corpus | " + " | ".join(next(iter(res.values()))["ablation"]) + " |",
        "|---|" + "---|" * len(next(iter(res.values()))["ablation"]),
    ]
    for name, r in res.items():
        cells = " | ".join(f"{p} / {rc} / {f}" for p, rc, f in r["ablation"].values())
        lines.append(f"| {name} | {cells} |")
    for name, r in res.items():
        lines += ["", f"## {name}", "", "Direction of each gold relation:", ""]
        for x in r["direction"]:
            state = (
                "not linked"
                if not x["linked"]
                else f"{'right' if x['right'] else 'WRONG'} ({x['basis']}, "
                f"{'certain' if x['certain'] else 'not certain'})"
            )
            lines.append(f"- {x['derivative']} ← {x['original']} (gold: {x['gold_by']}): {state}")
        lines += ["", "First publishers of stories of several articles:", ""]
        lines += [f"- {x}" for x in r["first_publishers"]]
        lines += ["", f"Pairs put together that the gold keeps apart ({len(r['wrong_pairs'])}):"]
        lines += [""] + [f"- {x}" for x in r["wrong_pairs"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.1)
    parser.add_argument("--undated-threshold", type=float, default=0.2)
    parser.add_argument("--window", type=int, default=3)
    parser.add_argument("--average", type=float, default=0.08)
    parser.add_argument("--event-bonus", type=float, default=EVENT_BONUS)
    parser.add_argument("--cross-threshold", type=float, default=CROSS_THRESHOLD)
    parser.add_argument("--cross-weight", type=float, default=CROSS_WEIGHT)
    args = parser.parse_args(argv)
    params = {
        "threshold": args.threshold,
        "undated_threshold": args.undated_threshold,
        "window_days": args.window,
        "average": args.average,
        "event_bonus": args.event_bonus,
        "cross_threshold": args.cross_threshold,
        "cross_weight": args.cross_weight,
    }
    res: dict[str, Any] = {}
    for folder in FOLDERS:
        print(f"analysing {folder.name} …", file=sys.stderr)
        res[folder.name] = score(folder, params)
    info = _machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stories.json").write_text(
        json.dumps({"machine": info, "parameters": params, "results": res}, indent=1) + "\n",
        encoding="utf-8",
    )
    text = _markdown(info, params, res)
    (RESULTS / "stories.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
