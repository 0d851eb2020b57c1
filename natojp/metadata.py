"""Article metadata: title, outlet and publication date, each with its basis.

Sources, in order of precedence:

``manifest``
    a ``manifest.toml`` beside the articles (or given with ``--manifest``) that
    records what is known about each article and where that knowledge comes from;
``metadata``
    a structured field of the source (CSV column, JSON key, HTML meta tags, SGML);
``text``
    found in the article's own text by cleaning (a headline line, a
    ``Published Date:`` line, an outlet byline);
``derived``
    (titles only) the opening words of the body, flagged ``title_derived``.

Dates are never invented: a date is known only from one of these sources.

Manifest format::

    [articles."000_3d9694f0226b20af"]      # article id (file name without extension)
    outlet = "Anadolu Agency"
    published = "2025-07-29"               # YYYY, YYYY-MM or YYYY-MM-DD
    url = "https://..."
    title = "..."                          # optional
    [articles."000_3d9694f0226b20af".sources]  # where each fact comes from (free text)
    outlet = "byline line 4 of the file"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from natojp._dates import PartialDate, parse_date
from natojp._text import split_sentences, truncate_words
from natojp.clean import CleanedText
from natojp.errors import ManifestError
from natojp.models import Article, SourceText

MANIFEST_NAME = "manifest.toml"
_ENTRY_KEYS = frozenset({"outlet", "published", "url", "title", "sources", "notes"})


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """What a manifest records about one article."""

    outlet: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    title: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """Per-article facts keyed by article id."""

    entries: dict[str, ManifestEntry]
    path: str = "<manifest>"

    def get(self, article_id: str) -> ManifestEntry | None:
        return self.entries.get(article_id)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Manifest:
        """Read a manifest file; raise :class:`ManifestError` naming the fault."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ManifestError(f"cannot read the manifest: {exc}", path=str(p)) from exc
        return cls.from_toml(text, source=str(p))

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<manifest>") -> Manifest:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ManifestError(f"not valid TOML: {exc}", path=source) from exc
        articles = data.get("articles", {})
        if not isinstance(articles, dict):
            raise ManifestError("[articles] must be a table of article ids", path=source)
        entries: dict[str, ManifestEntry] = {}
        for article_id, raw in articles.items():
            if not isinstance(raw, dict):
                raise ManifestError(f"articles.{article_id} must be a table", path=source)
            unknown = set(raw) - _ENTRY_KEYS
            if unknown:
                raise ManifestError(
                    f"articles.{article_id}: unknown keys {sorted(unknown)}; "
                    f"allowed: {sorted(_ENTRY_KEYS)}",
                    path=source,
                )
            published = raw.get("published")
            try:
                when = PartialDate.from_iso(str(published)) if published else None
            except ValueError as exc:
                raise ManifestError(
                    f"articles.{article_id}.published: {exc} (use YYYY, YYYY-MM or YYYY-MM-DD)",
                    path=source,
                ) from exc
            sources = raw.get("sources", {})
            if not isinstance(sources, dict):
                raise ManifestError(f"articles.{article_id}.sources must be a table", path=source)
            entries[str(article_id)] = ManifestEntry(
                outlet=_opt_str(raw.get("outlet")),
                published=when,
                url=_opt_str(raw.get("url")),
                title=_opt_str(raw.get("title")),
                sources={str(k): str(v) for k, v in sources.items()},
                notes=_opt_str(raw.get("notes")),
            )
        return cls(entries, source)


def _opt_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def derive_title(text: str, max_words: int = 12) -> str | None:
    """A short title from the opening sentence of ``text`` (flag it as derived)."""
    sentences = split_sentences(text)
    if not sentences:
        return None
    return truncate_words(sentences[0].rstrip("."), max_words)


def build_article(
    source: SourceText, cleaned: CleanedText, entry: ManifestEntry | None = None
) -> Article:
    """Combine a source, its cleaning and an optional manifest entry into an Article."""
    fields = cleaned.fields
    notes: list[str] = list(source.notes)

    # Title.
    title_derived = False
    if entry and entry.title:
        title: str | None = entry.title
    elif source.title:
        title = source.title.strip()
    elif fields.title:
        title = fields.title
    else:
        title = derive_title(cleaned.paragraphs[0].text) if cleaned.paragraphs else None
        title_derived = title is not None

    # Outlet.
    outlet: str | None = None
    outlet_basis: str | None = None
    for value, basis in (
        (entry.outlet if entry else None, "manifest"),
        (source.outlet, "metadata"),
        (fields.outlet, "text"),
    ):
        if value:
            outlet, outlet_basis = value.strip(), basis
            break

    # Publication date.
    published: PartialDate | None = None
    published_basis: str | None = None
    structured = parse_date(source.published) if source.published else None
    if source.published and structured is None:
        notes.append(f"could not read the date {source.published!r}")
    for when, basis in (
        (entry.published if entry else None, "manifest"),
        (structured, "metadata"),
        (fields.published, "text"),
    ):
        if when is not None:
            published, published_basis = when, basis
            break
    if entry and entry.published and fields.published and entry.published != fields.published:
        notes.append(
            f"the manifest date {entry.published} differs from the date in the text "
            f"{fields.published}; the manifest wins"
        )

    return Article(
        id=source.id,
        source_path=source.source_path,
        paragraphs=cleaned.paragraphs,
        title=title,
        title_derived=title_derived,
        outlet=outlet,
        outlet_basis=outlet_basis,
        published=published,
        published_basis=published_basis,
        url=(entry.url if entry and entry.url else None) or source.url,
        removed=cleaned.removed,
        format=source.format,
        encoding=source.encoding,
        notes=tuple(notes),
    )
