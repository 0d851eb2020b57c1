"""Reading news documents from files, folders, zip archives and browser uploads.

:func:`read_paths` reads files and folders (recursively), :func:`read_uploads` reads
(file name, bytes) pairs from the dashboard. Both return an :class:`IngestResult`: the
documents read, every input that could not be read with the reason, and the
``manifest.toml`` files found beside the articles (applied later, never read here).

Formats, chosen by file suffix (case-insensitive):

``.txt .text``
    plain text; one document per file.
``.md .markdown``
    plain text; a leading ``---`` front-matter block of ``key: value`` lines gives
    title, date, outlet and url and is blanked out of ``text`` (replaced by as many
    empty lines, so line numbers of ``text`` are still lines of the file).
``.html .htm .xhtml``
    main text and metadata extracted with trafilatura; paragraphs one per line. A
    page over ``max_html_bytes`` or ``max_html_elements`` (elements plus attributes)
    is skipped; a page nested deeper than lxml's parser allows (256 elements) is read
    from its paragraphs and headings by the stdlib parser, with a note saying so.
``.csv .tsv``, ``.jsonl .ndjson``, ``.json``
    one document per row / line / object, fields found by column or key name (see
    :data:`FIELD_ALIASES`; :class:`~natojp.config.ColumnMap` overrides them).
``.sgm .sgml``
    Reuters-21578 SGML: one document per ``<REUTERS>`` story that has a ``<BODY>``.
``.zip``
    every member read by the readers above (nested archives are not opened).

Memory: a file is decoded chunk by chunk once it is larger than
:data:`~natojp.ingest.decode._WHOLE_BYTES`, and only what can be used is held: the
start of a text that ``max_article_chars`` keeps (its whole length is still reported),
CSV cells cut while the csv module reads them (:class:`~natojp.ingest.tables._CsvCells`),
one JSONL line, JSON item or Reuters story at a time. A line, item or story of more than
16 times ``max_article_chars`` characters is skipped unread, and the next ones are read.

Skips: rows, lines or items of one file skipped for the same reason are listed once,
with their count and the first row numbers. Any error while reading one file or
archive member, expected or not, becomes a skip of that input, and the batch goes
on. In a folder, a symbolic link to a file outside the folder is skipped unless
``IngestConfig.follow_symlinks`` (links to folders are never followed).

Document ids are unique within a result:

* a file in a given folder: its path relative to that folder without the extension,
  with ``/`` separators (``business/007``); a file given directly: its stem;
* a zip member: its path relative to the longest directory prefix common to all
  members, without the extension, prefixed with the archive's own id when the
  archive was found in a folder (``bbc-fulltext/bbc/business/007.txt`` given directly
  is ``business/007``);
* a row: ``<file id>#<n>`` with ``n`` the 1-based data row (CSV), the line number
  (JSONL), the 1-based index (JSON list) or the story's NEWID (Reuters);
* a clash (``a.txt`` and ``a.html``) keeps the first id and gives the later one its
  extension (``a.html``), then ``~2``, ``~3``... in reading order, which is sorted and
  therefore the same on every run.

``source_path`` is the path as the user knows it: as given for a file given directly,
``<folder name>/<relative path>`` for a file in a folder, ``<archive>!<member>`` for an
archive member (rows carry the path of their file; the id tells the row).

``SourceText.line_numbers`` is True only for plain text and Markdown, whose ``text``
lines are the file's lines; extracted text (HTML), cells and SGML bodies are not.

Modules: :mod:`~natojp.ingest.batch` (the two readers above: folders, uploads),
:mod:`~natojp.ingest.archive` (zip members), :mod:`~natojp.ingest.formats` (the reader
of each suffix), one module per format (:mod:`~natojp.ingest.text`,
:mod:`~natojp.ingest.webpage`, :mod:`~natojp.ingest.tables`,
:mod:`~natojp.ingest.records`, :mod:`~natojp.ingest.sgml`), and what they share:
:mod:`~natojp.ingest.decode` (bytes to text), :mod:`~natojp.ingest.fields` (columns
and keys to fields), :mod:`~natojp.ingest.items` (what a reader yields),
:mod:`~natojp.ingest.limits` (cap messages) and :mod:`~natojp.ingest.sink` (the batch:
ids, caps, skips).
"""

from __future__ import annotations

from natojp.ingest.batch import read_paths, read_uploads, safe_upload_name
from natojp.ingest.decode import MIXED_ENCODING, decode_bytes
from natojp.ingest.fields import FIELD_ALIASES
from natojp.ingest.formats import MANIFEST_NAME, SUPPORTED_SUFFIXES
from natojp.ingest.sink import IngestResult

__all__ = [
    "FIELD_ALIASES",
    "MANIFEST_NAME",
    "MIXED_ENCODING",
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "decode_bytes",
    "read_paths",
    "read_uploads",
    "safe_upload_name",
]
