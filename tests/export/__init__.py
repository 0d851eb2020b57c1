"""Tests of :mod:`natojp.export`: chart images, the briefing pack, page snapshots and
the browser machinery. Rendering needs a Chromium: those tests are marked ``browser``
and skip where none is found."""

import pytest

from natojp.export import chromium_available

needs_chromium = pytest.mark.skipif(
    not chromium_available(),
    reason="no Chromium found (install chromium or set NATOJP_CHROMIUM): "
    "server-side image export cannot run",
)
