"""CSV and TSV (``.csv .tsv``): one document per data row, fields by column name.

The csv module reads the text through :class:`_CsvCells`, which cuts every cell to what
can be used while it is read, so that a huge cell never takes more memory than an
article; rows with an empty text cell, more cells than the header or an unterminated
quote are reported with their line.
"""

from __future__ import annotations

import csv
import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from natojp.config import IngestConfig
from natojp.errors import InputError
from natojp.ingest.decode import _Text
from natojp.ingest.fields import (
    CONTENT_FIELDS,
    _as_field,
    _map_fields,
    _no_text_field,
    by_content,
    column_mapping,
)
from natojp.ingest.items import _Doc, _Item, _RowSkip
from natojp.models import Skipped

_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 1 << 20


def _sniff_delimiter(text: str) -> str:
    """The delimiter among ``, ; TAB |`` used most in the header line (outside quotes)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in text[: text.find("\n") if "\n" in text else len(text)]:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _raise_field_limit(limit: int) -> None:
    """Let the csv module read a cell of ``limit`` characters (the default is 128 KB);
    :class:`_CsvCells` never gives it a longer one, so this is only a backstop."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


@dataclass(slots=True)
class _Cut:
    """What was left out of one CSV cell (and, once a record is left out, of the cells
    after it): the number of characters, how many of the last ones are whitespace,
    whether any is text (for blank rows) and whether any is not whitespace (delimiters
    included, for the length of a joined text)."""

    dropped: int = 0
    tail: int = 0
    text: bool = False
    visible: bool = False

    def add(self, part: str) -> None:
        """Count ``part`` as left out."""
        self.dropped += len(part)
        kept = len(part.rstrip())
        if kept:
            self.tail, self.text, self.visible = len(part) - kept, True, True
        else:
            self.tail += len(part)

    def add_run(self, run: str, delimiter: str, delimiters: int) -> None:
        """Count ``run``, holding ``delimiters`` delimiters, as left out."""
        if not delimiters:
            self.add(run)
            return
        self.dropped += len(run)
        self.visible = True
        last = run.rsplit(delimiter, 1)[1]
        self.text = self.text or bool(run.replace(delimiter, "").strip())
        self.tail = len(last) - len(last.rstrip())

    def add_delimiter(self) -> None:
        """Count a delimiter left out (it separates cells, it is not their text)."""
        self.dropped += 1
        self.tail, self.visible = 0, True


_MAX_COLUMNS = 100_000
"""A CSV header with more columns is not a table of articles (bounds the header row)."""
_OTHER_CELL_CHARS = 100
"""Characters kept of a cell in a column that is not read (its emptiness still counts)."""
_CELL_SLACK = 4096
"""Characters kept beyond ``max_article_chars + 1`` of a cell that is read (leading
whitespace, stripped later)."""

_START_RECORD, _START_FIELD, _IN_FIELD, _IN_QUOTES, _QUOTE_IN_QUOTES = range(5)
_QUOTE_OR_LINE_END = re.compile('["\n]')


