"""Peak memory and time of ingesting hostile and maximal inputs, each in a fresh process.

Usage: ``python -m bench.memory [case ...] [--code DIR --label NAME] [--baseline FILE]
[--timeout S] [--out memory]``.

Every case is a file generated into ``bench/.cache/memory/`` (git-ignored) by this
process. A fresh child process then reads it the way a deployment does: its bytes with
:func:`natojp.ingest.read_uploads` (``uploads``) and, for the cases that are also
files on disk, its path with :func:`natojp.ingest.read_paths` (``paths``). The child
records its peak RSS (``ru_maxrss``, which includes the input's bytes and the
documents read) and the time of the call. The target is a peak of at most 1 GB for
any single input within the default caps.

The cases are the hostile inputs of the memory issue (a small zip holding a CSV with
one 195 MB cell, a 195 MB JSONL line, a JSON list holding a 195 MB string, a 195 MB
text with one emoji, a Reuters story with a 195 MB body, 195 MB of HTML paragraphs,
HTML nested 200,000 elements deep, a CSV of a million empty rows) and the largest
input under each cap (200 MB of txt, csv, jsonl, json and sgml, a zip unpacking to
1,000 MB, an HTML page at both HTML caps).

``--code DIR`` imports ``natojp`` from ``DIR`` instead (another version, e.g. before a
change) and ``--label`` names it; ``--baseline`` adds a previous run's JSON as the
"before" columns. Results go to ``bench/results/<out>.md`` and ``<out>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from bench.__main__ import RESULTS, ROOT, _machine

CACHE = ROOT / "bench" / ".cache" / "memory"
TARGET_MB = 1024
_MB = 1024 * 1024
HOSTILE = 195 * _MB
MAXIMAL = 200 * _MB - 4096  # just under max_file_bytes

_CHILD = """
import json, resource, sys, time
from pathlib import Path
mode, path = sys.argv[1], sys.argv[2]
from natojp.ingest import read_paths, read_uploads
start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if mode == "uploads":
    data = Path(path).read_bytes()
    t = time.perf_counter()
    result = read_uploads([(Path(path).name, data)])
else:
    t = time.perf_counter()
    result = read_paths([path])
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_rss_mb": round(peak), "start_rss_mb": round(start_mb),
    "seconds": round(seconds, 2), "documents": len(result.documents),
    "characters": sum(len(d.text) for d in result.documents),
    "skipped": len(result.skipped),
    "reasons": [s.reason[:160] for s in result.skipped[:3]]}))
