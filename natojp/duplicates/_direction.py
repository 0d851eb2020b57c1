"""Direction of a dependency: which of two articles that share text is the original.

The evidence is weighed in this order; the first that tells decides, and its key
(:data:`DIRECTION_BASES`) and whether it is certain are recorded on the
:class:`~natojp.duplicates.Dependency`:

1. ``date``: both publication dates rest on a strong basis (:data:`STRONG_DATE_BASES`)
   and fall on different days (at the coarser precision of the two): the later one
   derives. A date read from the body (``text``: a dateline, which a copy carries along
   with the text) or from a web page's markup (``metadata`` of an HTML page: htmldate's
   guess, wrong on 8% of real pages) is weak and waits for step 5.
2. ``credit`` and ``attribution``: an article whose wire credits (``Article.wires``)
   include the other's outlet derives from it (``credit``); so does one whose text
   attributes to the other's outlet: "according to X", "X reported", "told X", "in an
   interview with X", "(X)", "© X", "Source: X", or names X at all where the other
   article does not name it back (``attribution``). "Izawa told The Japan Times" in an
   agency's article means The Japan Times asked the question: the agency's text rests
   on The Japan Times. An article naming its own outlet (a copyright line) names no
   source.
3. ``common-source``: both articles credit one wire that neither of them is (two
   reprints of an AP story), or both derive, by steps 1-4, from the same third article
   (a scrape and an agency's rewrite of one interview): neither is shown to copy the
   other. The pair keeps an order (by strong dates, else as step 6) but is not certain,
   and ``Dependency.via`` names the common source. Likewise ``chain``: an article
   that derives from a third one which derives from the other derives from the other
   (a rewrite dated after a reprint of an undated wire story rewrites the wire story).
   Both look at the certain directions of the other pairs, so they are settled after
   every pair (:func:`common_sources`), for pairs that steps 1-2 left open.
4. ``containment`` of passages, from the articles' text:

   * *the lead*: when one article's lead (its first paragraph of
     :data:`_LEAD_TOKENS` words or more) is absent from the other, while the other's
     lead is inside it, the other begins partway into it: a scrape or excerpt that
     dropped the lead, and the article with its own lead is the original;
   * *excerpt*: when one article lies within the other (at least 90% of its words are
     shared text, 10 points more than the other's) and the other has prose of its own,
     the one inside is the excerpt or abridgement;
   * *chrome*: when the article around it adds only short lines that are not prose
     (share bars, link lists, a subscription box), it is the copy: the original's
     passages plus its own page furniture.

   Why the one inside, and not the fuller one, is taken for the copy: material found in
   one article only was either dropped by the copier or added by it. Pages that copy
   without a credit (scrapers, aggregators) cut (a lead, a tail, photo captions);
   an outlet that adds its own reporting to someone else's text credits it, and step 2
   decides that case first. The uncredited extension of a short item is the case this
   rule gets wrong.
5. ``date`` from weak bases (both dated, different days, one basis weak): the later one,
   *not certain*.
6. ``length``: the article more made of shared text is taken for the derivative, as a
   last resort, and said so: "direction not certain".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from natojp._dates import PartialDate
from natojp._text import split_sentences, tokens
from natojp.duplicates._evidence import _COPY_COVERAGE, _Coverage
from natojp.metadata.outlets import OutletRegistry
from natojp.models import Article

DIRECTION_BASES: dict[str, str] = {
    "date": "published on a later day",
    "credit": "its wire credits name the other's outlet",
    "attribution": "its text attributes to, or names, the other's outlet",
    "chain": "it derives from a third article that derives from the other",
    "common-source": "both carry a third source's text: neither is shown to copy the other",
    "containment": "how the shared passages lie in the two texts",
    "length": "the larger share of shared text (direction not certain)",
}
"""Each value of :attr:`Dependency.direction_basis` and what it means, strongest first."""

STRONG_DATE_BASES = frozenset({"manifest", "metadata", "header", "url"})
"""``Article.published_basis`` values that can order two articles: the corpus manifest,
a column or key of the source (not a web page's markup: see :func:`strong_date`), a date
line above the text, the article's address. A date without a recorded basis (an
:class:`Article` made by a caller) is taken as the caller's statement, strong too."""