class _CsvCells:
    """Feeds :func:`csv.reader` one record per item, each cell cut while it is read.

    It follows the csv module's reading of quotes character by character (a ``"`` at
    the start of a cell opens a quoted cell, in which ``""`` is one quote and line ends
    are text; any character after the closing quote continues the cell; outside quotes
    the delimiter ends a cell and ``\\n`` the record), so it knows which cell it is in
    and cuts each cell to the characters that can be used. Lines without quotes whose
    cells all fit are passed on whole.

    After the csv module returns a row, ``line`` is the line of the file the row ended
    on, ``cuts`` says what was left out of which cell and ``extra`` how many cells
    were left out after the last one kept. Until :meth:`read_rows` is called (with the
    header), every cell keeps ``keep`` characters and a record at most
    :data:`_MAX_COLUMNS` cells (``overflow`` says when more were left out).
    """

    def __init__(self, pieces: Iterable[str], delimiter: str, keep: int) -> None:
        self.line = 0
        self.cuts: dict[int, _Cut] = {}
        self.extra = 0
        self.overflow = False
        self.unterminated = False  # the file ended inside quotes...
        self._strict_ok = True  # ...and the csv module's strict mode agrees
        self._pieces = pieces
        self._delim = delimiter
        self._ends = re.compile(f"[{re.escape(delimiter)}\n]")
        self._keeps: list[int] = []
        self._rest = keep  # characters kept of cells beyond ``_keeps``
        self._max_cells = _MAX_COLUMNS
        self._join_from: int | None = None  # cells from here on share one budget
        self._state = _START_RECORD
        self._out: list[str] = []
        self._cell = 0
        self._room = 0
        self._dropping = False  # the rest of the record is left out

    def read_rows(self, keeps: list[int], rest: int, join_from: int | None) -> None:
        """Cut the records after the header: cell ``i`` to ``keeps[i]`` characters, the
        cells beyond to ``rest`` (one cell at most), or with ``join_from`` the cells from
        there on to ``rest`` characters together (they are joined into one text)."""
        self._keeps, self._rest, self._join_from = keeps, rest, join_from
        self._max_cells = len(keeps) + 1 if join_from is None else sys.maxsize

    def blank(self, row: list[str]) -> bool:
        """True for a row without text (cells that were cut included)."""
        return not any(c.strip() for c in row) and not any(c.text for c in self.cuts.values())

    def __iter__(self) -> Iterator[str]:
        last = ""
        for piece in self._pieces:
            if piece:
                last = piece[-1]
                yield from self._feed(piece)
        if self._state == _QUOTE_IN_QUOTES:
            self._emit('"')
        self.unterminated = self._state == _IN_QUOTES and self._strict_ok
        if last and last != "\n":
            self.line += 1  # the last line has no line end
        if self._state != _START_RECORD:
            self._state = _START_RECORD
            yield "".join(self._out)

    def _feed(self, s: str) -> Iterator[str]:
        """The records completed by one piece of text."""
        i, n = 0, len(s)
        while i < n:
            state = self._state
            if state == _START_RECORD:
                self._start_record()
                j = s.find("\n", i)
                if j >= 0 and self._fits(s, i, j):
                    self.line += 1
                    self._state = _START_RECORD
                    yield s[i : j + 1]
                    i = j + 1
                    continue
                self._state = _START_FIELD
                continue
            if self._dropping and state in (_START_FIELD, _IN_FIELD) and s[i] not in '"\n':
                i = self._drop_run(s, i)
                continue
            if state == _START_FIELD:
                c = s[i]
                if c == "\n":
                    i += 1
                    yield self._end_record()
                elif c == '"':
                    self._emit(c)
                    self._state = _IN_QUOTES
                    i += 1
                elif c == self._delim:
                    self._next_cell()
                    i += 1
                else:
                    self._state = _IN_FIELD
                continue
            if state == _IN_FIELD:
                m = self._ends.search(s, i)
                j = n if m is None else m.start()
                if j > i:
                    self._add(s[i:j])
                if m is None:
                    break
                i = j + 1
                if s[j] == "\n":
                    yield self._end_record()
                else:
                    self._next_cell()
                    self._state = _START_FIELD
                continue
            if state == _IN_QUOTES:
                j = s.find('"', i)
                end = n if j < 0 else j
                if end > i:
                    self.line += s.count("\n", i, end)
                    self._add(s[i:end])
                if j < 0:
                    break
                self._state = _QUOTE_IN_QUOTES  # the quote is emitted once the next
                i = j + 1  # character says whether it is "" or a closing quote
                continue
            c = s[i]  # _QUOTE_IN_QUOTES
            if c == '"':
                self._add_quote()
                self._state = _IN_QUOTES
                i += 1
                continue
            self._emit('"')
            if c == "\n":
                i += 1
                yield self._end_record()
            elif c == self._delim:
                self._next_cell()
                self._state = _START_FIELD
                i += 1
            else:  # the cell goes on after its closing quote (strict mode: an error)
                self._strict_ok = False
                self._state = _IN_FIELD

    def _drop_run(self, s: str, i: int) -> int:
        """Leave out the cells up to the next quote or line end at once (a record of
        millions of cells is not read cell by cell); where the run ends."""
        m = _QUOTE_OR_LINE_END.search(s, i)
        j = len(s) if m is None else m.start()
        run = s[i:j]
        cells = run.count(self._delim)
        self.extra += cells
        self._cut().add_run(run, self._delim, cells)
        self._state = _START_FIELD if run.endswith(self._delim) else _IN_FIELD
        return j

    def _fits(self, s: str, i: int, j: int) -> bool:
        """Whether the line ``s[i:j]`` has no quotes and its cells all fit."""
        if s.find('"', i, j) >= 0:
            return False
        count = s.count(self._delim, i, j) + 1
        if count > self._max_cells:
            return False
        if count <= len(self._keeps) and j - i <= _OTHER_CELL_CHARS:
            return True
        cells = s[i:j].split(self._delim)
        if self._join_from is not None and count > self._join_from:
            joined = cells[self._join_from :]
            if sum(map(len, joined)) + len(joined) - 1 > self._rest:
                return False
            cells = cells[: self._join_from]
        keeps = self._keeps
        rest = self._rest
        return all(len(c) <= (keeps[k] if k < len(keeps) else rest) for k, c in enumerate(cells))

    def _start_record(self) -> None:
        self._out = []
        self.cuts = {}
        self.extra = 0
        self._strict_ok = True
        self._dropping = False
        self._cell = 0
        self._room = self._keep(0)

    def _keep(self, cell: int) -> int:
        return self._keeps[cell] if cell < len(self._keeps) else self._rest

    def _end_record(self) -> str:
        """The item of the record that a line end just ended."""
        self._out.append("\n")
        self.line += 1
        self._state = _START_RECORD
        return "".join(self._out)

    def _emit(self, text: str) -> None:
        if not self._dropping:
            self._out.append(text)

    def _cut(self) -> _Cut:
        cut = self.cuts.get(self._cell)
        if cut is None:
            cut = self.cuts[self._cell] = _Cut()
        return cut

    def _add(self, text: str) -> None:
        """Characters of the current cell: kept while there is room, else left out."""
        if self._dropping or len(text) > self._room:
            room = 0 if self._dropping else self._room
            if room:
                self._out.append(text[:room])
            self._cut().add(text[room:])
            self._room = 0
        else:
            self._out.append(text)
            self._room -= len(text)

    def _add_quote(self) -> None:
        """A quote written ``""`` inside a quoted cell: one character."""
        if self._dropping or not self._room:
            self._cut().add('"')
        else:
            self._out.append('""')
            self._room -= 1

    def _next_cell(self) -> None:
        """A delimiter outside quotes: the next cell, or the rest of the record left out."""
        if self._dropping:
            self.extra += 1
            self._cut().add_delimiter()
            return
        joined = self._join_from is not None and self._cell >= self._join_from
        if self._cell + 1 >= self._max_cells or (joined and not self._room):
            self._dropping = True
            self.overflow = self.overflow or not self._keeps
            self.extra += 1
            self._cut().add_delimiter()
            return
        self._out.append(self._delim)
        self._cell += 1
        if joined:
            self._room -= 1  # the delimiter is part of the joined text
        else:
            self._room = self._keep(self._cell)


