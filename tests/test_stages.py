"""The stages that read nothing but the articles (natojp._stages): the same areas,
timeline and duplicates whether run in one process or shared with a forked child, and
the articles the off-topic pass left whole."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from pathlib import Path

import pytest

from natojp._stages import (
    StagesResult,
    _article_stages,
    _SharedStages,
    beside_areas,
    whole_articles,
)
from natojp.analysis import _clean_all
from natojp.config import AnalysisConfig, DuplicateConfig
from natojp.ingest import read_paths
from natojp.models import Article, Paragraph, Skipped
from natojp.taxonomy import Taxonomy

STORY40 = Path(__file__).resolve().parent / "fixtures" / "story40" / "articles"


@pytest.fixture(scope="module")
def story40() -> list[Article]:
    skipped: list[Skipped] = []
    return _clean_all(read_paths([STORY40]), AnalysisConfig(), None, skipped, None)


def _comparable(result: StagesResult) -> tuple[object, ...]:
    tech, timeline, duplicates, _read, _spent = result
    return (
        tech.scores.to_dict(),
        timeline,
        duplicates.pairs,
        duplicates.dependencies,
        duplicates.independent_reports,
    )


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (Linux, macOS)"
)
def test_shared_with_a_child_the_stages_give_what_one_process_gives(
    story40: list[Article],
) -> None:
    taxonomy, config = Taxonomy.default(), DuplicateConfig()
    alone = _article_stages(story40, taxonomy, config)
    shared = _SharedStages(story40, taxonomy, config, None).result()
    assert _comparable(shared) == _comparable(alone)
    assert alone[2].dependencies, "story40 has articles copied from others"
    assert shared[4]["duplicates"] > 0 and "taxonomy" in shared[4]


def test_beside_areas_are_the_areas_and_timeline_of_the_stages(story40: list[Article]) -> None:
    taxonomy = Taxonomy.default()
    tech, timeline, *_ = _article_stages(story40, taxonomy, DuplicateConfig())
    tech_b, timeline_b, read, spent = beside_areas(story40, frozenset(), taxonomy)
    assert tech_b.scores.to_dict() == tech.scores.to_dict()
    assert timeline_b == timeline and timeline.events
    # the specifics of the second half of the articles are read there
    assert len(read.specifics) == len(story40) - len(story40) // 2
    assert "provenance specifics, second half" in spent


def test_whole_articles_are_those_the_off_topic_pass_left_as_given(
    story40: list[Article],
) -> None:
    first, second, *rest = story40
    trimmed = replace(second, paragraphs=(*second.paragraphs[:1], Paragraph("Other.")))
    kept = [first, trimmed, *rest[:-1]]  # the last article dropped altogether
    whole = whole_articles(story40, kept)
    assert whole == frozenset(a.id for a in [first, *rest[:-1]])
