"""How relevant each article is to the corpus's main story, and which are off-topic.

A corpus gathered for one story often catches a namesake (an older article with the
same names), an unrelated page, or a loosely related piece. :func:`score_relevance`
scores every article against the rest of the corpus and flags the ones that are off
the story, from two signals:

* **Text.** The cosine of the article's TF-IDF vector (:mod:`natojp.vectorise`) to the
  centroid of the *other* articles in its language (leave-one-out, so an article does
  not pull the centroid towards itself). TF-IDF vectors of different languages share
  few terms, so an Italian article is compared with the other Italian articles only.
  Raw cosines depend on the corpus (article length, vocabulary, how many copies it
  holds), so the score is that cosine divided by the median cosine of its language
  group: 1.0 is a typical article of the corpus, 0.2 one that shares a fifth of the
  usual vocabulary. A language with fewer than :data:`MIN_PEERS` other articles gives
  no text score (``NaN``): nothing to compare with.
* **Date.** The story's period is the span between the 10th and 90th percentiles of
  the articles' publication dates (needs :data:`MIN_DATED` dated articles); an article
  published more than :data:`FAR_DAYS` days outside it is far from the story.

An article is flagged off-topic when its text score is below :data:`OFF_SCORE`, or
when it is far in time and its text score is below :data:`NEAR_SCORE` (or unknown).
The thresholds were measured on the story40 fixture and the seeds (see
``bench/areas.py``): on-topic articles there score 0.35 or more, the off-topic
namesake under 0.25 and ten years away.

The result is data (:class:`Relevance`), computed by a pure function; the report and
the dashboard show it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from natojp.models import Article

if TYPE_CHECKING:  # scikit-learn: imported by what vectorises
    from natojp.vectorise import DocumentTerms

__all__ = [
    "FAR_DAYS",
    "MIN_DATED",
    "MIN_PEERS",
    "NEAR_SCORE",
    "OFF_SCORE",
    "Relevance",
    "score_relevance",
]

OFF_SCORE = 0.3
"""Text score (cosine over the language group's median) below which an article is off."""
NEAR_SCORE = 0.6
"""Text score below which an article far from the story's period is off."""
FAR_DAYS = 365
"""Days outside the story's period from which an article is far in time."""
MIN_PEERS = 3
"""Other articles in the same language needed to score an article's text."""
MIN_DATED = 3
"""Dated articles needed to say what the story's period is."""

COLUMNS = ("language", "similarity", "score", "days_outside", "off_topic", "reason")


@dataclass(frozen=True, slots=True)
class Relevance:
    """Per-article relevance to the corpus's main story.

    ``table`` has one row per article (input order, indexed by article id) and the
    columns ``language`` (the group its text was compared within), ``similarity``
    (cosine to the leave-one-out centroid of that group; ``NaN`` when not measured),
    ``score`` (``similarity`` over the group's median; ``NaN`` when not measured),
    ``days_outside`` (days between the publication date and the story's period, 0
    inside it; ``NaN`` when undated or the period is unknown), ``off_topic`` (bool)
    and ``reason`` (why it is flagged, in words; empty when it is not).
    ``period`` is the story's period as ISO dates, or ``None``.
    """

    table: pd.DataFrame
    period: tuple[str, str] | None
    off_score: float = OFF_SCORE
    near_score: float = NEAR_SCORE
    far_days: int = FAR_DAYS

    @property
    def off_topic(self) -> list[str]:
        """Ids of the articles flagged off-topic, in input order."""
        return [str(i) for i in self.table.index[self.table["off_topic"].to_numpy(dtype=bool)]]

    def score(self, article_id: str) -> float:
        """An article's text score (``NaN`` when not measured)."""
        value: float = self.table["score"].loc[article_id]
        return float(value)


def _language(article: Article) -> str:
    code = (article.language or "und").strip().lower().replace("_", "-").split("-")[0]
    return code or "und"


def _similarities(matrix: sp.csr_matrix, rows: list[int]) -> dict[int, float]:
    """Cosine of each row in ``rows`` to the centroid of the other rows of ``rows``."""
    sub = sp.csr_matrix(matrix[rows])
    total = np.asarray(sub.sum(axis=0)).ravel()
    own = np.asarray(sub.multiply(total).sum(axis=1)).ravel()  # row . total
    self_dot = np.asarray(sub.multiply(sub).sum(axis=1)).ravel()  # row . row
    total_sq = float(total @ total)
    out: dict[int, float] = {}
    for k, row in enumerate(rows):
        # |total - row|^2 = |total|^2 - 2 row.total + |row|^2
        rest_sq = total_sq - 2.0 * own[k] + self_dot[k]
        row_norm = math.sqrt(max(self_dot[k], 0.0))
        if rest_sq <= 1e-12 or row_norm == 0.0:
            out[row] = 0.0
        else:
            out[row] = float((own[k] - self_dot[k]) / (math.sqrt(rest_sq) * row_norm))
    return out


def _period(articles: Sequence[Article]) -> tuple[date, date] | None:
    days = sorted(a.published.start().toordinal() for a in articles if a.published is not None)
    if len(days) < MIN_DATED:
        return None
    low, high = np.percentile(np.array(days, dtype=float), [10, 90], method="nearest")
    return date.fromordinal(int(low)), date.fromordinal(int(high))


def _span(article: Article) -> tuple[date, date] | None:
    """First and last day an article's (partial) publication date covers."""
    when = article.published
    if when is None:
        return None
    if when.day is not None:
        day = when.start()
        return day, day
    if when.month is not None:
        nxt = date(when.year + (when.month == 12), when.month % 12 + 1, 1)
        return when.start(), date.fromordinal(nxt.toordinal() - 1)
    return date(when.year, 1, 1), date(when.year, 12, 31)


def _days_outside(span: tuple[date, date] | None, period: tuple[date, date] | None) -> float:
    if span is None or period is None:
        return math.nan
    if span[1] < period[0]:
        return float((period[0] - span[1]).days)
    if span[0] > period[1]:
        return float((span[0] - period[1]).days)
    return 0.0


def score_relevance(
    articles: Sequence[Article],
    terms: DocumentTerms,
    *,
    off_score: float = OFF_SCORE,
    near_score: float = NEAR_SCORE,
    far_days: int = FAR_DAYS,
) -> Relevance:
    """Score each article's relevance to the corpus's main story; flag off-topic ones.

    ``terms`` is the corpus's TF-IDF (:func:`natojp.vectorise.vectorise` of the same
    articles; rows are matched by id). See the module docstring for the method.
    """
    row_of = {article_id: n for n, article_id in enumerate(terms.ids)}
    groups: dict[str, list[int]] = {}
    for article in articles:
        if article.id in row_of:
            groups.setdefault(_language(article), []).append(row_of[article.id])
    matrix = sp.csr_matrix(terms.matrix)
    similarity: dict[int, float] = {}
    median: dict[str, float] = {}
    if matrix.shape[1]:
        for code, rows in groups.items():
            if len(rows) - 1 < MIN_PEERS:
                continue
            found = _similarities(matrix, rows)
            similarity.update(found)
            median[code] = float(np.median(list(found.values())))
    period = _period(articles)

    records: list[dict[str, object]] = []
    for article in articles:
        code = _language(article)
        row = row_of.get(article.id)
        sim = similarity.get(row, math.nan) if row is not None else math.nan
        mid = median.get(code, 0.0)
        score = sim / mid if mid > 0 and not math.isnan(sim) else math.nan
        span = _span(article)
        days = _days_outside(span, period)
        reason = ""
        if not math.isnan(score) and score < off_score:
            reason = (
                f"its text shares little with the rest of the corpus (score {score:.2f}, "
                f"under {off_score:g} of a typical article's)"
            )
        elif days > far_days and (math.isnan(score) or score < near_score):
            where = (
                "before" if span is not None and period is not None and span < period else "after"
            )
            reason = f"published {days:,.0f} days {where} the story's period"
            if not math.isnan(score):
                reason += f", and its text is not close to it (score {score:.2f})"
        records.append(
            {
                "language": code,
                "similarity": sim,
                "score": score,
                "days_outside": days,
                "off_topic": bool(reason),
                "reason": reason,
            }
        )
    table = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    table.index = pd.Index([a.id for a in articles], name="article", dtype=object)
    table = table.astype({"similarity": float, "score": float, "days_outside": float})
    table["off_topic"] = table["off_topic"].astype(bool)
    iso = (period[0].isoformat(), period[1].isoformat()) if period is not None else None
    return Relevance(
        table=table, period=iso, off_score=off_score, near_score=near_score, far_days=far_days
    )
