"""What every view draws with: charts and tables with their downloads, pages of long
lists, and page filters kept in the URL.

Every chart gets a modebar PNG named after it and server-side briefing images; every
table a CSV of all its rows; so the views stay a few lines each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from natojp._wording import slug
from natojp.export import (
    BRIEFING_HEIGHT,
    BRIEFING_WIDTH,
    briefing_figure,
    chromium_available,
    export_image,
)
from natojp.models import Skipped


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    """:func:`natojp.report.to_csv_bytes`, imported when a CSV is asked for: the report
    module imports SciPy, which a page showing no similarity otherwise never needs."""
    from natojp.report import to_csv_bytes

    return to_csv_bytes(frame)


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


def query_values(name: str) -> list[str]:
    """A page filter of several values kept in the URL (the parameter repeated)."""
    return [v for v in st.query_params.get_all(name) if v]


def set_query_values(name: str, values: Sequence[str]) -> None:
    """Keep ``values`` in the URL as ``name`` repeated; none removes the parameter."""
    if st.query_params.get_all(name) == list(values):
        return
    if values:
        st.query_params[name] = list(values)
    else:
        del st.query_params[name]


CORPUS_TAG = "_corpus_tag"
"""Session key of the corpus's id (a frozen library version, else the corpus hash),
which the sidebar sets and every download's file name ends with."""


def file_stem(name: str) -> str:
    """A download's file name without its suffix: ``natojp-<name>-<corpus id>``, so that
    a file saved for a briefing names the corpus (the library version) it came from."""
    tag = st.session_state.get(CORPUS_TAG)
    return f"natojp-{name}-{tag}" if tag else f"natojp-{name}"


def chart(fig: go.Figure, *, key: str | None = None, selectable: bool = False) -> Any:
    """Draw a figure with a modebar PNG export named after the figure (scale 2), and
    server-side briefing images (PNG 1600×900 at scale 2, SVG) rendered on click.

    With ``selectable`` a click reruns the page and the selection is returned.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    name = slug(str(meta.get("name") or key or "chart"))
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem(name), "scale": 2},
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
                file_name=f"{file_stem(name)}.{fmt}",
                mime=mime,
                key=f"image-{fmt}-{key}",
                on_click="ignore",
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
CELL_MAX_CHARS = 300
"""Characters of a text a table cell shows in the browser (a passage, a quote); the CSV
has the whole text. A thousand rows of whole passages were 3 MB for the browser to
parse on every rerun."""


def with_labels(frame: pd.DataFrame, names: Mapping[str, str], *columns: str) -> pd.DataFrame:
    """``frame`` with a ``<column> label`` column after each of ``columns`` (article ids):
    the label to read next to the id to join on (``None`` for an id ``names`` lacks).
    Changes ``frame`` and returns it.

    Looked up id by id: ``Series.map`` of a dict first makes a Series of the whole dict,
    0.37 s for the 100,000 labels of a large library, for a table of a thousand rows."""
    for column in columns:
        where = list(frame.columns).index(column) + 1
        labels = [names.get(i) for i in frame[column]]
        frame.insert(where, f"{column} label", pd.Series(labels, index=frame.index, dtype=object))
    return frame


def shown_cells(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """``frame`` with every text longer than :data:`CELL_MAX_CHARS` cut there (ending in
    "…"), and whether any was."""
    cut = False
    out = frame
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object and not pd.api.types.is_string_dtype(values):
            continue
        long = values.map(lambda v: isinstance(v, str) and len(v) > CELL_MAX_CHARS)
        if not long.any():
            continue
        if not cut:
            out, cut = frame.copy(), True
        out.loc[long, column] = values[long].map(lambda v: v[: CELL_MAX_CHARS - 1] + "…")
    return out, cut


def table(
    frame: pd.DataFrame,
    *,
    name: str,
    key: str | None = None,
    everything: Callable[[], pd.DataFrame] | None = None,
    total: int | None = None,
) -> None:
    """Show a table with a CSV download of all its rows.

    Above :data:`TABLE_MAX_ROWS` rows the first ones are shown (sending 60,000 rows of
    passages to the browser takes longer than anyone waits), and texts are cut at
    :data:`CELL_MAX_CHARS` characters on screen (:func:`shown_cells`). The CSV is made when
    clicked, with spreadsheet formulas neutralised (:func:`natojp.report.to_csv_bytes`).

    A table too large to build on every rerun passes only the rows shown as ``frame``,
    ``everything`` to make the CSV's rows when it is asked for, and their ``total``.
    """
    rows = len(frame) if total is None else total
    shown, cut = shown_cells(frame.head(TABLE_MAX_ROWS))
    notes = []
    if rows > TABLE_MAX_ROWS:
        notes.append(f"Showing the first {TABLE_MAX_ROWS:,} of {rows:,} rows")
    if cut:
        notes.append(f"texts longer than {CELL_MAX_CHARS:,} characters are cut on screen")
    if notes:
        st.caption("; ".join(notes) + "; the CSV has all.")
    st.dataframe(shown, hide_index=True, width="stretch", key=key)
    st.download_button(
        "Download CSV",
        data=lambda: _csv_bytes(frame if everything is None else everything()),
        file_name=f"{file_stem(slug(name))}.csv",
        mime="text/csv",
        key=f"csv-{key or slug(name)}",
        on_click="ignore",
    )


def rows_table(
    rows: Sequence[_T], make: Callable[[Sequence[_T]], pd.DataFrame], *, name: str, key: str
) -> None:
    """A :func:`table` of ``rows``, each made a table row by ``make``: only the rows
    shown are made on a rerun, every one when the CSV is asked for."""
    table(
        make(rows[:TABLE_MAX_ROWS]),
        name=name,
        key=key,
        everything=lambda: make(rows),
        total=len(rows),
    )


def skipped_frame(skipped: Sequence[Skipped]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"input": s.path, "line": s.line, "reason": s.reason} for s in skipped],
        columns=["input", "line", "reason"],
    )
