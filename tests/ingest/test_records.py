"""natojp.ingest.records: JSON Lines and JSON (malformed lines, containers, single
objects, invalid files)."""

from __future__ import annotations

import json
from pathlib import Path

from natojp.ingest import read_paths
from tests.ingest.helpers import PARA_1, PARA_2, by_id, reasons, write


def test_jsonl_malformed_and_non_object_lines_are_skipped_with_line_numbers(
    tmp_path: Path,
) -> None:
    lines = [
        json.dumps({"title": "One", "text": PARA_1, "source": "A"}),
        '{"title": "broken", "text": ',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "Empty", "text": ""}),
        json.dumps({"headline": "Five", "body": PARA_2, "url": "https://e.com/5"}),
    ]
    write(tmp_path, "feed.ndjson", "\n".join(lines) + "\n")
    result = read_paths([tmp_path])
    docs = by_id(result)
    assert list(docs) == ["feed#1", "feed#6"]
    assert docs["feed#1"].outlet == "A" and docs["feed#1"].format == "jsonl"
    assert docs["feed#6"].title == "Five" and docs["feed#6"].url == "https://e.com/5"
    assert [s.line for s in result.skipped] == [2, 4, 5]
    assert result.skipped[0].reason.startswith("invalid JSON on line 2")
    assert "not an object" in result.skipped[1].reason


def test_json_list_container_and_single_object(tmp_path: Path) -> None:
    write(tmp_path, "list.json", json.dumps([{"text": PARA_1}, 7, {"content": PARA_2}]))
    newsapi = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "BBC News"},
                "title": "Drone pact",
                "publishedAt": "2025-07-29T04:52:00Z",
                "content": PARA_1,
            }
        ],
    }
    write(tmp_path, "api.json", json.dumps(newsapi))
    write(tmp_path, "one.json", json.dumps({"headline": "Single", "articleBody": PARA_2}))
    result = read_paths([tmp_path])
    docs = by_id(result)
    assert set(docs) == {"list#1", "list#3", "api#1", "one"}
    assert docs["api#1"].outlet == "BBC News"
    assert docs["api#1"].published == "2025-07-29T04:52:00Z"
    assert docs["one"].title == "Single" and docs["one"].text == PARA_2
    assert reasons(result) == ["item 2 is a JSON number, not an object"]


def test_invalid_json_file_is_skipped_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "bad.json", '[\n  {"text": "a"},\n  {"text": }\n]')
    write(tmp_path, "good.txt", PARA_1)
    result = read_paths([tmp_path])
    assert [d.id for d in result.documents] == ["good"]
    (skip,) = result.skipped
    assert skip.line == 3 and skip.reason.startswith("invalid JSON on line 3")
