"""Event timeline benchmark: the events of story40 against its gold.

``python -m bench.events`` analyses ``tests/fixtures/story40/articles`` and scores the
timeline's events (publication events left out: the gold lists real-world events only):

* a produced event **matches** a gold event when its date, cut to the gold's precision,
  equals the gold date (or, for a gold event of several days with an ``until`` date,
  is a day of it) and the two share at least one article;
* precision = matched produced events / produced events, recall = matched gold events /
  gold events (targets of the issue: 0.95 and 0.8);
* kind accuracy = matched produced events whose ``kind`` (happened or plan) is the gold's;
* not-events produced = gold ``not_events`` whose text gave the date of some event (a
  header date, dateline, copyright year, promo box... turned into an event): the
  mention's date expression lies inside that text in its sentence (a lead sentence
  that begins with a wire dateline but is dated by its ``on Monday`` is no not-event),
  on the gold's ``line`` when it gives one (a header line repeated in the body).

Writes ``bench/results/events.md`` and ``events.json`` with the machine's description.
``--story PATH`` scores another story folder laid out like story40 (``articles/`` and
``gold.json``, e.g. ``bench/fixtures/story40b``); its results go to
``events_<folder name>.md`` and ``.json`` so that story40's are not overwritten.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.__main__ import RESULTS, ROOT, _machine
from natojp._dates import PartialDate
from natojp.analysis import analyze
from natojp.timeline import DateMention, Event
from natojp.timeline.mentions import PUBLICATION
from natojp.timeline.period import story_period

STORY = ROOT / "tests" / "fixtures" / "story40"
PRECISION, RECALL = 0.95, 0.8


def _matches(e: Event, gold: dict[str, Any]) -> bool:
    want = PartialDate.from_iso(gold["date"])
    if e.date.truncate(want.precision) != want:
        until = gold.get("until")
        if until is None or e.date.precision != "day":
            return False
        if not want.start() <= e.date.start() <= PartialDate.from_iso(until).start():
            return False
    return bool(set(e.articles) & (set(gold["articles"]) | set(gold.get("as_plan", []))))


def _from_not_event(m: DateMention, n: dict[str, Any]) -> bool:
    """Whether mention ``m`` took its date from the gold not-event ``n``."""
    if m.article_id != n["article"] or ("line" in n and m.line != n["line"]):
        return False
    text, at = n["text"], m.sentence.find(n["text"])
    while at >= 0:
        if m.expression in text and m.sentence.find(m.expression, at) <= at + len(text) - len(
            m.expression
        ):
            return True
        at = m.sentence.find(text, at + 1)
    return False


def score(story: Path = STORY) -> dict[str, Any]:
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    analysis = analyze([story / "articles"])
    produced = [
        e for e in analysis.timeline.events if not all(m.kind == PUBLICATION for m in e.mentions)
    ]
    matched: list[tuple[Event, dict[str, Any] | None]] = []
    for e in produced:
        hit = next((g for g in gold["events"] if _matches(e, g)), None)
        matched.append((e, hit))
    found = [g for g in gold["events"] if any(_matches(e, g) for e in produced)]
    kinds = [(e.kind == g["kind"]) for e, g in matched if g is not None]
    not_events = [
        n
        for n in gold["not_events"]
        if any(_from_not_event(m, n) for e in produced for m in e.mentions)
    ]
    period = story_period(analysis.timeline.events)
    n_match = sum(1 for _, g in matched if g is not None)
    return {
        "produced": len(produced),
        "gold": len(gold["events"]),
        "precision": round(n_match / len(produced), 3) if produced else None,
        "recall": round(len(found) / len(gold["events"]), 3),
        "kind_accuracy": round(sum(kinds) / len(kinds), 3) if kinds else None,
        "not_events_produced": len(not_events),
        "not_events": [n["text"] for n in not_events],
        "unmatched_produced": [
            f"{e.date} [{e.kind}] {e.label} ({', '.join(e.articles)})"
            for e, g in matched
            if g is None
        ],
        "missed_gold": [
            f"{g['date']} [{g['kind']}] {g['what']}" for g in gold["events"] if g not in found
        ],
        "wrong_kind": [
            f"{e.date} {e.label}: {e.kind}, gold {g['kind']}"
            for e, g in matched
            if g is not None and e.kind != g["kind"]
        ],
        "period": None
        if period is None
        else {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "share": round(period.share, 3),
            "outliers": len(period.outliers),
        },
    }


def _markdown(info: dict[str, Any], r: dict[str, Any], name: str = "story40") -> str:
    ok = (r["precision"] or 0) >= PRECISION and r["recall"] >= RECALL
    lines = [
        f"# Event timeline on {name} ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| events produced (no publication events) | {r['produced']} | |",
        f"| gold events | {r['gold']} | |",
        f"| precision | {r['precision']} | ≥ {PRECISION} |",
        f"| recall | {r['recall']} | ≥ {RECALL} |",
        f"| plan/happened accuracy (matched events) | {r['kind_accuracy']} | |",
        f"| gold not-events produced | {r['not_events_produced']} | 0 |",
        "",
        f"Targets met: {'yes' if ok else 'no'}. Story period: {r['period']}.",
        "",
    ]
    for key, title in (
        ("unmatched_produced", "Produced events matching no gold event"),
        ("missed_gold", "Gold events not found"),
        ("wrong_kind", "Wrong kind"),
        ("not_events", "Not-events produced"),
    ):
        lines += [f"## {title} ({len(r[key])})", ""] + [f"- {x}" for x in r[key]] + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--story", type=Path, default=STORY, help="story folder with articles/ and gold.json"
    )
    args = parser.parse_args(argv)
    story = args.story.resolve()
    default = story == STORY.resolve()
    name = "story40" if default else story.name
    out = "events" if default else f"events_{name}"
    print(f"analysing {name} …", file=sys.stderr)
    res = score(story)
    info = _machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{out}.json").write_text(
        json.dumps({"machine": info, "results": res}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    text = _markdown(info, res, name)
    (RESULTS / f"{out}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
