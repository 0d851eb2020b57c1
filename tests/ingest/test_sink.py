"""natojp.ingest.sink: ids unique and the same on every run; the article cap."""

from __future__ import annotations

from pathlib import Path

from natojp.config import IngestConfig
from natojp.ingest import read_paths
from tests.ingest.helpers import PARA_1, PARA_2, write


def test_id_collisions_are_resolved_deterministically(tmp_path: Path) -> None:
    page = f"<html><body><article><p>{PARA_1}</p><p>{PARA_2}</p></article></body></html>"
    write(tmp_path, "a.txt", PARA_1)
    write(tmp_path, "a.html", page)
    write(tmp_path, "a.md", PARA_2)
    first = read_paths([tmp_path])
    second = read_paths([tmp_path])
    # name order: a.html, a.md, a.txt; the first keeps the bare stem
    assert [(d.id, d.format) for d in first.documents] == [
        ("a", "html"),
        ("a.md", "md"),
        ("a.txt", "txt"),
    ]
    assert [d.id for d in second.documents] == [d.id for d in first.documents]


def test_article_cap_stops_and_says_what_was_not_read(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", "text\n" + "".join(f"story number {i}\n" for i in range(5)))
    write(tmp_path, "b.txt", PARA_1)
    write(tmp_path, "c.txt", PARA_2)
    result = read_paths([tmp_path], IngestConfig(max_articles=3))
    assert [d.id for d in result.documents] == ["a#1", "a#2", "a#3"]
    (skip,) = result.skipped
    assert skip.path.endswith("a.csv")
    assert "max_articles" in skip.reason and "2 more file(s)" in skip.reason
