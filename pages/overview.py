"""Overview: the articles, their metadata and how many independent reports they make."""

import pandas as pd
import streamlit as st

from natojp.ui import current_analysis

st.title("Overview")
st.caption(
    "Each article as cleaned by natojp: title, outlet and date with the basis they come from, "
    "and how much page noise was removed. Independent reports group articles that copy or "
    "rewrite one another."
)
analysis = current_analysis()
if analysis is not None:
    reports = analysis.duplicates.independent_reports
    cols = st.columns(3)
    cols[0].metric("Articles", len(analysis.articles))
    cols[1].metric("Independent reports", len(reports))
    cols[2].metric("Inputs skipped", len(analysis.corpus.skipped))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "id": a.id,
                    "title": f"{a.title} (derived)" if a.title_derived else a.title,
                    "outlet": a.outlet,
                    "published": a.published.iso() if a.published else None,
                    "date basis": a.published_basis or "unknown",
                    "words": a.word_count,
                    "noise lines removed": len(a.removed),
                }
                for a in analysis.articles
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
    if analysis.corpus.skipped:
        st.subheader("Skipped inputs")
        st.dataframe(pd.DataFrame([vars(s) for s in analysis.corpus.skipped]), hide_index=True)
