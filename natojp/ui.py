"""The dashboard's shared parts: corpus loading (cached) and the sidebar.

The only natojp module that imports Streamlit. Pages call :func:`current_analysis`
and render what it returns; all computing happens in the rest of natojp.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from natojp.analysis import Analysis, analyze
from natojp.errors import NatojpError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@st.cache_resource(show_spinner=False, max_entries=8)
def _analyze_folder(path: str, fingerprint: str) -> Analysis:
    """Analysis of a folder, cached per folder content (``fingerprint``)."""
    return analyze([path], name=Path(path).name)


def _folder_fingerprint(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(path)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def current_analysis() -> Analysis | None:
    """The analysis of the corpus chosen in the sidebar (the bundled seeds by default)."""
    st.sidebar.markdown("**Corpus**: bundled seeds")
    try:
        with st.spinner("Analysing the corpus…"):
            return _analyze_folder(str(SEEDS), _folder_fingerprint(SEEDS))
    except NatojpError as exc:
        st.error(f"The corpus could not be analysed: {exc.message}")
        return None
