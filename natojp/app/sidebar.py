"""The sidebar every view shares: which corpus, its analysis, the source filter, and
downloads of the whole corpus (report, briefing pack).

:func:`sidebar` is the first call of every view. The corpus is a version of a corpus
library (:mod:`natojp.app.library`; a first run makes one of the bundled seeds), or
``NATOJP_CORPUS`` when the operator set it, uploaded files (this session's only), or a
folder when the operator set ``NATOJP_ALLOW_FOLDERS=1``; its analysis comes from the
cache shared by all sessions.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from natojp._text import escape_markdown
from natojp._wording import slug
from natojp.analysis import Analysis, Progress, analyze, analyze_uploads
from natojp.app import library, widgets
from natojp.app.cache import analyses, files_key, folder_key, packs, views
from natojp.app.launch import CORPUS_ENV, FOLDERS_ENV
from natojp.app.widgets import CHOICES_MAX, set_query_values
from natojp.data import SEEDS
from natojp.errors import NatojpError
from natojp.export import BriefOptions, briefing_caption, chromium_available, source_line
from natojp.ingest import SUPPORTED_SUFFIXES
from natojp.selection import (
    FILTER_QUERY,
    Filters,
    rank_sources,
)
from natojp.taxonomy import Taxonomy, TechAreaResult, tag_articles

UPLOAD_TYPES = sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES)
_SOURCES = ("Corpus library", "Upload files", "Folder on this computer")
_SEEDS_FILES = "Bundled seeds"  # when no library can be made (e.g. a read-only disk)


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
        return analyses().get(self.key, lambda: self.compute(progress or _no_progress))


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


_reading: list[threading.Thread] = []  # the read_ahead() thread, while it runs
_reading_lock = threading.Lock()
READ_AHEAD_DELAY_S = 5.0
"""How long after a page's run its articles are read ahead: meanwhile the browser draws
the page, often on the same CPUs (reading 100,000 articles at once slowed a first visit
by a second on 2 CPUs, where the browser took a few seconds to draw it)."""


_AHEAD = ("duplicates", "tech", "similarity", "sources", "topics", "relevance")
"""The parts of a kept analysis the pages show (not its vectors: only a comparison of
filtered sources reads them), read ahead after its articles, as are its stories and
claims."""


def read_ahead() -> None:
    """Once a page is drawn: when the analysis it showed is a kept one whose articles
    are not read yet (it opens with their heads only: :meth:`Analysis.heads`), read
    them in a thread, :data:`READ_AHEAD_DELAY_S` later, while the visitor reads the
    page, then the parts the other pages show (:data:`_AHEAD`, its stories and claims),
    so that the next page does not wait for them: at 100,000 articles, a second or two
    each. One such thread at a time, for every session."""
    source: _Source | None = st.session_state.get("_source")
    kept = analyses()
    shown = kept.peek(source.key) if source is not None else None
    if source is None or shown is None or shown.corpus.loaded:
        return
    key = source.key
    with _reading_lock:
        if any(t.is_alive() for t in _reading):
            return

        def read() -> None:
            analysis = kept.peek(key)  # not held meanwhile: it may have been dropped
            if analysis is None:
                return
            try:
                analysis.corpus.articles  # noqa: B018 (read for its effect)
                for name in _AHEAD:
                    getattr(analysis, name)
                analysis.provenance()
                analysis.corroboration()
            except Exception:  # the page that needs them shows why
                return

        thread = threading.Timer(READ_AHEAD_DELAY_S, read)
        thread.name, thread.daemon = "natojp-read-ahead", True
        _reading[:] = [thread]
        thread.start()


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
    raw = os.environ.get(CORPUS_ENV)
    if raw:
        path = Path(raw).expanduser()
        if path.exists():
            return path, path.stem if path.is_file() else path.name
    return SEEDS, "seeds"


def _libraries() -> tuple[Path, ...]:
    """The corpus libraries offered; none (with a warning) when none can be made."""
    try:
        return library.libraries()
    except NatojpError as exc:
        st.sidebar.warning(
            f"No corpus library: {escape_markdown(exc.message)}. Showing the bundled seeds."
        )
        return ()


def _choose_corpus() -> Analysis | None:
    options = list(_SOURCES if folders_allowed() else _SOURCES[:2])
    default, name = _default_corpus()
    libraries: tuple[Path, ...] = ()
    if default != SEEDS:
        options[0] = f"Corpus: {name}"
    else:
        if os.environ.get(CORPUS_ENV):
            st.sidebar.warning("NATOJP_CORPUS names no file or folder; showing the corpus library.")
        libraries = _libraries()
        if not libraries:
            options[0] = _SEEDS_FILES
    choice = st.sidebar.radio("Corpus", options, **_kept("corpus_source"))
    if choice == "Upload files":
        files = _uploaded_files()
        if not files:
            st.info("Upload one or more files in the sidebar to analyse them.")
            return None
        if libraries:
            library.add_uploads(library.choose_library(libraries, _kept("library_name")), files)
        if not library.adds_allowed():
            st.sidebar.caption(
                "Uploads are analysed for this session only: no other visitor sees them."
            )
        return _run(
            _Source(
                "upload:" + files_key(files),
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
                "folder:" + folder_key(folder.resolve()),
                lambda p: analyze([folder], name=folder.name, progress=p),
            )
        )
    if choice == _SOURCES[0] and libraries:
        return _library_corpus(libraries)
    corpus, name = _default_corpus()
    return _run(
        _Source(
            f"default:{name}:" + folder_key(corpus),
            lambda p: analyze([corpus], name=name, progress=p),
        )
    )


def _library_corpus(libraries: tuple[Path, ...]) -> Analysis | None:
    """The chosen version of the chosen library, analysed once for all sessions (the
    current articles again whenever they change)."""
    from natojp.library import AnalysisCache, Library, analyze_library

    path = library.choose_library(libraries, _kept("library_name"))
    try:
        state = library.library_state(path)
    except NatojpError as exc:
        st.error(f"Cannot open the library: {escape_markdown(exc.message)}")
        return None
    version = library.choose_version(path, state, _kept("library_version"))
    which = version or f"current:{state.fingerprint}"
    return _run(
        _Source(
            f"library:{path.resolve()}:{which}",
            lambda p: analyze_library(
                Library.open(path),
                version,
                progress=p,
                cache=AnalysisCache.default(),
                fingerprint=state.fingerprint,  # read just now: not again
            ),
        )
    )


def sidebar() -> tuple[Analysis | None, Filters]:
    """The cross-page sidebar: corpus choice and the filters by source, outlet country,
    outlet type and publication date.

    The filters are kept in the URL (``?source=…&from=…``): a link opens the same
    filtered view, and they are written back on every page, since Streamlit drops the
    query string when another page is chosen.
    """
    analysis = _choose_corpus()
    if analysis is None:
        return None, Filters()
    _filters_from_url()
    st.sidebar.markdown("**Filters**")
    heads = analysis.heads()  # the articles without their text: read them when needed
    # most articles first; made once per analysis (a tenth of a second at 100,000)
    ranked = views().get(analysis, "source-ranking", None, lambda: rank_sources(heads))
    names = source_names(analysis)
    sources = sorted(ranked.top(CHOICES_MAX), key=lambda s: (names.get(s) or s).casefold())
    chosen = _multiselect("Sources", "filter_sources", sources, names)
    if len(ranked) > len(sources):
        st.sidebar.caption(
            f"The filter lists the {len(sources):,} sources with most articles, of {len(ranked):,}."
        )
    summary = analysis.attribution()
    countries = [c for c, _ in summary.countries]
    types = [t for t, _ in summary.outlet_types]
    chosen_countries = _multiselect("Outlet country", "filter_countries", sorted(countries))
    chosen_types = _multiselect("Outlet type", "filter_types", sorted(types))
    start, end, undated = _date_filter(analysis)
    filters = Filters(
        tuple(chosen), tuple(chosen_countries), tuple(chosen_types), start, end, undated
    )
    query = filters.to_query()
    for name in FILTER_QUERY:
        set_query_values(name, query.get(name, []))
    shown_text = filter_summary(analysis, filters, shown=True)
    st.sidebar.caption(f"{shown_text[:1].upper()}{shown_text[1:]}.")
    st.sidebar.caption(
        f"{len(analysis.corpus)} articles · {len(analysis.corpus.skipped)} inputs skipped · "
        f"{analysis.corpus.citation}"
    )
    _briefing_pack(analysis, st.session_state["_source"])
    return analysis, filters


def _filters_from_url() -> None:
    """Seed the filters from the URL, once per session (the link that opened it); later
    the widgets' kept values win, as the URL is empty after a page switch."""
    if st.session_state.get("_filters_from_url"):
        return
    st.session_state["_filters_from_url"] = True
    url = Filters.from_query({name: widgets.query_values(name) for name in FILTER_QUERY})
    values: dict[str, Any] = {
        "filter_sources": list(url.outlets),
        "filter_countries": list(url.countries),
        "filter_types": list(url.types),
        "filter_from": url.published_from,
        "filter_to": url.published_to,
        "filter_undated": url.undated,
    }
    for key, value in values.items():
        st.session_state[key] = st.session_state[f"_kept_{key}"] = value


