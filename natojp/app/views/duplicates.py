"""Duplicate content: passages shared across or within articles, and independent reports."""

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.cache import views
from natojp.app.sidebar import filter_summary, sidebar
from natojp.duplicates import (
    SIDE_MARKDOWN,
    Dependency,
    DuplicatePair,
    side_by_side,
    side_markdown,
)
from natojp.selection import kept_reports

DEPENDENCY_COLUMNS = [
    "derivative",
    "derivative label",
    "source",
    "source label",
    "relation",
    "direction",
    "why",
]

st.title("Duplicate content")
st.caption(
    "Sentences sharing word 4-grams are compared word by word: the score is the share of "
    "the shorter passage worded the same (punctuation and hyphens ignored). Articles that "
    "copy one another (the same article twice), are versions of one article (abridged, "
    "extended or updated) or rewrite one another are grouped into one independent report."
)
analysis, filters = sidebar()
if analysis is not None:
    keep = {a.id for a in filters.articles(analysis)}
    duplicates = analysis.duplicates
    labels = analysis.article_labels()  # the whole corpus: stable under filters
    least = analysis.config.duplicates.min_score  # nothing below it was kept
    threshold = st.slider(
        "Minimum score", 0.0, 1.0, widgets.query_number("min", least, 0.0, 1.0), 0.05
    )
    widgets.set_query_param("min", f"{threshold:.2f}")
    kinds = ["verbatim", "near-verbatim", "paraphrase"]
    chosen = st.multiselect("Kinds", kinds, default=kinds)
    pairs = [
        p
        for p in duplicates.pairs
        if p.score >= threshold and p.kind in chosen and p.a in keep and p.b in keep
    ]
    subtitle = f"{filter_summary(analysis, filters)} · score ≥ {threshold:.2f}"
    memo = views()
    widgets.chart(
        memo.get(
            analysis,
            "duplicate-scores",
            (filters, threshold, tuple(chosen), subtitle),
            lambda: charts.duplicate_scores(
                pairs, threshold=threshold, labels=labels, subtitle=subtitle
            ),
        ),
        key="scores",
    )

    def pairs_frame(some: Sequence[DuplicatePair]) -> pd.DataFrame:
        return widgets.with_labels(duplicates.to_frame(some), labels, "a", "b")

    widgets.rows_table(pairs, pairs_frame, name="duplicate-passages", key="pairs")

    if pairs:
        st.subheader("Side by side")
        listed = pairs[: widgets.CHOICES_MAX]
        if len(pairs) > len(listed):
            st.caption(f"The {len(listed):,} highest-scoring of {len(pairs):,} pairs are listed.")
        choices = [
            f"{i + 1}. {labels[p.a]} ↔ {labels[p.b]} · {p.kind}{' · quote' if p.quote else ''}"
            f"{' · formulaic' if p.formulaic else ''} · {p.score:.2f}"
            for i, p in enumerate(listed)
        ]
        pick = st.selectbox("Passage pair", range(len(listed)), format_func=choices.__getitem__)
        pair = pairs[pick]
        legend = " · ".join(
            SIDE_MARKDOWN[status].format(label)
            for status, label in (
                ("shared", "same wording"),
                ("changed", "changed"),
                ("inserted", "added"),
                ("deleted", "left out"),
            )
        )
        note = (
            " Most of the shared wording is formulaic (names and titles, numbers, stock "
            "phrases, wording common across unrelated articles): it is not counted as "
            "evidence of copying."
            if pair.formulaic
            else ""
        )
        st.caption(f"{legend} (case, punctuation and hyphens ignored).{note}")
        language = next((a.language for a in analysis.articles if a.id == pair.a), None)
        sides = side_by_side(pair.a_text, pair.b_text, language)
        for column, article_id, pieces, line in zip(
            st.columns(2), (pair.a, pair.b), sides, (pair.a_line, pair.b_line), strict=True
        ):
            column.markdown(
                f"**{escape_markdown(labels[article_id])}** · {escape_markdown(article_id)} · "
                f"line {line}\n\n{side_markdown(pieces)}"
            )
    else:
        st.info("No duplicated passages at this threshold.")

    st.subheader("Independent reports")
    summary = filter_summary(analysis, filters)
    articles = filters.articles(analysis)
    reports = memo.get(
        analysis,
        "kept-reports",
        filters,
        lambda: kept_reports(duplicates.independent_reports, keep),
    )
    dependencies = [d for d in duplicates.dependencies if d.derivative in keep and d.source in keep]
    st.markdown(
        f"**{len(articles)} articles → {len(reports)} independent reports.** "
        "Each group is one report; its first article is the earliest source found (the "
        "*direction* column of the table below says on what evidence, and when it is not "
        "certain)."
    )
    widgets.chart(
        memo.get(
            analysis,
            "dependency-graph",
            filters,
            lambda: charts.dependency_graph(
                [a.id for a in articles], dependencies, reports, labels=labels, subtitle=summary
            ),
        ),
        key="dependencies",
    )

    def dependencies_frame(some: Sequence[Dependency]) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "derivative": d.derivative,
                    "derivative label": labels[d.derivative],
                    "source": d.source,
                    "source label": labels[d.source],
                    "relation": d.relation,
                    "direction": d.direction_basis + ("" if d.certain else " (not certain)"),
                    "why": d.basis,
                }
                for d in some
            ],
            columns=DEPENDENCY_COLUMNS,
        )

    if dependencies:
        widgets.rows_table(dependencies, dependencies_frame, name="dependencies", key="deps")