_LEAD_TOKENS = 12  # a lead paragraph has at least this many words
_CONTAINED = _COPY_COVERAGE  # an article this covered lies within the other
_MARGIN = 0.1  # ... when the other is at least this much less covered
_K = 5  # word k-grams of the coverage (as _evidence._COVER_K)


def strong_date(article: Article) -> bool:
    """Whether ``article`` has a publication date strong enough to order copies."""
    if article.published is None:
        return False
    basis = article.published_basis
    if basis is None:
        return True
    if basis == "metadata" and article.format == "html":
        return False  # a web page's markup: the weakest basis
    return basis in STRONG_DATE_BASES


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def _later(a: PartialDate, b: PartialDate) -> int:
    """1 when ``a`` is later than ``b``, -1 when earlier, 0 when the dates cannot tell
    (the same day, or the same at the coarser precision of the two: ``2025-03`` and
    ``2025-03-05``)."""
    precision = min(a.precision, b.precision, key=_PRECISION_RANK.__getitem__)
    ka, kb = a.truncate(precision).start(), b.truncate(precision).start()
    return (ka > kb) - (ka < kb)


def _outlet_key(name: str | None) -> str:
    """An outlet name compared without case, spacing or a leading "The"."""
    if not name:
        return ""
    return " ".join(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower().split())


@functools.lru_cache(maxsize=4096)
def _names_of(outlet: str) -> tuple[str, ...]:
    """The outlet's name and its registry aliases, "The" dropped, longest first."""
    names = {re.sub(r"^the\s+", "", outlet.strip(), flags=re.IGNORECASE)}
    entry = OutletRegistry.default().by_name(outlet)
    if entry is not None:
        names.add(re.sub(r"^the\s+", "", entry.name, flags=re.IGNORECASE))
        names.update(re.sub(r"^the\s+", "", a, flags=re.IGNORECASE) for a in entry.aliases)
    usable = [n for n in names if len(n) >= 2 and not any(ord(c) > 0x2E7F for c in n)]
    return tuple(sorted(usable, key=lambda n: (-len(n), n)))


_BEFORE = (
    r"according\s+to|told|tells|telling|said\s+to|spoke\s+to|speaking\s+to|"
    r"(?:in\s+)?an?\s+interview\s+with|interviewed\s+by|reported\s+by|quoted\s+by|"
    r"cited\s+by|citing|first\s+reported\s+by|first\s+published\s+(?:by|in|on)|"
    r"originally\s+published\s+(?:by|in|on)|published\s+by|reprinted\s+from|"
    r"republished\s+from|courtesy\s+of|source\s*:|via|©|\(c\)|copyright(?:\s+\d{4})?"
)
_AFTER = r"reported|reports|said|says|wrote|writes|first\s+reported|quoted|cited|contributed"


@functools.lru_cache(maxsize=4096)
def _attribution_pattern(outlet: str) -> re.Pattern[str]:
    """Prose that attributes a text to ``outlet`` ("told The Japan Times", "(AP)")."""
    parts = []
    for name in _names_of(outlet):
        word = re.escape(name).replace(r"\ ", r"\s+")
        # A short all-capitals alias ("AP") only as written; a full name in any case.
        parts.append(f"(?-i:{word})" if name.isupper() and len(name) <= 5 else word)
    name = "(?:" + "|".join(parts) + ")"
    return re.compile(
        rf"(?:(?<!\w)(?:{_BEFORE})\s*(?:the\s+)?{name}\b"
        rf"|\b{name}(?:'s)?\s+(?:news\s+agency\s+|newspaper\s+)?(?:{_AFTER})\b"
        rf"|\(\s*{name}\s*\))",
        re.IGNORECASE,
    )


@functools.lru_cache(maxsize=4096)
def _name_pattern(outlet: str) -> re.Pattern[str]:
    """The outlet's name ("The X" is "X") as a whole word, any case."""
    name = re.sub(r"^the\s+", "", outlet.strip(), flags=re.IGNORECASE)
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


