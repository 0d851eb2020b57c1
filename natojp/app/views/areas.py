"""Technology areas: which areas each article or source covers, with the evidence."""

import pandas as pd
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.sidebar import retagged, sidebar
from natojp.errors import TaxonomyError
from natojp.findings import uncovered_finding
from natojp.selection import strongest_rows
from natojp.taxonomy import Taxonomy, aggregate_scores

st.title("Technology areas")
st.caption(
    "Each cell counts the sentences of the cleaned text that mention an area, using the "
    "taxonomy's terms (removed page noise never counts). Choose a cell to read the sentences."
)
analysis, filters = sidebar()
if analysis is not None:
    taxonomy = st.session_state.get("taxonomy") or analysis.taxonomy
    articles = filters.articles(analysis)
    tech = analysis.tech if taxonomy is analysis.taxonomy else retagged(analysis, taxonomy)
    scores = tech.scores.loc[[a.id for a in articles]]
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
    subtitle = f"{filters.describe(analysis)} · rows: {by.lower()}s"
    shown = table
    if len(table) > widgets.MATRIX_MAX:  # the strongest rows; the table below has them all
        shown = strongest_rows(table, widgets.MATRIX_MAX)
        subtitle += f" · the {widgets.MATRIX_MAX} of {len(table):,} with most mentions"
    event = widgets.chart(
        charts.area_heatmap(shown, area_labels=labels, subtitle=subtitle),
        key="area-heatmap",
        selectable=True,
    )
    points = getattr(getattr(event, "selection", None), "points", None) or []
    clicked = points[0].get("customdata") if points else None
    if not clicked and table.to_numpy().sum() > 0:  # start on the strongest cell
        clicked = table.stack().idxmax()
    left, right = st.columns(2)
    rows = list(shown.index)
    row = left.selectbox(by, rows, index=rows.index(clicked[0]) if clicked else 0)
    area = right.selectbox(
        "Area",
        list(labels),
        format_func=labels.__getitem__,
        index=list(labels).index(clicked[1]) if clicked else 0,
    )
    members = [i for i, g in groups.items() if g == row]
    sentences = [(i, s) for i in members for s in tech.evidence.get(i, {}).get(area, [])]
    st.markdown(f"**{len(sentences)} sentence(s)** mention {escape_markdown(labels[area])}:")
    for article_id, sentence in sentences:
        st.markdown(f"> {escape_markdown(sentence)}  \n:gray[{escape_markdown(article_id)}]")
    widgets.chart(
        charts.area_coverage_bar(table, area_labels=labels, subtitle=subtitle), key="coverage"
    )
    widgets.table(table.reset_index(), name=f"areas-by-{by.lower()}", key="area-table")

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
