"""Timeline: when each source published, and the dated events the articles mention."""

import re
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from natojp import charts
from natojp._text import escape_markdown
from natojp.app import widgets
from natojp.app.cache import views
from natojp.app.sidebar import filter_summary, sidebar
from natojp.charts.timeline import period_text
from natojp.selection import events_of, mentioned_events
from natojp.timeline import PLAN, Event, StoryPeriod, story_period
from natojp.timeline.period import within

_KIND = {PLAN: "plan or target"}


def named(text: str, ids: Sequence[str], names: Mapping[str, str]) -> str:
    """``text`` with the article ids in ``ids`` it names replaced by their labels (a
    date's basis may say which article's passage it was matched with)."""
    found = [i for i in ids if i in text]
    if not found:
        return text
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in found))
    return pattern.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def events_frame(events: Sequence[Event], names: Mapping[str, str]) -> pd.DataFrame:
    """One row per event: date, kind, label, the reporting articles by label and by id."""
    return pd.DataFrame(
        [
            {
                "date": e.date.iso(),
                "kind": _KIND.get(e.kind, "happened"),
                "event": e.label,
                "articles": len(e.articles),
                "reported by": "; ".join(names.get(a, a) for a in e.articles),
                "article ids": ", ".join(e.articles),
            }
            for e in events
        ],
        columns=["date", "kind", "event", "articles", "reported by", "article ids"],
    )


st.title("Timeline")
st.caption(
    "Top: publication dates by outlet (from the manifest, source metadata or the text). "
    "Bottom: events the articles mention — full dates, months, years, and relative dates "
    "('last month') resolved only against a known publication date — merged across "
    "articles; plans and targets in a lane of their own. The chart opens on the story's "
    "period, the shortest span holding most reports of things that happened; events "
    "outside it are counted and listed under the chart."
)
analysis, filters = sidebar()
if analysis is not None:
    articles = filters.heads(analysis)  # no article's text is needed here
    keep = {a.id for a in articles}
    names = analysis.article_labels()  # the whole corpus: stable under filters
    subtitle = filter_summary(analysis, filters)
    dated = sum(a.published is not None for a in articles)
    st.markdown(
        f"**{len(articles)} of {len(analysis.corpus)} articles** shown, {dated} with a "
        "publication date."
    )
    memo = views()
    off_story = analysis.off_story()  # kept with a library's analysis
    widgets.chart(
        memo.get(
            analysis,
            "publication-timeline",
            (filters, subtitle),
            # articles flagged off the main story left out (the subtitle counts them)
            lambda: charts.publication_timeline(articles, subtitle=subtitle, off_story=off_story),
        ),
        key="publications",
    )

    precisions = ["day", "month", "year"]
    wanted = widgets.query_param("precision", ",".join(precisions)).split(",")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.multiselect(
        "Date precision", precisions, default=[p for p in precisions if p in wanted]
    )
    widgets.set_query_param("precision", ",".join(chosen))
    shown_analysis = analysis  # for the closure below (mypy cannot narrow into it)
    mentioned = memo.get(
        analysis,
        "mentioned-events",
        filters,
        # every event has an article when every article is kept; an event mentioned in
        # text only by articles filtered out keeps its publication dates: not mentioned
        lambda: (
            mentioned_events(events_of(shown_analysis.mentioned_events(), keep))
            if filters.active
            else list(shown_analysis.mentioned_events())
        ),
    )
    # made once for these articles, not again on a rerun or for the next visitor
    period: StoryPeriod | None = memo.get(
        analysis, "story-period", filters, lambda: story_period(mentioned)
    )
    full = right.toggle(
        "Show the full range",
        value=widgets.query_param("range", "period") == "full",
        disabled=period is None,
        help="The chart opens on the story's period; this draws every dated event.",
    )
    widgets.set_query_param("range", "full" if full else "period")
    events = [e for e in mentioned if e.precision in chosen]
    span = (period.start, period.end) if period is not None else None
    outside = [e for e in events if span is not None and not within(e, *span)]
    if len(chosen) < len(precisions):
        subtitle = f"{subtitle} · precision: {', '.join(chosen)}"
    widgets.chart(
        memo.get(
            analysis,
            "event-timeline",
            (filters, tuple(chosen), span, full, subtitle),
            lambda: charts.event_timeline(
                events, subtitle=subtitle, article_names=names, period=span, full_range=full
            ),
        ),
        key="events",
    )
    if not events:
        st.info("No dated events in the chosen articles and precisions.")
    if span is not None and period is not None:
        when = period_text(span)
        n = len(outside)
        st.caption(
            f"The story's period, {when}, holds {period.share:.0%} of the reports of "
            f"{'things that happened' if any(e.kind != PLAN for e in mentioned) else 'plans'}."
            f" **{n} event{'s' * (n != 1)} outside the period** "
            + ("(drawn: full range)." if full else "(not drawn; listed below).")
        )
        if outside:
            with st.expander(f"{n} event{'s' * (n != 1)} outside the period {when}"):
                widgets.rows_table(  # only the rows shown are made on a rerun
                    outside,
                    lambda rows: events_frame(rows, names),
                    name="events-outside-period",
                    key="outside",
                )
    shown = events if full or span is None else [e for e in events if within(e, *span)]
    if shown:
        st.markdown("**The sentences behind each event drawn**")
    for event in widgets.paged(shown, key="event-page", noun="events", per_page=20):
        n = len(event.articles)
        kind = " · plan or target" if event.kind == PLAN else ""
        label = f"{event.date.iso()} · {event.label} ({n} article{'s' * (n != 1)}){kind}"
        with st.expander(escape_markdown(label)):
            for mention in event.mentions:
                st.markdown(
                    f"**{escape_markdown(names.get(mention.article_id, mention.article_id))}** · "
                    f"*{escape_markdown(mention.expression)}* — "
                    f"{escape_markdown(named(mention.basis, event.articles, names))}",
                    help=f"article id: {escape_markdown(mention.article_id)}",
                )
                st.markdown(f"> {escape_markdown(mention.sentence)}")
    unresolved = [m for m in analysis.unresolved_dates() if m.article_id in keep]
    if unresolved:
        with st.expander(f"{len(unresolved)} date expressions not dated"):
            frame = pd.DataFrame(
                [
                    {
                        "article": names.get(m.article_id, m.article_id),
                        "expression": m.expression,
                        "why": m.basis,
                        "article id": m.article_id,
                    }
                    for m in unresolved
                ],
                columns=["article", "expression", "why", "article id"],
            )
            widgets.table(frame, name="unresolved-dates", key="unresolved")
