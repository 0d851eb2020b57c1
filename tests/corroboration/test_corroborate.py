"""The entry point on the seeds (the acceptance checks of issue 16) and on the invented
gold, and its tables."""

from __future__ import annotations

import json

import pytest

from natojp.analysis import Analysis, analyze
from natojp.corroboration import TABLES, Corroboration, corroborate, read_mentions
from natojp.models import Article, Paragraph
from tests import ROOT

GOLD = ROOT / "tests" / "fixtures" / "corroboration" / "gold.json"
IZAWA_PAIR = {"000_3d9694f0226b20af", "001_92ee229aff965d8c"}
REWRITE = "003_86772a582f00ab4c"
FARM = "004_cd16a73cbc67527f"


@pytest.fixture(scope="module")
def seeds_c(seeds: Analysis) -> Corroboration:
    return corroborate(seeds.articles, seeds.duplicates.independent_reports)


def test_seeds_anya_sharma_is_single_source(seeds_c: Corroboration) -> None:
    person = next(e for e in seeds_c.entities if e.name == "Anya Sharma")
    assert (person.kind, person.articles, person.n_reports) == ("person", (REWRITE,), 1)
    flags = [f for f in seeds_c.flags if f.kind == "entity" and f.subject == "Anya Sharma"]
    assert len(flags) == 1 and flags[0].articles == (REWRITE,)
    quoted = [f for f in seeds_c.flagged("quote") if "attributed to Anya Sharma" in f.reason]
    assert quoted and all(f.articles == (REWRITE,) for f in quoted)


def test_seeds_004s_timeline_table_is_single_source(seeds_c: Corroboration) -> None:
    rows = [f for f in seeds_c.flagged("claim") if f.articles == (FARM,)]
    assert {f.subject for f in rows} >= {
        "2024-2025",
        "2024-2026",
        "12 months",
        "1-3 years",
        "6 months",
    }
    assert all(f.evidence.startswith("|") for f in rows if f.subject != "2024")
    assert FARM in {f.subject for f in seeds_c.flagged("rewrite")}
    assert REWRITE in {f.subject for f in seeds_c.flagged("rewrite")}


def test_seeds_izawa_quotes_of_000_and_001_are_one_report(seeds_c: Corroboration) -> None:
    shared = [q for q in seeds_c.quotes if set(q.articles) >= IZAWA_PAIR]
    assert len(shared) == 3
    for q in shared:
        assert q.speaker == "Osamu Izawa"
        assert q.n_reports == 1
    izawa = next(e for e in seeds_c.entities if e.name == "Osamu Izawa")
    assert (izawa.n_articles, izawa.n_reports) == (2, 1)


def test_seeds_aliases_and_speakers(seeds_c: Corroboration) -> None:
    by_name = {e.name: e for e in seeds_c.entities}
    assert "North Atlantic Treaty Organization" in by_name["NATO"].aliases
    assert by_name["NATO"].n_reports == 4
    assert by_name["Mark Rutte"].n_reports == 2
    speakers = {q.speaker for q in seeds_c.quotes}
    assert {"Gorana Grgic", "Tarja Jaakkola", "Anya Sharma"} <= speakers


def test_the_analysis_asks_whether_an_article_s_own_story_is_widely_covered(
    seeds: Analysis,
) -> None:
    stories = [s.articles for s in seeds.provenance().stories]
    by_story = corroborate(seeds.articles, seeds.duplicates.independent_reports, stories=stories)
    assert seeds.corroboration().flags == by_story.flags


def test_story40s_off_topic_ramen_profile_is_no_rewrite() -> None:
    story = analyze([ROOT / "tests" / "fixtures" / "story40" / "articles"])
    plain = corroborate(story.articles, story.duplicates.independent_reports)
    # by the names it shares alone (NATO), the profile of a Brussels ramen chef looked
    # like a rewrite of the widely covered story; its own story holds only itself
    assert "34_profile" in {f.subject for f in plain.flagged("rewrite")}
    assert "34_profile" not in {f.subject for f in story.corroboration().flagged("rewrite")}


