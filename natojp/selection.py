"""What each view shows: the articles a filter keeps, the sources worth listing, the
rows a chart has room for.

Shared by the dashboard's views and the briefing pack, so that a chart on screen and
its slide are made from the same selection. Plain functions over the analysis' data:
they return data (lists, frames), never figures or sentences (those are
:mod:`natojp.charts` and :mod:`natojp.findings`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

from natojp.analysis import Analysis
from natojp.models import Article
from natojp.similarity import sources_by_size
from natojp.taxonomy import aggregate_scores

if TYPE_CHECKING:
    from natojp.duplicates import DuplicatePair
    from natojp.timeline import Event

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters chosen once and applied on every view (the dashboard's sidebar).

    Each is a set of allowed values, empty meaning all: sources (outlet or unattributed
    label), outlet countries and outlet types (from the outlet registry; an article
    whose outlet the registry does not know has neither, and is dropped by those two).
    """

    outlets: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    def keep(self, article: Article) -> bool:
        """Whether ``article`` passes the filters."""
        return (
            (not self.outlets or article.source in self.outlets)
            and (not self.countries or article.outlet_country in self.countries)
            and (not self.types or article.outlet_type in self.types)
        )

    def articles(self, analysis: Analysis) -> list[Article]:
        """The articles of ``analysis`` that pass, in corpus order."""
        return [a for a in analysis.articles if self.keep(a)]

    def describe(self, analysis: Analysis) -> str:
        """One line for chart subtitles: corpus, article count, active filters."""
        shown = sum(self.keep(a) for a in analysis.articles)
        sources = "all sources" if not self.outlets else f"{len(self.outlets)} source(s)"
        parts = [analysis.corpus.name, f"{shown} of {len(analysis.articles)} articles", sources]
        if self.countries:
            parts.append("outlets in " + ", ".join(self.countries))
        if self.types:
            parts.append("outlet types: " + ", ".join(self.types))
        return " · ".join(parts)


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class SourceRanking:
    """Sources with their number of articles, most first (ties: first seen), as
    :func:`natojp.similarity.sources_by_size` ranks them."""

    sizes: tuple[tuple[str, int], ...]

    def __len__(self) -> int:
        return len(self.sizes)

    def top(self, n: int) -> list[str]:
        """The ``n`` sources with most articles, most first."""
        return [source for source, _ in self.sizes[:n]]

    def size(self, source: str) -> int:
        """Articles of ``source`` (0 for a source not ranked)."""
        return dict(self.sizes).get(source, 0)

    @property
    def one_article_each(self) -> bool:
        """Whether every source has a single article (typically: no outlet is known, so
        each article is its own source). False when there are no sources."""
        return bool(self.sizes) and self.sizes[0][1] == 1


def rank_sources(articles: Iterable[Article]) -> SourceRanking:
    """The sources of ``articles``, most articles first (ties: first seen)."""
    return SourceRanking(tuple(sources_by_size([a.source for a in articles])))


