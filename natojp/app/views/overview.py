"""Overview: the articles, their metadata, independent reports and key findings."""

from functools import partial

import pandas as pd
import streamlit as st

from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.cache import views
from natojp.app.sidebar import report_download, sidebar
from natojp.clean import REASONS
from natojp.report import annotated_lines, articles_frame
from natojp.selection import attribution, kept_reports

st.title("Overview")
st.caption(
    "Every article as natojp cleaned it: title, outlet, wires and publication date with the "
    "basis and evidence of each (manifest, source metadata, web address, header lines or the "
    "text itself), language, words kept and lines of page noise removed. Articles that copy "
    "or rewrite one another count as one report."
)
analysis, filters = sidebar()
if analysis is not None:
    articles = filters.articles(analysis)
    shown = {a.id for a in articles}
    memo = views()  # made once per filters, not on every rerun (seconds at 100,000)
    groups = analysis.duplicates.independent_reports
    reports = memo.get(analysis, "kept-reports", filters, lambda: kept_reports(groups, shown))
    st.subheader(f"{len(articles)} articles → {len(reports)} independent reports")
    cols = st.columns(3)
    cols[0].metric("Articles", len(articles))
    cols[1].metric("Independent reports", len(reports))
    cols[2].metric("Inputs skipped", len(analysis.corpus.skipped))

    st.markdown("#### Who published, and when")
    summary = (  # the whole corpus's is kept with a library's analysis
        memo.get(analysis, "attribution", filters, lambda: attribution(articles))
        if filters.active
        else analysis.attribution()
    )
    n = max(summary.articles, 1)
    who = st.columns(4)
    who[0].metric("Dated", f"{summary.dated} of {summary.articles}")
    who[1].metric("Outlet known", f"{summary.attributed} of {summary.articles}")
    who[2].metric("Crediting a wire", sum(bool(a.wires) for a in articles))
    who[3].metric("Languages", len(summary.languages))
    st.caption(
        "Each date and outlet keeps its basis (manifest, a column or page metadata, the web "
        "address, a line above the body, the text) and the words it was read from: see the "
        "evidence columns of the table below."
    )
    counts = {
        "date basis": summary.date_basis,
        "outlet basis": summary.outlet_basis,
        "outlet type": summary.outlet_types,
        "country": summary.countries,
        "wire": summary.wires,
        "language": summary.languages,
    }
    for column, (name, pairs) in zip(st.columns(3) * 2, counts.items(), strict=True):
        if pairs:
            column.dataframe(
                pd.DataFrame([{name: k, "articles": c, "share": f"{c / n:.0%}"} for k, c in pairs]),
                hide_index=True,
                width="stretch",
            )

    st.markdown("#### Key findings")
    if filters.active:
        st.caption(
            f"On the whole corpus ({len(analysis.articles)} articles), not only the "
            f"{len(articles)} the filters keep."
        )
    st.markdown("\n".join(f"- {escape_markdown(f)}" for f in analysis.findings()))

    widgets.rows_table(articles, partial(articles_frame, analysis), name="articles", key="articles")
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
        labels = analysis.article_labels()  # the whole corpus: stable under filters
        chosen = st.selectbox(
            "Article",
            ids,
            index=ids.index(wanted) if wanted in ids else 0,
            format_func=labels.__getitem__,
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
