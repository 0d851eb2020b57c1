"""The router: page configuration and navigation over :data:`~natojp.app.pages.PAGES`."""

from __future__ import annotations

import streamlit as st

from natojp.app.pages import PAGES


def run() -> None:
    """Configure the page and run the view the URL names (the default page at ``/``)."""
    st.set_page_config(
        page_title="natojp: news coverage analysis",
        page_icon=":material/newspaper:",
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
