"""natojp.charts.timeline: the publication and event timelines."""

from __future__ import annotations

import html
import random
import time
from dataclasses import replace
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from natojp import Analysis, analyze, charts
from natojp._dates import PartialDate
from natojp.charts import timeline as timeline_charts
from natojp.labels import text_width
from natojp.selection import mentioned_events
from natojp.timeline import PLAN, Event, story_period
from natojp.timeline.period import within
from tests import ROOT
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


def test_publication_timeline_leaves_out_articles_off_the_main_story() -> None:
    articles = [
        art("old", "Outlet C", PartialDate(2015, 6, 14), title="A chef's noodles"),
        art("a", "Outlet A", PartialDate(2025, 7, 29)),
        art("b", "Outlet B", PartialDate(2025, 8, 2)),
        art("d", "Outlet A"),
    ]
    fig = charts.publication_timeline(articles, subtitle="4 articles", off_story=["old"])
    shown = {i for trace in fig.data for i in trace.customdata}
    assert shown == {"a", "b"}
    assert list(fig.layout.yaxis.ticktext) == ["Outlet A", "Outlet B"]  # no empty lane
    assert fig.layout.title.subtitle.text == (
        "4 articles · 1 undated article not shown · "
        "1 article off the main story not shown (2015-06-14)"
    )
    start, end = fig.layout.xaxis.range
    assert start > "2025-01-01" and end < "2026-01-01"  # the story, not ten years
    # every dated article off the story: then they are the chart
    alone = charts.publication_timeline(articles[:1], off_story=["old"])
    assert [i for trace in alone.data for i in trace.customdata] == ["old"]


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
    assert labels_do_not_overlap(fig)
    assert any(t for trace in fig.data for t in trace.text)


def test_event_timeline_legend_sits_at_the_foot_under_the_axis_title(seeds: Analysis) -> None:
    from natojp.export.images import _axis_space

    fig = seeds_figures(seeds)["events"]
    legend = fig.layout.legend
    # pinned to the figure's foot, not placed in the plot's units (which put it on the
    # two-line date ticks and the axis title of a short chart)
    assert (legend.yref, legend.y, legend.yanchor, legend.orientation) == (
        "container",
        0,
        "bottom",
        "h",
    )
    assert fig.layout.margin.b >= _axis_space(fig) + 34  # the ticks, the title, the legend


