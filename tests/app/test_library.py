"""The corpus library in the dashboard (AppTest): the first run's library of the seeds,
the version chooser and its link, another process adding while the dashboard is open,
and uploads that stay in the session unless the operator allows adding them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from natojp.app.launch import LIBRARY_ADDS_ENV
from natojp.library import LIBRARY_ENV, SEEDS_LIBRARY, Library
from tests import ROOT, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))

# Invented texts (no real article).
EXTRA = """Port authority tests a drone patrol over the outer harbour

Eastmouth, 3 February 2025 - The port authority of Eastmouth began a two-week trial of
unmanned aircraft that patrol the outer harbour at night, its operations chief said.

The aircraft carry thermal cameras and report to the control tower, where two officers
compare the images with ship positions before any patrol boat is sent out.
"""


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def articles_shown(at: AppTest) -> str:
    return str({m.label: m.value for m in at.metric}["Articles"])


def citation(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if "inputs skipped" in c.value)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library of the seeds with one frozen version, then one more article."""
    path = tmp_path / "harbour.natojp"
    lib = Library.create(path, contents=[SEEDS])
    lib.freeze("first brief")
    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    lib.add([extra])
    monkeypatch.setenv(LIBRARY_ENV, str(path))
    return path


def test_a_first_run_shows_a_library_made_of_the_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "fresh"
    monkeypatch.setenv(LIBRARY_ENV, str(home))
    at = app()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.radio(key="corpus_source").value == "Corpus library"
    assert articles_shown(at) == str(len(SEED_FILES))
    assert (home / SEEDS_LIBRARY).is_file()
    assert [o for o in at.sidebar.selectbox(key="library_version").options] == [
        f"Current articles ({len(SEED_FILES)})"
    ]
    assert "corpus hash" in citation(at)  # current articles: not a frozen version


def test_versions_are_chosen_cited_and_kept_in_the_link(library: Path) -> None:
    (version,) = Library.open(library).versions()
    at = app()
    at.run()
    assert articles_shown(at) == str(len(SEED_FILES) + 1)
    chooser = at.sidebar.selectbox(key="library_version")
    assert chooser.options[0] == f"Current articles ({len(SEED_FILES) + 1})"
    assert chooser.options[1].endswith(f" · {version.id}") and "first brief" in chooser.options[1]
    chooser.select(version.id).run()
    assert not at.exception, [e.value for e in at.exception]
    assert articles_shown(at) == str(len(SEED_FILES))
    assert citation(at).endswith(f"library version {version.id}")
    assert at.query_params["version"] == version.id

    linked = app()  # a link with ?version= opens that version
    linked.query_params["version"] = version.id
    linked.run()
    assert articles_shown(linked) == str(len(SEED_FILES))
    assert linked.sidebar.selectbox(key="library_version").value == version.id


def test_a_link_to_a_version_the_library_lacks_says_so(library: Path) -> None:
    at = app()
    at.query_params["version"] = "0000000000000000"
    at.run()
    assert any("does not have" in w.value for w in at.sidebar.warning)
    assert articles_shown(at) == str(len(SEED_FILES) + 1)


def test_an_add_by_another_process_shows_on_the_next_rerun(library: Path, tmp_path: Path) -> None:
    at = app()
    at.run()
    before = int(articles_shown(at))
    more = tmp_path / "more.txt"
    more.write_text(EXTRA.replace("Eastmouth", "Westfield").replace("two-week", "month-long"))
    subprocess.run(
        [sys.executable, "-m", "natojp", "library", "add", str(library), str(more), "-q"],
        check=True,
        cwd=ROOT,
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert int(articles_shown(at)) == before + 1


def _with_uploads(files: list[tuple[str, bytes]]) -> AppTest:
    at = app()
    at.session_state["_uploaded"] = files
    at.run()
    at.sidebar.radio(key="corpus_source").set_value("Upload files").run()
    return at


def test_uploads_stay_in_the_session_unless_the_operator_allows_adds(library: Path) -> None:
    files = [(SEED_FILES[0].name, SEED_FILES[0].read_bytes())]
    at = _with_uploads(files)
    assert any("this session only" in c.value for c in at.sidebar.caption)
    assert not [b for b in at.sidebar.button if b.key == "library_add_uploads"]
    assert len(Library.open(library).articles()) == len(SEED_FILES) + 1


def test_the_operator_can_allow_adding_uploads_to_the_library(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LIBRARY_ADDS_ENV, "1")
    files = [("drone-patrol.txt", EXTRA.replace("Eastmouth", "Northgate").encode())]
    at = _with_uploads(files)
    at.sidebar.button(key="library_add_uploads").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Added 1 article(s)" in s.value for s in at.sidebar.success)
    assert len(Library.open(library).articles()) == len(SEED_FILES) + 2
    at.sidebar.radio(key="corpus_source").set_value("Corpus library").run()
    assert articles_shown(at) == str(len(SEED_FILES) + 2)


def test_downloads_of_a_frozen_version_are_named_after_it(library: Path) -> None:
    (version,) = Library.open(library).versions()
    at = app()
    at.query_params["version"] = version.id
    at.run()
    # Every download's file name ends with it (widgets.file_stem); AppTest does not see
    # the names of downloads made on click, the browser test reads one.
    assert at.session_state["_corpus_tag"] == version.id


def test_a_kept_analysis_opens_with_heads_and_reads_the_rest_after_the_page(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that opens an analysis another run kept shows the Timeline from the
    articles' heads, then reads the articles and the other pages' parts in a thread."""
    from natojp.app import sidebar
    from natojp.app.cache import analyses
    from natojp.library import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "analyses"))
    monkeypatch.setattr(sidebar, "READ_AHEAD_DELAY_S", 2.0)
    first = app()
    first.run()  # analysed, and kept in the cache folder
    assert not first.exception, [e.value for e in first.exception]
    for thread in sidebar._reading:
        thread.join(30)
    analyses.clear()  # as a new server: the kept analysis is opened, not analysed
    at = app()
    at.switch_page("natojp/app/views/timeline.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("plotly_chart")  # the Timeline's charts, from the heads
    shown = analyses().peek(at.session_state["_source"].key)
    assert shown is not None
    assert not shown.corpus.loaded  # read ahead only later (READ_AHEAD_DELAY_S)
    assert not {"read duplicates", "read provenance"} & set(shown.timings)
    (thread,) = sidebar._reading
    thread.join(30)
    assert not thread.is_alive()
    assert shown.corpus.loaded and len(shown.corpus.articles) == len(shown.corpus)
    read = {k for k in shown.timings if k.startswith("read ")}
    assert {"read duplicates", "read tech", "read provenance", "read corroboration"} <= read
