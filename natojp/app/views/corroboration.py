"""Corroboration: which quotes, people, organisations and claims stand on more than one
independent report, which rest on one, and what to check."""

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, Protocol, TypeVar

import pandas as pd
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp._wording import plural
from natojp.app import widgets
from natojp.app.cache import views
from natojp.app.sidebar import filter_summary, sidebar
from natojp.corroboration import Corroboration

st.title("Corroboration")
st.caption(
    "Quotes with their speakers, people and organisations, and specific claims (figures, "
    "dates, named programmes), each counted by the independent reports that carry it: "
    "five copies of one story are one report. What only one report carries is flagged "
    "for you to check, with the reason and the words it rests on; a flag is not a verdict."
)


class _HasArticles(Protocol):
    @property
    def articles(self) -> tuple[str, ...]: ...


_Item = TypeVar("_Item", bound=_HasArticles)


_FLAG_KINDS = {
    "rewrite": "Likely rewrites with additions",
    "misquote": "Quotes worded differently",
    "quote": "Quotes only one report carries",
    "entity": "People and organisations only one report names",
    "claim": "Claims only one report makes",
}


def frame_of(corroboration: Corroboration, table: str, rows: Sequence[Any]) -> pd.DataFrame:
    """The ``table`` (:meth:`Corroboration.frame`) of ``rows`` only: a table of 100,000
    rows is made when its CSV is asked for, not on every rerun."""
    return dataclasses.replace(corroboration, **{table: tuple(rows)}).frame(table)


def labelled(ids: Sequence[str], names: Mapping[str, str]) -> str:
    """Article ids as their labels, joined."""
    return "; ".join(names.get(i, i) for i in ids)


def tables(corroboration: Corroboration, keep: set[str] | None, names: Mapping[str, str]) -> None:
    """The flags, quotes, entities and claims of the articles in ``keep`` (all: None)."""

    def kept(items: Sequence[_Item]) -> list[_Item]:
        if keep is None:
            return list(items)
        return [i for i in items if keep.intersection(i.articles)]

    flags = kept(corroboration.flags)
    st.subheader("To check")
    if not flags:
        st.caption("Nothing rests on a single independent report here, and no quote is reworded.")
    else:
        counts = Counter(f.kind for f in flags)
        st.caption(
            " · ".join(f"{_FLAG_KINDS.get(str(k), str(k))}: {int(n)}" for k, n in counts.items())
        )
        for kind in ("rewrite", "misquote"):
            shown = [f for f in flags if f.kind == kind]
            for flag in shown[:20]:
                subject = names.get(flag.subject, flag.subject)  # a rewrite's: an article
                with st.expander(f"{_FLAG_KINDS[kind]}: {escape_markdown(subject[:140])}"):
                    st.markdown(
                        f"{escape_markdown(flag.reason)}\n\n"
                        f"*Articles:* {escape_markdown(labelled(flag.articles, names))}\n\n"
                        f"> {escape_markdown(flag.evidence)}"
                    )
        reports = corroboration.reports

        def flag_frame(rows: Sequence[Any]) -> pd.DataFrame:
            frame = frame_of(corroboration, "flags", rows)
            return frame.assign(
                subject=frame["subject"].map(lambda s: names.get(s, s)),
                article_labels=frame["articles"].map(lambda i: labelled(i, names)),
                report=frame["report"].map(
                    lambda r: names.get(reports[int(r)][0], "") if r == r and r is not None else ""
                ),
            )

        widgets.rows_table(flags, flag_frame, name="flags", key="flags")

    st.subheader("Quotes")
    quotes = sorted(  # most reports, then most mentions, first
        kept(corroboration.quotes),
        key=lambda q: (-q.n_reports, -len(q.mentions)),
    )
    if not quotes:
        st.caption("No direct quote found.")
    else:

        def quote_frame(rows: Sequence[Any]) -> pd.DataFrame:
            frame = frame_of(corroboration, "quotes", rows)
            return frame.assign(article_labels=frame["articles"].map(lambda i: labelled(i, names)))

        widgets.rows_table(quotes, quote_frame, name="quotes", key="quotes")
    st.subheader("People and organisations")
    entities = kept(corroboration.entities)
    if not entities:
        st.caption("No person or organisation found.")
    else:
        widgets.rows_table(
            entities, partial(frame_of, corroboration, "entities"), name="entities", key="entities"
        )
    st.subheader("Claims")
    claims = kept(corroboration.claims)
    if not claims:
        st.caption("No figure, date or named programme found.")
    else:
        widgets.rows_table(
            claims, partial(frame_of, corroboration, "claims"), name="claims", key="claims"
        )


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
    subtitle = filter_summary(analysis, filters)
    widgets.chart(
        views().get(
            analysis,
            "corroboration-bars",
            (filters, subtitle),
            # every item is of some article: counting per article only when filtered
            lambda: charts.corroboration_bars(
                corroboration, keep if filters.active else None, subtitle=subtitle
            ),
        ),
        key="corroboration",
    )
    if reports < 2:
        st.info(
            "With a single independent report, everything rests on one source: nothing is "
            "flagged single-source."
        )
    tables(corroboration, keep if filters.active else None, names)
