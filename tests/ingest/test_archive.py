"""natojp.ingest.archive: zip archives (member ids, caps, damaged and fake archives);
the BBC News zip."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from natojp.config import IngestConfig
from natojp.ingest import read_paths, read_uploads
from tests import BBC_ZIP
from tests.ingest.helpers import PARA_1, PARA_2, by_id, make_zip, write


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
