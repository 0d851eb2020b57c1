"""natojp dashboard: ``streamlit run dashboard.py``. The router: page config and navigation.

Pages are listed explicitly (``st.navigation`` does not discover ``pages/``); the shared
sidebar (corpus choice, filters) lives in :mod:`natojp.ui` and every page calls it.
"""

import streamlit as st

st.set_page_config(
    page_title="natojp: news coverage analysis", page_icon=":material/newspaper:", layout="wide"
)
page = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", icon=":material/summarize:", default=True),
        st.Page("pages/timeline.py", title="Timeline", icon=":material/calendar_month:"),
        st.Page("pages/areas.py", title="Technology areas", icon=":material/satellite_alt:"),
        st.Page("pages/similarity.py", title="Overlap & similarity", icon=":material/hub:"),
        st.Page("pages/duplicates.py", title="Duplicate content", icon=":material/content_copy:"),
    ]
)
page.run()
