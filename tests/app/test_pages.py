"""The one list of pages."""

from __future__ import annotations

import pytest

from natojp.app.pages import PAGES, VIEWS, page_named


def test_every_page_has_its_view_and_a_unique_url() -> None:
    assert sum(p.default for p in PAGES) == 1 and PAGES[0].default
    assert len({p.url_path for p in PAGES}) == len(PAGES)
    assert {p.script for p in PAGES} == set(VIEWS.glob("[!_]*.py")), "a view without a page"
    assert [p.path for p in PAGES][:2] == ["/", "/timeline"]


def test_pages_are_found_by_view_or_title() -> None:
    assert page_named("Duplicates").title == "Duplicate content"
    assert page_named("overlap & similarity").view == "similarity"
    with pytest.raises(KeyError):
        page_named("nowhere")
