"""The dashboard's shared parts: corpus choice, cached analysis, filters and renderers.

The only natojp module that imports Streamlit. Pages read widgets, call natojp and
render; they get the analysis from :func:`sidebar` and draw with the helpers here so
that every chart and table offers the same downloads.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from natojp.analysis import Analysis, Progress, analyze, analyze_uploads
from natojp.errors import NatojpError
from natojp.ingest import SUPPORTED_SUFFIXES
from natojp.models import Article, Skipped

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
UPLOAD_TYPES = sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES)
_SOURCES = ("Bundled seeds", "Upload files", "Folder on this computer")


@dataclass(frozen=True, slots=True)
class Filters:
    """Cross-page filters chosen in the sidebar."""

    outlets: tuple[str, ...]  # selected sources (outlet or unattributed label); empty = all

    def keep(self, article: Article) -> bool:
        return not self.outlets or article.source in self.outlets

    def describe(self, analysis: Analysis) -> str:
        """One line for chart subtitles: corpus, article count, active filters."""
        shown = sum(self.keep(a) for a in analysis.articles)
        sources = "all sources" if not self.outlets else f"{len(self.outlets)} source(s)"
        return f"{analysis.corpus.name} · {shown} of {len(analysis.articles)} articles · {sources}"


class _AnalysisStore:
    """Analyses shared by all sessions, keyed by a hash of every input byte.

    A bounded LRU. Each key has its own lock, so two sessions asking for the same new
    corpus compute it once, while different corpora are analysed concurrently.
    """

    def __init__(self, max_entries: int = 16) -> None:
        self._max = max_entries
        self._items: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}

    def get(self, key: str, compute: Callable[[], Analysis]) -> Analysis:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            result = compute()
            with self._lock:
                self._items[key] = result
                while len(self._items) > self._max:
                    self._items.popitem(last=False)
                self._key_locks.pop(key, None)
            return result


@st.cache_resource(show_spinner=False)
def _store() -> _AnalysisStore:
    return _AnalysisStore()


def _hash_files(files: Sequence[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in sorted(files):
        h.update(name.encode("utf-8", "replace") + b"\x00")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _folder_files(path: Path) -> list[tuple[str, bytes]]:
    return [
        (str(p.relative_to(path)), p.read_bytes())
        for p in sorted(path.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    ]


def _run(key: str, compute: Callable[[Progress], Analysis]) -> Analysis | None:
    """Analyse with a progress bar; show a clear message instead of an exception."""
    bar = st.empty()

    def progress(label: str, fraction: float) -> None:
        if fraction < 1.0:
            bar.progress(fraction, text=f"Analysing: {label}…")

    try:
        return _store().get(key, lambda: compute(progress))
    except NatojpError as exc:
        st.error(f"Nothing to analyse: {exc.message}")
        return None
    finally:
        bar.empty()


def _is_local() -> bool:
    """Folder paths are offered only when the app runs on the user's own machine."""
    if os.environ.get("NATOJP_ALLOW_FOLDERS") == "1":
        return True
    host = (st.context.headers.get("Host") or "").split(":")[0]
    return host in {"localhost", "127.0.0.1", "::1", "[::1]"}


def _kept(key: str) -> dict[str, Any]:
    """Widget arguments that carry its value across pages.

    Streamlit drops a widget's state when another page runs; the value is kept under a
    private key, updated by ``on_change`` and re-seeded before the widget is created.
    """
    store = f"_kept_{key}"
    if store in st.session_state:
        st.session_state[key] = st.session_state[store]

    def remember() -> None:
        st.session_state[store] = st.session_state[key]

    return {"key": key, "on_change": remember}


def _uploaded_files() -> list[tuple[str, bytes]]:
    """Files from the uploader, kept in the session so they survive a page switch."""
    uploads = st.sidebar.file_uploader(
        "Articles (.txt .md .html .csv .jsonl .json .zip)",
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key="corpus_uploads",
    )
    if uploads:
        st.session_state["_uploaded"] = [(u.name, u.getvalue()) for u in uploads]
    files: list[tuple[str, bytes]] = st.session_state.get("_uploaded", [])
    if files and not uploads:
        st.sidebar.caption(f"Using {len(files)} file(s) uploaded earlier in this session.")
    return files


