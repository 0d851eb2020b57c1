"""The entry point: :func:`corroborate` articles against their independent reports."""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from natojp._gc import paused
from natojp._text import has_cjk
from natojp.corroboration._claims import ClaimMention, find_claims
from natojp.corroboration._common import ReportIndex, most_common, name_key
from natojp.corroboration._entities import EntityMention, find_entities
from natojp.corroboration._flags import Claim, Entity, Flag, single_source_flags
from natojp.corroboration._gazetteer import Gazetteer
from natojp.corroboration._group import Misquote, Quote, group_quotes
from natojp.corroboration._quotes import QuoteMention, find_quotes
from natojp.models import Article

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("quotes", "entities", "claims", "flags", "misquotes")
"""The tables :meth:`Corroboration.to_records` and :meth:`Corroboration.frame` give."""


@dataclass(frozen=True, slots=True)
class Corroboration:
    """Quotes, people and organisations, claims and flags of a corpus, each with the
    independent reports that carry it. ``reports`` are the independent reports as
    given (plus one for each article in none); every ``independent_reports`` number
    and every flag's ``report`` is an index into it."""

    reports: tuple[tuple[str, ...], ...]
    quotes: tuple[Quote, ...]
    misquotes: tuple[Misquote, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    flags: tuple[Flag, ...]

    def flagged(self, kind: str | None = None) -> tuple[Flag, ...]:
        """The flags of ``kind`` (all when None)."""
        return tuple(f for f in self.flags if kind is None or f.kind == kind)

    def to_records(self, table: str) -> list[dict[str, Any]]:
        """One of :data:`TABLES` as a list of plain dicts (JSON-ready), one row a quote,
        entity, claim, flag or misquote."""
        if table == "quotes":
            return [
                {
                    "text": q.text,
                    "speaker": q.speaker,
                    "articles": list(q.articles),
                    "independent_reports": q.n_reports,
                    "reports": list(q.independent_reports),
                    "mentions": len(q.mentions),
                }
                for q in self.quotes
            ]
        if table == "entities":
            return [
                {
                    "name": e.name,
                    "kind": e.kind,
                    "articles": e.n_articles,
                    "independent_reports": e.n_reports,
                    "mentions": len(e.mentions),
                    "aliases": list(e.aliases),
                    "article_ids": list(e.articles),
                }
                for e in self.entities
            ]
        if table == "claims":
            return [
                {
                    "kind": c.kind,
                    "key": c.key,
                    "text": c.text,
                    "articles": list(c.articles),
                    "independent_reports": c.n_reports,
                    "sentence": c.mentions[0].sentence,
                }
                for c in self.claims
            ]
        if table == "flags":
            return [
                {
                    "kind": f.kind,
                    "subject": f.subject,
                    "articles": list(f.articles),
                    "report": f.report,
                    "reason": f.reason,
                    "evidence": f.evidence,
                }
                for f in self.flags
            ]
        if table == "misquotes":
            return [
                {
                    "speaker": m.speaker,
                    "first_article": m.first.article_id,
                    "first_text": m.first.text,
                    "second_article": m.second.article_id,
                    "second_text": m.second.text,
                    "removed": list(m.removed),
                    "added": list(m.added),
                    "ratio": m.ratio,
                }
                for m in self.misquotes
            ]
        raise ValueError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")

    def frame(self, table: str) -> pd.DataFrame:
        """One of :data:`TABLES` as a DataFrame (the rows of :meth:`to_records`)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.to_records(table))


def _resolve_speakers(
    quotes: list[QuoteMention], entities: list[EntityMention]
) -> list[QuoteMention]:
    """Speakers written as a surname or an alias ("Izawa", "Rutte") named as the
    article's entity they are ("Osamu Izawa", "Mark Rutte")."""
    by_key: dict[str, str] = {}
    for e in entities:
        if e.kind == "person":
            by_key.setdefault(name_key(e.text), e.name)
            by_key.setdefault(name_key(e.name), e.name)
            by_key.setdefault(name_key(e.name.split()[-1]), e.name)
    out = []
    for q in quotes:
        full = by_key.get(name_key(q.speaker)) if q.speaker else None
        if full and full != q.speaker and q.basis != "description":
            q = QuoteMention(
                q.article_id, q.paragraph, q.start, q.end, q.text, full, q.role, q.basis
            )
        out.append(q)
    return out


_COMPANY_SUFFIXES = frozenset(
    {"corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "co.", "llc", "plc", "gmbh"}
)


def _org_key(name: str) -> str:
    """An organisation's name compared without a company suffix: "Kestrel Aerospace
    Corporation" and "Kestrel Aerospace" are one."""
    words = name_key(name).split()
    while len(words) > 2 and words[-1].rstrip(",") in _COMPANY_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _entities(mentions: list[EntityMention], reports: ReportIndex) -> tuple[Entity, ...]:
    # A person named by surname only in some article is the corpus's one person with
    # that surname when there is exactly one.
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == "person" and len(m.name.split()) >= 2:
            full_by_last[name_key(m.name.split()[-1])].add(m.name)
    groups: dict[tuple[str, str], list[EntityMention]] = defaultdict(list)
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for m in mentions:
        name = m.name
        if m.kind == "person" and len(name.split()) == 1:
            full = full_by_last.get(name_key(name), set())
            if len(full) == 1:
                name = next(iter(full))
        key = (m.kind, _org_key(name) if m.kind == "organisation" else name_key(name))
        groups[key].append(m)
        names[key][name] += 1
    out = []
    for key, ms in groups.items():
        articles = tuple(dict.fromkeys(m.article_id for m in ms))
        out.append(
            Entity(
                name=max(names[key].items(), key=lambda kv: (kv[1], len(kv[0])))[0],
                kind=key[0],
                mentions=tuple(ms),
                articles=articles,
                independent_reports=reports.of(articles),
                aliases=tuple(sorted({m.text for m in ms})),
            )
        )
    out.sort(key=lambda e: (-e.n_reports, -e.n_articles, e.name))
    return tuple(out)


def _claims(mentions: list[ClaimMention], reports: ReportIndex) -> tuple[Claim, ...]:
    groups: dict[tuple[str, str], list[ClaimMention]] = defaultdict(list)
    for m in mentions:
        groups[(m.kind, m.key)].append(m)
    out = []
    for (kind, key), ms in groups.items():
        articles = tuple(dict.fromkeys(m.article_id for m in ms))
        text = most_common(m.text for m in ms)
        out.append(Claim(kind, key, text, tuple(ms), articles, reports.of(articles)))
    out.sort(key=lambda c: (-c.n_reports, -len(c.articles), c.kind, c.key))
    return tuple(out)


def corroborate(
    articles: Iterable[Article],
    independent_reports: Sequence[Sequence[str]],
    *,
    gazetteer: Gazetteer | None = None,
    min_quote_words: int = 3,
    stories: Sequence[Sequence[str]] | None = None,
    mentions: Mapping[str, ArticleMentions] | None = None,
) -> Corroboration:
    """Quotes, people and organisations, claims and single-source flags of
    ``articles``, counted by the ``independent_reports`` that carry them (each a
    sequence of article ids, as ``DuplicateResult.independent_reports``).

    One pass over each article's paragraphs (precompiled regular expressions), then
    grouping by normalised keys: linear in the corpus, apart from comparing quotes that
    share word 3-grams. ``gazetteer`` defaults to the shipped
    ``natojp/data/entities.toml``. ``stories`` (groups of article ids about one event,
    as each ``Story.articles`` of :func:`natojp.provenance.build_provenance`) make the
    rewrite flag ask whether an article's own story is widely covered, rather than
    whether some name it mentions is (see :mod:`natojp.corroboration._flags`).
    ``mentions``: :func:`read_mentions` of these articles with the same ``gazetteer`` and
    ``min_quote_words``, read earlier; an article it lacks is read here.
    """
    collecting = gc.isenabled()
    # Tens of thousands of small objects and no reference cycles: the cyclic garbage
    # collector's passes over them (and over everything else the process holds) would
    # add a fifth to a quarter of the time.
    gc.disable()
    try:
        return _corroborate(
            articles, independent_reports, gazetteer, min_quote_words, stories, mentions
        )
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """What :func:`corroborate` reads in one article before grouping across the corpus:
    its quotes (speakers resolved to its entities), people and organisations, and
    claims. The same for an article whatever else the corpus holds."""

    quotes: tuple[QuoteMention, ...]
    entities: tuple[EntityMention, ...]
    claims: tuple[ClaimMention, ...]


def read_mentions(
    articles: Iterable[Article],
    *,
    gazetteer: Gazetteer | None = None,
    min_quote_words: int = 3,
) -> dict[str, ArticleMentions]:
    """The mentions of each article, by id: the per-article part of :func:`corroborate`
    (most of its time), which it takes as ``mentions`` when read earlier, e.g. by the
    analysis while it waits for stages run beside it (see :mod:`natojp._beside`)."""
    gaz = gazetteer or Gazetteer.default()
    with paused():  # small objects, all kept
        return {a.id: _read(a, gaz, min_quote_words) for a in articles}


def _read(article: Article, gaz: Gazetteer, min_quote_words: int) -> ArticleMentions:
    texts = [p.text for p in article.paragraphs]
    quotes = find_quotes(article.id, texts, language=article.language, min_words=min_quote_words)
    speakers = tuple(
        dict.fromkeys(q.speaker for q in quotes if q.speaker and q.basis != "description")
    )
    known = [gaz.find(t, cjk=has_cjk(t)) for t in texts]
    ents = find_entities(article.id, texts, gaz, speakers, known)
    return ArticleMentions(
        tuple(_resolve_speakers(quotes, ents)),
        tuple(ents),
        tuple(find_claims(article.id, texts, gaz, known)),
    )


def _corroborate(
    articles: Iterable[Article],
    independent_reports: Sequence[Sequence[str]],
    gazetteer: Gazetteer | None,
    min_quote_words: int,
    stories: Sequence[Sequence[str]] | None,
    mentions: Mapping[str, ArticleMentions] | None,
) -> Corroboration:
    gaz = gazetteer or Gazetteer.default()
    arts = list(articles)
    reports = ReportIndex.build((a.id for a in arts), independent_reports)
    paragraphs: dict[str, list[str]] = {}
    quote_mentions: list[QuoteMention] = []
    entity_mentions: list[EntityMention] = []
    claim_mentions: list[ClaimMention] = []
    for a in arts:
        paragraphs[a.id] = [p.text for p in a.paragraphs]
        read = mentions.get(a.id) if mentions is not None else None
        if read is None:
            read = _read(a, gaz, min_quote_words)
        quote_mentions.extend(read.quotes)
        entity_mentions.extend(read.entities)
        claim_mentions.extend(read.claims)
    quotes_, misquotes = group_quotes(quote_mentions, reports)
    entities = _entities(entity_mentions, reports)
    claims = _claims(claim_mentions, reports)
    flags = single_source_flags(
        entities, quotes_, claims, misquotes, reports, paragraphs, stories=stories
    )
    return Corroboration(
        reports=reports.reports,
        quotes=quotes_,
        misquotes=misquotes,
        entities=entities,
        claims=claims,
        flags=flags,
    )
