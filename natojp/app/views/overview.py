"""Overview: the articles, their metadata, independent reports and key findings."""

import streamlit as st

from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.sidebar import report_download, sidebar
from natojp.clean import REASONS
from natojp.findings import findings
from natojp.report import annotated_lines, articles_frame

st.title("Overview")
st.caption(
    "Every article as natojp cleaned it: title, outlet and publication date with the basis "
    "each comes from (manifest, source metadata or the text itself), words kept and lines of "
    "page noise removed. Articles that copy or rewrite one another count as one report."
)
analysis, filters = sidebar()
if analysis is not None:
    articles = filters.articles(analysis)
    shown = {a.id for a in articles}
    reports = [g for g in analysis.duplicates.independent_reports if not shown.isdisjoint(g)]
    st.subheader(f"{len(articles)} articles → {len(reports)} independent reports")
    cols = st.columns(3)
    cols[0].metric("Articles", len(articles))
    cols[1].metric("Independent reports", len(reports))
    cols[2].metric("Inputs skipped", len(analysis.corpus.skipped))

    st.markdown("#### Key findings")
    st.markdown("\n".join(f"- {escape_markdown(f)}" for f in findings(analysis)))

    frame = articles_frame(analysis)
    widgets.table(
        frame[frame["id"].isin([a.id for a in articles])], name="articles", key="articles"
    )
    report_download(analysis)
    if analysis.corpus.skipped:
        st.markdown("#### Skipped inputs")
        widgets.table(widgets.skipped_frame(analysis.corpus.skipped), name="skipped", key="skipped")

    st.markdown("#### Cleaned text")
    ids = [a.id for a in articles]
    if ids:
        wanted = widgets.query_param("article", ids[0])
        if len(ids) > widgets.CHOICES_MAX:  # list the first ones, and the one asked for
            st.caption(f"The first {widgets.CHOICES_MAX:,} of {len(ids):,} articles are listed.")
            ids = ids[: widgets.CHOICES_MAX] + (
                [wanted] if wanted in set(ids[widgets.CHOICES_MAX :]) else []
            )
        titles = {a.id: f"{a.id} · {a.title or 'untitled'}" for a in articles}
        chosen = st.selectbox(
            "Article",
            ids,
            index=ids.index(wanted) if wanted in ids else 0,
            format_func=titles.__getitem__,
        )
        widgets.set_query_param("article", chosen)
        article = analysis.corpus.by_id(chosen)
        for note in article.notes:  # e.g. mixed encodings, truncated at the length cap
            st.warning(escape_markdown(note), icon=":material/info:")
        st.caption("Kept text as is; removed lines struck through, with the reason.")
        for line, text, reason, detail in annotated_lines(article):
            where = f"line {line} · " if line else ""
            if reason is None:
                st.markdown(escape_markdown(text))
            else:
                why = escape_markdown(f"{where}{reason}: {detail or REASONS[reason]}")
                st.markdown(f":gray[~~{escape_markdown(text)}~~]  \n:orange[*{why}*]")