def _read_csv(source: _Text, fmt: str, path: str, config: IngestConfig) -> Iterator[_Item]:
    """One document per data row; cells may hold quoted newlines.

    The csv module reads the text through :class:`_CsvCells`, which cuts every cell to
    what can be used, so that a huge cell never takes more memory than an article.
    """
    keep = config.max_article_chars + 1 + _CELL_SLACK
    _raise_field_limit(keep + 1)
    pieces = source.pieces()
    opening: list[str] = []  # the pieces up to the end of the header line
    for piece in pieces:
        opening.append(piece)
        if "\n" in piece or sum(map(len, opening)) >= _SNIFF_CHARS:
            break
    head = opening[0] if len(opening) == 1 else "".join(opening)
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(head[:_SNIFF_CHARS])
    cells = _CsvCells(itertools.chain(opening, pieces), delimiter, keep)
    reader = csv.reader(cells, delimiter=delimiter)
    try:
        header = next((row for row in reader if not cells.blank(row)), None)
    except csv.Error as exc:
        raise InputError(f"unreadable CSV header: {exc}", path=path, line=cells.line) from None
    if header is None:
        raise InputError("empty file", path=path)
    if cells.overflow:
        raise InputError(
            f"the header has more than {_MAX_COLUMNS:,} columns: not a table of articles",
            path=path,
            line=cells.line,
        )
    header = [h.strip() for h in header]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    fields = _map_fields(header, config.columns, kind="column", path=path)
    if "text" not in fields:
        yield _no_text_field(header, kind="column", path=path, line=cells.line)
        return
    text_col = header[fields["text"]]
    width = len(header)
    read = set(fields.values())
    joined = fields["text"] == width - 1  # a last text column takes unquoted delimiters
    missing = [f for f in CONTENT_FIELDS if f not in fields and getattr(config.columns, f) is None]
    other = _GUESS_CELL_CHARS if missing else _OTHER_CELL_CHARS
    cells.read_rows(
        [keep if i in read else other for i in range(width)],
        keep if joined else 0,
        width - 1 if joined else None,
    )
    records = _records(reader, cells, path)
    content: dict[str, int] = {}
    if missing:  # no column name says which holds dates or addresses: look at values
        sample = list(itertools.islice(records, _SAMPLE_ROWS))
        rows = [r.row for r in sample if isinstance(r, _Record) and not r.blank]
        content = by_content(header, rows, read, missing)
        fields.update(content)
        records = itertools.chain(sample, records)
    yield column_mapping(path, "column", header, fields, config.columns, content)
    n = 0
    ragged: tuple[int, int] | None = None
    ragged_rows = 0
    last: tuple[int, int] | None = None  # (first, last) line of the last row read
    for record in records:
        if isinstance(record, Skipped):
            yield record
            return
        row, line = record.row, record.line
        last = (line, record.end)
        if record.blank:
            continue  # blank line: not a data row
        n += 1
        notes: tuple[str, ...] = ()
        count = len(row) + record.extra
        if len(row) < width:
            row += [""] * (width - len(row))
        elif count > width and joined:
            # Unquoted delimiters in the text, the last column: join them back.
            row[width - 1 :] = [delimiter.join(row[width - 1 :])]
            if width > 1:
                notes = (
                    f"row {n} (line {line}) has unquoted {_DELIMITER_NAMES[delimiter]}s in its "
                    "text, the last column; they were kept as text",
                )
        elif count > width:
            notes = (
                f"row {n} (line {line}) has {count} cells but the header has {width}; "
                "the extra cells were ignored",
            )
            if ragged is None:
                ragged = (n, line)
            ragged_rows += 1

        cell = row[fields["text"]]
        body = cell.strip()
        if not body:
            yield _RowSkip(path, "row", n, f"empty text in column {text_col!r}", line)
            continue
        yield _Doc(
            str(n),
            body,
            fmt,
            source.encoding,
            title=_cell(row, fields, "title"),
            outlet=_cell(row, fields, "outlet"),
            published=_cell(row, fields, "date"),
            url=_cell(row, fields, "url"),
            notes=notes,
            size=_cell_size(cell, record.cuts, fields["text"], joined),
        )
    if n == 0:
        yield Skipped(path, "the file has a header but no data rows")
    if ragged is not None:
        yield Skipped(
            path,
            f"{ragged_rows:,} row(s) have more cells than the {width} columns of the header "
            f"(the first: row {ragged[0]}, line {ragged[1]}); their extra cells were ignored. "
            f"Is a {_DELIMITER_NAMES[delimiter]} in the text not quoted?",
            ragged[1],
        )
    if last is not None and last[1] > last[0] and cells.unterminated:
        yield Skipped(
            path,
            f"unterminated quote: the row starting on line {last[0]} runs to the end of the "
            f"file (line {last[1]}), so any rows after it were read as its text; "
            f"check the quotes on line {last[0]}",
            last[0],
        )


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