"""

SENTENCE = (
    "Defence ministers from NATO and Japan agreed on Tuesday to deepen cooperation on "
    "drones, space and cyber defence, officials said in Brussels. "
)


def _fill(out: IO[bytes], unit: bytes, size: int) -> None:
    """Write ``unit`` repeatedly to ``out`` until ``size`` bytes (the last one cut)."""
    block = unit * max(1, (4 * _MB) // len(unit))
    written = 0
    while written + len(block) <= size:
        out.write(block)
        written += len(block)
    rest = size - written
    while rest > 0:
        piece = unit[:rest]
        out.write(piece)
        rest -= len(piece)


def _rows(out: IO[bytes], size: int, row: Callable[[int], bytes]) -> None:
    """Write rows ``row(1)``, ``row(2)``... while they fit in ``size`` bytes."""
    written, n = 0, 1
    buf: list[bytes] = []
    pending = 0
    while True:
        line = row(n)
        if written + pending + len(line) > size:
            break
        buf.append(line)
        pending += len(line)
        n += 1
        if pending > 4 * _MB:
            out.write(b"".join(buf))
            written, buf, pending = written + pending, [], 0
    out.write(b"".join(buf))


def _text(n: int, chars: int = 1000, emoji: bool = False) -> str:
    """An article text of about ``chars`` characters (numbered so rows differ)."""
    body = f"Story {n}. " + SENTENCE * (chars // len(SENTENCE) + 1)
    return ("\U0001f600 " if emoji else "") + body[:chars]


# ------------------------------------------------------------------------ the cases


def _csv_cell_zip(path: Path) -> None:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("cell.csv", "w", force_zip64=True) as out,
    ):
        out.write(b'id,text\n1,"')
        _fill(out, SENTENCE.encode(), HOSTILE)
        out.write(b'"\n2,the next row\n')


def _jsonl_line(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b'{"text": "')
        _fill(out, SENTENCE.encode(), HOSTILE)
        out.write(b'"}\n{"text": "the next line"}\n')


def _json_string(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b'[{"text": "')
        _fill(out, SENTENCE.encode(), HOSTILE)
        out.write(b'"}, {"text": "the next item"}]\n')


def _emoji_txt(path: Path) -> None:
    with path.open("wb") as out:
        out.write("\U0001f600 ".encode())
        _fill(out, (SENTENCE + "\n").encode(), HOSTILE)


def _sgml_body(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b'<REUTERS NEWID="1">\n<TEXT><TITLE>HUGE</TITLE><BODY>')
        _fill(out, (SENTENCE + "\n").encode(), HOSTILE)
        out.write(b"</BODY></TEXT>\n</REUTERS>\n")
        out.write(b'<REUTERS NEWID="2">\n<TEXT><BODY>The next story.\n</BODY></TEXT>\n</REUTERS>\n')


def _html_paragraphs(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"<html><head><title>Long</title></head><body><article>")
        _fill(out, f"<p>{SENTENCE}</p>\n".encode(), HOSTILE)
        out.write(b"</article></body></html>\n")


def _html_deep(path: Path) -> None:
    depth = 200_000
    path.write_bytes(
        b"<html><body>"
        + b"<div>" * depth
        + f"<p>{SENTENCE}</p>".encode()
        + b"</div>" * depth
        + b"</body></html>\n"
    )


def _csv_empty_rows(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"id,text\n")
        _fill(out, b"1,\n", 3 * 1_000_000)


def _csv_rows(path: Path, emoji: bool = False) -> None:
    with path.open("wb") as out:
        out.write(b"id,title,text\n")

        def row(n: int) -> bytes:
            return f'{n},Title {n},"{_text(n, emoji=emoji)}"\n'.encode()

        _rows(out, MAXIMAL - 14, row)


def _max_txt(path: Path) -> None:
    with path.open("wb") as out:
        _fill(out, (SENTENCE + "\n").encode(), MAXIMAL)


def _json_article(n: int) -> str:
    return json.dumps({"title": f"T{n}", "text": _text(n)})


def _max_jsonl(path: Path) -> None:
    with path.open("wb") as out:
        _rows(
            out,
            MAXIMAL,
            lambda n: (json.dumps({"title": f"T{n}", "text": _text(n)}) + "\n").encode(),
        )


def _max_json(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"[")

        def item(n: int) -> bytes:
            return (
                ("," if n > 1 else "") + json.dumps({"title": f"T{n}", "text": _text(n)})
            ).encode()

        _rows(out, MAXIMAL - 2, item)
        out.write(b"]")


def _max_sgml(path: Path) -> None:
    def story(n: int) -> bytes:
        return (
            f'<REUTERS NEWID="{n}">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>'
            f"<TITLE>STORY {n}</TITLE><BODY>{_text(n)}\n Reuter\n</BODY></TEXT>\n</REUTERS>\n"
        ).encode()

    with path.open("wb") as out:
        _rows(out, MAXIMAL, story)


def _max_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(5):  # 5 × 200 MB: under the 1,024 MB of max_archive_bytes
            with zf.open(f"pack/part{i}.txt", "w", force_zip64=True) as out:
                _fill(out, (f"Part {i}. " + SENTENCE + "\n").encode(), MAXIMAL)


def _max_html(path: Path) -> None:
    # 3 elements and attributes a paragraph: 99,990 of them stay under 300,000, and
    # their bytes under 10 MB (max_html_bytes). The emoji makes the page's text UCS-4.
    unit = 10 * _MB // 99_990 - len('<p class="a" id="p00000"></p>\n') - 4
    with path.open("wb") as out:
        out.write(b"<html><head><title>Big</title></head><body><article>")
        for n in range(99_990):
            words = (f"{n} \U0001f600 " + SENTENCE * 2)[:unit]
            out.write(f'<p class="a" id="p{n:05}">{words}</p>\n'.encode())
        out.write(b"</article></body></html>\n")


CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    # name → (file name, generator, what it is)
    "csv-cell-zip": ("cell.zip", _csv_cell_zip, "zip (0.5 MB) of a CSV with one 195 MB cell"),
    "jsonl-line": ("line.jsonl", _jsonl_line, "JSONL with one 195 MB line, then a short one"),
    "json-string": ("string.json", _json_string, 'JSON [{"text": <195 MB>}, …]'),
    "txt-emoji": ("emoji.txt", _emoji_txt, "195 MB of ASCII text after one emoji"),
    "sgml-body": ("body.sgm", _sgml_body, "Reuters SGML, one 195 MB BODY"),
    "html-paragraphs": ("paragraphs.html", _html_paragraphs, "195 MB of `<p>` paragraphs"),
    "html-deep": ("deep.html", _html_deep, "1 MB of `<div>` nested 200,000 deep around a `<p>`"),
    "csv-empty-rows": ("empty-rows.csv", _csv_empty_rows, "CSV of 1,000,000 empty texts"),
    "max-txt": ("max.txt", _max_txt, "200 MB of text"),
    "max-csv": ("max.csv", _csv_rows, "200 MB CSV, 1,000-character texts"),
    "max-csv-emoji": (
        "max-emoji.csv",
        lambda p: _csv_rows(p, emoji=True),
        "200 MB CSV, 1,000-character texts, each with an emoji",
    ),
    "max-jsonl": ("max.jsonl", _max_jsonl, "200 MB JSONL, 1,000-character texts"),
    "max-json": ("max.json", _max_json, "200 MB JSON list, 1,000-character texts"),
    "max-sgml": ("max.sgm", _max_sgml, "200 MB Reuters SGML, 1,000-character stories"),
    "max-zip": ("max.zip", _max_zip, "zip of 5 × 200 MB texts (1,000 MB unpacked)"),
    "max-html": ("max.html", _max_html, "10 MB page, 299,975 elements and attributes"),
}
# Cases also read from disk with read_paths (the others are uploads only).
ON_DISK = {"txt-emoji", "sgml-body", "max-txt", "max-csv", "max-sgml", "max-zip"}


def _ensure(name: str) -> Path:
    """The input file of case ``name``, generated once into :data:`CACHE`."""
    file_name, make, _ = CASES[name]
    path = CACHE / file_name
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        make(part)
        part.replace(path)
    return path


def _run(mode: str, path: Path, code: Path, timeout: float) -> dict[str, Any]:
    """Ingest ``path`` in a fresh child importing natojp from ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    try:
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, mode, str(path)],
            capture_output=True,
            text=True,
            cwd=CACHE,  # not the repository: ``code`` decides which natojp is imported
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _runs(names: list[str]) -> Iterator[tuple[str, str]]:
    for name in names:
        yield name, "uploads"
        if name in ON_DISK:
            yield name, "paths"


