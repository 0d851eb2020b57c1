"""A failing test's report carries the output of every dashboard server still running."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from browser import StreamlitServer


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed:
        for server in StreamlitServer.live():
            report.sections.append((f"streamlit server output ({server.url})", server.log()))
    return report
