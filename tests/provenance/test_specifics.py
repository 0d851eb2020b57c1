"""Specifics (natojp.provenance._specifics): what two articles in different languages
share, on invented articles."""

from __future__ import annotations

from natojp._dates import PartialDate
from natojp.models import Article, Paragraph
from natojp.provenance import cross_language_pairs, event_days, read_specifics, specifics
from natojp.timeline import DateMention, Event, Timeline


def art(aid: str, body: str, language: str | None = "en", published: str | None = None) -> Article:
    return Article(
        id=aid,
        source_path=aid,
        paragraphs=tuple(Paragraph(p, n) for n, p in enumerate(body.split("\n\n"), start=1)),
        published=PartialDate.from_iso(published) if published else None,
        published_basis="header" if published else None,
        language=language,
    )


# An invented event: the Velmora port authority extends a quay.
QUAY_EN = (
    "The Velmora Port Authority (VPA) approved a 2,350-metre extension of the Kestrel "
    "Quay on Tuesday. Dredging by Halvorsen Marine will start in 2031, the VPA said, "
    "and 36 new berths are planned."
)
QUAY_JA = (
    "ヴェルモラ港湾局（ＶＰＡ）は、ケストレル岸壁を２３５０メートル延伸する計画を承認した。"
    "浚渫は２０３１年に始まり、新たに３６のバースを設ける。"
)
QUAY_IT = (
    "L'autorità portuale di Velmora (VPA) ha approvato l'estensione di 2.350 metri del "
    "molo Kestrel. Il dragaggio, affidato alla Halvorsen Marine, inizierà nel 2031."
)
# Other invented stories of the same days.
FRIGATES_EN = (
    "Norlandia's defence minister presented a plan for 12 frigates to NATO allies in "
    "Brussels. The first ship is due in 2034, the ministry said."
)
FESTIVAL_FR = (
    "Le festival de musique de Brandvik accueillera 480 artistes cette année, a annoncé "
    "la mairie. La billetterie ouvre le 3 mai."
)


def test_numbers_acronyms_and_names_are_read_across_scripts() -> None:
    en = specifics(art("en", QUAY_EN))
    assert {"#2350", "#2031", "#36", "vpa"} <= en.compact
    # A name is a capitalised word inside a sentence; the sentence's first word is not.
    assert {"velmora", "kestrel", "halvorsen", "marine"} <= en.full
    assert "the" not in en.full and "dredging" not in en.full
    assert en.latin
    ja = specifics(art("ja", QUAY_JA, "ja"))
    # Full-width digits and letters are folded; thousands separators do not matter.
    assert ja.compact == {"#2350", "#2031", "#36", "vpa"} and not ja.latin
    it = specifics(art("it", QUAY_IT, "it"))
    assert "#2350" in it.compact  # "2.350" in Italian is 2350


def test_a_plural_acronym_is_the_acronym_and_small_numbers_are_skipped() -> None:
    s = specifics(art("x", "Japan will buy 12 UUVs and 3 USVs; the UUV fleet grows."))
    assert {"uuv", "usv", "#12"} <= s.compact
    assert "#3" not in s.compact and "uuvs" not in s.full
    # A possessive or an elided article is not part of the acronym.
    assert {"eu", "ue"} <= specifics(art("y", "The EU's plan. L'UE a décidé.")).compact


def test_reports_of_one_event_in_two_languages_score_higher_than_other_stories() -> None:
    arts = [
        art("quay_en", QUAY_EN),
        art("quay_ja", QUAY_JA, "ja"),
        art("quay_it", QUAY_IT, "it"),
        art("frigates_en", FRIGATES_EN),
        art("festival_fr", FESTIVAL_FR, "fr"),
    ]
    scores = cross_language_pairs(arts)
    assert scores[("quay_en", "quay_ja")] > 0.5
    assert scores[("quay_en", "quay_it")] > 0.3
    # Nothing specific is shared: the pair is not even proposed.
    assert ("festival_fr", "quay_ja") not in scores
    # Articles in one language are left to TF-IDF.
    assert not any({a, b} <= {"quay_en", "frigates_en"} for a, b in scores)


def test_pairs_outside_what_the_caller_admits_are_not_scored() -> None:
    arts = [art("quay_en", QUAY_EN), art("quay_ja", QUAY_JA, "ja"), art("frig", FRIGATES_EN)]
    assert cross_language_pairs(arts, admissible=lambda a, b: False) == {}


def test_one_language_costs_nothing() -> None:
    arts = [art("a", QUAY_EN), art("b", QUAY_EN), art("c", FRIGATES_EN, None)]
    assert cross_language_pairs(arts) == {}
    assert read_specifics(arts) == {}


def test_specifics_read_earlier_give_the_same_scores() -> None:
    """What the analysis reads while it waits for stages run beside it, whole or in
    part, changes nothing."""
    arts = [
        art("quay_en", QUAY_EN),
        art("quay_ja", QUAY_JA, "ja"),
        art("quay_it", QUAY_IT, "it"),
        art("frigates_en", FRIGATES_EN),
    ]
    known = read_specifics(arts)
    assert known == {a.id: specifics(a) for a in arts}
    scores = cross_language_pairs(arts)
    assert scores and cross_language_pairs(arts, known=known) == scores
    halves = {**read_specifics(arts, arts[:2]), **read_specifics(arts, arts[2:])}
    assert halves == known
    part = {k: v for k, v in known.items() if k != "quay_it"}
    assert cross_language_pairs(arts, known=part) == scores


def _mention(aid: str, day: str, kind: str = "relative", plan: bool = False) -> DateMention:
    return DateMention(aid, PartialDate.from_iso(day), day, "A sentence.", kind, "test", None, plan)


def test_event_days_keeps_day_mentions_and_their_tense_not_publication() -> None:
    day = PartialDate.from_iso("2031-03-04")
    month = PartialDate.from_iso("2031-03")
    timeline = Timeline(
        events=(
            Event(day, "Quay approved", ("a", "b"), (), (
                _mention("a", "2031-03-04"),
                _mention("b", "2031-03-04", plan=True),
                _mention("b", "2031-03-04", kind="publication"),
            )),
            Event(month, "Dredging starts", ("a",), (), (_mention("a", "2031-03"),)),
        ),
        unresolved=(),
    )  # fmt: skip
    days = event_days(timeline)
    assert days == {"a": {(day.start(), False)}, "b": {(day.start(), True)}}
