"""The "What is corroborated" bars (natojp.charts.corroboration)."""

from __future__ import annotations

from natojp import Analysis
from natojp.charts import TEMPLATE, corroboration_bars
from natojp.charts.corroboration import BANDS, corroboration_counts
from natojp.corroboration import Corroboration

from .helpers import is_empty_figure


def test_bars_count_items_by_the_reports_carrying_them(seeds: Analysis) -> None:
    c = seeds.corroboration()
    fig = corroboration_bars(c, subtitle="seeds")
    assert fig.layout.template == TEMPLATE
    assert fig.layout.meta == {"name": "corroboration"}
    assert [t.name for t in fig.data] == [label for label, _ in BANDS]
    by_kind = {kind: [t.x[list(t.y).index(kind)] for t in fig.data] for kind in fig.data[0].y}
    assert sum(by_kind["Quotes"]) == len(c.quotes)
    assert by_kind["Quotes"][0] == sum(q.n_reports == 1 for q in c.quotes)
    assert sum(by_kind["Claims"]) == len(c.claims)
    people = [e for e in c.entities if e.kind == "person"]
    assert sum(by_kind["People"]) == len(people)


def test_counts_keep_only_the_items_of_the_articles_given(seeds: Analysis) -> None:
    c = seeds.corroboration()
    one = seeds.articles[0].id
    counts = corroboration_counts(c, {one})
    assert sum(counts["Quotes"]) == sum(one in q.articles for q in c.quotes)
    assert sum(corroboration_counts(c, set())["Claims"]) == 0


def test_nothing_found_is_an_empty_figure() -> None:
    empty = Corroboration((), (), (), (), (), ())
    assert is_empty_figure(corroboration_bars(empty), "No quotes, people, organisations or claims")
