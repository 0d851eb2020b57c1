"""Technology areas: which areas each article or source covers, with the evidence."""

from itertools import groupby

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.cache import views
from natojp.app.sidebar import filter_summary, retagged, sidebar, source_names
from natojp.charts.areas import selected_cell
from natojp.errors import TaxonomyError
from natojp.findings import uncovered_finding
from natojp.selection import strongest_rows
from natojp.taxonomy import Taxonomy, aggregate_scores

st.title("Technology areas")
st.caption(
    "Each cell counts the sentences of the cleaned text that mention an area, using the "
    "taxonomy's terms (removed page noise never counts). Click a cell, or choose it below, "
    "to read the sentences."
)
analysis, filters = sidebar()
if analysis is not None:
    taxonomy = st.session_state.get("taxonomy") or analysis.taxonomy
    articles = filters.articles(analysis)
    tech = analysis.tech if taxonomy is analysis.taxonomy else retagged(analysis, taxonomy)
    ids = pd.Index([a.id for a in articles])
    scores = tech.scores if tech.scores.index.equals(ids) else tech.scores.loc[ids]
    uncovered = uncovered_finding(articles, tech)
    if uncovered:  # else their low scores would read as little coverage
        st.caption(f":warning: {escape_markdown(uncovered)}")
    by = st.radio(
        "Rows",
        ["Article", "Source"],
        horizontal=True,
        index=1 if widgets.query_param("by", "article") == "source" else 0,
    )
    widgets.set_query_param("by", by.lower())
    groups = {a.id: (a.source if by == "Source" else a.id) for a in articles}
    table = aggregate_scores(scores, groups) if by == "Source" else scores
    labels = {a.id: a.label for a in tech.areas}
    subtitle = f"{filter_summary(analysis, filters)} · rows: {by.lower()}s"
    shown = table
    if len(table) > widgets.MATRIX_MAX:  # the strongest rows; the table below has them all
        shown = strongest_rows(table, widgets.MATRIX_MAX)
        subtitle += f" · the {widgets.MATRIX_MAX} of {len(table):,} with most mentions"
    rows = [str(r) for r in shown.index]
    # Articles by their label, made on the whole corpus so that it stays under filters.
    names = analysis.article_labels()
    # Sources by name: an article without an outlet as "(unattributed) <short title>".
    row_names = names if by == "Article" else source_names(analysis)
    # The cell shown below: a click on the chart (read before the chart is drawn, so
    # the chart outlines it) sets the two select boxes, which also choose it by
    # keyboard. A selection is applied once: the boxes can then choose another cell.
    row_key, area_key = f"area-row-{by.lower()}", "area-area"
    clicked = selected_cell(st.session_state.get("area-heatmap"))
    if clicked != st.session_state.get("area-clicked"):
        st.session_state["area-clicked"] = clicked
        if clicked and clicked[0] in rows and clicked[1] in labels:
            st.session_state[row_key], st.session_state[area_key] = clicked
    if st.session_state.get(row_key) not in rows or st.session_state.get(area_key) not in labels:
        start: tuple[str, str] = (rows[0], next(iter(labels)))
        if shown.to_numpy().sum() > 0:  # the strongest cell
            strongest = shown.stack().idxmax()
            start = (str(strongest[0]), str(strongest[1]))  # type: ignore[index]
        st.session_state[row_key], st.session_state[area_key] = start
    widgets.chart(
        charts.area_heatmap(
            shown,
            area_labels=labels,
            row_labels=row_names,
            subtitle=subtitle,
            selected=(st.session_state[row_key], st.session_state[area_key]),
        ),
        key="area-heatmap",
        selectable=True,
    )
    left, right = st.columns(2)
    row = left.selectbox(by, rows, format_func=lambda r: row_names.get(r, r), key=row_key)
    area = right.selectbox("Area", list(labels), format_func=labels.__getitem__, key=area_key)
    members = [i for i, g in groups.items() if g == row]
    sentences = [(i, s) for i in members for s in tech.evidence.get(i, {}).get(area, [])]
    where = escape_markdown(row_names.get(row, row))
    st.markdown(
        f"**{len(sentences)} sentence(s)** in {where} mention {escape_markdown(labels[area])}:",
        help=f"article id: {escape_markdown(row)}" if by == "Article" else None,
    )
    for article_id, group in groupby(sentences, key=lambda pair: pair[0]):
        if by == "Source":  # the sentences under the article they come from, by its label
            st.markdown(
                f"**{escape_markdown(names.get(article_id, article_id))}**",
                help=f"article id: {escape_markdown(article_id)}",
            )
        for _, sentence in group:
            st.markdown(f"> {escape_markdown(sentence)}")

    def coverage() -> go.Figure:
        return charts.area_coverage_bar(
            table, area_labels=labels, row_labels=row_names, subtitle=subtitle
        )

    widgets.chart(  # kept for the next rerun unless the taxonomy is the session's own
        views().get(analysis, "area-coverage", (filters, by, subtitle), coverage)
        if taxonomy is analysis.taxonomy
        else coverage(),
        key="coverage",
    )

    def area_frame(part: pd.DataFrame) -> pd.DataFrame:
        frame = part.reset_index()
        if by == "Article":  # the label to read, the id to join on
            frame = frame.rename(columns={frame.columns[0]: "article id"})
            frame.insert(0, "article", [names.get(str(i), str(i)) for i in frame["article id"]])
        else:  # the source's name next to its key (an outlet, or "(unattributed) <id>")
            frame.insert(
                1, "source name", [row_names.get(str(i), str(i)) for i in frame.iloc[:, 0]]
            )
        return frame

    widgets.table(
        area_frame(table.head(widgets.TABLE_MAX_ROWS)),
        name=f"areas-by-{by.lower()}",
        key="area-table",
        everything=lambda: area_frame(table),
        total=len(table),
    )

    with st.expander("Taxonomy: view, edit, download or upload"):
        st.dataframe(
            pd.DataFrame(
                [
                    {"id": a.id, "label": a.label, "terms": ", ".join(a.terms)}
                    for a in taxonomy.areas
                ]
            ),
            hide_index=True,
        )
        st.download_button(
            "Download taxonomy (TOML)",
            taxonomy.to_toml().encode("utf-8"),
            file_name="natojp-taxonomy.toml",
            mime="application/toml",
        )
        uploaded = st.file_uploader("Upload a taxonomy (TOML)", type=["toml"], key="tax-upload")
        edited = st.text_area("Or edit it here", taxonomy.to_toml(), height=240)
        apply, reset = st.columns(2)
        upload = uploaded.getvalue() if uploaded is not None else None
        fresh = upload is not None and st.session_state.get("tax-hash") != hash(upload)
        if apply.button("Apply") or fresh:
            text = upload.decode("utf-8", "replace") if fresh and upload is not None else edited
            st.session_state["tax-hash"] = hash(upload) if upload is not None else None
            try:
                st.session_state["taxonomy"] = Taxonomy.from_toml(text, source="your taxonomy")
                st.rerun()
            except TaxonomyError as exc:
                st.error(f"The taxonomy was not applied: {escape_markdown(str(exc))}")
        if reset.button("Back to the default taxonomy"):
            st.session_state.pop("taxonomy", None)
            st.rerun()
