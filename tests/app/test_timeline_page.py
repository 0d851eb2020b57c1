"""The Timeline page driven by Streamlit's AppTest on story40 (40 invented articles):
the event chart opens on the story's period, plans in their own lane, the events
outside the period counted and listed, articles named by their label everywhere."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from natojp import Analysis, analyze
from natojp.app import PAGES as APP_PAGES
from natojp.app.launch import CORPUS_ENV
from natojp.labels import article_labels
from natojp.selection import mentioned_events
from natojp.timeline import story_period
from natojp.timeline.period import within
from tests import ROOT

TIMELINE = next(str(p.script) for p in APP_PAGES if p.url_path == "timeline")
STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


@pytest.fixture(scope="module")
def story40() -> Analysis:
    return analyze([STORY40])


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(CORPUS_ENV, str(STORY40))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.run()
    app.switch_page(TIMELINE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def events_chart(at: AppTest) -> dict[str, Any]:
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    return next(s for s in specs if s["layout"]["meta"]["name"] == "event-timeline")


def drawn(spec: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (x, d[2]) for t in spec["data"] for x, d in zip(t["x"], t["customdata"], strict=True)
    )


def plain(text: str) -> str:
    return text.replace("\\", "")


def test_the_event_chart_opens_on_the_period_with_plans_apart(
    at: AppTest, story40: Analysis
) -> None:
    events = mentioned_events(story40.timeline.events)
    period = story_period(events)
    assert period is not None
    inside = [e for e in events if within(e, period.start, period.end)]
    outside = [e for e in events if not within(e, period.start, period.end)]
    assert inside and outside
    spec = events_chart(at)
    assert drawn(spec) == sorted((e.date.start().isoformat(), e.kind) for e in inside)
    start, end = spec["layout"]["xaxis"]["range"]
    assert start <= period.start.isoformat() and period.end.isoformat() <= end
    assert (
        f"({len(outside)} events outside not shown)" in spec["layout"]["title"]["subtitle"]["text"]
    )
    assert [plain(t) for t in spec["layout"]["yaxis"]["ticktext"]] == [
        "<b>Happened</b>",
        "<b>Plans and<br>targets</b>",
    ]
    caption = next(c.value for c in at.caption if "outside the period" in c.value)
    assert f"**{len(outside)} events outside the period** (not drawn; listed below)" in caption
    (listed,) = [e for e in at.expander if "outside the period" in e.label]
    assert listed.label.startswith(f"{len(outside)} events outside the period")
    frame = listed.dataframe[0].value
    assert len(frame) == len(outside)
    assert list(frame.columns) == [
        "date",
        "kind",
        "event",
        "articles",
        "reported by",
        "article ids",
    ]
    labels = article_labels(story40.articles)
    first = outside[0]
    row = frame.iloc[0]
    assert row["event"] == first.label and row["article ids"] == ", ".join(first.articles)
    assert row["reported by"] == "; ".join(labels[a] for a in first.articles)
    assert set(frame["kind"]) == {"happened", "plan or target"}


def test_the_full_range_shows_every_event_and_shades_the_period(
    at: AppTest, story40: Analysis
) -> None:
    at.toggle[0].set_value(True).run()
    assert not at.exception
    assert at.query_params["range"] in ("full", ["full"])
    spec = events_chart(at)
    events = mentioned_events(story40.timeline.events)
    assert len(drawn(spec)) == len(events)
    assert any(s.get("xref") == "x" for s in spec["layout"]["shapes"])  # the period, shaded
    assert any("(drawn: full range)" in c.value for c in at.caption)


def test_articles_are_named_by_label_and_their_ids_are_on_hover(
    at: AppTest, story40: Analysis
) -> None:
    labels = article_labels(story40.articles)
    ids = {a.id for a in story40.articles}
    shown = [plain(m.value) for m in at.markdown]
    pattern = re.compile("|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)))
    assert not [m for m in shown if pattern.search(m)], "no article id in the text"
    mentions = [m for m in at.markdown if m.proto.help.startswith("article id:")]
    assert mentions, "each mention names its article"
    for m in mentions:
        article = plain(m.proto.help).removeprefix("article id: ")
        assert plain(m.value).startswith(f"**{labels[article]}**")
    unresolved = next(e for e in at.expander if "date expressions not dated" in e.label)
    frame = unresolved.dataframe[0].value
    assert list(frame.columns) == ["article", "expression", "why", "article id"]
    assert {labels[i] for i in frame["article id"]} == set(frame["article"])
