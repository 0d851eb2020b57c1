"""Where the dashboard finds its libraries, and the library of the bundled seeds that a
first run makes, so that the dashboard needs nothing else to start.

``NATOJP_LIBRARY`` names a library file or a folder of them; without it the folder is
``natojp/libraries`` in the user's data folder (``$XDG_DATA_HOME`` or
``~/.local/share``; ``%LOCALAPPDATA%`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

from natojp.errors import LibraryError
from natojp.library._store import Library

LIBRARY_ENV = "NATOJP_LIBRARY"
"""A library file, or a folder of library files, the dashboard offers."""
SUFFIXES = (".natojp", ".duckdb")
"""File name endings of the libraries found in a folder."""
SEEDS_LIBRARY = "seeds.natojp"
"""The library a first run makes in an empty folder: the bundled seeds."""


def library_home(environ: dict[str, str] | None = None) -> Path:
    """The library file or folder the dashboard offers (see the module docstring)."""
    env = os.environ if environ is None else environ
    raw = env.get(LIBRARY_ENV, "").strip()
    if raw:
        return Path(raw).expanduser()
    if os.name == "nt":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "natojp" / "libraries"


def find_libraries(home: Path) -> tuple[Path, ...]:
    """The library files at ``home``: the file itself, or the files of the folder whose
    names end in :data:`SUFFIXES` (not hidden ones: a library being made is hidden),
    sorted by name."""
    if home.is_file():
        return (home,)
    if not home.is_dir():
        return ()
    return tuple(
        sorted(
            (
                p
                for p in home.iterdir()
                if p.suffix in SUFFIXES and not p.name.startswith(".") and p.is_file()
            ),
            key=lambda p: p.name.casefold(),
        )
    )


def ensure_libraries(home: Path, seeds: Path) -> tuple[Path, ...]:
    """The libraries at ``home``; on a first run (no library there yet) one is made of
    the files at ``seeds``: at ``home`` itself when it names a file, else as
    :data:`SEEDS_LIBRARY` in the folder ``home`` (created if needed).

    Safe when several processes or threads start at once: the library appears whole,
    and only one of them makes it. Raises :class:`~natojp.errors.LibraryError` when it
    cannot be made (e.g. a read-only disk).
    """
    found = find_libraries(home)
    if found:
        return found
    target = home if home.suffix in SUFFIXES else home / SEEDS_LIBRARY
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"cannot make the library folder: {exc}", path=str(target)) from exc
    try:
        Library.create(target, contents=[seeds])
    except LibraryError:
        if not target.is_file():  # made meanwhile by another process: fine
            raise
    return find_libraries(home)
