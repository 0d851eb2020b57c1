"""Stories: the articles about one news event, copies and independent reports alike.

Two articles are linked when

* one derives from the other (a :class:`~natojp.duplicates.Dependency`), or they are in
  one independent report: a copy is always in its original's story;
* their TF-IDF cosine (the top neighbours of :class:`~natojp.similarity.SimilarityResult`,
  so the cost grows with the corpus, not with its square) is at least ``threshold`` and
  their publication dates are at most ``window_days`` apart;
* or, when a date is missing or coarser than a day (the window cannot be checked), their
  cosine is at least ``undated_threshold``;
* **the same news** (when the timeline's ``events`` are given): both articles have the
  same *news day* (:func:`news_days`: an event they report as happened at most
  ``window_days`` before their publication, or, for an article that reports nothing
  that happened in the ``lookback_days`` before it, an event it announces at most
  ``preview_days`` ahead) and a cosine of at least ``event_min``. The shared event adds
  ``event_bonus`` to the pair's score and replaces the publication window: a preview
  published four days before the meeting is in the meeting's story. A shared date alone
  links nothing (two events of one day stay apart unless their texts agree), and
  neither does a background event (``the initiative launched on 16 September``, in an
  article of October) nor a plan named by an article that reports its own news;
* **the same specifics across languages**: two articles in different languages share
  few TF-IDF terms, so they are compared by the numbers, acronyms and Latin-script
  names they share (:func:`~natojp.provenance.cross_language_pairs`). A pair within the
  window (or with the same news day) whose specifics cosine is at least
  ``cross_threshold`` is linked, with the score ``cross_weight`` × that cosine (plus
  ``event_bonus`` with the same news day); an undated pair needs
  ``cross_undated_threshold``.

Links are taken strongest first, and join two groups only when the mean score between
their articles (a pair without a score counts 0) is at least ``average``: one close pair
(or one shared date, or one shared number) does not chain two stories of the same days
together. An article linked to none is a story of its own. ``bench.stories`` measures
the pairwise precision and recall against hand-made gold.

The **first publisher** of a story is the article with the earliest publication date,
with the date's basis. An undated article from which an earliest-dated one derives (on
certain evidence: see :data:`~natojp.duplicates.DIRECTION_BASES`) was at least as early
and is a candidate too. When several candidates remain (the dates tie), the one the
others derive from decides (its direction basis is named: containment, a credit...);
when nothing tells, the first in id order is named and the basis says "not certain".
A story without any date has the article its copies derive from, or none. A preview (an
article whose only news is an event still to come, :func:`is_preview`) announced the
story but did not report it: the first publisher is the first report, and the basis
names the earliest preview ("announced earlier by …, a preview"); only a story of
previews alone has a preview first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from natojp._dates import PartialDate
from natojp._pickling import quick_state
from natojp.duplicates import Dependency
from natojp.models import Article
from natojp.provenance._specifics import Specifics, cross_language_pairs

EVENT_BONUS = 0.15
"""Added to the score of two articles with the same news day (see the module docstring)."""
EVENT_MIN = 0.05
"""The TF-IDF cosine two articles with the same news day need for the bonus."""
PREVIEW_DAYS = 7
"""How far ahead a planned event can be an article's news (a preview)."""
LOOKBACK_DAYS = 14
"""An article reporting something that happened this many days before its publication
is about that, not about the plans it names."""
CROSS_THRESHOLD = 0.15
"""The specifics cosine of two articles in different languages to link them."""
CROSS_UNDATED_THRESHOLD = 0.3
"""The same when a date is missing (the window cannot be checked)."""
CROSS_WEIGHT = 0.7
"""A specifics cosine times this is the pair's score (on the TF-IDF cosine's scale)."""


