"""Analyses of library versions kept on this machine, so that a version analysed once
opens again without being analysed: after a restart of the dashboard, or in the next
``natojp analyze --library`` run.

A version's analysis depends only on its articles (the version id is their content
hash), the settings and natojp's version; those three make the key. The cache is a
private folder of this machine, not part of the library: the library stays small and
can be shared, and a snapshot is only ever read by the user who wrote it (snapshots
are pickles, which must never come from someone else: the folder is made readable by
its owner only, and a snapshot that fails to load is deleted and recomputed).

The folder also keeps the facts read in each article (:mod:`natojp.library._facts`):
an analysis of a version never analysed before reads only the articles no analysis
has read.

``NATOJP_ANALYSIS_CACHE`` names the folder (``off`` turns the cache off); without it,
``natojp/analyses`` in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``;
``%LOCALAPPDATA%`` on Windows). ``NATOJP_ANALYSIS_CACHE_MB`` bounds its size (default
4096): the least recently used snapshots are deleted beyond it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from natojp._gc import paused
from natojp.library._facts import FILE_NAME as FACTS_FILE
from natojp.library._facts import FactsStore

if TYPE_CHECKING:
    from natojp.analysis import Analysis

CACHE_ENV = "NATOJP_ANALYSIS_CACHE"
CACHE_MB_ENV = "NATOJP_ANALYSIS_CACHE_MB"
CACHE_MB = 4096
_SUFFIX = ".analysis"
_MAGIC = b"natojp-analysis/1\n"


def cache_home(environ: dict[str, str] | None = None) -> Path | None:
    """The cache folder (see the module docstring); ``None`` when turned off."""
    env = os.environ if environ is None else environ
    raw = env.get(CACHE_ENV, "").strip()
    if raw.lower() in {"off", "0", "no", "false"}:
        return None
    if raw:
        return Path(raw).expanduser()
    if os.name == "nt":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "natojp" / "analyses"


def cache_key(corpus_id: str, settings: str, natojp_version: str) -> str:
    """The key of an analysis: the articles' content hash, the settings (JSON) and the
    version of natojp that analysed them."""
    h = hashlib.sha256()
    for part in (corpus_id, settings, natojp_version):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


class AnalysisCache:
    """Snapshots of analyses in ``folder``, at most ``max_bytes`` in all.

    Reading never raises: a missing, damaged or incompatible snapshot is a miss (and a
    damaged one is deleted). Writing is atomic (a temporary file renamed into place), so
    a crash or a concurrent reader never sees half a snapshot; a failure to write (a
    full disk) only costs the next open its analysis.
    """

    def __init__(self, folder: Path, *, max_bytes: int = CACHE_MB * 2**20) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    @classmethod
    def default(cls) -> AnalysisCache | None:
        """The cache the environment names (``None`` when turned off)."""
        folder = cache_home()
        if folder is None:
            return None
        try:
            mb = float(os.environ.get(CACHE_MB_ENV, "") or CACHE_MB)
        except ValueError:
            mb = CACHE_MB
        return cls(folder, max_bytes=int(max(mb, 0) * 2**20))

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    @property
    def facts(self) -> FactsStore:
        """The facts of articles kept in this folder."""
        return FactsStore(self.folder / FACTS_FILE)

    def get(self, key: str) -> Analysis | None:
        """The analysis kept under ``key``, or ``None``."""
        path = self._path(key)
        try:
            with path.open("rb") as f, paused():  # millions of objects, all kept
                if f.read(len(_MAGIC)) != _MAGIC:
                    raise ValueError("not a snapshot")
                analysis: Analysis = pickle.load(f)
        except FileNotFoundError:
            return None
        except Exception:  # damaged, or written by an incompatible natojp: recompute
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        return analysis

    def put(self, key: str, analysis: Analysis) -> bool:
        """Keep ``analysis`` under ``key``; whether it was written."""
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            with tmp.open("wb") as f:
                f.write(_MAGIC)
                pickle.dump(analysis, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except (OSError, pickle.PicklingError, RecursionError):
            with contextlib.suppress(OSError):
                tmp.unlink()
            return False
        self.trim()
        return True

    def trim(self) -> int:
        """Delete the least recently used snapshots beyond ``max_bytes``; how many."""
        try:
            entries = [
                (p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob(f"*{_SUFFIX}")
            ]
        except OSError:
            return 0
        entries.sort(reverse=True)  # newest first
        total, dropped = 0, 0
        for _, size, path in entries:
            total += size
            if total > self.max_bytes and path != entries[0][2]:
                with contextlib.suppress(OSError):
                    path.unlink()
                    dropped += 1
        return dropped

    def clear(self) -> int:
        """Delete every snapshot and every fact; how many snapshots."""
        self.facts.drop()
        count = 0
        for path in self.folder.glob(f"*{_SUFFIX}"):
            with contextlib.suppress(OSError):
                path.unlink()
                count += 1
        return count
