"""Provenance: stories (the articles about one event) and who published first, who
copied whom, with the evidence of each direction.

::

    from natojp.analysis import analyze
    from natojp.provenance import build_provenance, event_days

    a = analyze(["seeds"])
    p = build_provenance(a.articles, a.duplicates.dependencies,
                         a.duplicates.independent_reports, a.similarity.neighbors,
                         events=event_days(a.timeline))
    p.stories                      # Story: articles, title, first publisher and basis, ...
    p.edges                        # ProvenanceEdge: original → derivative, with evidence
    p.graph("story-1")             # a networkx MultiDiGraph
    p.to_graphml("story.graphml")  # or to_gexf(...) for Gephi
    p.edges_frame().to_csv("edges.csv", index=False)

How stories are grouped and the first publisher chosen: :mod:`natojp.provenance._stories`
(across languages: :mod:`natojp.provenance._specifics`);
the direction of each edge: :mod:`natojp.duplicates._direction`. Free of Streamlit: it
takes articles, dependencies, independent reports, similarity neighbours and (optionally)
the events each article reports, not an analysis.
"""

from natojp.provenance._graph import EDGE_COLUMNS, Provenance, ProvenanceEdge, build_provenance
from natojp.provenance._specifics import (
    Specifics,
    cross_language_pairs,
    event_days,
    read_specifics,
    specifics,
)
from natojp.provenance._stories import (
    Story,
    StorySettings,
    build_stories,
    first_publisher,
    is_preview,
    news_days,
    story_groups,
)

__all__ = [
    "EDGE_COLUMNS",
    "Provenance",
    "ProvenanceEdge",
    "Specifics",
    "Story",
    "StorySettings",
    "build_provenance",
    "build_stories",
    "cross_language_pairs",
    "event_days",
    "first_publisher",
    "is_preview",
    "news_days",
    "read_specifics",
    "specifics",
    "story_groups",
]
