"""The report: one JSON document with everything an analysis found (schema ``natojp.report/1``).

The keys required by the contract (``schema``, ``articles``, ``skipped``,
``tech_areas``, ``similarity``, ``events``, ``duplicates``,
``independent_reports``) are stable; the others (``corpus``, ``sources``,
``terms``, ``area_overlap``, ``topics``, ``dependencies``, ``unresolved_dates``,
``stories``, ``provenance``, ``quotes``, ``misquotes``, ``entities``, ``claims``,
``flags``, ``timings``) add detail. The README documents every field.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pandas as pd

from natojp._gc import paused
from natojp.analysis import Analysis
from natojp.models import Article, Evidence
from natojp.similarity import area_overlap

SCHEMA = "natojp.report/1"


CORROBORATION_TABLES = ("quotes", "misquotes", "entities", "claims", "flags")
"""The report's corroboration keys (:meth:`natojp.corroboration.Corroboration.to_records`)."""


def natojp_version() -> str:
    try:
        return version("natojp")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def _num(x: float) -> float:
    return round(float(x), 4) if math.isfinite(x) else 0.0


# Up to |x * 10^4| = 2^32 a float64 carries x * 10^4 to within 2^-21 (half its spacing),
# far inside the 10^-6 margin from a half that _rounded asks for; beyond, Python rounds.
_ROUND_EXACT_LIMIT = 2.0**32


def _rounded(values: Any) -> list[Any]:
    """:func:`_num` of every number of a (nested) float array, as (nested) lists.

    NumPy rounds like ``rint(x * 10^4) / 10^4``; Python's ``round`` rounds the exact
    binary value. The two agree except when ``x * 10^4`` lies within a rounding error of
    a half (``.5``), where the product's own rounding may tip ``rint`` the other way:
    those few values, and non-finite or huge ones, are rounded by Python instead. The
    result is the same float, bit for bit, as :func:`_num` of each value.
    """
    x = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(x)
    x = np.where(finite, x, 0.0)
    with np.errstate(over="ignore", invalid="ignore"):  # huge x: Python rounds those
        scaled = x * 1e4
        out = np.rint(scaled) / 1e4
        off_half = np.abs(scaled - np.floor(scaled) - 0.5)
    unsure = (off_half < 1e-6) | ~(np.abs(scaled) < _ROUND_EXACT_LIMIT)
    for i in zip(*np.nonzero(unsure & finite), strict=True):
        out[i] = _num(x[i])
    result: list[Any] = out.tolist()
    return result


