"""The router: page configuration and navigation over :data:`~natojp.app.pages.PAGES`."""

from __future__ import annotations

from importlib.resources import files

import streamlit as st

from natojp.app.pages import PAGES
from natojp.app.sidebar import read_ahead

# A file of the package, not ":material/...:": Streamlit fetches a Material favicon from
# a font CDN, which fails offline and tells a third party who opens the app.
ICON = files("natojp") / "data" / "icon.png"


def run() -> None:
    """Configure the page and run the view the URL names (the default page at ``/``)."""
    st.set_page_config(
        page_title="natojp: news coverage analysis",
        page_icon=str(ICON),
        layout="wide",
    )
    pages = [
        st.Page(
            page.script,
            title=page.title,
            icon=page.icon,
            default=page.default,
            url_path=None if page.default else page.url_path,
        )
        for page in PAGES
    ]
    st.navigation(pages).run()
    read_ahead()  # after the page: what the next one may need
