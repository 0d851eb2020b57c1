"""The script ``streamlit run`` starts when the dashboard is run from an installed natojp
(``natojp dashboard``); ``dashboard.py`` at the top of the repository is its twin."""

from natojp.app.router import run

run()