def _scores_by_article(scores: pd.DataFrame) -> dict[str, dict[str, float]]:
    """``{article: {area: score}}`` as ``scores.to_dict(orient="index")`` with each
    score through :func:`_num` (rounded as one array, not cell by cell)."""
    if not scores.index.is_unique:  # as DataFrame.to_dict(orient="index") refuses it
        raise ValueError("DataFrame index must be unique for orient='index'.")
    areas = list(scores.columns)
    rows = _rounded(scores.to_numpy(dtype=np.float64))
    return {
        aid: dict(zip(areas, row, strict=True)) for aid, row in zip(scores.index, rows, strict=True)
    }


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {"basis": evidence.basis, "text": evidence.text, "line": evidence.line}


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The report as plain JSON-serialisable data."""
    with paused():  # hundreds of thousands of small lists and dicts, all kept
        return _report(analysis)


def _report(analysis: Analysis) -> dict[str, Any]:
    corpus = analysis.corpus
    articles = [
        {
            "id": a.id,
            "source_path": a.source_path,
            "title": a.title,
            "title_derived": a.title_derived,
            "outlet": a.outlet,
            "outlet_basis": a.outlet_basis,
            "outlet_evidence": _evidence(a.outlet_evidence),
            "outlet_country": a.outlet_country,
            "outlet_type": a.outlet_type,
            "wires": list(a.wires),
            "wire_evidence": [_evidence(e) for e in a.wire_evidence],
            "published": a.published.iso() if a.published else None,
            "published_basis": a.published_basis,
            "published_evidence": _evidence(a.published_evidence),
            "updated": a.updated.iso() if a.updated else None,
            "updated_evidence": _evidence(a.updated_evidence),
            "language": a.language,
            "url": a.url,
            "body": a.body,
            "removed": [
                {"line": r.line, "text": r.text, "reason": r.reason, "detail": r.detail}
                for r in a.removed
            ],
            "word_count": a.word_count,
            "format": a.format,
            "encoding": a.encoding,
            "notes": list(a.notes),
        }
        for a in corpus.articles
    ]
    tech = analysis.tech
    sim = analysis.similarity
    timeline = analysis.timeline
    dup = analysis.duplicates
    return {
        "schema": SCHEMA,
        "corpus": {
            "name": corpus.name,
            "fingerprint": corpus.fingerprint,
            "version": corpus.version,
            "articles": len(corpus),
            "skipped": len(corpus.skipped),
            "independent_reports": len(dup.independent_reports),
            "analyzed_at": analysis.analyzed_at,
            "natojp_version": natojp_version(),
            "columns": [
                {
                    "path": m.path,
                    "kind": m.kind,
                    "fields": {fld: {"name": col, "how": how} for fld, col, how in m.fields},
                }
                for m in corpus.columns
            ],
        },
        "articles": articles,
        "skipped": [{"path": s.path, "reason": s.reason, "line": s.line} for s in corpus.skipped],
        "tech_areas": {
            "areas": [
                {"id": ar.id, "label": ar.label, "description": ar.description} for ar in tech.areas
            ],
            "scores": _scores_by_article(tech.scores),
            "evidence": tech.evidence,
            "terms": tech.terms,
            "uncovered": {aid: list(areas) for aid, areas in tech.uncovered.items()},
        },
        "similarity": {
            "ids": list(sim.ids),
            "matrix": _rounded(sim.matrix) if sim.matrix is not None else None,
            "neighbors": {a: [[b, s] for b, s in items] for a, items in sim.neighbors.items()},
        },
        "sources": {
            "labels": list(analysis.sources.index),
            "matrix": _rounded(analysis.sources.to_numpy(dtype=np.float64)),
        },
        "terms": {
            "articles": {k: [[t, w] for t, w in v] for k, v in analysis.top_terms().items()},
            "sources": {k: [[t, w] for t, w in v] for k, v in analysis.distinctive_terms().items()},
        },
        "area_overlap": _area_overlap(analysis),
        "relevance": _relevance(analysis),
        "topics": [
            {"id": t.id, "terms": list(t.terms), "articles": [[a, w] for a, w in t.articles]}
            for t in analysis.topics
        ],
        "events": [
            {
                "date": e.date.iso(),
                "precision": e.date.precision,
                "kind": e.kind,
                "label": e.label,
                "articles": list(e.articles),
                "evidence": list(e.evidence),
                "mentions": [
                    {
                        "article": m.article_id,
                        "expression": m.expression,
                        "kind": m.kind,
                        "basis": m.basis,
                        "plan": m.plan,
                    }
                    for m in e.mentions
                ],
            }
            for e in timeline.events
        ],
        "unresolved_dates": [
            {
                "article": m.article_id,
                "expression": m.expression,
                "sentence": m.sentence,
                "basis": m.basis,
            }
            for m in timeline.unresolved
        ],
        "duplicates": [
            {
                "a": p.a,
                "b": p.b,
                "a_text": p.a_text,
                "b_text": p.b_text,
                "score": p.score,
                "kind": p.kind,
                "scope": p.scope,
                "quote": p.quote,
                "shared_words": p.shared_words,
                "a_line": p.a_line,
                "b_line": p.b_line,
                "a_spans": [list(s) for s in p.a_spans],
                "b_spans": [list(s) for s in p.b_spans],
            }
            for p in dup.pairs
        ],
        "dependencies": [
            {
                "source": d.source,
                "derivative": d.derivative,
                "relation": d.relation,
                "shared_passages": d.shared_passages,
                "coverage": d.coverage,
                "basis": d.basis,
                "direction_basis": d.direction_basis,
                "certain": d.certain,
                "via": d.via,
            }
            for d in dup.dependencies
        ],
        "independent_reports": [list(g) for g in dup.independent_reports],
        "repeated_bodies": [list(g) for g in dup.repeated_bodies],
        **_provenance(analysis),
        **_corroboration(analysis),
        "timings": {k: round(v, 4) for k, v in analysis.timings.items()},
    }


def _provenance(analysis: Analysis) -> dict[str, Any]:
    """``stories`` (articles, first publisher with its basis, wires, independent reports,
    outlets) and ``provenance`` (each edge original → derivative with its evidence)."""
    provenance = analysis.provenance()
    return {
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "articles": list(s.articles),
                "first": s.first,
                "first_date": s.first_date.iso() if s.first_date else None,
                "first_basis": s.first_basis,
                "first_certain": s.first_certain,
                "wires": list(s.wires),
                "independent_reports": [list(r) for r in s.independent_reports],
                "outlets": [{"outlet": o, "country": c, "type": t} for o, c, t in s.outlets],
            }
            for s in provenance.stories
        ],
        "provenance": [dataclasses.asdict(e) for e in provenance.edges],
    }


def _corroboration(analysis: Analysis) -> dict[str, Any]:
    """``quotes``, ``misquotes``, ``entities``, ``claims`` and ``flags``, each with the
    articles and the number of independent reports carrying it."""
    corroboration = analysis.corroboration()
    return {table: corroboration.to_records(table) for table in CORROBORATION_TABLES}


def _num_or_none(x: float) -> float | None:
    """``x`` rounded as :func:`_num`; None where it was not measured (NaN)."""
    return round(float(x), 4) if math.isfinite(x) else None


def _relevance(analysis: Analysis) -> dict[str, Any]:
    """The story's period, the off-topic articles and each article's relevance."""
    rel = analysis.relevance
    table = rel.table
    return {
        "period": list(rel.period) if rel.period else None,
        "off_topic": rel.off_topic,
        "articles": {
            str(aid): {
                "score": _num_or_none(score),
                "similarity": _num_or_none(similarity),
                "days_outside": _num_or_none(days),
                "off_topic": bool(off),
                "reason": str(reason),
            }
            for aid, score, similarity, days, off, reason in zip(
                table.index,
                table["score"].to_numpy(dtype=np.float64),
                table["similarity"].to_numpy(dtype=np.float64),
                table["days_outside"].to_numpy(dtype=np.float64),
                table["off_topic"].to_numpy(dtype=bool),
                table["reason"],
                strict=True,
            )
        },
    }


def _area_overlap(analysis: Analysis) -> dict[str, Any]:
    """Article × article count of technology areas both mention.

    ``matrix`` is ``null`` above ``SimilarityConfig.dense_max_articles`` (an N × N
    table of 100,000 articles would be 10^10 cells).
    """
    if len(analysis.articles) > analysis.config.similarity.dense_max_articles:
        return {"ids": [a.id for a in analysis.articles], "matrix": None}
    frame = area_overlap(analysis.tech.scores)
    return {"ids": list(frame.index), "matrix": frame.to_numpy().tolist()}


def _said(evidence: Evidence | None) -> str | None:
    """Evidence as one table cell: the words read, and their line."""
    if evidence is None:
        return None
    return f"{evidence.text} (line {evidence.line})" if evidence.line else evidence.text


ARTICLE_COLUMNS = [
    "id",
    "title",
    "title derived",
    "outlet",
    "outlet basis",
    "outlet evidence",
    "country",
    "outlet type",
    "wires",
    "published",
    "date basis",
    "date evidence",
    "updated",
    "language",
    "relevance",
    "off topic",
    "words",
    "noise lines removed",
    "notes",
]
"""The columns of :func:`articles_frame`."""


def articles_frame(analysis: Analysis, articles: Iterable[Article] | None = None) -> pd.DataFrame:
    """One row per article (of ``articles``, default every article of the analysis):
    what the Overview table shows and its CSV download holds."""
    rows = []
    chosen = list(analysis.articles if articles is None else articles)
    # the relevance of these articles only: the Overview shows a thousand rows of a
    # corpus of 100,000, whose whole table made into dicts took a tenth of a second
    relevance = analysis.relevance.table
    ids = [a.id for a in chosen]
    known = relevance.index.get_indexer(pd.Index(ids)) >= 0
    found = relevance.reindex(ids)
    scores = found["score"].astype(float).tolist()
    reasons = found["reason"].astype(str).tolist()
    for k, a in enumerate(chosen):
        noise = [r for r in a.removed if r.reason != "headline"]
        score = scores[k]
        rows.append(
            {
                "id": a.id,
                "title": a.title,
                "title derived": a.title_derived,
                "outlet": a.outlet,
                "outlet basis": a.outlet_basis,
                "outlet evidence": _said(a.outlet_evidence),
                "country": a.outlet_country,
                "outlet type": a.outlet_type,
                "wires": ", ".join(a.wires),
                "published": a.published.iso() if a.published else None,
                "date basis": a.published_basis or "unknown",
                "date evidence": _said(a.published_evidence),
                "updated": a.updated.iso() if a.updated else None,
                "language": a.language,
                "relevance": round(score, 2) if math.isfinite(score) else None,
                "off topic": reasons[k] or None if known[k] else None,
                "words": a.word_count,
                "noise lines removed": len(noise),
                "notes": " · ".join(a.notes),
            }
        )
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def annotated_lines(article: Article) -> list[tuple[int | None, str, str | None, str]]:
    """The article's kept paragraphs and removed lines in page order.

    Each item is (line, text, reason, detail); ``reason`` is ``None`` for body text.
    """
    items: list[tuple[int | None, str, str | None, str]] = [
        (p.line, p.text, None, "") for p in article.paragraphs
    ]
    items += [(r.line, r.text, r.reason, r.detail) for r in article.removed]
    return sorted(items, key=lambda x: (x[0] is None, x[0] or 0))


def highlight_segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Cut ``text`` into (segment, is_shared) pieces from character ``spans``."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for lo, hi in sorted((max(0, a), min(len(text), b)) for a, b in spans):
        if hi <= pos:
            continue
        lo = max(lo, pos)
        if lo > pos:
            out.append((text[pos:lo], False))
        out.append((text[lo:hi], True))
        pos = hi
    if pos < len(text):
        out.append((text[pos:], False))
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)*|\.\d+)(?:[eE][+-]?\d+)?%?")


def csv_cell(value: object) -> object:
    """One CSV cell made safe to open in a spreadsheet (OWASP "CSV injection").

    A string starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
    prefixed with a single quote, so Excel, LibreOffice and Google Sheets show it as
    text instead of running it as a formula; a string that is just a number (``-0.5``,
    ``+44``) is left alone. Other values (numbers, dates, None) are returned unchanged.
    """
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name passed through
    :func:`csv_cell`; numeric, boolean and date columns are unchanged."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = pd.Series([csv_cell(v) for v in out[col]], index=out.index, dtype=object)
    out.columns = [csv_cell(str(c)) if isinstance(c, str) else c for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV bytes without the index, formula-safe (:func:`csv_safe`).

    Every CSV natojp offers for download should be made with this function.
    """
    return csv_safe(frame).to_csv(index=False).encode("utf-8")


def to_json_bytes(analysis: Analysis, *, indent: int | None = 2) -> bytes:
    """The report (:func:`to_dict`) as UTF-8 JSON: indented by 2 spaces, or compact with
    ``indent=None`` (2 is the only indent offered). Written by orjson: at 100,000
    articles the report is about 500 MB, which the standard library's encoder takes
    tens of seconds to write, indented several times longer."""
    option = orjson.OPT_NON_STR_KEYS
    if indent is not None:
        if indent != 2:
            raise ValueError("the report is indented by 2 spaces or not at all (indent=None)")
        option |= orjson.OPT_INDENT_2
    return orjson.dumps(to_dict(analysis), option=option)


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    """The report as JSON text (see :func:`to_json_bytes`)."""
    return to_json_bytes(analysis, indent=indent).decode("utf-8")


def write_report(analysis: Analysis, path: str | os.PathLike[str]) -> Path:
    """Write the report JSON to ``path`` (UTF-8) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(to_json_bytes(analysis))
    return out
