"""The dashboard in a real browser: a Streamlit server, headless Chromium, page checks.

Used by ``natojp snapshot`` (page screenshots for briefings), the browser benchmark
(``python -m bench.browser``) and the browser tests. Typical use::

    with run_dashboard() as dashboard, dashboard.new_page() as page:
        page.goto(dashboard.url("/"))
        wait_for_app(page)
        assert not page_has_exception(page)

The server runs the installed app (:data:`natojp.app.launch.MAIN`) with its settings;
the pages are :data:`natojp.app.PAGES`. Playwright for Python is imported lazily (it is in the
``snapshot`` and ``test`` extras). No browser is ever downloaded: Chromium is found
at ``$NATOJP_CHROMIUM``, Debian's ``/usr/bin/chromium`` or ``chromium`` on the PATH.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from natojp.app.launch import CORPUS_ENV, MAIN, streamlit_command
from natojp.errors import BrowserError
from natojp.export.images import CHROMIUM_ENV, chromium_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}
STARTUP_TIMEOUT_S = 60.0  # until /_stcore/health answers
RENDER_TIMEOUT_S = 120.0  # the first run imports scikit-learn and analyses the corpus
QUIET_MS = 500  # the app must stay settled this long to count as finished
_PORT_ATTEMPTS = 3
_PORT_TAKEN = re.compile(r"Port \d+ is (not available|already in use)")

# ------------------------------------------------------------------- the server


def free_port() -> int:
    """A TCP port on the loopback interface that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerError(BrowserError):
    """The Streamlit server did not come up; the message carries its output."""


