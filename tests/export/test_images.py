"""natojp.export.images: briefing figures (as data) and real server-side PNG/SVG exports."""

from __future__ import annotations

import io
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
import streamlit  # noqa: F401  (sets Plotly's default template to "streamlit", as in the app)
from PIL import Image, ImageStat

from natojp import Analysis, charts
from natojp.errors import ExportError
from natojp.export.images import (
    BRIEFING_HEIGHT,
    BRIEFING_WIDTH,
    _axis_space,
    briefing_caption,
    briefing_figure,
    chromium_available,
    chromium_path,
    export_image,
    pack_figure,
    source_line,
)
from tests.charts.helpers import seeds_figures
from tests.export import needs_chromium

CAPTION = "Corpus: seeds · 5 articles · analysed 2025-11-21"
SOURCE = "Source: natojp test analysis (corpus hash 0123456789abcdef)"


def pixel_check(png: bytes, size: tuple[int, int]) -> None:
    """The PNG has exactly ``size`` pixels, a white background, and visible content."""
    image = Image.open(io.BytesIO(png))
    assert image.size == size
    grey = image.convert("L")
    stat = ImageStat.Stat(grey)
    mean, spread = stat.mean[0], stat.stddev[0]
    assert mean > 150, f"mostly dark (mean brightness {mean:.0f}): a black background?"
    assert spread > 10, f"nearly uniform (stddev {spread:.1f}): a blank image?"
    corners = [grey.getpixel((x, y)) for x in (2, size[0] - 3) for y in (2, size[1] - 3)]
    assert min(corners) >= 250, f"background not white: {corners}"
    inked = sum(grey.histogram()[:200]) / (size[0] * size[1])
    assert inked > 0.002, f"only {inked:.2%} of the pixels carry ink"


# --------------------------------------------------------------------------- pure


def test_caption_and_source_lines() -> None:
    assert briefing_caption("seeds", 5, "2025-11-21T10:00:00+00:00") == CAPTION
    assert (
        briefing_caption("one", 1, "2025-11-21") == "Corpus: one · 1 article · analysed 2025-11-21"
    )
    assert source_line("1.2.3", "corpus hash abc") == (
        "Source: natojp 1.2.3 analysis of the articles listed (corpus hash abc)"
    )
    assert source_line("1.2.3", "library version 0123abcd") == (
        "Source: natojp 1.2.3 analysis of the articles listed (library version 0123abcd)"
    )


def test_briefing_figure_sizes_titles_and_adds_two_footer_lines(seeds: Analysis) -> None:
    for name, fig in seeds_figures(seeds).items():
        before = fig.to_json()
        out = briefing_figure(fig, caption=CAPTION, source=SOURCE)
        assert fig.to_json() == before, f"{name}: the input figure was changed"
        assert (out.layout.width, out.layout.height) == (BRIEFING_WIDTH, BRIEFING_HEIGHT)
        assert out.layout.template.layout.paper_bgcolor == "#ffffff", name
        assert out.layout.title.text == fig.layout.title.text, name
        footer = [a for a in out.layout.annotations if a.name == "briefing-footer"]
        assert [a.text for a in footer] == [CAPTION, SOURCE], name
        caption, source = footer
        assert source.y < caption.y < 0, f"{name}: caption above the source line, below the plot"
        margin = out.layout.margin
        assert margin.t + margin.b < BRIEFING_HEIGHT - 120, f"{name}: no room left for the plot"


def test_a_legend_pinned_to_the_foot_goes_under_the_axis_in_a_briefing(seeds: Analysis) -> None:
    fig = seeds_figures(seeds)["events"]
    assert fig.layout.legend.yref == "container"
    for out in (
        briefing_figure(fig, caption=CAPTION, source=SOURCE),
        pack_figure(fig, width=1200, height=560),
    ):
        legend, margin = out.layout.legend, out.layout.margin
        plot_height = out.layout.height - margin.t - margin.b
        assert legend.yref == "paper" and legend.yanchor == "top"
        # below the axis ticks and title, not on them
        assert -legend.y * plot_height >= _axis_space(out, out.layout.font.size or 13)
        captions = [a.y for a in out.layout.annotations if a.name == "briefing-footer"]
        assert all(y < legend.y for y in captions)  # and above the caption and source


def test_briefing_figure_escapes_corpus_text() -> None:
    out = briefing_figure(go.Figure(), caption="Corpus: <b>R&D</b>", source="s")
    assert out.layout.annotations[0].text == "Corpus: &lt;b&gt;R&amp;D&lt;/b&gt;"
    assert out.layout.title.text  # a figure without a title gets one


def test_no_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NATOJP_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert chromium_path() is None and not chromium_available()
    with pytest.raises(ExportError, match="NATOJP_CHROMIUM"):
        export_image(charts.empty_figure("nothing"))


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ExportError, match="png or svg"):
        export_image(go.Figure(), "gif")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- rendered


@pytest.mark.browser
@needs_chromium
def test_every_seeds_chart_exports_as_a_briefing_png(seeds: Analysis) -> None:
    assert pio.templates.default == "streamlit"  # the trap: exports would come out black
    for name, fig in seeds_figures(seeds).items():
        png = export_image(briefing_figure(fig, caption=CAPTION, source=SOURCE), "png")
        assert png.startswith(b"\x89PNG"), name
        pixel_check(png, (2 * BRIEFING_WIDTH, 2 * BRIEFING_HEIGHT))


@pytest.mark.browser
@needs_chromium
def test_a_figure_without_a_template_still_exports_white() -> None:
    fig = go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2]))  # Streamlit's default template
    pixel_check(export_image(fig, "png", 800, 450, 1), (800, 450))


@pytest.mark.browser
@needs_chromium
def test_size_and_scale_are_honoured() -> None:
    fig = charts.empty_figure("No duplicated passages found in this corpus", "Duplicates")
    pixel_check(export_image(fig, "png", 640, 360, 1.5), (960, 540))


@pytest.mark.browser
@needs_chromium
def test_svg_carries_the_caption_and_source(seeds: Analysis) -> None:
    fig = seeds_figures(seeds)["coverage"]
    svg = export_image(briefing_figure(fig, caption=CAPTION, source=SOURCE), "svg").decode()
    assert svg.lstrip().startswith("<svg")
    assert f'width="{BRIEFING_WIDTH}"' in svg and f'height="{BRIEFING_HEIGHT}"' in svg
    assert "Corpus: seeds" in svg and "corpus hash 0123456789abcdef" in svg


def test_text_width_counts_wide_characters_twice() -> None:
    """Japanese tick labels get room for their full-width characters."""
    from natojp.export.images import _text_width

    latin = _text_width("abcd", 13)
    assert _text_width("防衛装備", 13) == 2 * latin
    assert _text_width("AI防衛", 13) == _text_width("abcdef", 13)
