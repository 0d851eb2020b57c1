"""The main period of a story: the span holding most of its dated events, and the outliers.

:func:`story_period` takes the events of a :class:`~natojp.timeline.events.Timeline`
(publication events left out: they date the coverage, not the story) and returns the
shortest span of days that holds at least ``share`` of the events' weight, each event
weighing the number of articles that report it. A background fact named by one article
(a 2013 move, a 2035 target) weighs little, so the span settles on the dates most of the
coverage is about; the events outside it are the outliers a chart lists apart. Ties
between equally short spans go to the one with more weight, then the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from natojp.timeline.events import PLAN, Event
from natojp.timeline.mentions import PUBLICATION

PERIOD_SHARE = 0.6
"""Default share of the event weight (articles per event) the period must hold."""


@dataclass(frozen=True, slots=True)
class StoryPeriod:
    """The main span of a story's event dates, with the events inside and outside it."""

    start: date
    end: date
    share: float  # the weight share the span actually holds
    inside: tuple[Event, ...]
    outliers: tuple[Event, ...]


def _first_day(e: Event) -> date:
    return e.date.start()


def _last_day(e: Event) -> date:
    d = e.date
    if d.day is not None:
        return d.start()
    if d.month is None:
        return date(d.year, 12, 31)
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def story_period(
    events: Iterable[Event], share: float = PERIOD_SHARE, *, plans: bool = False
) -> StoryPeriod | None:
    """The shortest span holding ``share`` of the events' weight (None: no dated events).

    An event covers its whole partial date (``2025-04`` is 1-30 April): a span holds it
    when it holds all of it, so a year-only event never pins a span to a single month.
    The span is computed from the events that happened (``plans=True``: from plans too,
    whose future dates otherwise stretch it to deadlines years ahead); the outliers are
    all events, of either kind, outside it. Cost: O(n² log n) in distinct dates.
    """
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share}")
    dated = [e for e in events if not all(m.kind == PUBLICATION for m in e.mentions)]
    basis = [e for e in dated if plans or e.kind != PLAN] or dated
    if not basis:
        return None
    total = sum(len(e.articles) for e in basis)
    spans = sorted((_first_day(e), _last_day(e), len(e.articles)) for e in basis)
    best: tuple[int, int, date, date] | None = None
    for lo in sorted({s for s, _, _ in spans}):
        held = 0
        for hi, _, weight in sorted((e, s, w) for s, e, w in spans if s >= lo):
            held += weight
            if held / total + 1e-12 >= share:
                key = ((hi - lo).days, -held, lo, hi)
                if best is None or key < best:
                    best = key
                break
    assert best is not None  # the span of every event holds them all
    _, _, lo, hi = best

    def holds(e: Event) -> bool:
        return lo <= _first_day(e) and _last_day(e) <= hi

    held = sum(len(e.articles) for e in basis if holds(e))
    inside = tuple(e for e in dated if holds(e))
    outliers = tuple(e for e in dated if not holds(e))
    return StoryPeriod(lo, hi, held / total, inside, outliers)
