"""The briefing pack of the seeds and its chart images, built once for the pack's tests."""

from __future__ import annotations

import pytest

from natojp.analysis import Analysis
from natojp.export import Brief, build_brief, chromium_available, render_charts


@pytest.fixture(scope="session")
def brief(seeds: Analysis) -> Brief:
    return build_brief(seeds)


@pytest.fixture(scope="session")
def images(brief: Brief) -> list[bytes | None]:
    if not chromium_available():
        pytest.skip("no Chromium found (install chromium or set NATOJP_CHROMIUM)")
    return render_charts(brief)
