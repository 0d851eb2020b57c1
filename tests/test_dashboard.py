"""The dashboard, driven by Streamlit's AppTest on the bundled seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    return at


def test_overview_runs_without_exceptions(app: AppTest) -> None:
    assert not app.exception
    assert app.title[0].value == "Overview"


def test_overview_shows_counts_and_the_articles_table(app: AppTest) -> None:
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Articles"] == "5"
    assert metrics["Independent reports"] == "4"
    table = app.dataframe[0].value
    assert list(table["id"]) == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert table.set_index("id").loc["000_3d9694f0226b20af", "outlet"] == "Anadolu Agency"