_SAMPLE_ROWS = 20
"""Rows looked at to find a date or address column by its values."""
_GUESS_CELL_CHARS = 4096
"""Characters kept of a cell that may hold a date or address (a column not yet known)."""


@dataclass(frozen=True, slots=True)
class _Record:
    """One CSV record as read: its cells, first and last line, the cells beyond the
    ones kept, the cuts made while reading it, and whether it holds no text."""

    row: list[str]
    line: int
    end: int
    extra: int
    cuts: dict[int, _Cut]
    blank: bool


def _records(
    reader: Iterator[list[str]], cells: _CsvCells, path: str
) -> Iterator[_Record | Skipped]:
    """The records after the header; a CSV error ends them with its skip."""
    start = cells.line + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(
                path,
                f"CSV error ({exc}) in the row starting on line {start}; "
                "the rest of the file was not read",
                start,
            )
            return
        line, start = start, cells.line + 1
        yield _Record(row, line, cells.line, cells.extra, dict(cells.cuts), cells.blank(row))


def _cell_size(cell: str, cuts: dict[int, _Cut], column: int, joined: bool) -> int | None:
    """The length of a text cell that was cut while read (None: it was not), stripped."""
    left = [c for i, c in cuts.items() if i == column or (joined and i > column)]
    if not any(c.visible for c in left):
        return None
    return len(cell.lstrip()) + sum(c.dropped for c in left) - left[-1].tail


def _cell(row: list[str], fields: dict[str, int], fld: str) -> str | None:
    """A metadata field of a CSV row, or None when the file has no such column."""
    i = fields.get(fld)
    return _as_field(row[i]) if i is not None else None
