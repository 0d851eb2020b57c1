"""Shared fixtures: the analysed seeds, once per test session; and a failing test's
report carries the output of every dashboard server still running."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from natojp.analysis import Analysis, analyze
from natojp.library import CACHE_ENV, LIBRARY_ENV
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


@pytest.fixture(scope="session", autouse=True)
def _library_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Dashboards and commands started by the tests (in process or as servers) keep
    their corpus libraries and analysis snapshots in folders of this test session,
    never in the user's data and cache folders."""
    home = tmp_path_factory.mktemp("libraries")
    cache = tmp_path_factory.mktemp("analyses")
    before = {name: os.environ.get(name) for name in (LIBRARY_ENV, CACHE_ENV)}
    os.environ[LIBRARY_ENV] = str(home)
    os.environ[CACHE_ENV] = str(cache)
    yield home
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
