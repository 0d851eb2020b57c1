"""Shared fixtures: the analysed seeds, once per test session; and a failing test's
report carries the output of every dashboard server still running."""

from __future__ import annotations

from collections.abc import Generator

import pytest

from natojp.analysis import Analysis, analyze
from tests import SEEDS
from tests.browser import StreamlitServer


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed:
        for server in StreamlitServer.live():
            report.sections.append((f"streamlit server output ({server.url})", server.log()))
    return report


@pytest.fixture(scope="session")
def seeds() -> Analysis:
    """The bundled seeds analysed with the default settings (shared: never mutate it)."""
    return analyze([SEEDS])
