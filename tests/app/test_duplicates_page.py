"""The Duplicates page driven by Streamlit's AppTest: the side-by-side view."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from natojp import analyze
from natojp._text import escape_markdown
from natojp.app import PAGES as APP_PAGES
from natojp.labels import article_labels
from tests import ROOT

DUPLICATES = next(str(p.script) for p in APP_PAGES if p.url_path == "duplicates")

ORIGINAL = [
    "The harbour authority said on Monday that the new breakwater would protect the fishing "
    "fleet from winter storms.",
    "Engineers expect the work to employ about two hundred people from the surrounding "
    "villages, the authority said in a statement.",
]
REWRITE = [
    "The harbour authority said that the new breakwater would protect the local fishing "
    "fleet from winter storms.",
    "A separate plan for a ferry terminal is still being discussed by the regional council.",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NATOJP_ALLOW_FOLDERS", "1")
    (tmp_path / "harbour.txt").write_text("\n\n".join(ORIGINAL), encoding="utf-8")
    (tmp_path / "rewrite.txt").write_text("\n\n".join(REWRITE), encoding="utf-8")
    return tmp_path


def test_side_by_side_keeps_spacing_and_marks_changes(folder: Path) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    at.sidebar.radio(key="corpus_source").set_value("Folder on this computer").run()
    at.sidebar.text_input(key="corpus_folder").set_value(str(folder)).run()
    at.switch_page(DUPLICATES).run()
    assert not at.exception, [e.value for e in at.exception]
    sides = [m.value for m in at.markdown if "line" in m.value and "background[" in m.value]
    assert len(sides) == 2
    left, right = sides
    assert " \\." not in left and " ," not in left  # no space inserted before punctuation
    assert left.endswith(":orange-background[fishing fleet from winter storms]\\.")
    assert ":red[~~on Monday~~]" in left
    assert ":green-background[local]" in right
    assert any("same wording" in c.value for c in at.caption)


def test_articles_are_named_by_their_labels(folder: Path) -> None:
    """The pair list, the side-by-side headers and the tables name each article by its
    label (from the whole corpus), the ids kept next to them."""
    labels = article_labels(analyze([folder]).articles)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    at.sidebar.radio(key="corpus_source").set_value("Folder on this computer").run()
    at.sidebar.text_input(key="corpus_folder").set_value(str(folder)).run()
    at.switch_page(DUPLICATES).run()
    assert not at.exception, [e.value for e in at.exception]
    pair = next(s for s in at.selectbox if s.label == "Passage pair")
    assert f"{labels['harbour']} ↔ {labels['rewrite']}" in pair.format_func(pair.value)
    sides = [m.value for m in at.markdown if "line" in m.value and "background[" in m.value]
    for side, article_id in zip(sides, ("harbour", "rewrite"), strict=True):
        head = f"**{escape_markdown(labels[article_id])}** · {escape_markdown(article_id)} · "
        assert side.startswith(head)
    frame = at.dataframe[0].value
    assert list(frame.columns[:4]) == ["a", "a label", "b", "b label"]
    assert list(frame["a label"]) == [labels[i] for i in frame["a"]]
