"""Reading the editable data files (the taxonomy, the outlet registry): the file's text
and its TOML, with errors of the file's own kind that name the file and line."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from natojp.errors import NatojpError

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def read_text(path: str | os.PathLike[str], what: str, error: type[NatojpError]) -> str:
    """The UTF-8 text of ``path`` (a byte-order mark dropped); ``error`` (with the path)
    when it cannot be read or is not UTF-8. ``what`` names the file in messages
    (``"taxonomy"``: "the taxonomy file is not UTF-8 text")."""
    where = os.fspath(path)
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"the {what} file is not UTF-8 text", path=where) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise error(f"cannot read the {what} file: {reason}", path=where) from None


def parse_toml(text: str, source: str, error: type[NatojpError]) -> dict[str, Any]:
    """``text`` parsed as TOML; a syntax error becomes ``error`` with ``path=source``,
    the line and the column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = None
        if position:
            line = int(position.group(1))
            message = f"{message[: position.start()]} (column {position.group(2)})"
        raise error(f"not valid TOML: {message}", path=source, line=line) from None


def tables(
    data: dict[str, Any], key: str, what: str, item: str, error: type[NatojpError]
) -> list[Any]:
    """The ``[[key]]`` tables of a data file's parsed TOML, the only top-level key it may
    hold; ``error`` when there is another key, none, or ``key`` is not an array of tables.
    ``what`` names the file and ``item`` one table in messages (``"an outlet file"``,
    ``"outlet"``)."""
    unknown = [k for k in data if k != key]
    if unknown:
        raise error(f"unknown top-level key {unknown[0]!r}: {what} holds only [[{key}]] tables")
    found = data.get(key)
    if found is None:
        raise error(f"no [[{key}]] tables: add at least one {item}")
    if not isinstance(found, list):
        raise error(f"'{key}' must be written as [[{key}]] tables")
    return found
