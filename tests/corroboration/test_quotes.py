"""Quote marks and speaker attribution, on small invented paragraphs."""

from __future__ import annotations

import pytest

from natojp.corroboration import QuoteMention, find_quotes, quote_spans


def _quotes(*paragraphs: str, language: str | None = None) -> list[QuoteMention]:
    return find_quotes("a1", list(paragraphs), language=language)


def _one(*paragraphs: str, language: str | None = None) -> QuoteMention:
    found = _quotes(*paragraphs, language=language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("He said “the plan is ready now” on Monday.", "the plan is ready now"),
        ('He said "the plan is ready now" on Monday.', "the plan is ready now"),
        ("He said 'the plan is ready now' on Monday.", "the plan is ready now"),
        ("He said ‘the plan is ready now’ on Monday.", "the plan is ready now"),
        ("Il a dit « le plan est prêt » lundi.", " le plan est prêt "),
        ("Er sagte „der Plan ist fertig“ am Montag.", "der Plan ist fertig"),
        ("彼は「計画は準備できている」と述べた。", "計画は準備できている"),
        ("彼は『計画は準備できている』と述べた。", "計画は準備できている"),
    ],
)
def test_every_quote_style_is_found(text: str, inside: str) -> None:
    spans = quote_spans(text)
    assert [text[s:e] for s, e in spans] == [inside]


def test_apostrophes_do_not_open_or_close_single_quotes() -> None:
    text = "Japan's envoy said 'the members' summit and the allies' plans are on track' today."
    assert [text[s:e] for s, e in quote_spans(text)] == [
        "the members' summit and the allies' plans are on track"
    ]


def test_nested_brackets_stay_inside_the_outer_japanese_quote() -> None:
    text = "大臣は「『抑止力』を高めることが重要だ」と語った。"
    assert [text[s:e] for s, e in quote_spans(text)] == ["『抑止力』を高めることが重要だ"]


def test_a_quote_opened_with_a_single_mark_may_close_with_a_double_one() -> None:
    text = "'We need data and they need data,\" Ito said. 'We will share it soon.'"
    assert [text[s:e] for s, e in quote_spans(text)] == [
        "We need data and they need data,",
        "We will share it soon.",
    ]


def test_scare_quotes_are_not_quotes() -> None:
    assert _quotes("The talks were called “historic” by officials.") == []


@pytest.mark.parametrize(
    ("text", "speaker", "basis"),
    [
        ("“We will deliver the ships on time,” Ito said.", "Ito", "after"),
        ("“We will deliver the ships on time,” said Hana Ito.", "Hana Ito", "after"),
        ("“We will deliver the ships on time,” Hana Ito says.", "Hana Ito", "after"),
        ("“We will deliver the ships on time,” according to Hana Ito.", "Hana Ito", "according"),
        ("According to Hana Ito, “we will deliver the ships on time.”", "Hana Ito", "according"),
        ("“We will deliver the ships on time,” Hana Ito told Reuters.", "Hana Ito", "after"),
        (
            "Hana Ito told reporters on Friday, “we will deliver the ships on time.”",
            "Hana Ito",
            "before",
        ),
        (
            "Hana Ito said in a statement: “We will deliver the ships on time.”",
            "Hana Ito",
            "before",
        ),
        ("Hana Ito said that “we will deliver the ships on time.”", "Hana Ito", "before"),
        ("Hana Ito: “We will deliver the ships on time.”", "Hana Ito", "colon"),
        (
            "“We will deliver the ships on time,” said a senior navy official.",
            "senior navy official",
            "description",
        ),
    ],
)
def test_speaker_patterns(text: str, speaker: str, basis: str) -> None:
    q = _one(text)
    assert (q.speaker, q.basis) == (speaker, basis)
    assert q.text.startswith(("We will", "we will"))


def test_titles_are_split_from_the_name_and_kept_as_the_role() -> None:
    q = _one("“Our deterrence must be credible,” said Defence Minister Gen Nakatani.")
    assert (q.speaker, q.role) == ("Gen Nakatani", "Defence Minister")
    q = _one(
        "“This is a significant development,” said Dr. Lena Vogt, a fellow at the Example Institute."
    )
    assert (q.speaker, q.role) == ("Lena Vogt", "Dr.")
    q = _one(
        "“This is a significant development,” said Lena Vogt, a fellow at the Example Institute."
    )
    assert (q.speaker, q.role) == ("Lena Vogt", "a fellow at the Example Institute")


