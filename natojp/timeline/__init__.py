"""The event timeline: dated events mentioned in the article text.

The package holds the two steps, one module each:

* :mod:`natojp.timeline.mentions` finds the date expressions of each article and
  resolves them (:class:`DateMention`, :func:`find_mentions`);
* :mod:`natojp.timeline.events` merges the mentions of one date and topic, across
  articles, into events (:class:`Event`, :class:`Timeline`, :func:`build_timeline`).

:func:`find_mentions` reads every date expression in an article's cleaned body, one
sentence at a time, and resolves it to a :class:`~natojp._dates.PartialDate`:

* **absolute** dates are written out: ``29 July 2025``, ``July 29, 2025``, ``2025-07-29``,
  ``29.07.2025``, ``April 2025`` and a standalone year (``in 2022``, ``by 2035``,
  ``the 2024 Washington Summit``);
* **relative** dates are resolved against the article's publication date (the
  *anchor*) and only when the anchor is precise enough: ``last month`` needs a month,
  ``on Friday`` a day. Nothing is guessed: without the anchor the mention is kept with
  ``date=None`` and the reason in ``basis``;
* each dated article also gives a **publication** mention.

A date without a year (``October 3``, ``in November``, ``on Saturday``) is read as past,
as news reports what happened, unless it is stated in the future tense (then the next
such date). A sentence with no tense at all, neither a future marker nor a past verb,
gives no reason for the past: there the future reading wins when it is more than twice
as near the publication date (``A repair ship is due on October 3`` three days before,
``What do you expect from the working group in November?`` in October, ``The Jets host
the Alvark Tokyo on Saturday`` on a Thursday).

:func:`build_timeline` groups the mentions into :class:`Event` objects: mentions with
the same date whose sentences share enough distinctive words are one event, even
across articles; different things in the same year stay apart. A month named without
a year in an undated article (``signed in June``) joins an event of that month that
other articles dated, when its passage is similar enough. A year- or month-precision
mention (``since 2023``, ``earlier this month``) joins an event dated exactly inside
its span when their sentences are similar and share a name (see
:data:`~natojp.timeline.events.REFINE_THRESHOLD`); the event keeps the exact date.

``by the end of 2025`` is read as December 2025 (a deadline), and ``by the end of the
year``/``before year-end`` as December of the publication year; ``Christmas Day`` (``last
year``, ``2024``) and ``New Year's Day``/``Eve`` are dates; Italian month names with
a year (``dicembre 2022``, ``5 maggio 2025``) are dates, ``yesterday``/``today``/
``tomorrow`` inside a direct quotation are left unresolved (they count from when the
words were said), and after ``agreed to``/``pledged to`` a yearless date takes the
reading nearer the publication date (the agreement's day or the plan's).

Dates of the page rather than of the story are found but make no event (see
:func:`~natojp.timeline.mentions._not_an_event`): bylines, date and update lines,
datelines, time stamps, copyright notices (``© RUSI, 2025``, also joined to the sentence
before), promo and subscription lines, recurring days (``every Tuesday``), the date stamp
of a related link (a date alone in parentheses ending its line: ``Japan-EU Summit (July
2025)``), a year inside a name (``France 2030``, ``Election 2026``), founding years, the
day a source spoke (``said Friday``, ``said after practice on Tuesday``) or its interview
was published, and a negated clause (``were not on the agenda this week``).

An event is a plan when some article states it as one and none reports it as done; a
mention told with no tense at all (a verbless list item of an undated article) does not
vote, and a date after the last publication date of the corpus is a plan whatever its
wording. A plan-only event of a day joins the event of that day that another article
reports as done when their sentences share a name and score at least
:data:`~natojp.timeline.events.PREVIEW_THRESHOLD` (a preview: ``are expected to meet in
Tokyo on Tuesday``).

What is deliberately *not* read as a date:

* year ranges (``2024-2025``, ``2024–26``, ``2019/20``): a range is a period, not an
  event, and its ends are often estimates; both years are skipped;
* numbers that look like years: part of a larger number (``2,225``, ``12025``),
  followed by ``%`` or a unit (``2025 people``, ``2030 km``), a money amount
  (``$2025``), a reference number (``Resolution 2025``), decades (``1990s``);
* ``YYYY-MM`` in prose (``2011-12`` is usually a season, not December 2011);
* ``may``/``march`` and other month words unless capitalised and in a date context
  (``in May``, ``May 2025``, ``May 12``, ``12 May``); abbreviations (``Jan``,
  ``Dec.``) only with a day or a year; seasons (``last summer``) are recorded as
  unresolved because their months depend on hemisphere and convention.

Cost is linear in the text: the regular expressions are compiled once, each pattern
only runs on sentences holding its triggers (a year, a month, a weekday or its key
words; most sentences hold none, and a paragraph without any is not even split into
sentences), and similarity is only computed inside one date, between mentions that
share a word (an inverted index, with caps for very large dates). About 6 s for 20,000
copies of the seed articles.

Similarity and thresholds are documented at :data:`MERGE_THRESHOLD` and
:data:`ATTACH_THRESHOLD`. The same input gives the same timeline in every process:
nothing follows the iteration order of a set of words, which changes with the hash
seed (sums over word sets are exact, candidates are ranked in sorted word order).

Date words are matched in any letter case but in ASCII letters only (``laſt month`` is
no ``last month``; see :func:`~natojp.timeline._resolvers._ci`).
"""

from natojp.timeline.events import (
    ATTACH_THRESHOLD,
    HAPPENED,
    LABEL_CHARS,
    MERGE_THRESHOLD,
    PLAN,
    Event,
    Timeline,
    build_timeline,
)
from natojp.timeline.events import LABEL_WORDS as LABEL_WORDS
from natojp.timeline.events import MIN_SHARED as MIN_SHARED
from natojp.timeline.events import content_words as content_words
from natojp.timeline.mentions import ABSOLUTE as ABSOLUTE
from natojp.timeline.mentions import PUBLICATION as PUBLICATION
from natojp.timeline.mentions import RELATIVE as RELATIVE
from natojp.timeline.mentions import DateMention, FoundDate, find_mentions, scan_dates
from natojp.timeline.period import PERIOD_SHARE, StoryPeriod, story_period

# The ``X as X`` imports keep the other public names of the former single module
# importable from here, outside __all__ as before.

__all__ = [
    "ATTACH_THRESHOLD",
    "HAPPENED",
    "LABEL_CHARS",
    "MERGE_THRESHOLD",
    "PERIOD_SHARE",
    "PLAN",
    "DateMention",
    "Event",
    "FoundDate",
    "StoryPeriod",
    "Timeline",
    "build_timeline",
    "find_mentions",
    "scan_dates",
    "story_period",
]
