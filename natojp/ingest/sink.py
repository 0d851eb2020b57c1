"""The per-batch sink: :class:`_Sink` collects the documents of a batch with unique
ids, applies the batch caps (``max_articles``, ``max_text_bytes``, ``max_total_bytes``) and
``max_article_chars``, turns any error reading one input into a skip of that input
(:meth:`_Sink.isolated`), and groups the rows of a file skipped for the same reason
(:class:`_RowSkips`); :class:`IngestResult` is what a batch gives.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from natojp.config import IngestConfig
from natojp.errors import InputError
from natojp.ingest.items import _Doc, _Item, _RowSkip
from natojp.ingest.limits import _cut_point, _size, _truncated, how_to_raise
from natojp.models import ColumnMapping, Skipped, SourceText


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What a batch of inputs gave: documents, skipped inputs, manifest files, and the
    columns or keys each structured file was read with."""

    documents: tuple[SourceText, ...]
    skipped: tuple[Skipped, ...]
    manifest_paths: tuple[Path, ...] = ()
    columns: tuple[ColumnMapping, ...] = ()


@dataclass(slots=True)
class _Sink:
    """Collects documents with unique ids, skipped inputs and manifests; applies the caps."""

    config: IngestConfig
    documents: list[SourceText] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)
    columns: list[ColumnMapping] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    next_suffix: dict[str, int] = field(default_factory=dict)
    capped_at: str | None = None
    cap: str = ""  # the IngestConfig field of the cap that stopped reading
    not_read: int = 0
    bytes_read: int = 0
    text_bytes: int = 0  # memory held by the documents' texts (max_text_bytes)

    @property
    def capped(self) -> bool:
        """True once a batch cap (articles, total bytes) stopped reading."""
        return self.capped_at is not None

    def charge(self, path: str, size: int) -> bool:
        """Count ``size`` bytes read for ``path`` against ``max_total_bytes``.

        False, and reading stops, when the batch would go over the cap.
        """
        if self.bytes_read + size > self.config.max_total_bytes:
            self.capped_at, self.cap = path, "max_total_bytes"
            return False
        self.bytes_read += size
        return True

    def claim(self, base: str, alt: str | None = None) -> str:
        """A unique id: ``base``, else ``alt``, else ``base~2``, ``base~3``..."""
        for candidate in (base, alt):
            if candidate is not None and candidate not in self.used:
                self.used.add(candidate)
                return candidate
        k = self.next_suffix.get(base, 2)
        while f"{base}~{k}" in self.used:
            k += 1
        self.next_suffix[base] = k + 1
        self.used.add(f"{base}~{k}")
        return f"{base}~{k}"

    def skip(self, path: str, reason: str, line: int | None = None) -> None:
        """Record an input that was not read."""
        self.skipped.append(Skipped(path, reason, line))

    @contextmanager
    def isolated(self, path: str) -> Iterator[None]:
        """Run the reading of one input: any error becomes a skip of ``path`` (with an
        :class:`InputError`'s own path, line and message), and the batch goes on."""
        try:
            yield
        except InputError as exc:
            self.skip(exc.path or path, exc.message, exc.line)
        except Exception as exc:  # a bug or a library failing on hostile input
            self.skip(path, _unexpected(exc))

    def take(
        self,
        items: Iterator[_Item],
        *,
        base: str,
        alt: str | None,
        path: str,
        notes: tuple[str, ...] = (),
    ) -> None:
        """Add the documents of one file (id ``base`` or ``alt``); failures become skips.

        A document longer than ``max_article_chars`` is cut (at a line or word break)
        and the cut is recorded both as a skip and as a note of the document. Rows
        skipped for the same reason are listed once (:class:`_RowSkips`).
        """
        rows = _RowSkips(self.skipped)
        file_id: str | None = None
        try:
            with self.isolated(path):
                for item in items:
                    if isinstance(item, _RowSkip):
                        rows.add(item)
                        continue
                    if isinstance(item, Skipped):
                        self.skipped.append(item)
                        continue
                    if isinstance(item, ColumnMapping):
                        self.columns.append(item)
                        continue
                    if len(self.documents) >= self.config.max_articles:
                        self.capped_at, self.cap = path, "max_articles"
                        break
                    if file_id is None:
                        file_id = self.claim(base, alt)
                    doc_id = file_id if item.key is None else self.claim(f"{file_id}#{item.key}")
                    document = self._document(item, doc_id, path, notes)
                    held = _held(document.text)
                    if self.text_bytes + held > self.config.max_text_bytes:
                        self.capped_at, self.cap = path, "max_text_bytes"
                        break
                    self.text_bytes += held
                    self.documents.append(document)
        finally:
            rows.close()
            close = getattr(items, "close", None)
            if close is not None:
                close()

    def _document(self, item: _Doc, doc_id: str, path: str, notes: tuple[str, ...]) -> SourceText:
        """The document of ``item``, cut to ``max_article_chars`` (the cut is also a skip)."""
        text, doc_notes = item.text, item.notes + notes
        cap = self.config.max_article_chars
        size = len(text) if item.size is None else item.size
        if size > cap:
            cut = _cut_point(text, cap)
            line = text.count("\n", 0, cut + 1) + 1 if item.line_numbers else None
            reason = _truncated(doc_id, size, cut, cap, line)
            self.skip(path, reason, line)
            text, doc_notes = text[:cut], (*doc_notes, reason)
        return SourceText(
            id=doc_id,
            source_path=path,
            text=text,
            format=item.format,
            encoding=item.encoding,
            title=item.title,
            outlet=item.outlet,
            published=item.published,
            updated=item.updated,
            url=item.url,
            line_numbers=item.line_numbers,
            notes=doc_notes,
        )

    def result(self) -> IngestResult:
        """The batch's result, with the skip of the cap that stopped reading, if any."""
        if self.capped_at is not None:
            if self.cap == "max_articles":
                reason = (
                    f"stopped at the cap of {self.config.max_articles:,} articles "
                    f"(max_articles): the rest of this file and {self.not_read:,} more "
                    "file(s) were not read"
                )
            elif self.cap == "max_text_bytes":
                n = len(self.documents)
                read = f"{n:,} article{'' if n == 1 else 's'}"
                reason = (
                    f"stopped at the cap of {_size(self.config.max_text_bytes)} of article "
                    f"text held in memory (max_text_bytes) after {read}; "
                    "a text takes 1, 2 or 4 bytes a character by its widest "
                    f"character: the rest of this file and {self.not_read:,} more file(s) "
                    "were not read"
                )
            else:
                reason = (
                    f"stopped at the cap of {_size(self.config.max_total_bytes)} read per "
                    f"batch (max_total_bytes): this file and {self.not_read:,} more file(s) "
                    "were not read"
                )
            self.skip(self.capped_at, f"{reason}; {how_to_raise(self.cap)}")
        return IngestResult(
            tuple(self.documents), tuple(self.skipped), tuple(self.manifests), tuple(self.columns)
        )