def test_invented_gold_finds_the_annotated_entities_quotes_and_claims() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    articles = [
        Article(
            id=a["id"],
            source_path=a["id"],
            paragraphs=tuple(Paragraph(p) for p in a["paragraphs"]),
            language=a["language"],
        )
        for a in gold["articles"]
    ]
    c = corroborate(articles, gold["independent_reports"])
    for a in gold["articles"]:
        aid, g = a["id"], a["gold"]
        people = {e.name for e in c.entities if e.kind == "person" and aid in e.articles}
        assert people == set(g["people"]), aid
        claims = {f"{x.kind}:{x.key}" for x in c.claims if aid in x.articles}
        assert claims == set(g["claims"]), aid
        mentions = [m for q in c.quotes for m in q.mentions if m.article_id == aid]
        assert len(mentions) == len(g["quotes"]), aid


def test_invented_gold_by_story_drops_the_rewrite_of_another_event() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    articles = [
        Article(
            id=a["id"],
            source_path=a["id"],
            paragraphs=tuple(map(Paragraph, a["paragraphs"])),
            language=a["language"],
        )
        for a in gold["articles"]
    ]
    plain = corroborate(articles, gold["independent_reports"])
    by_story = corroborate(articles, gold["independent_reports"], stories=gold["stories"])
    # g09 (Japan's GCAP work share) only shares the programme's name with the Kestrel
    # contract's reports; its own story holds no other report
    assert {"g04", "g09"} <= {f.subject for f in plain.flagged("rewrite")}
    flagged = {f.subject for f in by_story.flagged("rewrite")}
    assert "g04" in flagged and "g09" not in flagged


def test_tables_and_frames(seeds_c: Corroboration) -> None:
    for table in TABLES:
        records = seeds_c.to_records(table)
        frame = seeds_c.frame(table)
        assert len(frame) == len(records) > 0
        json.dumps(records)
    quotes = seeds_c.frame("quotes")
    assert {"text", "speaker", "articles", "independent_reports"} <= set(quotes.columns)
    with pytest.raises(ValueError, match="unknown table"):
        seeds_c.to_records("stories")


def test_an_article_in_no_report_is_a_report_of_its_own() -> None:
    a = Article(id="x", source_path="x", paragraphs=(Paragraph("NATO met in Brussels."),))
    c = corroborate([a], [])
    assert c.reports == (("x",),)
    assert c.entities[0].independent_reports == (0,)


def test_hostile_text_is_read_in_one_pass() -> None:
    """Long runs that make badly nested patterns backtrack for ever (digits and kanji,
    capitalised words, quote marks, spaces) are read as any other text."""
    paragraphs = (
        "1" * 5000 + "兆" + "2" * 5000 + "円",
        " ".join(["Capital"] * 3000) + " Ministry",
        "“'\"«「" * 2000,
        ("Ito said " * 2000) + "“we will see the end of this soon,” he said.",
        " " * 10000 + "$" + "9," * 3000,
    )
    a = Article(id="h", source_path="h", paragraphs=tuple(Paragraph(p) for p in paragraphs))
    c = corroborate([a], [["h"]])
    assert any(q.text == "we will see the end of this soon," for q in c.quotes)
    assert {m.article_id for cl in c.claims for m in cl.mentions} == {"h"}


def test_mentions_read_earlier_give_the_same_corroboration(seeds: Analysis) -> None:
    """What the analysis reads while it waits for stages run beside it (read_mentions),
    whole or in part, changes nothing."""
    articles, reports = seeds.articles, seeds.duplicates.independent_reports
    mentions = read_mentions(articles)
    assert set(mentions) == {a.id for a in articles}
    izawa = mentions["001_92ee229aff965d8c"]
    assert izawa.quotes and izawa.entities and all(q.article_id for q in izawa.quotes)
    whole = corroborate(articles, reports)
    assert corroborate(articles, reports, mentions=mentions) == whole
    part = {k: v for k, v in mentions.items() if k != REWRITE}  # read here instead
    assert corroborate(articles, reports, mentions=part) == whole
