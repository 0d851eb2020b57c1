"""The gazetteer file: default, round trip, errors, and the CLI that writes a copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from natojp.cli import main
from natojp.corroboration import Gazetteer, GazetteerError, KnownEntity


def test_the_default_round_trips_through_toml() -> None:
    g = Gazetteer.default()
    assert len(g) > 20
    assert Gazetteer.from_toml(g.to_toml()) == g
    assert g.to_toml().startswith("# Gazetteer of known people")


def test_the_cli_writes_a_copy_that_loads_and_an_edited_copy_is_used(tmp_path: Path) -> None:
    out = tmp_path / "entities.toml"
    assert main(["entities", "--out", str(out)]) == 0
    assert Gazetteer.load(out) == Gazetteer.default()
    out.write_text(
        out.read_text(encoding="utf-8")
        + '\n[[entity]]\nname = "Kestrel Aerospace"\nkind = "organisation"\n'
        'aliases = ["Kestrel", "ケストレル"]\n',
        encoding="utf-8",
    )
    edited = Gazetteer.load(out)
    assert [m.entity.name for m in edited.find("Kestrel and ケストレル", cjk=True)] == [
        "Kestrel Aerospace",
        "Kestrel Aerospace",
    ]


def test_matching_is_case_sensitive_on_whole_words_with_any_apostrophe() -> None:
    g = Gazetteer.default()
    assert [m.entity.name for m in g.find("the UN and un-American; Japan’s Defense Ministry")] == [
        "United Nations",
        "Ministry of Defense (Japan)",
    ]
    assert g.find("NATOs and UNESCO") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[entity]]\nname = "A"\nkind = "place"\n', "kind must be one of"),
        (
            '[[entity]]\nname = "A"\nkind = "person"\n[[entity]]\nname = "A"\nkind = "person"\n',
            "listed twice",
        ),
        (
            '[[entity]]\nname = "A"\nkind = "person"\naliases = ["X"]\n'
            '[[entity]]\nname = "B"\nkind = "person"\naliases = ["X"]\n',
            "already names",
        ),
        ('[[entity]]\nname = "A"\nkind = "person"\ncolour = "red"\n', "unknown key"),
        ('[[entity]]\nname = "A"\nkind = "person"\naliases = "X"\n', "list of strings"),
        ('[[thing]]\nname = "A"\n', "unknown top-level key"),
        ("[[entity]\n", "not valid TOML"),
    ],
)
def test_invalid_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        Gazetteer.from_toml(text, source="mine.toml")


def test_an_unreadable_file_names_its_path(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read"):
        Gazetteer.load(tmp_path / "missing.toml")


def test_an_entry_can_be_made_in_code() -> None:
    g = Gazetteer((KnownEntity("Aoba Orbital", "organisation", ("Aoba",)),))
    assert g.lookup("Aoba") == KnownEntity("Aoba Orbital", "organisation", ("Aoba",))
    assert g.lookup("Kestrel") is None
