"""Overlap & similarity: how alike the articles and sources are, and what sets them apart."""

import itertools

import pandas as pd
import streamlit as st

from natojp import charts
from natojp.analysis import DASHBOARD_TERMS
from natojp.app import widgets
from natojp.app.sidebar import filter_summary, sidebar, source_names
from natojp.selection import rank_sources, similarity_pairs, similarity_subset, terms_of
from natojp.similarity import area_cooccurrence, area_overlap, cluster_order, source_similarity

NEIGHBOUR_COLUMNS = ["article", "article label", "neighbour", "neighbour label", "cosine"]
TOPIC_IDS_SHOWN = 20  # article ids listed per topic on screen; the CSV lists all

st.title("Overlap & similarity")
st.caption(
    "Cosine similarity of TF-IDF vectors (unigrams and bigrams, English stop words removed) "
    "of the cleaned text: 1 = the same wording, 0 = no words in common. Articles are ordered "
    "by hierarchical clustering so that similar ones sit together."
)
analysis, filters = sidebar()
if analysis is not None:
    articles = filters.articles(analysis)
    ids = [a.id for a in articles]
    subtitle = filter_summary(analysis, filters)
    names = source_names(analysis)  # '(unattributed) <short title>', keyed by source
    labels = analysis.article_labels()  # the whole corpus: stable under filters
    st.markdown(f"**{len(ids)} of {len(analysis.articles)} articles** compared.")
    if len(ids) < 2:
        st.info("Similarity needs at least two articles.")
    elif analysis.similarity.matrix is None or len(ids) > widgets.MATRIX_MAX:
        st.info(
            f"{len(ids):,} articles: showing each article's nearest neighbours "
            "instead of a matrix too large to read."
        )
        neighbors = analysis.similarity.neighbors

        def neighbour_rows(limit: int | None = None) -> pd.DataFrame:
            pairs = ((a, b, s) for a in ids for b, s in neighbors.get(a, []))
            rows = [
                {
                    "article": a,
                    "article label": labels[a],
                    "neighbour": b,
                    "neighbour label": labels[b],
                    "cosine": s,
                }
                for a, b, s in itertools.islice(pairs, limit)
            ]
            return pd.DataFrame(rows, columns=NEIGHBOUR_COLUMNS)

        widgets.table(
            neighbour_rows(widgets.TABLE_MAX_ROWS),
            name="nearest-neighbours",
            key="neighbours",
            everything=neighbour_rows,
            total=sum(len(neighbors.get(a, ())) for a in ids),
        )
    else:
        matrix = analysis.similarity.frame().loc[ids, ids]
        order = cluster_order(matrix.to_numpy())
        widgets.chart(
            charts.similarity_heatmap(matrix, labels=labels, order=order, subtitle=subtitle),
            key="article-similarity",
        )
        pairs = sorted(similarity_pairs(matrix), key=lambda p: -p[2])[:10]
        ends = [(min(a, b), max(a, b), s) for a, b, s in pairs]
        top = pd.DataFrame(
            [
                {"a": a, "a label": labels[a], "b": b, "b label": labels[b], "cosine": round(s, 4)}
                for a, b, s in ends
            ],
            columns=["a", "a label", "b", "b label", "cosine"],
        )
        widgets.table(top, name="most-similar-pairs", key="pairs")

    ranked = rank_sources(articles)  # most articles first
    if filters.active:  # sources compared on the articles shown only
        from natojp.vectorise import distinctive_terms  # scikit-learn: only when filtered

        terms = terms_of(analysis.terms, ids)
        source_of = {a.id: a.source for a in articles}
        groups = [source_of[i] for i in terms.ids]
        compared = source_similarity(terms, groups, analysis.config.similarity.max_sources)
        distinctive = distinctive_terms(terms, groups, DASHBOARD_TERMS)
    else:
        compared, distinctive = analysis.sources, analysis.distinctive_terms(DASHBOARD_TERMS)
    frame = similarity_subset(compared, ranked.top(widgets.MATRIX_MAX // 3), sort=True)
    sources = list(frame.index)
    if len(ranked) > len(sources) and ranked.one_article_each:
        st.info(
            f"No outlet is known for these {len(ids):,} articles, so each is its own source: "
            "name outlets (a manifest, or an outlet column or key) to compare sources."
        )
    elif len(sources) >= 2:
        if len(sources) < len(ranked):
            subtitle_sources = f"{subtitle} · the {len(sources)} sources with most articles"
        else:
            subtitle_sources = subtitle
        widgets.chart(
            charts.source_similarity_heatmap(frame, labels=names, subtitle=subtitle_sources),
            key="source-similarity",
        )

    st.subheader("Topic overlap")
    scores = analysis.tech.scores.loc[ids]
    if len(ids) > widgets.MATRIX_MAX:
        areas = {a.id: a.label for a in analysis.tech.areas}
        figure = charts.area_cooccurrence_heatmap(
            area_cooccurrence(scores), areas, subtitle=subtitle
        )
    else:
        figure = charts.topic_overlap_heatmap(
            area_overlap(scores), labels=labels, subtitle=subtitle
        )
    widgets.chart(figure, key="area-overlap")
    shown, found = set(ids), analysis.topics

    def topic_rows(listed: int | None = None) -> pd.DataFrame:
        rows = []
        for t in found:
            kept = [a for a, _ in t.articles if a in shown]  # strongest first
            more = len(kept) - listed if listed is not None and len(kept) > listed else 0
            tail = f" … and {more:,} more" if more else ""
            rows.append(
                {
                    "topic": t.id + 1,
                    "top terms": ", ".join(t.terms),
                    "articles": len(kept),
                    "article ids": ", ".join(kept[:listed]) + tail,
                }
            )
        return pd.DataFrame(rows, columns=["topic", "top terms", "articles", "article ids"])

    topics = topic_rows(TOPIC_IDS_SHOWN)
    if not topics.empty:
        st.caption("Topics found by non-negative matrix factorisation of the TF-IDF matrix.")
        widgets.table(topics, name="topics", key="topics", everything=topic_rows)

    st.subheader("Distinctive terms per source")
    named = ranked.top(widgets.CHOICES_MAX)
    source = (
        st.selectbox(
            "Source (most articles first)",
            named,
            index=0,
            format_func=lambda s: names.get(s, s),
        )
        if named
        else None
    )
    if source is not None:
        widgets.chart(
            charts.distinctive_terms_bar(
                distinctive.get(source, []), names.get(source, source), subtitle=subtitle
            ),
            key="terms",
        )
