from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from natojp import analyze
from natojp.analysis import Analysis
from natojp.config import AnalysisConfig, SimilarityConfig
from natojp.report import SCHEMA, to_dict, to_json, to_json_bytes, write_report
from tests import ROOT

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def test_contract_keys_and_types(seeds: Analysis) -> None:
    report = to_dict(seeds)
    assert report["schema"] == SCHEMA == "natojp.report/1"
    for key in (
        "articles",
        "skipped",
        "tech_areas",
        "similarity",
        "events",
        "duplicates",
        "independent_reports",
    ):
        assert key in report
    ids = [a["id"] for a in report["articles"]]
    assert len(ids) == len(set(ids)) == 5
    for a in report["articles"]:
        assert isinstance(a["body"], str) and a["body"]
        assert isinstance(a["title_derived"], bool) and isinstance(a["word_count"], int)
        assert a["published"] is None or DATE.match(a["published"])
        assert all({"line", "text", "reason"} <= set(r) for r in a["removed"])
    tech = report["tech_areas"]
    area_ids = [x["id"] for x in tech["areas"]]
    assert set(tech["scores"]) == set(ids)
    assert all(list(s) == area_ids for s in tech["scores"].values())
    for aid, areas in tech["evidence"].items():
        for area, sentences in areas.items():
            assert tech["scores"][aid][area] > 0 and sentences
    sim = report["similarity"]
    assert sim["ids"] == ids and len(sim["matrix"]) == 5
    assert all(DATE.match(e["date"]) and e["articles"] and e["evidence"] for e in report["events"])
    for d in report["duplicates"]:
        assert {d["a"], d["b"]} <= set(ids) and 0 < d["score"] <= 1 and d["kind"]
    overlap = report["area_overlap"]
    assert overlap["ids"] == ids
    assert [overlap["matrix"][i][i] for i in range(5)] == [
        sum(v > 0 for v in tech["scores"][aid].values()) for aid in ids
    ]
    grouped = sorted(i for g in report["independent_reports"] for i in g)
    assert grouped == sorted(ids)  # every article in exactly one report


def test_json_round_trip(seeds: Analysis, tmp_path: Path) -> None:
    path = write_report(seeds, tmp_path / "out" / "report.json")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(to_json(seeds))
    assert json.loads(path.read_text(encoding="utf-8")) == to_dict(seeds)


def test_json_is_indented_by_two_or_compact(seeds: Analysis) -> None:
    indented = to_json(seeds)
    assert indented.startswith('{\n  "') and "\n    " in indented
    compact = to_json(seeds, indent=None)
    assert "\n" not in compact and json.loads(compact) == json.loads(indented)
    assert to_json_bytes(seeds) == indented.encode("utf-8")
    assert "\\u" not in indented and not indented.isascii()  # UTF-8, not escapes
    with pytest.raises(ValueError, match="2 spaces"):
        to_json(seeds, indent=4)


def test_large_corpora_carry_neighbours_not_a_matrix() -> None:
    config = AnalysisConfig(similarity=SimilarityConfig(dense_max_articles=3, top_k=2))
    report = to_dict(analyze([SEEDS], config))
    assert report["similarity"]["matrix"] is None
    assert all(len(v) <= 2 for v in report["similarity"]["neighbors"].values())


def test_highlight_segments_cover_the_text_once() -> None:
    from natojp.report import highlight_segments

    text = "alpha beta gamma delta"
    parts = highlight_segments(text, [(6, 10), (0, 5), (8, 16)])
    assert "".join(seg for seg, _ in parts) == text
    assert [seg for seg, shared in parts if shared] == ["alpha", "beta", " gamma"]
    assert highlight_segments("abc", []) == [("abc", False)]


def test_articles_frame_and_annotated_lines(seeds: Analysis) -> None:
    from natojp.report import annotated_lines, articles_frame

    frame = articles_frame(seeds)
    assert list(frame["id"]) == [a.id for a in seeds.articles]
    row = frame.set_index("id").loc["003_86772a582f00ab4c"]
    assert row["noise lines removed"] == 3  # repeated headline + two off-topic paragraphs
    assert frame["relevance"].notna().all()
    # some articles, in another order: their rows of the whole frame, relevance included
    some = [seeds.articles[k] for k in (4, 0, 3)]
    part = articles_frame(seeds, some)
    expected = frame.set_index("id").loc[[a.id for a in some]].reset_index()
    pd.testing.assert_frame_equal(part, expected)
    pasted = seeds.corpus.by_id("003_86772a582f00ab4c")
    lines = annotated_lines(pasted)
    assert [line for line, *_ in lines] == sorted(line for line, *_ in lines)
    assert {reason for _, _, reason, _ in lines} == {
        None,
        "headline",
        "repeated-headline",
        "off-topic",
    }


