"""natojp.charts.timeline: the publication and event timelines."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from natojp import Analysis, charts
from natojp._dates import PartialDate
from natojp.charts import timeline as timeline_charts
from tests.charts.helpers import art, event, is_empty_figure, seeds_figures, title_text


def test_publication_timeline_inline() -> None:
    articles = [
        art("a", "Outlet A", PartialDate(2025, 7, 29)),
        art("b", "Outlet B", PartialDate(2025, 7)),
        art("c", None, PartialDate(2024)),
        art("d", "Outlet A"),
        art("e", "Outlet A", PartialDate(2025, 7, 29), title="Same outlet, same day"),
    ]
    fig = charts.publication_timeline(articles, subtitle="5 articles")
    assert fig.layout.title.subtitle.text == "5 articles · 1 undated article not shown"
    points = {
        i: (trace.name, trace.marker.symbol, x, y)
        for trace in fig.data
        for i, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }
    assert set(points) == {"a", "b", "c", "e"}  # one point per dated article
    assert points["a"][:3] == ("day precision", "circle", "2025-07-29")
    assert points["b"][:3] == ("month precision", "square", "2025-07-01")
    assert points["c"][:3] == ("year precision", "diamond", "2024-01-01")
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks == ["(unknown outlet)", "Outlet B", "Outlet A"]  # rows by first date
    assert round(points["a"][3]) == round(points["e"][3]) == ticks.index("Outlet A")
    assert points["a"][3] != points["e"][3]  # same outlet, same day: both visible
    day = next(t for t in fig.data if t.name == "day precision")
    assert "Same outlet, same day" in " ".join(day.hovertext)
    assert "basis: manifest" in day.hovertext[0]
    start, end = fig.layout.xaxis.range
    assert start < "2024-01-01" and end > "2025-07-29"


def test_publication_timeline_without_dates_says_so() -> None:
    fig = charts.publication_timeline([art("a", "Outlet A"), art("b")])
    assert is_empty_figure(fig, "None of the 2 articles carries a publication date")
    assert fig.layout.title.subtitle.text == "2 undated articles not shown"


def test_publication_timeline_on_the_seeds(seeds: Analysis) -> None:
    fig = seeds_figures(seeds)["publications"]
    dated = [a for a in seeds.articles if a.published is not None]
    ids = [i for trace in fig.data for i in trace.customdata]
    assert sorted(ids) == sorted(a.id for a in dated) and len(ids) == len(dated) == 3
    xs = {i: x for trace in fig.data for i, x in zip(trace.customdata, trace.x, strict=True)}
    assert all(xs[a.id] == a.published.start().isoformat() for a in dated if a.published)
    assert "2 undated articles not shown" in fig.layout.title.subtitle.text
    assert set(fig.layout.yaxis.ticktext) == {a.outlet for a in dated}


def test_event_timeline_inline() -> None:
    events = [
        event(PartialDate(2025, 6), "NATO summit in The Hague", ("a", "b", "c")),
        event(PartialDate(2025, 7, 29), "First NATO-Japan defence-industrial dialogue", ("a",)),
        event(PartialDate(2025, 7, 30), "Statement published", ("b",)),
        event(PartialDate(2022), "Japan attends foreign ministers' meetings", ("c",)),
    ]
    fig = charts.event_timeline(events, subtitle="3 articles")
    points = [
        (x, y, size, text, trace.name)
        for trace in fig.data
        for x, y, size, text in zip(trace.x, trace.y, trace.marker.size, trace.text, strict=True)
    ]
    assert len(points) == 4
    assert sorted(p[0] for p in points) == ["2022-01-01", "2025-06-01", "2025-07-29", "2025-07-30"]
    by_x = {p[0]: p for p in points}
    assert by_x["2025-06-01"][2] > by_x["2025-07-29"][2]  # more articles, bigger marker
    assert by_x["2025-06-01"][4] == "month precision"
    assert by_x["2022-01-01"][4] == "year precision"
    # close events sit in different rows so that their labels do not overlap
    assert len({by_x[d][1] for d in ("2025-06-01", "2025-07-29", "2025-07-30")}) == 3
    start, end = fig.layout.xaxis.range
    assert start < "2022-01-01" and end > "2025-07-30"  # padded
    hover = " ".join(h for trace in fig.data for h in trace.hovertext)
    assert "NATO summit in The Hague" in hover and "3 articles: a, b, c" in hover
    assert "2025-06 (month precision)" in hover


def test_event_timeline_on_the_seeds(seeds: Analysis) -> None:
    events = seeds.timeline.events
    fig = seeds_figures(seeds)["events"]
    xs = sorted(x for trace in fig.data for x in trace.x)
    assert xs == sorted(e.date.start().isoformat() for e in events)
    starts = [date.fromisoformat(x) for x in xs]
    span = max((max(starts) - min(starts)).days, 30)
    rows: dict[int, list[date]] = {}
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            rows.setdefault(y, []).append(date.fromisoformat(x))
    for days in rows.values():  # labels in one row are far enough apart not to overlap
        days.sort()
        assert all((b - a).days >= 0.3 * span for a, b in pairwise(days))


def test_event_timeline_with_many_events_labels_in_hover_only() -> None:
    events = [
        event(PartialDate(2020 + i // 12, i % 12 + 1), f"event {i}", ("a",)) for i in range(60)
    ]
    fig = charts.event_timeline(events)
    assert sum(len(t.x) for t in fig.data) == 60
    assert all(t.mode == "markers" for t in fig.data)
    assert max(y for t in fig.data for y in t.y) < 12  # a bounded number of rows


def test_event_timeline_draws_the_most_reported_events_of_a_large_corpus() -> None:
    events = [
        event(PartialDate(2000 + i % 20, 1 + i % 12, 1 + i % 28), f"event {i}", ("a",) * (i % 5))
        for i in range(1_500)
    ]
    fig = charts.event_timeline(events)
    drawn = sum(len(t.x) for t in fig.data)
    assert drawn == timeline_charts._EVENTS_MAX_SHOWN
    sizes = [s for t in fig.data for s in t.marker.size]
    assert sum(s >= 15 for s in sizes) == 900  # every event of 2+ articles is drawn
    assert "of 1,500" in title_text(fig)


def test_publication_timeline_counts_per_outlet_and_date_when_large() -> None:
    day = PartialDate(2025, 3, 1)
    articles = [
        art(f"a{i}", f"Outlet {i % 3}", PartialDate(2025, 3, 1 + i % 10)) for i in range(2_400)
    ]
    articles.append(art("m", "Outlet 0", PartialDate(2025, 4)))
    fig = charts.publication_timeline(articles)
    assert sum(c for t in fig.data for c in t.customdata) == len(articles)
    assert sum(len(t.x) for t in fig.data) == 3 * 10 + 1  # outlets × days + the month
    assert day.start().isoformat() in {x for t in fig.data for x in t.x}
    assert "sized by its number of articles" in title_text(fig)


def test_event_hover_names_articles_by_label() -> None:
    ev = event(PartialDate(2025, 7, 1), "Talks open", ("a", "b"))
    plain = charts.event_timeline([ev])
    assert "2 articles: a, b" in plain.data[0].hovertext[0]
    named = charts.event_timeline([ev], article_names={"a": "Kyodo News · Talks, open"})
    assert "2 articles: Kyodo News · Talks, open<br>b" in named.data[0].hovertext[0]
