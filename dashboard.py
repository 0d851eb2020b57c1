"""natojp dashboard: ``streamlit run dashboard.py``. The router: page config and navigation."""

import streamlit as st

st.set_page_config(page_title="natojp: news coverage analysis", layout="wide")
page = st.navigation([st.Page("pages/overview.py", title="Overview", default=True)])
page.run()
