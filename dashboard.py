"""natojp dashboard: ``streamlit run dashboard.py`` (``natojp dashboard`` runs the same
app from an installed natojp). The app lives in :mod:`natojp.app`."""

from natojp.app.router import run

run()
