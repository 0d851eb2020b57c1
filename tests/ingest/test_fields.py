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


def test_common_export_column_names_are_found_and_recorded(tmp_path: Path) -> None:
    write(
        tmp_path,
        "export.csv",
        "article_id,publish_date,article_source_link,title,subtitle,text\n"
        f"7,2017/2/7,https://www.example.org/a,A title,A subtitle,{PARA_1}\n",
    )
    result = read_paths([tmp_path])
    (doc,) = result.documents
    assert (doc.published, doc.url, doc.title) == (
        "2017/2/7",
        "https://www.example.org/a",
        "A title",
    )
    (mapping,) = result.columns
    assert mapping.kind == "column" and mapping.path.endswith("export.csv")
    assert mapping.fields == (
        ("text", "text", "name"),
        ("title", "title", "name"),
        ("date", "publish_date", "name"),
        ("url", "article_source_link", "name"),
    )


def test_dates_and_addresses_are_found_by_their_values_when_names_say_nothing(
    tmp_path: Path,
) -> None:
    rows = [
        f'{i},{1000 + i},2025-0{i}-1{i} 10:00,https://news.example.org/{i},https://img.example.org/{i}.jpg,2026-01-0{i},"{PARA_1}"'
        for i in range(1, 6)
    ]
    header = "id,count,when_it_ran,ref,image_url,updated_at,story"
    write(tmp_path, "x.csv", header + "\n" + "\n".join(rows) + "\n")
    result = read_paths([tmp_path], IngestConfig(columns=ColumnMap(text="story")))
    docs = result.documents
    assert [d.published for d in docs] == [f"2025-0{i}-1{i} 10:00" for i in range(1, 6)]
    assert [d.url for d in docs] == [f"https://news.example.org/{i}" for i in range(1, 6)]
    (mapping,) = result.columns
    assert mapping.fields == (
        ("text", "story", "option"),
        ("date", "when_it_ran", "content"),
        ("url", "ref", "content"),
    )


def test_a_column_of_mixed_values_is_not_guessed(tmp_path: Path) -> None:
    write(
        tmp_path,
        "x.csv",
        f'note,body\n2025-04-09,"{PARA_1}"\nsee below,"{PARA_1}"\nn/a,"{PARA_1}"\n',
    )
    result = read_paths([tmp_path])
    assert all(d.published is None for d in result.documents)
    assert [f for f, _, _ in result.columns[0].fields] == ["text"]


def test_jsonl_keys_are_found_by_name_or_value(tmp_path: Path) -> None:
    lines = [
        {"body": PARA_1, "ts": "2025-04-09T10:00:00Z", "canonical": "https://x.example.org/a"},
        {"body": PARA_1, "ts": "2025-04-10T10:00:00Z", "canonical": "https://x.example.org/b"},
    ]
    write(tmp_path, "x.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    result = read_paths([tmp_path])
    assert [d.published for d in result.documents] == [
        "2025-04-09T10:00:00Z",
        "2025-04-10T10:00:00Z",
    ]
    assert [d.url for d in result.documents] == [
        "https://x.example.org/a",
        "https://x.example.org/b",
    ]
    (mapping,) = result.columns
    assert mapping.kind == "key"
    assert (
        mapping.describe()
        == "text ← 'body' (name), date ← 'ts' (content), url ← 'canonical' (content)"
    )
