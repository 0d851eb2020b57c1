"""natojp.timeline.period: the main period of a story, its outliers, and its cost."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest

from natojp._dates import PartialDate
from natojp.timeline.events import HAPPENED, PLAN, Event
from natojp.timeline.mentions import DateMention
from natojp.timeline.period import _first_day, _last_day, story_period, within


def ev(when: PartialDate, n: int = 1, kind: str = HAPPENED, what: str = "said") -> Event:
    """An event of ``n`` articles, dated by the text (``what="publication"``: by the
    publication date only)."""
    ids = tuple(f"a{i}" for i in range(n))
    mentions = tuple(DateMention(a, when, when.iso(), "s", what, "test") for a in ids)
    return Event(when, f"event {when.iso()}", ids, ("s",), mentions, kind)


def brute_force(events: list[Event], share: float) -> tuple[date, date]:
    """Every (first day, last day) pair tried: the shortest span holding ``share`` of
    the weight, then the heaviest, then the earliest (the rule, spelled out)."""
    spans = [(_first_day(e), _last_day(e), len(e.articles)) for e in events]
    total = sum(w for _, _, w in spans)
    best: tuple[int, int, date, date] | None = None
    for lo in {s for s, _, _ in spans}:
        for hi in {e for _, e, _ in spans}:
            if hi < lo:
                continue
            held = sum(w for s, e, w in spans if lo <= s and e <= hi)
            if held / total + 1e-12 >= share:
                key = ((hi - lo).days, -held, lo, hi)
                best = key if best is None or key < best else best
    assert best is not None
    return best[2], best[3]


def test_the_period_holds_the_share_and_lists_the_outliers() -> None:
    events = [
        ev(PartialDate(2013)),  # background
        ev(PartialDate(2025, 4, 14), 8),
        ev(PartialDate(2025, 4, 28), 3),
        ev(PartialDate(2025, 4), 5),
        ev(PartialDate(2025, 3), 2),
        ev(PartialDate(2027), 6, PLAN),  # a target: not in the basis, an outlier
        ev(PartialDate(2025, 4, 20), 1, PLAN),  # a plan inside the period
        ev(PartialDate(2025, 4, 15), 4, what="publication"),  # dates the coverage only
    ]
    period = story_period(events)
    assert period is not None
    assert (period.start, period.end) == (date(2025, 4, 1), date(2025, 4, 30))
    assert period.share == pytest.approx(16 / 19)
    assert [e.date.iso() for e in period.inside] == [
        "2025-04-14",
        "2025-04-28",
        "2025-04",
        "2025-04-20",
    ]
    assert [e.date.iso() for e in period.outliers] == ["2013", "2025-03", "2027"]
    assert all(within(e, period.start, period.end) for e in period.inside)
    with_plans = story_period(events, 0.9, plans=True)
    assert with_plans is not None and with_plans.end == date(2027, 12, 31)


def test_no_dated_events_no_period_and_a_share_out_of_range_is_refused() -> None:
    assert story_period([]) is None
    assert story_period([ev(PartialDate(2025, 4, 1), what="publication")]) is None
    with pytest.raises(ValueError, match="share"):
        story_period([ev(PartialDate(2025))], share=0)
    only_plans = story_period([ev(PartialDate(2027), kind=PLAN)])  # plans when nothing else
    assert only_plans is not None and only_plans.start == date(2027, 1, 1)


def test_a_partial_date_covers_its_whole_month_or_year() -> None:
    assert _last_day(ev(PartialDate(2024, 2))) == date(2024, 2, 29)
    assert _last_day(ev(PartialDate(2025, 12))) == date(2025, 12, 31)
    assert _last_day(ev(PartialDate(9999, 12))) == date(9999, 12, 31)  # no year 10000
    assert _last_day(ev(PartialDate(2025))) == date(2025, 12, 31)
    assert not within(ev(PartialDate(2025, 4)), date(2025, 4, 1), date(2025, 4, 29))


@pytest.mark.parametrize("seed", range(40))
def test_the_sweep_finds_the_span_that_trying_every_pair_finds(seed: int) -> None:
    rng = random.Random(seed)
    events = []
    for _ in range(rng.randint(1, 30)):
        year = rng.choice([2013, 2024, 2025, 2025, 2025, 2026])
        month = rng.choice([None, *range(1, 13)])
        day = rng.randint(1, 28) if month is not None and rng.random() < 0.6 else None
        events.append(ev(PartialDate(year, month, day), rng.randint(1, 4)))
    share = rng.choice([0.3, 0.5, 0.6, 0.8, 1.0])
    period = story_period(events, share)
    assert period is not None
    assert (period.start, period.end) == brute_force(events, share)
    assert period.share + 1e-12 >= share


def test_the_period_of_100k_distinct_dates_takes_under_a_second() -> None:
    """The dashboard computes it for each choice of articles: O(n + d log d) for d
    distinct spans (0.4 s here; the first version, O(d² log d), some 25 minutes)."""
    first = date(1800, 1, 1)
    rng = random.Random(1)
    events = [
        ev(PartialDate.from_date(first + timedelta(days=i)), rng.randint(1, 3))
        for i in range(100_000)
    ]
    events += [ev(PartialDate(2025, 4, 14), 50_000)]  # the story's day
    started = time.perf_counter()
    period = story_period(events)
    seconds = time.perf_counter() - started
    assert period is not None and period.start <= date(2025, 4, 14) <= period.end
    assert len(period.inside) + len(period.outliers) == len(events)
    assert seconds < 3, f"{seconds:.1f} s"  # leeway for a loaded test machine
