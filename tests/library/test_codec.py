from __future__ import annotations

from pathlib import Path

import duckdb

from natojp._dates import PartialDate
from natojp.library import Library
from natojp.library._codec import Rows, build_articles, content_hash, storable
from natojp.metadata import ManifestEntry
from natojp.models import Article, Evidence, Paragraph, Removal, SourceText

FULL = Article(
    id="wire/007",
    source_path="corpus/wire/007.txt",
    paragraphs=(Paragraph("First paragraph here.", 3), Paragraph("Second one, no line.", None)),
    title="A headline",
    title_derived=True,
    outlet="Example Daily",
    outlet_basis="header",
    published=PartialDate(2025, 3),
    published_basis="text",
    url="https://example.org/a",
    removed=(Removal(1, "Share this", "chrome", "share widget"), Removal(None, "x", "caption")),
    format="html",
    encoding="utf-8",
    notes=("mixed encodings", "truncated"),
    outlet_evidence=Evidence("header", "EXAMPLE DAILY", 1),
    published_evidence=Evidence("text", "in March 2025", None),
    updated=PartialDate(2025, 3, 5),
    updated_evidence=Evidence("metadata", "2025-03-05"),
    wires=("AP", "Reuters"),
    wire_evidence=(Evidence("text", "(AP)", 4), Evidence("text", "Reuters contributed", 9)),
    language="en",
    outlet_country="GB",
    outlet_type="newspaper",
)
BARE = Article(id="b", source_path="b.txt", paragraphs=(Paragraph("Only text."),))


def _round_trip(articles: list[Article]) -> list[Article]:
    rows = Rows()
    for k, a in enumerate(articles):
        rows.add(f"h{k}", a, 1, None)
    return build_articles(
        rows.articles,
        [(h, line, text) for h, _, line, text in rows.paragraphs],
        [(h, line, text, reason, detail) for h, _, line, text, reason, detail in rows.removals],
        [(h, f, basis, text, line) for h, f, _, basis, text, line in rows.evidence],
    )


def test_every_field_survives_rows() -> None:
    assert _round_trip([FULL, BARE]) == [FULL, BARE]


def test_every_field_survives_the_database(tmp_path: Path) -> None:
    lib = Library.create(tmp_path / "l.natojp")
    with duckdb.connect(str(lib.path)) as con:
        rows = Rows()
        rows.add("h1", FULL, 1, None)
        rows.add("h2", BARE, 1, None)
        for table, frame in rows.frames().items():
            con.register("frame", frame)
            con.execute(f"INSERT INTO {table} SELECT * FROM frame")
            con.unregister("frame")
        con.execute("INSERT INTO members VALUES ('h1', 1), ('h2', 2)")
    assert lib.articles() == (FULL, BARE)


def _source(**kw: object) -> SourceText:
    base: dict[str, object] = {
        "id": "a",
        "source_path": "x/a.txt",
        "text": "Some text.",
        "format": "txt",
    }
    return SourceText(**{**base, **kw})  # type: ignore[arg-type]


def test_content_hash_is_the_content_not_the_path() -> None:
    h = content_hash(_source(), None)
    assert content_hash(_source(source_path="elsewhere/a.txt"), None) == h
    assert content_hash(_source(text="Some text!"), None) != h
    assert content_hash(_source(id="b"), None) != h  # same text, another article
    assert content_hash(_source(url="https://e.org/a"), None) != h
    assert content_hash(_source(), ManifestEntry(outlet="Example Daily")) != h
    assert len(h) == 32


def test_lone_surrogates_are_not_storable() -> None:
    bad = Article(id="s", source_path="s.txt", paragraphs=(Paragraph("caf\udce9 au lait"),))
    assert not storable(bad)
    assert storable(FULL)
