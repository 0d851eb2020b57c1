"""The dashboard driven by Streamlit's AppTest: every page, on the seeds and other corpora."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from natojp.app import PAGES as APP_PAGES
from natojp.export import chromium_available
from natojp.labels import article_labels
from natojp.similarity import cluster_order
from tests import BBC_ZIP, ROOT, SEEDS

PAGES = [str(page.script) for page in APP_PAGES]  # absolute: AppTest resolves them as given
OVERVIEW, TIMELINE, AREAS, SIMILARITY, DUPLICATES, PROVENANCE, CORROBORATION = PAGES


def open_page(page: str, folder: Path | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    if folder is not None:
        at.sidebar.radio(key="corpus_source").set_value("Folder on this computer").run()
        at.sidebar.text_input(key="corpus_folder").set_value(str(folder)).run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


@pytest.fixture(autouse=True)
def _allow_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NATOJP_ALLOW_FOLDERS", "1")


def test_folders_are_not_offered_unless_the_operator_allows_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NATOJP_ALLOW_FOLDERS")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert at.sidebar.radio(key="corpus_source").options == ["Corpus library", "Upload files"]
    assert [t.key for t in at.sidebar.text_input] == ["brief_title", "brief_subtitle"]  # no folder


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_seeds(page: str) -> None:
    at = open_page(page)
    assert at.title[0].value
    assert at.caption, "each page explains what it shows"
    if page != OVERVIEW:
        assert figures(at), "a chart is drawn"


def test_overview_counts_findings_table_and_cleaned_text() -> None:
    at = open_page(OVERVIEW)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "5" and metrics["Independent reports"] == "4"
    assert metrics["Dated"] == "3 of 5" and metrics["Outlet known"] == "5 of 5"
    counts = {d.value.columns[0]: d.value for d in at.dataframe[:-1]}
    assert counts["date basis"].to_dict("records") == [
        {"date basis": "manifest", "articles": 3, "share": "60%"}
    ]
    assert set(counts) >= {"outlet basis", "outlet type", "country", "language"}
    table = next(d.value for d in at.dataframe if "id" in d.value.columns)
    assert list(table["id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert {"outlet evidence", "date evidence", "wires", "language"} <= set(table.columns)
    assert table.set_index("id").loc["000_3d9694f0226b20af", "outlet"] == "Anadolu Agency"
    text = " ".join(m.value for m in at.markdown)
    assert "independent reports" in text and "rewrites" in text
    assert "~~" in text and "metadata" in text  # removed lines struck through with the reason


def test_area_heatmap_is_the_report_scores(seeds: Any) -> None:
    at = open_page(AREAS)
    heatmap = next(f for f in figures(at) if f["data"][0]["type"] == "heatmap")
    z = np.array(heatmap["data"][0]["z"], dtype=float)
    assert np.array_equal(np.nan_to_num(z), seeds.tech.scores.to_numpy())
    evidence = " ".join(m.value for m in at.markdown)
    assert "sentence(s)" in evidence


def test_similarity_heatmap_is_the_cluster_ordered_matrix(seeds: Any) -> None:
    at = open_page(SIMILARITY)
    heatmap = figures(at)[0]
    matrix = seeds.similarity.matrix
    order = cluster_order(matrix)
    expected = matrix[np.ix_(order, order)]
    assert np.allclose(np.array(heatmap["data"][0]["z"], dtype=float), expected, atol=1e-6)


def test_duplicates_threshold_filters_the_table(seeds: Any) -> None:
    at = open_page(DUPLICATES)
    table = at.dataframe[0].value
    expected = [p for p in seeds.duplicates.pairs if p.score >= 0.5]
    assert len(table) == len(expected)
    at.slider[0].set_value(0.95).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == sum(p.score >= 0.95 for p in expected)
    assert at.query_params["min"] == ["0.95"] or at.query_params["min"] == "0.95"


def test_another_corpus_from_a_folder(tmp_path: Path) -> None:
    for name in ("000_3d9694f0226b20af", "001_92ee229aff965d8c"):
        (tmp_path / f"{name}.txt").write_bytes((SEEDS / f"{name}.txt").read_bytes())
    at = open_page(OVERVIEW, folder=tmp_path)
    assert {m.label: m.value for m in at.metric}["Articles"] == "2"
    at.switch_page(DUPLICATES).run()
    assert not at.exception and figures(at)


def test_empty_corpus_shows_a_message_not_an_exception(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    for page in PAGES:
        at = open_page(page, folder=tmp_path)
        assert any("Nothing to analyse" in e.value for e in at.error), page


def test_one_article_corpus_pages_say_so(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_bytes((SEEDS / "002_562edc6b6e8a2061.txt").read_bytes())
    for page in PAGES:
        open_page(page, folder=tmp_path)
    at = open_page(SIMILARITY, folder=tmp_path)
    assert any("at least two articles" in i.value for i in at.info)


@pytest.mark.corpora
def test_every_page_on_a_bbc_subset(tmp_path: Path) -> None:
    import zipfile

    if not BBC_ZIP.exists():
        pytest.skip(f"the BBC corpus is not at {BBC_ZIP} (research-use data, not shipped)")
    with zipfile.ZipFile(BBC_ZIP) as archive:
        members = [n for n in archive.namelist() if n.endswith(".txt")]
        for name in members[::40]:  # 56 articles across the five sections
            target = tmp_path / Path(name).parent.name / Path(name).name
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(archive.read(name))
    for page in PAGES:
        at = open_page(page, folder=tmp_path)
        assert not at.error, page
        if page == PROVENANCE and not figures(at):
            # Every article of the subset tells a story of its own: said, not drawn.
            assert any("No two articles are about the same event" in i.value for i in at.info)
        elif page != OVERVIEW:
            assert figures(at), page
    metrics = {m.label: m.value for m in open_page(PAGES[0], folder=tmp_path).metric}
    assert metrics["Articles"] == str(len(members[::40]))


def open_with_uploads(page: str, files: list[tuple[str, bytes]]) -> AppTest:
    """A page on uploaded files (AppTest cannot drive the uploader: the files are put
    where the sidebar keeps a session's uploads, as after an upload and a page switch)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["_uploaded"] = files
    at.run()
    at.sidebar.radio(key="corpus_source").set_value("Upload files").run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_on_uploaded_files(page: str) -> None:
    files = [(p.name, p.read_bytes()) for p in SEED_FILES[:3]]
    at = open_with_uploads(page, files)
    assert not at.error, [e.value for e in at.error]
    assert any("3 file(s) uploaded earlier" in c.value for c in at.sidebar.caption)
    if page == OVERVIEW:
        assert {m.label: m.value for m in at.metric}["Articles"] == "3"
    else:
        assert figures(at), page


@pytest.mark.parametrize("page", PAGES)
def test_an_empty_upload_says_so_on_every_page(page: str) -> None:
    at = open_with_uploads(page, [("empty.txt", b"")])
    messages = [e.value.replace("\\", "") for e in at.error]  # shown Markdown-escaped
    assert any("Nothing to analyse" in m and "empty.txt" in m for m in messages), messages
    assert not figures(at) and not at.dataframe


def download_labels(at: AppTest) -> list[str]:
    return [d.proto.label for d in at.get("download_button")]


@pytest.mark.skipif(
    not chromium_available(),
    reason="no Chromium found (install chromium or set NATOJP_CHROMIUM): no server-side images",
)
def test_briefing_pack_and_chart_images_are_offered() -> None:
    at = open_page(AREAS)
    sidebar = [d.proto.label for d in at.sidebar.get("download_button")]
    assert sidebar == ["Briefing pack (PDF)", "Briefing pack (PowerPoint)"]
    labels = download_labels(at)
    n_charts = len(figures(at))
    assert labels.count("PNG 1600×900 (scale 2)") == n_charts
    assert labels.count("SVG (vector)") == n_charts


@pytest.mark.skipif(
    not chromium_available(),
    reason="no Chromium found (install chromium or set NATOJP_CHROMIUM): no briefing pack",
)
def test_briefing_pack_title_and_subtitle_fields_are_kept_across_pages() -> None:
    at = open_page(OVERVIEW)
    title = at.sidebar.text_input(key="brief_title")
    assert title.value == "" and title.placeholder == "Coverage brief: Japan and NATO"
    subtitle = at.sidebar.text_input(key="brief_subtitle")
    assert subtitle.placeholder == "Articles published 29 July – 1 November 2025"
    title.set_value("Allied talks").run()
    at.switch_page(DUPLICATES).run()
    assert not at.exception
    assert at.sidebar.text_input(key="brief_title").value == "Allied talks"
    labels = [d.proto.label for d in at.sidebar.get("download_button")]
    assert labels == ["Briefing pack (PDF)", "Briefing pack (PowerPoint)"]


def test_without_chromium_the_dashboard_says_so_and_keeps_working(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NATOJP_CHROMIUM", str(tmp_path / "no-chromium"))
    at = open_page(DUPLICATES)
    assert figures(at), "charts still drawn"
    labels = download_labels(at)
    assert not any(label.startswith(("Briefing pack", "PNG", "SVG")) for label in labels)
    infos = [i.value for i in at.info]
    assert any("no Chromium" in i and "camera button" in i for i in infos), infos


def test_large_corpora_get_aggregates_instead_of_article_matrices(
    monkeypatch: pytest.MonkeyPatch, seeds: Any
) -> None:
    """Above widgets.MATRIX_MAX articles (lowered here to 3 for the 5 seeds): nearest
    neighbours, area co-occurrence and the strongest rows instead of N × N charts."""
    from natojp.app import widgets

    monkeypatch.setattr(widgets, "MATRIX_MAX", 3)
    at = open_page(SIMILARITY)
    assert any("nearest neighbours" in i.value for i in at.info)
    neighbours = at.dataframe[0].value
    assert list(neighbours.columns) == [
        "article",
        "article label",
        "neighbour",
        "neighbour label",
        "cosine",
    ]
    assert set(neighbours["article"]) == set(seeds.corpus.ids)
    labels = article_labels(seeds.articles)  # the whole corpus's labels, next to the ids
    assert list(neighbours["article label"]) == [labels[i] for i in neighbours["article"]]
    assert list(neighbours["neighbour label"]) == [labels[i] for i in neighbours["neighbour"]]
    names = [f["layout"]["meta"]["name"] for f in figures(at)]
    assert "article-similarity" not in names and "area-cooccurrence" in names

    at = open_page(AREAS)
    heatmap = next(f for f in figures(at) if f["layout"]["meta"]["name"] == "area-heatmap")
    assert len(heatmap["data"][0]["y"]) == 3
    totals = seeds.tech.scores.sum(axis=1).sort_values(ascending=False, kind="stable")
    assert "the 3 of 5 with most mentions" in heatmap["layout"]["title"]["subtitle"]["text"]
    assert len(at.dataframe[0].value) == 5  # the table keeps every row
    assert totals.index[0] in heatmap["data"][0]["customdata"][0][0]


def test_areas_page_notes_articles_the_taxonomy_has_no_terms_for(tmp_path: Path) -> None:
    from tests.multilingual import write_multilingual_corpus

    write_multilingual_corpus(tmp_path)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    at.sidebar.radio(key="corpus_source").set_value("Folder on this computer").run()
    at.sidebar.text_input(key="corpus_folder").set_value(str(tmp_path)).run()
    at.switch_page(AREAS).run()
    assert not at.exception, [e.value for e in at.exception]
    notes = [c.value.replace("\\", "") for c in at.caption]  # shown Markdown-escaped
    note = next(n for n in notes if "no terms for" in n)
    assert note.startswith(":warning: 2 articles (languages: nl, pt) are in languages")
    assert "likely too low" in note
    # the seeds are in English: no note
    at = open_page(AREAS)
    assert not any("no terms for" in c.value for c in at.caption)


# ----------------------------------------------------------- filters on every page

STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"
JAPAN = ["Associated Press", "Kyodo News", "NHK", "The Japan Times"]
# The four sources from 20 April 2025 (undated kept): 03_brussels, 15_tokyo, 16_tokyo,
# 18_tokyo, 20_interview, 36_tokyo; 15 and 16 are one report, so 5 reports.
FILTER_URL = {"source": JAPAN, "from": "2025-04-20"}


def open_filtered(
    page: str, monkeypatch: pytest.MonkeyPatch, query: dict[str, Any] | None = None
) -> AppTest:
    monkeypatch.setenv("NATOJP_CORPUS", str(STORY40))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params = dict(query or {})
    at.run()
    if page != OVERVIEW:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [s.value for s in at.subheader])


@pytest.mark.parametrize("page", [OVERVIEW, TIMELINE, SIMILARITY, DUPLICATES])
def test_a_link_with_source_and_date_filters_filters_every_page(
    page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_filtered(page, monkeypatch, FILTER_URL)
    assert at.sidebar.multiselect(key="filter_sources").value == JAPAN
    assert str(at.sidebar.date_input(key="filter_from").value) == "2025-04-20"
    assert at.sidebar.date_input(key="filter_to").value is None
    assert at.sidebar.checkbox(key="filter_undated").value is True
    assert any("6 of 40 articles shown" in c.value for c in at.sidebar.caption)
    for figure in figures(at):  # every chart's subtitle says so
        spec = json.dumps(figure, ensure_ascii=False)
        assert "6 of 40 articles" in spec, figure["layout"]["meta"]
        assert "published from 2025-04-20 or undated" in spec, figure["layout"]["meta"]
    text = page_text(at)
    if page == OVERVIEW:
        assert "6 articles → 5 independent reports" in text
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["Articles"] == "6" and metrics["Independent reports"] == "5"
        assert metrics["Dated"] == "4 of 6"
        table = next(d.value for d in at.dataframe if "id" in d.value.columns)
        assert list(table["id"]) == [
            "03_brussels", "15_tokyo", "16_tokyo", "18_tokyo", "20_interview", "36_tokyo"
        ]  # fmt: skip
    elif page == DUPLICATES:
        assert "6 articles → 5 independent reports" in text
        graph = next(f for f in figures(at) if f["layout"]["meta"]["name"] == "dependency-graph")
        assert "6 articles → 5 independent reports" in graph["layout"]["title"]["text"]
        shown = {i for trace in graph["data"] for i in map(str, trace.get("customdata") or [])}
        assert not any("brussels" in i and "03" not in i for i in shown), shown
    else:
        assert "6 of 40 articles" in text
    for name, value in FILTER_URL.items():
        assert at.query_params[name] == value or at.query_params[name] == [value]


def test_the_date_filter_and_undated_choice_change_the_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    at = open_filtered(OVERVIEW, monkeypatch)
    assert {m.label: m.value for m in at.metric}["Articles"] == "40"
    at.sidebar.date_input(key="filter_from").set_value(date(2025, 4, 14)).run()
    at.sidebar.date_input(key="filter_to").set_value(date(2025, 4, 16)).run()
    metrics = {m.label: m.value for m in at.metric}
    # 10 dated 14-16 April, and the 8 undated (23_tomahawk is dated 8 May since its
    # masthead and menu are no longer taken for its headline)
    assert metrics["Articles"] == "18"
    assert metrics["Independent reports"] == "12"
    at.sidebar.checkbox(key="filter_undated").uncheck().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "10" and metrics["Independent reports"] == "6"
    assert metrics["Dated"] == "10 of 10"
    assert at.query_params["from"] in ("2025-04-14", ["2025-04-14"])
    assert at.query_params["undated"] in ("exclude", ["exclude"])
    # kept across a page switch, counts included
    at.switch_page(DUPLICATES).run()
    assert not at.exception
    assert at.sidebar.checkbox(key="filter_undated").value is False
    assert "10 articles → 6 independent reports" in page_text(at)
    at.switch_page(TIMELINE).run()
    assert "10 of 40 articles" in page_text(at)


def test_a_source_filter_chosen_in_the_sidebar_is_kept_in_the_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = open_filtered(DUPLICATES, monkeypatch)
    assert "40 articles → 30 independent reports" in page_text(at)
    at.sidebar.multiselect(key="filter_sources").set_value(JAPAN).run()
    assert "7 articles → 6 independent reports" in page_text(at)
    assert at.query_params["source"] == JAPAN
    at.switch_page(SIMILARITY).run()
    assert "7 of 40 articles" in page_text(at)
    heatmap = figures(at)[0]
    assert len(heatmap["data"][0]["z"]) == 7


@pytest.mark.parametrize(
    ("page", "column", "rows"),
    [
        (OVERVIEW, "noise lines removed", 5),
        (SIMILARITY, "neighbour label", None),
        (CORROBORATION, "evidence", None),
    ],
)
def test_long_tables_show_their_first_rows_and_say_how_many_there_are(
    monkeypatch: pytest.MonkeyPatch, seeds: Any, page: str, column: str, rows: int | None
) -> None:
    """Tables are built for the rows shown (their CSV makes every row when clicked):
    at 100,000 articles, building every row on each rerun took seconds."""
    from natojp.app import widgets

    monkeypatch.setattr(widgets, "TABLE_MAX_ROWS", 2)
    monkeypatch.setattr(widgets, "MATRIX_MAX", 3)  # the seeds' neighbours, not the matrix
    at = open_page(page)
    table = next(df for df in at.dataframe if column in df.value.columns)
    assert len(table.value) == 2
    if rows is None:  # as many as the whole corpus gives
        if page == SIMILARITY:
            rows = sum(len(v) for v in seeds.similarity.neighbors.values())
        else:
            rows = len(seeds.corroboration().flags)
    assert rows > 2
    captions = [c.value for c in at.caption]
    assert f"Showing the first 2 of {rows:,} rows; the CSV has all." in captions
