"""Command line: ``natojp analyze [PATH...] --out report.json``, ``natojp brief [PATH...]
--out brief.pdf`` (or ``.pptx``), ``natojp snapshot --out DIR``, ``natojp dashboard
[PATH]``, ``natojp taxonomy``, ``natojp outlets``, ``natojp entities`` (also ``python -m
natojp``); without a PATH, the bundled seeds.

A thin layer over :func:`natojp.analysis.analyze`: it parses options, shows
progress and a summary on stderr, and writes the report.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from natojp._text import printable
from natojp.config import CAPS, AnalysisConfig, ColumnMap, IngestConfig
from natojp.errors import ConfigError, NatojpError

if TYPE_CHECKING:
    from natojp.analysis import Analysis, Progress
    from natojp.engine import DaskEngine


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
    a.add_argument("--out", "-o", default="-", help="report path (default: standard output)")
    b = sub.add_parser(
        "brief",
        help="write the briefing pack (PDF or PowerPoint) of files or folders",
        description=(
            "Analyse like `natojp analyze` and write the briefing pack: title slide, key "
            "findings, one slide per key chart with its finding, independent reports, "
            "sources and method, as .pdf or .pptx (from the suffix of --out). Charts are "
            "rendered server-side with Chromium (found on PATH, or NATOJP_CHROMIUM)."
        ),
    )
    b.add_argument("--out", "-o", required=True, help="brief.pdf or brief.pptx")
    b.add_argument(
        "--title",
        help="title of the pack (default: 'Coverage brief: ' and the corpus name, or when "
        "that is a generic folder name the corpus's main topic or its publication period)",
    )
    b.add_argument(
        "--subtitle",
        help="subtitle of the pack (default: the publication period and the corpus name; "
        "'' for none)",
    )
    for p in (a, b):  # the corpus options, shared by analyze and brief
        _corpus_options(p)

    s = sub.add_parser(
        "snapshot",
        help="write a PNG screenshot of each dashboard page, for briefings",
        description=(
            "Start the dashboard headless, open each page in Chromium (Playwright) at a "
            "fixed viewport and write one full-height PNG per page (NN-page.png), the "
            "sidebar collapsed and no developer toolbar. Needs natojp[snapshot] and Chromium."
        ),
    )
    s.add_argument("--out", "-o", type=Path, required=True, help="folder for the PNGs")
    s.add_argument(
        "--pages", default="all", help="'all' or page names separated by commas, e.g. overview"
    )
    s.add_argument("--corpus", type=Path, help="folder or file to show (default: the seeds)")
    s.add_argument("--width", type=int, default=1600, help="viewport width in CSS pixels")
    s.add_argument("--height", type=int, default=1000, help="minimum height in CSS pixels")
    s.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (e.g. 2)")
    s.add_argument("--sidebar", action="store_true", help="keep the sidebar in the shots")
    s.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")

    d = sub.add_parser(
        "dashboard",
        help="run the dashboard (on the bundled seeds, or on PATH)",
        description=(
            "Run the dashboard with Streamlit until interrupted (Ctrl-C): on the bundled "
            "seeds, or on PATH (a folder or a file such as a .zip, .csv or .jsonl export), "
            "which takes the seeds' place; visitors can still upload files."
        ),
    )
    d.add_argument("path", nargs="?", type=Path, help="folder or file to show first")
    d.add_argument("--port", type=int, help="port to serve on (default: Streamlit's, 8501)")
    d.add_argument("--address", help="address to listen on (default: all interfaces)")
    d.add_argument(
        "--allow-folders",
        action="store_true",
        help="offer 'Folder on this computer': any visitor can then read folders of this "
        "machine, so use it only when nobody else can reach the dashboard",
    )
    d.add_argument(
        "--library",
        type=Path,
        help="a library file, or a folder of them, offered as 'Corpus library' (default: "
        "NATOJP_LIBRARY, else natojp/libraries in your data folder; a first run makes a "
        "library of the seeds there)",
    )
    d.add_argument(
        "--allow-library-adds",
        action="store_true",
        help="offer to add uploaded files to the library: any visitor can then change it, "
        "so use it only when nobody else can reach the dashboard",
    )

    t = sub.add_parser("taxonomy", help="write the default taxonomy file, to edit")
    t.add_argument("--out", "-o", default="-", help="path (default: standard output)")
    o = sub.add_parser(
        "outlets",
        help="write the default outlet registry, to edit",
        description=(
            "Write the bundled outlet registry (names, aliases, domains, country, type, "
            "state affiliation of each outlet); analyse with your copy with --outlets."
        ),
    )
    o.add_argument("--out", "-o", default="-", help="path (default: standard output)")
    g = sub.add_parser(
        "entities",
        help="write the default gazetteer of people and organisations, to edit",
        description=(
            "Write the bundled gazetteer (known people, organisations and programmes with "
            "their aliases) used to count who is named by how many independent reports."
        ),
    )
    g.add_argument("--out", "-o", default="-", help="path (default: standard output)")
    from natojp.library import cli as library_cli

    library_cli.register(sub)
    return parser


def _corpus_options(a: argparse.ArgumentParser) -> None:
    a.add_argument(
        "paths", nargs="*", help="files or folders to analyse (default: the bundled seeds)"
    )
    a.add_argument(
        "--library",
        type=Path,
        help="analyse the articles of a corpus library (natojp library) instead of files",
    )
    a.add_argument("--version", dest="library_version", help="a frozen version of --library")
    a.add_argument("--manifest", type=Path, help="manifest TOML with known outlets/dates")
    a.add_argument("--taxonomy", type=Path, help="technology-area taxonomy TOML")
    a.add_argument("--outlets", type=Path, help="outlet registry TOML (natojp outlets writes one)")
    a.add_argument("--name", help="corpus name shown in the report")
    for col in ("text", "title", "date", "outlet", "url"):
        a.add_argument(f"--{col}-column", help=f"CSV column / JSON key holding the {col}")
    # The caps, one option per row of the table natojp.config.CAPS; unset, a cap comes
    # from its environment variable, else from IngestConfig's default.
    defaults = IngestConfig()
    for cap in CAPS:
        a.add_argument(
            cap.option,
            dest=cap.name,
            type=float if cap.in_mb else int,
            metavar="MB" if cap.in_mb else "N",
            help=f"{cap.help} (default {cap.show(getattr(defaults, cap.name))}; "
            f"environment: {cap.env})",
        )
    a.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read symbolic links in a folder to files outside it (skipped by default)",
    )
    a.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes analysing at once; 1: this one only (default: a second one for "
        "20,000 articles or more on 2 CPUs or more; environment: NATOJP_WORKERS)",
    )
    engine_options(a)
    a.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")


def engine_options(a: argparse.ArgumentParser) -> None:
    """The options choosing where the work runs: this process or a Dask cluster."""
    engine = a.add_argument_group("engine (where the work runs)")
    engine.add_argument(
        "--engine",
        choices=("process", "dask"),
        default="process",
        help="process: this one, with a second for large corpora (default); dask: a Dask "
        "cluster, local with --workers N processes unless --scheduler names one "
        '(pip install "natojp[dask]")',
    )
    engine.add_argument(
        "--scheduler", metavar="ADDRESS", help="the Dask scheduler to use (tcp://host:8786)"
    )
    engine.add_argument(
        "--partition-size",
        type=int,
        metavar="N",
        help="documents per Dask task (default 1,000)",
    )
    engine.add_argument(
        "--workdir",
        type=Path,
        help="where the Dask engine writes its partitions: a folder every worker reads "
        "(default: a temporary folder of this machine)",
    )


def _brief(args: argparse.Namespace) -> int:
    from natojp.errors import ExportError
    from natojp.export import BriefOptions, chromium_available, write_brief

    if Path(args.out).suffix.lower() not in {".pdf", ".pptx"}:
        raise ExportError(f"--out must end in .pdf or .pptx, not {args.out!r}")
    if not chromium_available():
        raise ExportError(
            "the briefing pack renders its charts with Chromium, and none was found: "
            "install Chromium (Debian: apt-get install chromium) or set NATOJP_CHROMIUM"
        )
    analysis = _analysis(args, _config(args))
    path = write_brief(analysis, args.out, BriefOptions(title=args.title, subtitle=args.subtitle))
    if not args.quiet:
        print(
            f"{len(analysis.articles)} articles → "
            f"{len(analysis.duplicates.independent_reports)} independent reports; "
            f"wrote {printable(str(path))}",
            file=sys.stderr,
        )
    return 0


def _analyze(args: argparse.Namespace) -> int:

    config = _config(args)

    started = time.monotonic()

    def progress(label: str, fraction: float) -> None:
        # A progress bar on stderr, redrawn in place on a terminal; one line per stage
        # otherwise (logs), so long runs on 100,000 articles show where they are.
        if args.quiet:
            return
        elapsed = time.monotonic() - started
        if sys.stderr.isatty():
            bar = "#" * int(fraction * 30)
            line = f"\r[{bar:<30}] {fraction:4.0%} {elapsed:6.1f} s  {label:<40}"
            print(line, end="", file=sys.stderr, flush=True)
            if fraction >= 1.0:
                print(file=sys.stderr)
        else:
            print(f"[{fraction:4.0%}] {elapsed:6.1f} s  {label}", file=sys.stderr, flush=True)

    analysis = _analysis(args, config, progress)
    return _write_report(args, analysis)


def _analysis(
    args: argparse.Namespace, config: AnalysisConfig, progress: Progress | None = None
) -> Analysis:
    """The analysis the corpus options ask for: of a library's articles (``--library``,
    ``--version``), else of the files given (or the bundled seeds)."""
    engine = _engine(args)
    if args.library is not None:
        if args.paths:
            raise ConfigError("give either files to analyse or --library, not both")
        from natojp.library import AnalysisCache, Library, analyze_library

        library = Library.open(args.library, read_only=True)
        return analyze_library(
            library,
            args.library_version,
            config,
            name=args.name,
            progress=progress,
            cache=AnalysisCache.default(),
        )
    if args.library_version is not None:
        raise ConfigError("--version names a version of --library")
    if engine is not None:
        from natojp.engine import analyze_dask

        return analyze_dask(_paths(args), config, engine, name=args.name, progress=progress)
    from natojp.analysis import analyze

    return analyze(_paths(args), config, name=args.name, progress=progress)


def _engine(args: argparse.Namespace) -> DaskEngine | None:
    """The Dask engine the options ask for; None for this process."""
    if args.engine == "dask" and args.library is not None:
        raise ConfigError(
            "--engine dask analyses files; a library is analysed in this process for now"
        )
    return dask_engine(args)


def dask_engine(args: argparse.Namespace) -> DaskEngine | None:
    """The Dask engine :func:`engine_options` ask for; None for this process."""
    dask_only = {
        "--scheduler": args.scheduler,
        "--partition-size": args.partition_size,
        "--workdir": args.workdir,
    }
    if args.engine != "dask":
        given = [name for name, value in dask_only.items() if value is not None]
        if given:
            raise ConfigError(f"{given[0]} is an option of --engine dask")
        return None
    from natojp.engine import DaskEngine

    return DaskEngine(
        scheduler=args.scheduler,
        workers=args.workers,
        partition_size=1_000 if args.partition_size is None else args.partition_size,
        workdir=args.workdir,
    )


def _paths(args: argparse.Namespace) -> list[Path]:
    """The corpus to analyse: the paths given, else the bundled seeds."""
    from natojp.data import SEEDS

    return [Path(p) for p in args.paths] or [SEEDS]


def _config(args: argparse.Namespace) -> AnalysisConfig:
    """The analysis settings from the corpus options."""
    caps: dict[str, int] = {}
    for cap in CAPS:
        value = getattr(args, cap.name)
        if value is not None:
            if not math.isfinite(value) or value <= 0:
                raise ConfigError(f"{cap.option} must be positive, not {value}")
            caps[cap.name] = max(1, int(value * cap.unit))
    workers = getattr(args, "workers", None)
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be a positive whole number, not {workers}")
    return AnalysisConfig(
        ingest=IngestConfig.from_env(
            columns=ColumnMap(
                text=args.text_column,
                title=args.title_column,
                date=args.date_column,
                outlet=args.outlet_column,
                url=args.url_column,
            ),
            follow_symlinks=args.follow_symlinks,
            **caps,
        ),
        taxonomy_path=args.taxonomy,
        outlets_path=args.outlets,
        manifest_path=args.manifest,
        workers=workers,
    )


def _write_report(args: argparse.Namespace, analysis: Analysis) -> int:
    from natojp.report import to_json, write_report

    if args.out == "-":
        sys.stdout.write(to_json(analysis) + "\n")
    else:
        write_report(analysis, args.out)
    if not args.quiet:
        corpus = analysis.corpus
        reports = len(analysis.duplicates.independent_reports)
        print(
            f"{len(corpus)} articles → {reports} independent reports; "
            f"{len(analysis.timeline.events)} events; {len(analysis.duplicates.pairs)} "
            f"duplicated passages; {len(corpus.skipped)} inputs skipped",
            file=sys.stderr,
        )
        for mapping in corpus.columns[:20]:
            print(
                f"  read {printable(mapping.path)}: {printable(mapping.describe())}",
                file=sys.stderr,
            )
        for s in corpus.skipped[:20]:
            where = f"{s.path}:{s.line}" if s.line else s.path
            print(f"  skipped {printable(where)}: {printable(s.reason)}", file=sys.stderr)
        if len(corpus.skipped) > 20:
            print(f"  … and {len(corpus.skipped) - 20} more (see the report)", file=sys.stderr)
        if args.out != "-":
            print(f"wrote {printable(args.out)}", file=sys.stderr)
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    from natojp.export import snapshot

    pages = None if args.pages == "all" else [p.strip() for p in args.pages.split(",") if p]
    shots = snapshot(
        args.out,
        pages=pages,
        corpus=args.corpus,
        width=args.width,
        height=args.height,
        scale=args.scale,
        sidebar=args.sidebar,
    )
    if not args.quiet:
        for shot in shots:
            print(f"{printable(str(shot.path))} ({shot.width}×{shot.height})", file=sys.stderr)
    return 0


def _dashboard(args: argparse.Namespace) -> int:
    from natojp.app.launch import serve

    if args.path is not None and not args.path.exists():
        raise ConfigError(f"no such file or folder: {args.path}")
    return serve(
        args.path,
        port=args.port,
        address=args.address,
        allow_folders=args.allow_folders,
        library=args.library,
        allow_library_adds=args.allow_library_adds,
    )


def _taxonomy(args: argparse.Namespace) -> int:
    from natojp.taxonomy import Taxonomy

    return _write_text(args.out, Taxonomy.default().to_toml())


def _outlets(args: argparse.Namespace) -> int:
    from natojp.metadata.outlets import OutletRegistry

    return _write_text(args.out, OutletRegistry.default().to_toml())


def _entities(args: argparse.Namespace) -> int:
    from natojp.corroboration import Gazetteer

    return _write_text(args.out, Gazetteer.default().to_toml())


def _write_text(out: str, text: str) -> int:
    """Write ``text`` to the file ``out`` (``-``: standard output)."""
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 nothing analysed or bad options)."""
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "brief":
            return _brief(args)
        if args.command == "snapshot":
            return _snapshot(args)
        if args.command == "dashboard":
            return _dashboard(args)
        if args.command == "outlets":
            return _outlets(args)
        if args.command == "entities":
            return _entities(args)
        if args.command == "library":
            from natojp.library import cli as library_cli

            return library_cli.run(args)
        return _taxonomy(args)
    except NatojpError as exc:
        print(f"natojp: error: {printable(str(exc))}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
