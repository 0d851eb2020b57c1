"""The dashboard: the only part of natojp that imports Streamlit.

::

    pages.py     PAGES, the one list of pages (no Streamlit import)
    router.py    page configuration and navigation; main.py is the script Streamlit runs
    launch.py    ``natojp dashboard``: the command line and settings of the server
    sidebar.py   corpus choice, analysis, source filter, corpus-wide downloads
    cache.py     results shared by all sessions, bounded by bytes and idle time
    widgets.py   charts, tables, pages of lists and URL filters with their downloads
    views/       one script per page: read widgets, call natojp, render

A view reads widgets, calls natojp (which returns data, and figures from
:mod:`natojp.charts`) and renders; it computes nothing itself.
"""

from natojp.app.pages import PAGES, Page

__all__ = ["PAGES", "Page"]
