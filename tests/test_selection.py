"""natojp.selection: which articles, sources, rows and reports a view or slide shows.

Small inline inputs; every expectation is worked out by hand in the test."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from natojp._dates import PartialDate
from natojp.analysis import Analysis
from natojp.selection import (
    Filters,
    across_articles,
    area_scores_by_source,
    articles_by_source,
    capped,
    date_bounds,
    date_span,
    dated_articles,
    events_of,
    kept_reports,
    largest_sources_rows,
    mentioned_events,
    most_cited,
    rank_sources,
    reports_by_size,
    similarity_pairs,
    similarity_subset,
    sources_per_area,
    strongest_rows,
    terms_of,
)
from natojp.timeline import DateMention, Event
from tests.charts.helpers import art, pair


def mention(kind: str) -> DateMention:
    return DateMention("x", PartialDate(2025, 1, 1), "1 January 2025", "On 1 January.", kind, "")


def event(label: str, articles: tuple[str, ...], *kinds: str) -> Event:
    return Event(
        date=PartialDate(2025, 1, 1),
        label=label,
        articles=articles,
        evidence=(label,),
        mentions=tuple(mention(k) for k in kinds),
    )


# --------------------------------------------------------------------------- filters


def test_filters_keep_the_chosen_sources_in_corpus_order(seeds: Analysis) -> None:
    everything = Filters()
    assert everything.articles(seeds) == list(seeds.articles)
    first, *_, last = seeds.articles
    chosen = Filters((last.source, first.source))
    assert chosen.articles(seeds) == [first, last]  # corpus order, not the order chosen
    assert chosen.describe(seeds).endswith(f"2 of {len(seeds.articles)} articles · 2 sources")
    assert chosen.articles(seeds) == chosen.select(seeds.articles)


def test_heads_pass_the_filters_and_count_as_their_articles_do(seeds: Analysis) -> None:
    """What the sidebar and the Timeline read of the heads (:meth:`Analysis.heads`) is
    what the articles give: the same ones kept, counts, date bounds and source ranks."""
    from natojp.models import ArticleHead
    from natojp.selection import attribution, date_bounds, rank_sources

    heads = seeds.heads()
    dated = next(a for a in seeds.articles if a.published is not None)
    for filters in (
        Filters(),
        Filters((seeds.articles[-1].source, seeds.articles[0].source)),
        Filters(published_from=dated.published.start() if dated.published else None),
        Filters(undated=False),
    ):
        assert filters.heads(seeds) == [ArticleHead.of(a) for a in filters.articles(seeds)]
    assert attribution(heads) == attribution(seeds.articles)
    assert date_bounds(heads) == date_bounds(seeds.articles) is not None
    assert rank_sources(heads) == rank_sources(seeds.articles)


def test_date_filters_bound_publication_dates_and_keep_undated_unless_told() -> None:
    day, month, year = PartialDate(2025, 4, 14), PartialDate(2025, 3), PartialDate(2024)
    articles = [art("d", published=day), art("m", published=month), art("y", published=year)]
    articles.append(art("u"))  # undated

    def ids(filters: Filters) -> list[str]:
        return [a.id for a in filters.select(articles)]

    assert ids(Filters()) == ["d", "m", "y", "u"] and not Filters().active
    april = Filters(published_from=date(2025, 4, 1), published_to=date(2025, 4, 30))
    assert april.active and ids(april) == ["d", "u"]  # undated kept by default
    assert ids(Filters(published_from=date(2025, 4, 15))) == ["u"]  # 14 April is before
    assert ids(Filters(published_to=date(2025, 4, 14))) == ["d", "m", "y", "u"]  # inclusive
    # a month or a year overlapping the range is kept
    assert ids(Filters(published_from=date(2025, 3, 31), published_to=date(2025, 4, 1))) == [
        "m",
        "u",
    ]
    assert ids(Filters(published_from=date(2024, 12, 31), published_to=date(2025, 1, 1))) == [
        "y",
        "u",
    ]
    assert ids(Filters(undated=False)) == ["d", "m", "y"]
    assert ids(Filters(published_to=date(2024, 6, 1), undated=False)) == ["y"]
    # combined with the source filter
    named = [art("a", "A", day), art("b", "B", day), art("c", "A")]
    both = Filters(("A",), published_from=date(2025, 1, 1), undated=False)
    assert [a.id for a in both.select(named)] == ["a"]


def test_date_filters_in_words() -> None:
    start, end = date(2025, 4, 1), date(2025, 4, 30)
    assert Filters().describe_dates() == ""
    assert Filters(undated=False).describe_dates() == "dated articles only"
    assert Filters(published_from=start).describe_dates() == "published from 2025-04-01 or undated"
    assert (
        Filters(published_from=start, published_to=end, undated=False).describe_dates()
        == "published 2025-04-01 to 2025-04-30"
    )
    assert Filters(published_to=end).describe_dates() == "published up to 2025-04-30 or undated"


def test_filters_round_trip_through_the_url_query() -> None:
    filters = Filters(
        ("Reuters, Inc.", "NHK"), ("JP",), ("wire",), date(2025, 4, 1), date(2025, 4, 30), False
    )
    query = filters.to_query()
    assert query == {
        "source": ["Reuters, Inc.", "NHK"],  # repeated, so a comma in a name is safe
        "country": ["JP"],
        "type": ["wire"],
        "from": ["2025-04-01"],
        "to": ["2025-04-30"],
        "undated": ["exclude"],
    }
    assert Filters.from_query(query) == filters
    assert Filters().to_query() == {} and Filters.from_query({}) == Filters()


def test_a_hand_edited_query_never_fails() -> None:
    parsed = Filters.from_query(
        {"source": ["A", " ", "A", "B"], "from": ["2025-13-01"], "to": ["yesterday"]}
    )
    assert parsed == Filters(("A", "B"))  # blanks and repeats dropped, bad dates ignored
    swapped = Filters.from_query({"from": ["2025-05-01"], "to": ["2025-04-01"]})
    assert (swapped.published_from, swapped.published_to) == (date(2025, 4, 1), date(2025, 5, 1))
    assert Filters.from_query({"undated": ["include"]}).undated
    assert not Filters.from_query({"undated": ["0"]}).undated


def test_date_bounds_cover_whole_months_and_years() -> None:
    assert date_bounds([art("u")]) is None
    articles = [
        art("m", published=PartialDate(2025, 2)),
        art("d", published=PartialDate(2024, 5, 3)),
    ]
    assert date_bounds(articles) == (date(2024, 5, 3), date(2025, 2, 28))
    assert date_bounds([art("y", published=PartialDate(2024))]) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )


def test_kept_reports_count_the_reports_of_the_articles_kept() -> None:
    reports = [("a", "b", "c"), ("d",), ("e", "f")]
    assert kept_reports(reports, {"b", "c", "e"}) == [["b", "c"], ["e"]]
    assert kept_reports(reports, set()) == []
    assert kept_reports(reports, {"a", "b", "c", "d", "e", "f"}) == [list(r) for r in reports]


def test_events_of_keeps_the_mentions_of_the_articles_kept() -> None:
    def said(article: str, sentence: str) -> DateMention:
        return DateMention(article, PartialDate(2025, 1, 1), "1 January", sentence, "full", "")

    both = Event(
        date=PartialDate(2025, 1, 1),
        label="summit",
        articles=("x", "y"),
        evidence=("X said.", "Y said."),
        mentions=(said("x", "X said."), said("y", "Y said.")),
    )
    only_y = event("launch", ("y",), "full")
    (kept,) = events_of([both, only_y], {"x"})
    assert kept.articles == ("x",) and kept.evidence == ("X said.",)
    assert [m.article_id for m in kept.mentions] == ["x"] and kept.label == "summit"
    assert events_of([both], {"x", "y"}) == [both]


def test_terms_of_keeps_the_rows_of_the_articles_kept(seeds: Analysis) -> None:
    ids = [seeds.articles[3].id, seeds.articles[1].id]
    sub = terms_of(seeds.terms, ids)
    assert sub.ids == (seeds.articles[1].id, seeds.articles[3].id)  # the terms' order
    assert sub.matrix.shape == (2, seeds.terms.matrix.shape[1])
    assert (sub.matrix[0] != seeds.terms.matrix[1]).nnz == 0


# --------------------------------------------------------------------------- sources


def test_sources_are_ranked_by_articles_ties_first_seen() -> None:
    articles = [art("1", "B"), art("2", "A"), art("3", "A"), art("4"), art("5", "B"), art("6", "C")]
    ranking = rank_sources(articles)
    # A and B have 2 each (B seen first); "(unattributed) 4" and C have 1 each.
    assert ranking.sizes == (("B", 2), ("A", 2), ("(unattributed) 4", 1), ("C", 1))
    assert len(ranking) == 4
    assert ranking.top(2) == ["B", "A"]
    assert ranking.top(10) == ["B", "A", "(unattributed) 4", "C"]
    assert ranking.size("A") == 2 and ranking.size("nobody") == 0
    assert not ranking.one_article_each


def test_one_article_each_only_when_the_largest_source_has_one() -> None:
    assert rank_sources([art("1"), art("2"), art("3", "X")]).one_article_each
    assert not rank_sources([]).one_article_each
    assert len(rank_sources([])) == 0 and rank_sources([]).top(3) == []


def test_articles_grouped_by_source_in_first_seen_order() -> None:
    a1, a2, a3, a4 = art("1", "B"), art("2", "A"), art("3", "B"), art("4")
    assert articles_by_source([a1, a2, a3, a4]) == {
        "B": [a1, a3],
        "A": [a2],
        "(unattributed) 4": [a4],
    }


# --------------------------------------------------------------------------- areas


def scores_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"cyber": [1, 0, 2, 0], "space": [0, 0, 3, 1]},
        index=pd.Index(["1", "2", "3", "4"], name="article"),
    )


def test_area_scores_summed_per_source() -> None:
    articles = [art("1", "B"), art("2", "A"), art("3", "B"), art("4", "C")]
    by_source = area_scores_by_source(scores_frame(), articles)
    assert by_source.index.name == "source"
    assert list(by_source.index) == ["B", "A", "C"]  # first seen
    # B = articles 1 and 3: cyber 1 + 2, space 0 + 3.
    assert list(by_source.loc["B"]) == [3, 3]
    assert list(by_source.loc["A"]) == [0, 0]
    assert list(by_source.loc["C"]) == [0, 1]


def test_sources_per_area_counts_sources_with_a_mention() -> None:
    by_source = pd.DataFrame(
        {"cyber": [3, 0, 0], "space": [3, 0, 1], "quantum": [0, 0, 0]}, index=["B", "A", "C"]
    )
    labels = {"cyber": "Cyber", "space": "Space"}  # quantum has no label: its id is kept
    assert sources_per_area(by_source, labels) == [("Cyber", 1), ("Space", 2), ("quantum", 0)]


def test_strongest_rows_most_mentions_first_ties_in_frame_order() -> None:
    # Row sums: 1 -> 1, 2 -> 0, 3 -> 5, 4 -> 1.
    shown = strongest_rows(scores_frame(), 3)
    assert list(shown.index) == ["3", "1", "4"]
    assert list(strongest_rows(scores_frame(), 10).index) == ["3", "1", "4", "2"]
    assert list(shown.loc["3"]) == [2, 3]


def test_largest_sources_rows_by_size_then_mentions_in_frame_order() -> None:
    by_source = pd.DataFrame(
        {"cyber": [0, 4, 1, 2], "space": [0, 0, 1, 0]}, index=["P", "Q", "R", "S"]
    )
    # Sizes: P 3, Q 1, R 1, S 1 (Q, R, S tie; mentions Q 4, R 2, S 2; R before S).
    articles = [
        art("1", "P"),
        art("2", "Q"),
        art("3", "P"),
        art("4", "R"),
        art("5", "S"),
        art("6", "P"),
    ]
    ranking = rank_sources(articles)
    assert list(largest_sources_rows(by_source, ranking, 3).index) == ["P", "Q", "R"]
    assert list(largest_sources_rows(by_source, ranking, 2).index) == ["P", "Q"]
    # The rows keep the frame's order; the tie of R and S goes to the first in the frame.
    reordered = by_source.loc[["S", "R", "Q", "P"]]
    assert list(largest_sources_rows(reordered, ranking, 3).index) == ["S", "Q", "P"]


# --------------------------------------------------------------------------- similarity


def similarity_frame() -> pd.DataFrame:
    names = ["C", "A", "B"]
    values = [[1.0, 0.2, 0.5], [0.2, 1.0, 0.7], [0.5, 0.7, 1.0]]
    return pd.DataFrame(values, index=names, columns=names)


def test_similarity_subset_keeps_the_frame_order_or_sorts() -> None:
    frame = similarity_frame()
    kept = similarity_subset(frame, ["B", "C", "nobody"])
    assert list(kept.index) == ["C", "B"] and list(kept.columns) == ["C", "B"]
    assert kept.loc["C", "B"] == 0.5
    by_name = similarity_subset(frame, {"B", "C", "A"}, sort=True)
    assert list(by_name.index) == ["A", "B", "C"] == list(by_name.columns)
    assert by_name.loc["A", "B"] == 0.7
    assert similarity_subset(frame, []).shape == (0, 0)


def test_similarity_pairs_each_pair_once() -> None:
    assert similarity_pairs(similarity_frame()) == [
        ("C", "A", 0.2),
        ("C", "B", 0.5),
        ("A", "B", 0.7),
    ]
    assert similarity_pairs(similarity_frame().loc[["A"], ["A"]]) == []


# --------------------------------------------------------------------------- reports


def test_reports_numbered_then_largest_first() -> None:
    reports = [["a"], ["b", "c"], ["d"], ["e", "f", "g"], ["h", "i"]]
    assert reports_by_size(reports) == [
        (4, ["e", "f", "g"]),
        (2, ["b", "c"]),
        (5, ["h", "i"]),
        (1, ["a"]),
        (3, ["d"]),
    ]
    assert reports_by_size([]) == []


def test_across_articles_leaves_out_passages_within_one() -> None:
    across, within = pair("a", "b", "verbatim", 1.0), pair("a", "a", "verbatim", 0.9)
    later = pair("c", "a", "paraphrase", 0.6)
    assert across_articles([across, within, later]) == [across, later]


# --------------------------------------------------------------------------- time


def test_dated_articles_earliest_first_ties_by_id() -> None:
    late = art("a", published=PartialDate(2025, 3, 2))
    undated = art("b")
    early_z = art("z", published=PartialDate(2025, 1, 5))
    early_c = art("c", published=PartialDate(2025, 1, 5))
    assert dated_articles([late, undated, early_z, early_c]) == [early_c, early_z, late]
    assert dated_articles([undated]) == []


def test_date_span_first_and_last_publication_date() -> None:
    articles = [
        art("a", published=PartialDate(2025, 3, 2)),
        art("b"),
        art("c", published=PartialDate(2024, 12, 30)),
    ]
    assert date_span(articles) == ("2024-12-30", "2025-03-02")
    assert date_span(articles[:1]) == ("2025-03-02", "2025-03-02")
    assert date_span([art("d")]) is None


def test_mentioned_events_leave_out_publication_dates_only() -> None:
    published = event("published", ("a",), "publication")
    said = event("summit", ("a", "b"), "publication", "absolute")
    relative = event("last week", ("c",), "relative")
    assert mentioned_events([published, said, relative]) == [said, relative]
    assert mentioned_events([published]) == []


def test_most_cited_is_the_first_of_the_largest() -> None:
    one = event("one", ("a",), "absolute")
    two_first = event("two first", ("a", "b"), "absolute")
    two_later = event("two later", ("c", "d"), "absolute")
    assert most_cited([one, two_first, two_later]) is two_first
    assert most_cited([one]) is one
    with pytest.raises(ValueError):
        most_cited([])


# --------------------------------------------------------------------------- tables


def test_capped_keeps_a_row_for_the_rest() -> None:
    assert capped([1, 2, 3], 3) == ([1, 2, 3], 0)
    # Four items in three rows: two shown, the third row says two more.
    assert capped([1, 2, 3, 4], 3) == ([1, 2], 2)
    assert capped(list(range(20)), 12) == (list(range(11)), 9)
    assert capped([], 5) == ([], 0)
