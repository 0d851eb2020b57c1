"""The dashboard in a real browser (headless Chromium): every page of dashboard.py.

One Streamlit server and one browser for the module; each test gets a fresh browser
context, i.e. a new Streamlit session. Pages come from ``dashboard.py``; a new page is
checked without changes here (renders, no exception or error, its title, a non-blank
screenshot). ``EXPECTED`` adds what a page must show on the bundled seeds.

Screenshots go to pytest's ``tmp_path``; with ``NATOJP_SAVE_SCREENSHOTS=1`` also to
``docs/screenshots/<page>.png``. Without a Chromium executable the browser tests skip.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest
from PIL import Image

from natojp import Analysis, analyze
from natojp.app import PAGES
from natojp.app import Page as AppPage
from natojp.labels import article_labels
from tests import BBC_ZIP, ROOT, SEEDS
from tests.browser import (
    VIEWPORT,
    Dashboard,
    StreamlitServer,
    exception_text,
    full_page_screenshot,
    page_has_exception,
    require_chromium,
    run_dashboard,
    screenshot_is_blank,
    wait_for_app,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "docs" / "screenshots"


@dataclass(frozen=True, slots=True)
class Expected:
    """What a page shows on the bundled seeds, beyond the checks every page gets."""

    metrics: Mapping[str, str] = field(default_factory=dict)  # label -> shown value
    texts: tuple[str, ...] = ()
    charts: int = 0  # at least this many Plotly charts drawn
    tables: int = 0  # at least this many dataframes


EXPECTED: dict[str, Expected] = {  # keyed by URL path
    "overview": Expected(
        metrics={"Articles": "5", "Independent reports": "4"},
        texts=("5 articles → 4 independent reports", "Key findings"),
        tables=1,
    ),
    "timeline": Expected(charts=1),
    "areas": Expected(charts=1),
    "similarity": Expected(charts=1),
    "duplicates": Expected(charts=1, tables=1),
}


@pytest.fixture(scope="module")
def dashboard(record_testsuite_property: Callable[[str, object], None]) -> Iterator[Dashboard]:
    with run_dashboard(require_chromium()) as running:
        for name, seconds in running.timings.items():
            record_testsuite_property(name, round(seconds, 2))
        print(
            f"\nserver healthy after {running.timings['server_healthy_s']:.1f} s, "
            f"first page rendered {running.timings['first_render_s']:.1f} s after spawn"
        )
        yield running


@pytest.fixture
def page(dashboard: Dashboard) -> Iterator[Page]:
    with dashboard.new_page() as tab:
        yield tab


def check_page(page: Page, spec: AppPage) -> None:
    """The page shown is ``spec``, finished without exception or error, with its content."""
    from playwright.sync_api import expect

    assert urlparse(page.url).path == spec.path, page.url
    assert not page_has_exception(page), exception_text(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(spec.title)
    active = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    expect(active).to_have_count(1)
    expect(active).to_contain_text(spec.title)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)  # e.g. "Page not found"

    expected = EXPECTED.get(spec.url_path, Expected())
    for label, value in expected.metrics.items():
        name = page.locator('[data-testid="stMetricLabel"]', has_text=_exactly(label))
        metric = page.locator('[data-testid="stMetric"]', has=name)
        expect(metric).to_have_count(1)
        expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(value)
    for text in expected.texts:
        expect(page.locator('[data-testid="stMain"]')).to_contain_text(text)
    drawn = page.locator('[data-testid="stPlotlyChart"]:has(.js-plotly-plot .main-svg)')
    assert drawn.count() >= expected.charts, f"{drawn.count()} chart(s) drawn"
    tables = page.locator('[data-testid="stDataFrame"]')
    assert tables.count() >= expected.tables, f"{tables.count()} table(s)"


def _exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


# ------------------------------------------------------------ without a browser


def test_expected_names_only_pages_that_exist() -> None:
    assert set(EXPECTED) <= {p.url_path for p in PAGES}, "EXPECTED names a page that is gone"


# --------------------------------------------------------------- in the browser


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders(
    dashboard: Dashboard,
    page: Page,
    spec: AppPage,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    started = time.monotonic()
    page.goto(dashboard.url(spec.path), wait_until="domcontentloaded")
    wait_for_app(page)
    seconds = time.monotonic() - started
    record_property("render_s", round(seconds, 2))
    print(f"\n{spec.path} rendered in {seconds:.1f} s")
    check_page(page, spec)
    # Works offline and tells no third party who opens it (the favicon was once a
    # Material symbol, which Streamlit fetches from a font CDN).
    server = urlparse(dashboard.url(spec.path)).netloc
    elsewhere = [u for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")]
    assert [u for u in elsewhere if urlparse(u).netloc != server] == []

    png = full_page_screenshot(page)
    shot = tmp_path / f"{spec.url_path}.png"
    shot.write_bytes(png)
    assert not screenshot_is_blank(png), f"blank screenshot: {shot}"
    with Image.open(io.BytesIO(png)) as image:
        assert image.width == VIEWPORT["width"] and image.height >= VIEWPORT["height"]
    if os.environ.get("NATOJP_SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / shot.name).write_bytes(png)


def test_sidebar_links_switch_pages(
    dashboard: Dashboard, page: Page, record_property: Callable[[str, object], None]
) -> None:
    from playwright.sync_api import expect

    page.goto(dashboard.url("/"), wait_until="domcontentloaded")
    wait_for_app(page)
    nav = page.get_by_test_id("stSidebarNav")
    links = nav.get_by_test_id("stSidebarNavLink")
    expect(links).to_have_count(len(PAGES))
    expect(links).to_contain_text([p.title for p in PAGES])  # in navigation order
    # Every other page, then back to the first (with one page: its own link, a rerun).
    for spec in [*PAGES[1:], PAGES[0]]:
        link = nav.get_by_role("link", name=spec.title, exact=True)  # the icon is aria-hidden
        expect(link).to_have_count(1)
        started = time.monotonic()
        link.click()
        page.wait_for_url(re.compile(rf"^{re.escape(dashboard.url(spec.path))}(\?.*)?$"))
        wait_for_app(page)
        seconds = time.monotonic() - started
        record_property(f"switch_to_{spec.url_path}_s", round(seconds, 2))
        print(f"\nswitch to {spec.path} in {seconds:.1f} s")
        check_page(page, spec)


def test_the_harness_sees_an_exception(dashboard: Dashboard, tmp_path: Path) -> None:
    """wait_for_app returns on a failed run and page_has_exception reports it."""
    script = tmp_path / "boom.py"
    script.write_text(
        'import streamlit as st\nst.title("Boom")\nraise ValueError("raised for the harness")\n',
        encoding="utf-8",
    )
    with StreamlitServer(script.name, cwd=tmp_path) as server:
        context = dashboard.browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(server.url, wait_until="domcontentloaded")
            wait_for_app(page)
            assert page_has_exception(page)
            assert "raised for the harness" in exception_text(page)
        finally:
            context.close()


# ---------------------------------------------------------------- uploads


def upload(page: Page, paths: list[Path]) -> None:
    """Choose "Upload files" in the sidebar and give the uploader these files."""
    page.get_by_test_id("stSidebar").get_by_text("Upload files", exact=True).click()
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(paths)
    wait_for_app(page)


def visit_every_page(page: Page, dashboard: Dashboard) -> Iterator[AppPage]:
    """Walk the sidebar links (the session, and its uploads, stay), yielding each page."""
    nav = page.get_by_test_id("stSidebarNav")
    for spec in [*PAGES[1:], PAGES[0]]:
        nav.get_by_role("link", name=spec.title, exact=True).click()
        page.wait_for_url(re.compile(rf"^{re.escape(dashboard.url(spec.path))}(\?.*)?$"))
        wait_for_app(page)
        assert not page_has_exception(page), exception_text(page)
        yield spec


def bbc_subset(folder: Path, step: int = 40) -> list[Path]:
    """Every ``step``-th BBC article as its own .txt file (section in the name)."""
    import zipfile

    if not BBC_ZIP.exists():
        pytest.skip(f"the BBC corpus is not at {BBC_ZIP} (research-use data, not shipped)")
    paths = []
    with zipfile.ZipFile(BBC_ZIP) as archive:
        for name in [n for n in archive.namelist() if n.endswith(".txt")][::step]:
            target = folder / f"{Path(name).parent.name}-{Path(name).name}"
            target.write_bytes(archive.read(name))
            paths.append(target)
    return paths


@pytest.mark.corpora
def test_every_page_on_an_uploaded_bbc_subset(
    dashboard: Dashboard, page: Page, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    files = bbc_subset(tmp_path)
    page.goto(dashboard.url("/"), wait_until="domcontentloaded")
    wait_for_app(page)
    upload(page, files)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text(f"{len(files)} articles · 0 inputs skipped")
    for spec in visit_every_page(page, dashboard):
        expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
        if spec.default:
            articles = page.locator('[data-testid="stMetric"]', has_text="Articles").first
            expect(articles.get_by_test_id("stMetricValue")).to_have_text(str(len(files)))
        else:
            drawn = page.locator('[data-testid="stPlotlyChart"]:has(.js-plotly-plot .main-svg)')
            if spec.url_path == "provenance" and not drawn.count():
                # Every article of the subset tells a story of its own: said, not drawn.
                expect(page.get_by_test_id("stMain")).to_contain_text(
                    "No two articles are about the same event"
                )
            else:
                assert drawn.count() >= 1, f"{spec.path}: no chart drawn"
        png = full_page_screenshot(page)
        assert not screenshot_is_blank(png), spec.path


def test_every_page_on_an_empty_upload(dashboard: Dashboard, page: Page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    page.goto(dashboard.url("/"), wait_until="domcontentloaded")
    wait_for_app(page)
    upload(page, [empty])
    for spec in visit_every_page(page, dashboard):
        error = page.locator('[data-testid="stAlertContentError"]')
        expect(error).to_contain_text("Nothing to analyse")
        expect(error).to_contain_text("empty.txt")
        expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(0)
        expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(spec.title)


def test_uploads_survive_a_page_switch(dashboard: Dashboard, page: Page) -> None:
    from playwright.sync_api import expect

    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    page.goto(dashboard.url("/"), wait_until="domcontentloaded")
    wait_for_app(page)
    upload(page, seeds)
    metric = page.locator('[data-testid="stMetric"]', has_text="Articles").first
    expect(metric.get_by_test_id("stMetricValue")).to_have_text("2")
    for spec in visit_every_page(page, dashboard):
        expect(page.get_by_test_id("stSidebar")).to_contain_text("2 articles")
        if spec.default:
            expect(metric.get_by_test_id("stMetricValue")).to_have_text("2")


# ---------------------------------------------------------------- a cold server


def test_a_cold_servers_first_visitor_gets_the_page_url_with_its_filters(
    dashboard: Dashboard,
) -> None:
    """Regression: with a pages/ folder, Streamlit put a fresh server's first visitor
    to a page URL in its legacy multipage mode (wrong page, router not run)."""
    from playwright.sync_api import expect

    duplicates = next(p for p in PAGES if p.url_path == "duplicates")
    with StreamlitServer() as server:  # its own, fresh server; the module's browser
        context = dashboard.browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{server.url}{duplicates.path}?min=0.80", wait_until="domcontentloaded")
            wait_for_app(page)
            check_page(page, duplicates)
            slider = page.get_by_test_id("stSlider").get_by_role("slider")
            expect(slider).to_have_value("0.8")
            expect(slider).to_have_attribute("aria-valuetext", "0.80")
            assert "min=0.80" in page.url
        finally:
            context.close()


# ------------------------------------------------------------ hostile input, sessions

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
XSS_TITLE = "<img src=x onerror=alert(1)>"


def test_hostile_uploads_run_no_script_and_show_markup_as_text(
    dashboard: Dashboard, page: Page
) -> None:
    """Every nasty fixture uploaded at once: no dialog, no injected element, the valid
    files analysed, every bad one listed with its reason, markup shown literally."""
    from playwright.sync_api import expect

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    files = sorted(p for p in HOSTILE.iterdir() if p.is_file())
    page.goto(dashboard.url("/"), wait_until="domcontentloaded")
    wait_for_app(page)
    upload(page, files)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Skipped inputs")
    skipped = page.locator('[data-testid="stMetric"]', has_text="Inputs skipped").first
    assert int(skipped.get_by_test_id("stMetricValue").inner_text()) >= 8

    # The article whose outlet and title are markup: chosen in the Overview by its label
    # (outlet · short title), shown as text.
    label = article_labels(analyze([HOSTILE]).articles)["xss-title"]
    assert "<script>" in label and XSS_TITLE[:10] in label
    box = page.get_by_role("combobox", name="Article")
    page.get_by_test_id("stSelectbox").get_by_role("button", name="Open").click()
    box.fill(XSS_TITLE[:10])  # the selectbox filters its options as one types
    expect(page.get_by_role("option")).to_have_text([label])
    box.press("Enter")
    wait_for_app(page)
    expect(box).to_have_value(label)
    for spec in visit_every_page(page, dashboard):
        expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
        assert page.locator("img[src='x'], iframe, embed, object").count() == 0, spec.path
        scripts = page.locator("script").evaluate_all(
            "(els) => els.filter((e) => /alert|onerror|document\\.write/.test(e.textContent))"
            ".length"
        )
        assert scripts == 0, spec.path
    assert dialogs == [], dialogs
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=PAGES[0].title).click()
    wait_for_app(page)
    assert not page_has_exception(page), "the app still answers"


def test_two_sessions_see_only_their_own_corpus(dashboard: Dashboard) -> None:
    """Two browser sessions upload different files at the same time: each sees its own."""
    from playwright.sync_api import expect

    seeds = sorted(SEEDS.glob("*.txt"))
    with dashboard.new_page() as first, dashboard.new_page() as second:
        for page in (first, second):
            page.goto(dashboard.url("/"), wait_until="domcontentloaded")
            wait_for_app(page)
        upload(first, seeds[:2])
        upload(second, seeds[2:5])
        seen = {}
        for page, files in ((first, seeds[:2]), (second, seeds[2:5]), (first, seeds[:2])):
            for _ in visit_every_page(page, dashboard):
                sidebar = page.get_by_test_id("stSidebar")
                expect(sidebar).to_contain_text(f"{len(files)} articles · 0 inputs skipped")
            caption = page.get_by_test_id("stSidebar").inner_text()
            seen.setdefault(id(page), set()).add(re.search(r"corpus hash (\w+)", caption)[0])
            main = page.get_by_test_id("stMain")
            expect(main).to_contain_text(f"{len(files)} articles →")
            for other in set(seeds) - set(files):
                assert other.stem not in main.inner_text(), (other.stem, page.url)
        assert len(seen[id(first)]) == 1 and seen[id(first)] != seen[id(second)]


@pytest.mark.corpora
def test_a_slow_analysis_does_not_block_another_session(dashboard: Dashboard) -> None:
    """While one session analyses the whole BBC corpus (uploaded as its zip), another
    session switches pages and finishes first."""
    from playwright.sync_api import expect

    if not BBC_ZIP.exists():
        pytest.skip(f"the BBC corpus is not at {BBC_ZIP} (research-use data, not shipped)")
    timeline = next(p for p in PAGES if p.url_path == "timeline")
    with dashboard.new_page() as slow, dashboard.new_page() as quick:
        for page in (slow, quick):
            page.goto(dashboard.url("/"), wait_until="domcontentloaded")
            wait_for_app(page)
        slow.get_by_test_id("stSidebar").get_by_text("Upload files", exact=True).click()
        wait_for_app(slow)
        slow.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([BBC_ZIP])
        expect(slow.get_by_test_id("stProgress")).to_be_visible(timeout=60_000)  # analysing
        quick.get_by_test_id("stSidebarNav").get_by_role("link", name=timeline.title).click()
        wait_for_app(quick)
        check_page(quick, timeline)
        assert slow.get_by_test_id("stProgress").count() == 1, "the BBC analysis is still on"
        wait_for_app(slow)
        metric = slow.locator('[data-testid="stMetric"]', has_text="Articles").first
        expect(metric.get_by_test_id("stMetricValue")).to_have_text("2225")


# ------------------------------------------------------------ folders, Markdown


def test_the_folder_option_is_off_even_for_a_localhost_visitor(
    dashboard: Dashboard, page: Page
) -> None:
    """Regression: "Folder on this computer" was offered when the Host header said
    localhost or 127.0.0.1, which any visitor (or a proxy) can send; this browser
    visits 127.0.0.1. Only NATOJP_ALLOW_FOLDERS=1 set by the operator offers it, and
    this server was started without it."""
    from playwright.sync_api import expect

    assert "NATOJP_ALLOW_FOLDERS" not in {**os.environ, **dashboard.server.env}
    page.goto(dashboard.url("/"), wait_until="domcontentloaded")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Upload files", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("Folder on this computer")).to_have_count(0)
    expect(page.get_by_label("Folder path")).to_have_count(0)


class _PixelServer:
    """A loopback HTTP server that counts every request (what a rendered image fetches)."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def markdown_corpus(folder: Path, pixel: str) -> list[Path]:
    """Three articles whose titles, outlets, dates and sentences are Markdown that would
    link, fetch an image, colour or format text if it were rendered."""
    link = "[Official NATO statement](http://attacker.invalid/phish)"
    image = f"![tracker]({pixel}/image.png)"
    body = (
        f"On 3 March 2025 ministers met in Brussels {link} and agreed on drones {image}. "
        f":red[Urgent] **cyber** defence talks __followed__ on 4 March 2025 with $x^2$ "
        f"<b>space</b> plans and `code` `:material/warning:` notes.\n\n"
        f"Officials said on 5 March 2025 that {image} the drone programme and quantum "
        f"sensing research would go ahead [here](javascript:alert(1)).\n"
    )
    paths = []
    for i, outlet in enumerate((link, image, ":red[Outlet] **Daily**")):
        path = folder / f"md-{i}.md"
        path.write_text(
            f"---\ntitle: {link} {image} :blue[title {i}]\nsource: {outlet}\n"
            f"date: 2025-03-0{i + 5}\n---\n{body}Extra line {i} [x{i}](http://attacker.invalid/{i}).\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def test_markdown_in_the_corpus_is_shown_as_text_on_every_page(
    dashboard: Dashboard, page: Page, tmp_path: Path
) -> None:
    """Titles, outlets, dates and sentences full of Markdown: no page renders a link or
    an image from them, fetches anything or colours text; expanders opened too."""
    from playwright.sync_api import expect

    pixel = _PixelServer()
    try:
        page.goto(dashboard.url("/"), wait_until="domcontentloaded")
        wait_for_app(page)
        upload(page, markdown_corpus(tmp_path, f"http://127.0.0.1:{pixel.port}"))
        expect(page.get_by_test_id("stSidebar")).to_contain_text("3 articles")
        for spec in visit_every_page(page, dashboard):
            for header in page.locator('[data-testid="stExpander"] summary').all():
                header.click()
            wait_for_app(page)
            main = page.get_by_test_id("stMain")
            links = page.locator("a[href*='attacker.invalid'], a[href^='javascript:']")
            assert links.count() == 0, (
                spec.path,
                links.evaluate_all(
                    "(els) => els.slice(0, 3).map((e) => e.parentElement.outerHTML.slice(0, 300))"
                ),
            )
            assert page.locator(f"img[src*='{pixel.port}']").count() == 0, spec.path
            injected = {
                tag: [
                    text
                    for text in main.locator(tag).all_inner_texts()
                    if text.strip() in {"Urgent", "Outlet", "cyber", "space", "followed", "Daily"}
                    or text.strip().startswith("title ")
                ]
                for tag in ("span", "strong", "b", "em", "code", "h1", "h2", "h3")
            }
            assert not any(injected.values()), (spec.path, injected)
            if spec.url_path in {"timeline", "overview"}:
                expect(main).to_contain_text("[Official NATO statement]")
        assert pixel.requests == [], pixel.requests
    finally:
        pixel.close()


