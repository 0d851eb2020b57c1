"""Events: the date mentions of one date and topic, merged across articles.

:func:`build_timeline` groups the mentions found by :mod:`natojp.timeline.mentions` into
:class:`Event` objects and returns them in a :class:`Timeline`. This module holds the
sentence similarity (content words and their IDF weights), the clustering of each
date's mentions, the attachment of month-only mentions to events, and the event labels.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat

import pandas as pd

from natojp._dates import MONTHS, WEEKDAYS, PartialDate
from natojp._gc import paused
from natojp._pickling import quick_state
from natojp._stop_words import ENGLISH_STOP_WORDS
from natojp._text import normalise, tokens
from natojp.models import Article
from natojp.timeline._labels import _EDGE, _label_from, _publication_label
from natojp.timeline._labels import LABEL_CHARS as LABEL_CHARS
from natojp.timeline._labels import LABEL_WORDS as LABEL_WORDS
from natojp.timeline._resolvers import _NUMBER_WORDS, _last_day
from natojp.timeline.mentions import (
    PUBLICATION,
    YEAR_END_BASIS,
    DateMention,
    FoundDate,
    _scan,
)

MERGE_THRESHOLD = 0.35
"""Minimum sentence similarity for two mentions of the same date to be one event.

Similarity is an IDF-weighted overlap coefficient of content words (see
:func:`_similarity`): 0.35 means the shared words carry at least 35% of the weight of
the shorter sentence. Two reports of one event share its names and nouns: the seeds'
two accounts of Rutte's April visit (``Rutte``, ``Kanagawa``, ``Mitsubishi Electric``,
``satellite production facility``) score 0.92. Sentences about different things share
at most the story's common words and a stray noun or two: the highest such pair in the
seeds scores 0.29 (``cybersecurity``, ``joint``), and IDF pushes these lower as the
corpus grows. The threshold sits above that with a margin because a false merge hides
an event while a missed merge only shows one event twice, each with true evidence
(the seeds' two differently worded ``last month`` mentions of the Hague summit in one
article score 0.19 and stay two events).
"""

ATTACH_THRESHOLD = 0.15
"""Minimum similarity for a month-only mention with no usable anchor to join an event.

Only events of the same month are candidates, and the undated side is the mention's
whole passage (its sentence and the neighbouring sentences of its paragraph), because
the sentence with the month often only says ``That joint statement, signed in June``
and names the event in the sentence before. With the month already agreeing, the bar
is lower than :data:`MERGE_THRESHOLD`: it only rejects passages that share nothing
but the story's common words (0.10 or less in the seeds), while the seeds' undated
``signed in June`` passage scores 0.22 against the dated Hague-summit sentence.
"""

MIN_SHARED = 2
"""Shared content words needed before any similarity counts (one word is chance)."""


HAPPENED = "happened"
PLAN = "plan"
"""The two :attr:`Event.kind` values: reported as done, or as a plan, target or expectation."""

_REPRESENTATIVES = 10  # members of a cluster that new mentions are compared with
_POSTING_CAP = 64  # a word in more clusters of one date than this does not suggest candidates
_CANDIDATE_CAP = 10  # clusters compared per mention (those sharing the most word weight)
_AMBIGUITY_MARGIN = 0.05  # a month-only mention this close to events of two years stays undated

PREVIEW_THRESHOLD = ATTACH_THRESHOLD
"""Minimum similarity for a preview of a day's event to join its report.

A cluster of one day whose mentions are all plans (``Kubilius and Nakatani are expected
to meet in Tokyo on Tuesday``, written the Friday before) joins the most similar
cluster of the same day that some article reports as done, when one of its sentences
scores at least this with one of that cluster's and the two share a name (see
:func:`_shares_a_name`): the event then happened, and the preview is its evidence.
With the exact day agreeing, the bar is the one of :data:`ATTACH_THRESHOLD`; a preview
is worded differently from the report (``expected to meet``, ``will discuss the
incident when they meet``) and often scores below :data:`MERGE_THRESHOLD`.
"""

REFINE_THRESHOLD = 0.35
"""Minimum similarity for a year- or month-precision mention to join a more exact event.

