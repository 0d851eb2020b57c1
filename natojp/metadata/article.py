"""An article's metadata: title, outlet and publication date, each with its basis.

:func:`build_article` combines a source, its cleaning and an optional manifest entry.
"""

from __future__ import annotations

from natojp._dates import PartialDate, parse_date
from natojp._text import split_sentences, truncate_words
from natojp.clean import CleanedText
from natojp.metadata.manifest import ManifestEntry
from natojp.models import Article, SourceText


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
