"""natojp.charts.terms: the distinctive terms bar."""

from __future__ import annotations

from natojp import Analysis, charts
from tests.charts.helpers import seeds_figures


def test_distinctive_terms_bar() -> None:
    terms = [("independent talks", 0.14), ("asia", 0.12), ("defense industries", 0.11)]
    fig = charts.distinctive_terms_bar(terms, "Anadolu Agency", subtitle="5 articles")
    (trace,) = fig.data
    assert trace.type == "bar" and trace.orientation == "h"
    assert list(trace.y) == ["independent talks", "asia", "defense industries"]
    assert list(trace.x) == [0.14, 0.12, 0.11]
    assert fig.layout.yaxis.autorange == "reversed"  # the top term at the top
    assert "Distinctive terms: Anadolu Agency" in fig.layout.title.text


def test_distinctive_terms_bar_on_the_seeds(seeds: Analysis) -> None:
    terms = seeds.distinctive_terms(12)["Anadolu Agency"]
    trace = seeds_figures(seeds)["terms"].data[0]
    assert list(trace.x) == [w for _, w in terms]
    assert list(trace.y) == [t for t, _ in terms]