_QUOTED = re.compile(r"“[^”]{0,600}”|\"[^\"\n]{0,600}\"")


def attribution(article: Article, outlet: str | None) -> str | None:
    """The words of ``article`` that attribute its text to ``outlet`` (outside quoted
    speech), or None."""
    if not outlet:
        return None
    body = _QUOTED.sub(lambda m: " " * len(m.group()), article.body)
    found = _attribution_pattern(outlet).search(body)
    return " ".join(found.group().split()) if found else None


def names_outlet(article: Article, outlet: str | None) -> bool:
    """Whether ``article``'s text names ``outlet`` anywhere."""
    return bool(outlet) and _name_pattern(outlet or "").search(article.body) is not None


@dataclass(frozen=True, slots=True)
class Direction:
    """Which article derives from which, on what evidence (see the module docstring)."""

    derivative: str
    source: str
    basis: str  # a key of DIRECTION_BASES
    certain: bool
    why: str
    via: str | None = None


class _Layout:
    """Where an article's words lie: each paragraph's token range, lazily, and which of
    its tokens lie in k-grams another article also has."""

    def __init__(self, coverage: _Coverage, articles: dict[int, Article]) -> None:
        self._coverage = coverage
        self._articles = articles
        self._bounds: dict[int, list[tuple[int, int, bool]]] = {}

    def paragraphs(self, ai: int) -> list[tuple[int, int, bool]]:
        """(start, end, prose) token ranges of article ``ai``'s paragraphs: prose is a
        paragraph of :data:`_LEAD_TOKENS` words or more."""
        if ai not in self._bounds:
            article = self._articles[ai]
            out: list[tuple[int, int, bool]] = []
            at = 0
            for para in article.paragraphs:
                n = sum(len(tokens(s, article.language)) for s in split_sentences(para.text))
                out.append((at, at + n, n >= _LEAD_TOKENS))
                at += n
            self._bounds[ai] = out
        return self._bounds[ai]

    def covered(self, x: int, y: int) -> np.ndarray:
        """Per token of article ``x``: whether it lies in a k-gram article ``y`` has."""
        n = self._coverage.tokens(x)
        grams, _ = self._coverage._of(x)
        _, other = self._coverage._of(y)
        if n < _K or not other.size:
            return np.zeros(n, dtype=bool)
        at = np.minimum(np.searchsorted(other, grams), other.size - 1)
        starts = np.flatnonzero(other[at] == grams)
        delta = np.zeros(n + 1, dtype=np.int32)
        delta[starts] += 1
        delta[starts + _K] -= 1
        return np.cumsum(delta[:-1]) > 0

    def lead(self, ai: int) -> tuple[int, int] | None:
        """The token range of article ``ai``'s lead (first prose paragraph)."""
        return next(((lo, hi) for lo, hi, prose in self.paragraphs(ai) if prose), None)

    def own_prose(self, x: int, mask: np.ndarray) -> float:
        """The share of ``x``'s words outside the shared text that lie in prose."""
        own = ~mask
        total = int(own.sum())
        if not total:
            return 0.0
        prose = sum(int(own[lo:hi].sum()) for lo, hi, p in self.paragraphs(x) if p)
        return prose / total


def _share(mask: np.ndarray, span: tuple[int, int] | None) -> float | None:
    if span is None or span[1] <= span[0] or mask.size < span[1]:
        return None
    return float(mask[span[0] : span[1]].mean())