# ---------------------------------------------------------------- the areas heatmap

_CELL_JS = """([row, area, dx, dy]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
    .find((g) => g._fullLayout && g._fullLayout.meta && g._fullLayout.meta.name === 'area-heatmap');
  const cells = gd.data.find((t) => t.name === 'cells');
  const k = cells.customdata.findIndex((c) => c[0] === row && c[1] === area);
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const i = ya._categories.indexOf(cells.y[k]), j = xa._categories.indexOf(cells.x[k]);
  const w = xa._length / xa._categories.length, h = ya._length / ya._categories.length;
  const box = gd.getBoundingClientRect();
  const shape = (gd.layout.shapes || []).find((s) => s.name === 'selected-cell');
  return {
    x: box.left + xa._offset + xa.l2p(j) + dx * w,
    y: box.top + ya._offset + ya.l2p(i) + dy * h,
    outlined: shape ? [shape.x0 + 0.5, shape.y0 + 0.5] : null,
    cell: [j, i],
  };
}"""


def test_a_click_on_an_area_heatmap_cell_shows_its_sentences(
    dashboard: Dashboard, page: Page, seeds: Analysis, tmp_path: Path
) -> None:
    """A real click, off the centre of a cell, selects the cell: its sentences are shown,
    the select boxes (the keyboard way to the same cell) follow and the cell is outlined."""
    from playwright.sync_api import expect

    row, area = "000_3d9694f0226b20af", "space"  # one sentence; not the strongest cell
    article = next(a for a in seeds.articles if a.id == row)
    label = next(a.label for a in seeds.tech.areas if a.id == area)
    (sentence,) = seeds.tech.evidence[row][area]
    areas = next(p for p in PAGES if p.url_path == "areas")
    page.goto(dashboard.url(areas.path), wait_until="domcontentloaded")
    wait_for_app(page)
    check_page(page, areas)
    main = page.get_by_test_id("stMain")
    expect(main).not_to_contain_text(sentence[:60])
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    target = page.evaluate(_CELL_JS, [row, area, 0.3, -0.3])
    assert target["outlined"] != target["cell"], "starts on another cell"
    page.mouse.move(target["x"], target["y"])
    expect(page.locator(".hoverlayer .hovertext")).to_contain_text(article.outlet or row)
    page.mouse.click(target["x"], target["y"])
    wait_for_app(page)
    assert not page_has_exception(page), exception_text(page)
    expect(main).to_contain_text(sentence[:60])
    expect(main).to_contain_text(f"1 sentence(s) in {article.outlet}")
    expect(page.get_by_role("combobox", name="Article")).to_have_value(
        article_labels(seeds.articles)[row]
    )
    expect(page.get_by_role("combobox", name="Area")).to_have_value(label)
    assert page.evaluate(_CELL_JS, [row, area, 0, 0])["outlined"] == target["cell"]
    png = full_page_screenshot(page)
    (tmp_path / "areas-click.png").write_bytes(png)
    assert not screenshot_is_blank(png)