def _date_filter(analysis: Analysis) -> tuple[date | None, date | None, bool]:
    """Publication date range and whether undated articles are kept (the default).

    Shown only when some article is dated; the pickers span the corpus' dates and any
    date kept from another corpus or a link (never moved: a shared link stays as is).
    """
    heads = analysis.heads()
    bounds = analysis.date_bounds()
    if bounds is None:
        return None, None, True
    low, high = bounds
    for key in ("filter_from", "filter_to"):
        for name in (key, f"_kept_{key}"):
            value = st.session_state.get(name)
            if isinstance(value, date):  # a date outside the corpus' span widens the pickers
                low, high = min(low, value), max(high, value)
            elif name in st.session_state:
                st.session_state[name] = None
    start: date | None = st.sidebar.date_input(
        "Published from",
        value=None,
        min_value=low,
        max_value=high,
        format="YYYY-MM-DD",
        **_kept("filter_from"),
    )
    end: date | None = st.sidebar.date_input(
        "Published to",
        value=None,
        min_value=low,
        max_value=high,
        format="YYYY-MM-DD",
        **_kept("filter_to"),
    )
    if start and end and start > end:
        st.sidebar.warning("“Published from” is after “Published to”: the range is swapped.")
        start, end = end, start
    missing = sum(a.published is None for a in heads)
    undated = True
    if missing:
        undated = st.sidebar.checkbox(
            "Include undated articles",
            help=f"{missing} article(s) have no publication date.",
            **_kept("filter_undated"),
        )
    return start, end, undated


