"""People and organisations: gazetteer aliases and the rules, on invented paragraphs."""

from __future__ import annotations

from natojp.corroboration import EntityMention, Gazetteer, find_entities


def _names(*paragraphs: str, speakers: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    found = find_entities("a1", list(paragraphs), Gazetteer.default(), speakers)
    return {(m.kind, m.name) for m in found}


def _mentions(*paragraphs: str) -> list[EntityMention]:
    return find_entities("a1", list(paragraphs), Gazetteer.default())


def test_gazetteer_aliases_name_one_entity() -> None:
    found = _mentions(
        "Japan's Defense Ministry said on Monday that the Ministry of Defense and 防衛省 "
        "staff would meet the North Atlantic Treaty Organization (NATO) in Brussels."
    )
    names = [m.name for m in found]
    assert names.count("Ministry of Defense (Japan)") == 3
    assert names.count("NATO") == 2
    assert {m.basis for m in found if m.name == "NATO"} == {"gazetteer"}


def test_another_countrys_ministry_is_not_japans() -> None:
    names = _names("Russia's Defense Ministry and the Chinese Defense Ministry protested.")
    assert ("organisation", "Ministry of Defense (Japan)") not in names
    names = _names("The Japanese Defense Ministry replied.")
    assert ("organisation", "Ministry of Defense (Japan)") in names


def test_people_after_titles_with_the_title_dropped() -> None:
    names = _names(
        "Ambassador Keiko Morita met Dr. Lena Vogt and Defence Minister Gen Nakatani.",
    )
    assert {
        ("person", "Keiko Morita"),
        ("person", "Lena Vogt"),
        ("person", "Gen Nakatani"),
    } <= names


def test_people_before_an_appositive_or_a_speech_verb() -> None:
    names = _names(
        "Lena Vogt, a senior researcher at the Example Institute, was cautious.",
        "Ravi Menon said the budget was too small.",
    )
    assert ("person", "Lena Vogt") in names
    assert ("person", "Ravi Menon") in names


def test_a_later_surname_is_the_same_person() -> None:
    found = _mentions("Professor Ingrid Saar wrote the report.", "Saar said cuts are common.")
    assert [(m.paragraph, m.text, m.name) for m in found] == [
        (0, "Ingrid Saar", "Ingrid Saar"),
        (1, "Saar", "Ingrid Saar"),
    ]


def test_a_speaker_surname_takes_the_full_name_written_in_the_article() -> None:
    names = _names(
        "The visit was led by Armaments Director Tarja Lind.",
        "Lind said that “the talks went well.”",
        speakers=("Lind",),
    )
    assert ("person", "Tarja Lind") in names


def test_organisations_by_their_words_and_possessives() -> None:
    names = _names(
        "Officials from Aoba Orbital Systems Inc. and the Sakura Institute of Strategy met "
        "staff of ETH Zurich's Center for Security Studies."
    )
    assert {
        ("organisation", "Aoba Orbital Systems Inc."),
        ("organisation", "Sakura Institute of Strategy"),
        ("organisation", "Center for Security Studies"),
    } <= names


def test_runs_are_cut_between_two_organisations_and_after_a_person() -> None:
    names = _names(
        "The Japan Air Self-Defense Force and the University of Hokkaido Robotics Laboratory "
        "run the tests, said Ingrid Saar of the Baltic Institute for Maritime Studies."
    )
    assert ("organisation", "Japan Air Self-Defense Force") in names
    assert ("organisation", "University of Hokkaido Robotics Laboratory") in names
    assert ("organisation", "Baltic Institute for Maritime Studies") in names
    assert ("person", "Ingrid Saar") in names


def test_an_acronym_defined_in_the_article_stands_for_its_organisation() -> None:
    found = _mentions(
        "The Coastal Sensor Agency (CSA) will buy radars.", "CSA officials confirmed the order."
    )
    assert [(m.paragraph, m.text, m.name, m.basis) for m in found] == [
        (0, "Coastal Sensor Agency", "Coastal Sensor Agency", "organisation"),
        (0, "CSA", "Coastal Sensor Agency", "acronym"),
        (1, "CSA", "Coastal Sensor Agency", "acronym"),
    ]


def test_single_capitalised_words_and_headings_are_not_entities() -> None:
    assert (
        _names("Emerging Technologies: joint research on drones.", "Japan said nothing.") == set()
    )


def test_japanese_names_and_organisations() -> None:
    names = _names("防衛省の担当者と山田太郎氏が、星空研究所を訪れた。")
    assert ("person", "山田太郎") in names
    assert ("organisation", "星空研究所") in names
    assert ("organisation", "Ministry of Defense (Japan)") in names


def test_a_known_name_leading_a_run_is_cut_off_the_organisation() -> None:
    found = _mentions(
        "Japan may join the NATO Coastal Training Organization for the Pacific (NCTOP)."
    )
    assert [(m.text, m.name) for m in found] == [
        ("NATO", "NATO"),
        (
            "Coastal Training Organization for the Pacific",
            "Coastal Training Organization for the Pacific",
        ),
        ("NCTOP", "Coastal Training Organization for the Pacific"),
    ]


def test_company_names_before_speech_verbs_are_not_people() -> None:
    names = _names("Ryukyu Telecom said the cable was cut. Hiro Tanba said it was repaired.")
    assert ("person", "Ryukyu Telecom") not in names
    assert ("person", "Hiro Tanba") in names


def test_a_comma_joins_an_organisation_only_before_a_capital() -> None:
    names = _names(
        "The Coastal Ministry of Ports, Harbours and Fisheries met the Commission, the "
        "Maritime Safety Council and others."
    )
    assert ("organisation", "Coastal Ministry of Ports, Harbours and Fisheries") in names
    assert ("organisation", "Maritime Safety Council") in names