def containment(layout: _Layout, ids: tuple[str, str], ix: int, iy: int) -> Direction | None:
    """Step 4 of the module docstring for articles ``ix``/``iy`` (ids ``ids``), or None."""
    x, y = ids
    mx, my = layout.covered(ix, iy), layout.covered(iy, ix)
    if not mx.size or not my.size:
        return None
    lead_x, lead_y = _share(mx, layout.lead(ix)), _share(my, layout.lead(iy))
    if lead_x is not None and lead_y is not None:
        for (a, b), (la, lb), mb in (
            ((x, y), (lead_x, lead_y), my),
            ((y, x), (lead_y, lead_x), mx),
        ):
            # a's lead is not in b, b's lead is in a, b is mostly a's text.
            if la <= 0.2 and lb >= 0.8 and mb.mean() >= 0.5:
                return Direction(
                    b,
                    a,
                    "containment",
                    True,
                    f"{b} begins partway into {a}: {a}'s lead is not in {b}, whose opening "
                    f"is {a}'s text (a scrape or excerpt that dropped the lead)",
                )
    cx, cy = float(mx.mean()), float(my.mean())
    for (inner, outer), (ci, co), io, mo in (
        ((x, y), (cx, cy), iy, my),
        ((y, x), (cy, cx), ix, mx),
    ):
        if ci >= _CONTAINED and co <= ci - _MARGIN:
            if layout.own_prose(io, mo) >= 0.5:
                return Direction(
                    inner,
                    outer,
                    "containment",
                    True,
                    f"{inner} lies within {outer} ({ci:.0%} of it is shared text, "
                    f"{co:.0%} of {outer}), which has prose of its own: {inner} is an "
                    "excerpt or abridgement",
                )
            return Direction(
                outer,
                inner,
                "containment",
                True,
                f"{outer} holds {inner}'s text plus lines of its own that are not prose "
                f"(page furniture): {outer} is the copy",
            )
    return None


def decide(
    ax: Article,
    ay: Article,
    cov: tuple[float, float],
    contained: Callable[[], Direction | None],
    attributed: Callable[[str, str | None], str | None],
    named: Callable[[str, str | None], bool],
) -> Direction:
    """The direction between ``ax`` and ``ay`` by steps 1-2 and 4-6 (step 3's second
    form, a common source article, needs every pair: see :func:`common_sources`).

    ``cov`` are the shares of each article's words that are shared text;
    ``contained`` gives step 4 (computed only when reached); ``attributed`` and
    ``named`` look for an outlet in an article's text (cached by the caller)."""
    x, y = ax.id, ay.id
    same_outlet = bool(ax.outlet and ay.outlet) and _outlet_key(ax.outlet) == _outlet_key(ay.outlet)
    common = _common_wire(ax, ay)
    # 1. Strong dates on different days.
    later = 0
    if ax.published and ay.published:
        later = _later(ax.published, ay.published)
    strong = strong_date(ax) and strong_date(ay)
    by_date: tuple[str, str] | None = None
    if later:
        by_date = (x, y) if later > 0 else (y, x)
    if common is None and strong and by_date is not None:
        d, s = by_date
        return Direction(d, s, "date", True, f"{d} was published later ({_date_of(d, ax, ay)})")
    # 2. Credits and attributions.
    if not same_outlet and common is None:
        wire_x = _credits(ax, ay.outlet)
        wire_y = _credits(ay, ax.outlet)
        if wire_x != wire_y:
            d, s = (x, y) if wire_x else (y, x)
            outlet = (ay if wire_x else ax).outlet
            return Direction(
                d, s, "credit", True, f"{d} names {outlet} as its source (wire credit)"
            )
        said_x, said_y = attributed(x, ay.outlet), attributed(y, ax.outlet)
        if (said_x is None) != (said_y is None):
            d, s, words = (x, y, said_x) if said_x else (y, x, said_y)
            outlet = (ay if said_x else ax).outlet
            return Direction(
                d, s, "attribution", True, f"{d} names {outlet} as its source ({words!r})"
            )
        name_x, name_y = named(x, ay.outlet), named(y, ax.outlet)
        if name_x != name_y:
            d, s = (x, y) if name_x else (y, x)
            outlet = (ay if name_x else ax).outlet
            return Direction(
                d,
                s,
                "attribution",
                True,
                f"{d} names {outlet} as its source (the name is in its text; "
                f"{s} does not name {d}'s outlet)",
            )
    fallback = _by_length(x, y, cov)
    # 3. A wire both credit.
    if common is not None:
        d, s = by_date if (strong and by_date) else (fallback.derivative, fallback.source)
        order = (
            f"{d} was published later"
            if (strong and by_date)
            else f"{d} has the larger share of shared text"
        )
        return Direction(
            d,
            s,
            "common-source",
            False,
            f"both carry {common}'s story (credited in both): neither is shown to copy the "
            f"other; {order} (direction not certain)",
            via=common,
        )
    # 4. Containment of passages.
    found = contained()
    if found is not None:
        return found
    # 5. Weak dates.
    if by_date is not None:
        d, s = by_date
        weak = [a.published_basis or "unknown" for a in (ax, ay) if not strong_date(a)]
        return Direction(
            d,
            s,
            "date",
            False,
            f"{d} is dated later ({_date_of(d, ax, ay)}), but on a weak basis "
            f"({', '.join(weak)}): direction not certain",
        )
    # 6. Length.
    return fallback