def _multiselect(
    label: str, key: str, options: list[str], names: dict[str, str] | None = None
) -> list[str]:
    """A sidebar filter kept across pages (empty: all); nothing shown without options.
    ``names``: how an option reads (the option itself stays the value kept in the URL)."""
    allowed = set(options)
    for name in (key, f"_kept_{key}"):  # kept choices must still be options
        if name in st.session_state:
            st.session_state[name] = [o for o in st.session_state[name] if o in allowed]
    if not options:
        return []
    shown = names or {}
    chosen: list[str] = st.sidebar.multiselect(
        label,
        options,
        **_kept(key),
        placeholder="All",
        format_func=lambda o: shown.get(o, o),
    )
    return chosen


def source_names(analysis: Analysis) -> dict[str, str]:
    """How each source of the corpus reads (:func:`natojp.labels.source_labels`: an
    article without an outlet as ``(unattributed) <short title>``), by source key;
    made once per analysis, on the whole corpus so that a name does not change with
    the filters."""
    return analysis.source_labels()


def filter_summary(analysis: Analysis, filters: Filters, *, shown: bool = False) -> str:
    """The articles the filters keep, in words (:meth:`natojp.selection.Filters.describe`)."""
    return filters.describe(analysis, shown=shown)


def retagged(analysis: Analysis, taxonomy: Taxonomy) -> TechAreaResult:
    """The articles' areas under another taxonomy (the user's own), computed once per
    analysis and taxonomy in this session rather than on every rerun."""
    key = (analysis.corpus.fingerprint, analysis.analyzed_at, taxonomy.to_toml())
    memo: tuple[tuple[str, str, str], TechAreaResult] | None = st.session_state.get("_retagged")
    if memo is None or memo[0] != key:
        memo = (key, tag_articles(analysis.articles, taxonomy))
        st.session_state["_retagged"] = memo
    return memo[1]


