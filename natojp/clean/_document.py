"""The result of cleaning one document (:class:`CleanedText`, :class:`HeaderFields`)
and :func:`clean_text`, which runs the steps in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from natojp._dates import PartialDate
from natojp.clean._blocks import (
    _BULLET,
    _TABLE_ROW,
    _Block,
    _blocks,
    _content_words,
    _has_key,
    _is_headline_like,
    _key,
    _n_words,
    _strip_bullet,
)
from natojp.clean._header import HeaderDate, _find_headline, _mark_metadata
from natojp.clean._sections import (
    _CAPTION_CUES,
    _CHROME,
    _CREDIT_CUES,
    _FIRST_PERSON,
    _LINE_CUES,
    _QUOTED,
    _RELATED_MAX_SHARED,
    _STOP_END,
    _TRAILING_PIPE,
    _compile_chrome,
    _trailing_marker,
)
from natojp.config import CleanConfig
from natojp.models import Paragraph, Removal, has_words


@dataclass(frozen=True, slots=True)
class HeaderFields:
    """Metadata found in a document's own text.

    ``published`` is the first unambiguous publication date of the header's date lines
    (``published_text`` its line); ``dates`` every date those lines state, in order,
    with line numbers: :func:`natojp.metadata.dates.find_dates` weighs them against the
    other evidence.
    """

    title: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None
    published_text: str | None = None
    section: str | None = None
    byline: str | None = None
    dates: tuple[HeaderDate, ...] = ()

    @property
    def updated(self) -> PartialDate | None:
        """The first unambiguous update date of the header's date lines."""
        return next((d.date for d in self.dates if d.kind == "updated" and d.date), None)


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Result of :func:`clean_text`: body paragraphs, removals and header fields."""

    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]
    fields: HeaderFields = field(default_factory=HeaderFields)


def clean_text(
    text: str, *, title: str | None = None, config: CleanConfig | None = None
) -> CleanedText:
    """Structural cleaning of one document.

    ``title`` is a headline known from a structured source (CSV column, HTML
    metadata); when given, lines repeating it are removed and no headline is looked
    for in the text.
    """
    config = config or CleanConfig()
    extra_chrome = _compile_chrome(tuple(config.extra_chrome_patterns))
    blocks = _blocks(text)
    fields: dict[str, object] = {}
    if not blocks:
        return CleanedText((), (), HeaderFields())

    # 1. Headline, below any date, byline or masthead lines at the top.
    first = 0
    if title is None:
        first = _find_headline(blocks, fields)
        title = _as_str(fields.get("title"))
    if title is not None:
        fields["title"] = title
        tkey = _key(title)
        for b in blocks:
            if b.reason is None and _has_key(b.text, tkey):
                b.reason, b.detail = "repeated-headline", "same text as the headline"

    # 2. Metadata lines near the top.
    _mark_metadata(blocks, first, fields)

    # 3. Trailing sections that start at a marker, page chrome. A comment count near
    # the top ("5 Comments" under the headline, before the second body paragraph) is a
    # page element, not the start of the comments.
    body_seen = False
    trailing: str | None = None
    body_blocks = 0
    for b in blocks:
        if b.reason is not None:
            continue
        stripped = _strip_bullet(b.text)
        cue = _LINE_CUES.match(stripped) is not None
        marker = _trailing_marker(stripped) if cue else None
        if marker == "comment" and body_blocks < 2 and any(c.isdigit() for c in stripped):
            b.reason, b.detail = "chrome", f"page element {stripped!r}: a comment count"
            continue
        if marker is not None and body_seen:
            trailing = marker
            b.reason, b.detail = "chrome", f"{stripped!r} marks the start of a {marker} section"
            continue
        if (cue and _CHROME.match(stripped)) or (
            extra_chrome and any(p.search(stripped) for p in extra_chrome)
        ):
            b.reason, b.detail = "chrome", f"page element {stripped!r}"
            continue
        if trailing is not None:
            b.reason = trailing
            b.detail = f"after the {trailing} marker"
            continue
        if has_words(b.text, 8):  # a body line: the first sets body_seen
            body_seen = True
            body_blocks += 1

    # 4. Photo captions and their credit lines.
    # Each regex search scans the whole line; the plain-string tests in front of them
    # (characters every match needs in a block's stripped text) skip most body
    # paragraphs without a scan.
    for i, b in enumerate(blocks):
        text = b.text
        if b.reason is not None or (text[0] == "|" and _TABLE_ROW.match(text)):
            continue
        if (text[-1] == "|" and _TRAILING_PIPE.search(text)) or (
            ("(" in text or ":" in text) and _CAPTION_CUES.search(text)
        ):
            b.reason, b.detail = "caption", "caption layout (trailing '|' or position cue)"
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                nxt is not None
                and nxt.reason is None
                and _n_words(nxt.text) <= 6
                and not _STOP_END.search(nxt.text)
            ):
                nxt.reason, nxt.detail = "credit", "short line after a caption"
        elif _n_words(text) <= 6 and not text.endswith(".") and _CREDIT_CUES.search(text):
            b.reason, b.detail = "credit", "agency or copyright credit"

    # 5. Trailing list of headlines and reader comments at the end of the page.
    live = [b for b in blocks if b.reason is None]
    if live:
        last = live[-1]
        if (
            last.gap_before >= 3
            and last is not live[0]
            and _FIRST_PERSON.search(_QUOTED.sub("", last.text))
        ):
            last.reason = "comment"
            last.detail = f"after {last.gap_before} blank lines, written in the first person"
            live.pop()
        run: list[_Block] = []
        for b in reversed(live):
            if _BULLET.match(b.text) and _is_headline_like(_strip_bullet(b.text)):
                run.append(b)
            else:
                break
        introduced = len(run) < len(live) and live[-len(run) - 1].text.endswith(":")
        if len(run) >= 2 and len(run) < len(live) and not introduced:
            listed = set().union(*(_content_words(b.text) for b in run))
            rest = set().union(*(_content_words(b.text) for b in live if b not in run))
            if title:
                rest |= _content_words(title)
            shared = len(listed & rest) / len(listed) if listed else 1.0
            if shared < _RELATED_MAX_SHARED:
                for b in run:
                    b.reason = "related"
                    b.detail = f"trailing headline list; {shared:.0%} of its words in the article"

    paragraphs = tuple(Paragraph(b.text, b.line) for b in blocks if b.reason is None)
    removed = tuple(
        Removal(b.line, b.text, b.reason, b.detail) for b in blocks if b.reason is not None
    )
    return CleanedText(
        paragraphs,
        removed,
        HeaderFields(
            title=title,
            outlet=_as_str(fields.get("outlet")),
            published=_as_date(fields.get("published")),
            published_text=_as_str(fields.get("published_text")),
            section=_as_str(fields.get("section")),
            byline=_as_str(fields.get("byline")),
            dates=_as_dates(fields.get("dates")),
        ),
    )


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_date(value: object) -> PartialDate | None:
    return value if isinstance(value, PartialDate) else None


def _as_dates(value: object) -> tuple[HeaderDate, ...]:
    return tuple(d for d in value if isinstance(d, HeaderDate)) if isinstance(value, list) else ()
