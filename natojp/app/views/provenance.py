"""Provenance: stories (the articles about one event), who published each first, and who
copied whom, each direction with its evidence."""

import functools
import io
from collections.abc import Sequence

import networkx as nx
import pandas as pd
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp._wording import plural
from natojp.app import widgets
from natojp.app.sidebar import filter_summary, sidebar
from natojp.labels import named_ids
from natojp.provenance import Provenance, Story

st.title("Provenance")
st.caption(
    "Articles about the same event are grouped into stories: copies and rewrites always, "
    "and articles of similar wording published within a few days. For each story: who "
    "published first and on what evidence, the wires its content is credited to, its "
    "independent reports, and who copied whom. A direction rests on publication dates, "
    "then credits and attributions in the text, then on which text contains the other; "
    "where the evidence does not settle it, the arrow is dashed and said to be not certain."
)


def graph_bytes(provenance: Provenance, story: str | None, fmt: str) -> bytes:
    """GraphML or GEXF of one story (all stories: ``None``), for Gephi or networkx."""
    buffer = io.BytesIO()
    graph = provenance.graph(story)
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    else:
        nx.write_gexf(graph, buffer)
    return buffer.getvalue()


def story_label(story: Story, names: dict[str, str]) -> str:
    first = f" · first: {names.get(story.first, story.first)}" if story.first else ""
    return f"{story.title} · {plural(len(story.articles), 'article')}{first}"


analysis, filters = sidebar()
if analysis is not None:
    provenance = analysis.provenance()
    names = analysis.article_labels()
    stories = list(provenance.stories)
    if filters.active:
        keep = {a.id for a in filters.articles(analysis)}
        stories = [s for s in stories if keep.intersection(s.articles)]
    shared = sorted(
        (s for s in stories if len(s.articles) > 1),
        key=lambda s: (-len(s.articles), s.title.casefold()),
    )
    alone = len(stories) - len(shared)
    st.markdown(
        f"**{plural(len(stories), 'story', 'stories')}** in {filter_summary(analysis, filters)}: "
        f"{len(shared)} told by several articles, {alone} by one article only."
    )
    if not shared:
        st.info("No two articles are about the same event: each story has one article.")
    else:
        listed = shared[: widgets.CHOICES_MAX]
        ids = [s.id for s in listed]
        wanted = widgets.query_param("story", ids[0])
        chosen = st.selectbox(
            "Story",
            ids,
            index=ids.index(wanted) if wanted in ids else 0,
            format_func=lambda i: story_label(provenance.story(i), names),
        )
        widgets.set_query_param("story", chosen)
        story = provenance.story(chosen)
        columns = st.columns(4)
        columns[0].metric("Articles", len(story.articles))
        columns[1].metric("Independent reports", len(story.independent_reports))
        columns[2].metric("Outlets", len(story.outlets))
        columns[3].metric("Wires credited", len(story.wires))
        if story.first:
            when = f" on {story.first_date.iso()}" if story.first_date else ""
            sure = "" if story.first_certain else " (not certain)"
            st.markdown(
                f"**First published by** {escape_markdown(names.get(story.first, story.first))}"
                f"{when}{sure}: {escape_markdown(named_ids(story.first_basis, names))}."
            )
        else:
            basis = named_ids(story.first_basis, names)
            st.markdown(f"**First publisher not known:** {escape_markdown(basis)}.")
        detail = []
        if story.wires:
            detail.append("wires: " + ", ".join(story.wires))
        if story.countries:
            detail.append(
                "outlets by country: " + ", ".join(f"{k} {v}" for k, v in story.countries.items())
            )
        if story.types:
            detail.append("by type: " + ", ".join(f"{k} {v}" for k, v in story.types.items()))
        if detail:
            st.caption(escape_markdown(" · ".join(detail)))
        widgets.chart(
            charts.provenance_graph(provenance, story.id, subtitle=story.title),
            key="provenance",
        )
        edges = provenance.edges_frame(story.id)
        if len(edges):
            st.subheader("Who copied whom, and the evidence")
            widgets.with_labels(edges, names, "source", "derivative")
            widgets.table(edges, name=f"provenance-{story.id}", key="edges")
        else:
            st.caption("No article of this story shares text with another: all are own reports.")
        downloads = st.columns(2)
        for column, fmt, label in zip(
            downloads, ("graphml", "gexf"), ("GraphML", "GEXF (Gephi)"), strict=True
        ):
            column.download_button(
                f"This story's graph ({label})",
                data=functools.partial(graph_bytes, provenance, story.id, fmt),
                file_name=f"{widgets.file_stem(f'provenance-{story.id}')}.{fmt}",
                mime="application/xml",
                key=f"graph-{fmt}",
                on_click="ignore",
            )
    st.subheader("Every story")

    def stories_frame(some: Sequence[Story]) -> pd.DataFrame:
        return widgets.with_labels(provenance.stories_frame(some), names, "first")

    widgets.rows_table(stories, stories_frame, name="stories", key="stories")
    st.download_button(
        "All stories' graph (GEXF, for Gephi)",
        data=lambda: graph_bytes(provenance, None, "gexf"),
        file_name=f"{widgets.file_stem('provenance')}.gexf",
        mime="application/xml",
        key="graph-all",
        on_click="ignore",
    )
