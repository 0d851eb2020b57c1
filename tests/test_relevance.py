"""Tests for article relevance to the corpus's main story (natojp.relevance)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from natojp._dates import PartialDate
from natojp.analysis import Analysis, analyze
from natojp.models import Article, Paragraph
from natojp.relevance import NEAR_SCORE, OFF_SCORE, Relevance, score_relevance
from natojp.vectorise import vectorise

ROOT = Path(__file__).resolve().parents[1]
STORY40 = ROOT / "tests" / "fixtures" / "story40"

# Invented texts: six reports of one story, one namesake about something else.
STORY = [
    "Japan and NATO agreed to hold a defence industry dialogue on ammunition production "
    "and supply chains, the defence minister said in Brussels after meeting the secretary "
    "general.",
    "The defence minister met the NATO secretary general in Brussels, where both sides "
    "agreed a defence industry dialogue covering ammunition and interceptor production.",
    "NATO and Japan will start a defence industry dialogue in July, officials said in "
    "Brussels, with ammunition, interceptors and supply chains on the agenda.",
    "Officials said the first session of the Japan NATO defence industry dialogue would "
    "be held in Brussels, bringing procurement officials and companies together.",
    "Japan offered to share its experience of producing interceptors and ammunition as "
    "NATO allies rebuild stockpiles, the minister told reporters in Brussels.",
    "Supply chains for rare earths and semiconductors will be discussed at the Japan "
    "NATO defence industry dialogue, the Brussels meeting agreed.",
]
NAMESAKE = (
    "The bakery opened a second shop near the river, where the owner sells rye bread, "
    "pastries and coffee to students and commuters every morning of the week."
)


def _article(
    n: int, text: str, *, language: str | None = "en", when: PartialDate | None = None
) -> Article:
    return Article(
        id=f"a{n}",
        source_path=f"a{n}.txt",
        paragraphs=(Paragraph(text),),
        language=language,
        published=when,
    )


def _score(articles: list[Article]) -> Relevance:
    return score_relevance(articles, vectorise(articles))


def test_an_unrelated_article_is_flagged_and_the_story_is_not() -> None:
    articles = [_article(n, t) for n, t in enumerate(STORY)]
    articles.append(_article(99, NAMESAKE))
    result = _score(articles)
    assert result.off_topic == ["a99"]
    assert result.score("a99") < OFF_SCORE
    assert "shares little" in result.table.at["a99", "reason"]
    assert all(result.table.loc[f"a{n}", "reason"] == "" for n in range(len(STORY)))


def test_the_table_has_one_row_per_article_in_input_order() -> None:
    articles = [_article(n, t) for n, t in enumerate(STORY)]
    result = _score(articles)
    assert list(result.table.index) == [a.id for a in articles]
    assert list(result.table.columns) == [
        "language",
        "similarity",
        "score",
        "days_outside",
        "off_topic",
        "reason",
    ]
    assert result.table["off_topic"].dtype == bool
    assert result.off_topic == []
    assert result.table.equals(_score(articles).table)  # a pure function


def test_an_article_far_from_the_story_period_with_weak_text_is_flagged() -> None:
    spring = [PartialDate(2025, 4, d) for d in (10, 14, 15, 16, 20, 28)]
    articles = [_article(n, t, when=w) for n, (t, w) in enumerate(zip(STORY, spring, strict=True))]
    # shares some of the story's words, so the text alone does not flag it
    old = (
        "A Japanese delegation visited Brussels to talk about the industry, officials "
        "said, and then toured a bakery and a river port with students and commuters."
    )
    articles.append(_article(99, old, when=PartialDate(2015, 6, 14)))
    result = _score(articles)
    assert result.period is not None and result.period[0] == "2025-04-10"
    row = result.table.loc["a99"]
    assert OFF_SCORE <= row["score"] < NEAR_SCORE
    assert row["days_outside"] > 3000
    assert bool(row["off_topic"]) and "days before" in row["reason"]
    assert result.off_topic == ["a99"]


def test_a_language_with_too_few_articles_is_not_scored_on_text() -> None:
    articles = [_article(n, t) for n, t in enumerate(STORY)]
    articles.append(
        _article(50, "Il Giappone e la NATO avviano un dialogo industriale.", language="it")
    )
    result = _score(articles)
    assert math.isnan(result.score("a50"))
    assert result.table.at["a50", "language"] == "it"
    assert result.off_topic == []


def test_an_empty_vocabulary_flags_nothing() -> None:
    articles = [_article(n, "...") for n in range(5)]
    assert _score(articles).off_topic == []


@pytest.fixture(scope="module")
def story40() -> Analysis:
    return analyze([STORY40 / "articles"])


def test_story40_flags_the_off_topic_article_and_only_it(story40: Analysis) -> None:
    gold = json.loads((STORY40 / "gold.json").read_text(encoding="utf-8"))["articles"]
    off = [i for i, g in gold.items() if g["relevance"] == "off"]
    assert story40.relevance.off_topic == off
    table = story40.relevance.table
    on = [i for i, g in gold.items() if g["relevance"] == "on"]
    assert table.loc[on, "score"].min() > OFF_SCORE  # a margin, not a coincidence


def test_no_seed_is_flagged_off_topic(seeds: Analysis) -> None:
    assert seeds.relevance.off_topic == []
    assert (seeds.relevance.table["score"] > 0.5).all()
