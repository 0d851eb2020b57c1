"""Separate article body from page noise, recording a reason for every removal.

Cleaning runs in two passes:

1. :func:`clean_text` works on one document's lines. It finds the headline (below any
   date, byline or masthead lines at the top: an outlet's name from the outlet registry
   or a site's name above its navigation, a breadcrumb trail or menu, a banner such as
   ``Election 2026: ...``), the metadata lines near the top
   (section, outlet, date, byline: parsed into fields), repeated headlines, photo
   captions and credits, page chrome, trailing sections that start at a marker such
   as "Related Articles" or "Comments", trailing lists of headlines and reader
   comments left at the end of the page.
2. :func:`remove_off_topic` works on the whole corpus. A paragraph is off-topic
   (for example an unrelated story pasted into a page) when its TF-IDF cosine to the
   rest of its own article *and* to every other article in the corpus is low.

Nothing is dropped silently: each removed line becomes a :class:`~natojp.models.Removal`
with a reason code from :data:`REASONS` and a detail in words.
"""

from __future__ import annotations

from natojp.clean._blocks import _has_key as _has_key
from natojp.clean._blocks import _key as _key
from natojp.clean._document import CleanedText, HeaderFields, clean_text
from natojp.clean._header import HeaderDate, looks_like_outlet
from natojp.clean._offtopic import _dot_with_own_article as _dot_with_own_article
from natojp.clean._offtopic import remove_off_topic
from natojp.clean._sections import _CHROME as _CHROME
from natojp.clean._sections import _LINE_CUES as _LINE_CUES
from natojp.clean._sections import _TRAILING_MARKERS as _TRAILING_MARKERS

# The ``X as X`` imports keep the private names the tests read importable from here, as
# they were from the former single module.

__all__ = [
    "REASONS",
    "CleanedText",
    "HeaderDate",
    "HeaderFields",
    "clean_text",
    "looks_like_outlet",
    "remove_off_topic",
]

REASONS: dict[str, str] = {
    "headline": "the headline, moved to the title field",
    "metadata": "a metadata line (section, outlet, date or byline), parsed into fields",
    "repeated-headline": "the headline repeated in the page",
    "caption": "a photo caption",
    "credit": "a photo or copyright credit",
    "chrome": "page chrome (site features, sharing and comment widgets)",
    "related": "a related-article list or teaser after the article",
    "comment": "a reader comment",
    "off-topic": "an off-topic passage, unlike the rest of the article and the corpus",
}
"""Reason codes used in :attr:`Removal.reason`, with their meaning."""
