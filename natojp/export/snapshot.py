"""Page screenshots for briefings: every dashboard page as a PNG, without manual cropping.

:func:`snapshot` starts the installed dashboard headless on a free loopback port (with
the app's settings: ``client.toolbarMode=minimal``, so no developer menu shows), opens each page in
headless Chromium driven by Playwright at a fixed viewport width, waits until the page
has finished running and its charts are drawn, collapses the sidebar (unless asked to
keep it) and writes one full-height PNG per page. The CLI is ``natojp snapshot``.

Sizes are deterministic: the width is the viewport's, times ``scale``; the height is
the page's own content height (at least the viewport's), so the same corpus and
version give the same image size. Needs Playwright (``pip install 'natojp[snapshot]'``)
and a Chromium executable; raises :class:`~natojp.errors.BrowserError` otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from natojp.app.pages import PAGES
from natojp.app.pages import Page as AppPage
from natojp.errors import BrowserError, ConfigError

if TYPE_CHECKING:
    from playwright.sync_api import Page

DEFAULT_WIDTH = 1600
DEFAULT_HEIGHT = 1000


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One page written: its URL path, title, file and image size in pixels."""

    page: str
    title: str
    path: Path
    width: int
    height: int


def page_names() -> list[str]:
    """The pages ``snapshot`` knows, in navigation order (their URL names)."""
    return [p.url_path for p in PAGES]


def snapshot(
    out_dir: Path,
    *,
    pages: Sequence[str] | None = None,
    corpus: Path | None = None,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    scale: float = 1.0,
    sidebar: bool = False,
) -> list[Snapshot]:
    """Write ``NN-<page>.png`` for each of ``pages`` (default: all) into ``out_dir``.

    ``corpus`` (a folder or a file such as a .zip or .csv) replaces the bundled seeds.
    """
    from natojp.export.browser import require_chromium

    known = PAGES
    wanted = list(pages) if pages else [p.url_path for p in known]
    unknown = [w for w in wanted if w not in {p.url_path for p in known}]
    if unknown:
        raise ConfigError(
            f"unknown page(s): {', '.join(unknown)}; the pages are "
            f"{', '.join(p.url_path for p in known)}"
        )
    if corpus is not None and not corpus.exists():
        raise ConfigError(f"no such file or folder: {corpus}")
    if width < 320 or height < 240 or not 0.5 <= scale <= 4:
        raise ConfigError("the viewport must be at least 320×240 and the scale 0.5 to 4")
    from playwright.sync_api import Error as PlaywrightError

    executable = require_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        return _shoot(out_dir, known, wanted, corpus, width, height, scale, sidebar, executable)
    except (PlaywrightError, AssertionError) as exc:  # AssertionError: a page never settled
        raise BrowserError(f"taking the page screenshots failed: {exc}") from exc


def _shoot(
    out_dir: Path,
    known: Sequence[AppPage],
    wanted: Sequence[str],
    corpus: Path | None,
    width: int,
    height: int,
    scale: float,
    sidebar: bool,
    executable: str,
) -> list[Snapshot]:
    from natojp.export.browser import (
        exception_text,
        full_page_screenshot,
        page_has_exception,
        run_dashboard,
        wait_for_app,
    )

    written: list[Snapshot] = []
    with run_dashboard(
        executable,
        corpus=corpus,
        viewport={"width": width, "height": height},
        scale=scale,
    ) as dashboard:
        for number, spec in enumerate(known, start=1):
            if spec.url_path not in wanted:
                continue
            with dashboard.new_page() as page:
                page.goto(dashboard.url(spec.path), wait_until="domcontentloaded")
                wait_for_app(page)
                if page_has_exception(page):
                    raise BrowserError(f"the {spec.title} page failed: {exception_text(page)}")
                _hide_chrome(page, sidebar=sidebar)
                wait_for_app(page)
                png = full_page_screenshot(page)
            path = out_dir / f"{number:02d}-{spec.url_path}.png"
            path.write_bytes(png)
            w, h = _png_size(png)
            written.append(Snapshot(spec.url_path, spec.title, path, w, h))
    return written


_CHROME_CSS = """
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"] { display: none !important; }
"""
_NO_SIDEBAR_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }
"""


def _hide_chrome(page: Page, *, sidebar: bool) -> None:
    """Hide the app header (and the sidebar): the main area then fills the width."""
    page.add_style_tag(content=_CHROME_CSS + ("" if sidebar else _NO_SIDEBAR_CSS))


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise BrowserError("the browser returned something that is not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