class StreamlitServer:
    """``streamlit run`` as a subprocess in its own process group, with its output in a file.

    ``start()`` returns at once; ``wait_until_healthy()`` blocks until the health
    endpoint answers. Used as a context manager it does both, and on exit (also after a
    failure) terminates the whole process group and waits for it.
    """

    _live: ClassVar[list[StreamlitServer]] = []

    def __init__(
        self,
        script: str | Path = MAIN,
        *,
        cwd: Path | None = None,
        startup_timeout: float = STARTUP_TIMEOUT_S,
        extra_args: tuple[str, ...] = (),
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.script = script
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.extra_args = extra_args
        self.env = dict(env or {})
        self.port = 0
        self.started_at = 0.0  # time.monotonic() when the process was spawned
        self.healthy_at = 0.0
        self._process: subprocess.Popen[bytes] | None = None
        self._tmp: Path | None = None
        self._final_log = ""

    @classmethod
    def live(cls) -> list[StreamlitServer]:
        """Servers started and not yet stopped (their logs go into failure reports)."""
        return list(cls._live)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs (for memory readings)."""
        return self._process.pid if self._process is not None else None

    @property
    def log_path(self) -> Path | None:
        return self._tmp / "streamlit.log" if self._tmp else None

    def command(self) -> list[str]:
        return [
            *streamlit_command(Path(self.script), port=self.port, address="127.0.0.1"),
            "--server.headless",
            "true",
            *self.extra_args,
        ]

    def start(self) -> None:
        """Spawn the server (returns at once)."""
        if self._process is not None:
            raise RuntimeError("server already started")
        self._tmp = Path(tempfile.mkdtemp(prefix="natojp-streamlit-"))
        StreamlitServer._live.append(self)
        self._spawn()

    def _spawn(self) -> None:
        assert self.log_path is not None
        self.port = free_port()
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}
        with self.log_path.open("wb") as out:
            self._process = subprocess.Popen(
                self.command(),
                cwd=self.cwd or self._tmp,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() kills it whole
            )
        self.started_at = time.monotonic()

    def wait_until_healthy(self) -> None:
        """Poll ``/_stcore/health`` until it answers "ok"; fail with the server's output.

        If another process took the port between :func:`free_port` and Streamlit's
        bind, the server is started again on a new port (up to ``_PORT_ATTEMPTS``).
        """
        for attempt in range(1, _PORT_ATTEMPTS + 1):
            if self._poll_health():
                self.healthy_at = time.monotonic()
                return
            assert self._process is not None
            if attempt < _PORT_ATTEMPTS and _PORT_TAKEN.search(self.log()):
                self._spawn()
                continue
            raise ServerError(
                f"streamlit exited with code {self._process.returncode} before answering "
                f"{self.url}/_stcore/health\n{self._describe()}"
            )

    def _poll_health(self) -> bool:
        """True once healthy, False if the process exited; raises after the timeout."""
        process = self._process
        if process is None:
            raise RuntimeError("server not started")
        # No proxies: a CI's HTTP(S)_PROXY must not intercept loopback requests.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = self.started_at + self.startup_timeout
        while process.poll() is None:
            try:
                with opener.open(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200 and response.read().strip() == b"ok":
                        return True
            except OSError:  # URLError and connection errors: not listening yet
                pass
            if time.monotonic() > deadline:
                raise ServerError(
                    f"{self.url}/_stcore/health did not answer within "
                    f"{self.startup_timeout:.0f} s\n{self._describe()}"
                )
            time.sleep(0.2)
        return False

    def log(self) -> str:
        """Everything the server printed so far (stdout and stderr)."""
        path = self.log_path
        if path is not None and path.exists():
            return path.read_text(encoding="utf-8", errors="replace")
        return self._final_log

    def _describe(self) -> str:
        return f"command: {' '.join(self.command())}\ncwd: {self.cwd}\n--- output ---\n{self.log()}"

    def stop(self) -> None:
        """Terminate the process group (then kill it) and wait; keep the log text."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
        if self in StreamlitServer._live:
            StreamlitServer._live.remove(self)
        if self._tmp is not None:
            self._final_log = self.log()
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> StreamlitServer:
        self.start()
        try:
            self.wait_until_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ------------------------------------------------------------------- the browser


def chromium_executable() -> str | None:
    """The Chromium exports use (``$NATOJP_CHROMIUM``, else the usual names on PATH),
    else Debian's ``/usr/bin/chromium`` when PATH lacks it."""
    found = chromium_path()
    if found is None and not os.environ.get(CHROMIUM_ENV):
        default = Path(DEFAULT_CHROMIUM)
        if default.is_file() and os.access(default, os.X_OK):
            return str(default)
    return found


def require_chromium() -> str:
    """The Chromium executable and Playwright, or :class:`BrowserError` saying what is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise BrowserError(
            "Playwright for Python is not installed: pip install 'natojp[snapshot]'"
        ) from exc
    executable = chromium_executable()
    if executable is None:
        where = os.environ.get("NATOJP_CHROMIUM") or DEFAULT_CHROMIUM
        raise BrowserError(
            f"no Chromium executable at {where}: install Chromium (Debian: apt install "
            "chromium) or set NATOJP_CHROMIUM to a Chromium binary"
        )
    return executable


@contextlib.contextmanager
def chromium(executable: str) -> Iterator[Browser]:
    """Headless Chromium driven by Playwright; closed on exit.

    A non-persistent launch: Playwright gives the browser a fresh temporary profile and
    deletes it afterwards.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_ARGS), headless=True, timeout=60_000
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Dashboard:
    """A running dashboard server and a browser to look at it."""

    server: StreamlitServer
    browser: Browser
    timings: dict[str, float] = field(default_factory=dict)
    viewport: ViewportSize = field(default_factory=lambda: VIEWPORT.copy())
    scale: float = 1.0  # device pixels per CSS pixel in screenshots

    def url(self, path: str = "/") -> str:
        return self.server.url + (path if path.startswith("/") else f"/{path}")

    @contextlib.contextmanager
    def new_page(self) -> Iterator[Page]:
        """A tab in a fresh browser context (a new Streamlit session) at ``viewport``."""
        context = self.browser.new_context(
            viewport=self.viewport, base_url=self.server.url, device_scale_factor=self.scale
        )
        context.set_default_navigation_timeout(60_000)
        context.set_default_timeout(30_000)
        try:
            yield context.new_page()
        finally:
            context.close()


@contextlib.contextmanager
def run_dashboard(
    executable: str | None = None,
    *,
    corpus: Path | None = None,
    extra_args: tuple[str, ...] = (),
    viewport: ViewportSize | None = None,
    first_path: str = "/",
    scale: float = 1.0,
) -> Iterator[Dashboard]:
    """Start the server, launch Chromium meanwhile, render the default page once.

    ``corpus`` (a folder or file) replaces the bundled seeds as the default corpus
    (``NATOJP_CORPUS``). ``timings`` holds ``server_healthy_s`` and ``first_render_s``
    (server spawn → the page at ``first_path`` settled in the browser, charts drawn,
    scikit-learn import and analysis included).
    """
    executable = executable or require_chromium()
    env = {CORPUS_ENV: str(corpus.resolve())} if corpus is not None else {}
    with contextlib.ExitStack() as stack:
        server = StreamlitServer(extra_args=extra_args, env=env)
        server.start()
        stack.callback(server.stop)
        browser = stack.enter_context(chromium(executable))
        server.wait_until_healthy()
        dashboard = Dashboard(server, browser, viewport=viewport or VIEWPORT, scale=scale)
        with dashboard.new_page() as page:
            page.goto(dashboard.url(first_path), wait_until="domcontentloaded")
            wait_for_app(page)
            dashboard.timings["first_render_s"] = time.monotonic() - server.started_at
        dashboard.timings["server_healthy_s"] = server.healthy_at - server.started_at
        yield dashboard