def _cell(run: dict[str, Any] | None) -> str:
    if run is None:
        return "–"
    if "error" in run:
        return run["error"]
    met = "met" if run["peak_rss_mb"] <= TARGET_MB else "**not met**"
    return f"{run['peak_rss_mb']:,} MB, {run['seconds']:.1f} s ({met})"


def _markdown(info: dict[str, Any], rows: list[dict[str, Any]], label: str, base: str) -> str:
    lines = [
        f"# Ingestion memory ({info['date']})",
        "",
        f"Python {info['python']}, {info['machine']} ({info['cpu']}), {info['cpus']} CPUs, "
        f"{info['memory_gb']} GiB; 1-minute load average {info['load_after']} after the run. "
        "Each row is one fresh process ingesting one input with the default caps; peak RSS "
        f"(ru_maxrss) includes the input's bytes and the documents read. Target: peak RSS "
        f"≤ {TARGET_MB:,} MB. Generated by `python -m bench.memory`.",
        "",
    ]
    header = "| case | input | read by | "
    header += f"{base} peak RSS, time | " if base else ""
    header += f"{label} peak RSS, time | documents | skipped (first reason) |"
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    for r in rows:
        run = r["run"]
        reason = run.get("reasons", [""])[0] if run.get("reasons") else ""
        reason = reason.replace("|", "\\|")
        skipped = f"{run.get('skipped', '–')}" + (f": {reason}" if reason else "")
        cells = [r["case"], r["what"], r["mode"]]
        if base:
            cells.append(_cell(r.get("baseline")))
        cells += [_cell(run), str(run.get("documents", "–")), skipped]
        lines.append("| " + " | ".join(cells) + " |")
    missed = [r for r in rows if r["run"].get("peak_rss_mb", 0) > TARGET_MB]
    if missed:
        lines += ["", "Rows over the target:", ""]
        for r in missed:
            run = r["run"]
            lines.append(
                f"- {r['case']} ({r['mode']}): {run['documents']:,} documents of "
                f"{run['characters']:,} characters in all are returned; a text holding a "
                "character beyond U+FFFF (an emoji) is stored at 4 bytes a character, so the "
                "result alone takes up to 4 times that many bytes besides the input's."
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory")
    parser.add_argument("cases", nargs="*", help=f"any of {', '.join(CASES)} (default: all)")
    parser.add_argument("--code", type=Path, default=ROOT, help="import natojp from here")
    parser.add_argument("--label", default="after", help="name of the measured version")
    parser.add_argument("--baseline", type=Path, help="a previous run's JSON: 'before' columns")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--out", default="memory", help="results file stem (default: memory)")
    args = parser.parse_args()
    unknown = set(args.cases) - set(CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    names = args.cases or list(CASES)
    baseline: dict[tuple[str, str], dict[str, Any]] = {}
    base_label = ""
    if args.baseline:
        old = json.loads(args.baseline.read_text())
        base_label = old.get("label", "before")
        baseline = {(r["case"], r["mode"]): r["run"] for r in old["results"]}
    rows = []
    for name, mode in _runs(names):
        path = _ensure(name)
        run = _run(mode, path, args.code.resolve(), args.timeout)
        print(f"{name} {mode}: {_cell(run)}", file=sys.stderr)
        row = {"case": name, "what": CASES[name][2], "mode": mode, "run": run}
        if (name, mode) in baseline:
            row["baseline"] = baseline[name, mode]
        row["bytes"] = path.stat().st_size
        rows.append(row)
    info = _machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": info,
        "label": args.label,
        "baseline_label": base_label,
        "target_mb": TARGET_MB,
        "results": rows,
    }
    (RESULTS / f"{args.out}.json").write_text(json.dumps(payload, indent=2) + "\n")
    text = _markdown(info, rows, args.label, base_label)
    (RESULTS / f"{args.out}.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
