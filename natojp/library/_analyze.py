"""The analysis of a library's articles: every stage after cleaning, on the stored
articles (each document was cleaned once, when it was added), kept in an
:class:`~natojp.library._cache.AnalysisCache` when one is given, with the facts read in
each article (:mod:`natojp.facts`), so that the next analysis reads only the articles
no analysis has read before."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from natojp._beside import plan as plan_beside
from natojp.analysis import DASHBOARD_TERMS, Analysis, Progress, _taxonomy, analyze_articles
from natojp.config import AnalysisConfig
from natojp.library._cache import AnalysisCache, cache_key
from natojp.library._store import Library, _natojp_version, corpus_id, settings_json

if TYPE_CHECKING:  # imported where they run: reading facts imports NetworkX, which
    # opening a kept analysis does not need
    from natojp.facts import ArticleFacts, FactsSource, Part


def _settings_key(config: AnalysisConfig) -> str:
    """The settings as JSON, with the content of every file they name (a taxonomy
    edited in place is other settings)."""
    parts = [settings_json(config)]
    for path in (config.taxonomy_path, config.outlets_path, config.manifest_path):
        if path is None:
            continue
        try:
            parts.append(hashlib.sha256(Path(path).read_bytes()).hexdigest())
        except OSError:
            parts.append(f"unreadable:{path}")
    return "\n".join(parts)


def analyze_library(
    library: Library,
    version: str | None = None,
    config: AnalysisConfig | None = None,
    *,
    name: str | None = None,
    progress: Progress | None = None,
    cache: AnalysisCache | None = None,
    fingerprint: str | None = None,
) -> Analysis:
    """Analyse the current articles of ``library`` or those of a frozen ``version``.

    The corpus is named after the library file; its fingerprint is the version id (for
    the current articles, the id a freeze of them would get) and ``Corpus.version`` the
    frozen version, so charts and briefs cite it. With ``cache``, an analysis of the
    same articles with the same settings by the same natojp is taken from it (no stage
    runs again), and a new one is kept in it, with its provenance and corroboration
    made first (:meth:`Analysis.provenance`, :meth:`Analysis.corroboration`); so are
    the facts read in each article (:mod:`natojp.facts`), which a later analysis of
    other articles of the library takes instead of reading those articles again.

    ``fingerprint``: that of the current articles, when the caller has just read it
    (:meth:`Library.fingerprint`; the dashboard's sidebar does), not read again to look
    in the cache. Given for articles that changed since, it gives their analysis when
    one is kept, else that of the articles there now.
    """
    config = config or AnalysisConfig()
    label = name or library.path.stem  # the version is cited apart: Corpus.version
    if fingerprint is None or version is not None:
        fingerprint = library.fingerprint(version)
    settings = _settings_key(config)
    key = cache_key(fingerprint, settings, _natojp_version())
    kept = cache.get(key) if cache is not None else None
    if kept is not None:
        corpus = kept.corpus.relabelled(  # its articles still read when first used
            name=label, version=version, skipped=library.skipped(version)
        )
        if progress is not None:
            progress("Done", 1.0)
        return kept.with_corpus(corpus)  # its parts still read when first used
    from natojp.facts import SplitFacts, facts_key

    hashes, articles = library.hashed_articles(version)
    if version is None and corpus_id(hashes) != fingerprint:  # an add meanwhile
        fingerprint = corpus_id(hashes)
        key = cache_key(fingerprint, settings, _natojp_version())
    taxonomy = _taxonomy(config)
    facts: FactsSource | None = None
    keep: Callable[[dict[str, ArticleFacts]], bool] | None = None
    if cache is not None:
        store, facts_of = cache.facts, facts_key(taxonomy, _natojp_version())
        id_of = dict(zip(hashes, (a.id for a in articles), strict=True))
        hash_of = {i: h for h, i in id_of.items()}
        seen: list[bool] = []  # whether a part found any facts kept

        def facts(part: Part) -> SplitFacts:
            """One part of the kept facts, loaded by the process that uses it."""
            got = store.get_part(facts_of, hashes, part)
            seen.append(bool(got))
            first = {id_of[h]: v[0] for h, v in got.items()}
            second = {id_of[h]: v[1] for h, v in got.items()}
            if part == "stages":
                return SplitFacts(first, second, {}, {})
            return SplitFacts({}, {}, first, {i: s for i, s in second.items() if s is not None})

        def keep(read: dict[str, ArticleFacts]) -> bool:
            if not any(seen):  # the first analysis by this natojp: drop what others read
                store.drop_other_versions(_natojp_version())
            return store.put(facts_of, {hash_of[i]: f for i, f in read.items()})

    # The analysis of this library last kept with these settings: its vectors and
    # neighbours are brought up to these articles when few changed (an add).
    lineage = "\n".join((str(library.path.resolve()), settings, _natojp_version()))
    base = cache.latest(lineage) if cache is not None else None
    analysis = analyze_articles(
        articles,
        config,
        skipped=library.skipped(version),
        name=label,
        fingerprint=fingerprint,
        version=version,
        progress=_before_the_end(progress) if cache is not None else progress,
        taxonomy=taxonomy,
        facts=facts,
        on_facts=keep,
        base=base,
    )
    del base  # its parts are not kept in memory with the new analysis
    if cache is not None:
        # Kept with its stories and claims: the report, the brief and the dashboard's
        # overview all read them, and a reopened version then makes neither again.
        if progress is not None:
            progress("Reading stories, quotes and claims", _MADE)
        analysis.provenance()
        analysis.corroboration()
        # And what every dashboard page and the overview make of the whole corpus: a
        # reopened version reads them instead of the parts they are made from.
        from natojp.export.brief import publication_period

        analysis.heads()
        analysis.attribution()
        analysis.date_bounds()
        analysis.off_story()
        analysis.mentioned_events()
        analysis.unresolved_dates()
        publication_period(analysis)
        analysis.article_labels()
        analysis.source_labels()
        analysis.findings()
        analysis.distinctive_terms(DASHBOARD_TERMS)
        beside = plan_beside(len(analysis.corpus), config.workers)
        cache.put(key, analysis, lineage=lineage, beside=beside)
        if progress is not None:
            progress("Done", 1.0)
    return analysis


_MADE = 0.9  # the share of the progress bar the stages take when more follows


def _before_the_end(progress: Progress | None) -> Progress | None:
    """``progress`` for the stages when more work follows them: their share scaled to
    :data:`_MADE`, their "Done" not passed on."""
    if progress is None:
        return None

    def scaled(label: str, share: float) -> None:
        if share < 1.0:
            progress(label, share * _MADE)

    return scaled
