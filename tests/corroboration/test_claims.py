"""Figures, dates and programmes, and their normalised keys."""

from __future__ import annotations

import pytest

from natojp.corroboration import Gazetteer, find_claims


def _keys(*paragraphs: str) -> list[str]:
    return [f"{c.kind}:{c.key}" for c in find_claims("a1", list(paragraphs), Gazetteer.default())]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a budget of ¥1.2 trillion", "money:JPY 1200000000000"),
        ("a budget of 1.2 trillion yen", "money:JPY 1200000000000"),
        ("予算は1.2兆円に上る", "money:JPY 1200000000000"),
        ("予算は1兆2000億円", "money:JPY 1200000000000"),
        ("480億円を充てる", "money:JPY 48000000000"),
        ("a contract worth $500 million", "money:USD 500000000"),
        ("a contract worth US$500m", "money:USD 500000000"),
        ("a contract worth 500 million dollars", "money:USD 500000000"),
        ("a fund of €3 billion", "money:EUR 3000000000"),
        ("a deal of £40,000", "money:GBP 40000"),
        ("up 40% on the year", "percent:40%"),
        ("up 40 per cent on the year", "percent:40%"),
        ("up 3.5 percent on the year", "percent:3.5%"),
        ("launch 12 satellites", "count:12 satellites"),
        ("launch 12 new satellites", "count:12 satellites"),
        ("build 3 prototype aircraft", "count:3 aircraft"),
        ("無人機20機を導入", "count:20 機"),
        ("within 12 months", "duration:12 months"),
        ("over 1-3 years", "duration:1-3 years"),
        ("a 90-day pause", "duration:90 days"),
        ("on 29 July 2025", "date:2025-07-29"),
        ("on July 29, 2025", "date:2025-07-29"),
        ("on 2025-07-29", "date:2025-07-29"),
        ("2025年7月29日に", "date:2025-07-29"),
        ("in April 2025", "date:2025-04"),
        ("im Mai 2026", "date:2026-05"),
        ("from 2024-2026", "date:2024/2026"),
        ("in service by 2035", "date:2035"),
        ("the Global Combat Air Program", "programme:Global Combat Air Programme"),
        ("GCAP partners", "programme:Global Combat Air Programme"),
        ("the Orbital Watch Initiative", "programme:Orbital Watch Initiative"),
        ("Project Nightjar opened", "programme:Project Nightjar"),
    ],
)
def test_claim_keys(text: str, key: str) -> None:
    assert key in _keys(text)


def test_the_same_figure_written_two_ways_has_one_key() -> None:
    assert _keys("¥48 billion")[0] == _keys("48 billion yen")[0] == _keys("480億円")[0]


def test_a_year_inside_a_date_or_a_figure_is_not_a_claim_of_its_own() -> None:
    assert _keys("on 29 July 2025 the firm paid $2025 for 300 shares") == [
        "date:2025-07-29",
        "money:USD 2025",
        "count:300 shares",
    ]


def test_each_claim_keeps_its_sentence_and_span() -> None:
    text = "The talks began. Japan will buy 12 satellites by 2030. Nothing else was said."
    claims = find_claims("a1", [text], Gazetteer.default())
    sat = next(c for c in claims if c.kind == "count")
    assert text[sat.start : sat.end] == sat.text == "12 satellites"
    assert sat.sentence == "Japan will buy 12 satellites by 2030."


def test_table_rows_are_their_own_sentences() -> None:
    claims = find_claims(
        "a1", ["| Cybersecurity | Joint training | 2024-2026 |"], Gazetteer.default()
    )
    assert [(c.key, c.sentence) for c in claims] == [
        ("2024/2026", "| Cybersecurity | Joint training | 2024-2026 |")
    ]


def test_plain_words_and_numbers_without_units_are_not_claims() -> None:
    assert _keys("Officials met eight startups and said it was a step forward.") == []
    assert _keys("Chapter 7 of the plan was read aloud.") == []