# ----------------------------------------------------------------- page checks

_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const count = (selector) => document.querySelectorAll(selector).length;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return {
    app: !!app,
    connection: app ? app.getAttribute('data-test-connection-state') : null,
    script: app ? app.getAttribute('data-test-script-state') : null,
    runningIcon: count('[data-testid="stStatusWidgetRunningIcon"]'),
    skeletons: count('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]'),
    stale: count('[data-stale="true"]'),
    charts: charts.length,
    chartsDrawn: charts.filter((c) => c.querySelector('.js-plotly-plot .main-svg')).length,
    fonts: document.fonts.status,
  };
}"""

# True once the app has been settled (see _STATE_JS) for `quietMs` without a break.
_SETTLED_JS = (
    "(quietMs) => { const s = ("
    + _STATE_JS
    + """)();
  const settled = s.app && s.connection === 'CONNECTED'
    && (s.script === 'notRunning' || s.script === 'compilationError')
    && s.runningIcon === 0 && s.skeletons === 0 && s.stale === 0
    && s.chartsDrawn === s.charts && s.fonts === 'loaded';
  const now = performance.now();
  if (!settled) { window.__natojpSettledSince = null; return false; }
  if (window.__natojpSettledSince == null) window.__natojpSettledSince = now;
  return now - window.__natojpSettledSince >= quietMs;
}"""
)


def app_state(page: Page) -> dict[str, Any]:
    """What :func:`wait_for_app` looks at, for failure messages."""
    state: dict[str, Any] = page.evaluate(_STATE_JS)
    return state


def wait_for_app(
    page: Page, *, timeout: float = RENDER_TIMEOUT_S, quiet_ms: int = QUIET_MS
) -> None:
    """Wait until the app is connected and its script run has finished and been drawn.

    Settled means: ``stApp`` connected, script state ``notRunning``, no running
    indicator, no loading skeletons or stale elements, every Plotly chart's
    ``.main-svg`` drawn and web fonts loaded, all holding for ``quiet_ms`` (so a rerun
    that starts right after a run, e.g. ``st.rerun``, is waited for too).
    """
    from playwright.sync_api import Error as PlaywrightError

    page.evaluate("() => { window.__natojpSettledSince = null; }")
    try:
        page.wait_for_function(_SETTLED_JS, arg=quiet_ms, polling=100, timeout=timeout * 1000)
    except PlaywrightError as exc:
        raise AssertionError(
            f"the app at {page.url} did not settle within {timeout:.0f} s: {app_state(page)}"
        ) from exc


def settled_at(page: Page) -> float:
    """When the page last became settled (:func:`wait_for_app`), on the clock of
    :func:`time.time`: the moment a visitor sees it finished, without the ``quiet_ms``
    the wait then spends making sure it stays so."""
    since: float = page.evaluate("() => performance.timeOrigin + window.__natojpSettledSince")
    return since / 1000


def page_has_exception(page: Page) -> bool:
    """Whether the page shows a Streamlit exception box."""
    return page.locator('[data-testid="stException"]').count() > 0


def exception_text(page: Page) -> str:
    """The text of every exception box, for an assertion message."""
    return "\n\n".join(page.locator('[data-testid="stException"]').all_inner_texts())


def full_page_screenshot(page: Page, *, max_height: int = 20_000) -> bytes:
    """A PNG of the whole page at the current viewport width.

    Streamlit scrolls inside ``stMain``, not the document, so Playwright's
    ``full_page`` alone stops at the viewport; the viewport is grown to the content's
    height for the shot and restored afterwards.
    """
    original = page.viewport_size or VIEWPORT
    height_js = """() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll(
          '[data-testid="stMain"], [data-testid="stSidebarContent"]')]
          .map((e) => e.scrollHeight))"""
    try:
        height = original["height"]
        for _ in range(3):  # growing the viewport can reflow the content once more
            wanted = min(max(int(page.evaluate(height_js)), original["height"]), max_height)
            if wanted == height:
                break
            height = wanted
            page.set_viewport_size({"width": original["width"], "height": height})
            wait_for_app(page, quiet_ms=200)
        return page.screenshot(full_page=True, animations="disabled", caret="hide")
    finally:
        page.set_viewport_size(original)