def test_rounding_arrays_gives_the_floats_of_rounding_each_number() -> None:
    import math
    import struct

    import numpy as np

    from natojp.report import _num, _rounded

    rng = np.random.default_rng(3)
    halves = (rng.integers(-(10**6), 10**6, 2000) + 0.5) / 1e4  # x * 10^4 near a half
    values = np.concatenate(
        [
            rng.random(2000),
            halves,
            np.nextafter(halves, np.inf),
            np.nextafter(halves, -np.inf),
            [0.03125, -0.03125, -1e-9, 0.0, -0.0, 1e-300, 4.4e5, 1e20, -1e308, 0.99995],
            [math.inf, -math.inf, math.nan],
        ]
    )
    got = _rounded(values)
    assert [struct.pack("d", x) for x in got] == [struct.pack("d", _num(x)) for x in values]
    matrix = rng.random((4, 3))
    assert _rounded(matrix) == [[_num(x) for x in row] for row in matrix]
    assert _rounded(np.zeros((0, 0))) == []


def test_to_dict_leaves_the_garbage_collector_as_it_found_it(seeds: Analysis) -> None:
    import gc

    assert gc.isenabled()
    first = to_dict(seeds)
    assert gc.isenabled()
    gc.disable()
    try:
        assert to_dict(seeds)["articles"] == first["articles"]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_areas_the_taxonomy_lacks_terms_for_are_reported(seeds: Analysis, tmp_path: Path) -> None:
    from natojp.taxonomy import Taxonomy
    from tests.multilingual import write_multilingual_corpus

    assert to_dict(seeds)["tech_areas"]["uncovered"] == {}  # the seeds are in English
    analysis = analyze([write_multilingual_corpus(tmp_path / "corpus")])
    every_area = list(Taxonomy.default().ids)
    report = json.loads(write_report(analysis, tmp_path / "report.json").read_text("utf-8"))
    assert report["tech_areas"]["uncovered"] == {
        "nl_satellieten": every_area,
        "pt_navios": every_area,
    }
    assert report == json.loads(to_json(analysis))


def test_relevance_is_reported_with_unmeasured_values_as_null(
    seeds: Analysis, tmp_path: Path
) -> None:
    rel = to_dict(seeds)["relevance"]
    assert rel["off_topic"] == []
    assert set(rel["articles"]) == {a.id for a in seeds.corpus.articles}
    assert all(not row["off_topic"] and row["reason"] == "" for row in rel["articles"].values())
    story = analyze([Path(__file__).parent / "fixtures" / "story40" / "articles"])
    report = json.loads(write_report(story, tmp_path / "report.json").read_text("utf-8"))
    rows = report["relevance"]["articles"]
    assert report["relevance"]["off_topic"] == ["34_profile"]
    assert rows["34_profile"]["off_topic"] and rows["34_profile"]["reason"]
    # Three Japanese articles are too few to compare on text: no score, not zero.
    assert [rows[a]["score"] for a in rows if story.relevance.table.loc[a, "language"] == "ja"] == [
        None,
        None,
        None,
    ]


def test_stories_provenance_and_corroboration_are_reported(seeds: Analysis) -> None:
    report = json.loads(to_json(seeds))
    ids = {a["id"] for a in report["articles"]}
    story_of = {aid: s["id"] for s in report["stories"] for aid in s["articles"]}
    assert set(story_of) == ids  # every article is in exactly one story
    jt = next(a["id"] for a in report["articles"] if a["outlet"] == "The Japan Times")
    story = next(s for s in report["stories"] if s["id"] == story_of[jt])
    assert story["first"] == jt and story["first_basis"]
    edges = report["provenance"]
    assert {(e["source"], e["derivative"]) for e in edges} == {
        (d["source"], d["derivative"]) for d in report["dependencies"]
    }
    assert all({"direction_basis", "certain", "credit", "basis"} <= set(e) for e in edges)
    quote = report["quotes"][0]
    assert {"text", "speaker", "articles", "independent_reports"} <= set(quote)
    sharma = [f for f in report["flags"] if "Anya Sharma" in f["subject"]]
    assert sharma and all(len(f["articles"]) == 1 for f in sharma)  # one report only
    assert {"provenance", "corroboration"} <= set(report["timings"])


_REPORT_IN_ANOTHER_PROCESS = """
import sys
from pathlib import Path

import orjson

from natojp.analysis import analyze
from natojp.report import to_dict

report = to_dict(analyze([Path(sys.argv[1])]))
report["corpus"].pop("analyzed_at", None)
report.pop("timings", None)
sys.stdout.buffer.write(orjson.dumps(report, option=orjson.OPT_SORT_KEYS))
"""


@pytest.mark.slow
def test_the_report_is_the_same_in_every_process() -> None:
    # Each process salts string hashes with its own seed; the Dask engine's analysing
    # process and the one beside the in-process engine are other processes: nothing the
    # report holds may follow a set's or a hash's order.
    story40 = ROOT / "tests" / "fixtures" / "story40" / "articles"
    reports = {
        subprocess.run(
            [sys.executable, "-c", _REPORT_IN_ANOTHER_PROCESS, str(story40)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    (report,) = reports
    assert b'"misquotes"' in report and b'"independent_reports"' in report
