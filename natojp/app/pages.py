"""The dashboard's pages, listed once: the router, AppTest, the browser tests, the
browser benchmark and ``natojp snapshot`` all read :data:`PAGES` (no Streamlit import
here, so anything can read it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

VIEWS = Path(__file__).resolve().parent / "views"


@dataclass(frozen=True, slots=True)
class Page:
    """One page: the view script ``views/<view>.py``, its navigation title and icon."""

    view: str
    title: str
    icon: str
    default: bool = False

    @property
    def script(self) -> Path:
        """The view's script file."""
        return VIEWS / f"{self.view}.py"

    @property
    def url_path(self) -> str:
        """Streamlit's pathname without ``/``, e.g. ``duplicates``."""
        return self.view

    @property
    def path(self) -> str:
        """The page's URL path: ``/`` for the default page (Streamlit serves it only
        there), ``/<view>`` for the others."""
        return "/" if self.default else f"/{self.url_path}"


PAGES: tuple[Page, ...] = (
    Page("overview", "Overview", ":material/summarize:", default=True),
    Page("timeline", "Timeline", ":material/calendar_month:"),
    Page("areas", "Technology areas", ":material/satellite_alt:"),
    Page("similarity", "Overlap & similarity", ":material/hub:"),
    Page("duplicates", "Duplicate content", ":material/content_copy:"),
    Page("provenance", "Provenance", ":material/account_tree:"),
    Page("corroboration", "Corroboration", ":material/fact_check:"),
)
"""The pages in navigation order; the first is the default."""


def page_named(name: str) -> Page:
    """The page whose view or title is ``name`` (any case), or ``KeyError``."""
    for page in PAGES:
        if name.strip().lower() in {page.view, page.title.lower()}:
            return page
    raise KeyError(name)
