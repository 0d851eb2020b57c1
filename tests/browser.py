"""Browser-test helpers over :mod:`natojp.export.browser` (server, Chromium, page checks).

A helper module, not tests (pytest collects only ``test_*.py``). It adds what only
tests need: :func:`require_chromium` skips (never downloads a browser) where no
Chromium or Playwright is found, and :func:`screenshot_is_blank` judges a PNG.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat

from natojp.errors import BrowserError
from natojp.export import browser
from natojp.export.browser import (
    CHROMIUM_ARGS,
    DEFAULT_CHROMIUM,
    VIEWPORT,
    Dashboard,
    ServerError,
    StreamlitServer,
    app_state,
    chromium,
    chromium_executable,
    exception_text,
    free_port,
    full_page_screenshot,
    page_has_exception,
    run_dashboard,
    wait_for_app,
)

__all__ = [
    "CHROMIUM_ARGS",
    "DEFAULT_CHROMIUM",
    "VIEWPORT",
    "Dashboard",
    "ServerError",
    "StreamlitServer",
    "app_state",
    "chromium",
    "chromium_executable",
    "exception_text",
    "free_port",
    "full_page_screenshot",
    "page_has_exception",
    "require_chromium",
    "run_dashboard",
    "screenshot_is_blank",
    "wait_for_app",
]


def require_chromium() -> str:
    """The Chromium executable, or skip the calling test with the reason."""
    try:
        return browser.require_chromium()
    except BrowserError as exc:
        pytest.skip(f"browser tests need Chromium and Playwright: {exc.message}")


def screenshot_is_blank(png: bytes, *, dominant: float = 0.995, min_stddev: float = 2.0) -> bool:
    """Whether an image shows (next to) nothing.

    Blank: all black; or one colour covers at least ``dominant`` of the pixels; or the
    per-channel standard deviation stays below ``min_stddev`` (a flat or near-flat fill).
    """
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    pixels = rgb.width * rgb.height
    if pixels == 0:
        return True
    stat = ImageStat.Stat(rgb)
    if max(high for _, high in stat.extrema) <= 8:
        return True  # all black (or nearly)
    if max(stat.stddev) < min_stddev:
        return True
    colours = rgb.getcolors(maxcolors=pixels) or []
    return max(count for count, _ in colours) / pixels >= dominant
