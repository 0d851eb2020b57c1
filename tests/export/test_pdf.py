"""natojp.export.pdf: the briefing pack as a real PDF, rendered back to pixels."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageStat

from natojp.export.deck import Brief
from natojp.export.pdf import write_pdf
from tests.export import needs_chromium

needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm not found (Debian: apt-get install poppler-utils): cannot render the PDF",
)


@pytest.mark.browser
@needs_chromium
@needs_pdftoppm
def test_pdf_renders_one_page_per_slide_each_with_content(
    brief: Brief, images: list[bytes | None], tmp_path: Path
) -> None:
    pdf = tmp_path / "brief.pdf"
    data = write_pdf(brief, pdf, images=images)
    assert data.startswith(b"%PDF") and pdf.read_bytes() == data
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(brief.slides)
    for page, slide in zip(pages, brief.slides, strict=True):
        grey = Image.open(page).convert("L")
        stat = ImageStat.Stat(grey)
        inked = sum(grey.histogram()[:160]) / (grey.width * grey.height)
        assert stat.mean[0] > 150, f"{page.name} is dark"
        assert inked > 0.005, f"{page.name} ({slide.title}) looks empty: {inked:.2%} ink"
        if slide.kind == "chart":  # the chart's coloured marks, below the finding
            rgb = np.asarray(Image.open(page).convert("RGB"), dtype=int)
            box = rgb[int(rgb.shape[0] * 0.27) :]
            colour = (box.max(axis=2) - box.min(axis=2) > 60).mean()
            assert colour > 0.0002, f"{page.name}: no chart image? ({colour:.3%} colour)"