def _held(text: str) -> int:
    """Bytes of memory ``text`` takes (its characters at 1, 2 or 4 bytes each)."""
    return sys.getsizeof(text)


class _RowSkips:
    """The row skips of one file, grouped by their detail: the first is listed where it
    occurred; when other rows share its detail, it becomes one entry naming the first
    :attr:`SHOWN` rows and how many more (its line stays the first row's)."""

    SHOWN = 3

    def __init__(self, skipped: list[Skipped]) -> None:
        self._skipped = skipped
        # (kind, detail) → [index in skipped, first row, numbers shown, count]
        self._groups: dict[tuple[str, str], tuple[int, _RowSkip, list[int], list[int]]] = {}

    def add(self, row: _RowSkip) -> None:
        """Record one row skip."""
        group = self._groups.get((row.kind, row.detail))
        if group is None:
            self._groups[row.kind, row.detail] = (len(self._skipped), row, [row.number], [1])
            self._skipped.append(Skipped(row.path, row.alone(), row.line))
            return
        _, _, numbers, count = group
        count[0] += 1
        if len(numbers) < self.SHOWN:
            numbers.append(row.number)

    def close(self) -> None:
        """Rewrite the entries of rows that share their detail with others."""
        for index, first, numbers, (count,) in self._groups.values():
            if count > 1:
                reason = f"{_row_list(first.kind, numbers, count)}: {first.detail}"
                self._skipped[index] = Skipped(first.path, reason, first.line)


def _row_list(kind: str, numbers: list[int], count: int) -> str:
    """``rows 3, 7, 9 and 12 more`` (or ``rows 3 and 7``) for messages."""
    shown = [str(n) for n in numbers]
    if count > len(shown):
        return f"{kind}s {', '.join(shown)} and {count - len(shown):,} more"
    return f"{kind}s {', '.join(shown[:-1])} and {shown[-1]}"


def _unexpected(exc: Exception) -> str:
    """The reason for a file whose reading failed in an unforeseen way."""
    message = " ".join(str(exc).split())
    if len(message) > 300:
        message = message[:300] + "…"
    return f"unexpected error reading this file: {type(exc).__name__}: {message}".rstrip(": ")
