"""What the analysis reads in each article on its own, read once and kept.

Four stages start by reading every article alone, and that reading depends on nothing
but the article, the taxonomy and natojp itself:

* its score per technology area, with the sentences that earned it
  (:func:`natojp.taxonomy.area_rows`);
* its date mentions with their passages (:func:`natojp.timeline.scan_dates`);
* its quotes, people, organisations and claims (:func:`natojp.corroboration.read_mentions`);
* its specifics: numbers, acronyms and names (:func:`natojp.provenance.specifics`).

Together they are about 60 s of CPU at 100,000 articles. An :class:`ArticleFacts`
holds them for one article. :func:`read_facts` reads them, and
:func:`natojp.analysis.analyze_articles` takes them as ``facts`` (and gives back those
it read itself, ``on_facts``): the stages then group and compare what was read, and the
analysis is the same as without them (tested). An analysis of a library keeps the facts
it read (:class:`natojp.library.FactsStore`), so that the next analysis, after an add,
reads only the new articles.

What else a corpus holds changes none of this. The corpus-wide stages (TF-IDF,
similarity, events, duplicates, stories) still run on the whole corpus.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from natojp._gc import paused
from natojp.corroboration import ArticleMentions, read_mentions
from natojp.models import Article
from natojp.provenance import Specifics, specifics
from natojp.taxonomy import AreaRow, Taxonomy, area_rows
from natojp.timeline import FoundDate, scan_dates

__all__ = [
    "ArticleFacts",
    "FactsSource",
    "Part",
    "SplitFacts",
    "facts_key",
    "read_facts",
    "split_facts",
]


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """One article's facts (see the module docstring), read with one taxonomy."""

    areas: AreaRow
    dates: tuple[FoundDate, ...]
    mentions: ArticleMentions
    specifics: Specifics | None
    """``None``: not read (an analysis reads specifics only in a corpus in several
    languages; one that needs them reads them then)."""


def read_facts(
    articles: Iterable[Article], taxonomy: Taxonomy | None = None, *, with_specifics: bool = True
) -> dict[str, ArticleFacts]:
    """The facts of each article, by id, read with ``taxonomy`` (default: the bundled
    one); without specifics when ``with_specifics`` is False (an analysis that needs
    them then reads them)."""
    articles = list(articles)
    with paused():  # small objects, all kept
        areas = area_rows(articles, taxonomy)
        dates = scan_dates(articles)
        mentions = read_mentions(articles)
        return {
            a.id: ArticleFacts(
                areas[a.id],
                dates[a.id],
                mentions[a.id],
                specifics(a) if with_specifics else None,
            )
            for a in articles
        }


def facts_key(taxonomy: Taxonomy, natojp_version: str) -> str:
    """What facts depend on besides the article: the version of natojp that read them
    and the taxonomy's content, as ``VERSION:DIGEST``. Facts kept under another key are
    read again."""
    digest = hashlib.sha256(repr(taxonomy.areas).encode("utf-8")).hexdigest()[:24]
    return f"{natojp_version}:{digest}"


@dataclass(frozen=True, slots=True)
class SplitFacts:
    """Facts by stage, as each stage takes them (see :func:`split_facts`): the areas
    and dates (the part ``"stages"``) feed the stages run beside the analysing process,
    the mentions and specifics (``"mentions"``) provenance and corroboration."""

    areas: dict[str, AreaRow]
    dates: dict[str, tuple[FoundDate, ...]]
    mentions: dict[str, ArticleMentions]
    specifics: dict[str, Specifics]

    def __sizeof__(self) -> int:
        """Its size pickled, which is what moving it to another process costs (Dask
        weighs results by it, to place tasks and bound a worker's memory)."""
        return len(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))

    def only(self, ids: Collection[str], several_languages: bool) -> SplitFacts:
        """These facts of the articles ``ids``; no specifics unless the corpus is in
        several languages (as :func:`natojp.provenance.read_specifics` gives them)."""
        return SplitFacts(
            areas={i: v for i, v in self.areas.items() if i in ids},
            dates={i: v for i, v in self.dates.items() if i in ids},
            mentions={i: v for i, v in self.mentions.items() if i in ids},
            specifics=(
                {i: v for i, v in self.specifics.items() if i in ids} if several_languages else {}
            ),
        )


Part = Literal["stages", "mentions"]
"""A part of the facts: ``"stages"`` (areas and dates) or ``"mentions"`` (mentions and
specifics)."""

FactsSource = Callable[[Part], SplitFacts]
"""Facts read on demand, one part at a time: each process of an analysis loads only the
part it uses (see :func:`natojp.analysis.analyze_articles`)."""


def split_facts(articles: Sequence[Article], facts: Mapping[str, ArticleFacts]) -> SplitFacts:
    """The facts of ``articles`` (those that have some) by stage. Specifics are given
    only when the articles are in two languages or more, as
    :func:`natojp.provenance.read_specifics` gives them."""
    held = [(a.id, facts[a.id]) for a in articles if a.id in facts]
    several = len({a.language for a in articles if a.language}) >= 2
    return SplitFacts(
        areas={i: f.areas for i, f in held},
        dates={i: f.dates for i, f in held},
        mentions={i: f.mentions for i, f in held},
        specifics={i: f.specifics for i, f in held if f.specifics is not None} if several else {},
    )
