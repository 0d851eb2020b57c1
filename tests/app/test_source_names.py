"""Sources as the reader sees them (sidebar filter, Similarity and Areas by source) and the
filter summary of the sidebar and chart subtitles, on story40 (40 invented articles; four
of them name no outlet, so each is its own source)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from natojp.analysis import analyze
from natojp.labels import source_labels
from tests import ROOT
from tests.app.test_views import AREAS, SIMILARITY, STORY40, figures


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return source_labels(analyze([STORY40]).articles)


def _open(
    monkeypatch: pytest.MonkeyPatch, page: str, query: dict[str, Any] | None = None
) -> AppTest:
    monkeypatch.setenv("NATOJP_CORPUS", str(STORY40))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params = dict(query or {})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_unattributed_sources_read_by_title_and_keep_their_key(
    monkeypatch: pytest.MonkeyPatch, names: dict[str, str]
) -> None:
    unattributed = {k: v for k, v in names.items() if k.startswith("(unattributed) ")}
    assert len(unattributed) == 4
    assert all(v.startswith("(unattributed) ") and v != k for k, v in unattributed.items())
    key = "(unattributed) 01_brussels"
    at = _open(monkeypatch, SIMILARITY, {"source": [key]})
    box = at.sidebar.multiselect(key="filter_sources")
    assert box.value == [key]  # the key, from the link, stays the value
    assert names[key] in box.options  # shown by its name
    assert not any(o.startswith("(unattributed) 0") for o in box.options)
    caption = " ".join(c.value for c in at.sidebar.caption)
    assert "1 of 40 articles shown · 1 source" in caption


def test_similarity_by_source_and_subtitles_name_sources(
    monkeypatch: pytest.MonkeyPatch, names: dict[str, str]
) -> None:
    at = _open(monkeypatch, SIMILARITY)
    spec = json.dumps(figures(at), ensure_ascii=False)
    assert names["(unattributed) 14_tokyo"] in spec
    assert "(unattributed) 14_tokyo" not in spec
    # the subtitles: no stray corpus folder name ("articles · 40 of 40 articles")
    assert "articles · 40 of 40" not in spec and "all sources" not in spec
    assert "all 40 articles" in spec
    box = at.selectbox[0]
    assert all(not o.startswith("(unattributed) 1") for o in box.options)


def test_areas_by_source_rows_are_named(
    monkeypatch: pytest.MonkeyPatch, names: dict[str, str]
) -> None:
    at = _open(monkeypatch, AREAS, {"by": "source"})
    spec = json.dumps(figures(at), ensure_ascii=False)
    assert names["(unattributed) 19_tokyo"] in spec
    assert "all 40 articles · rows: sources" in spec
    frame = next(d.value for d in at.dataframe if "source name" in d.value.columns)
    assert "source name" in frame.columns
    assert "(unattributed) 19_tokyo" in set(frame.iloc[:, 0])  # the key kept for exports
