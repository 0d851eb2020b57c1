"""Dependencies between articles and their grouping into independent reports (steps 6-8).

The direction of each dependency is decided in :mod:`natojp.duplicates._direction`."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

from natojp._text import has_cjk
from natojp.duplicates._direction import (
    Direction,
    _Layout,
    _outlet_key,
    attribution,
    common_sources,
    containment,
    decide,
    names_outlet,
)
from natojp.duplicates._evidence import _COPY_COVERAGE, _VERSION_COVERAGE, _Coverage
from natojp.duplicates._passages import _STRONG_WORDS
from natojp.duplicates._results import Dependency, DuplicatePair
from natojp.models import Article


def _written_without_spaces(article: Article) -> bool:
    """Whether ``article`` is Japanese or Chinese text (its language says so, or it has
    none and its text has CJK characters): its words are counted as tokens."""
    language = (article.language or "").lower()
    if language and not language.startswith(("ja", "zh")):
        return False
    return any(has_cjk(p.text) for p in article.paragraphs)


def _dependencies(
    articles: Sequence[Article], pairs: list[DuplicatePair], coverage: _Coverage
) -> list[Dependency]:
    by_id = {a.id: a for a in articles}
    index = {a.id: i for i, a in enumerate(articles)}
    shared: dict[tuple[str, str], list[DuplicatePair]] = defaultdict(list)
    for p in pairs:
        if p.a != p.b:
            shared[(min(p.a, p.b), max(p.a, p.b))].append(p)
    # An article shares passages with many others (templated wire text): count its
    # words and look for an outlet's name in it once.
    word_counts = coverage.word_counts
    named = coverage.named

    def words_of(aid: str) -> int:
        # In the unit of shared_words: Article.word_count counts a run of Japanese or
        # Chinese (a clause) as one word, so such articles count their tokens.
        if aid not in word_counts:
            article = by_id[aid]
            word_counts[aid] = (
                coverage.tokens(index[aid])
                if _written_without_spaces(article)
                else article.word_count
            )
        return word_counts[aid]

    def names(aid: str, outlet: str | None) -> bool:
        if (aid, outlet) not in named:
            named[(aid, outlet)] = names_outlet(by_id[aid], outlet)
        return named[(aid, outlet)]

    said: dict[tuple[str, str | None], str | None] = {}

    def attributed(aid: str, outlet: str | None) -> str | None:
        if (aid, outlet) not in said:
            said[(aid, outlet)] = attribution(by_id[aid], outlet)
        return said[(aid, outlet)]

    layout = _Layout(coverage, dict(enumerate(articles)))
    found: list[tuple[tuple[str, str], Direction, str, list[DuplicatePair], float, float]] = []
    for (x, y), items in sorted(shared.items()):
        ax, ay = by_id[x], by_id[y]
        # Shared quotes alone do not make a copy: two reporters may quote the same
        # statement. Copying is judged on the shared text outside quotes.
        # Formulaic passages (mostly names with titles, numbers, stock phrases or wording
        # common across unrelated articles) are listed but link no articles.
        # Still, an article that is mostly the other's text is one report with it.
        shorter = max(min(words_of(x), words_of(y)), 1)
        prose_cov = sum(p.shared_words for p in items if not p.quote) / shorter
        long = [p for p in items if p.kind != "paraphrase" and p.shared_words >= _STRONG_WORDS]
        if prose_cov < 0.3 and not long:
            continue
        evidence = sum(p.shared_words for p in items if not p.quote and not p.formulaic) / shorter
        strong = [p for p in long if not p.formulaic]
        # An article naming its own outlet (a copyright or credit line) names no source.
        same_outlet = bool(ax.outlet) and _outlet_key(ax.outlet) == _outlet_key(ay.outlet)
        x_names_y = not same_outlet and names(x, ay.outlet)
        y_names_x = not same_outlet and names(y, ax.outlet)
        cov_x, cov_y = coverage.share(index[x], index[y]), coverage.share(index[y], index[x])
        if not (
            evidence >= 0.3
            or len(strong) >= 2
            or (strong and (x_names_y or y_names_x))
            or (max(cov_x, cov_y) >= _VERSION_COVERAGE and prose_cov >= 0.3)
        ):
            continue
        if min(cov_x, cov_y) >= _COPY_COVERAGE:
            relation = "copy"
        elif prose_cov >= 0.6 and max(cov_x, cov_y) >= _VERSION_COVERAGE:
            relation = "version"
        else:
            relation = "rewrite"
        found.append(
            (
                (x, y),
                decide(
                    ax,
                    ay,
                    (cov_x, cov_y),
                    functools.partial(containment, layout, (x, y), index[x], index[y]),
                    attributed,
                    names,
                ),
                relation,
                items,
                cov_x,
                cov_y,
            )
        )
    # Two articles that both derive from a third: neither is shown to copy the other.
    again = common_sources([(key, d) for key, d, *_ in found])
    out: list[Dependency] = []
    for (x, y), first, relation, items, cov_x, cov_y in found:
        direction = again.get((x, y), first)
        derivative, source = direction.derivative, direction.source
        share = cov_x if derivative == x else cov_y
        other = cov_y if derivative == x else cov_x
        quotes = sum(p.quote for p in items)
        out.append(
            Dependency(
                source=source,
                derivative=derivative,
                relation=relation,
                shared_passages=len(items),
                coverage=round(share, 4),
                basis=(
                    f"{len(items)} shared passage(s) ({quotes} quoted); shared text is "
                    f"{share:.0%} of {derivative} and {other:.0%} of {source}; {direction.why}"
                ),
                direction_basis=direction.basis,
                certain=direction.certain,
                via=direction.via,
            )
        )
    return out


def _independent_reports(
    articles: Sequence[Article], dependencies: list[Dependency]
) -> tuple[tuple[str, ...], ...]:
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in dependencies:
        ra, rb = find(d.source), find(d.derivative)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        groups[find(a.id)].append(a.id)
    derived = {d.derivative for d in dependencies}
    ordered = [
        tuple(sorted(members, key=lambda i: (i in derived, i))) for members in groups.values()
    ]
    return tuple(sorted(ordered, key=lambda g: g[0]))
