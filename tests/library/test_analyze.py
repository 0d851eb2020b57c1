from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from natojp.analysis import Analysis, analyze
from natojp.library import Library, analyze_library
from tests import ROOT, SEEDS
from tests.library.helpers import BRIDGE, FERRY, HARBOUR, write

STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


def assert_same_analysis(got: Analysis, want: Analysis) -> None:
    """Identical duplicates, dependencies, reports, areas and events; similarities within
    1e-9."""
    assert_same_stages(got, want)
    assert got.similarity.ids == want.similarity.ids
    if want.similarity.matrix is None:  # not kept for large corpora
        assert got.similarity.matrix is None
    else:
        assert got.similarity.matrix is not None
        np.testing.assert_allclose(got.similarity.matrix, want.similarity.matrix, rtol=0, atol=1e-9)
    assert got.similarity.neighbors.keys() == want.similarity.neighbors.keys()
    for key, items in want.similarity.neighbors.items():
        assert [b for b, _ in got.similarity.neighbors[key]] == [b for b, _ in items]
        np.testing.assert_allclose(
            [s for _, s in got.similarity.neighbors[key]], [s for _, s in items], atol=1e-9
        )
    np.testing.assert_allclose(got.sources.to_numpy(), want.sources.to_numpy(), atol=1e-9)
    assert list(got.sources.index) == list(want.sources.index)


def assert_same_stages(got: Analysis, want: Analysis) -> None:
    """Identical articles, duplicates, dependencies, reports, areas and events."""
    assert got.corpus.articles == want.corpus.articles
    assert got.corpus.skipped == want.corpus.skipped
    assert got.duplicates.pairs == want.duplicates.pairs
    assert got.duplicates.dependencies == want.duplicates.dependencies
    assert got.duplicates.independent_reports == want.duplicates.independent_reports
    assert got.duplicates.repeated_bodies == want.duplicates.repeated_bodies
    assert got.tech.scores.equals(want.tech.scores)
    assert (got.tech.evidence, got.tech.terms, got.tech.uncovered) == (
        want.tech.evidence,
        want.tech.terms,
        want.tech.uncovered,
    )
    assert got.timeline == want.timeline


@pytest.mark.parametrize("corpus", [STORY40, SEEDS], ids=["story40", "seeds"])
def test_the_library_analysis_equals_a_from_scratch_analysis(tmp_path: Path, corpus: Path) -> None:
    lib = Library.create(tmp_path / "l.natojp")
    lib.add([corpus], batch_size=16)
    got = analyze_library(Library.open(lib.path))
    assert_same_analysis(got, analyze([corpus]))
    assert got.corpus.fingerprint == lib.fingerprint()


def test_after_adds_and_removes(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a_harbour.txt": HARBOUR, "b_ferry.txt": FERRY})
    lib = Library.create(tmp_path / "l.natojp")
    lib.add([src])
    version = lib.freeze()
    (src / "c_bridge.txt").write_text(BRIDGE, encoding="utf-8")
    lib.add([src])
    lib.remove(["b_ferry"])
    (src / "b_ferry.txt").unlink()
    assert_same_analysis(analyze_library(lib), analyze([src]))
    frozen = analyze_library(lib, version.id)
    assert [a.id for a in frozen.articles] == ["a_harbour", "b_ferry"]
    assert frozen.corpus.fingerprint == version.id
    assert frozen.corpus.version == version.id
    assert frozen.corpus.citation == f"library version {version.id}"
    assert analyze_library(lib).corpus.version is None  # the current articles: not frozen


def test_exports_of_a_frozen_version_cite_it(tmp_path: Path) -> None:
    from natojp.export import build_brief
    from natojp.export.deck import footer
    from natojp.report import to_dict

    src = write(tmp_path / "in", {"a_harbour.txt": HARBOUR, "b_ferry.txt": FERRY})
    lib = Library.create(tmp_path / "l.natojp", contents=[src])
    version = lib.freeze("weekly brief")
    analysis = analyze_library(lib, version.id)
    brief = build_brief(analysis)
    cited = f"library version {version.id}"
    assert cited in brief.source
    assert cited in footer(brief, 1, 2)
    assert any(cited in line for line in brief.slides[0].lines)
    assert to_dict(analysis)["corpus"]["version"] == version.id


def test_an_analysis_after_an_add_starts_from_the_last_one(tmp_path: Path) -> None:
    """The vectors and neighbours of the analysis kept before an add are brought up to
    the new articles; every other stage equals a from-scratch analysis."""
    import shutil

    from natojp.config import AnalysisConfig, SimilarityConfig, VectorConfig
    from natojp.library import AnalysisCache

    config = AnalysisConfig(  # the update's thresholds lowered to a 40-article corpus
        vector=VectorConfig(update_min_articles=10),
        similarity=SimilarityConfig(dense_max_articles=1, exact_max_articles=2),
    )
    files = sorted(STORY40.iterdir())
    src = tmp_path / "in"
    src.mkdir()
    for path in files[:-1]:
        shutil.copy(path, src / path.name)
    lib = Library.create(tmp_path / "l.natojp", contents=[src])
    cache = AnalysisCache(tmp_path / "cache")
    before = analyze_library(lib, config=config, cache=cache)
    assert before.terms.drift == 0
    shutil.copy(files[-1], src / files[-1].name)
    lib.add([src])
    after = analyze_library(lib, config=config, cache=cache)
    assert after.terms.drift == 1  # one article vectorised with the kept vocabulary
    assert after.terms.features.tolist() == before.terms.features.tolist()
    assert_same_stages(after, analyze([src], config))
    new = files[-1].stem
    assert after.similarity.neighbors[new]  # the new article has its neighbours
    # Opened again, it is the kept analysis; other settings start afresh.
    assert analyze_library(lib, config=config, cache=cache).terms.drift == 1
    assert analyze_library(lib, cache=cache).terms.drift == 0
