"""Timeline: when each source published, and the dated events the articles mention."""

import pandas as pd
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.sidebar import sidebar
from natojp.labels import article_labels
from natojp.selection import events_of

st.title("Timeline")
st.caption(
    "Top: publication dates by outlet (from the manifest, source metadata or the text). "
    "Bottom: events the articles mention — full dates, months, years, and relative dates "
    "('last month') resolved only against a known publication date — merged across articles."
)
analysis, filters = sidebar()
if analysis is not None:
    articles = filters.articles(analysis)
    keep = {a.id for a in articles}
    subtitle = filters.describe(analysis)
    dated = sum(a.published is not None for a in articles)
    st.markdown(
        f"**{len(articles)} of {len(analysis.articles)} articles** shown, {dated} with a "
        "publication date."
    )
    widgets.chart(charts.publication_timeline(articles, subtitle=subtitle), key="publications")

    precisions = ["day", "month", "year"]
    wanted = widgets.query_param("precision", ",".join(precisions)).split(",")
    chosen = st.multiselect(
        "Date precision", precisions, default=[p for p in precisions if p in wanted]
    )
    widgets.set_query_param("precision", ",".join(chosen))
    events = [e for e in events_of(analysis.timeline.events, keep) if e.precision in chosen]
    widgets.chart(
        charts.event_timeline(
            events,
            subtitle=f"{subtitle} · precision: {', '.join(chosen)}",
            article_names=article_labels(analysis.articles),  # the whole corpus: stable
        ),
        key="events",
    )
    if not events:
        st.info("No dated events in the chosen articles and precisions.")
    for event in widgets.paged(events, key="event-page", noun="events"):
        n = len(event.articles)
        label = f"{event.date.iso()} · {event.label} ({n} article{'s' * (n != 1)})"
        with st.expander(escape_markdown(label)):
            for mention in event.mentions:
                st.markdown(
                    f"**{escape_markdown(mention.article_id)}** · "
                    f"*{escape_markdown(mention.expression)}* — {escape_markdown(mention.basis)}"
                )
                st.markdown(f"> {escape_markdown(mention.sentence)}")
    unresolved = [m for m in analysis.timeline.unresolved if m.article_id in keep]
    if unresolved:
        with st.expander(f"{len(unresolved)} date expressions not dated"):
            frame = pd.DataFrame(
                [
                    {"article": m.article_id, "expression": m.expression, "why": m.basis}
                    for m in unresolved
                ]
            )
            widgets.table(frame, name="unresolved-dates", key="unresolved")