def articles_by_source(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """The articles of each source, sources in first-seen order, articles in corpus order."""
    out: dict[str, list[Article]] = {}
    for a in articles:
        out.setdefault(a.source, []).append(a)
    return out


# --------------------------------------------------------------------------- areas


def area_scores_by_source(scores: pd.DataFrame, articles: Iterable[Article]) -> pd.DataFrame:
    """Article × area ``scores`` summed per source (source × area, first-seen order; the
    index is named ``source``). Every row of ``scores`` must be one of ``articles``."""
    by_source = aggregate_scores(scores, {a.id: a.source for a in articles})
    by_source.index.name = "source"
    return by_source


def sources_per_area(by_source: pd.DataFrame, labels: Mapping[str, str]) -> list[tuple[str, int]]:
    """(area label, number of sources with at least one mention) per column of a
    source × area frame, in column order; an area without a label keeps its id."""
    return [(labels.get(str(c), str(c)), int((by_source[c] > 0).sum())) for c in by_source.columns]


def strongest_rows(scores: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` rows of a row × area frame with most mentions (row sums), most first
    (ties: frame order)."""
    order = scores.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return scores.loc[order].iloc[:n]


def largest_sources_rows(by_source: pd.DataFrame, ranking: SourceRanking, n: int) -> pd.DataFrame:
    """The rows of the ``n`` sources with most articles in a source × area frame; among
    equally large sources those with most mentions, then the first in the frame. The
    rows keep the frame's order."""
    size = dict(ranking.sizes)
    names = [str(x) for x in by_source.index]
    mentions = [float(m) for m in by_source.sum(axis=1).tolist()]
    ranked = sorted(range(len(names)), key=lambda i: (-size.get(names[i], 0), -mentions[i], i))
    return by_source.iloc[sorted(ranked[:n])]


# --------------------------------------------------------------------------- similarity


def similarity_subset(
    frame: pd.DataFrame, keep: Collection[str], *, sort: bool = False
) -> pd.DataFrame:
    """The rows and columns of a square similarity ``frame`` named in ``keep``: in the
    frame's order, or by name with ``sort``. Names the frame lacks are ignored."""
    wanted = set(keep)
    rows = [s for s in frame.index if s in wanted]
    columns = [s for s in frame.columns if s in wanted]
    if sort:
        rows = columns = sorted(rows)
    return frame.loc[rows, columns]


def similarity_pairs(frame: pd.DataFrame) -> list[tuple[str, str, float]]:
    """Each pair of a square similarity ``frame`` once (row before column in the frame's
    order) with its score."""
    values = frame.to_numpy(dtype=float)
    n = frame.shape[0]
    return [
        (str(frame.index[i]), str(frame.index[j]), float(values[i, j]))
        for i in range(n)
        for j in range(i + 1, n)
    ]


# --------------------------------------------------------------------------- reports


def reports_by_size(reports: Sequence[Sequence[str]]) -> list[tuple[int, Sequence[str]]]:
    """The independent reports numbered from 1, largest first (ties: by number), so that
    reports that copy or rewrite come before single articles."""
    return sorted(enumerate(reports, 1), key=lambda kg: (-len(kg[1]), kg[0]))


def across_articles(pairs: Iterable[DuplicatePair]) -> list[DuplicatePair]:
    """The duplicated passages shared by two articles (not repeated within one)."""
    return [p for p in pairs if p.scope == "across"]


# --------------------------------------------------------------------------- time


def dated_articles(articles: Iterable[Article]) -> list[Article]:
    """The articles with a publication date, earliest first (ties: by id)."""
    dated = [a for a in articles if a.published is not None]
    return sorted(dated, key=lambda a: (a.published.start() if a.published else 0, a.id))


def date_span(articles: Iterable[Article]) -> tuple[str, str] | None:
    """The first and last publication date (ISO) of ``articles``; ``None`` when none is dated."""
    dates = sorted(a.published.iso() for a in articles if a.published is not None)
    return (dates[0], dates[-1]) if dates else None


def mentioned_events(events: Iterable[Event]) -> list[Event]:
    """The events some article's text mentions (not only publication dates), in order."""
    return [e for e in events if any(m.kind != "publication" for m in e.mentions)]


def most_cited(events: Sequence[Event]) -> Event:
    """The event most articles mention; the first among equals. ``events`` is not empty."""
    # Position, not a list search, for the tie-break: O(n).
    _, cited = max(enumerate(events), key=lambda ie: (len(ie[1].articles), -ie[0]))
    return cited


# --------------------------------------------------------------------------- tables


def capped(items: Sequence[_T], rows: int) -> tuple[list[_T], int]:
    """The items that fit in ``rows`` table rows and how many are left out: all of them
    when they fit, else ``rows - 1`` (one row is kept to say how many more there are)."""
    if len(items) <= rows:
        return list(items), 0
    return list(items[: rows - 1]), len(items) - (rows - 1)


# ------------------------------------------------------------------ who and when


@dataclass(frozen=True, slots=True)
class Attribution:
    """How many articles have an outlet, wires, dates and a language, and on what
    basis: counts of the articles given, most frequent first."""

    articles: int
    outlet_basis: tuple[tuple[str, int], ...]  # basis -> articles with an outlet on it
    date_basis: tuple[tuple[str, int], ...]  # basis -> dated articles
    outlet_types: tuple[tuple[str, int], ...]  # registry type -> articles
    countries: tuple[tuple[str, int], ...]  # registry country -> articles
    wires: tuple[tuple[str, int], ...]  # agency -> articles crediting it
    languages: tuple[tuple[str, int], ...]  # ISO 639-1 -> articles

    @property
    def dated(self) -> int:
        return sum(n for _, n in self.date_basis)

    @property
    def attributed(self) -> int:
        return sum(n for _, n in self.outlet_basis)


def attribution(articles: Sequence[Article]) -> Attribution:
    """Who and when for ``articles``: the counts behind the Overview's summary."""

    def counted(values: Iterable[str | None]) -> tuple[tuple[str, int], ...]:
        return tuple(Counter(v for v in values if v).most_common())

    return Attribution(
        articles=len(articles),
        outlet_basis=counted(a.outlet_basis for a in articles if a.outlet),
        date_basis=counted(a.published_basis for a in articles if a.published),
        outlet_types=counted(a.outlet_type for a in articles),
        countries=counted(a.outlet_country for a in articles),
        wires=counted(w for a in articles for w in a.wires),
        languages=counted(a.language for a in articles),
    )
