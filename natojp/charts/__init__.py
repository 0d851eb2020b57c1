"""Plotly figures of natojp results, one function per figure.

Every function takes data natojp already computed (a DataFrame, articles, events,
duplicate pairs) and only shapes it into a :class:`plotly.graph_objects.Figure`;
nothing analytical is computed here. The dashboard draws these figures and analysts
export them as PNG for briefings, so they follow one set of conventions:

* **Explicit template.** Every figure carries :data:`TEMPLATE` (``plotly_white`` with
  :data:`FONT_FAMILY`, a white paper and the fixed colour-blind-safe :data:`COLORWAY`).
  Importing Streamlit sets Plotly's default template to ``"streamlit"``, and exports
  made on a server then come out with a black background; no figure here relies on the
  default template.
* **Title and subtitle.** Every function takes ``title`` (``None`` gives a sensible
  default) and ``subtitle``, a line under the title for the current filters, e.g.
  ``"seeds · 5 of 5 articles · all sources"``. Some figures append what they leave out
  (``"2 undated articles not shown"``).
* **File name.** ``fig.layout.meta == {"name": <slug>}`` names PNG downloads
  (``"article-similarity"``, ``"area-heatmap"`` …).
* **Labels.** Long labels (article titles) are truncated to :data:`LABEL_WIDTH`
  characters on axes and in the chart; hover shows the full text. Labels that would
  read the same are numbered (``"… (2)"``) so that no two rows merge. Text from the
  corpus is HTML-escaped (Plotly reads ``<b>`` and ``&`` entities in labels). Axes of
  more than :data:`MAX_TICK_LABELS` categories hide their tick labels (hover still works).
* **Heatmaps** read like the table they come from: the first row at the top, cells in
  input order (or the given ``order``), ``z`` exactly the input values, and zero cells
  white.
* **Empty input** (no articles, events, pairs) gives :func:`empty_figure`: a centred
  message saying what is missing, no data traces and no empty axes.
* Figures hold plain lists, not NumPy arrays, so ``fig.to_json()`` is readable JSON.

One module per family of figures, all re-exported here: :mod:`~natojp.charts.similarity`
(the square heatmaps), :mod:`~natojp.charts.areas`, :mod:`~natojp.charts.timeline`,
:mod:`~natojp.charts.duplicates` (scores and the dependency graph),
:mod:`~natojp.charts.provenance` (one story's provenance graph),
:mod:`~natojp.charts.corroboration` (what rests on one independent report or several) and
:mod:`~natojp.charts.terms`; ``_style`` holds the template, colours and shared helpers.
"""

from __future__ import annotations

from natojp.charts._style import (
    COLORWAY,
    COUNT_SCALE,
    FONT_FAMILY,
    HEAT_SCALE,
    KIND_COLORS,
    LABEL_WIDTH,
    MAX_TICK_LABELS,
    PRECISION_COLORS,
    PRECISION_SYMBOLS,
    RELATION_COLORS,
    TEMPLATE,
    empty_figure,
)
from natojp.charts.areas import area_coverage_bar, area_heatmap
from natojp.charts.corroboration import corroboration_bars
from natojp.charts.duplicates import dependency_graph, duplicate_scores
from natojp.charts.provenance import provenance_graph
from natojp.charts.similarity import (
    area_cooccurrence_heatmap,
    similarity_heatmap,
    source_similarity_heatmap,
    topic_overlap_heatmap,
)
from natojp.charts.terms import distinctive_terms_bar
from natojp.charts.timeline import event_timeline, publication_timeline

__all__ = [
    "COLORWAY",
    "COUNT_SCALE",
    "FONT_FAMILY",
    "HEAT_SCALE",
    "KIND_COLORS",
    "LABEL_WIDTH",
    "MAX_TICK_LABELS",
    "PRECISION_COLORS",
    "PRECISION_SYMBOLS",
    "RELATION_COLORS",
    "TEMPLATE",
    "area_cooccurrence_heatmap",
    "area_coverage_bar",
    "area_heatmap",
    "corroboration_bars",
    "dependency_graph",
    "distinctive_terms_bar",
    "duplicate_scores",
    "empty_figure",
    "event_timeline",
    "provenance_graph",
    "publication_timeline",
    "similarity_heatmap",
    "source_similarity_heatmap",
    "topic_overlap_heatmap",
]
