"""Technology areas: which areas each article or source covers, with the evidence."""

import pandas as pd
import streamlit as st

from natojp import charts, ui
from natojp._text import escape_markdown
from natojp.errors import TaxonomyError
from natojp.taxonomy import Taxonomy, aggregate_scores, tag_articles

st.title("Technology areas")
st.caption(
    "Each cell counts the sentences of the cleaned text that mention an area, using the "
    "taxonomy's terms (removed page noise never counts). Choose a cell to read the sentences."
)
analysis, filters = ui.sidebar()
if analysis is not None:
    taxonomy = st.session_state.get("taxonomy") or analysis.taxonomy
    articles = [a for a in analysis.articles if filters.keep(a)]
    tech = (
        analysis.tech
        if taxonomy is analysis.taxonomy
        else tag_articles(analysis.articles, taxonomy)
    )
    scores = tech.scores.loc[[a.id for a in articles]]
    by = st.radio(
        "Rows",
        ["Article", "Source"],
        horizontal=True,
        index=1 if ui.query_param("by", "article") == "source" else 0,
    )
    ui.set_query_param("by", by.lower())
    groups = {a.id: (a.source if by == "Source" else a.id) for a in articles}
    table = aggregate_scores(scores, groups) if by == "Source" else scores
    labels = {a.id: a.label for a in tech.areas}
    subtitle = f"{filters.describe(analysis)} · rows: {by.lower()}s"
    shown = table
    if len(table) > ui.MATRIX_MAX:  # the strongest rows; the table below has them all
        shown = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
        shown = shown.iloc[: ui.MATRIX_MAX]
        subtitle += f" · the {ui.MATRIX_MAX} of {len(table):,} with most mentions"
    event = ui.chart(
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
    ui.chart(charts.area_coverage_bar(table, area_labels=labels, subtitle=subtitle), key="coverage")
    ui.table(table.reset_index(), name=f"areas-by-{by.lower()}", key="area-table")

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
        fresh = uploaded is not None and st.session_state.get("tax-hash") != hash(
            uploaded.getvalue()
        )
        if apply.button("Apply") or fresh:
            text = uploaded.getvalue().decode("utf-8", "replace") if fresh else edited
            st.session_state["tax-hash"] = hash(uploaded.getvalue()) if uploaded else None
            try:
                st.session_state["taxonomy"] = Taxonomy.from_toml(text, source="your taxonomy")
                st.rerun()
            except TaxonomyError as exc:
                st.error(f"The taxonomy was not applied: {escape_markdown(str(exc))}")
        if reset.button("Back to the default taxonomy"):
            st.session_state.pop("taxonomy", None)
            st.rerun()
