"""What each view shows: the articles a filter keeps, the sources worth listing, the
rows a chart has room for.

Shared by the dashboard's views and the briefing pack, so that a chart on screen and
its slide are made from the same selection. Plain functions over the analysis' data:
they return data (lists, frames), never figures or sentences (those are
:mod:`natojp.charts` and :mod:`natojp.findings`).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

from natojp._dates import PartialDate
from natojp._wording import plural, telling_name
from natojp.analysis import Analysis
from natojp.models import Article, ArticleHead, by_date
from natojp.taxonomy import aggregate_scores

if TYPE_CHECKING:
    from natojp.duplicates import DuplicatePair
    from natojp.timeline import Event
    from natojp.vectorise import DocumentTerms  # scikit-learn: imported where it runs

_A = TypeVar("_A", Article, ArticleHead)
"""An article or its head: the filters read only what both have."""

_T = TypeVar("_T")


QUERY_SOURCE, QUERY_COUNTRY, QUERY_TYPE = "source", "country", "type"
QUERY_FROM, QUERY_TO, QUERY_UNDATED = "from", "to", "undated"
FILTER_QUERY = (QUERY_SOURCE, QUERY_COUNTRY, QUERY_TYPE, QUERY_FROM, QUERY_TO, QUERY_UNDATED)
"""The URL query parameters of :class:`Filters`."""


def _last_day(when: PartialDate) -> date:
    """The last calendar day a partial date covers (31 December for a year)."""
    if when.day is not None:
        return when.start()
    month = when.month or 12
    return date(when.year, month, calendar.monthrange(when.year, month)[1])


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters chosen once and applied on every view (the dashboard's sidebar).

    ``outlets``, ``countries`` and ``types`` are sets of allowed values, empty meaning
    all: sources (outlet or unattributed label), outlet countries and outlet types (from
    the outlet registry; an article whose outlet the registry does not know has neither,
    and is dropped by those two).

    ``published_from`` and ``published_to`` bound the publication date (inclusive, either
    may be ``None``: unbounded). A date known only to the month or year is kept when the
    period it covers overlaps the range (``2025-04`` is in 10 to 20 April 2025).
    ``undated`` says whether articles without a publication date are kept: they are by
    default, with or without a range, and only an explicit choice drops them.
    """

    outlets: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    published_from: date | None = None
    published_to: date | None = None
    undated: bool = True

    @property
    def active(self) -> bool:
        """Whether any filter is set (else every article passes)."""
        return self != Filters()

    def keep(self, article: Article | ArticleHead) -> bool:
        """Whether ``article`` passes the filters."""
        return (
            (not self.outlets or article.source in self.outlets)
            and (not self.countries or article.outlet_country in self.countries)
            and (not self.types or article.outlet_type in self.types)
            and self._in_range(article.published)
        )

    def _in_range(self, published: PartialDate | None) -> bool:
        if published is None:
            return self.undated
        if self.published_from is not None and _last_day(published) < self.published_from:
            return False
        return self.published_to is None or published.start() <= self.published_to

    def select(self, articles: Iterable[_A]) -> list[_A]:
        """The ``articles`` (or their heads) that pass, in their order."""
        if not self.active:
            return list(articles)
        return [a for a in articles if self.keep(a)]

    def articles(self, analysis: Analysis) -> list[Article]:
        """The articles of ``analysis`` that pass, in corpus order."""
        return self.select(analysis.articles)

    def heads(self, analysis: Analysis) -> list[ArticleHead]:
        """The heads of the articles that pass (:meth:`Analysis.heads`), in corpus
        order: for a page that needs no article's text."""
        return self.select(analysis.heads())

    def to_query(self) -> dict[str, list[str]]:
        """The filters as URL query parameters (repeated for several values); a filter
        not set has none. :meth:`from_query` reads them back."""
        query = {
            QUERY_SOURCE: list(self.outlets),
            QUERY_COUNTRY: list(self.countries),
            QUERY_TYPE: list(self.types),
            QUERY_FROM: [self.published_from.isoformat()] if self.published_from else [],
            QUERY_TO: [self.published_to.isoformat()] if self.published_to else [],
            QUERY_UNDATED: [] if self.undated else ["exclude"],
        }
        return {name: values for name, values in query.items() if values}

    @classmethod
    def from_query(cls, query: Mapping[str, Sequence[str]]) -> Filters:
        """Filters from URL query parameters (see :meth:`to_query`). A hand-edited link
        never fails: a date that is not ``YYYY-MM-DD`` is ignored, a range given the
        wrong way round is swapped, values are deduplicated in order."""

        def values(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(v.strip() for v in query.get(name, ()) if v.strip()))

        def day(name: str) -> date | None:
            for value in values(name)[:1]:
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    return None
            return None

        start, end = day(QUERY_FROM), day(QUERY_TO)
        if start and end and start > end:
            start, end = end, start
        undated = values(QUERY_UNDATED)[:1] not in {("exclude",), ("0",), ("no",), ("false",)}
        return cls(
            values(QUERY_SOURCE), values(QUERY_COUNTRY), values(QUERY_TYPE), start, end, undated
        )

    def describe(self, analysis: Analysis, *, shown: bool = False) -> str:
        """The articles the filters keep, in words, for chart subtitles: ``all 40
        articles``, ``12 of 40 articles · 2 sources · outlets in JP``, led by the corpus
        name when it tells something (a folder called ``articles`` or ``data`` does not:
        :func:`natojp._wording.telling_name`). ``shown``: for the sidebar, ``12 of 40
        articles shown · 2 sources``, without the name (the corpus choice above it gives
        it)."""
        total = len(analysis.corpus)
        kept = len(self.heads(analysis)) if self.active else total
        name = None if shown else telling_name(analysis.corpus.name)
        parts = [name] if name else []
        if kept == total:
            count = "the one article" if total == 1 else f"all {total:,} articles"
        else:
            count = f"{kept:,} of {total:,} article{'s' * (total != 1)}"
        parts.append(f"{count} shown" if shown else count)
        if self.outlets:
            parts.append(plural(len(self.outlets), "source"))
        if self.countries:
            parts.append("outlets in " + ", ".join(self.countries))
        if self.types:
            parts.append("outlet types: " + ", ".join(self.types))
        dates = self.describe_dates()
        if dates:
            parts.append(dates)
        return " · ".join(parts)

    def describe_dates(self) -> str:
        """The date filter in words (empty when none is set)."""
        start, end = self.published_from, self.published_to
        if start and end:
            words = f"published {start.isoformat()} to {end.isoformat()}"
        elif start:
            words = f"published from {start.isoformat()}"
        elif end:
            words = f"published up to {end.isoformat()}"
        else:
            return "" if self.undated else "dated articles only"
        return words + ("" if not self.undated else " or undated")