def report_download(analysis: Analysis) -> None:
    """The whole report (``natojp.report/1`` JSON), made when clicked."""
    source: _Source = st.session_state["_source"]
    st.download_button(
        "Download the full report (JSON)",
        data=lambda: _report_bytes(source),
        file_name=f"natojp-report-{analysis.corpus.fingerprint}.json",
        mime="application/json",
        on_click="ignore",
    )


def _report_bytes(source: _Source) -> bytes:
    """The report of ``source``'s analysis as JSON; the report module (it imports SciPy)
    is imported when a report is asked for, not on every page's first run."""
    from natojp.report import to_json_bytes

    return to_json_bytes(source.load())


def _make_pack(analysis: Analysis, fmt: str, options: BriefOptions) -> bytes:
    from natojp.export import build_brief, render_charts, write_pdf, write_pptx

    brief = build_brief(analysis, options)
    images = render_charts(brief)
    return write_pdf(brief, images=images) if fmt == "pdf" else write_pptx(brief, images=images)


def _pack_options(analysis: Analysis) -> BriefOptions:
    """The pack's title and subtitle, set in the sidebar (kept across pages); empty
    fields take the defaults, shown as placeholders."""
    from natojp.export.brief import default_subtitle, default_title

    title = default_title(analysis)
    with st.sidebar.expander("Title and subtitle of the pack"):
        chosen: str = st.text_input(
            "Title", placeholder=title, max_chars=200, **_kept("brief_title")
        ).strip()
        subtitle: str = st.text_input(
            "Subtitle",
            placeholder=(
                default_subtitle(analysis, chosen)
                if chosen  # the default's is made once per analysis
                else analysis.derived("subtitle", partial(default_subtitle, analysis, title))
            )
            or "(none)",
            max_chars=300,
            **_kept("brief_subtitle"),
        ).strip()
    return BriefOptions(title=chosen or None, subtitle=subtitle or None)


def _briefing_pack(analysis: Analysis, source: _Source) -> None:
    """Sidebar downloads of the briefing pack, made when clicked and kept per corpus."""
    from natojp.report import natojp_version

    corpus = analysis.corpus
    st.session_state[widgets.CORPUS_TAG] = corpus.version or corpus.fingerprint
    st.session_state["_briefing_lines"] = (
        briefing_caption(corpus.name, len(corpus), analysis.analyzed_at),
        source_line(natojp_version(), corpus.citation),
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
    options = _pack_options(analysis)
    store = packs()
    stem = f"natojp-brief-{slug(corpus.name)}-{corpus.fingerprint}"
    for fmt, label, mime in (
        ("pdf", "Briefing pack (PDF)", "application/pdf"),
        (
            "pptx",
            "Briefing pack (PowerPoint)",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ):
        key = (
            f"{corpus.fingerprint}:{corpus.name}:{analysis.analyzed_at}:{fmt}:"
            f"{options.title!r}:{options.subtitle!r}"
        )
        st.sidebar.download_button(
            label,
            data=lambda key=key, fmt=fmt: store.get(  # type: ignore[misc]
                key, lambda: _make_pack(source.load(), fmt, options)
            ),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"brief-{fmt}",
            on_click="ignore",
            icon=":material/slideshow:",
        )