def test_a_pronoun_is_the_last_named_speaker_in_the_paragraph() -> None:
    q1, q2 = _quotes(
        "“The first satellites launch in May,” Hana Ito said. She added that “the rest follow "
        "within a year.”"
    )
    assert (q1.speaker, q2.speaker, q2.basis) == ("Hana Ito", "Hana Ito", "pronoun")


def test_a_pronoun_falls_back_to_earlier_paragraphs_and_to_reported_speech() -> None:
    found = _quotes(
        "“The first satellites launch in May,” said Hana Ito, the project's chief.",
        "Analyst Mia Berg said the plan was ambitious.",
        "“Nobody has built so many so fast,” she said.",
    )
    assert [(q.speaker, q.basis) for q in found] == [
        ("Hana Ito", "after"),
        ("Mia Berg", "pronoun"),
    ]


def test_a_later_quote_in_the_paragraph_and_a_quote_only_paragraph_continue_the_speaker() -> None:
    found = _quotes(
        "“We need data and they need data,” Ito said. “We will share it soon.”",
        "“Nothing will be classified above what is needed.”",
    )
    assert [(q.speaker, q.basis) for q in found] == [
        ("Ito", "after"),
        ("Ito", "paragraph"),
        ("Ito", "continuation"),
    ]


def test_a_quote_that_ends_its_sentence_takes_no_attribution_from_the_next() -> None:
    q1, q2 = _quotes(
        "Berg said that “the budget is enough for this year.” He added that “next year is "
        "harder to plan.”"
    )
    assert (q1.speaker, q1.basis) == ("Berg", "before")
    assert (q2.speaker, q2.basis) == ("Berg", "pronoun")


def test_french_guillemets_and_verbs() -> None:
    q = _one("« Nous partagerons les données en temps réel », a déclaré Keiko Sato.", language="fr")
    assert (q.speaker, q.text) == ("Keiko Sato", "Nous partagerons les données en temps réel")
    q = _one("Selon Keiko Sato, « les données seront partagées en temps réel ».", language="fr")
    assert (q.speaker, q.basis) == ("Keiko Sato", "according")


def test_german_low_high_quotes() -> None:
    q = _one("„Wir bleiben im Indopazifik präsent“, sagte Jan Kaack.", language="de")
    assert (q.speaker, q.text) == ("Jan Kaack", "Wir bleiben im Indopazifik präsent")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("中谷防衛相は記者会見で「抑止力を高めることが重要だ」と述べた。", "中谷", "防衛相"),
        ("防衛省の中谷元氏は「抑止力を高めることが重要だ」と語った。", "中谷元", "氏"),
        ("「抑止力を高めることが重要だ」と中谷氏は述べた。", "中谷", "氏"),
    ],
)
def test_japanese_quotative_with_the_name_before_or_after(
    text: str, speaker: str, role: str
) -> None:
    q = _one(text, language="ja")
    assert (q.speaker, q.role, q.basis) == (speaker, role, "ja")
    assert q.text == "抑止力を高めることが重要だ"


def test_spans_point_at_the_quote_in_its_paragraph() -> None:
    paragraph = "Ito said: “We will deliver the ships on time.”"
    q = _one("No quote here.", paragraph)
    assert q.paragraph == 1
    assert paragraph[q.start : q.end] == q.text == "We will deliver the ships on time."


def test_a_quote_without_attribution_has_no_speaker() -> None:
    q = _one("The statement underlined that “the security of both regions is linked.”")
    assert (q.speaker, q.basis) == (None, "none")


def test_names_and_titles_in_quote_marks_are_not_speech() -> None:
    assert _quotes("They launched the “Seabed and Space Security Initiative” in May.") == []
    assert (
        _quotes("両国は「日欧海底・宇宙安全保障イニシアチブ」を立ち上げた。", language="ja") == []
    )
    assert len(_quotes("大臣は「海底ケーブルを守る」と述べた。", language="ja")) == 1
