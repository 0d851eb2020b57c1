"""Shared helpers of the natojp.ingest tests: two sample paragraphs, files and zip
archives written inline, and readers of a result."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from natojp.ingest import IngestResult
from natojp.models import SourceText

PARA_1 = "Defence ministers agreed on Tuesday to build a joint drone programme, officials said."


PARA_2 = "The programme sets out a timetable for the first test flights of the new aircraft."


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def by_id(result: IngestResult) -> dict[str, SourceText]:
    return {d.id: d for d in result.documents}


def reasons(result: IngestResult) -> list[str]:
    return [s.reason for s in result.skipped]


def make_zip(members: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()