def _choose_corpus() -> Analysis | None:
    options = list(_SOURCES if _is_local() else _SOURCES[:2])
    choice = st.sidebar.radio("Corpus", options, **_kept("corpus_source"))
    if choice == "Upload files":
        files = _uploaded_files()
        if not files:
            st.info("Upload one or more files in the sidebar to analyse them.")
            return None
        return _run(
            "upload:" + _hash_files(files),
            lambda p: analyze_uploads(files, name=f"{len(files)} uploaded file(s)", progress=p),
        )
    if choice == "Folder on this computer":
        raw = st.sidebar.text_input("Folder path", **_kept("corpus_folder"))
        folder = Path(raw).expanduser() if raw else None
        if folder is None or not folder.is_dir():
            st.info("Type the path of a folder of articles in the sidebar.")
            return None
        files = _folder_files(folder)
        return _run(
            "folder:" + _hash_files(files),
            lambda p: analyze([folder], name=folder.name, progress=p),
        )
    files = _folder_files(SEEDS)
    return _run("seeds:" + _hash_files(files), lambda p: analyze([SEEDS], name="seeds", progress=p))


def _ensure_router() -> None:
    """Make sure pages run under ``dashboard.py``'s ``st.navigation``.

    With a ``pages/`` folder beside the main script, Streamlit starts in its legacy
    multipage mode and runs a page script directly when a fresh server's first
    visitor opens a page URL (e.g. ``/duplicates``); it leaves that mode only once
    the main script has called ``st.navigation``. Leave it now and rerun, so the
    router runs and resolves the same page with its query parameters.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def sidebar() -> tuple[Analysis | None, Filters]:
    """The cross-page sidebar: corpus choice and source filter."""
    _ensure_router()
    analysis = _choose_corpus()
    if analysis is None:
        return None, Filters(())
    sources = sorted({a.source for a in analysis.articles})
    chosen = st.sidebar.multiselect(
        "Sources", sources, **_kept("filter_sources"), placeholder="All"
    )
    st.sidebar.caption(
        f"{len(analysis.articles)} articles · {len(analysis.corpus.skipped)} inputs skipped · "
        f"fingerprint {analysis.corpus.fingerprint}"
    )
    return analysis, Filters(tuple(chosen))


def query_param(name: str, default: str) -> str:
    """A page filter kept in the URL, so a copied link reopens the same view."""
    value = st.query_params.get(name)
    return value if isinstance(value, str) and value else default


def set_query_param(name: str, value: str) -> None:
    if st.query_params.get(name) != value:
        st.query_params[name] = value


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "natojp"


def chart(fig: go.Figure, *, key: str | None = None, selectable: bool = False) -> Any:
    """Draw a figure with a modebar PNG export named after the figure (scale 2).

    With ``selectable`` a click reruns the page and the selection is returned.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    name = slug(str(meta.get("name") or key or "chart"))
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": f"natojp-{name}", "scale": 2},
    }
    if selectable:
        return st.plotly_chart(
            fig, width="stretch", theme=None, config=config, key=key, on_select="rerun"
        )
    # theme=None: the figure's own template, so the screen matches exported images.
    return st.plotly_chart(fig, width="stretch", theme=None, config=config, key=key)


def table(frame: pd.DataFrame, *, name: str, key: str | None = None) -> None:
    """Show a table with a CSV download of exactly what is shown."""
    st.dataframe(frame, hide_index=True, width="stretch", key=key)
    st.download_button(
        "Download CSV",
        frame.to_csv(index=False).encode("utf-8"),
        file_name=f"natojp-{slug(name)}.csv",
        mime="text/csv",
        key=f"csv-{key or slug(name)}",
    )


def skipped_frame(skipped: Sequence[Skipped]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"input": s.path, "line": s.line, "reason": s.reason} for s in skipped],
        columns=["input", "line", "reason"],
    )
