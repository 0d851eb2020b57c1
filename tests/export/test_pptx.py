"""natojp.export.pptx: the briefing pack as a real PowerPoint deck, opened again."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from natojp.export.deck import PACK_HEIGHT, PACK_SCALE, PACK_WIDTH, Brief
from natojp.export.pptx import write_pptx
from tests.export import needs_chromium


@pytest.mark.browser
@needs_chromium
def test_pptx_reopens_with_the_slides_and_images(
    brief: Brief, images: list[bytes | None], tmp_path: Path
) -> None:
    out = tmp_path / "brief.pptx"
    write_pptx(brief, out, images=images)
    deck = Presentation(str(out))
    assert len(deck.slides) == len(brief.slides)
    for slide, spec in zip(deck.slides, brief.slides, strict=True):
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert spec.title in texts
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        tables = [s for s in slide.shapes if s.has_table]
        if spec.kind == "chart":
            assert all(line in texts for line in spec.lines)
            assert len(pictures) == 1, spec.title
            image = Image.open(io.BytesIO(pictures[0].image.blob))
            assert image.size == (int(PACK_WIDTH * PACK_SCALE), int(PACK_HEIGHT * PACK_SCALE))
            assert ImageStat.Stat(image.convert("L")).mean[0] > 150
        else:
            assert not pictures, spec.title
        assert bool(tables) == (spec.kind == "table"), spec.title
    assert deck.core_properties.title == brief.title == "Coverage brief: Japan and NATO"
