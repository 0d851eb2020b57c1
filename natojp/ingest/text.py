"""Plain text (``.txt .text``) and Markdown (``.md .markdown``): one document per file,
of which only what ``max_article_chars`` keeps is held; a Markdown front-matter block
gives title, date, outlet and url and is blanked out (line numbers kept).
"""

from __future__ import annotations

import re

from natojp.config import IngestConfig
from natojp.errors import InputError
from natojp.ingest.decode import _Text
from natojp.ingest.fields import _ALIAS_RANK, _norm_key
from natojp.ingest.items import _Doc


def _read_plain(source: _Text, config: IngestConfig) -> _Doc:
    """Plain text: one document, of which only what the article cap keeps is held."""
    text = source.head(config.max_article_chars + 1)
    size = source.chars if source.chars > len(text) else None
    return _Doc(None, text, "txt", source.encoding, line_numbers=True, size=size)


_FRONT_MATTER_LINE = re.compile(r"\s*(?:#.*|-\s.*|[\w.\- ]+\s*:.*|)|\s+.*")
_KEY_VALUE = re.compile(r"([\w.\- ]+?)\s*:\s*(.*)")


def _read_markdown(source: _Text, path: str, config: IngestConfig) -> _Doc:
    """Markdown with an optional front-matter block (blanked out, lines kept).

    Of a text longer than twice ``max_article_chars`` only the start is held, and a
    front-matter block must end within its first ``max_article_chars`` characters.
    """
    keep = config.max_article_chars + 1
    text = source.head(2 * keep)
    partial = source.chars > len(text)
    lines = text.split("\n")
    complete = len(lines) - 1 if partial else len(lines)  # the last line may go on
    fields: dict[str, str] = {}
    removed = 0
    if complete and lines[0].rstrip() == "---":
        end = next((i for i in range(1, complete) if lines[i].rstrip() in ("---", "...")), None)
        block = lines[1:end] if end is not None else []
        if end is not None and partial and sum(map(len, lines[: end + 1])) + end >= keep:
            end = None  # ends too far in to be front matter of the text that is kept
        if end is not None and all(_FRONT_MATTER_LINE.fullmatch(x) for x in block):
            for line in block:
                m = _KEY_VALUE.fullmatch(line)
                if m is None or line[:1].isspace() or line.lstrip()[:1] in ("-", "#"):
                    continue
                value = m.group(2).strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]
                key = _norm_key(m.group(1))
                for fld, ranks in _ALIAS_RANK.items():
                    if key in ranks and value and fld not in fields:
                        fields[fld] = value
            removed = sum(map(len, lines[: end + 1]))
            text = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
            if not text.strip() and source.last_text < len(text) + removed:
                raise InputError("no text after the front matter", path=path)
    return _Doc(
        None,
        text,
        "md",
        source.encoding,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        published=fields.get("date"),
        url=fields.get("url"),
        line_numbers=True,
        size=source.chars - removed if partial else None,
    )
