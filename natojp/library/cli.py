"""``natojp library init | add | remove | list | freeze | export``: one library call each.

:func:`register` adds the ``library`` command to natojp's sub-commands; :func:`run`
carries out parsed arguments and returns the exit status (errors are raised as
:class:`~natojp.errors.NatojpError`, which the main CLI prints).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from natojp._text import printable
from natojp.cli import dask_engine, engine_options
from natojp.errors import ConfigError
from natojp.library._store import Library

COMMAND = "library"


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``library`` and its sub-commands to ``subparsers`` (the object
    ``ArgumentParser.add_subparsers`` returned); returns the ``library`` parser."""
    lib: argparse.ArgumentParser = subparsers.add_parser(
        COMMAND,
        help="keep a corpus library: add articles over time, freeze versions to cite",
        description=(
            "A corpus library is one file (DuckDB) holding cleaned articles with their "
            "metadata and removed noise. Add files to it over time (each document is "
            "cleaned once; re-adding the same content does nothing, a new text of a stored "
            "article replaces it), remove articles, and freeze versions to cite."
        ),
    )
    sub = lib.add_subparsers(dest="library_command", required=True)

    def library_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("library", type=Path, help="the library file, e.g. story.natojp")

    init = sub.add_parser("init", help="create an empty library")
    library_arg(init)

    add = sub.add_parser("add", help="ingest and clean files or folders into the library")
    library_arg(add)
    add.add_argument("paths", nargs="+", type=Path, help="files or folders to add")
    add.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    add.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="with --engine dask: the processes of a local cluster (default: one per CPU)",
    )
    engine_options(add)

    rm = sub.add_parser("remove", help="remove articles (by id) from the current articles")
    library_arg(rm)
    rm.add_argument("ids", nargs="+", help="article ids, as `natojp library list` shows them")

    ls = sub.add_parser("list", help="list the articles (current or of a version) or versions")
    library_arg(ls)
    ls.add_argument("--version", help="list the articles of this frozen version")
    ls.add_argument("--versions", action="store_true", help="list the frozen versions instead")

    fr = sub.add_parser("freeze", help="freeze the current articles as a version to cite")
    library_arg(fr)
    fr.add_argument("--note", help="what the version is for (e.g. 'brief of 3 May')")

    ex = sub.add_parser("export", help="write a version's articles to Parquet files")
    library_arg(ex)
    ex.add_argument("--version", help="the frozen version (default: the current articles)")
    ex.add_argument("--out", "-o", type=Path, required=True, help="folder for the files")
    return lib


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Carry out a parsed ``natojp library ...`` command; 0 on success."""
    out = out or sys.stdout
    command = args.library_command

    def say(line: str) -> None:
        print(printable(line), file=out)

    if command == "init":
        lib = Library.create(args.library)
        say(f"created {lib.path} (empty library)")
        return 0
    if command == "add":
        lib = Library.open(args.library, read_only=False)
        if args.workers is not None and args.workers < 1:
            raise ConfigError(f"--workers must be a positive whole number, not {args.workers}")
        result = lib.add(args.paths, engine=dask_engine(args))
        if not args.quiet:
            say(
                f"added {len(result.added)} articles ({len(result.replaced)} replacing an "
                f"earlier text), {len(result.unchanged)} already there, "
                f"{len(result.skipped)} inputs skipped"
            )
            for s in result.skipped:
                where = f"{s.path}:{s.line}" if s.line is not None else s.path
                say(f"  skipped {where}: {s.reason}")
        return 0
    if command == "remove":
        lib = Library.open(args.library, read_only=False)
        removed = lib.remove(args.ids)
        say(f"removed {len(removed)} articles")
        missing = sorted(set(args.ids) - set(removed))
        if missing:
            say(f"  not in the current articles: {', '.join(missing)}")
        return 0 if not missing else 1
    if command == "list":
        lib = Library.open(args.library)
        if args.versions:
            for v in lib.versions():
                note = f"  {v.note}" if v.note else ""
                count = f"{v.articles} articles"
                say(f"{v.id}  {v.created_at}  {count}  natojp {v.natojp_version}{note}")
            return 0
        for a in lib.articles(args.version):
            published = a.published.iso() if a.published else "-"
            say(f"{a.id}  {published}  {a.outlet or '-'}  {a.title or ''}")
        return 0
    if command == "freeze":
        lib = Library.open(args.library, read_only=False)
        version = lib.freeze(args.note)
        say(f"version {version.id} ({version.articles} articles, {version.created_at})")
        return 0
    if command == "export":
        lib = Library.open(args.library)
        files = lib.export(args.version, args.out)
        say(f"wrote {len(files)} files to {args.out}")
        return 0
    raise ValueError(f"unknown library command {command!r}")  # argparse prevents it
