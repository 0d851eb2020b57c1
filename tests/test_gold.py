"""Integration: the analysis of the seeds measured against the hand-made gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from natojp import analyze
from natojp._text import tokens
from natojp.analysis import Analysis
from natojp.config import AnalysisConfig

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = json.loads((ROOT / "tests" / "fixtures" / "seeds_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw_lines() -> dict[str, list[str]]:
    return {p.stem: p.read_text(encoding="utf-8").splitlines() for p in sorted(SEEDS.glob("*.txt"))}


def test_every_seed_is_analysed_and_the_manifest_is_not_an_article(seeds: Analysis) -> None:
    assert sorted(seeds.corpus.ids) == sorted(GOLD["articles"])
    assert seeds.corpus.skipped == ()


def test_noise_lines_are_gone_from_the_body(
    seeds: Analysis, raw_lines: dict[str, list[str]]
) -> None:
    noise_total = noise_removed = 0
    for article in seeds.articles:
        body = " ".join(article.body.split())
        for n in GOLD["articles"][article.id]["noise_lines"]:
            text = " ".join(raw_lines[article.id][n - 1].split())
            if len(text) < 12:
                continue
            noise_total += 1
            noise_removed += text not in body
    assert noise_total > 0
    assert noise_removed / noise_total >= 0.9, f"{noise_removed}/{noise_total} noise lines removed"
    assert noise_removed == noise_total  # today every one of them is removed


def test_must_keep_sentences_stay(seeds: Analysis) -> None:
    for article in seeds.articles:
        body = " ".join(article.body.split())
        for prefix in GOLD["articles"][article.id]["must_keep"]:
            assert prefix in body, (article.id, prefix)


def test_every_removal_has_a_known_reason_and_a_line(seeds: Analysis) -> None:
    from natojp.clean import REASONS

    for article in seeds.articles:
        for r in article.removed:
            assert r.reason in REASONS
            assert r.line is not None and r.text


def test_titles_match_or_are_derived(seeds: Analysis) -> None:
    for article in seeds.articles:
        gold_title = GOLD["articles"][article.id]["title"]
        if gold_title is None:
            assert article.title_derived and article.title
        else:
            assert article.title == gold_title and not article.title_derived


def test_explicit_date_and_outlet_are_found_without_the_manifest() -> None:
    without = analyze([*sorted(SEEDS.glob("*.txt"))])  # files, not the folder: no manifest
    first = without.corpus.by_id("000_3d9694f0226b20af")
    assert first.outlet == "Anadolu Agency" and first.outlet_basis == "header"
    assert first.outlet_evidence is not None and first.outlet_evidence.line is not None
    assert first.published is not None and first.published.iso() == "2025-07-29"
    assert first.published_basis == "header"
    assert first.published_evidence is not None and "2025" in first.published_evidence.text
    for article in without.articles:
        if article.id != "000_3d9694f0226b20af":  # no other seed states a date
            assert article.published is None and article.published_basis is None


def test_manifest_fills_what_the_text_does_not_say(seeds: Analysis) -> None:
    interview = seeds.corpus.by_id("001_92ee229aff965d8c")
    assert interview.outlet == "The Japan Times" and interview.outlet_basis == "manifest"
    assert interview.published is not None and interview.published_basis == "manifest"
    undated = seeds.corpus.by_id("003_86772a582f00ab4c")
    assert undated.published is None


def _macro_f1(predicted: dict[str, set[str]], gold: dict[str, set[str]], areas: list[str]) -> float:
    scores = []
    for area in areas:
        tp = sum(area in predicted[a] and area in gold[a] for a in gold)
        fp = sum(area in predicted[a] and area not in gold[a] for a in gold)
        fn = sum(area not in predicted[a] and area in gold[a] for a in gold)
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def test_technology_areas_macro_f1(seeds: Analysis) -> None:
    scores = seeds.tech.scores
    predicted = {aid: {c for c in scores.columns if scores.loc[aid, c] > 0} for aid in scores.index}
    gold = {aid: set(a["tech_areas"]) for aid, a in GOLD["articles"].items()}
    assert list(scores.columns) == list(GOLD["tech_area_ids"])
    f1 = _macro_f1(predicted, gold, list(GOLD["tech_area_ids"]))
    assert f1 >= 0.9, (f1, predicted)


def test_no_area_is_credited_from_noise(seeds: Analysis, raw_lines: dict[str, list[str]]) -> None:
    for article in seeds.articles:
        noise = [raw_lines[article.id][n - 1] for n in GOLD["articles"][article.id]["noise_lines"]]
        for area, sentences in seeds.tech.evidence.get(article.id, {}).items():
            for sentence in sentences:
                assert sentence in article.body, (article.id, area, sentence)
                assert not any(sentence in line for line in noise), (article.id, area, sentence)


def test_gold_events_are_found(seeds: Analysis) -> None:
    found = []
    for gold_event in GOLD["events"]:
        for event in seeds.timeline.events:
            if event.date.iso() == gold_event["date"] and set(gold_event["articles"]) <= set(
                event.articles
            ):
                found.append(gold_event["date"])
                break
    assert len(found) >= 5, found


def _covers(text: str, shared: str) -> bool:
    """Whether ``text`` holds the gold passage (its optional '(x)' words ignored)."""
    import re

    want = [t for t in tokens(re.sub(r"\([^)]*\)|\.\.\.", " ", shared)) if t]
    have = set(tokens(text))
    return sum(t in have for t in want) / len(want) >= 0.9


def test_gold_duplicate_passages_are_found(seeds: Analysis) -> None:
    pairs = seeds.duplicates.pairs
    for gold_pair in GOLD["duplicates"]:
        hits = [
            p
            for p in pairs
            if {p.a, p.b} == {gold_pair["a"], gold_pair["b"]}
            and _covers(p.a_text, gold_pair["shared"])
            and _covers(p.b_text, gold_pair["shared"])
        ]
        assert hits, gold_pair
        if gold_pair["a"] != gold_pair["b"]:
            assert all(p.quote for p in hits), "the shared passages are quotes in both"


def test_most_similar_cross_pair_is_the_agency_rewrite(seeds: Analysis) -> None:
    a, b, _ = seeds.similarity.most_similar_pairs(1)[0]
    assert {a, b} == set(GOLD["similarity"]["most_similar_pair"])


def test_independent_reports_group_the_rewrite_with_its_source(seeds: Analysis) -> None:
    groups = [set(g) for g in seeds.duplicates.independent_reports]
    assert {"000_3d9694f0226b20af", "001_92ee229aff965d8c"} in groups
    assert len(groups) == 4
    dep = next(d for d in seeds.duplicates.dependencies if d.derivative.startswith("000"))
    assert dep.source == "001_92ee229aff965d8c"
    assert "names The Japan Times" in dep.basis


def test_off_topic_paste_is_removed_with_evidence(seeds: Analysis) -> None:
    pasted = seeds.corpus.by_id("003_86772a582f00ab4c")
    off = [r for r in pasted.removed if r.reason == "off-topic"]
    assert [r.line for r in off] == [5, 7]
    assert all("cosine" in r.detail for r in off)


def test_analysis_without_off_topic_keeps_the_paste() -> None:
    from dataclasses import replace

    from natojp.config import CleanConfig

    config = AnalysisConfig(clean=replace(CleanConfig(), off_topic=False))
    kept = analyze([SEEDS], config).corpus.by_id("003_86772a582f00ab4c")
    assert "China on Thursday boosted tariffs" in kept.body


def test_provenance_and_corroboration_of_the_interview(seeds: Analysis) -> None:
    """Issue 16's acceptance on the seeds: The Japan Times (001) first published the Izawa
    interview and Anadolu (000) rewrites it; their shared quotes are Izawa's and one
    independent report; Dr. Anya Sharma and 004's timeline table rest on one report."""
    jt, aa = "001_92ee229aff965d8c", "000_3d9694f0226b20af"
    rewrite, farm = "003_86772a582f00ab4c", "004_cd16a73cbc67527f"
    story = seeds.provenance().story_of(jt)
    assert story.first == jt and aa in story.articles
    (dep,) = [d for d in seeds.duplicates.dependencies if {d.source, d.derivative} == {jt, aa}]
    assert (dep.source, dep.derivative, dep.relation, dep.certain) == (jt, aa, "rewrite", True)
    c = seeds.corroboration()
    shared = [q for q in c.quotes if {jt, aa} <= set(q.articles)]
    assert shared and all(q.speaker == "Osamu Izawa" and q.n_reports == 1 for q in shared)
    people = {f.subject: f.articles for f in c.flagged("entity")}
    assert people["Anya Sharma"] == (rewrite,)
    table = {f.subject for f in c.flagged("claim") if f.articles == (farm,)}
    assert {"2024-2025", "2024-2026", "12 months", "1-3 years", "6 months"} <= table
