"""Web pages (``.html .htm .xhtml``): main text and metadata extracted by trafilatura.

Byline and credit elements trafilatura leaves out (``<p class="byline">KYODO</p>``,
``<p class="author-credits">mgo/dpa/Reuters</p>``) are put back as lines where they
stand, so that outlet and wire detection can read them (:func:`_with_credit_lines`).

A page over the caps ``max_html_bytes`` or ``max_html_elements`` (elements plus
attributes, counted by lxml without building a tree) is not parsed. A page nested deeper
than lxml's parser allows is read from its paragraphs and headings by the stdlib parser
(:class:`_PageText`), with a note saying so. The charset a page declares is tried after
UTF-8.

(Not named ``html.py``: :mod:`natojp.ingest.sgml` imports the standard library's
:mod:`html`.)
"""

from __future__ import annotations

import re
from contextlib import suppress
from html.parser import HTMLParser
from typing import Any

from natojp.config import IngestConfig
from natojp.errors import InputError
from natojp.ingest.decode import _open_text, _Text
from natojp.ingest.fields import _as_field
from natojp.ingest.items import _Doc
from natojp.ingest.limits import _size, how_to_raise

_HTML_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (meta tag or XML declaration)."""
    m = _HTML_CHARSET.search(data[:4096])
    if m is None:
        return None
    label = m.group(1) or m.group(2)
    return label.decode("ascii", "replace") if label else None


def _read_html(data: bytes, path: str, config: IngestConfig) -> _Doc:
    """Main text and metadata of a web page, extracted by trafilatura.

    A page over ``max_html_bytes`` or with more than ``max_html_elements`` elements and
    attributes is not parsed. When trafilatura finds no text in a page nested deeper
    than its parser allows, the paragraphs are read by :class:`_PageText` instead.
    """
    if len(data) > config.max_html_bytes:
        raise InputError(
            f"HTML page too large to extract its text: {_size(len(data))}, over the cap of "
            f"{_size(config.max_html_bytes)} per page (max_html_bytes); "
            f"{how_to_raise('max_html_bytes')}",
            path=path,
        )
    source = _open_text(data, path=path, declared=_declared_charset(data))
    text = source.text()
    markup = _count_markup(text)
    if markup > config.max_html_elements:
        raise InputError(
            f"HTML page too complex to extract its text: {markup:,} elements and attributes, "
            f"over the cap of {config.max_html_elements:,} per page (max_html_elements); "
            f"{how_to_raise('max_html_elements')}",
            path=path,
        )
    import trafilatura

    try:
        doc: Any = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # No guessing a date from the page text: only metadata and markup dates.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a third-party parser on untrusted markup
        raise InputError(f"could not extract text from the HTML: {exc}", path=path) from None
    body = _doc_value(doc, "text") or ""
    lines = [" ".join(x.split()) for x in body.split("\n")]
    lines = _with_credit_lines(text, [x for x in lines if x])
    body = "\n".join(lines)
    if not body:
        return _read_deep_html(text, source, path)

    def meta(name: str) -> str | None:
        value = _doc_value(doc, name)
        return _as_field(value) if value else None

    return _Doc(
        None,
        body,
        "html",
        source.encoding,
        title=meta("title"),
        outlet=meta("sitename"),
        published=_published(text, meta("date")),
        url=meta("url"),
        updated=_modified(text),
    )


# Byline and credit elements, which trafilatura leaves out of the text: "KYODO",
# "mgo/dpa/Reuters", "FRANCE 24 avec AFP". Not photo credits, author bios or widgets.
_CREDIT_CLASS = re.compile(
    r"byline|author|credit|dateline|signature|firma|autor|auteur", re.IGNORECASE
)
_NOT_CREDIT_CLASS = re.compile(
    r"photo|image|img|caption|picture|media|video|avatar|bio|social|share|follow|comment"
    r"|related|newsletter|promo",
    re.IGNORECASE,
)
_CREDIT_ATTRIBUTES = ("class", "id", "itemprop", "rel")
_OUTSIDE_ARTICLE = frozenset(
    {"head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside"}
    | {"figure", "figcaption", "form", "button", "select"}
)
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
_MAX_CREDIT_LINE = 120
_MAX_CREDIT_LINES = 3


def _with_credit_lines(page: str, lines: list[str]) -> list[str]:
    """``lines`` (the extracted text) with the page's byline and credit lines that
    trafilatura dropped put back where they stand in the page: before the next
    paragraph that was kept, else after the last one. The outlet and wire detection read
    them (:mod:`natojp.metadata`); no other words are added."""
    if not lines:
        return lines
    import lxml.html

    try:
        root = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return lines
    kept = {line: index for index, line in reversed(list(enumerate(lines)))}  # first index
    before: dict[int, list[str]] = {}  # line index -> credits to put before it
    pending: list[str] = []
    last = -1
    taken: set[str] = set()
    credit_tree: set[Any] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        if element in credit_tree:
            continue
        if _is_credit(element) and len(taken) < _MAX_CREDIT_LINES:
            words = " ".join(element.text_content().split())
            if 0 < len(words) <= _MAX_CREDIT_LINE:
                credit_tree.update(element.iterdescendants())
                if words not in taken and not any(words in line for line in lines):
                    taken.add(words)  # not kept, not part of a kept line
                    pending.append(words)
                continue
        if element.tag not in _TEXT_BLOCKS:
            continue
        words = " ".join(element.text_content().split())
        index = kept.get(words)
        if index is not None:
            if pending:
                before.setdefault(index, []).extend(pending)
                pending = []
            last = max(last, index)
    if not before and not pending:
        return lines
    out: list[str] = []
    for index, line in enumerate(lines):
        out.extend(before.get(index, ()))
        out.append(line)
        if index == last:
            out.extend(pending)
            pending = []
    return [*out, *pending]


def _is_credit(element: Any) -> bool:
    """Whether an element is a byline or credit of the article (by its attributes)."""
    names = " ".join(str(element.get(a) or "") for a in _CREDIT_ATTRIBUTES)
    if not _CREDIT_CLASS.search(names) or _NOT_CREDIT_CLASS.search(names):
        return False
    return not any(
        isinstance(a.tag, str) and a.tag in _OUTSIDE_ARTICLE for a in element.iterancestors()
    )


_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_META_ATTRIBUTE = re.compile(
    r"""\b(property|name|itemprop|content)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
