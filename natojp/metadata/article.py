"""An article's metadata: title, outlet and publication date, each with its basis.

:func:`build_article` combines a source, its cleaning and an optional manifest entry.
"""

from __future__ import annotations

import re
from dataclasses import replace

from natojp._text import split_sentences, truncate_words
from natojp.clean import CleanedText
from natojp.metadata._date_claims import _lead
from natojp.metadata.dates import find_dates
from natojp.metadata.language import COUNTRY_LANGUAGES, detect_language, settle_by_prior
from natojp.metadata.manifest import ManifestEntry
from natojp.metadata.outlets import (
    Outlet,
    OutletFinding,
    OutletRegistry,
    clean_line,
    find_outlet,
)
from natojp.metadata.wires import find_wires
from natojp.models import Article, Evidence, SourceText


def derive_title(text: str, max_words: int = 12) -> str | None:
    """A short title from the opening sentence of ``text`` (flag it as derived)."""
    sentences = split_sentences(text)
    if not sentences:
        return None
    return truncate_words(sentences[0].rstrip("."), max_words)


def build_article(
    source: SourceText,
    cleaned: CleanedText,
    entry: ManifestEntry | None = None,
    *,
    registry: OutletRegistry | None = None,
) -> Article:
    """Combine a source, its cleaning and an optional manifest entry into an Article.

    Each fact keeps its basis and evidence. Title: manifest, source metadata, the
    headline line, else the opening words (``title_derived``). Outlet: manifest, a
    structured field (named as in the outlet ``registry`` when it knows the name or
    domain), else :func:`~natojp.metadata.outlets.find_outlet` over the URL and the
    lines around the body, else a byline cleaning found. Wires:
    :func:`~natojp.metadata.wires.find_wires`. Language:
    :func:`~natojp.metadata.language.detect_language` of the body, kept when its
    confidence is at least :data:`MIN_LANGUAGE_CONFIDENCE`; when the model is unsure
    (below :data:`~natojp.metadata.language.UNSURE`) and a language of the outlet's
    country is among its best guesses, that language, with a note
    (:func:`~natojp.metadata.language.settle_by_prior`). Dates:
    :func:`~natojp.metadata.dates.find_dates`, which uses the language to read dates
    such as 03/04/2025, and the outlet's country (of its registry entry: the outlet is
    found first) to read 03/04/2025 in English and to date a time stamp with an offset
    where the outlet publishes (``2025-04-16T20:00:00Z`` is 17 April for a Japanese
    outlet). An outlet not in the registry gives no country.
    """
    registry = registry or OutletRegistry.default()
    notes: list[str] = list(source.notes)
    url = (entry.url if entry and entry.url else None) or source.url
    if url != source.url:
        source = replace(source, url=url)  # dates in the manifest's URL count too

    # Title.
    title_derived = False
    fields = cleaned.fields
    if entry and entry.title:
        title: str | None = entry.title
    elif source.title:
        title = source.title.strip()
    elif fields.title:
        title = fields.title
    else:
        title = derive_title(cleaned.paragraphs[0].text) if cleaned.paragraphs else None
        title_derived = title is not None

    # Outlet and wires.
    header, footer = _margins(source, cleaned)
    outlet = _outlet(source, cleaned, entry, registry, header, footer)
    if outlet is not None and outlet.entry is None and outlet.evidence.basis == "header":
        notes.append(f"outlet {outlet.name!r} is not in the outlet registry (read from its header)")
    credits = find_wires(
        [*header, *((p.line, p.text) for p in cleaned.paragraphs), *footer],
        registry,
        outlet=outlet,
    )

    # Language, then dates (day-first or month-first may depend on it).
    # An English numeric date is read by the convention of the outlet's country.
    country = outlet.entry.country or None if outlet is not None and outlet.entry else None
    guess = detect_language(language_text(cleaned))
    language = guess.code if guess and guess.confidence >= MIN_LANGUAGE_CONFIDENCE else None
    prior = settle_by_prior(guess, COUNTRY_LANGUAGES.get(country or "", ()))
    if guess is not None and prior is not None and prior != language:
        listed = ", ".join(f"{code} {p:.2f}" for code, p in guess.candidates)
        notes.append(
            f"language: {prior!r}, a language of the outlet's country ({country}), among "
            f"the model's best guesses for a text with little language ({listed})"
        )
        language = prior
    dates = find_dates(
        source,
        cleaned,
        manifest=entry.published if entry else None,
        language=language,
        country=country,
    )
    notes.extend(dates.notes)

    return Article(
        id=source.id,
        source_path=source.source_path,
        paragraphs=cleaned.paragraphs,
        title=title,
        title_derived=title_derived,
        outlet=outlet.name if outlet else None,
        outlet_basis=outlet.evidence.basis if outlet else None,
        published=dates.published,
        published_basis=dates.published_basis,
        url=url,
        removed=cleaned.removed,
        format=source.format,
        encoding=source.encoding,
        notes=tuple(notes),
        outlet_evidence=outlet.evidence if outlet else None,
        published_evidence=dates.published_evidence,
        updated=dates.updated,
        updated_evidence=dates.updated_evidence,
        wires=tuple(c.name for c in credits),
        wire_evidence=tuple(c.evidence for c in credits),
        language=language,
        outlet_country=(outlet.entry.country or None) if outlet and outlet.entry else None,
        outlet_type=outlet.entry.type if outlet and outlet.entry else None,
    )