def test_event_timeline_with_many_events_labels_those_that_fit() -> None:
    events = [
        event(
            PartialDate(2020 + i // 12, i % 12 + 1),
            f"event number {i} of sixty",
            ("a",) * (1 + i % 3),
        )
        for i in range(60)
    ]
    fig = charts.event_timeline(events)
    assert sum(len(t.x) for t in fig.data) == 60
    named = [t for trace in fig.data for t in trace.text if t]
    assert 10 < len(named) < 60
    assert f"{len(named)} of 60 labelled, the rest on hover" in title_text(fig)
    assert max(y for t in fig.data for y in t.y) < timeline_charts._LANE_ROWS["happened"]
    assert labels_do_not_overlap(fig)

    # The events of most articles are labelled first: nearly all of them fit.
    def labelled(size: float) -> float:
        texts = [
            t
            for trace in fig.data
            for t, s in zip(trace.text, trace.marker.size, strict=True)
            if s == size
        ]
        return sum(bool(t) for t in texts) / len(texts)

    sizes = sorted({s for trace in fig.data for s in trace.marker.size})
    assert labelled(sizes[-1]) >= 0.8 and labelled(sizes[-1]) > labelled(sizes[0])


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
    assert (
        "2 articles: Kyodo News · Talks, open <span style='color:#888888'>a</span><br>b"
        in named.data[0].hovertext[0]
    )


# --------------------------------------------------------------- lanes, period, labels


def plan(when: PartialDate, label: str, articles: tuple[str, ...]) -> Event:
    return replace(event(when, label, articles), kind=PLAN)


def label_boxes(fig: go.Figure) -> dict[float, list[tuple[float, float, str]]]:
    """Per row (y): the pixel extents of every marker and label, by the chart's layout
    rule (a plot ``_PLOT_WIDTH`` wide, a character ``_CHAR_PX`` font sizes wide)."""
    x0, x1 = (date.fromisoformat(d).toordinal() for d in fig.layout.xaxis.range)
    width = timeline_charts._PLOT_WIDTH
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for trace in fig.data:
        size = trace.textfont.size
        for x, y, text, side, marker in zip(
            trace.x, trace.y, trace.text, trace.textposition, trace.marker.size, strict=True
        ):
            px = (date.fromisoformat(x).toordinal() - x0) / (x1 - x0) * width
            r = marker / 2
            rows.setdefault(y, []).append((px - r, px + r, "marker"))
            if text:
                lines = [html.unescape(line) for line in text.split("<br>")]
                room = max(text_width(line) for line in lines) * timeline_charts._CHAR_PX * size
                lo, hi = (
                    (px + r, px + r + room) if side == "middle right" else (px - r - room, px - r)
                )
                assert lo >= -1 and hi <= width + 5, f"label off the plot: {text}"
                rows[y].append((lo, hi, text))
    return rows


def labels_do_not_overlap(fig: go.Figure) -> bool:
    for y, boxes in label_boxes(fig).items():
        for lo, hi, what in boxes:
            if what == "marker":
                continue
            hits = [w for a, b, w in boxes if (a, b, w) != (lo, hi, what) and a < hi and b > lo]
            assert not hits, f"row {y}: {what!r} overlaps {hits}"
    return True


def test_plans_and_targets_have_a_lane_of_their_own() -> None:
    events = [
        event(PartialDate(2025, 4, 14), "Ministers meet in Brussels", ("a", "b")),
        event(PartialDate(2025, 4, 28), "Talks with the EU", ("a",)),
        plan(PartialDate(2025, 7), "First dialogue session", ("a", "b", "c")),
        plan(PartialDate(2027), "Spending reaches 2% of GDP", ("b",)),
    ]
    fig = charts.event_timeline(events)
    y = {
        text.replace("<br>", " "): (value, kind)
        for trace in fig.data
        for text, value, (_, _, kind) in zip(trace.text, trace.y, trace.customdata, strict=True)
    }
    happened = [v for v, k in y.values() if k == "happened"]
    plans = [v for v, k in y.values() if k == "plan"]
    assert len(happened) == 2 and len(plans) == 2
    assert max(happened) < min(plans)  # the plan lane lies below, apart
    assert [t.replace("<br>", " ") for t in fig.layout.yaxis.ticktext] == [
        "<b>Happened</b>",
        "<b>Plans and targets</b>",
    ]
    (band,) = [s for s in fig.layout.shapes if s.y0 is not None and s.y0 > max(happened)]
    assert band.y0 < min(plans) and band.y1 > max(plans)
    hover = " ".join(h for trace in fig.data for h in trace.hovertext)
    assert "a plan, target or expectation" in hover and "reported as done" in hover
    only_done = charts.event_timeline(events[:2])
    assert list(only_done.layout.yaxis.ticktext) == ["<b>Happened</b>"]
    assert not only_done.layout.shapes


def test_the_default_view_spans_the_period_and_counts_what_lies_outside() -> None:
    events = [
        event(PartialDate(2013), "A ramen shop opens", ("a",)),
        event(PartialDate(2025, 3), "Missiles arrive", ("a", "b")),
        event(PartialDate(2025, 4, 14), "Ministers meet", ("a", "b", "c")),
        event(PartialDate(2025, 4), "A visit in April", ("b",)),  # the whole month: inside
        event(PartialDate(2025, 5), "May talks", ("c",)),  # outside: after the period
        plan(PartialDate(2027), "Spending target", ("a",)),
    ]
    period = (date(2025, 3, 1), date(2025, 4, 30))
    fig = charts.event_timeline(events, period=period, subtitle="6 articles")
    drawn = sorted(x for trace in fig.data for x in trace.x)
    assert drawn == ["2025-03-01", "2025-04-01", "2025-04-14"]
    start, end = fig.layout.xaxis.range
    assert "2025-02-20" <= start < "2025-03-01" and "2025-04-30" < end <= "2025-05-10"
    assert title_text(fig).endswith(
        "6 articles · story period 1 March – 30 April 2025 (3 events outside not shown)"
    )
    assert not fig.layout.shapes  # one lane (no plan inside), nothing shaded

    full = charts.event_timeline(events, period=period, full_range=True)
    assert sum(len(trace.x) for trace in full.data) == len(events)
    assert full.layout.xaxis.range[0] < "2013-01-01" and full.layout.xaxis.range[1] > "2027-01-01"
    (shaded,) = [s for s in full.layout.shapes if s.xref == "x"]
    assert (shaded.x0, shaded.x1) == ("2025-03-01", "2025-04-30")
    assert "all dates, story period 1 March – 30 April 2025 shaded" in title_text(full)
    assert labels_do_not_overlap(fig) and labels_do_not_overlap(full)

    nothing = charts.event_timeline(events[:1], period=period)
    assert is_empty_figure(
        nothing,
        "No events in the period 1 March – 30 April 2025: show the full range to see "
        "the 1 event outside it",
    )


def test_a_label_at_the_right_edge_goes_to_the_left_of_its_marker() -> None:
    events = [
        event(PartialDate(2025, 4, 1), "At the start of the period", ("a",)),
        event(PartialDate(2025, 4, 30), "At the very end of the period", ("a",)),
    ]
    fig = charts.event_timeline(events, period=(date(2025, 4, 1), date(2025, 4, 30)))
    side = {x: p for t in fig.data for x, p in zip(t.x, t.textposition, strict=True)}
    assert side == {"2025-04-01": "middle right", "2025-04-30": "middle left"}
    assert labels_do_not_overlap(fig)


def test_labels_never_overlap_in_a_crowded_period_and_the_layout_stays_cheap() -> None:
    rng = random.Random(7)
    events = [
        (plan if rng.random() < 0.3 else event)(
            PartialDate(2025, rng.randint(3, 5), rng.randint(1, 28)),
            " ".join(
                rng.choice(["Japan", "NATO", "talks", "on", "drones", "agree"]) for _ in range(9)
            ),
            ("a",) * rng.randint(1, 8),
        )
        for _ in range(1_200)
    ]
    started = time.perf_counter()
    fig = charts.event_timeline(events, period=(date(2025, 3, 1), date(2025, 5, 31)))
    seconds = time.perf_counter() - started
    assert sum(len(t.x) for t in fig.data) == timeline_charts._EVENTS_MAX_SHOWN
    assert labels_do_not_overlap(fig)
    assert 5 < sum(bool(t) for trace in fig.data for t in trace.text) <= 150
    assert seconds < 3, f"{seconds:.1f} s"


def test_long_and_wide_labels_take_two_lines_within_the_width() -> None:
    lines = timeline_charts._label_lines(
        "NATO Secretary General Mark Rutte welcomed Japan's defence minister to headquarters", 40
    )
    assert len(lines) == 2 and text_width(" ".join(lines)) <= 40 and lines[-1].endswith("…")
    assert timeline_charts._label_lines("Talks open", 40) == ["Talks open"]
    wide = timeline_charts._label_lines(
        "中谷防衛大臣は28日、来日中のEU＝ヨーロッパ連合で防衛・宇宙を担当する", 40
    )
    assert sum(text_width(line) for line in wide) <= 40


def test_the_period_reads_as_days_and_months() -> None:
    text = timeline_charts.period_text
    assert text((date(2025, 3, 1), date(2025, 4, 30))) == "1 March – 30 April 2025"
    assert text((date(2024, 12, 1), date(2025, 1, 31))) == "1 December 2024 – 31 January 2025"


STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


@pytest.fixture(scope="module")
def story40_events() -> list[Event]:
    return mentioned_events(analyze([STORY40]).timeline.events)


def busier(events: list[Event], copies: int) -> list[Event]:
    """``events`` and ``copies`` variants of each (a date a few days off, other words,
    some of the articles): the event density of a corpus ``copies + 1`` times larger."""
    rng = random.Random(3)
    out = list(events)
    for k in range(copies):
        for e in events:
            when = e.date
            if when.day is not None:
                when = PartialDate.from_date(when.start() + timedelta(days=rng.randint(-12, 12)))
            ids = tuple(f"{a}-{k}" for a in e.articles[: rng.randint(1, len(e.articles))])
            out.append(replace(e, date=when, label=f"Variant {k}: {e.label}", articles=ids))
    return out


@pytest.mark.parametrize("copies", [0, 3], ids=["40 articles", "about 150 articles"])
def test_the_story40_timeline_keeps_its_labels_apart(
    story40_events: list[Event], copies: int
) -> None:
    events = busier(story40_events, copies)
    period = story_period(events)
    assert period is not None
    span = (period.start, period.end)
    fig = charts.event_timeline(events, period=span)
    inside = [e for e in events if within(e, *span)]
    assert sum(len(t.x) for t in fig.data) == len(inside)
    assert labels_do_not_overlap(fig)
    named = sum(bool(t) for trace in fig.data for t in trace.text)
    assert named >= min(len(inside), 14)  # a readable chart: most events named
    assert fig.layout.height <= 1000
    full = charts.event_timeline(events, period=span, full_range=True)
    assert labels_do_not_overlap(full)
    assert sum(len(t.x) for t in full.data) == len(events)


def test_publication_timeline_groups_days_into_weeks_when_days_are_too_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(timeline_charts, "_PUBLICATIONS_MAX_MARKERS", 40)
    articles = [  # 3 outlets × 28 days (4 weeks from Monday 3 March 2025): 84 markers
        art(f"a{i}", f"Outlet {i % 3}", PartialDate(2025, 3, 3 + i % 28)) for i in range(2_400)
    ]
    fig = charts.publication_timeline(articles)
    assert sum(c for t in fig.data for c in t.customdata) == len(articles)
    xs = {x for t in fig.data for x in t.x}
    assert xs == {"2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24"}  # Mondays
    assert sum(len(t.x) for t in fig.data) == 3 * 4
    assert any("in the week of 2025-03-10" in h for h in fig.data[0].hovertext)
    assert "one marker per outlet and week" in title_text(fig)


def test_publication_timeline_gives_the_busiest_outlets_a_row_and_the_rest_one_row() -> None:
    articles = [  # outlet k publishes k + 1 articles: 60 outlets, the busiest last
        art(f"o{k}-{i}", f"Outlet {k:02d}", PartialDate(2025, 3, 1 + i % 20))
        for k in range(60)
        for i in range(k + 1)
    ]
    fig = charts.publication_timeline(articles)
    rows = list(fig.layout.yaxis.ticktext)
    assert len(rows) == timeline_charts._PUBLICATIONS_MAX_LANES
    assert rows[-1] == "21 other outlets"
    assert "Outlet 59" in rows and "Outlet 00" not in rows
    assert sorted(i for t in fig.data for i in t.customdata) == sorted(a.id for a in articles)
    assert max(y for t in fig.data for y in t.y) < len(rows)  # spread within the last row
    assert "then 21 other outlets in one row" in title_text(fig)
