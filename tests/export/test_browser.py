"""natojp.export.browser and its test helpers (tests/browser.py): a server that cannot
start says why, and blank screenshots are recognised."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageDraw

from tests.browser import VIEWPORT, ServerError, StreamlitServer, screenshot_is_blank


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_blank_screenshots_are_recognised() -> None:
    size = (VIEWPORT["width"], VIEWPORT["height"])
    white = Image.new("RGB", size, "white")
    assert screenshot_is_blank(_png(white))
    assert screenshot_is_blank(_png(Image.new("RGB", size, "black")))
    assert screenshot_is_blank(_png(Image.new("RGB", size, (14, 17, 23))))  # a dark theme
    speck = white.copy()
    ImageDraw.Draw(speck).rectangle((10, 10, 40, 20), fill="black")  # a lone spinner
    assert screenshot_is_blank(_png(speck))

    page = white.copy()
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 250, size[1]), fill=(240, 242, 246))  # sidebar
    for y in range(60, 800, 24):  # lines of text
        draw.text(
            (300, y), "NATO and Japan hold their first defence-industrial talks " * 3, "black"
        )
    assert not screenshot_is_blank(_png(page))


@pytest.mark.browser  # starts a Streamlit server
def test_a_server_that_cannot_start_fails_with_its_output() -> None:
    missing = "no_such_dashboard.py"
    with (
        pytest.raises(ServerError, match=re.escape(f"File does not exist: {missing}")),
        StreamlitServer(missing),
    ):
        pass
    assert not StreamlitServer.live(), "stopped and forgotten"