def kept_reports(reports: Iterable[Sequence[str]], keep: Collection[str]) -> list[list[str]]:
    """The independent reports with the articles in ``keep`` only, reports left empty
    dropped, in the given order: what a filtered view counts as independent reports."""
    wanted = set(keep)
    kept = ([i for i in group if i in wanted] for group in reports)
    return [group for group in kept if group]


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


def rank_sources(articles: Iterable[Article | ArticleHead]) -> SourceRanking:
    """The sources of ``articles``, most articles first (ties: first seen)."""
    from natojp.similarity import sources_by_size  # imports SciPy: not at every page's start

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


def terms_of(terms: DocumentTerms, keep: Collection[str]) -> DocumentTerms:
    """The rows of ``terms`` whose id is in ``keep`` (same features, same order), to
    compare sources on the articles a filter keeps."""
    wanted = set(keep)
    rows = [i for i, a in enumerate(terms.ids) if a in wanted]
    return replace(terms, ids=tuple(terms.ids[i] for i in rows), matrix=terms.matrix[rows])


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
    return sorted((a for a in articles if a.published is not None), key=by_date)


def date_span(articles: Iterable[Article]) -> tuple[str, str] | None:
    """The first and last publication date (ISO) of ``articles``; ``None`` when none is dated."""
    dates = sorted(a.published.iso() for a in articles if a.published is not None)
    return (dates[0], dates[-1]) if dates else None


def date_bounds(articles: Iterable[Article | ArticleHead]) -> tuple[date, date] | None:
    """The first and last calendar day the publication dates of ``articles`` cover (a
    date known to the month covers the whole month); ``None`` when none is dated."""
    dated = [a.published for a in articles if a.published is not None]
    if not dated:
        return None
    return min(d.start() for d in dated), max(_last_day(d) for d in dated)


def events_of(events: Iterable[Event], keep: Collection[str]) -> list[Event]:
    """The ``events`` as the articles in ``keep`` report them: their articles, mentions
    and evidence sentences only, events no kept article reports dropped (so counts and
    marker sizes follow the filters)."""
    wanted = set(keep)
    out: list[Event] = []
    for e in events:
        articles = tuple(a for a in e.articles if a in wanted)
        if not articles:
            continue
        if len(articles) == len(e.articles):
            out.append(e)
            continue
        mentions = tuple(m for m in e.mentions if m.article_id in wanted)
        evidence = tuple(dict.fromkeys(m.sentence for m in mentions))
        out.append(replace(e, articles=articles, mentions=mentions, evidence=evidence))
    return out


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


def attribution(articles: Sequence[Article | ArticleHead]) -> Attribution:
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