@dataclass(frozen=True, slots=True)
class StorySettings:
    """How articles are linked into stories (the links in the module docstring).

    ``threshold`` and ``undated_threshold``: the TF-IDF cosine that links two articles
    published within ``window_days`` days of each other, and two of which one is
    undated. ``average``: the mean score between two groups' articles that a link needs
    to join them. The other fields are the module constants of the same names (upper
    case), given here to try other values: ``cross_weight=0`` turns the cross-language
    links off.
    """

    threshold: float = 0.1
    undated_threshold: float = 0.2
    window_days: int = 3
    average: float = 0.08
    event_bonus: float = EVENT_BONUS
    event_min: float = EVENT_MIN
    preview_days: int = PREVIEW_DAYS
    lookback_days: int = LOOKBACK_DAYS
    cross_threshold: float = CROSS_THRESHOLD
    cross_undated_threshold: float = CROSS_UNDATED_THRESHOLD
    cross_weight: float = CROSS_WEIGHT


DEFAULT_STORY_SETTINGS = StorySettings()
"""The settings stories are linked with unless others are given."""


@quick_state
@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event: who published first, the wires, the independent reports.

    ``articles`` are in publication order (undated last). ``first`` is the first
    publisher's article id (None when nothing tells), ``first_basis`` says how it was
    chosen in words and ``first_certain`` whether the evidence settles it.
    ``independent_reports`` are the story's groups of articles that share text (the
    original first). ``outlets`` lists ``(outlet, country, type)`` of each outlet once
    (``outlet_country`` and ``outlet_type`` of the outlet registry; None when unknown).
    """

    id: str
    articles: tuple[str, ...]
    title: str
    first: str | None
    first_date: PartialDate | None
    first_basis: str
    first_certain: bool
    wires: tuple[str, ...]
    independent_reports: tuple[tuple[str, ...], ...]
    outlets: tuple[tuple[str, str | None, str | None], ...]

    @property
    def countries(self) -> dict[str, int]:
        """Outlets per country (``"unknown"`` for an outlet without one)."""
        out: dict[str, int] = defaultdict(int)
        for _, country, _ in self.outlets:
            out[country or "unknown"] += 1
        return dict(sorted(out.items()))

    @property
    def types(self) -> dict[str, int]:
        """Outlets per type (wire, newspaper, broadcaster...; ``"unknown"``)."""
        out: dict[str, int] = defaultdict(int)
        for _, _, kind in self.outlets:
            out[kind or "unknown"] += 1
        return dict(sorted(out.items()))


def news_days(
    article: Article,
    reported: Collection[tuple[date, bool]],
    *,
    window_days: int = 3,
    preview_days: int = PREVIEW_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> frozenset[date]:
    """The days whose events are ``article``'s news: of the ``(day, planned)`` events its
    text reports, those that happened at most ``window_days`` before its publication (a
    report) and, when it reports nothing that happened in the ``lookback_days`` before
    it was published, those planned at most ``preview_days`` after (a preview). An
    article that looks back on an event is about that event, not about a plan it also
    names; an undated article has no news days."""
    p = article.published
    if p is None or p.precision != "day" or not reported:
        return frozenset()
    pub = p.start()
    done = [(pub - d).days for d, planned in reported if not planned]
    news = {d for d, planned in reported if not planned and 0 <= (pub - d).days <= window_days}
    if not any(0 <= ago <= lookback_days for ago in done):
        news |= {d for d, planned in reported if planned and 0 <= (d - pub).days <= preview_days}
    return frozenset(news)


def is_preview(
    article: Article,
    reported: Collection[tuple[date, bool]],
    *,
    window_days: int = 3,
    preview_days: int = PREVIEW_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> bool:
    """Whether ``article`` is a preview: its news days (:func:`news_days`) are all after
    its publication (an event announced, none reported)."""
    news = news_days(
        article,
        reported,
        window_days=window_days,
        preview_days=preview_days,
        lookback_days=lookback_days,
    )
    p = article.published
    return bool(news) and p is not None and all(d > p.start() for d in news)


def _days_apart(a: PartialDate | None, b: PartialDate | None) -> int | None:
    """Days between two day-precision dates; None when either is missing or coarser."""
    if a is None or b is None or a.precision != "day" or b.precision != "day":
        return None
    return abs((a.start() - b.start()).days)


def story_groups(
    articles: Sequence[Article],
    dependencies: Sequence[Dependency],
    independent_reports: Sequence[Sequence[str]],
    neighbors: Mapping[str, Sequence[tuple[str, float]]],
    *,
    settings: StorySettings = DEFAULT_STORY_SETTINGS,
    events: Mapping[str, Collection[tuple[date, bool]]] | None = None,
    specifics: Mapping[str, Specifics] | None = None,
) -> list[list[str]]:
    """Articles grouped into stories (the links in the module docstring), each group in
    input order, groups in the order of their first article.

    ``events`` is plain data: per article id, the ``(day, planned)`` events its text
    reports (:func:`~natojp.provenance.event_days` reads them from the timeline);
    without it, no link rests on events. ``settings`` (:class:`StorySettings`) hold
    the thresholds and weights. Links are taken strongest first, and join two groups only when the
    mean score between their articles (a pair outside each other's top neighbours and
    without a cross-language score counts 0) is at least ``average``: one close pair
    does not chain two stories of the same days together. ``specifics``: the articles'
    specifics read earlier (:func:`~natojp.provenance.read_specifics`), if any."""
    ids = [a.id for a in articles]
    by_id = {a.id: a for a in articles}
    parent = {i: i for i in ids}
    members: dict[str, list[str]] = {i: [i] for i in ids}
    score_of: dict[str, dict[str, float]] = defaultdict(dict)
    for a, items in neighbors.items():
        if a not in by_id:
            continue
        for b, s in items:
            if b in by_id and s > score_of[a].get(b, 0.0):
                score_of[a][b] = score_of[b][a] = s

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(ra: str, rb: str) -> None:
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        members[keep].extend(members.pop(gone))

    def mean_between(ra: str, rb: str) -> float:
        small, large = sorted((members[ra], members[rb]), key=len)
        other = set(large)
        total = 0.0
        for a in small:
            row = score_of.get(a, {})
            total += sum(s for b, s in row.items() if b in other)
        # Each cross pair is read once, from the smaller group's rows.
        return total / (len(small) * len(large))

    for d in dependencies:
        if d.source in parent and d.derivative in parent:
            ra, rb = find(d.source), find(d.derivative)
            if ra != rb:
                union(ra, rb)
    for group in independent_reports:
        for other in group[1:]:
            if group[0] in parent and other in parent:
                ra, rb = find(group[0]), find(other)
                if ra != rb:
                    union(ra, rb)
    news: dict[str, frozenset[date]] = {}
    for article in articles if events else ():
        news[article.id] = news_days(
            article,
            (events or {}).get(article.id, ()),
            window_days=settings.window_days,
            preview_days=settings.preview_days,
            lookback_days=settings.lookback_days,
        )

    def same_event(a: str, b: str) -> bool:
        return bool(news) and not news[a].isdisjoint(news[b])

    links: list[tuple[float, str, str]] = []
    for a, row in list(score_of.items()):
        for b, score in list(row.items()):
            if b not in by_id or a >= b:
                continue
            if score >= settings.event_min and same_event(a, b):
                score += settings.event_bonus
                row[b] = score_of[b][a] = score
                if score >= settings.threshold:
                    links.append((score, a, b))
                continue
            if score < settings.threshold:
                continue
            apart = _days_apart(by_id[a].published, by_id[b].published)
            if (apart is not None and apart <= settings.window_days) or (
                apart is None and score >= settings.undated_threshold
            ):
                links.append((score, a, b))

    def admissible(x: Article, y: Article) -> bool:
        apart = _days_apart(x.published, y.published)
        return apart is None or apart <= settings.window_days or same_event(x.id, y.id)

    if settings.cross_weight > 0:
        for (a, b), spec in cross_language_pairs(
            articles, admissible=admissible, known=specifics
        ).items():
            apart = _days_apart(by_id[a].published, by_id[b].published)
            bonus = settings.event_bonus if same_event(a, b) else 0.0
            score = spec * settings.cross_weight + bonus
            if score <= score_of[a].get(b, 0.0):
                continue
            score_of[a][b] = score_of[b][a] = score
            bar = (
                settings.cross_threshold
                if apart is not None or bonus
                else settings.cross_undated_threshold
            )
            if spec >= bar:
                links.append((score, a, b))
    links.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb and mean_between(ra, rb) >= settings.average:
            union(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        groups[find(i)].append(i)
    return list(groups.values())


def _order(article: Article) -> tuple[int, str, str]:
    if article.published is None:
        return (1, "", article.id)
    return (0, article.published.start().isoformat(), article.id)


def _title(members: Sequence[Article], first: Article | None) -> str:
    """The first publisher's headline, else the first stated headline, else words."""
    ranked = ([first] if first else []) + list(members)
    for a in ranked:
        if a.title and not a.title_derived:
            return a.title
    for a in ranked:
        if a.title:
            return a.title
    words = (ranked[0].body if ranked else "").split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def first_publisher(
    members: Sequence[Article],
    dependencies: Sequence[Dependency],
    previews: Collection[str] = (),
) -> tuple[str | None, PartialDate | None, str, bool]:
    """The story's first publisher: ``(article id, date, basis in words, certain)``
    (rules in the module docstring); ``previews`` are the ids of members that only
    announce the event (:func:`is_preview`)."""
    reports = [a for a in members if a.id not in previews]
    if previews and reports:
        first, day, basis, certain = _first(reports, dependencies)
        early = sorted(
            (a for a in members if a.id in previews and a.published is not None),
            key=lambda a: a.published.start() if a.published else date.max,
        )
        if (
            early
            and early[0].published is not None
            and (day is None or early[0].published.start() < day.start())
        ):
            basis += f"; announced earlier by {early[0].id} ({early[0].published}, a preview)"
        return first, day, basis, certain
    return _first(members, dependencies)


