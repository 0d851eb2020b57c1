"""Overlap & similarity: how alike the articles and sources are, and what sets them apart."""

import pandas as pd
import streamlit as st

from natojp import charts, ui
from natojp.similarity import area_cooccurrence, area_overlap, cluster_order, sources_by_size

st.title("Overlap & similarity")
st.caption(
    "Cosine similarity of TF-IDF vectors (unigrams and bigrams, English stop words removed) "
    "of the cleaned text: 1 = the same wording, 0 = no words in common. Articles are ordered "
    "by hierarchical clustering so that similar ones sit together."
)
analysis, filters = ui.sidebar()
if analysis is not None:
    articles = [a for a in analysis.articles if filters.keep(a)]
    ids = [a.id for a in articles]
    subtitle = filters.describe(analysis)
    labels = {a.id: f"{a.outlet or a.id} · {a.title or ''}" for a in articles}
    if len(ids) < 2:
        st.info("Similarity needs at least two articles.")
    elif analysis.similarity.matrix is None or len(ids) > ui.MATRIX_MAX:
        st.info(
            f"{len(ids):,} articles: showing each article's nearest neighbours "
            "instead of a matrix too large to read."
        )
        rows = [
            {"article": a, "neighbour": b, "cosine": s}
            for a in ids
            for b, s in analysis.similarity.neighbors.get(a, [])
        ]
        ui.table(pd.DataFrame(rows), name="nearest-neighbours", key="neighbours")
    else:
        matrix = analysis.similarity.frame().loc[ids, ids]
        order = cluster_order(matrix.to_numpy())
        ui.chart(
            charts.similarity_heatmap(matrix, labels=labels, order=order, subtitle=subtitle),
            key="article-similarity",
        )
        pairs = analysis.similarity.most_similar_pairs(len(ids) * 2)
        top = pd.DataFrame(
            [{"a": a, "b": b, "cosine": s} for a, b, s in pairs if a in ids and b in ids][:10]
        )
        ui.table(top, name="most-similar-pairs", key="pairs")

    ranked = sources_by_size([a.source for a in articles])  # most articles first
    largest = [source for source, _ in ranked[: ui.MATRIX_MAX // 3]]
    sources = sorted(s for s in largest if s in analysis.sources.index)
    if len(ranked) > len(sources) and ranked[0][1] == 1:
        st.info(
            f"No outlet is known for these {len(ids):,} articles, so each is its own source: "
            "name outlets (a manifest, or an outlet column or key) to compare sources."
        )
    elif len(sources) >= 2:
        frame = analysis.sources.loc[sources, sources]
        if len(sources) < len(ranked):
            subtitle_sources = f"{subtitle} · the {len(sources)} sources with most articles"
        else:
            subtitle_sources = subtitle
        ui.chart(
            charts.source_similarity_heatmap(frame, subtitle=subtitle_sources),
            key="source-similarity",
        )

    st.subheader("Topic overlap")
    scores = analysis.tech.scores.loc[ids]
    if len(ids) > ui.MATRIX_MAX:
        areas = {a.id: a.label for a in analysis.tech.areas}
        figure = charts.area_cooccurrence_heatmap(
            area_cooccurrence(scores), areas, subtitle=subtitle
        )
    else:
        figure = charts.topic_overlap_heatmap(area_overlap(scores), subtitle=subtitle)
    ui.chart(figure, key="area-overlap")
    topics = pd.DataFrame(
        [
            {
                "topic": t.id + 1,
                "top terms": ", ".join(t.terms),
                "articles": ", ".join(a for a, _ in t.articles if a in ids),
            }
            for t in analysis.topics
        ]
    )
    if not topics.empty:
        st.caption("Topics found by non-negative matrix factorisation of the TF-IDF matrix.")
        ui.table(topics, name="topics", key="topics")

    st.subheader("Distinctive terms per source")
    terms = analysis.distinctive_terms(12)
    named = [source for source, _ in ranked][: ui.CHOICES_MAX]
    source = st.selectbox("Source (most articles first)", named, index=0) if named else None
    if source is not None:
        ui.chart(
            charts.distinctive_terms_bar(terms.get(source, []), source, subtitle=subtitle),
            key="terms",
        )
