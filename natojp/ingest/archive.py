"""Zip archives: the members, read by the readers of :mod:`natojp.ingest.formats`.

The caps ``max_archive_members`` and ``max_archive_bytes`` are checked on the directory
and again while unpacking (zip bombs); member paths are reduced to safe components, and
ids are relative to the members' common folder. Nested archives and manifests inside
an archive are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

from natojp.config import IngestConfig
from natojp.ingest.formats import (
    _ARCHIVE,
    _FORMATS,
    MANIFEST_NAME,
    _is_hidden,
    _parse,
    _strip_suffix,
    _suffix,
    _unsupported,
)
from natojp.ingest.limits import _LimitError, _read_limited, _size, _too_large, how_to_raise
from natojp.ingest.sink import _Sink


def _read_zip(
    source: Path | bytes, display: str, prefix: str, sink: _Sink, config: IngestConfig
) -> None:
    """Read the members of a zip archive; caps checked on the directory and while reading."""
    opened: Path | IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        archive = zipfile.ZipFile(opened)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        sink.skip(display, f"not a readable zip archive: {exc}")
        return
    with archive:
        _read_zip_members(archive, display, prefix, sink, config)


def _member_parts(name: str) -> list[str]:
    """An archive member's path as safe components: no ``..``, ``.``, empty parts, drive
    letters (``C:``), control or invisible formatting characters."""
    printable = "".join(ch for ch in name if ch.isprintable())
    parts = [p for p in printable.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return parts[1:] if parts and _DRIVE.fullmatch(parts[0]) else parts


_DRIVE = re.compile(r"[A-Za-z]:")


def _read_zip_members(
    zf: zipfile.ZipFile, display: str, prefix: str, sink: _Sink, config: IngestConfig
) -> None:
    """Check the archive's caps on its directory, then read member by member."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > config.max_archive_members:
        sink.skip(
            display,
            f"archive has {len(infos):,} files, over the cap of {config.max_archive_members:,} "
            f"(max_archive_members); extract it, or {how_to_raise('max_archive_members')}",
        )
        return
    declared = sum(i.file_size for i in infos)
    if declared > config.max_archive_bytes:
        sink.skip(
            display,
            f"archive unpacks to {_size(declared)}, over the cap of "
            f"{_size(config.max_archive_bytes)} (max_archive_bytes; a zip bomb?); "
            f"{how_to_raise('max_archive_bytes')}",
        )
        return
    members = []
    for info in infos:
        parts = _member_parts(info.filename)
        if parts and not any(_is_hidden(p) for p in parts):
            members.append((parts, info))
    members.sort(key=lambda m: m[0])
    common = _common_dirs([p for p, _ in members])
    budget = config.max_archive_bytes
    for parts, info in members:
        if sink.capped:
            sink.not_read += 1
            continue
        where = f"{display}!{'/'.join(parts)}"
        read = 0
        with sink.isolated(where):
            read = _read_member(zf, info, parts, common, where, prefix, sink, config, budget)
        if read < 0:
            sink.skip(
                display,
                "archive unpacks to more than its directory says, over the cap of "
                f"{_size(config.max_archive_bytes)} (max_archive_bytes; a zip bomb?); "
                f"stopped reading at {where}; {how_to_raise('max_archive_bytes')}",
            )
            return
        budget -= read


def _read_member(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    parts: list[str],
    common: list[str],
    where: str,
    prefix: str,
    sink: _Sink,
    config: IngestConfig,
    budget: int,
) -> int:
    """Read one archive member into ``sink``: the bytes it unpacked to, or -1 when it
    went over what is left of ``max_archive_bytes`` (``budget``)."""
    name = parts[-1]
    suffix = _suffix(name)
    if name.lower() == MANIFEST_NAME:
        sink.skip(
            where,
            "a manifest inside an archive is not applied; extract it beside the archive "
            "or pass it with --manifest",
        )
        return 0
    if suffix == _ARCHIVE:
        sink.skip(where, "archive inside an archive not read; extract it first")
        return 0
    if suffix not in _FORMATS:
        sink.skip(where, _unsupported(suffix))
        return 0
    if info.file_size > config.max_file_bytes:
        sink.skip(where, _too_large(info.file_size, config.max_file_bytes))
        return 0
    limit = min(config.max_file_bytes, budget)
    try:
        with zf.open(info) as stream:
            data = _read_limited(stream, limit)
    except _LimitError:
        if limit == budget:
            return -1
        sink.skip(
            where, "member unpacks to more bytes than its header says (a zip bomb?); not read"
        )
        return 0
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
        sink.skip(where, f"cannot read this archive member: {exc}")
        return 0
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        sink.skip(where, f"damaged archive member: {exc}")
        return 0
    if not sink.charge(where, len(data)):
        return len(data)  # counted as not read by the next members' loop turns
    rel = "/".join(parts[len(common) :])
    sink.take(
        _parse(data, suffix, where, config),
        base=prefix + _strip_suffix(rel),
        alt=prefix + rel,
        path=where,
    )
    return len(data)


def _common_dirs(paths: list[list[str]]) -> list[str]:
    """The longest list of leading directory names shared by all ``paths``."""
    if not paths:
        return []
    common = paths[0][:-1]
    for parts in paths[1:]:
        dirs = parts[:-1]
        n = 0
        while n < len(common) and n < len(dirs) and common[n] == dirs[n]:
            n += 1
        common = common[:n]
        if not common:
            break
    return common
