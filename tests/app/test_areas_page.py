"""The Technology areas page driven by Streamlit's AppTest: a cell of the heatmap, chosen
by a click or with the select boxes, shows the sentences behind it."""

from __future__ import annotations

import json
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from natojp import Analysis
from natojp.app import PAGES as APP_PAGES
from natojp.labels import article_labels
from tests import ROOT

AREAS = next(str(p.script) for p in APP_PAGES if p.url_path == "areas")
ROW, AREA = "000_3d9694f0226b20af", "space"  # the one article with one space sentence


def open_areas() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    at.switch_page(AREAS).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def heatmap(at: AppTest) -> Any:
    return next(
        el.proto
        for el in at.get("plotly_chart")
        if json.loads(el.proto.spec)["layout"]["meta"]["name"] == "area-heatmap"
    )


def click(at: AppTest, row: str, area: str) -> AppTest:
    """What the browser sends when a cell is clicked: the chart's selection, as widget
    state (AppTest has no API for Plotly selections; this uses its runner directly)."""
    chart = heatmap(at)
    spec = json.loads(chart.spec)
    cells = spec["data"][1]["customdata"]
    index = cells.index([row, area])
    point = {"curve_number": 1, "point_number": index, "point_index": index}
    selection = {"points": [{**point, "customdata": [row, area]}], "point_indices": [index]}
    states = at._tree.get_widget_states()
    states.widgets.append(
        WidgetState(
            id=chart.id,
            string_value=json.dumps({"selection": {**selection, "box": [], "lasso": []}}),
        )
    )
    at._tree._runner._run(states)  # type: ignore[union-attr]
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_sentences(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("> ")]


def outlined(at: AppTest) -> tuple[float, float] | None:
    shapes = json.loads(heatmap(at).spec)["layout"].get("shapes", [])
    cell = next((s for s in shapes if s.get("name") == "selected-cell"), None)
    return (cell["x0"] + 0.5, cell["y0"] + 0.5) if cell else None


def test_the_page_starts_on_the_strongest_cell_and_draws_clickable_cells(seeds: Analysis) -> None:
    at = open_areas()
    spec = json.loads(heatmap(at).spec)
    heat, cells = spec["data"]
    assert heat["type"] == "heatmap" and cells["type"] == "scatter"
    assert len(cells["customdata"]) == seeds.tech.scores.size
    top: Any = seeds.tech.scores.stack().idxmax()
    row, area = str(top[0]), str(top[1])
    assert at.selectbox(key="area-row-article").value == row
    assert at.selectbox(key="area-area").value == area
    rows, areas = list(seeds.tech.scores.index), list(seeds.tech.scores.columns)
    assert outlined(at) == (areas.index(area), rows.index(row))
    assert len(shown_sentences(at)) == len(seeds.tech.evidence[row][area])


def test_a_click_on_a_cell_shows_its_sentences_and_sets_the_select_boxes(
    seeds: Analysis,
) -> None:
    at = click(open_areas(), ROW, AREA)
    assert at.selectbox(key="area-row-article").value == ROW
    assert at.selectbox(key="area-area").value == AREA
    (sentence,) = seeds.tech.evidence[ROW][AREA]
    (shown,) = [s.replace("\\", "") for s in shown_sentences(at)]  # Markdown-escaped
    assert shown.startswith(f"> {sentence[:40]}") and ROW not in shown  # id: on hover
    header = next(m for m in at.markdown if "sentence(s)**" in m.value)
    assert header.value.startswith("**1 sentence(s)** in Anadolu Agency")
    assert ROW in header.proto.help.replace("\\", "")
    rows, areas = list(seeds.tech.scores.index), list(seeds.tech.scores.columns)
    assert outlined(at) == (areas.index(AREA), rows.index(ROW))

    # The select boxes then choose another cell; the old click does not take it back.
    at.selectbox(key="area-area").set_value("ai").run()
    assert at.selectbox(key="area-row-article").value == ROW
    assert at.selectbox(key="area-area").value == "ai"
    assert shown_sentences(at) == []
    assert any(m.value.startswith("**0 sentence(s)**") for m in at.markdown)
    at.run()
    assert at.selectbox(key="area-area").value == "ai"


def test_by_source_a_click_shows_the_sentences_of_the_sources_articles(seeds: Analysis) -> None:
    at = open_areas()
    at.radio[0].set_value("Source").run()
    source = next(a.source for a in seeds.articles if a.id == ROW)
    click(at, source, AREA)
    assert at.selectbox(key="area-row-source").value == source
    assert len(shown_sentences(at)) == len(seeds.tech.evidence[ROW][AREA])
    # Each article's sentences under its label (outlet · short title), its id on hover.
    label = article_labels(seeds.articles)[ROW]
    (heading,) = [m for m in at.markdown if m.value.replace("\\", "") == f"**{label}**"]
    assert ROW in heading.proto.help.replace("\\", "")
    assert not any(ROW in m.value.replace("\\", "") for m in at.markdown)


def test_the_table_of_articles_names_them_and_keeps_their_ids(seeds: Analysis) -> None:
    at = open_areas()
    frame = at.dataframe[0].value
    assert list(frame.columns[:2]) == ["article", "article id"]
    labels = article_labels(seeds.articles)
    assert [labels[i] for i in frame["article id"]] == list(frame["article"])
