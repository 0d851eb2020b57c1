"""Command line: ``natojp analyze PATH... --out report.json`` (also ``python -m natojp``).

A thin layer over :func:`natojp.analysis.analyze`: it parses options, shows
progress and a summary on stderr, and writes the report.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from natojp.config import AnalysisConfig, ColumnMap, IngestConfig
from natojp.errors import NatojpError


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="natojp",
        description="Analyse news coverage: sources, technology areas, timeline, duplicates.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    a = sub.add_parser(
        "analyze",
        help="analyse files or folders and write the report JSON",
        description=(
            "Analyse .txt/.md/.html files, .csv/.jsonl/.json exports, .zip archives and "
            "Reuters .sgm files. A folder's manifest.toml is applied automatically."
        ),
    )
    a.add_argument("paths", nargs="+", help="files or folders to analyse")
    a.add_argument("--out", "-o", default="-", help="report path (default: standard output)")
    a.add_argument("--manifest", type=Path, help="manifest TOML with known outlets/dates")
    a.add_argument("--taxonomy", type=Path, help="technology-area taxonomy TOML")
    a.add_argument("--name", help="corpus name shown in the report")
    for col in ("text", "title", "date", "outlet", "url"):
        a.add_argument(f"--{col}-column", help=f"CSV column / JSON key holding the {col}")
    a.add_argument(
        "--max-file-mb", type=float, default=200.0, help="skip files larger than this (MB)"
    )
    a.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")

    t = sub.add_parser("taxonomy", help="write the default taxonomy file, to edit")
    t.add_argument("--out", "-o", default="-", help="path (default: standard output)")
    return parser


def _analyze(args: argparse.Namespace) -> int:
    from natojp.analysis import analyze
    from natojp.report import to_json

    config = AnalysisConfig(
        ingest=IngestConfig(
            columns=ColumnMap(
                text=args.text_column,
                title=args.title_column,
                date=args.date_column,
                outlet=args.outlet_column,
                url=args.url_column,
            ),
            max_file_bytes=int(args.max_file_mb * 1024 * 1024),
        ),
        taxonomy_path=args.taxonomy,
        manifest_path=args.manifest,
    )

    def progress(label: str, fraction: float) -> None:
        if not args.quiet and sys.stderr.isatty():
            bar = "#" * int(fraction * 20)
            print(f"\r[{bar:<20}] {fraction:4.0%} {label:<30}", end="", file=sys.stderr)
            if fraction >= 1.0:
                print(file=sys.stderr)

    analysis = analyze(args.paths, config, name=args.name, progress=progress)
    text = to_json(analysis)
    if args.out == "-":
        sys.stdout.write(text + "\n")
    else:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    if not args.quiet:
        corpus = analysis.corpus
        reports = len(analysis.duplicates.independent_reports)
        print(
            f"{len(corpus)} articles → {reports} independent reports; "
            f"{len(analysis.timeline.events)} events; {len(analysis.duplicates.pairs)} "
            f"duplicated passages; {len(corpus.skipped)} inputs skipped",
            file=sys.stderr,
        )
        for s in corpus.skipped[:20]:
            where = f"{s.path}:{s.line}" if s.line else s.path
            print(f"  skipped {where}: {s.reason}", file=sys.stderr)
        if len(corpus.skipped) > 20:
            print(f"  … and {len(corpus.skipped) - 20} more (see the report)", file=sys.stderr)
        if args.out != "-":
            print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _taxonomy(args: argparse.Namespace) -> int:
    from natojp.taxonomy import Taxonomy

    text = Taxonomy.default().to_toml()
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 nothing analysed or bad options)."""
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        return _taxonomy(args)
    except NatojpError as exc:
        print(f"natojp: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
