"""natojp.ingest.webpage: text and metadata of web pages extracted by trafilatura;
pages without text."""

from __future__ import annotations

from pathlib import Path

import pytest

from natojp.ingest import read_paths
from tests.ingest.helpers import PARA_1, PARA_2, write


def test_html_main_text_and_metadata_via_trafilatura(tmp_path: Path) -> None:
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="iso-8859-1">'
        "<title>Allies agree drone pact | Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2025-07-29T04:52:00Z">'
        '<link rel="canonical" href="https://news.example.com/2025/drone-pact"></head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>'
        "<article><h1>Allies agree drone pact</h1>"
        f"<p>{PARA_1}</p><p>The café meeting set out a timetable for the first flights.</p>"
        "</article><footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )
    write(tmp_path, "page.htm", page.encode("latin-1"))
    result = read_paths([tmp_path])
    (doc,) = result.documents
    assert doc.id == "page" and doc.format == "html" and not doc.line_numbers
    assert doc.title == "Allies agree drone pact"
    assert doc.outlet == "Example News"
    assert doc.published is not None and doc.published.startswith("2025-07-29")
    assert doc.url == "https://news.example.com/2025/drone-pact"
    assert doc.encoding == "cp1252"  # declared iso-8859-1, decoded as browsers do
    assert PARA_1 in doc.text.split("\n")
    assert "The café meeting set out a timetable for the first flights." in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text


def test_html_date_is_not_guessed_from_the_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Talks</title></head><body><article>"
        f"<p>{PARA_1} The minutes are dated 3 March 2021.</p><p>{PARA_2}</p>"
        "</article></body></html>"
    )
    write(tmp_path, "t.xhtml", page)
    (doc,) = read_paths([tmp_path]).documents
    assert doc.published is None
    assert "3 March 2021" in doc.text


def _page(head: str) -> str:
    return (
        f"<html><head><title>Talks</title>{head}</head><body><article>"
        f"<p>{PARA_1}</p><p>{PARA_2}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "updated"),
    [
        (
            '<meta property="article:modified_time" content="2025-06-13T09:40:00+09:00">',
            "2025-06-13T09:40:00+09:00",
        ),
        ("<meta content='2025-06-13' property='og:updated_time'>", "2025-06-13"),
        ('<meta itemprop="dateModified" content="2025-06-13T01:00Z">', "2025-06-13T01:00Z"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2025-06-12T10:00:00Z", "dateModified": "2025-06-13T08:10:00Z"}'
            "</script>",
            "2025-06-13T08:10:00Z",
        ),
        # Two JSON-LD objects that disagree (a related story's): none is kept.
        (
            '<script type="application/ld+json">[{"dateModified": "2025-06-13"}, '
            '{"dateModified": "2024-01-02"}]</script>',
            None,
        ),
        ('<meta property="article:published_time" content="2025-06-12">', None),
    ],
)
def test_html_modification_time_is_the_update(
    tmp_path: Path, head: str, updated: str | None
) -> None:
    write(tmp_path, "p.html", _page(head))
    (doc,) = read_paths([tmp_path]).documents
    assert doc.updated == updated


@pytest.mark.parametrize(
    ("head", "published"),
    [
        (
            '<meta property="article:published_time" content="2025-04-16T20:00:00Z">',
            "2025-04-16T20:00:00Z",
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2025-04-16T20:00:00+00:00"}</script>',
            "2025-04-16T20:00:00+00:00",
        ),
        # A bare day stays a bare day.
        ('<meta property="article:published_time" content="2025-04-16">', "2025-04-16"),
    ],
)
def test_html_publication_time_is_kept_as_written(
    tmp_path: Path, head: str, published: str
) -> None:
    """The time and its offset reach the date reader, which reads it in the publisher's
    own time zone (20:00 UTC on 16 April is 17 April in Tokyo)."""
    write(tmp_path, "p.html", _page(head))
    (doc,) = read_paths([tmp_path]).documents
    assert doc.published == published


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    write(
        tmp_path, "empty.html", "<html><head><script>var x = 1;</script></head><body></body></html>"
    )
    result = read_paths([tmp_path])
    assert result.documents == ()
    assert "no article text found" in result.skipped[0].reason