def language_text(cleaned: CleanedText) -> str:
    """The text whose language is an article's: its paragraphs, one a line (what
    :func:`build_article` reads, and what a caller reads ahead for a batch of articles
    with :func:`~natojp.metadata.language.read_ahead`)."""
    return "\n".join(p.text for p in cleaned.paragraphs)


MIN_LANGUAGE_CONFIDENCE = 0.5
"""A detected language below this confidence is not recorded (short or mixed text)."""

# A page's section names, which read like outlets' names but are none ("World News",
# "Asia Pacific", "Latest News"): only section words, and no leading "The".
_SECTION_WORDS = (
    r"world|news|top|latest|breaking|local|national|international|global|business|economy"
    r"|markets?|politics|sports?|opinion|analysis|tech(?:nology)?|science|health|culture"
    r"|lifestyle|entertainment|defen[cs]e|security|military|asia|pacific|europe|americas?"
    r"|africa|middle|east|china|japan|us|uk|region|regional|home|front|page|stories|updates?"
    r"|headlines|politics|diplomacy|features?|video|live|more|and|&"
)
_SECTION = re.compile(rf"(?i:(?:{_SECTION_WORDS})(?:[\s/,|-]+(?:{_SECTION_WORDS}))*)")

_HEADER_REASONS = frozenset({"headline", "metadata", "chrome", "credit"})
_FOOTER_REASONS = frozenset({"chrome", "credit"})  # not "related" or "comment": other stories
_MARGIN_LINES = 5


_TOP_LINES = 15
"""Without a paragraph of prose among the first ones, the lines of the top of a text."""


def _top(cleaned: CleanedText) -> int | None:
    """The line where the top of the article ends: its first paragraph of prose (or its
    dateline; see :func:`natojp.metadata._date_claims._lead`), else, when none of the
    first paragraphs is prose, line :data:`_TOP_LINES` (past the first paragraph);
    ``None``: no paragraph."""
    if not cleaned.paragraphs:
        return None
    lead = _lead(cleaned)
    if lead < len(cleaned.paragraphs):
        return cleaned.paragraphs[lead].line
    return max(cleaned.paragraphs[0].line or 0, _TOP_LINES + 1)


