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
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from natojp._memory import deep_size, release_memory
from natojp._text import escape_markdown
from natojp.analysis import Analysis, Progress, analyze, analyze_uploads
from natojp.errors import NatojpError
from natojp.export import (
    BRIEFING_HEIGHT,
    BRIEFING_WIDTH,
    briefing_caption,
    briefing_figure,
    chromium_available,
    export_image,
    source_line,
)
from natojp.ingest import SUPPORTED_SUFFIXES
from natojp.models import Article, Skipped
from natojp.report import to_csv_bytes, to_json
from natojp.similarity import sources_by_size

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


_V = TypeVar("_V")


def _env_number(name: str, default: float) -> float:
    """A positive number from the environment (``default`` when unset or invalid)."""
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 and value == value else default


class SharedCache(Generic[_V]):
    """Results shared by all sessions, bounded by their size in bytes and by idle time.

    ``get`` computes a missing value once: each key has its own lock, so two sessions
    asking for the same new corpus wait for one computation while different corpora
    are computed concurrently. After each insertion the least recently used entries
    are dropped until the total of ``size(value)`` is within ``max_bytes`` (the newest
    entry is always kept, even alone over the budget: the session that asked for it
    is using it); entries unused for ``max_idle`` seconds are dropped too, also when
    no session is connected (a sweeper thread checks every ``max_idle / 4`` seconds,
    at most once a minute). Freed memory is handed back to the operating system after
    each computation and each sweep.
    """

    def __init__(
        self,
        *,
        max_bytes: int,
        max_idle: float,
        size: Callable[[_V], int],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_idle = max_idle
        self._size = size
        self._clock = clock
        self._items: OrderedDict[str, tuple[_V, int, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}
        self._sweeper: threading.Thread | None = None

    @property
    def nbytes(self) -> int:
        """Total size of the cached values."""
        with self._lock:
            return sum(size for _, size, _ in self._items.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def get(self, key: str, compute: Callable[[], _V]) -> _V:
        """The value for ``key``, computed (once, whoever else asks) when missing."""
        with self._lock:
            hit = self._touch(key)
            if hit is not None:
                return hit
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                hit = self._touch(key)
                if hit is not None:
                    return hit
            value = compute()
            size = self._size(value)
            with self._lock:
                self._items[key] = (value, size, self._clock())
                self._key_locks.pop(key, None)
                dropped = self._evict(keep=key)
            release_memory(collect=dropped > 0)  # the computation's scratch memory too
            self._start_sweeper()
            return value

    def sweep(self) -> int:
        """Drop the entries idle for longer than ``max_idle``; return how many."""
        with self._lock:
            dropped = self._evict(keep=None)
        if dropped:
            release_memory()
        return dropped

    def _touch(self, key: str) -> _V | None:
        """The value for ``key``, marked as just used (``self._lock`` held)."""
        item = self._items.get(key)
        if item is None:
            return None
        value, size, _ = item
        self._items[key] = (value, size, self._clock())
        self._items.move_to_end(key)
        return value

    def _evict(self, *, keep: str | None) -> int:
        """Drop idle entries, then the least recently used over the budget."""
        now = self._clock()
        idle = [k for k, (_, _, used) in self._items.items() if now - used > self.max_idle]
        for k in idle:
            if k != keep:
                del self._items[k]
        total = sum(size for _, size, _ in self._items.values())
        dropped = len(idle) - (keep in idle)
        for k in list(self._items):
            if total <= self.max_bytes:
                break
            if k != keep:
                total -= self._items.pop(k)[1]
                dropped += 1
        return dropped

    def _start_sweeper(self) -> None:
        with self._lock:
            if self._sweeper is not None:
                return
            self._sweeper = threading.Thread(
                target=self._sweep_forever, name="natojp-cache-sweeper", daemon=True
            )
        self._sweeper.start()

    def _sweep_forever(self) -> None:
        period = min(max(self.max_idle / 4, 1.0), 60.0)
        while True:
            time.sleep(period)
            if not self.sweep():  # pages drawn since the last computation freed memory too
                release_memory(collect=False)


CACHE_MB_ENV = "NATOJP_CACHE_MB"
CACHE_IDLE_ENV = "NATOJP_CACHE_IDLE_MINUTES"
CACHE_MB = 256
"""Default budget of the analyses kept for all sessions (``NATOJP_CACHE_MB``)."""
CACHE_IDLE_MINUTES = 60
"""Default time an unused analysis is kept (``NATOJP_CACHE_IDLE_MINUTES``)."""


@st.cache_resource(show_spinner=False)
def _store() -> SharedCache[Analysis]:
    return SharedCache(
        max_bytes=int(_env_number(CACHE_MB_ENV, CACHE_MB) * 2**20),
        max_idle=_env_number(CACHE_IDLE_ENV, CACHE_IDLE_MINUTES) * 60,
        size=deep_size,
    )


def _hash_files(files: Sequence[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in sorted(files):
        h.update(name.encode("utf-8", "replace") + b"\x00")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _folder_key(path: Path) -> str:
    """A key that changes when the file ``path`` or any file under the folder ``path``
    changes: names, sizes and modification times, from ``stat`` alone (no file is
    read). Hidden entries are ignored and symbolic links to folders are not followed,
    as ingestion does."""
    h = hashlib.sha256()
    pending = []
    try:
        if path.is_dir():
            pending.append(path)
        else:
            stat = path.stat()
            h.update(f"{path}\x00{stat.st_size}\x00{stat.st_mtime_ns}".encode(errors="replace"))
    except OSError:
        h.update(f"unreadable:{path}".encode(errors="replace"))
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            h.update(f"unlistable:{folder}\x00".encode("utf-8", "replace"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                    continue
                stat = entry.stat()
                line = f"{entry.path}\x00{stat.st_size}\x00{stat.st_mtime_ns}\x00"
            except OSError:
                line = f"{entry.path}\x00unreadable\x00"
            h.update(line.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


@dataclass(frozen=True)
class _Source:
    """The corpus a session looks at: its cache key and how to analyse it.

    Sessions keep this, not the analysis: downloads made later call :meth:`load`, so a
    session that has gone quiet does not pin an analysis in memory after the shared
    cache dropped it (Streamlit drops disconnected sessions only once another session
    comes along).
    """

    key: str
    compute: Callable[[Progress], Analysis]

    def load(self, progress: Progress | None = None) -> Analysis:
        return _store().get(self.key, lambda: self.compute(progress or _no_progress))


def _no_progress(label: str, fraction: float) -> None:
    pass


def _run(source: _Source) -> Analysis | None:
    """Analyse with a progress bar; show a clear message instead of an exception."""
    bar = st.empty()

    def progress(label: str, fraction: float) -> None:
        if fraction < 1.0:
            bar.progress(fraction, text=f"Analysing: {label}…")

    try:
        analysis = source.load(progress)
    except NatojpError as exc:
        st.error(f"Nothing to analyse: {escape_markdown(exc.message)}")
        return None
    finally:
        bar.empty()
    st.session_state["_source"] = source
    return analysis


FOLDERS_ENV = "NATOJP_ALLOW_FOLDERS"


def folders_allowed() -> bool:
    """Whether the "Folder on this computer" option is offered.

    Only when whoever started the server set ``NATOJP_ALLOW_FOLDERS=1``: the option
    reads any folder the server can, so it is never inferred from the request (a
    ``Host: localhost`` header is the client's to choose, and proxies rewrite it).
    """
    return os.environ.get(FOLDERS_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


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


def _default_corpus() -> tuple[Path, str]:
    """The corpus shown first: the bundled seeds, or ``NATOJP_CORPUS`` set by whoever
    started the server (a folder or a file such as a .zip, .csv or .jsonl export)."""
    raw = os.environ.get("NATOJP_CORPUS")
    if raw:
        path = Path(raw).expanduser()
        if path.exists():
            return path, path.stem if path.is_file() else path.name
    return SEEDS, "seeds"


def _choose_corpus() -> Analysis | None:
    options = list(_SOURCES if folders_allowed() else _SOURCES[:2])
    default, name = _default_corpus()
    if default != SEEDS:
        options[0] = f"Corpus: {name}"
    elif os.environ.get("NATOJP_CORPUS"):
        st.sidebar.warning("NATOJP_CORPUS names no file or folder; showing the bundled seeds.")
    choice = st.sidebar.radio("Corpus", options, **_kept("corpus_source"))
    if choice == "Upload files":
        files = _uploaded_files()
        if not files:
            st.info("Upload one or more files in the sidebar to analyse them.")
            return None
        return _run(
            _Source(
                "upload:" + _hash_files(files),
                lambda p: analyze_uploads(files, name=f"{len(files)} uploaded file(s)", progress=p),
            )
        )
    if choice == _SOURCES[2] and folders_allowed():
        raw = st.sidebar.text_input("Folder path", **_kept("corpus_folder"))
        folder = Path(raw).expanduser() if raw else None
        if folder is None or not folder.is_dir():
            st.info("Type the path of a folder of articles in the sidebar.")
            return None
        return _run(
            _Source(
                "folder:" + _folder_key(folder.resolve()),
                lambda p: analyze([folder], name=folder.name, progress=p),
            )
        )
    corpus, name = _default_corpus()
    return _run(
        _Source(
            f"default:{name}:" + _folder_key(corpus),
            lambda p: analyze([corpus], name=name, progress=p),
        )
    )


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
    ranked = sources_by_size([a.source for a in analysis.articles])
    sources = sorted(source for source, _ in ranked[:CHOICES_MAX])
    options = set(sources)
    for key in ("filter_sources", "_kept_filter_sources"):  # kept choices must be options
        if key in st.session_state:
            st.session_state[key] = [s for s in st.session_state[key] if s in options]
    chosen = st.sidebar.multiselect(
        "Sources", sources, **_kept("filter_sources"), placeholder="All"
    )
    if len(ranked) > len(sources):
        st.sidebar.caption(
            f"The filter lists the {len(sources):,} sources with most articles, of {len(ranked):,}."
        )
    st.sidebar.caption(
        f"{len(analysis.articles)} articles · {len(analysis.corpus.skipped)} inputs skipped · "
        f"fingerprint {analysis.corpus.fingerprint}"
    )
    _briefing_pack(analysis, st.session_state["_source"])
    return analysis, Filters(tuple(chosen))


def query_param(name: str, default: str) -> str:
    """A page filter kept in the URL, so a copied link reopens the same view."""
    value = st.query_params.get(name)
    return value if isinstance(value, str) and value else default


def query_number(name: str, default: float, low: float, high: float) -> float:
    """A numeric page filter from the URL; a value that is not a number in range is
    replaced by the nearest valid one (a hand-edited link never breaks the page)."""
    try:
        value = float(query_param(name, str(default)))
    except ValueError:
        return default
    return min(max(value, low), high) if value == value else default  # NaN -> default


def set_query_param(name: str, value: str) -> None:
    if st.query_params.get(name) != value:
        st.query_params[name] = value


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "natojp"


def chart(fig: go.Figure, *, key: str | None = None, selectable: bool = False) -> Any:
    """Draw a figure with a modebar PNG export named after the figure (scale 2), and
    server-side briefing images (PNG 1600×900 at scale 2, SVG) rendered on click.

    With ``selectable`` a click reruns the page and the selection is returned.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    name = slug(str(meta.get("name") or key or "chart"))
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": f"natojp-{name}", "scale": 2},
    }
    # theme=None: the figure's own template, so the screen matches exported images.
    event: Any
    if selectable:
        event = st.plotly_chart(
            fig, width="stretch", theme=None, config=config, key=key, on_select="rerun"
        )
    else:
        event = st.plotly_chart(fig, width="stretch", theme=None, config=config, key=key)
    _image_downloads(fig, name, key or name)
    return event


_NO_CHROMIUM = (
    "Server-side images are unavailable here: no Chromium was found (on Streamlit "
    "Community Cloud, `packages.txt` installs it). The camera button above the chart "
    "still downloads a PNG from your browser."
)


def _image_downloads(fig: go.Figure, name: str, key: str) -> None:
    """A popover with the figure as briefing PNG and SVG, each rendered when clicked."""
    context: tuple[str, str] | None = st.session_state.get("_briefing_lines")
    caption, source = context or ("", "natojp")
    with st.popover("Download for briefings", icon=":material/download:"):
        if not chromium_available():
            st.info(_NO_CHROMIUM)
            return
        st.caption(
            "Rendered on the server with the chart's title, the corpus, article count and "
            "date of analysis, and a source line."
        )
        for fmt, label, mime in (
            ("png", f"PNG {BRIEFING_WIDTH}×{BRIEFING_HEIGHT} (scale 2)", "image/png"),
            ("svg", "SVG (vector)", "image/svg+xml"),
        ):
            st.download_button(
                label,
                data=lambda fmt=fmt: export_image(  # type: ignore[misc]
                    briefing_figure(fig, caption=caption, source=source), fmt
                ),
                file_name=f"natojp-{name}.{fmt}",
                mime=mime,
                key=f"image-{fmt}-{key}",
                on_click="ignore",
            )


@st.cache_resource(show_spinner=False)
def _packs() -> SharedCache[bytes]:
    """Briefing packs already made, per corpus and format (PDF/PPTX files of a few MB)."""
    return SharedCache(max_bytes=64 * 2**20, max_idle=30 * 60, size=len)


def _make_pack(analysis: Analysis, fmt: str) -> bytes:
    from natojp.brief import build_brief, render_charts, write_pdf, write_pptx

    brief = build_brief(analysis)
    images = render_charts(brief)
    return write_pdf(brief, images=images) if fmt == "pdf" else write_pptx(brief, images=images)


def _briefing_pack(analysis: Analysis, source: _Source) -> None:
    """Sidebar downloads of the briefing pack, made when clicked and kept per corpus."""
    from natojp.report import natojp_version

    corpus = analysis.corpus
    st.session_state["_briefing_lines"] = (
        briefing_caption(corpus.name, len(corpus.articles), analysis.analyzed_at),
        source_line(natojp_version(), corpus.fingerprint),
    )
    st.sidebar.markdown("**Briefing pack**")
    if not chromium_available():
        st.sidebar.info(
            "The briefing pack needs server-side chart images, and no Chromium was found. "
            "Each chart's camera button still downloads a PNG."
        )
        return
    st.sidebar.caption(
        "Title, key findings, one slide per key chart with its finding, independent "
        "reports, sources and method. Made when you click (a few seconds); all articles."
    )
    store = _packs()
    stem = f"natojp-brief-{slug(corpus.name)}-{corpus.fingerprint}"
    for fmt, label, mime in (
        ("pdf", "Briefing pack (PDF)", "application/pdf"),
        (
            "pptx",
            "Briefing pack (PowerPoint)",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ):
        key = f"{corpus.fingerprint}:{corpus.name}:{analysis.analyzed_at}:{fmt}"
        st.sidebar.download_button(
            label,
            data=lambda key=key, fmt=fmt: store.get(key, lambda: _make_pack(source.load(), fmt)),  # type: ignore[misc]
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"brief-{fmt}",
            on_click="ignore",
            icon=":material/slideshow:",
        )


MATRIX_MAX = 150
"""Article × article and article × area charts are drawn up to this many rows; larger
corpora get aggregates, the strongest rows or nearest neighbours instead."""

CHOICES_MAX = 500
"""Options a select box lists at most (each one is sent to the browser)."""

_T = TypeVar("_T")


def paged(items: Sequence[_T], *, key: str, noun: str, per_page: int = 50) -> Sequence[_T]:
    """The page of ``items`` chosen with a page number (all of them when they fit)."""
    if len(items) <= per_page:
        return items
    pages = -(-len(items) // per_page)
    page = int(st.number_input(f"Page (of {pages})", 1, pages, 1, key=key))
    start = (page - 1) * per_page
    end = min(start + per_page, len(items))
    st.caption(f"Showing {noun} {start + 1}–{end} of {len(items):,}.")
    return items[start:end]


TABLE_MAX_ROWS = 1_000
"""Rows a table shows in the browser; its CSV download always has every row."""


def table(frame: pd.DataFrame, *, name: str, key: str | None = None) -> None:
    """Show a table with a CSV download of all its rows.

    Above :data:`TABLE_MAX_ROWS` rows the first ones are shown (sending 60,000 rows of
    passages to the browser takes longer than anyone waits). The CSV is made when
    clicked, with spreadsheet formulas neutralised (:func:`natojp.report.to_csv_bytes`).
    """
    if len(frame) > TABLE_MAX_ROWS:
        st.caption(f"Showing the first {TABLE_MAX_ROWS:,} of {len(frame):,} rows; the CSV has all.")
    st.dataframe(frame.head(TABLE_MAX_ROWS), hide_index=True, width="stretch", key=key)
    st.download_button(
        "Download CSV",
        data=lambda: to_csv_bytes(frame),
        file_name=f"natojp-{slug(name)}.csv",
        mime="text/csv",
        key=f"csv-{key or slug(name)}",
        on_click="ignore",
    )


def report_download(analysis: Analysis) -> None:
    """The whole report (``natojp.report/1`` JSON), made when clicked."""
    source: _Source = st.session_state["_source"]
    st.download_button(
        "Download the full report (JSON)",
        data=lambda: to_json(source.load()).encode("utf-8"),
        file_name=f"natojp-report-{analysis.corpus.fingerprint}.json",
        mime="application/json",
        on_click="ignore",
    )


def skipped_frame(skipped: Sequence[Skipped]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"input": s.path, "line": s.line, "reason": s.reason} for s in skipped],
        columns=["input", "line", "reason"],
    )
