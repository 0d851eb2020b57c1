from __future__ import annotations

from pathlib import Path

from natojp.analysis import analyze
from natojp.config import IngestConfig
from natojp.engine._parquet import (
    is_url,
    join,
    make_folder,
    read_articles,
    read_documents,
    remove_folder,
    write_articles,
    write_documents,
)
from natojp.ingest import MIXED_ENCODING, read_paths
from natojp.models import SourceText
from tests import ROOT, SEEDS

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
STORY40 = ROOT / "tests" / "fixtures" / "story40" / "articles"


def test_documents_come_back_equal_with_undecodable_bytes(tmp_path: Path) -> None:
    documents = read_paths([HOSTILE, SEEDS], IngestConfig()).documents
    assert any(d.encoding == MIXED_ENCODING for d in documents)  # lone surrogates kept
    path = write_documents(documents, tmp_path / "d.parquet")
    assert read_documents(path) == list(documents)


def test_every_field_of_a_document_is_kept(tmp_path: Path) -> None:
    doc = SourceText(
        "a/b#3",
        "folder/a.csv",
        "Text with a lone \udc9d surrogate",
        "csv",
        encoding="cp1252",
        title="Title \U0001f600",
        outlet="Outlet",
        published="2025-03-04",
        url="https://example.org/a",
        line_numbers=False,
        notes=("first \udcff note", "second"),
        updated="2025-03-05",
    )
    bare = SourceText("b", "b.txt", "Text", "txt")
    got = read_documents(write_documents([doc, bare], tmp_path / "d.parquet"))
    assert got == [doc, bare]


def test_articles_come_back_equal(tmp_path: Path) -> None:
    articles = analyze([STORY40, HOSTILE]).articles
    assert any(a.removed for a in articles) and any(a.wire_evidence for a in articles)
    folder = write_articles(articles, tmp_path / "arts")
    assert sorted(p.name for p in Path(folder).iterdir()) == [
        "articles.parquet",
        "evidence.parquet",
        "paragraphs.parquet",
        "removals.parquet",
    ]
    assert read_articles(folder) == list(articles)


def test_a_partition_without_articles(tmp_path: Path) -> None:
    assert read_articles(write_articles([], tmp_path / "none")) == []
    assert read_documents(write_documents([], tmp_path / "none.parquet")) == []


def test_fsspec_urls(tmp_path: Path) -> None:
    documents = read_paths([SEEDS], IngestConfig()).documents
    folder = make_folder(join((tmp_path / "bucket").as_uri(), "work"))
    assert is_url(folder) and (tmp_path / "bucket" / "work").is_dir()
    assert read_documents(write_documents(documents, join(folder, "d.parquet"))) == list(documents)
    articles = analyze([STORY40]).articles
    assert read_articles(write_articles(articles, join(folder, "a"))) == list(articles)
    assert (tmp_path / "bucket" / "work" / "a" / "paragraphs.parquet").is_file()
    remove_folder(folder)
    assert not (tmp_path / "bucket" / "work").exists()
    remove_folder(folder)  # nothing left to remove: no error


def test_local_paths_are_not_urls(tmp_path: Path) -> None:
    assert not is_url(tmp_path) and join(tmp_path, "x") == str(tmp_path / "x")
    remove_folder(make_folder(tmp_path / "a" / "b"))
    assert (tmp_path / "a").is_dir() and not (tmp_path / "a" / "b").exists()
