"""The public readers: :func:`read_paths` (files and folders: walking in name order,
hidden entries, symbolic links, the same file given twice) and :func:`read_uploads`
(browser uploads: safe base names, the same name uploaded twice).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from natojp.config import IngestConfig
from natojp.ingest.archive import _read_zip
from natojp.ingest.formats import (
    _ARCHIVE,
    MANIFEST_NAME,
    SUPPORTED_SUFFIXES,
    _is_hidden,
    _parse,
    _strip_suffix,
    _suffix,
    _unsupported,
)
from natojp.ingest.limits import _LimitError, _read_limited, _too_large
from natojp.ingest.sink import IngestResult, _Sink
from natojp.models import Skipped

_DEFAULT_CONFIG = IngestConfig()


@dataclass(frozen=True, slots=True)
class _File:
    """A file to read: where it is, how it is shown and the id it would get."""

    path: Path
    display: str
    rel: str  # id with extension, relative to the given folder (or the file name)


def _walk(folder: str, rel: str, label: str, root: str, follow: bool) -> Iterator[_File | Skipped]:
    """Files under ``folder`` in name order, depth first; hidden entries are ignored,
    symlinked folders are not followed, nor (unless ``follow``) symlinked files whose
    target is outside ``root`` (the given folder, resolved); unreadable entries are
    reported."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(_join(label, rel) or folder, f"cannot list this folder: {exc.strerror}")
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        child = f"{rel}{entry.name}"
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, f"{child}/", label, root, follow)
            elif entry.is_symlink() and entry.is_dir():
                yield Skipped(
                    _join(label, child),
                    "symbolic link to a folder, not followed; give it as its own input",
                )
            elif entry.is_file():
                if entry.is_symlink() and not follow and not _inside(entry.path, root):
                    yield Skipped(
                        _join(label, child),
                        "symbolic link to a file outside the folder, not followed; give it "
                        "as its own input",
                    )
                else:
                    yield _File(Path(entry.path), _join(label, child), child)
            else:
                yield Skipped(_join(label, child), "not a regular file")
        except OSError as exc:
            yield Skipped(_join(label, child), f"cannot read: {exc.strerror}")


def _inside(path: str, root: str) -> bool:
    """Whether ``path`` resolves (through links) to a place inside the folder ``root``
    (already resolved)."""
    target = os.path.realpath(path)
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _join(label: str, rel: str) -> str:
    """``label/rel`` (just ``rel`` without a label)."""
    return f"{label}/{rel}" if label else rel