_MODIFIED_NAMES = frozenset(
    {"article:modified_time", "og:updated_time", "datemodified", "dcterms.modified"}
    | {"dc.date.modified", "last-modified", "lastmod", "modified"}
)
_NAME_ATTRIBUTES = ("property", "name", "itemprop")
_JSON_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]{4,40})"')


_PUBLISHED_NAMES = frozenset(
    {"article:published_time", "og:published_time", "datepublished", "dcterms.created"}
)
_JSON_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')


def _published(page: str, date: str | None) -> str | None:
    """The publication date trafilatura (htmldate) found, as the page writes it when the
    page gives it with a time: ``2025-04-16T20:00:00Z`` rather than ``2025-04-16``, so
    that :func:`natojp.metadata.dates.find_dates` can read it in the publisher's own time
    zone. Only a timestamp of the same written day replaces htmldate's date."""
    if not date or "ublished" not in page:
        return date
    for stamp in _stamps(page, _PUBLISHED_NAMES, _JSON_PUBLISHED):
        if stamp[:10] == date[:10] and len(stamp) > 10:
            return stamp
    return date


def _stamps(page: str, names: frozenset[str], json_pattern: re.Pattern[str]) -> list[str]:
    """Values of the page's ``<meta>`` tags named one of ``names``, then of its JSON-LD
    fields matching ``json_pattern``, in page order."""
    found: list[str] = []
    for tag in _META_TAG.findall(page):
        attributes = {
            m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _META_ATTRIBUTE.finditer(tag)
        }
        content = (attributes.get("content") or "").strip()
        if (
            content
            and {(attributes.get(k) or "").strip().lower() for k in _NAME_ATTRIBUTES} & names
        ):
            found.append(content)
    return found + [v.strip() for v in json_pattern.findall(page)]


def _modified(page: str) -> str | None:
    """When the page says it was last modified: a ``<meta>`` tag
    (``article:modified_time``, ``og:updated_time``, ``itemprop="dateModified"``...),
    else the JSON-LD ``dateModified`` if every one in the page says the same. As
    written (``2025-06-13T09:40:00+09:00``): the date is read by
    :func:`natojp.metadata.dates.find_dates`."""
    if "odified" not in page and "updated_time" not in page and "lastmod" not in page:
        return None
    for tag in _META_TAG.findall(page):
        attributes = {
            m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _META_ATTRIBUTE.finditer(tag)
        }
        content = (attributes.get("content") or "").strip()
        names = {(attributes.get(k) or "").strip().lower() for k in _NAME_ATTRIBUTES}
        if content and names & _MODIFIED_NAMES:
            return _as_field(content)
    found = [v.strip() for v in _JSON_MODIFIED.findall(page)]
    return _as_field(found[0]) if len({v[:10] for v in found}) == 1 else None


