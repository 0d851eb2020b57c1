"""natojp.ingest.tables: CSV and TSV (quoted newlines, byte-order marks, cells cut at
the article cap)."""

from __future__ import annotations

from pathlib import Path

from natojp.config import IngestConfig
from natojp.ingest import read_paths
from tests.ingest.helpers import PARA_1, PARA_2, by_id, write


def test_csv_quoted_newlines_renamed_columns_and_empty_row(tmp_path: Path) -> None:
    content = (
        "Headline;Article Body;Published At;Publisher;Link\n"
        f'"Drone pact";"{PARA_1}\n\n{PARA_2}";2025-07-29;Example News;https://e.com/1\n'
        '"No text";"  ";2025-07-30;Example News;https://e.com/2\n'
        '"Second, with commas";"Ministers met, talked, and agreed.";;Other Outlet;\n'
    )
    write(tmp_path, "news.csv", content)
    result = read_paths([tmp_path])
    docs = by_id(result)
    assert list(docs) == ["news#1", "news#3"]
    first = docs["news#1"]
    assert first.text == f"{PARA_1}\n\n{PARA_2}"
    assert first.title == "Drone pact"
    assert first.published == "2025-07-29"
    assert first.outlet == "Example News"
    assert first.url == "https://e.com/1"
    assert first.format == "csv" and first.source_path == f"{tmp_path.name}/news.csv"
    assert docs["news#3"].published is None
    assert docs["news#3"].text == "Ministers met, talked, and agreed."
    (skip,) = result.skipped
    assert skip.line == 5  # row 1 spans lines 2-4 (quoted newlines), row 2 starts on line 5
    assert "row 2" in skip.reason and "'Article Body'" in skip.reason


def test_csv_utf8_bom_and_tsv(tmp_path: Path) -> None:
    write(tmp_path, "bom.csv", "\ufefftext,title\n" + f'"{PARA_1}",Café\n'.replace("\n", "\r\n"))
    write(tmp_path, "tab.tsv", f"title\tcontent\nTabbed\t{PARA_2}\n")
    docs = by_id(read_paths([tmp_path]))
    assert docs["bom#1"].encoding == "utf-8-sig"
    assert docs["bom#1"].text == PARA_1 and docs["bom#1"].title == "Café"
    assert docs["tab#1"].text == PARA_2 and docs["tab#1"].format == "tsv"


def test_csv_cells_over_the_cap_are_cut_with_their_whole_length(tmp_path: Path) -> None:
    quoted = 'He said ""no"", twice.\n' * 3_000  # 69,000 characters, 66,000 once read
    loose = "Officials said, on Tuesday, that talks went on. " * 2_000  # commas, unquoted
    content = f'title,text\nQuoted,"{quoted}"\nLoose,{loose}\n"Last, row","After: line {3_003}"\n'
    write(tmp_path, "cut.csv", content)
    config = IngestConfig(max_article_chars=5_000)
    result = read_paths([tmp_path / "cut.csv"], config)
    first, second, third = result.documents
    assert first.text.startswith('He said "no", twice.\nHe said') and len(first.text) <= 5_000
    assert second.text.startswith("Officials said, on Tuesday, that") and second.title == "Loose"
    assert (third.title, third.text) == ("Last, row", "After: line 3003")
    read = quoted.replace('""', '"').strip()
    assert [s.reason.split(" (max_article_chars)")[0] for s in result.skipped] == [
        f"article 'cut#1' truncated: {len(read):,} characters, over the cap of 5,000",
        f"article 'cut#2' truncated: {len(loose.strip()):,} characters, over the cap of 5,000",
    ]
    assert "unquoted commas" in second.notes[0]
