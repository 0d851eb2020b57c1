"""Articles to table rows and back, and the content hash of an input document.

An :class:`~natojp.models.Article` becomes one ``articles`` row (its scalar fields, notes
and wires) and rows of ``paragraphs``, ``removals`` and ``evidence`` (outlet, published,
updated and wire evidence), each numbered in order; reading them back gives an Article
equal to the one stored.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from natojp._dates import PartialDate
from natojp.models import Article, Evidence, Paragraph, Removal, SourceText

if TYPE_CHECKING:  # reading metadata imports tldextract, which reading a library needs not
    from natojp.metadata import ManifestEntry

ARTICLE_COLUMNS = (
    "hash",
    "id",
    "source_path",
    "title",
    "title_derived",
    "outlet",
    "outlet_basis",
    "outlet_country",
    "outlet_type",
    "published",
    "published_basis",
    "updated",
    "url",
    "format",
    "encoding",
    "language",
    "notes",
    "wires",
    "words",
    "batch",
    "supersedes",
)


def content_hash(source: SourceText, entry: ManifestEntry | None) -> str:
    """What makes two inputs the same article text: the document's id, text and the
    metadata read with it, and the manifest entry applied to it (not its path)."""
    manifest = None
    if entry is not None:
        manifest = [
            entry.outlet,
            entry.published.iso() if entry.published else None,
            entry.url,
            entry.title,
            sorted(entry.sources.items()),
            entry.notes,
        ]
    key = [
        source.id,
        source.text,
        source.format,
        source.title,
        source.outlet,
        source.published,
        source.updated,
        source.url,
        source.line_numbers,
        list(source.notes),
        manifest,
    ]
    data = json.dumps(key, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def storable(article: Article) -> bool:
    """False when a text holds lone surrogates (undecodable bytes kept by a mixed-encoding
    read), which a DuckDB text column cannot hold."""
    try:
        for p in article.paragraphs:
            p.text.encode("utf-8")
        for r in article.removed:
            r.text.encode("utf-8")
            r.detail.encode("utf-8")
        for value in (article.title, article.id, article.source_path, *article.notes):
            if value is not None:
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(slots=True)
class Rows:
    """The rows of a batch of articles, one list per table."""

    articles: list[tuple[Any, ...]] = field(default_factory=list)
    paragraphs: list[tuple[Any, ...]] = field(default_factory=list)
    removals: list[tuple[Any, ...]] = field(default_factory=list)
    evidence: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, h: str, a: Article, batch: int, supersedes: str | None) -> None:
        self.articles.append(
            (
                h,
                a.id,
                a.source_path,
                a.title,
                a.title_derived,
                a.outlet,
                a.outlet_basis,
                a.outlet_country,
                a.outlet_type,
                a.published.iso() if a.published else None,
                a.published_basis,
                a.updated.iso() if a.updated else None,
                a.url,
                a.format,
                a.encoding,
                a.language,
                list(a.notes),
                list(a.wires),
                a.word_count,
                batch,
                supersedes,
            )
        )
        self.paragraphs.extend((h, n, p.line, p.text) for n, p in enumerate(a.paragraphs))
        self.removals.extend(
            (h, n, r.line, r.text, r.reason, r.detail) for n, r in enumerate(a.removed)
        )
        for name, ev in (
            ("outlet", a.outlet_evidence),
            ("published", a.published_evidence),
            ("updated", a.updated_evidence),
        ):
            if ev is not None:
                self.evidence.append((h, name, 0, ev.basis, ev.text, ev.line))
        self.evidence.extend(
            (h, "wire", n, ev.basis, ev.text, ev.line) for n, ev in enumerate(a.wire_evidence)
        )

    def frames(self) -> dict[str, pd.DataFrame]:
        """One DataFrame per table, typed so DuckDB reads NULL lines as NULL."""
        return {
            "articles": _frame(self.articles, ARTICLE_COLUMNS, ints=("words", "batch")),
            "paragraphs": _frame(self.paragraphs, ("hash", "n", "line", "text"), ("n", "line")),
            "removals": _frame(
                self.removals, ("hash", "n", "line", "text", "reason", "detail"), ("n", "line")
            ),
            "evidence": _frame(
                self.evidence, ("hash", "field", "n", "basis", "text", "line"), ("n", "line")
            ),
        }


def _frame(
    rows: list[tuple[Any, ...]], columns: Sequence[str], ints: Sequence[str]
) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows, columns=list(columns))
    for col in ints:
        df[col] = df[col].astype("Int64")
    return df


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.from_iso(value) if value is not None else None


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def build_articles(
    rows: Iterable[tuple[Any, ...]],
    paragraphs: Iterable[tuple[Any, ...]],
    removals: Iterable[tuple[Any, ...]],
    evidence: Iterable[tuple[Any, ...]],
) -> list[Article]:
    """Articles from ``articles`` rows (in ARTICLE_COLUMNS order, in the order wanted)
    and the detail rows of their hashes (each in ``n`` order within a hash)."""
    paras: dict[str, list[Paragraph]] = defaultdict(list)
    for h, line, text in paragraphs:
        paras[h].append(Paragraph(text, _int(line)))
    removed: dict[str, list[Removal]] = defaultdict(list)
    for h, line, text, reason, detail in removals:
        removed[h].append(Removal(_int(line), text, reason, detail))
    single: dict[tuple[str, str], Evidence] = {}
    wires: dict[str, list[Evidence]] = defaultdict(list)
    for h, name, basis, text, line in evidence:
        ev = Evidence(basis, text, _int(line))
        if name == "wire":
            wires[h].append(ev)
        else:
            single[(h, name)] = ev
    out: list[Article] = []
    for row in rows:
        r = dict(zip(ARTICLE_COLUMNS, row, strict=True))
        h = r["hash"]
        out.append(
            Article(
                id=r["id"],
                source_path=r["source_path"],
                paragraphs=tuple(paras.get(h, ())),
                title=r["title"],
                title_derived=bool(r["title_derived"]),
                outlet=r["outlet"],
                outlet_basis=r["outlet_basis"],
                published=_date(r["published"]),
                published_basis=r["published_basis"],
                url=r["url"],
                removed=tuple(removed.get(h, ())),
                format=r["format"],
                encoding=r["encoding"],
                notes=tuple(r["notes"]),
                outlet_evidence=single.get((h, "outlet")),
                published_evidence=single.get((h, "published")),
                updated=_date(r["updated"]),
                updated_evidence=single.get((h, "updated")),
                wires=tuple(r["wires"]),
                wire_evidence=tuple(wires.get(h, ())),
                language=r["language"],
                outlet_country=r["outlet_country"],
                outlet_type=r["outlet_type"],
            )
        )
    return out
