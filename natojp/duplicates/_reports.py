"""Dependencies between articles and their grouping into independent reports (steps 6-7)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence

from natojp._dates import PartialDate
from natojp._text import has_cjk
from natojp.duplicates._evidence import _COPY_COVERAGE, _VERSION_COVERAGE, _Coverage
from natojp.duplicates._passages import _STRONG_WORDS
from natojp.duplicates._results import Dependency, DuplicatePair
from natojp.models import Article


def _names_outlet(article: Article, outlet: str | None) -> bool:
    if not outlet:
        return False
    return _outlet_pattern(outlet).search(article.body) is not None


@functools.lru_cache(maxsize=4096)
def _outlet_pattern(outlet: str) -> re.Pattern[str]:
    """The outlet's name ("The X" is "X") as a whole word, any case."""
    name = re.sub(r"^the\s+", "", outlet.strip(), flags=re.IGNORECASE)
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


def _same_outlet(a: str | None, b: str | None) -> bool:
    """Whether outlet names ``a`` and ``b`` are the same outlet ("The X" is "X")."""
    if not a or not b:
        return False

    def key(name: str) -> str:
        return " ".join(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower().split())

    return key(a) == key(b)


def _written_without_spaces(article: Article) -> bool:
    """Whether ``article`` is Japanese or Chinese text (its language says so, or it has
    none and its text has CJK characters): its words are counted as tokens."""
    language = (article.language or "").lower()
    if language and not language.startswith(("ja", "zh")):
        return False
    return any(has_cjk(p.text) for p in article.paragraphs)


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def _later(a: PartialDate, b: PartialDate) -> int:
    """1 when ``a`` is later than ``b``, -1 when earlier, 0 when the dates cannot tell
    (the same day, or the same at the coarser precision of the two: ``2025-03`` and
    ``2025-03-05``)."""
    precision = min(a.precision, b.precision, key=_PRECISION_RANK.__getitem__)
    ka, kb = a.truncate(precision).start(), b.truncate(precision).start()
    return (ka > kb) - (ka < kb)


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
            named[(aid, outlet)] = _names_outlet(by_id[aid], outlet)
        return named[(aid, outlet)]

    out: list[Dependency] = []
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
        same_outlet = _same_outlet(ax.outlet, ay.outlet)
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
        # Direction: who names whom, then dates, then who is more made of shared text.
        if x_names_y != y_names_x:
            derivative, source = (x, y) if x_names_y else (y, x)
            why = f"{derivative} names {by_id[source].outlet} as its source"
        elif ax.published and ay.published and (later := _later(ax.published, ay.published)):
            derivative, source = (x, y) if later > 0 else (y, x)
            why = f"{derivative} was published later ({by_id[derivative].published})"
        else:
            derivative, source = (x, y) if cov_x >= cov_y else (y, x)
            why = f"a larger share of {derivative} is shared text (direction not certain)"
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
                    f"{share:.0%} of {derivative} and {other:.0%} of {source}; {why}"
                ),
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