def _doc_value(doc: object, name: str) -> str | None:
    """A string field of trafilatura's result (a ``Document``, or a dict in some versions)."""
    value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
    return value if isinstance(value, str) else None


class _MarkupCounter:
    """lxml parser target counting elements and attributes (no tree is built)."""

    def __init__(self) -> None:
        self.count = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.count += 1 + len(attrib)

    def end(self, tag: str) -> None:
        pass

    def close(self) -> int:
        return self.count


def _count_markup(text: str) -> int:
    """Elements plus attributes of an HTML page, as lxml (trafilatura's parser) reads it."""
    import lxml.etree

    parser = lxml.etree.HTMLParser(target=_MarkupCounter())
    try:
        parser.feed(text)
        count: int = parser.close()
    except (lxml.etree.Error, ValueError):  # unparsable: trafilatura will say so
        return 0
    return count


_DEPTH_ERROR = re.compile(r"Excessive depth in document: (\d+)")


def _parser_depth_limit(text: str) -> int | None:
    """The nesting limit lxml's HTML parser hit on this page, or None."""
    import lxml.etree

    parser = lxml.etree.HTMLParser()
    with suppress(lxml.etree.Error, ValueError):
        lxml.etree.fromstring(text, parser)
    for entry in parser.error_log:
        m = _DEPTH_ERROR.search(str(entry.message))
        if m is not None:
            return int(m.group(1))
    return None


def _read_deep_html(text: str, source: _Text, path: str) -> _Doc:
    """A page in which trafilatura found no text: when its markup is nested deeper than
    lxml's limit, its paragraphs read by :class:`_PageText`; else the skip reason."""
    limit = _parser_depth_limit(text)
    if limit is None:
        raise InputError(
            "no article text found in this HTML page (is it an index or script-only page?)",
            path=path,
        )
    page = _PageText()
    page.feed(text)
    page.close()
    nesting = (
        f"its markup is nested {page.depth:,} elements deep, deeper than the limit of "
        f"{limit:,} of the HTML parser that extracts article text"
    )
    body = "\n".join(page.paragraphs)
    if not body:
        raise InputError(
            f"no article text found in this HTML page: {nesting}, and it has no paragraph "
            "text outside scripts and styles",
            path=path,
        )
    note = (
        f"{nesting}; its text was taken from its paragraphs and headings by a simpler "
        "parser, without removing boilerplate or reading metadata other than the title"
    )
    return _Doc(None, body, "html", source.encoding, title=page.title, notes=(note,))


class _PageText(HTMLParser):
    """Paragraph and heading text of a page, at any nesting depth (the stdlib parser
    has no depth limit); ``depth`` is the deepest nesting of elements seen."""

    _BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})
    _HIDDEN = frozenset(
        {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}
        | {"textarea", "select", "nav", "footer", "aside", "form"}
    )
    _VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
        | {"param", "source", "track", "wbr"}
    )
    _SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: str | None = None
        self.depth = 0
        self._stack: list[str] = []
        self._open: dict[str, int] = {}
        self._hidden = 0
        self._block_at = -1  # stack height of the block being read, -1: none
        self._parts: list[str] = []
        self._title_parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        if tag in self._SELF_CLOSING and self._stack and self._stack[-1] == tag:
            self._pop()
        self._stack.append(tag)
        self._open[tag] = self._open.get(tag, 0) + 1
        self.depth = max(self.depth, len(self._stack))
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag == "title" and self.title is None and not self._hidden:
            self._title_parts = []
        elif tag in self._BLOCKS and self._block_at < 0 and not self._hidden:
            self._block_at = len(self._stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <div/>: nothing inside

    def handle_endtag(self, tag: str) -> None:
        if not self._open.get(tag):
            return  # a stray end tag
        while self._stack and self._pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._title_parts is not None:
            self._title_parts.append(data)
        elif self._block_at >= 0:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        while self._stack:
            self._pop()

    def _pop(self) -> str:
        """Close the innermost open element; flush a finished paragraph or title."""
        if self._block_at == len(self._stack):
            words = " ".join("".join(self._parts).split())
            if words:
                self.paragraphs.append(words)
            self._parts, self._block_at = [], -1
        tag = self._stack.pop()
        self._open[tag] -= 1
        if tag in self._HIDDEN:
            self._hidden -= 1
        elif tag == "title" and self._title_parts is not None:
            self.title = " ".join("".join(self._title_parts).split()) or None
            self._title_parts = None
        return tag
