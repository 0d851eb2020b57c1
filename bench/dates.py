"""Precision and recall of publication and update dates found by natojp.

Usage: ``python -m bench.dates [--out dates]``.

Each document is read by natojp's ingestion (:func:`natojp.ingest.read_paths`), cleaned
(:func:`natojp.clean.clean_text`) and dated by :func:`natojp.metadata.dates.find_dates`
(with the manifest's date where a ``manifest.toml`` lies beside the documents, and no
``language``: the rules then fall back on the file's own evidence). Scored sets:

``fixtures``
    ``bench/fixtures/dates/articles/``: invented articles covering every header, byline,
    URL, column and page-metadata form natojp reads, the ambiguous ``03/04/2025`` cases
    and traps (a date in the body, a target year, a copyright year, an event date line,
    a related-articles list...). ``bench/fixtures/dates/gold.json`` gives each one's
    publication and update date, or null, derived by hand.
``reuters``
    Reuters-21578 (when ``../shared/corpora`` exists): every story must be dated, and
    right. The truth is read here from the SGML files themselves (each story's
    ``<DATE>``), independently of natojp's reader.
``bbc``
    The BBC News dataset: its files carry no date, so every date found counts as wrong;
    they are listed for inspection.

A published date is right when it equals the gold date, precision included (a month
where the gold has a day is wrong). Precision = right / dated; recall = right / articles
whose gold has a date. Results go to ``bench/results/dates.md`` and ``dates.json`` with
the machine's description (:func:`bench.__main__._machine`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.__main__ import CORPORA, RESULTS, ROOT, _machine
from natojp._dates import PartialDate
from natojp.clean import clean_text
from natojp.config import IngestConfig
from natojp.ingest import read_paths
from natojp.metadata import Manifest
from natojp.metadata.dates import DateResult, find_dates
from natojp.models import SourceText

FIXTURES = ROOT / "bench" / "fixtures" / "dates"
REUTERS = CORPORA / "reuters21578"
BBC = CORPORA / "bbc-fulltext" / "bbc-fulltext.zip"

_STORY = re.compile(r"<REUTERS[^>]*\bNEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_SGML_DATE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})")
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def _date_all(paths: list[Path]) -> tuple[list[tuple[SourceText, DateResult]], float, int]:
    """Ingest, clean and date every document under ``paths``: (results, seconds, skipped)."""
    ingested = read_paths(paths, IngestConfig())
    entries: dict[str, PartialDate | None] = {}
    for manifest_path in ingested.manifest_paths:
        for key, entry in Manifest.load(manifest_path).entries.items():
            entries[key] = entry.published
    t = time.perf_counter()
    out = []
    for source in ingested.documents:
        cleaned = clean_text(source.text, title=source.title)
        out.append((source, find_dates(source, cleaned, manifest=entries.get(source.id))))
    return out, time.perf_counter() - t, len(ingested.skipped)


def _score(
    results: list[tuple[SourceText, DateResult]],
    gold: dict[str, dict[str, str | None]],
    field: str,
) -> dict[str, Any]:
    """Counts, precision and recall of ``field`` (published or updated) against ``gold``."""
    right = wrong = missed = dated = expected = 0
    errors: list[dict[str, Any]] = []
    bases: Counter[str] = Counter()
    for source, found in results:
        if source.id not in gold:
            continue
        truth = gold[source.id].get(field)
        got: PartialDate | None = getattr(found, field)
        evidence = getattr(found, f"{field}_evidence")
        expected += truth is not None
        if got is not None:
            dated += 1
            bases[evidence.basis if evidence else "?"] += 1
            if truth is not None and got.iso() == truth:
                right += 1
                continue
            wrong += 1
        elif truth is None:
            continue
        else:
            missed += 1
        errors.append(
            {
                "id": source.id,
                "gold": truth,
                "found": got.iso() if got else None,
                "basis": evidence.basis if evidence else None,
                "evidence": evidence.text[:100] if evidence else None,
                "notes": list(found.notes)[:3],
                "unread_column": got is None
                and source.published is None
                and source.format in ("csv", "tsv", "jsonl", "json"),
            }
        )
    return {
        "articles": sum(1 for s, _ in results if s.id in gold),
        "expected": expected,
        "dated": dated,
        "right": right,
        "wrong": wrong,
        "missed": missed,
        "precision": round(right / dated, 4) if dated else None,
        "recall": round(right / expected, 4) if expected else None,
        "missed_unread_column": sum(1 for e in errors if e["unread_column"]),
        "bases": dict(bases.most_common()),
        "errors": errors,
    }


def fixtures() -> dict[str, Any]:
    gold = json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8"))["articles"]
    results, seconds, skipped = _date_all([FIXTURES / "articles"])
    missing = sorted(set(gold) - {s.id for s, _ in results})
    return {
        "published": _score(results, gold, "published"),
        "updated": _score(results, gold, "updated"),
        "seconds": round(seconds, 3),
        "skipped": skipped,
        "not_read": missing,
        "why": {k: v.get("why", "") for k, v in gold.items()},
    }


def _reuters_truth() -> dict[str, dict[str, str | None]]:
    """Each Reuters story's date as its SGML ``<DATE>`` states it, by natojp's id."""
    truth: dict[str, dict[str, str | None]] = {}
    for path in sorted(REUTERS.glob("*.sgm")):
        text = path.read_text(encoding="latin-1")
        for newid, inner in _STORY.findall(text):
            m = _SGML_DATE.search(inner)
            if m is None:
                continue
            day, month, year = int(m.group(1)), _MONTHS.index(m.group(2).upper()) + 1, m.group(3)
            iso = f"{year}-{month:02d}-{day:02d}"
            truth[f"{path.stem}#{newid}"] = {"published": iso, "updated": None}
    return truth


def reuters() -> dict[str, Any]:
    results, seconds, skipped = _date_all([REUTERS])
    score = _score(results, _reuters_truth(), "published")
    score["errors"] = score["errors"][:20]
    return {"published": score, "seconds": round(seconds, 3), "skipped_inputs": skipped}


def bbc() -> dict[str, Any]:
    results, seconds, _ = _date_all([BBC])
    score = _score(results, {s.id: {"published": None} for s, _ in results}, "published")
    updated = _score(results, {s.id: {"updated": None} for s, _ in results}, "updated")
    return {"published": score, "updated": updated, "seconds": round(seconds, 3)}


def _row(name: str, s: dict[str, Any]) -> str:
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    bases = ", ".join(f"{k} {v}" for k, v in s["bases"].items()) or "none"
    return (
        f"| {name} | {s['articles']} | {s['expected']} | {s['dated']} | {s['right']} "
        f"| {s['wrong']} | {s['missed']} | {pct(s['precision'])} | {pct(s['recall'])} "
        f"| {bases} |"
    )


def _markdown(info: dict[str, Any], res: dict[str, Any]) -> str:
    lines = [
        f"# Publication dates ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs, "
        f"{info['memory_gb']} GiB; 1-minute load average {info['load_after']} after the run. "
        "Generated by `python -m bench.dates`: natojp's ingestion, cleaning and "
        "`find_dates` (no language given). Targets: precision ≥ 0.97, recall ≥ 0.9.",
        "",
        "| set | field | articles | gold dated | dated | right | wrong | missed | precision "
        "| recall | bases of the dates given |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in res.items():
        for fld in ("published", "updated"):
            if fld in r:
                lines.append(_row(f"{name} | {fld}", r[fld]).replace("| ", "| ", 1))
    lines += [""]
    for name, r in res.items():
        lines.append(f"- **{name}**: dating took {r['seconds']:.2f} s (cleaning included).")
    fx = res.get("fixtures")
    if fx:
        pub = fx["published"]
        unread = pub["missed_unread_column"]
        if unread:
            rest = pub["expected"] - unread
            lines += [
                "",
                f"Fixtures, published: {unread} of the {pub['missed']} misses are rows whose date "
                f"column ingestion does not read; on the other {rest} dated articles recall is "
                f"{pub['right']}/{rest} = {pub['right'] / rest:.3f}.",
            ]
        lines += ["", "## Fixture errors and misses", ""]
        any_error = False
        for fld in ("published", "updated"):
            for e in fx[fld]["errors"]:
                any_error = True
                cause = (
                    "ingestion read no date value for this row (its column is not one of the "
                    "date names of natojp.ingest)"
                    if e["unread_column"]
                    else f"notes: {'; '.join(e['notes']) or 'none'}"
                )
                lines.append(
                    f"- {fld} `{e['id']}` ({fx['why'].get(e['id'], '')}): gold {e['gold']}, "
                    f"found {e['found']} ({e['basis']}: {e['evidence']!r}); {cause}"
                )
        if not any_error:
            lines.append("None.")
        if fx["not_read"]:
            lines.append(f"- not read by ingestion: {', '.join(fx['not_read'])}")
    for name in ("reuters", "bbc"):
        r = res.get(name)
        if r and r["published"]["errors"]:
            lines += ["", f"## {name}: dates that are wrong or missing (first 20)", ""]
            for e in r["published"]["errors"][:20]:
                lines.append(
                    f"- `{e['id']}`: gold {e['gold']}, found {e['found']} "
                    f"({e['basis']}: {e['evidence']!r})"
                )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dates")
    parser.add_argument("--out", default="dates", help="results file stem (default: dates)")
    args = parser.parse_args()
    res: dict[str, Any] = {"fixtures": fixtures()}
    for name, path, run in (("reuters", REUTERS, reuters), ("bbc", BBC, bbc)):
        if path.exists():
            print(f"dating {name} …", file=sys.stderr)
            res[name] = run()
        else:
            print(f"skip {name}: {path} is absent", file=sys.stderr)
    info = _machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(
        json.dumps({"machine": info, "results": res}, indent=2, ensure_ascii=False)
    )
    text = _markdown(info, res)
    (RESULTS / f"{args.out}.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
