from __future__ import annotations

from pathlib import Path

import pytest

from natojp import EmptyCorpusError, analyze, analyze_uploads

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_uploads_are_analysed_like_files() -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    uploaded = analyze_uploads(files, name="my upload")
    from_disk = analyze(sorted(SEEDS.glob("*.txt")))
    assert uploaded.corpus.name == "my upload"
    assert uploaded.corpus.ids == from_disk.corpus.ids
    assert uploaded.corpus.fingerprint == from_disk.corpus.fingerprint
    assert [a.body for a in uploaded.articles] == [a.body for a in from_disk.articles]


def test_progress_reports_every_stage_in_order() -> None:
    seen: list[tuple[str, float]] = []
    analyze([SEEDS], progress=lambda label, f: seen.append((label, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert len(seen) == 7


def test_empty_upload_raises_a_clear_error() -> None:
    with pytest.raises(EmptyCorpusError, match="nothing could be analysed"):
        analyze_uploads([])
    with pytest.raises(EmptyCorpusError, match="empty"):
        analyze_uploads([("a.txt", b"   \n")])


def test_one_article_corpus() -> None:
    single = analyze([SEEDS / "000_3d9694f0226b20af.txt"])
    assert len(single.articles) == 1
    assert single.duplicates.independent_reports == (("000_3d9694f0226b20af",),)
    assert single.similarity.neighbors == {"000_3d9694f0226b20af": []}


def test_fingerprint_follows_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title one\n\nThe body of the first test article here.")
    first = analyze([tmp_path]).corpus.fingerprint
    (tmp_path / "a.txt").write_text("Title one\n\nThe body of the first test article, edited.")
    assert analyze([tmp_path]).corpus.fingerprint != first