def _margins(
    source: SourceText, cleaned: CleanedText
) -> tuple[list[tuple[int | None, str]], list[tuple[int | None, str]]]:
    """The lines before the body (header) and after it (footer), with line numbers:
    the removed page furniture there, and the raw text's first and last lines.

    The header holds the removed header lines (headline, metadata, chrome, credit)
    above the article's first paragraph of prose, not only above its first kept
    paragraph: a pasted page may keep a section name, a standfirst or the headline as
    paragraphs above ``By Euronews with AP, AFP`` (see :func:`_top`). Removed credit
    and chrome lines further down are the footer; a metadata line there (a related
    story's byline) is neither."""
    top = _top(cleaned)
    header = [
        (r.line, r.text)
        for r in cleaned.removed
        if r.reason in _HEADER_REASONS and (top is None or (r.line or 0) < top)
    ]
    footer = [
        (r.line, r.text)
        for r in cleaned.removed
        if r.reason in _FOOTER_REASONS and top is not None and (r.line or 0) >= top
    ]
    if source.line_numbers:
        lines = source.text.split("\n")
        last = max(len(lines) - _MARGIN_LINES, _MARGIN_LINES)
        seen = {n for n, _ in header}  # a removed line is one of those lines already
        header += [
            (i, t) for i, t in enumerate(lines[:_MARGIN_LINES], 1) if t.strip() and i not in seen
        ]
        header.sort(key=lambda item: item[0] or 0)  # in text order, as wires are credited
        seen = {n for n, _ in footer}
        footer += [
            (i, t) for i, t in enumerate(lines[last:], last + 1) if t.strip() and i not in seen
        ]
    return header, footer


def _outlet(
    source: SourceText,
    cleaned: CleanedText,
    entry: ManifestEntry | None,
    registry: OutletRegistry,
    header: list[tuple[int | None, str]],
    footer: list[tuple[int | None, str]],
) -> OutletFinding | None:
    """The outlet with its evidence, strongest first (``entry`` None: not in the
    registry)."""
    if entry and entry.outlet:
        recorded = entry.sources.get("outlet") or f"manifest entry {entry.outlet!r}"
        return _named(entry.outlet, Evidence("manifest", recorded), registry)
    if source.outlet:
        return _named(source.outlet, Evidence("metadata", source.outlet.strip()), registry)
    finding = find_outlet(header, footer, source.url, registry)
    if finding is not None:
        return finding
    name = cleaned.fields.outlet
    if name:
        line = next((r for r in cleaned.removed if name in r.text), None)
        evidence = Evidence("header", line.text if line else name, line.line if line else None)
        named = _named(name, evidence, registry)
        if named.entry is not None and named.entry.is_wire:
            return None  # "By Jane Doe | Kyodo News": the agency supplied the text
        if named.entry is None and _SECTION.fullmatch(named.name):
            return None  # "World News" above a headline is a section, not a masthead
        return named
    return None


def _named(name: str, evidence: Evidence, registry: OutletRegistry) -> OutletFinding:
    """An outlet named by a manifest, a field or a byline: the registry's name for it
    when the registry knows the name or (for a bare domain) the domain."""
    value = name.strip()
    known = _known(value, registry)
    if known is None:
        return OutletFinding(value, evidence, None, evidence.basis)
    return OutletFinding(known.name, evidence, known, evidence.basis)


_KNOWN_MAX = 4096
_known_cache: tuple[OutletRegistry | None, dict[str, Outlet | None]] = (None, {})


def _known(value: str, registry: OutletRegistry) -> Outlet | None:
    """The registry's entry for a name or (for a bare domain) a domain, or None.

    The answers for one registry are kept (a corpus names few outlets, each in many
    articles); the registry is held with them, so another one never reads them.
    """
    global _known_cache
    held, answers = _known_cache
    if held is not registry or len(answers) > _KNOWN_MAX:
        answers = {}
        _known_cache = (registry, answers)
    if value in answers:
        return answers[value]
    known = registry.by_name(value)
    if known is None:  # "日本経済新聞 電子版", "RTVE.es": a site's name or its domain
        known = registry.matcher.masthead_name(clean_line(value))
    if known is None and "." in value and " " not in value:
        known = registry.by_domain(value)
    answers[value] = known
    return known