def _date_of(aid: str, ax: Article, ay: Article) -> str:
    return str((ax if aid == ax.id else ay).published)


def _by_length(x: str, y: str, cov: tuple[float, float]) -> Direction:
    d, s = (x, y) if cov[0] >= cov[1] else (y, x)
    return Direction(
        d,
        s,
        "length",
        False,
        f"a larger share of {d} is shared text (direction not certain)",
    )


def _credits(article: Article, outlet: str | None) -> bool:
    """Whether ``article``'s wire credits name ``outlet`` (and it is not its own)."""
    key = _outlet_key(outlet)
    return (
        bool(key)
        and key != _outlet_key(article.outlet)
        and any(_outlet_key(w) == key for w in article.wires)
    )


def _common_wire(ax: Article, ay: Article) -> str | None:
    """A wire both articles credit while neither is that wire's own page, or None."""
    own = {_outlet_key(ax.outlet), _outlet_key(ay.outlet)}
    keys_y = {_outlet_key(w) for w in ay.wires}
    for wire in ax.wires:
        key = _outlet_key(wire)
        if key in keys_y and key not in own:
            return wire
    return None


def _undecided(d: Direction) -> bool:
    """Whether ``d`` rests on no direct evidence (containment, a weak date, length)."""
    return d.basis in ("containment", "length") or (d.basis == "date" and not d.certain)


def common_sources(
    pairs: list[tuple[tuple[str, str], Direction]],
) -> dict[tuple[str, str], Direction]:
    """Pairs not decided by direct evidence (credits, strong dates), settled by the
    other pairs' certain directions, until nothing changes (at most three rounds):

    * a *chain* (``chain``, certain): one derives from a third article that derives
      from the other (a rewrite dated after a reprint of an undated wire story rewrites
      the wire story);
    * a *common source* (step 3): both derive from one third article: neither is shown
      to copy the other; the order is kept, not certain.

    Returns the new direction of each pair that changed."""
    out: dict[tuple[str, str], Direction] = {}
    for _ in range(3):
        current = [(key, out.get(key, d)) for key, d in pairs]
        sources: dict[str, set[str]] = {}
        for _, d in current:
            if d.certain:
                sources.setdefault(d.derivative, set()).add(d.source)
        changed = False
        for key, d in current:
            if not _undecided(d) or d.basis == "common-source":
                continue
            x, y = key
            found: Direction | None = None
            for a, b in ((x, y), (y, x)):
                middle = sorted(z for z in sources.get(a, ()) if b in sources.get(z, ()))
                if middle:
                    z = middle[0]
                    found = Direction(
                        a,
                        b,
                        "chain",
                        True,
                        f"{a} derives from {z}, which derives from {b}",
                        via=z,
                    )
                    break
            if found is None:
                shared = sources.get(x, set()) & sources.get(y, set())
                shared -= {x, y}
                if shared:
                    via = min(shared)
                    found = Direction(
                        d.derivative,
                        d.source,
                        "common-source",
                        False,
                        f"both derive from {via}: neither is shown to copy the other "
                        "(direction not certain)",
                        via=via,
                    )
            if found is not None and found != d:
                out[key] = found
                changed = True
        if not changed:
            break
    return out
