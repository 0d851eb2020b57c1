"""Single-source flags: what only one independent report carries, and articles that
look like rewrites with additions.

Flags point an analyst at something to check; they are never verdicts, and their
reasons say what was counted ("only one independent report carries this quote"), not
what it means. Nothing is flagged single-source when the corpus has a single
independent report (everything would be).

**Likely rewrite with additions.** An article is flagged when

1. it is an independent report on its own (no other article copies or rewrites it:
   when others carry its text, its unique specifics are its own reporting, taken up
   by them, not additions to someone else's story), and it has at least
   ``min_specifics`` specifics (its distinct people, organisations, quotes and claims;
   a year alone, "since 2022", is context and does not count);
2. at least ``rewrite_share`` (three quarters by default) of them are carried by its
   own independent report only; and
3. its topic is widely covered. When the stories are given (groups of articles about
   one event, :attr:`natojp.provenance.Provenance.stories`), that means its story holds
   at least ``min_covering`` other independent reports; an article alone in its story
   (or in none) is never flagged. Without stories, one of the people, organisations or
   programmes it names must be named by at least ``min_covering`` other independent
   reports: a cruder test, since a name as common as NATO or a ministry makes an
   unrelated article (a profile of a ramen chef) look like part of a widely covered story.

So an article that tells the same story as several others but brings people, quotes,
figures or tables nobody else has is pointed out; a report on a story nobody else
covers is not (its specifics are single-source for a plainer reason).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from natojp._pickling import quick_state
from natojp.corroboration._claims import ClaimMention
from natojp.corroboration._common import ReportIndex
from natojp.corroboration._entities import EntityMention
from natojp.corroboration._group import Misquote, Quote

FLAG_KINDS = ("entity", "quote", "claim", "misquote", "rewrite")


@quick_state
@dataclass(frozen=True, slots=True)
class Entity:
    """A person or organisation with every mention, the ``articles`` naming it and the
    ``independent_reports`` (numbers into the corroboration's ``reports``) they
    belong to. ``aliases`` are the distinct ways it was written."""

    name: str
    kind: str
    mentions: tuple[EntityMention, ...]
    articles: tuple[str, ...]
    independent_reports: tuple[int, ...]
    aliases: tuple[str, ...] = ()

    @property
    def n_articles(self) -> int:
        return len(self.articles)

    @property
    def n_reports(self) -> int:
        return len(self.independent_reports)


@quick_state
@dataclass(frozen=True, slots=True)
class Claim:
    """A specific claim (a figure, a date, a programme) with its ``kind``, its
    normalised ``key``, a representative ``text`` as written, every mention (each with
    its sentence), the articles and the independent reports that carry it."""

    kind: str
    key: str
    text: str
    mentions: tuple[ClaimMention, ...]
    articles: tuple[str, ...]
    independent_reports: tuple[int, ...]

    @property
    def n_reports(self) -> int:
        return len(self.independent_reports)


@quick_state
@dataclass(frozen=True, slots=True)
class Flag:
    """Something for the analyst to check: its ``kind`` (see :data:`FLAG_KINDS`), the
    ``subject`` (a name, a quote, a claim as written), the ``articles`` it concerns, the
    independent ``report`` (its number, or None for a misquote across reports), the
    ``reason`` in a sentence and the ``evidence`` (a snippet of the text)."""

    kind: str
    subject: str
    articles: tuple[str, ...]
    report: int | None
    reason: str
    evidence: str


def _snippet(text: str, start: int, end: int, width: int = 80) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _report_words(report: int, reports: ReportIndex) -> str:
    ids = reports.reports[report]
    if len(ids) == 1:
        return f"independent report {report + 1} (article {ids[0]})"
    return f"independent report {report + 1} (articles {', '.join(ids)})"


def single_source_flags(
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    claims: Sequence[Claim],
    misquotes: Sequence[Misquote],
    reports: ReportIndex,
    paragraphs: Mapping[str, Sequence[str]],
    *,
    min_specifics: int = 4,
    rewrite_share: float = 0.75,
    min_covering: int = 2,
    stories: Sequence[Sequence[str]] | None = None,
) -> tuple[Flag, ...]:
    """The flags of one corroboration (see the module docstring for the rules);
    ``stories`` are groups of article ids about one event, or None."""
    flags: list[Flag] = []
    several = len(reports.reports) > 1

    def text_of(aid: str, p: int) -> str:
        paras = paragraphs.get(aid, ())
        return paras[p] if p < len(paras) else ""

    if several:
        for e in entities:
            if e.n_reports == 1:
                m = e.mentions[0]
                flags.append(
                    Flag(
                        "entity",
                        e.name,
                        e.articles,
                        e.independent_reports[0],
                        f"Only one independent report names this {e.kind}: "
                        f"{_report_words(e.independent_reports[0], reports)}.",
                        _snippet(text_of(m.article_id, m.paragraph), m.start, m.end),
                    )
                )
        for q in quotes:
            if q.n_reports == 1:
                qm = q.mentions[0]
                who = f" attributed to {q.speaker}" if q.speaker else " (speaker not found)"
                flags.append(
                    Flag(
                        "quote",
                        q.text,
                        q.articles,
                        q.independent_reports[0],
                        f"Only one independent report carries this quote{who}: "
                        f"{_report_words(q.independent_reports[0], reports)}.",
                        _snippet(text_of(qm.article_id, qm.paragraph), qm.start, qm.end, 40),
                    )
                )
        for c in claims:
            if c.n_reports == 1:
                flags.append(
                    Flag(
                        "claim",
                        c.text,
                        c.articles,
                        c.independent_reports[0],
                        f"Only one independent report states this {c.kind} ({c.key}): "
                        f"{_report_words(c.independent_reports[0], reports)}.",
                        c.mentions[0].sentence,
                    )
                )
    for mq in misquotes:
        ra = reports.of_article[mq.first.article_id]
        rb = reports.of_article[mq.second.article_id]
        removed = " ".join(mq.removed) or "(nothing)"
        added = " ".join(mq.added) or "(nothing)"
        flags.append(
            Flag(
                "misquote",
                f"{mq.speaker}: {mq.first.text}",
                (mq.first.article_id, mq.second.article_id),
                ra if ra == rb else None,
                f"Two articles quote {mq.speaker} with nearly the same words but not the "
                f"same ({mq.ratio:.0%} alike): “{removed}” in {mq.first.article_id} where "
                f"{mq.second.article_id} has “{added}”.",
                f"{mq.first.article_id}: “{mq.first.text}” / {mq.second.article_id}: "
                f"“{mq.second.text}”",
            )
        )
    if several:
        flags.extend(
            _rewrites(
                entities,
                quotes,
                claims,
                reports,
                min_specifics=min_specifics,
                rewrite_share=rewrite_share,
                min_covering=min_covering,
                stories=stories,
            )
        )
    return tuple(flags)


def _rewrites(
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    claims: Sequence[Claim],
    reports: ReportIndex,
    *,
    min_specifics: int,
    rewrite_share: float,
    min_covering: int,
    stories: Sequence[Sequence[str]] | None,
) -> list[Flag]:
    # article -> its specifics as (label, single-source?), and its widest-named name
    specifics: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    widest: dict[str, tuple[int, str]] = {}
    for e in entities:
        for aid in e.articles:
            specifics[aid].append((e.name, e.n_reports == 1))
            widest[aid] = max(widest.get(aid, (0, "")), (e.n_reports, e.name))
    for q in quotes:
        for aid in q.articles:
            specifics[aid].append((f"quote “{q.text[:60]}”", q.n_reports == 1))
    for c in claims:
        if c.kind == "date" and c.key.isdigit():
            continue  # a year alone is context ("since 2022"), not a specific
        for aid in c.articles:
            specifics[aid].append((c.text, c.n_reports == 1))
            if c.kind == "programme":
                widest[aid] = max(widest.get(aid, (0, "")), (c.n_reports, c.key))
    covering = None if stories is None else _story_cover(stories, reports)
    flags: list[Flag] = []
    for aid, items in specifics.items():
        if aid not in reports.of_article or len(items) < min_specifics:
            continue
        own = reports.of_article[aid]
        if len(reports.reports[own]) > 1:
            continue  # others carry its text: its specifics are its own reporting
        single = [label for label, alone in items if alone]
        share = len(single) / len(items)
        if share < rewrite_share:
            continue
        if covering is None:
            n_named, name = widest.get(aid, (0, ""))
            if n_named - 1 < min_covering:
                continue
            covered = f"{n_named - 1} other independent reports also name {name}"
        else:
            n_story, story = covering.get(aid, (0, 0))
            if n_story < max(1, min_covering):
                continue  # alone in its story, or too few others tell it
            covered = f"{n_story} other independent reports tell its story ({story} articles)"
        flags.append(
            Flag(
                "rewrite",
                aid,
                (aid,),
                own,
                f"Possibly a rewrite with additions: {len(single)} of its {len(items)} "
                f"specifics ({share:.0%}) are carried by no other independent report, "
                f"while {covered}.",
                "Single-source: " + "; ".join(single[:8]) + ("; …" if len(single) > 8 else ""),
            )
        )
    return flags


def _story_cover(
    stories: Sequence[Sequence[str]], reports: ReportIndex
) -> dict[str, tuple[int, int]]:
    """For each article of ``stories``: how many other independent reports its story
    holds, and how many articles."""
    out: dict[str, tuple[int, int]] = {}
    for story in stories:
        held = {reports.of_article[a] for a in story if a in reports.of_article}
        for aid in story:
            own = reports.of_article.get(aid)
            out.setdefault(aid, (len(held - {own}), len(story)))
    return out
