"""Single-source flags and the rewrite-with-additions flag, on invented corpora."""

from __future__ import annotations

from natojp.corroboration import corroborate
from natojp.models import Article, Paragraph


def _article(aid: str, *paragraphs: str) -> Article:
    return Article(id=aid, source_path=f"{aid}.txt", paragraphs=tuple(map(Paragraph, paragraphs)))


WIRE = _article(
    "w1",
    "NATO and Japan agreed to share data from 12 satellites, Ambassador Keiko Morita said.",
    "“This is the first time we pool space data with the alliance,” Morita said.",
)
COPY = _article(
    "w2",
    "NATO and Japan agreed to share data from 12 satellites, Ambassador Keiko Morita said.",
    "“This is the first time we pool space data with the alliance,” Morita said.",
)
OTHER = _article(
    "o1",
    "NATO officials confirmed the satellite accord with Japan on Tuesday.",
    "Assistant Secretary General Lars Ekberg said the 12 satellites would report “within "
    "minutes, not days.”",
)
THIRD = _article("t1", "NATO will host the first data exchange in Brussels, officials said.")
FARM = _article(
    "f1",
    "NATO and Japan made history with a satellite deal.",
    "“This is a watershed for the Indo-Pacific and for Europe,” said Dr. Miriam Osei, a "
    "fellow at the Halden Centre for Security Policy.",
    "| Phase 1 | Ships | 2026-2027 |",
    "| Phase 2 | Aircraft | Within 18 months |",
)
REPORTS = [["w1", "w2"], ["o1"], ["t1"], ["f1"]]


def test_what_one_report_carries_is_flagged_with_that_report() -> None:
    c = corroborate([WIRE, COPY, OTHER, THIRD, FARM], REPORTS)
    entity = {f.subject: f for f in c.flagged("entity")}
    assert "Keiko Morita" in entity  # two articles, but one independent report
    assert entity["Keiko Morita"].articles == ("w1", "w2")
    assert entity["Keiko Morita"].report == 0
    assert "Only one independent report names this person" in entity["Keiko Morita"].reason
    assert "Morita" in entity["Keiko Morita"].evidence
    assert "NATO" not in entity
    quotes = {f.subject: f for f in c.flagged("quote")}
    assert "within minutes, not days." in quotes
    assert "attributed to Lars Ekberg" in quotes["within minutes, not days."].reason
    claims = {f.subject for f in c.flagged("claim")}
    assert {"2026-2027", "18 months"} <= claims
    assert "12 satellites" not in claims  # two independent reports carry it


def test_the_rewrite_with_additions_flag() -> None:
    c = corroborate([WIRE, COPY, OTHER, THIRD, FARM], REPORTS)
    (flag,) = c.flagged("rewrite")
    assert flag.subject == "f1"
    assert flag.report == 3
    assert flag.reason.startswith("Possibly a rewrite with additions")
    assert "NATO" in flag.reason
    assert "Miriam Osei" in flag.evidence


NOODLES = _article(
    "n1",
    "A NATO delegation once ate at Kenji Arakawa's noodle bar in Kobe, the owner recalls.",
    "“We simmer the broth for 18 hours, every single day,” said Arakawa, 58.",
    "The bar opened in March 1994 with 11 seats and now serves 400 bowls a week.",
)
ALL = [WIRE, COPY, OTHER, THIRD, FARM, NOODLES]
ALL_REPORTS = [*REPORTS, ["n1"]]


def test_without_stories_a_shared_name_makes_an_off_topic_article_a_rewrite() -> None:
    c = corroborate(ALL, ALL_REPORTS)
    assert {f.subject for f in c.flagged("rewrite")} == {"f1", "n1"}  # both name NATO


def test_with_stories_the_article_s_own_story_must_be_widely_covered() -> None:
    stories = [["w1", "w2", "o1", "t1", "f1"], ["n1"]]
    c = corroborate(ALL, ALL_REPORTS, stories=stories)
    (flag,) = c.flagged("rewrite")
    assert flag.subject == "f1"
    assert "3 other independent reports tell its story (5 articles)" in flag.reason
    # only the rewrite flags change
    plain = corroborate(ALL, ALL_REPORTS)
    assert [f for f in c.flags if f.kind != "rewrite"] == [
        f for f in plain.flags if f.kind != "rewrite"
    ]


def test_with_stories_too_few_other_reports_or_none_flag_nothing() -> None:
    few = [["w1", "w2", "f1"], ["o1", "t1"], ["n1"]]  # w1 and w2: one other report
    assert corroborate(ALL, ALL_REPORTS, stories=few).flagged("rewrite") == ()
    assert corroborate(ALL, ALL_REPORTS, stories=[]).flagged("rewrite") == ()
    alone = [["w1", "w2", "o1", "t1"], ["f1"], ["n1"]]
    assert corroborate(ALL, ALL_REPORTS, stories=alone).flagged("rewrite") == ()


def test_an_article_others_copy_is_not_a_rewrite_and_one_report_flags_nothing() -> None:
    c = corroborate([WIRE, COPY, OTHER, THIRD, FARM], REPORTS)
    assert "w1" not in {f.subject for f in c.flagged("rewrite")}
    alone = corroborate([FARM], [["f1"]])
    assert alone.flags == ()


def test_a_misquote_is_flagged_with_both_articles_and_the_words() -> None:
    changed = _article(
        "o2",
        "“This is the first time we share space data with the alliance,” Keiko Morita said.",
    )
    c = corroborate([WIRE, changed], [["w1"], ["o2"]])
    (flag,) = c.flagged("misquote")
    assert flag.articles == ("w1", "o2")
    assert flag.report is None
    assert "“pool”" in flag.reason and "“share”" in flag.reason
    assert flag.subject.startswith("Keiko Morita: This is the first time")
