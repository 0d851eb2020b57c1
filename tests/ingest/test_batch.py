"""natojp.ingest.batch: read_paths (folders, ids, symbolic links, progress, a batch that
goes on past bad inputs) and read_uploads (safe names); the bundled seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from natojp.config import IngestConfig
from natojp.ingest import read_paths, read_uploads, safe_upload_name
from tests import SEEDS
from tests.ingest.helpers import PARA_1, PARA_2, by_id, make_zip, write


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


def test_project_seeds() -> None:
    result = read_paths([SEEDS])
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(stems) == 5
    assert [d.id for d in result.documents] == stems
    assert result.skipped == ()
    assert result.manifest_paths == (SEEDS / "manifest.toml",)
    assert all(d.encoding == "utf-8" and d.text.strip() for d in result.documents)
