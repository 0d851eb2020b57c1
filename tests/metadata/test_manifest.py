"""Manifests in TOML and CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from natojp._dates import PartialDate
from natojp.errors import ManifestError
from natojp.metadata import Manifest


def test_a_csv_manifest_names_articles_by_file_or_id(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text(
        "\ufeffFile,URL,Outlet,Published,Title,Notes\n"
        "news/a.txt,https://example.org/a,Example Daily,2025-04-09,,\n"
        "b,,Other Wire,2025-04,A title,checked by hand\n"
        ",,,,,\n",
        encoding="utf-8",
    )
    manifest = Manifest.load(path)
    a, b = manifest.get("news/a"), manifest.get("b")
    assert a is not None and b is not None and len(manifest.entries) == 2
    assert (a.outlet, a.url, a.published, a.title) == (
        "Example Daily",
        "https://example.org/a",
        PartialDate(2025, 4, 9),
        None,
    )
    assert (b.outlet, b.published, b.title, b.notes) == (
        "Other Wire",
        PartialDate(2025, 4),
        "A title",
        "checked by hand",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("url,outlet\nhttps://x,Y\n", "needs a 'file' or 'id' or 'filename' or 'path' column"),
        ("file,outlet,colour\na.txt,Y,red\n", "unknown columns ['colour']"),
        ("file,published\na.txt,9 April\n", "published '9 April'"),
    ],
)
def test_csv_manifest_errors_name_the_fault(text: str, message: str) -> None:
    with pytest.raises(ManifestError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Manifest.from_csv(text, source="m.csv")


def test_a_bad_date_names_its_line() -> None:
    with pytest.raises(ManifestError) as info:
        Manifest.from_csv("file,published\na.txt,2025-01-01\nb.txt,2025-13-01\n")
    assert info.value.line == 3


def test_merged_manifests_a_later_file_wins_and_an_explicit_one_alone(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("file,outlet\none.txt,Alpha Post\ntwo.txt,Beta Daily\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("file,outlet\ntwo.txt,Gamma Times\n", encoding="utf-8")
    merged = Manifest.merged([first, second], None)
    assert merged is not None
    assert {k: e.outlet for k, e in merged.entries.items()} == {
        "one": "Alpha Post",
        "two": "Gamma Times",
    }
    alone = Manifest.merged([first, second], second)
    assert alone is not None and {k: e.outlet for k, e in alone.entries.items()} == {
        "two": "Gamma Times"
    }
    assert Manifest.merged([], None) is None
