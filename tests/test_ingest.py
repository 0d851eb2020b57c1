"""Ingestion: every format, encodings, ids, archives, caps and skipped inputs."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from natojp.config import ColumnMap, IngestConfig
from natojp.errors import ConfigError, InputError
from natojp.ingest import (
    SUPPORTED_SUFFIXES,
    IngestResult,
    decode_bytes,
    read_paths,
    read_uploads,
    safe_upload_name,
)
from natojp.models import SourceText

SEEDS = Path(__file__).parents[1] / "seeds"
CORPORA = Path(__file__).parents[2] / "shared" / "corpora"
BBC_ZIP = CORPORA / "bbc-fulltext" / "bbc-fulltext.zip"
REUTERS_000 = CORPORA / "reuters21578" / "reut2-000.sgm"

PARA_1 = "Defence ministers agreed on Tuesday to build a joint drone programme, officials said."
PARA_2 = "The programme sets out a timetable for the first test flights of the new aircraft."


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def by_id(result: IngestResult) -> dict[str, SourceText]:
    return {d.id: d for d in result.documents}


def reasons(result: IngestResult) -> list[str]:
    return [s.reason for s in result.skipped]


def make_zip(members: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


# ----------------------------------------------------------------- folders and ids


def test_folder_walk_ids_source_paths_hidden_and_manifest(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root, "b.txt", "Second story\n\n" + PARA_1)
    write(root, "a.txt", "First story\n\n" + PARA_2)
    write(root, "sub/c.text", "Nested story\n\n" + PARA_1)
    write(root, ".DS_Store", b"\x00\x01binary")
    write(root, ".git/config", "[core]\n")
    write(root, "__MACOSX/sub/._c.text", b"\x00\x05\x16\x07")
    write(root, "manifest.toml", '[articles."a"]\noutlet = "X"\n')
    write(root, "report.pdf", b"%PDF-1.4 \x00\x01")

    result = read_paths([root])

    assert [d.id for d in result.documents] == ["a", "b", "sub/c"]
    docs = by_id(result)
    assert docs["a"].source_path == "corpus/a.txt"
    assert docs["sub/c"].source_path == "corpus/sub/c.text"
    assert docs["a"].text == "First story\n\n" + PARA_2
    assert docs["a"].format == "txt" and docs["a"].encoding == "utf-8"
    assert docs["a"].line_numbers is True
    assert result.manifest_paths == (root / "manifest.toml",)
    assert len(result.skipped) == 1
    assert result.skipped[0].path == "corpus/report.pdf"
    assert result.skipped[0].reason.startswith("unsupported file type .pdf")


def test_file_given_directly_has_its_stem_as_id_and_path_as_given(tmp_path: Path) -> None:
    path = write(tmp_path, "deep/000_3d9694f0226b20af.txt", PARA_1)
    result = read_paths([str(path)])
    assert [d.id for d in result.documents] == ["000_3d9694f0226b20af"]
    assert result.documents[0].source_path == str(path)


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


def test_same_folder_twice_gets_unique_ids_and_same_file_twice_is_read_once(
    tmp_path: Path,
) -> None:
    one = write(tmp_path, "one/x.txt", PARA_1)
    write(tmp_path, "two/x.txt", PARA_2)
    result = read_paths([tmp_path / "one", tmp_path / "two", one, tmp_path / "two"])
    assert [d.id for d in result.documents] == ["x", "x.txt"]
    assert [d.source_path for d in result.documents] == ["one/x.txt", "two/x.txt"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        (str(one), "same file as one/x.txt; read once"),
        ("two/x.txt", "same file as two/x.txt; read once"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.txt", PARA_1)
    root = tmp_path / "corpus"
    write(root, "a.txt", PARA_2)
    try:
        (root / "link").symlink_to(outside, target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symbolic links here")
    result = read_paths([root])
    assert [d.id for d in result.documents] == ["a"]
    assert result.skipped[0].path == "corpus/link"
    assert "not followed" in result.skipped[0].reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlinked_files_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/secret.txt", PARA_1)
    root = tmp_path / "corpus"
    write(root, "a.txt", PARA_2)
    write(root, "sub/b.txt", PARA_1 + " Inside.")
    try:
        (root / "leak.txt").symlink_to(outside)
        (root / "alias.txt").symlink_to(root / "sub" / "b.txt")
        (root / "sub" / "up.txt").symlink_to(Path("..") / "a.txt")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    result = read_paths([root])
    assert [d.id for d in result.documents] == ["a", "alias"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        (
            "corpus/leak.txt",
            "symbolic link to a file outside the folder, not followed; give it as its own input",
        ),
        ("corpus/sub/b.txt", "same file as corpus/alias.txt; read once"),
        ("corpus/sub/up.txt", "same file as corpus/a.txt; read once"),
    ]
    followed = read_paths([root], IngestConfig(follow_symlinks=True))
    assert [d.id for d in followed.documents] == ["a", "alias", "leak"]
    assert by_id(followed)["leak"].text == PARA_1
    given = read_paths([root / "leak.txt"])  # a link given as an input is read
    assert [d.text for d in given.documents] == [PARA_1]


def test_follow_symlinks_must_be_a_boolean() -> None:
    with pytest.raises(ConfigError, match="follow_symlinks must be True or False"):
        IngestConfig(follow_symlinks="yes")  # type: ignore[arg-type]


def test_a_lone_path_string_is_one_input(tmp_path: Path) -> None:
    write(tmp_path, "only.txt", PARA_1)
    result = read_paths(str(tmp_path))  # a str is a Sequence[str]: must not read "/", "t"...
    assert [d.id for d in result.documents] == ["only"]


def test_progress_is_reported_per_file(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path, name, PARA_1)
    calls: list[tuple[int, int]] = []
    read_paths([tmp_path], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


# ------------------------------------------------------------------ plain formats


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


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    write(
        tmp_path, "empty.html", "<html><head><script>var x = 1;</script></head><body></body></html>"
    )
    result = read_paths([tmp_path])
    assert result.documents == ()
    assert "no article text found" in result.skipped[0].reason


# ---------------------------------------------------------------- CSV / TSV / JSON


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


def test_jsonl_column_map_override_and_missing_override(tmp_path: Path) -> None:
    write(tmp_path, "f.jsonl", json.dumps({"summary": "short", "words": PARA_1}) + "\n")
    (doc,) = read_paths([tmp_path], IngestConfig(columns=ColumnMap(text="words"))).documents
    assert doc.id == "f#1" and doc.text == PARA_1
    result = read_paths([tmp_path], IngestConfig(columns=ColumnMap(title="heading")))
    assert result.documents == ()
    assert "key 'heading'" in result.skipped[0].reason
    assert "'summary', 'words'" in result.skipped[0].reason


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


# ------------------------------------------------------------------- Reuters SGML

REUTERS_SAMPLE = (
    b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'
    b'<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" OLDID="5544" NEWID="1">\n'
    b"<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
    b"<TOPICS><D>cocoa</D></TOPICS>\n"
    b"<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;BCR&gt; REVIEW</TITLE>\n"
    b"<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in\n"
    b"the Bahia cocoa zone, alleviating the drought since early\n"
    b"January.\n"
    b"    Caf\xe9 owners said prices rose to 340 to 350\n"
    b"cruzados per arroba.\n"
    b" Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
    b'<REUTERS TOPICS="NO" NEWID="2">\n<DATE> 2-MAR-1987 10:00:00.00</DATE>\n'
    b'<TEXT TYPE="BRIEF">&#2;\n<TITLE>BRIEF ONLY</TITLE>\n&#3;</TEXT>\n</REUTERS>\n'
    b'<REUTERS NEWID="3">\n<DATE>3-MAR-1987 09:00:00.00</DATE>\n<TEXT>&#2;\n'
    b"<BODY>Totals were 5.8 mln (3.7).            REUTER\n&#3;</BODY></TEXT>\n</REUTERS>\n"
)


def test_reuters_sgml_stories_fields_reflow_and_sign_off(tmp_path: Path) -> None:
    write(tmp_path, "reut2-999.sgm", REUTERS_SAMPLE)
    result = read_paths([tmp_path / "reut2-999.sgm"])
    docs = by_id(result)
    assert list(docs) == ["reut2-999#1", "reut2-999#3"]
    one = docs["reut2-999#1"]
    assert one.title == "BAHIA COCOA <BCR> REVIEW"
    assert one.published == "26-FEB-1987 15:01:01.79"
    assert one.outlet == "Reuters" and one.format == "sgml" and not one.line_numbers
    assert one.encoding == "latin-1"
    assert one.text == (
        "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, "
        "alleviating the drought since early January.\n"
        "Café owners said prices rose to 340 to 350 cruzados per arroba."
    )
    assert docs["reut2-999#3"].text == "Totals were 5.8 mln (3.7)."
    (skip,) = result.skipped
    assert skip.reason.startswith("1 of 3 stories have no BODY")


def test_sgml_without_stories_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "x.sgml", "<DOC>not reuters</DOC>\n")
    result = read_paths([tmp_path])
    assert result.documents == ()
    assert "no <REUTERS> stories" in result.skipped[0].reason


# ------------------------------------------------------------------------ archives


def test_zip_member_ids_are_relative_to_the_common_folder(tmp_path: Path) -> None:
    data = make_zip(
        {
            "pack/news/a.txt": PARA_1,
            "pack/news/sub/b.txt": PARA_2,
            "pack/news/c.csv": f"text\n{PARA_1}\n",
            "pack/news/inner.zip": make_zip({"x.txt": PARA_1}),
            "pack/news/.DS_Store": b"\x00\x00",
            "__MACOSX/pack/news/._a.txt": b"\x00\x05",
        }
    )
    path = write(tmp_path, "bundle.zip", data)
    result = read_paths([path])
    docs = by_id(result)
    assert list(docs) == ["a", "c#1", "sub/b"]
    assert docs["a"].source_path == f"{path}!pack/news/a.txt"
    assert docs["sub/b"].text == PARA_2
    (skip,) = result.skipped
    assert skip.path == f"{path}!pack/news/inner.zip" and "archive inside" in skip.reason


def test_zip_in_a_folder_uses_its_relative_stem_as_prefix(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root, "sub/bundle.zip", make_zip({"top/a.txt": PARA_1, "top/b.txt": PARA_2}))
    write(root, "sub/bundle/a.txt", PARA_2)  # the same id as the first member
    result = read_paths([root])
    # name order: folder "bundle" before "bundle.zip"; the later clash gets its extension
    assert [(d.id, d.source_path) for d in result.documents] == [
        ("sub/bundle/a", "corpus/sub/bundle/a.txt"),
        ("sub/bundle/a.txt", "corpus/sub/bundle.zip!top/a.txt"),
        ("sub/bundle/b", "corpus/sub/bundle.zip!top/b.txt"),
    ]


def test_zip_over_the_member_cap_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "many.zip", make_zip({f"d/{i}.txt": PARA_1 for i in range(5)}))
    result = read_paths([path], IngestConfig(max_archive_members=4))
    assert result.documents == ()
    (skip,) = result.skipped
    assert "5 files" in skip.reason and "max_archive_members" in skip.reason


def test_zip_over_the_byte_cap_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "big.zip", make_zip({"a.txt": "x " * 5000}))
    result = read_paths([path], IngestConfig(max_archive_bytes=1000))
    assert result.documents == ()
    assert "max_archive_bytes" in result.skipped[0].reason


def test_zip_member_lying_about_its_size_is_not_read(tmp_path: Path) -> None:
    data = bytearray(make_zip({"d/a.txt": "hello world " * 1000, "d/b.txt": PARA_1}))
    central = data.index(b"PK\x01\x02")  # first central-directory entry: d/a.txt
    data[central + 24 : central + 28] = struct.pack("<I", 100)  # claims 100 bytes
    result = read_uploads([("lying.zip", bytes(data))])
    assert [d.id for d in result.documents] == ["b"]
    (skip,) = result.skipped
    assert skip.path == "lying.zip!d/a.txt" and "damaged" in skip.reason


def test_not_a_zip_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "fake.zip", b"this is not an archive")
    result = read_paths([path])
    assert result.documents == ()
    assert "not a readable zip archive" in result.skipped[0].reason


# ------------------------------------------------------------- encodings and errors


def test_decode_bytes_encodings() -> None:
    assert decode_bytes("Price: £15.8m, café".encode("latin-1"), path="x") == (
        "Price: £15.8m, café",
        "cp1252",
    )
    assert decode_bytes("smart “quotes” – dash".encode("cp1252"), path="x")[0] == (
        "smart “quotes” – dash"
    )
    assert decode_bytes("Grüße aus Köln".encode("utf-16"), path="x") == (
        "Grüße aus Köln",
        "utf-16",
    )
    assert decode_bytes("Grüße".encode("utf-16-le"), path="x") == ("Grüße", "utf-16-le")
    assert decode_bytes(b"\xef\xbb\xbfline one\r\nline two", path="x") == (
        "line one\nline two",
        "utf-8-sig",
    )
    assert decode_bytes("Привет мир, как дела у вас".encode("cp1251"), path="x")[0] == (
        "Привет мир, как дела у вас"
    )
    japanese = "日本と北大西洋条約機構が防衛技術協力で協議へ"
    assert decode_bytes(japanese.encode("shift_jis"), path="x")[0] == japanese


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (b"\xef\xbb\xbf  \n", "empty file"),
        (b"PK\x03\x04\x00\x00binary\x00\x01\x02", "binary file, not text"),
        (bytes(range(1, 32)) * 10, "binary file, not text"),
        (b"\xff\xfe" + b"\x00\xd8", "not valid utf-16"),  # a lone surrogate
    ],
)
def test_decode_bytes_rejects(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as excinfo:
        decode_bytes(data, path="in/file.txt")
    assert message in excinfo.value.message
    assert excinfo.value.path == "in/file.txt"


def test_bad_inputs_become_skipped_and_the_batch_continues(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.txt", b"")
    binary = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    good = write(tmp_path, "good.txt", PARA_1)
    missing = tmp_path / "missing.txt"
    pdf = write(tmp_path, "paper.PDF", b"%PDF")
    result = read_paths([empty, binary, missing, pdf, good])
    assert [d.id for d in result.documents] == ["good"]
    assert [(s.path, s.reason.split(";")[0]) for s in result.skipped] == [
        (str(empty), "empty file (0 bytes)"),
        (str(binary), "binary file, not text: it looks like a PNG image"),
        (str(missing), "no such file or folder"),
        (str(pdf), "unsupported file type .pdf"),
    ]


def test_file_over_the_size_limit_says_how_to_raise_it(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", "word " * 1000)
    result = read_paths([tmp_path], IngestConfig(max_file_bytes=1000))
    assert result.documents == ()
    reason = result.skipped[0].reason
    assert reason.startswith("file too large") and "--max-file-mb" in reason


def test_article_cap_stops_and_says_what_was_not_read(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", "text\n" + "".join(f"story number {i}\n" for i in range(5)))
    write(tmp_path, "b.txt", PARA_1)
    write(tmp_path, "c.txt", PARA_2)
    result = read_paths([tmp_path], IngestConfig(max_articles=3))
    assert [d.id for d in result.documents] == ["a#1", "a#2", "a#3"]
    (skip,) = result.skipped
    assert skip.path.endswith("a.csv")
    assert "max_articles" in skip.reason and "2 more file(s)" in skip.reason


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".html", ".csv", ".tsv", ".jsonl", ".json", ".zip", ".sgm"} <= (
        SUPPORTED_SUFFIXES
    )
    assert all(s == s.lower() and s.startswith(".") for s in SUPPORTED_SUFFIXES)


# ------------------------------------------------------------------------- uploads


def test_upload_names_are_reduced_to_safe_base_names(tmp_path: Path) -> None:
    assert safe_upload_name("../../etc/evil.txt") == "evil.txt"
    assert safe_upload_name("..\\..\\windows\\win.txt") == "win.txt"
    assert safe_upload_name("a\x00b\x1f.txt") == "ab.txt"
    assert safe_upload_name("..") == "upload"
    assert safe_upload_name("dir/") == "upload"
    before = sorted(p.name for p in tmp_path.iterdir())
    result = read_uploads(
        [
            ("../../etc/evil.txt", PARA_1.encode()),
            ("/abs/path/evil.txt", PARA_2.encode()),
            ("..\\notes.md", b"# Notes\n\n" + PARA_2.encode()),
            ("../x/.hidden.txt", PARA_1.encode()),
            ("../manifest.toml", b"[articles]\n"),
            ("pack.zip", make_zip({"top/one.txt": PARA_1})),
        ]
    )
    assert [(d.id, d.source_path) for d in result.documents] == [
        ("evil", "evil.txt"),
        ("evil~2", "evil.txt"),  # same name, other content: both read
        ("notes", "notes.md"),
        ("one", "pack.zip!top/one.txt"),
    ]
    assert all("/" not in s.path for s in result.skipped)
    assert [s.path for s in result.skipped] == [".hidden.txt", "manifest.toml"]
    assert result.manifest_paths == ()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# ------------------------------------------------------------------- real corpora


def test_project_seeds() -> None:
    result = read_paths([SEEDS])
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(stems) == 5
    assert [d.id for d in result.documents] == stems
    assert result.skipped == ()
    assert result.manifest_paths == (SEEDS / "manifest.toml",)
    assert all(d.encoding == "utf-8" and d.text.strip() for d in result.documents)


@pytest.mark.corpora
@pytest.mark.skipif(not BBC_ZIP.is_file(), reason=f"BBC corpus not found at {BBC_ZIP.name}")
def test_bbc_fulltext_zip() -> None:
    result = read_paths([BBC_ZIP])
    assert len(result.documents) == 2225
    assert result.skipped == ()
    docs = by_id(result)
    assert "business/007" in docs
    assert docs["business/007"].source_path.endswith(
        "bbc-fulltext.zip!bbc-fulltext/bbc/business/007.txt"
    )
    assert "£" in docs["sport/199"].text
    assert sum(1 for d in result.documents if d.id.startswith("sport/")) == 511


@pytest.mark.corpora
@pytest.mark.skipif(not REUTERS_000.is_file(), reason="Reuters-21578 corpus not found")
def test_reuters_21578_first_file() -> None:
    result = read_paths([REUTERS_000])
    docs = by_id(result)
    assert len(docs) == 925
    first = docs["reut2-000#1"]
    assert first.title == "BAHIA COCOA REVIEW"
    assert first.published == "26-FEB-1987 15:01:01.79"
    assert first.text.startswith("SALVADOR, Feb 26 - Showers continued throughout the week")
    assert not any(d.text.rstrip().lower().endswith("reuter") for d in result.documents)
    (skip,) = result.skipped
    assert skip.reason.startswith("75 of 1,000 stories have no BODY")