def _first(
    members: Sequence[Article], dependencies: Sequence[Dependency]
) -> tuple[str | None, PartialDate | None, str, bool]:
    ids = {a.id for a in members}
    by_id = {a.id: a for a in members}
    certain = [d for d in dependencies if d.certain and d.source in ids and d.derivative in ids]
    sources: dict[str, list[Dependency]] = defaultdict(list)
    for d in certain:
        sources[d.derivative].append(d)
    derived = {d.derivative for d in certain}
    dated = [a for a in members if a.published is not None]
    if dated:
        earliest = min(dated, key=lambda a: a.published.start() if a.published else 0)
        day = earliest.published
        assert day is not None
        tied = [a for a in dated if a.published is not None and _same_time(a.published, day)]
        candidates = {a.id for a in tied}
        # Undated articles the earliest ones derive from were at least as early.
        stack = [a.id for a in tied]
        while stack:
            for d in sources.get(stack.pop(), ()):
                if by_id[d.source].published is None and d.source not in candidates:
                    candidates.add(d.source)
                    stack.append(d.source)
        roots = sorted(c for c in candidates if c not in derived)
        basis_of = by_id[earliest.id].published_basis or "given"
        if len(candidates) == 1:
            return earliest.id, day, f"earliest date: {day} ({basis_of})", True
        if len(roots) == 1:
            root = roots[0]
            why = _why_root(root, candidates, certain)
            return root, day, f"dates tie at {day}; {why}", True
        pick = roots[0] if roots else sorted(candidates)[0]
        return (
            pick,
            day,
            f"dates tie at {day} ({len(candidates)} articles) and the passages do not tell "
            f"which came first: {pick} is named (not certain)",
            False,
        )
    roots = sorted(a.id for a in members if a.id not in derived and a.id in _linked(certain))
    if len(roots) == 1:
        root = roots[0]
        return root, None, f"no dates; {_why_root(root, ids, certain)}", True
    return None, None, "no dates, and no article is shown to be the others' source", False


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def _same_time(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates are the same at the coarser precision of the two."""
    precision = min(a.precision, b.precision, key=_PRECISION_RANK.__getitem__)
    return a.truncate(precision) == b.truncate(precision)


def _linked(deps: Sequence[Dependency]) -> set[str]:
    return {i for d in deps for i in (d.source, d.derivative)}


def _why_root(root: str, among: set[str] | Sequence[str], deps: Sequence[Dependency]) -> str:
    """Why ``root`` comes first: the direction bases of what derives from it."""
    bases = sorted({d.direction_basis for d in deps if d.source == root and d.derivative in among})
    if not bases:
        bases = sorted({d.direction_basis for d in deps if d.source == root})
    shown = ", ".join(bases) if bases else "no dependency"
    return f"{root} is the source the others derive from ({shown})"


def build_stories(
    articles: Sequence[Article],
    dependencies: Sequence[Dependency],
    independent_reports: Sequence[Sequence[str]],
    neighbors: Mapping[str, Sequence[tuple[str, float]]],
    *,
    settings: StorySettings = DEFAULT_STORY_SETTINGS,
    events: Mapping[str, Collection[tuple[date, bool]]] | None = None,
    specifics: Mapping[str, Specifics] | None = None,
) -> tuple[Story, ...]:
    """The stories of a corpus (see the module docstring), largest first, then by date.
    ``specifics``: as :func:`story_groups` takes them."""
    by_id = {a.id: a for a in articles}
    groups = story_groups(
        articles,
        dependencies,
        independent_reports,
        neighbors,
        settings=settings,
        events=events,
        specifics=specifics,
    )
    report_of: dict[str, tuple[str, ...]] = {}
    for group in independent_reports:
        for member in group:
            report_of[member] = tuple(group)
    members_of = [sorted((by_id[i] for i in g), key=_order) for g in groups]
    members_of.sort(key=lambda m: (-len(m), _order(m[0])))
    deps_by_article: dict[str, list[Dependency]] = defaultdict(list)
    for d in dependencies:
        deps_by_article[d.source].append(d)
        deps_by_article[d.derivative].append(d)
    stories: list[Story] = []
    for n, members in enumerate(members_of, start=1):
        ids = {a.id for a in members}
        deps = list(
            {id(d): d for a in members for d in deps_by_article[a.id] if d.source in ids}.values()
        )
        previews = (
            {
                a.id
                for a in members
                if is_preview(
                    a,
                    events.get(a.id, ()),
                    window_days=settings.window_days,
                    preview_days=settings.preview_days,
                    lookback_days=settings.lookback_days,
                )
            }
            if events
            else set()
        )
        first, day, basis, certain = first_publisher(members, deps, previews)
        reports = tuple(dict.fromkeys(report_of.get(a.id, (a.id,)) for a in members if a.id in ids))
        outlets: dict[str, tuple[str, str | None, str | None]] = {}
        for a in members:
            if a.outlet and a.outlet not in outlets:
                outlets[a.outlet] = (a.outlet, a.outlet_country, a.outlet_type)
        stories.append(
            Story(
                id=f"story-{n}",
                articles=tuple(a.id for a in members),
                title=_title(members, by_id.get(first) if first else None),
                first=first,
                first_date=day,
                first_basis=basis,
                first_certain=certain,
                wires=tuple(dict.fromkeys(w for a in members for w in a.wires)),
                independent_reports=reports,
                outlets=tuple(outlets.values()),
            )
        )
    return tuple(stories)
