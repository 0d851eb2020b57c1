"""natojp.ingest.text: plain text and Markdown (front matter, line numbers)."""

from __future__ import annotations

from pathlib import Path

from natojp.ingest import read_paths
from tests.ingest.helpers import PARA_1, PARA_2, write


def test_markdown_front_matter_gives_metadata_and_keeps_line_numbers(tmp_path: Path) -> None:
    text = (
        "---\n"
        'title: "Allies agree drone pact"\n'
        "date: 2025-07-29\n"
        "publisher: Example News\n"
        "url: https://news.example.com/a\n"
        "tags:\n"
        "  - defence\n"
        "---\n"
        f"{PARA_1}\n"
    )
    write(tmp_path, "story.md", text)
    (doc,) = read_paths([tmp_path / "story.md"]).documents
    assert doc.title == "Allies agree drone pact"
    assert doc.published == "2025-07-29"
    assert doc.outlet == "Example News"
    assert doc.url == "https://news.example.com/a"
    assert doc.format == "md" and doc.line_numbers
    lines = doc.text.split("\n")
    assert lines[8] == PARA_1  # still line 9, as in the file
    assert "publisher" not in doc.text and not any(lines[:8])


def test_markdown_with_only_front_matter_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "stub.md", "---\ntitle: Stub\n---\n\n")
    result = read_paths([tmp_path])
    assert result.documents == ()
    assert result.skipped[0].reason == "no text after the front matter"


def test_markdown_horizontal_rule_is_not_front_matter(tmp_path: Path) -> None:
    text = f"---\n{PARA_1} It is a long sentence.\n---\n{PARA_2}\n"
    write(tmp_path, "rule.markdown", text)
    (doc,) = read_paths([tmp_path]).documents
    assert doc.text == text and doc.title is None
