"""natojp.export.snapshot (``natojp snapshot``): one non-blank PNG per dashboard page, at
the asked width."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from natojp.cli import main
from natojp.export.snapshot import page_names
from tests.browser import require_chromium, screenshot_is_blank


def test_unknown_pages_and_bad_sizes_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["snapshot", "--out", str(tmp_path), "--pages", "overview,nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown page(s): nope" in err and "overview, timeline" in err
    assert main(["snapshot", "--out", str(tmp_path), "--width", "100"]) == 2
    assert "at least 320×240" in capsys.readouterr().err
    missing = tmp_path / "missing"
    assert main(["snapshot", "--out", str(tmp_path), "--corpus", str(missing)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.png"))


@pytest.mark.browser
def test_every_page_is_written_as_a_non_blank_png(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_chromium()
    out = tmp_path / "shots"
    assert main(["snapshot", "--out", str(out), "--width", "1280"]) == 0
    err = capsys.readouterr().err
    names = page_names()
    files = sorted(out.glob("*.png"))
    assert [f.name for f in files] == [f"{i:02d}-{n}.png" for i, n in enumerate(names, 1)]
    for f in files:
        png = f.read_bytes()
        assert not screenshot_is_blank(png), f.name
        with Image.open(io.BytesIO(png)) as image:
            assert image.width == 1280 and image.height >= 1000, (f.name, image.size)
            # No sidebar: the left edge of the page is the white main area, not grey.
            assert image.convert("RGB").getpixel((5, image.height // 2)) == (255, 255, 255)
        assert f"{f} (1280×" in err


@pytest.mark.browser
def test_a_chosen_page_of_another_corpus_at_scale_two(tmp_path: Path) -> None:
    require_chromium()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))[:2]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "shots"
    args = ["snapshot", "--out", str(out), "--pages", "overview", "--corpus", str(corpus)]
    assert main([*args, "--scale", "2", "--width", "800", "--sidebar", "-q"]) == 0
    (only,) = out.glob("*.png")
    assert only.name == "01-overview.png"
    with Image.open(only) as image:
        assert image.width == 1600  # 800 CSS pixels at device scale 2
        assert image.convert("RGB").getpixel((10, image.height // 2)) != (255, 255, 255)  # sidebar
