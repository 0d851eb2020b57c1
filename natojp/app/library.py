"""The corpus library in the dashboard: which library and which version a session looks
at, and adding uploaded files to it where the operator allows.

The libraries are those of :func:`natojp.library.library_home` (``NATOJP_LIBRARY``); a
first run makes one of the bundled seeds, so the dashboard needs nothing else. The app
only ever reads a library between other processes' writes (each read opens the file
briefly, read-only): ``natojp library add`` can run while the dashboard is open, and the
next rerun shows the new current articles. A frozen version is kept in the URL
(``?version=…``), so a link opens the very corpus a briefing cites.

Uploads stay in the visitor's session (a scratch corpus nobody else sees) unless the
operator set ``NATOJP_ALLOW_LIBRARY_ADDS=1`` (``natojp dashboard --allow-library-adds``),
which offers to add them to the library for everyone.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import streamlit as st

from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.launch import LIBRARY_ADDS_ENV
from natojp.data import SEEDS
from natojp.errors import NatojpError
from natojp.library import Library, Version, ensure_libraries, library_home

VERSION_QUERY = "version"
"""URL parameter of the frozen version shown."""
CURRENT = ""
"""The version choice meaning the library's current, unfrozen articles."""

_making = threading.Lock()  # sessions of one server starting together make it once


@dataclass(frozen=True, slots=True)
class LibraryState:
    """What the sidebar shows of a library: its versions (newest first), and the count
    and content hash of its current articles."""

    versions: tuple[Version, ...]
    articles: int
    fingerprint: str


def libraries() -> tuple[Path, ...]:
    """The libraries offered (a first run makes one of the seeds); raises
    :class:`~natojp.errors.LibraryError` when there is none and none can be made."""
    with _making:
        return ensure_libraries(library_home(), SEEDS)


def adds_allowed() -> bool:
    """Whether uploads may be added to the library (the operator's choice, never
    inferred from the request)."""
    return os.environ.get(LIBRARY_ADDS_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def _stamp(path: Path) -> tuple[int, ...]:
    """Changes whenever the library file or its write-ahead log does."""
    out: list[int] = []
    for p in (path, Path(f"{path}.wal")):
        try:
            st_ = p.stat()
            out += [st_.st_size, st_.st_mtime_ns]
        except OSError:
            out += [-1, -1]
    return tuple(out)


@lru_cache(maxsize=64)
def _state(path: str, stamp: tuple[int, ...]) -> LibraryState:
    lib = Library.open(path)
    articles, fingerprint = lib.current()
    return LibraryState(tuple(reversed(lib.versions())), articles, fingerprint)


def library_state(path: Path) -> LibraryState:
    """The library's versions and current articles, read again only when its file
    changed (another process may add to it while the dashboard runs)."""
    return _state(str(path), _stamp(path))


def version_label(version: Version) -> str:
    """How a frozen version reads in the chooser."""
    note = f" · {version.note}" if version.note else ""
    return f"{version.created_at[:10]}{note} · {version.articles:,} articles · {version.id}"


def choose_library(paths: tuple[Path, ...], kept: dict[str, Any]) -> Path:
    """The library chosen in the sidebar (a chooser only when there are several)."""
    if len(paths) == 1:
        return paths[0]
    names = [p.stem for p in paths]
    chosen = st.sidebar.selectbox("Library", names, **kept)
    return paths[names.index(chosen)] if chosen in names else paths[0]


def choose_version(path: Path, state: LibraryState, kept: dict[str, Any]) -> str | None:
    """The version chosen in the sidebar (``None``: the current articles), seeded once
    per session from ``?version=`` and written back to the URL."""
    ids = [v.id for v in state.versions]
    key = str(kept["key"])
    if not st.session_state.get("_version_from_url"):
        st.session_state["_version_from_url"] = True
        wanted = widgets.query_param(VERSION_QUERY, CURRENT)
        if wanted and wanted not in ids:
            st.sidebar.warning(
                f"The link names version {escape_markdown(wanted)}, which this library does "
                "not have; showing its current articles."
            )
            wanted = CURRENT
        st.session_state[key] = st.session_state[f"_kept_{key}"] = wanted
    for name in (key, f"_kept_{key}"):  # a version of another library is no choice here
        if st.session_state.get(name) not in (CURRENT, *ids):
            st.session_state[name] = CURRENT
    by_id = {v.id: v for v in state.versions}
    chosen: str | None = st.sidebar.selectbox(
        "Version",
        [CURRENT, *ids],
        format_func=lambda v: (
            version_label(by_id[v]) if v in by_id else f"Current articles ({state.articles:,})"
        ),
        help=(
            "Frozen versions never change: cite one in a briefing (its id is in every "
            "export). Freeze one with `natojp library freeze`."
        ),
        **kept,
    )
    if not chosen:
        st.query_params.pop(VERSION_QUERY, None)
        return None
    widgets.set_query_param(VERSION_QUERY, chosen)
    return chosen


def add_uploads(path: Path, files: list[tuple[str, bytes]]) -> None:
    """A button that adds the uploaded ``files`` to the library at ``path`` (shown only
    when :func:`adds_allowed`), with what it did."""
    if not adds_allowed() or not files:
        return
    if not st.sidebar.button(
        f"Add these {len(files)} file(s) to the library {path.stem}",
        help="They become part of the library's current articles, for every visitor.",
        key="library_add_uploads",
    ):
        return
    try:
        with st.spinner("Adding to the library…"):
            result = Library.open(path, read_only=False).add_uploads(files)
    except NatojpError as exc:
        st.sidebar.error(f"Nothing added: {escape_markdown(exc.message)}")
        return
    st.sidebar.success(
        f"Added {len(result.added)} article(s) to {escape_markdown(path.stem)} "
        f"({len(result.unchanged)} already there, {len(result.skipped)} skipped). "
        "Choose “Corpus library” to see them."
    )


__all__ = [
    "CURRENT",
    "VERSION_QUERY",
    "LibraryState",
    "add_uploads",
    "adds_allowed",
    "choose_library",
    "choose_version",
    "libraries",
    "library_state",
    "version_label",
]
