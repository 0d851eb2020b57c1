"""Corroboration: which quotes, people, organisations and claims stand on more than one
independent report, which rest on one, and what to check."""

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp._wording import plural
from natojp.app import widgets
from natojp.app.sidebar import filter_summary, sidebar
from natojp.corroboration import Corroboration

st.title("Corroboration")
st.caption(
    "Quotes with their speakers, people and organisations, and specific claims (figures, "
    "dates, named programmes), each counted by the independent reports that carry it: "
    "five copies of one story are one report. What only one report carries is flagged "
    "for you to check, with the reason and the words it rests on; a flag is not a verdict."
)

_FLAG_KINDS = {
    "rewrite": "Likely rewrites with additions",
    "misquote": "Quotes worded differently",
    "quote": "Quotes only one report carries",
    "entity": "People and organisations only one report names",
    "claim": "Claims only one report makes",
}


def kept(frame: pd.DataFrame, column: str, keep: set[str]) -> pd.DataFrame:
    """Rows whose ``column`` (a list of article ids) names an article kept by the filters."""
    if frame.empty:
        return frame
    return frame[frame[column].map(lambda ids: bool(keep.intersection(ids)))]


def labelled(ids: Sequence[str], names: Mapping[str, str]) -> str:
    """Article ids as their labels, joined."""
    return "; ".join(names.get(i, i) for i in ids)


def tables(corroboration: Corroboration, keep: set[str], names: Mapping[str, str]) -> None:
    flags = kept(corroboration.frame("flags"), "articles", keep)
    st.subheader("To check")
    if flags.empty:
        st.caption("Nothing rests on a single independent report here, and no quote is reworded.")
    else:
        counts = flags["kind"].value_counts()
        st.caption(
            " · ".join(f"{_FLAG_KINDS.get(str(k), str(k))}: {int(n)}" for k, n in counts.items())
        )
        for kind in ("rewrite", "misquote"):
            shown = [f for f in corroboration.flagged(kind) if keep.intersection(f.articles)]
            for flag in shown[:20]:
                subject = names.get(flag.subject, flag.subject)  # a rewrite's: an article
                with st.expander(f"{_FLAG_KINDS[kind]}: {escape_markdown(subject[:140])}"):
                    st.markdown(
                        f"{escape_markdown(flag.reason)}\n\n"
                        f"*Articles:* {escape_markdown(labelled(flag.articles, names))}\n\n"
                        f"> {escape_markdown(flag.evidence)}"
                    )
        reports = corroboration.reports
        flags = flags.assign(
            subject=flags["subject"].map(lambda s: names.get(s, s)),
            article_labels=flags["articles"].map(lambda i: labelled(i, names)),
            report=flags["report"].map(
                lambda r: names.get(reports[int(r)][0], "") if r == r and r is not None else ""
            ),
        )
        widgets.table(flags, name="flags", key="flags")

    st.subheader("Quotes")
    quotes = kept(corroboration.frame("quotes"), "articles", keep)
    if quotes.empty:
        st.caption("No direct quote found.")
    else:
        quotes = quotes.assign(article_labels=quotes["articles"].map(lambda i: labelled(i, names)))
        widgets.table(
            quotes.sort_values(["independent_reports", "mentions"], ascending=False),
            name="quotes",
            key="quotes",
        )
    st.subheader("People and organisations")
    entities = kept(corroboration.frame("entities"), "article_ids", keep)
    if entities.empty:
        st.caption("No person or organisation found.")
    else:
        widgets.table(entities, name="entities", key="entities")
    st.subheader("Claims")
    claims = kept(corroboration.frame("claims"), "articles", keep)
    if claims.empty:
        st.caption("No figure, date or named programme found.")
    else:
        widgets.table(claims, name="claims", key="claims")


analysis, filters = sidebar()
if analysis is not None:
    corroboration = analysis.corroboration()
    keep = {a.id for a in filters.articles(analysis)}
    names = analysis.article_labels()
    reports = len(analysis.duplicates.independent_reports)
    st.markdown(
        f"**{plural(reports, 'independent report')}** in all; counts below are of "
        f"{filter_summary(analysis, filters)}."
    )
    widgets.chart(
        charts.corroboration_bars(corroboration, keep, subtitle=filter_summary(analysis, filters)),
        key="corroboration",
    )
    if reports < 2:
        st.info(
            "With a single independent report, everything rests on one source: nothing is "
            "flagged single-source."
        )
    tables(corroboration, keep, names)