def read_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: IngestConfig = _DEFAULT_CONFIG,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Read files and folders (recursively) into documents.

    Never raises for a bad input: each one becomes a :class:`~natojp.models.Skipped`
    with a reason. Hidden files and folders (``.git``, ``.DS_Store``, ``__MACOSX``) are
    ignored; ``manifest.toml`` files are collected in ``manifest_paths``. ``progress``
    is called with (files done, files in total) after each file.
    """
    if isinstance(paths, str | os.PathLike):  # a lone path, not a sequence of paths
        paths = [paths]
    sink = _Sink(config)
    # Files (with the id prefix of an archive found in a folder) and, in input order,
    # the inputs already known to be unreadable.
    work: list[tuple[_File, str] | Skipped] = []
    for given in paths:
        raw = os.fspath(given)
        path = Path(raw)
        try:
            if not raw or not path.exists():
                work.append(Skipped(raw, "no such file or folder"))
            elif path.is_dir():
                label = path.name or path.resolve().name
                root = os.path.realpath(raw)
                for f in _walk(raw, "", label, root, config.follow_symlinks):
                    work.append(f if isinstance(f, Skipped) else (f, _strip_suffix(f.rel) + "/"))
            elif path.is_file():
                work.append((_File(path, raw, path.name), ""))
            else:
                work.append(Skipped(raw, "not a regular file or folder"))
        except OSError as exc:
            work.append(Skipped(raw, f"cannot read: {exc.strerror or exc}"))
    total = sum(1 for w in work if not isinstance(w, Skipped))
    done = 0
    seen: dict[str, str] = {}
    for item in work:
        if isinstance(item, Skipped):
            sink.skipped.append(item)
            continue
        f, zip_prefix = item
        if sink.capped:
            sink.not_read += 1
        else:
            real = os.path.realpath(f.path)
            first = seen.get(real)
            if first is not None:
                sink.skip(f.display, f"same file as {first}; read once")
            else:
                seen[real] = f.display
                with sink.isolated(f.display):
                    _read_one(f, zip_prefix, sink, config)
        done += 1
        if progress is not None:
            progress(done, total)
    return sink.result()


def _read_one(f: _File, zip_prefix: str, sink: _Sink, config: IngestConfig) -> None:
    """Read one file of the batch into ``sink`` (an archive member by member)."""
    suffix = f.path.suffix.lower()
    if f.path.name.lower() == MANIFEST_NAME:
        sink.manifests.append(f.path)
        return
    if suffix not in SUPPORTED_SUFFIXES:
        sink.skip(f.display, _unsupported(suffix))
        return
    try:
        if suffix == _ARCHIVE:
            _read_zip(f.path, f.display, zip_prefix, sink, config)
            return
        size = f.path.stat().st_size
        if size > config.max_file_bytes:
            sink.skip(f.display, _too_large(size, config.max_file_bytes))
            return
        if not sink.charge(f.display, size):
            return
        with f.path.open("rb") as stream:
            data = _read_limited(stream, config.max_file_bytes)
    except _LimitError:
        sink.skip(f.display, _too_large(config.max_file_bytes + 1, config.max_file_bytes))
        return
    except OSError as exc:
        sink.skip(f.display, f"cannot read: {exc.strerror or exc}")
        return
    sink.take(
        _parse(data, suffix, f.display, config),
        base=_strip_suffix(f.rel),
        alt=f.rel,
        path=f.display,
    )


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


def safe_upload_name(name: str) -> str:
    """The base name of an uploaded file's name, safe to show and to use in an id.

    Directories (``/`` or ``\\``), ``..``, NULs and control or invisible formatting
    characters are removed; the result is never a path and is never used as one.
    """
    cleaned = "".join(ch for ch in _UNSAFE_NAME.sub("", name) if ch.isprintable())
    base = cleaned.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if base in ("", ".", ".."):
        return "upload"
    return base[:255]


def read_uploads(
    files: Iterable[tuple[str, bytes]], config: IngestConfig = _DEFAULT_CONFIG
) -> IngestResult:
    """Read uploaded files given as (name as the browser sent it, content) pairs.

    Names are untrusted: only their base name is used (see :func:`safe_upload_name`),
    for ids and display, never as a path. A zip upload's members get ids relative to
    their common folder, as for a zip given directly to :func:`read_paths`.

    Two uploads with the same name and content are read once; with the same name and
    different content both are read, the later with an id ending ``~2`` (``~3``...) and
    a note saying so. Never raises for a bad input.
    """
    sink = _Sink(config)
    seen: dict[str, set[bytes]] = {}
    for raw_name, data in files:
        name = safe_upload_name(raw_name)
        if sink.capped:
            sink.not_read += 1
            continue
        suffix = _suffix(name)
        digest = hashlib.sha256(data).digest()
        earlier = seen.setdefault(name, set())
        duplicate = bool(earlier)
        if digest in earlier:
            sink.skip(name, "uploaded twice (same name and content); read once")
            continue
        earlier.add(digest)
        if name.lower() == MANIFEST_NAME:
            sink.skip(
                name,
                "an uploaded manifest is not applied to uploads; use it with the CLI "
                "(--manifest) or beside the articles in a folder",
            )
        elif _is_hidden(name):
            sink.skip(name, "hidden or system file, not an article")
        elif suffix not in SUPPORTED_SUFFIXES:
            sink.skip(name, _unsupported(suffix))
        elif suffix == _ARCHIVE:
            prefix = f"{_strip_suffix(name)}~{len(earlier)}/" if duplicate else ""
            with sink.isolated(name):
                _read_zip(data, name, prefix, sink, config)
        elif len(data) > config.max_file_bytes:
            sink.skip(name, _too_large(len(data), config.max_file_bytes))
        elif sink.charge(name, len(data)):
            note = (
                f"another uploaded file is also named {name!r}; this one is upload "
                f"{len(earlier)} of that name and its id has a ~ suffix",
            )
            sink.take(
                _parse(data, suffix, name, config),
                base=_strip_suffix(name),
                alt=None if duplicate else name,
                path=name,
                notes=note if duplicate else (),
            )
    return sink.result()
