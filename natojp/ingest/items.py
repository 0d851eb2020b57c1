"""What the readers yield for one file: a document (:class:`_Doc`), a row, line or item
that was not read (:class:`_RowSkip`, grouped per file by the sink), a
:class:`~natojp.models.Skipped` of the whole file or a part of it, or the
:class:`~natojp.models.ColumnMapping` a structured file was read with.
"""

from __future__ import annotations

from dataclasses import dataclass

from natojp.models import ColumnMapping, Skipped


@dataclass(frozen=True, slots=True)
class _Doc:
    """One document found by a reader; ``key`` is the row part of its id (None: whole file).

    ``size`` is the length of the whole document when ``text`` holds only its start
    (then at least ``max_article_chars + 1`` characters, so that the cut is the same).
    """

    key: str | None
    text: str
    format: str
    encoding: str | None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    line_numbers: bool = False
    notes: tuple[str, ...] = ()
    size: int | None = None
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class _RowSkip:
    """A row, line or item of a file that was not read; the sink groups those with the
    same ``detail`` into one :class:`Skipped` per file.

    ``kind`` is ``row``, ``line`` or ``item``; ``reason`` is the message when there is
    only one (default ``"<kind> <number>: <detail>"``).
    """

    path: str
    kind: str
    number: int
    detail: str
    line: int | None
    reason: str = ""

    def alone(self) -> str:
        """The reason shown when no other row of the file has the same detail."""
        return self.reason or f"{self.kind} {self.number}: {self.detail}"


_Item = _Doc | Skipped | _RowSkip | ColumnMapping
