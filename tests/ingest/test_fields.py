"""natojp.ingest.fields: columns and keys mapped to fields (ColumnMap overrides, a
missing text column or key)."""

from __future__ import annotations

import json
from pathlib import Path

from natojp.config import ColumnMap, IngestConfig
from natojp.ingest import read_paths
from tests.ingest.helpers import PARA_1, write


def test_csv_column_map_override(tmp_path: Path) -> None:
    write(tmp_path, "x.csv", f'summary,story_text,when\nshort,"{PARA_1}",29 July 2025\n')
    auto = read_paths([tmp_path])
    assert auto.documents == () and "no text column" in auto.skipped[0].reason
    config = IngestConfig(columns=ColumnMap(text="Story Text", date="when"))
    (doc,) = read_paths([tmp_path], config).documents
    assert doc.text == PARA_1 and doc.published == "29 July 2025"


def test_csv_override_naming_a_missing_column_lists_the_columns(tmp_path: Path) -> None:
    write(tmp_path, "x.csv", f"title,body\nT,{PARA_1}\n")
    result = read_paths([tmp_path], IngestConfig(columns=ColumnMap(text="article_text")))
    assert result.documents == ()
    (skip,) = result.skipped
    assert "'article_text'" in skip.reason
    assert "'title', 'body'" in skip.reason


def test_csv_without_a_text_column_says_how_to_name_it(tmp_path: Path) -> None:
    write(tmp_path, "meta.csv", "id,headline,url\n1,Talks,https://e.com\n")
    result = read_paths([tmp_path])
    assert result.documents == ()
    (skip,) = result.skipped
    assert skip.path.endswith("meta.csv")
    assert "'id', 'headline', 'url'" in skip.reason
    assert "ColumnMap" in skip.reason and "--text-column" in skip.reason


def test_jsonl_column_map_override_and_missing_override(tmp_path: Path) -> None:
    write(tmp_path, "f.jsonl", json.dumps({"summary": "short", "words": PARA_1}) + "\n")
    (doc,) = read_paths([tmp_path], IngestConfig(columns=ColumnMap(text="words"))).documents
    assert doc.id == "f#1" and doc.text == PARA_1
    result = read_paths([tmp_path], IngestConfig(columns=ColumnMap(title="heading")))
    assert result.documents == ()
    assert "key 'heading'" in result.skipped[0].reason
    assert "'summary', 'words'" in result.skipped[0].reason