# ------------------------------------------------------------- filters in the URL


def test_a_link_with_filters_opens_the_filtered_view_and_keeps_it_across_pages(
    dashboard: Dashboard, page: Page, tmp_path: Path
) -> None:
    """Sources and a date range from the query string: counts are filtered, and the
    filters (widgets and URL) survive a switch to another page."""
    from urllib.parse import parse_qs

    from playwright.sync_api import expect

    query = "source=Anadolu+Agency&source=The+Japan+Times&source=UK+Defence+Journal&from=2025-07-01"
    expected = {
        "source": ["Anadolu Agency", "The Japan Times", "UK Defence Journal"],
        "from": ["2025-07-01"],
    }
    # Anadolu and The Japan Times (29 July, one report) and the undated UK Defence Journal
    headline = "3 articles → 2 independent reports"
    overview = PAGES[0]
    page.goto(dashboard.url(f"{overview.path}?{query}"), wait_until="domcontentloaded")
    wait_for_app(page)
    assert not page_has_exception(page), exception_text(page)  # (check_page expects 5)
    main, sidebar = page.get_by_test_id("stMain"), page.get_by_test_id("stSidebar")
    expect(main).to_contain_text(headline)
    articles = page.locator(
        '[data-testid="stMetric"]', has=page.get_by_text(_exactly("Articles"))
    ).get_by_test_id("stMetricValue")
    expect(articles).to_have_text("3")
    expect(sidebar).to_contain_text("3 of 5 articles shown")
    (tmp_path / "filtered-overview.png").write_bytes(full_page_screenshot(page))

    def url_filters() -> dict[str, list[str]]:
        params = parse_qs(urlparse(page.url).query)
        return {k: v for k, v in params.items() if k in expected}

    assert url_filters() == expected
    for view in ("duplicates", "timeline"):
        spec = next(p for p in PAGES if p.url_path == view)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=spec.title, exact=True).click()
        page.wait_for_url(re.compile(rf"^{re.escape(dashboard.url(spec.path))}\?.*from=2025-07-01"))
        wait_for_app(page)
        check_page(page, spec)
        expect(sidebar).to_contain_text("3 of 5 articles shown")
        for source in expected["source"]:
            expect(sidebar.get_by_test_id("stMultiSelect").first).to_contain_text(source)
        expect(main).to_contain_text(headline if view == "duplicates" else "3 of 5 articles")
        assert url_filters() == expected, page.url
        png = full_page_screenshot(page)
        (tmp_path / f"filtered-{view}.png").write_bytes(png)
        assert not screenshot_is_blank(png)


