"""Fixtures of the natojp.charts tests. Streamlit is imported first, as in the app: it sets
Plotly's default template to "streamlit", which no figure may rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit  # noqa: F401  (sets Plotly's default template to "streamlit", as in the app)

from natojp import Analysis, analyze

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds() -> Analysis:
    return analyze([ROOT / "seeds"])
