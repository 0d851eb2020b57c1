"""The Provenance and Corroboration pages on the seeds, driven by Streamlit's AppTest."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from natojp.app import PAGES
from tests import ROOT

PROVENANCE = next(str(p.script) for p in PAGES if p.url_path == "provenance")
CORROBORATION = next(str(p.script) for p in PAGES if p.url_path == "corroboration")


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def test_the_provenance_page_names_the_first_publisher_and_its_evidence() -> None:
    at = open_page(PROVENANCE)
    assert at.title[0].value == "Provenance"
    story = at.selectbox[0]
    assert story.label == "Story" and story.options
    text = " ".join(m.value for m in at.markdown)
    assert "First published by" in text and "Japan Times" in text
    (graph,) = [f for f in figures(at) if f["layout"]["meta"]["name"] == "provenance-graph"]
    assert graph["data"], "the story's graph is drawn"
    assert at.query_params["story"] == story.value
    labels = [d.proto.label for d in at.get("download_button")]
    assert (
        "This story's graph (GraphML)" in labels
        and "All stories' graph (GEXF, for Gephi)" in labels
    )
    assert at.dataframe, "the edges and stories tables"


def test_the_corroboration_page_flags_what_one_report_carries() -> None:
    at = open_page(CORROBORATION)
    assert at.title[0].value == "Corroboration"
    (bars,) = [f for f in figures(at) if f["layout"]["meta"]["name"] == "corroboration"]
    assert {t["name"] for t in bars["data"]} >= {"one independent report"}
    shown = " ".join(str(df.value.to_csv()) for df in at.dataframe)
    assert "Anya Sharma" in shown  # only the seeds' rewrite 003 quotes her
    assert [s.value for s in at.subheader][:4] == [
        "To check",
        "Quotes",
        "People and organisations",
        "Claims",
    ]