# ------------------------------------------------------------------ corpus library


def test_a_link_to_a_library_version_opens_it_on_every_page(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    """A frozen version named in the link is the corpus of every page, cited in the
    sidebar and kept in each page's URL; the current articles are one more."""
    from playwright.sync_api import expect

    from natojp.library import LIBRARY_ENV, Library

    path = tmp_path / "story.natojp"
    lib = Library.create(path, contents=[SEEDS])
    version = lib.freeze("brief of the week")
    extra = tmp_path / "extra.txt"  # invented
    extra.write_text(
        "Harbour board tests tide gauges\n\nNorthport, 4 March 2025 - The harbour board "
        "began testing twelve automated tide gauges along the eastern breakwater on "
        "Tuesday, replacing the manual readings pilots have used for decades.\n",
        encoding="utf-8",
    )
    lib.add([extra])
    with StreamlitServer(env={LIBRARY_ENV: str(path)}) as server:
        context = dashboard.browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{server.url}/?version={version.id}", wait_until="domcontentloaded")
            wait_for_app(page)
            nav = page.get_by_test_id("stSidebarNav")
            sidebar = page.get_by_test_id("stSidebar")
            for spec in [*PAGES[1:], PAGES[0]]:
                expect(sidebar).to_contain_text(f"library version {version.id}")
                expect(sidebar).to_contain_text("5 articles · 0 inputs skipped")
                nav.get_by_role("link", name=spec.title, exact=True).click()
                page.wait_for_url(re.compile(rf".*{re.escape(spec.path)}\?.*version={version.id}"))
                wait_for_app(page)
                assert not page_has_exception(page), exception_text(page)
            page.screenshot(path=str(tmp_path / "library-version.png"), full_page=True)
            page.goto(server.url, wait_until="domcontentloaded")  # no version: the current
            wait_for_app(page)
            expect(page.get_by_test_id("stSidebar")).to_contain_text(
                "6 articles · 0 inputs skipped"
            )
        finally:
            context.close()


# ------------------------------------------------------------------ provenance


def test_the_provenance_page_draws_a_story_and_its_graph_opens_in_networkx(
    dashboard: Dashboard, page: Page, tmp_path: Path
) -> None:
    """On the seeds: the story of the Izawa interview, first published by The Japan
    Times; its GraphML download is a graph of the story's articles and edges."""
    import networkx as nx
    from playwright.sync_api import expect

    spec = next(p for p in PAGES if p.url_path == "provenance")
    page.goto(dashboard.url(spec.path), wait_until="domcontentloaded")
    wait_for_app(page)
    check_page(page, spec)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("First published by The Japan Times")
    drawn = page.locator('[data-testid="stPlotlyChart"]:has(.js-plotly-plot .main-svg)')
    expect(drawn.first).to_be_visible()
    with page.expect_download() as info:
        main.get_by_role("button", name="This story's graph (GraphML)").click()
    path = tmp_path / "story.graphml"
    info.value.save_as(path)
    assert re.fullmatch(
        r"natojp-provenance-story-\d+-[0-9a-f]{16}\.graphml", info.value.suggested_filename
    )
    graph = nx.read_graphml(path)
    assert "001_92ee229aff965d8c" in graph.nodes and "000_3d9694f0226b20af" in graph.nodes
    assert graph.nodes["001_92ee229aff965d8c"]["outlet"] == "The Japan Times"
    assert graph.has_edge("001_92ee229aff965d8c", "000_3d9694f0226b20af")
    page.screenshot(path=str(tmp_path / "provenance.png"), full_page=True)