``since 2023`` and ``earlier this month`` often report, at a coarser date, an event
that another sentence dates exactly (``in July 2023``, ``on 9 and 10 April``). A
mention whose date is coarser than an event's and contains it (the year, or the
month, of the exact date) joins that event when its sentence scores at least this on
:func:`_similarity` with one of the event's sentences, and clearly more than with any
other exact event inside its span (``_AMBIGUITY_MARGIN``); the event keeps its exact
date. The bar is :data:`MERGE_THRESHOLD`: unlike an undated month (see
:data:`ATTACH_THRESHOLD`) a year holds many events of the story, so agreeing on it
says little, and the sentences must share the event's names and nouns.
"""


# --------------------------------------------------------------------------- records


@quick_state
@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is due) on a date, with the mentions that report it."""

    date: PartialDate
    label: str
    articles: tuple[str, ...]
    evidence: tuple[str, ...]
    mentions: tuple[DateMention, ...]
    kind: str = HAPPENED  # HAPPENED or PLAN (see build_timeline)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return self.date.precision


@dataclass(frozen=True, slots=True)
class Timeline:
    """Events sorted by date, and the date mentions that could not be dated."""

    events: tuple[Event, ...]
    unresolved: tuple[DateMention, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per event: date, start, precision, label, articles, evidence count."""
        return pd.DataFrame(
            [
                {
                    "date": e.date.iso(),
                    "start": pd.Timestamp(e.date.start()),
                    "precision": e.precision,
                    "label": e.label,
                    "kind": e.kind,
                    "articles": len(e.articles),
                    "article_ids": ", ".join(e.articles),
                    "publication": all(m.kind == PUBLICATION for m in e.mentions),
                    "evidence": len(e.evidence),
                }
                for e in self.events
            ],
            columns=[
                "date",
                "start",
                "precision",
                "label",
                "kind",
                "articles",
                "article_ids",
                "publication",
                "evidence",
            ],
        )

    def mentions_frame(self) -> pd.DataFrame:
        """Every mention, dated or not, with its event label (empty when unresolved)."""
        rows: list[dict[str, object]] = []
        for e in self.events:
            rows.extend(_mention_row(m, e.label) for m in e.mentions)
        rows.extend(_mention_row(m, "") for m in self.unresolved)
        return pd.DataFrame(
            rows,
            columns=["article", "date", "expression", "kind", "basis", "sentence", "event"],
        )


def _mention_row(m: DateMention, label: str) -> dict[str, object]:
    return {
        "article": m.article_id,
        "date": m.date.iso() if m.date else "",
        "expression": m.expression,
        "kind": m.kind,
        "basis": m.basis,
        "sentence": m.sentence,
        "event": label,
    }


# --------------------------------------------------------------------------- similarity

_DATE_WORDS = frozenset(
    {m for m in MONTHS}
    | set(WEEKDAYS)
    | set(_NUMBER_WORDS)
    | {
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "today",
        "yesterday",
        "tomorrow",
        "ago",
        "last",
        "next",
        "earlier",
        "later",
        "early",
        "late",
        "mid",
        "since",
        "summer",
        "winter",
        "spring",
        "autumn",
    }
)
_POSSESSIVE = re.compile(r"['’]s\b")


def _stem(word: str) -> str:
    """A light suffix-stripper so that visit/visits/visited and pledge/pledges compare equal."""
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and (word.endswith("ed") or word.endswith("es")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return _SPELLING[word] if len(word) > 4 else word


# British and American spellings of one word compare equal (``programme``/``program``,
# ``defence``/``defense``, ``centre``/``center``): the stems of the British forms.
_SPELLING_ENDINGS = (("mm", "m"), ("enc", "ens"), ("tr", "ter"), ("our", "or"), ("is", "iz"))


class _Spelling(dict[str, str]):
    def __missing__(self, stem: str) -> str:
        out = stem
        for old, new in _SPELLING_ENDINGS:
            if stem.endswith(old):
                out = stem[: -len(old)] + new
                break
        self[stem] = out
        return out


_SPELLING = _Spelling()


@lru_cache(maxsize=1 << 16)
def _content(word: str) -> str | None:
    """The stem of ``word`` if it is a content word, else None (cached: words repeat)."""
    if len(word) < 3 or word.isdigit() or word in ENGLISH_STOP_WORDS or word in _DATE_WORDS:
        return None
    return _stem(word)


def content_words(text: str) -> frozenset[str]:
    """Stemmed content words of ``text``: no stop words, numbers or date words."""
    stems = (_content(w) for w in tokens(_POSSESSIVE.sub("", normalise(text))))
    return frozenset(w for w in stems if w is not None)


class _Stems(dict[str, str | None]):
    """``word -> _content(word)``, filled on first use: a plain dict lookup per token."""

    def __missing__(self, word: str) -> str | None:
        stem = self[word] = _content(word)
        return stem


class _Words:
    """Content words of sentences, each sentence tokenised once (quotes repeat across articles)."""

    def __init__(self) -> None:
        self._cache: dict[str, frozenset[str]] = {}
        self._stems = _Stems()

    def sentence(self, text: str) -> frozenset[str]:
        words = self._cache.get(text)
        if words is None:
            words = self._cache[text] = self._content_words(text)
        return words

    def _content_words(self, text: str) -> frozenset[str]:
        """:func:`content_words`, faster: the same words, collected in the same order."""
        if not text.isascii():  # normalise() changes nothing in ASCII text
            text = normalise(text)
        if "'" in text or "’" in text:  # else _POSSESSIVE has nothing to remove
            text = _POSSESSIVE.sub("", text)
        # filter(None) drops exactly the None of non-content words (a stem is never "").
        return frozenset(filter(None, map(self._stems.__getitem__, tokens(text))))

    def passage(self, sentences: Iterable[str]) -> frozenset[str]:
        return frozenset().union(*(self.sentence(t) for t in sentences))


class _Weights:
    """IDF of words over articles, in the BM25 form ``ln(1 + (N - df + 0.5) / (df + 0.5))``.

    Always positive, close to 0 for a word that every article uses (``NATO`` in a
    NATO corpus) and highest for a word of one article, so that sharing the story's
    ubiquitous words says little and sharing a place or a name says a lot. With one
    article every word weighs the same (plain word overlap).
    """

    def __init__(self, per_article: Iterable[frozenset[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for words in per_article:
            df.update(words)
            n += 1
        self._weights = {w: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
        self._unseen = math.log(1.0 + (n + 0.5) / 0.5)

    def __call__(self, word: str) -> float:
        return self._weights.get(word, self._unseen)

    def total(self, words: Iterable[str]) -> float:
        """The summed weight of ``words``, the same in whatever order they come.

        The iteration order of a set of words changes with the hash seed (from one
        process to the next), and a plain float sum rounds differently in another
        order, moving similarities near a threshold or a tie. ``math.fsum`` is exact
        (correctly rounded), so independent of the order, and as fast here as ``sum``.
        """
        return math.fsum(map(self._weights.get, words, repeat(self._unseen)))


@dataclass(slots=True)
class _Item:
    """A mention being clustered: its content words and their total IDF weight."""

    found: FoundDate
    words: frozenset[str]
    weight: float
    attached: bool = False  # joined by month only (see _attach), not dated by its own text


def _item(found: FoundDate, words: frozenset[str], idf: _Weights) -> _Item:
    return _Item(found, words, idf.total(words))


def _similarity(a: _Item, b: _Item, idf: _Weights) -> float:
    """IDF-weighted overlap coefficient of two word sets (0 with < MIN_SHARED shared words).

    ``sum(idf(shared)) / min(sum(idf(a)), sum(idf(b)))``: a short report of an event
    contained in a longer one scores high, as it should, and words common to the whole
    corpus count for little.
    """
    shared = a.words & b.words
    if len(shared) < MIN_SHARED:
        return 0.0
    return idf.total(shared) / min(a.weight, b.weight)


class _Index:
    """An inverted index word -> groups (clusters or events), to find candidates cheaply.

    A word in more than ``_POSTING_CAP`` groups is too common to suggest candidates
    and is skipped, so a lookup costs at most ``_POSTING_CAP`` steps per word.
    """

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}
        self._seen: dict[int, set[str]] = defaultdict(set)

    def add(self, group: int, words: frozenset[str]) -> None:
        seen = self._seen[group]
        for w in words - seen:
            self._postings.setdefault(w, []).append(group)
        seen |= words

    def candidates(self, words: frozenset[str], idf: _Weights, limit: int) -> list[int]:
        """The ``limit`` groups sharing the most word weight with ``words``.

        Ties go to the earlier group. The words are visited in sorted order, not in set
        order (which changes with the hash seed), so each group's weight is added up in
        the same order in every process.
        """
        hits: dict[int, float] = {}
        hit = hits.get  # bound once: this loop runs for every word of every mention
        postings = self._postings
        for w in sorted(words):
            posting = postings.get(w)
            if posting is None or len(posting) > _POSTING_CAP:
                continue
            weight = idf(w)
            for g in posting:
                hits[g] = hit(g, 0.0) + weight
        # Groups by number, then (a stable sort) by weight: what heapq.nlargest would
        # return, but sorted() runs in C while nlargest loops in Python over every hit.
        return sorted(sorted(hits), key=hits.__getitem__, reverse=True)[:limit]


def _cluster(items: list[_Item], idf: _Weights) -> list[list[_Item]]:
    """Greedy single-link clustering of one date's mentions by sentence similarity.

    Each mention joins the cluster holding its most similar earlier mention if that
    similarity reaches :data:`MERGE_THRESHOLD`, else starts a new cluster. Candidates
    come from an inverted index (:class:`_Index`), so a mention is only compared with
    clusters it shares a word with; to stay linear in huge dates only the
    ``_CANDIDATE_CAP`` clusters sharing the most weight are compared, and only with
    their first ``_REPRESENTATIVES`` members.
    """
    clusters: list[list[_Item]] = []
    representatives: list[list[_Item]] = []  # the first _REPRESENTATIVES of each cluster
    index = _Index()
    total = idf.total
    for item in items:
        words, weight = item.words, item.weight
        best, best_sim = -1, 0.0
        for ci in index.candidates(words, idf, _CANDIDATE_CAP):
            for other in representatives[ci]:
                # _similarity(item, other, idf), inlined (the innermost loop of the
                # timeline); below MIN_SHARED it is 0, which never beats best_sim.
                shared = words & other.words
                if len(shared) < MIN_SHARED:
                    continue
                sim = total(shared) / min(weight, other.weight)
                if sim > best_sim:
                    best, best_sim = ci, sim
        if best >= 0 and best_sim >= MERGE_THRESHOLD:
            target = best
            clusters[target].append(item)
        else:
            target = len(clusters)
            clusters.append([item])
            representatives.append([])
        if len(clusters[target]) <= _REPRESENTATIVES:
            representatives[target].append(item)
            index.add(target, words)
    return clusters


# --------------------------------------------------------------------------- labels


def _label(items: list[_Item], idf: _Weights) -> str:
    """Label from the most central sentence of the event (ties: the shortest)."""
    pool = items[:50]
    total = idf.total

    def centrality(it: _Item) -> float:
        # sum(_similarity(it, other, idf) for other in pool if other is not it), with
        # _similarity inlined: up to 2,450 pairs per event. A pair sharing fewer than
        # MIN_SHARED words adds 0.0, which changes no sum, so it is left out.
        words, weight = it.words, it.weight
        return sum(
            total(shared) / min(weight, other.weight)
            for other in pool
            if other is not it
            for shared in (words & other.words,)
            if len(shared) >= MIN_SHARED
        )

    best = min(
        pool,
        key=lambda it: (
            -centrality(it),
            len(it.found.mention.sentence),
            it.found.mention.article_id,
            it.found.position,
        ),
    )
    return _label_from(best.found.mention.sentence, best.found.mention.expression)


# --------------------------------------------------------------------------- timeline


def _event(
    d: PartialDate, label: str, items: Sequence[_Item], latest: PartialDate | None = None
) -> Event:
    ordered = sorted(items, key=lambda it: (it.found.mention.article_id, it.found.position))
    evidence: list[str] = []
    seen: set[str] = set()
    for it in ordered:
        s = it.found.mention.sentence
        if s not in seen:
            seen.add(s)
            evidence.append(s)
    kind = PLAN if _is_plan_event(ordered, latest) else HAPPENED
    return Event(
        date=d,
        label=label,
        articles=tuple(sorted({it.found.mention.article_id for it in ordered})),
        evidence=tuple(evidence),
        mentions=tuple(it.found.mention for it in ordered),
        kind=kind,
    )


def _is_plan_event(items: Sequence[_Item], latest: PartialDate | None) -> bool:
    """Whether an event is a plan: some mention states it as a plan and none reports it
    as done (reported as done by any article, it happened: a preview's plan came true).

    A mention dated after ``latest``, the last publication date of the corpus, is a plan
    whatever its wording (no article can have reported it as done), and an undecided
    mention (see :class:`~natojp.timeline.mentions.FoundDate`) does not vote.
    """
    plan = False
    for it in items:
        m = it.found.mention
        if m.kind == PUBLICATION:
            continue
        if m.plan or (
            latest is not None and m.date is not None and m.date.start() > _last_day(latest)
        ):
            plan = True
        elif not it.found.undecided:
            return False
    return plan


def _join_previews(events: list[_Cluster], idf: _Weights) -> list[_Cluster]:
    """Join each all-plan event of a day to the report of that day it announced.

    See :data:`PREVIEW_THRESHOLD`. The candidates are the events of the same day with a
    mention that is no plan; the most similar wins (ties: the earlier one). Run after
    :func:`_refine`, so that a coarse mention of the preview's own article (``will visit
    Japan next week``) can still join the report first.
    """
    by_day: defaultdict[PartialDate, list[_Cluster]] = defaultdict(list)
    for e in events:
        if e.date.day is not None and e.items[0].found.mention.kind != PUBLICATION:
            by_day[e.date].append(e)
    joined: set[int] = set()
    for day_events in by_day.values():
        reports = [e for e in day_events if any(not it.found.mention.plan for it in e.items)]
        if not reports or len(reports) == len(day_events):
            continue
        index = _Index()
        for n, report in enumerate(reports):
            for it in report.items[:_REPRESENTATIVES]:
                index.add(n, it.words)
        for e in day_events:
            if any(not it.found.mention.plan for it in e.items):
                continue
            best, best_sim = -1, 0.0
            for it in e.items[:_REPRESENTATIVES]:
                for n in index.candidates(it.words, idf, _CANDIDATE_CAP):
                    for other in reports[n].items[:_REPRESENTATIVES]:
                        sim = _similarity(it, other, idf)
                        if (sim, -n) > (best_sim, -best) and _shares_a_name(it, other):
                            best, best_sim = n, sim
            if best >= 0 and best_sim >= PREVIEW_THRESHOLD:
                reports[best].items.extend(e.items)
                joined.add(id(e))
    return [e for e in events if id(e) not in joined]


@dataclass(slots=True)
class _Cluster:
    """An event while it is being built: its date, label and member mentions."""

    date: PartialDate
    label: str
    items: list[_Item]


def _attach(
    floating: list[FoundDate], events: list[_Cluster], idf: _Weights, words: _Words
) -> list[DateMention]:
    """Attach month-only mentions that have no usable anchor to events of that month.

    The mention's passage (its sentence and the neighbouring sentences of its
    paragraph, which name what ``signed in June`` refers to) is compared with the
    sentences of the event's dated mentions; the best event scoring at least
    :data:`ATTACH_THRESHOLD` wins, unless an event of the same month in another year
    scores within ``_AMBIGUITY_MARGIN`` of it. An event that the mention's own article
    dates is no candidate: the article wrote the year there and not here, so it means
    another time (``delivered in March, and all 400 are due by the end of March 2028``).
    The mention takes that event's year (and day, when both name the same day) and says
    so in its ``basis``. Returns the mentions left unattached.
    """
    by_month: defaultdict[int, list[_Cluster]] = defaultdict(list)
    for event in events:
        if event.date.month is not None and event.items[0].found.mention.kind != PUBLICATION:
            by_month[event.date.month].append(event)
    indexes: dict[int, _Index] = {}
    for month, month_events in by_month.items():
        index = indexes[month] = _Index()
        for n, event in enumerate(month_events):
            for it in event.items[:_REPRESENTATIVES]:
                index.add(n, it.words)
    left: list[DateMention] = []
    for f in floating:
        month_events = by_month.get(f.month or 0, [])
        if not month_events:
            left.append(f.mention)
            continue
        mine = _item(f, words.passage(f.context), idf)
        scored: list[tuple[float, int, _Cluster, _Item]] = []
        for n in indexes[f.month or 0].candidates(mine.words, idf, _CANDIDATE_CAP):
            event = month_events[n]
            if f.day is not None and event.date.day is not None and event.date.day != f.day:
                continue
            if any(it.found.mention.article_id == f.mention.article_id for it in event.items):
                continue  # its own article gave that event's year: another time
            members = [it for it in event.items[:_REPRESENTATIVES] if not it.attached]
            sim, closest = max(
                ((_similarity(mine, it, idf), it) for it in members), key=lambda pair: pair[0]
            )
            scored.append((sim, n, event, closest))
        scored.sort(key=lambda t: (-t[0], t[1]))
        if not scored or scored[0][0] < ATTACH_THRESHOLD:
            left.append(f.mention)
            continue
        sim, _, event, closest = scored[0]
        rivals = [t for t in scored[1:] if t[2].date.year != event.date.year]
        if rivals and rivals[0][0] >= sim - _AMBIGUITY_MARGIN:
            years = f"{event.date.year} or {rivals[0][2].date.year}"
            left.append(replace(f.mention, basis=f"{f.mention.basis}; ambiguous year ({years})"))
            continue
        day = f.day if event.date.day is not None else None
        when = PartialDate(event.date.year, f.month, day)
        basis = (
            f"{f.mention.basis.removeprefix('unresolved: ')}; attached to the {event.date} "
            f"event '{event.label}' (passage similarity {sim:.2f} with "
            f"{closest.found.mention.article_id})"
        )
        attached = replace(f, mention=replace(f.mention, date=when, basis=basis))
        event.items.append(_Item(attached, mine.words, mine.weight, attached=True))
    return left


_ORDER = {"year": 0, "month": 1, "day": 2}


def _spans(d: PartialDate) -> list[PartialDate]:
    """The coarser dates whose span holds ``d``: its year, and its month for a day."""
    out = [PartialDate(d.year)]
    if d.day is not None:
        out.append(PartialDate(d.year, d.month))
    return out if d.month is not None else []


_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")


@lru_cache(maxsize=1 << 14)
def _names(sentence: str) -> frozenset[str]:
    """Content words written as names in ``sentence``: capitalised, not its first word.

    ``Parmalat``, ``ReArm Europe``, ``NATO``, ``Tailored Partnership Programme``: what
    two reports of one event share beyond common nouns (``prices``, ``growth``).
    """
    found = _NAME.findall(sentence)
    first = _NAME.match(sentence.lstrip(_EDGE + "|"))
    if found and first is not None and found[0] == first.group(0):
        found = found[1:]
    return content_words(" ".join(found))


def _shares_a_name(a: _Item, b: _Item) -> bool:
    shared = a.words & b.words
    sa, sb = a.found.mention.sentence, b.found.mention.sentence
    return not shared.isdisjoint(_names(sa)) or not shared.isdisjoint(_names(sb))


def _alike(a: list[_Item], b: list[_Item], idf: _Weights) -> bool:
    """Whether two events report one happening (two days of one visit, say)."""
    return any(_similarity(x, y, idf) >= MERGE_THRESHOLD for x in a for y in b)


def _refine(events: list[_Cluster], idf: _Weights) -> list[_Cluster]:
    """Move year- and month-precision mentions into the exact events they report.

    Each mention of a year or month event is compared with the events dated more
    exactly inside its span, found through an inverted index per year and per month
    (not the Decembers of ``by the end of 2025``: deadlines, not exact dates);
    it joins the most similar one when that scores at least :data:`REFINE_THRESHOLD`,
    their shared words including a name (:func:`_names`: a year holds many sentences on
    ``prices`` and ``growth``, and only a shared name ties two of them to one event),
    and no other event inside the span scores within ``_AMBIGUITY_MARGIN`` of it (an
    event of another date whose sentences are alike, the second day of a visit, is no
    rival). An event that the mention's own article dates exactly is no candidate: an
    article that wrote ``by the end of March 2026`` for one thing and ``in 2026`` for
    another in the next paragraph is naming two things. Mentions that joined are
    compared with in turn, so a translation sharing only a name with an exact report can
    follow a coarse report that shares more (a second pass). The coarse event keeps the
    mentions that joined nothing, and is dropped when none is left; the ``basis`` of
    each moved mention says where it went.
    """
    dated = [e for e in events if e.items and e.items[0].found.mention.kind != PUBLICATION]
    indexes: dict[PartialDate, tuple[_Index, list[_Cluster]]] = {}
    members: dict[int, list[_Item]] = {}
    for event in dated:
        if event.date.precision == "year" or all(
            it.found.mention.basis.startswith(YEAR_END_BASIS) for it in event.items
        ):
            continue  # "by the end of 2025" is a deadline, not an exact date to join
        members[id(event)] = [it for it in event.items[:_REPRESENTATIVES] if not it.attached]
        for span in _spans(event.date):
            index, targets = indexes.setdefault(span, (_Index(), []))
            for it in members[id(event)]:
                index.add(len(targets), it.words)
            targets.append(event)
    coarse = [e for e in dated if e.date.precision != "day" and e.date in indexes]
    for _ in range(2):
        moved_any = False
        for event in coarse:
            index, targets = indexes[event.date]
            keep: list[_Item] = []
            for it in event.items:
                own = it.found.mention.article_id
                scored: list[tuple[float, int, _Item]] = []
                for n in index.candidates(it.words, idf, _CANDIDATE_CAP):
                    if _ORDER[targets[n].date.precision] <= _ORDER[event.date.precision]:
                        continue
                    if any(o.found.mention.article_id == own for o in targets[n].items):
                        continue  # its own article dates that event exactly: another event
                    sim, closest = max(
                        (
                            (_similarity(it, o, idf) if _shares_a_name(it, o) else 0.0, o)
                            for o in members[id(targets[n])]
                        ),
                        key=lambda pair: pair[0],
                    )
                    scored.append((sim, n, closest))
                scored.sort(key=lambda t: (-t[0], t[1]))
                if not scored or scored[0][0] < REFINE_THRESHOLD:
                    keep.append(it)
                    continue
                sim, n, closest = scored[0]
                target = targets[n]
                if any(
                    s >= sim - _AMBIGUITY_MARGIN
                    and targets[m].date != target.date
                    and not _alike(members[id(targets[m])], members[id(target)], idf)
                    for s, m, _ in scored[1:]
                ):
                    keep.append(it)
                    continue
                m = it.found.mention
                basis = (
                    f"{m.basis}; reports the {target.date} event '{target.label}' (sentence "
                    f"similarity {sim:.2f} with {closest.found.mention.article_id})"
                )
                moved = replace(it, found=replace(it.found, mention=replace(m, basis=basis)))
                target.items.append(moved)
                if len(members[id(target)]) < 2 * _REPRESENTATIVES:
                    members[id(target)].append(moved)
                    for span in _spans(target.date):
                        span_index, span_targets = indexes[span]
                        span_index.add(span_targets.index(target), moved.words)
                moved_any = True
            if len(keep) != len(event.items):
                event.items[:] = keep
                if keep:
                    event.label = _label(keep, idf)
        if not moved_any:
            break
    return [e for e in events if e.items]


def build_timeline(
    articles: Sequence[Article], *, scanned: Mapping[str, Sequence[FoundDate]] | None = None
) -> Timeline:
    """Group the date mentions of ``articles`` into events.

    ``scanned`` holds articles' mentions read earlier
    (:func:`~natojp.timeline.mentions.scan_dates`); the other articles are read here.
    The result is the same.

    1. Publication dates: one event per article (per outlet and title, so syndicated
       copies of one piece share an event).
    2. Dated mentions are bucketed by date; inside a bucket, mentions whose sentences
       score at least :data:`MERGE_THRESHOLD` on :func:`_similarity` are one event.
    3. A mention that names a month but could not be dated (no year and no usable
       anchor) joins the most similar event of that month when its passage scores at
       least :data:`ATTACH_THRESHOLD`; the match is written in its ``basis``.
       Everything else undated goes to :attr:`Timeline.unresolved`.
    4. Year- and month-precision mentions join the exact events they report
       (:data:`REFINE_THRESHOLD`), then a plan-only event of a day joins the report of
       that day (:data:`PREVIEW_THRESHOLD`).
    5. Each event's kind: a plan when some mention states it as one and none reports it
       as done (see :func:`_is_plan_event`).
    """
    with paused():  # a few small objects per mention and sentence, all kept
        return _build_timeline(articles, scanned or {})


def _build_timeline(
    articles: Sequence[Article], known: Mapping[str, Sequence[FoundDate]]
) -> Timeline:
    by_id = {a.id: a for a in articles}
    scanned = {a.id: known[a.id] if a.id in known else _scan(a) for a in articles}
    words = _Words()
    # Each article's words: those of every mention's passage (each sentence once; the
    # passages of neighbouring mentions overlap).
    idf = _Weights(
        frozenset().union(
            *map(words.sentence, {t: None for f in found if f.position >= 0 for t in f.context})
        )
        for found in scanned.values()
        if found
    )

    publications: dict[tuple[PartialDate, str, str], list[_Item]] = {}
    buckets: dict[PartialDate, list[_Item]] = defaultdict(list)
    floating: list[FoundDate] = []
    unresolved: list[DateMention] = []
    for article_id in sorted(scanned):
        for f in scanned[article_id]:
            m = f.mention
            if f.furniture is not None:
                continue  # page furniture (byline, dateline, time stamp...): no event
            if m.kind == PUBLICATION and m.date is not None:
                a = by_id[article_id]
                key = (m.date, (a.outlet or a.id).casefold(), " ".join(tokens(a.title or a.id)))
                publications.setdefault(key, []).append(_Item(f, frozenset(), 0.0))
            elif m.date is not None:
                buckets[m.date].append(_item(f, words.sentence(m.sentence), idf))
            elif f.month is not None:
                floating.append(f)
            else:
                unresolved.append(m)

    events: list[_Cluster] = []
    for (d, _, _), items in publications.items():
        article = by_id[items[0].found.mention.article_id]
        events.append(_Cluster(d, _publication_label(article), items))
    for d in sorted(buckets, key=lambda d: (d.start(), d.iso())):
        events.extend(_Cluster(d, _label(c, idf), c) for c in _cluster(buckets[d], idf))
    unresolved.extend(_attach(floating, events, idf, words))
    events = _join_previews(_refine(events, idf), idf)

    dates = [a.published for a in articles if a.published is not None]
    latest = max(dates, key=_last_day) if dates else None
    built = [_event(e.date, e.label, e.items, latest) for e in events]
    built.sort(key=lambda e: (e.date.start(), e.label, e.date.precision, e.articles))
    unresolved.sort(key=lambda m: (m.article_id, m.line or 0))
    return Timeline(tuple(built), tuple(unresolved))
