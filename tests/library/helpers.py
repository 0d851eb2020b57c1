"""Small invented corpora and the reference cleaning the library must reproduce."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from natojp.clean import clean_text
from natojp.config import AnalysisConfig
from natojp.ingest import read_paths
from natojp.metadata import Manifest, ManifestEntry, build_article
from natojp.metadata.outlets import OutletRegistry
from natojp.models import Article

# Invented texts (no real articles): a harbour story told by three outlets, and others.
HARBOUR = """Harbour board approves new tide gauges

Northport, 4 March 2025 - The harbour board of Northport approved on Tuesday a plan to \
install twelve automated tide gauges along the eastern breakwater, the board's chair said.

The gauges will report water levels every minute to the port control room, replacing \
manual readings that pilots have relied on since the breakwater was rebuilt in 1987.

Funding of 2.4 million euros comes from the regional climate adaptation fund, according \
to documents seen by reporters, and installation is expected to finish before the winter storms.
"""

FERRY = """Ferry operator orders two electric vessels

Southbay, 12 March 2025 - A coastal ferry operator has ordered two battery-electric \
vessels for its island routes, the company announced in a statement on Wednesday.

Each vessel will carry up to three hundred passengers and forty cars, and will charge \
at shore stations built on both sides of the strait during the next eighteen months.

The operator said the new ships would cut fuel costs sharply and reduce noise for the \
residents who live near the two terminals, which have complained for years.
"""

BRIDGE = """Council delays vote on river bridge repairs

Eastford, 20 March 2025 - The city council postponed a vote on repairs to the old river \
bridge after engineers asked for more time to inspect corroded steel beams under the deck.

Traffic on the bridge has been limited to one lane since January, and buses have been \
diverted through the industrial district, adding twenty minutes to some journeys.

Councillors said a decision would come in April, once the inspection report on the \
beams and the cost of a temporary crossing have been presented to the committee.
"""

HARBOUR_V2 = HARBOUR.replace("twelve automated", "fourteen automated")


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def cleaned(paths: Sequence[str | Path], config: AnalysisConfig | None = None) -> list[Article]:
    """Each document ingested, cleaned and given its metadata, as a from-scratch
    analysis does before its corpus-wide stages."""
    config = config or AnalysisConfig()
    ingested = read_paths(paths, config.ingest)
    entries: dict[str, ManifestEntry] = {}
    for f in ingested.manifest_paths:
        entries.update(Manifest.load(f).entries)
    registry = OutletRegistry.default()
    out = []
    for source in ingested.documents:
        result = clean_text(source.text, title=source.title, config=config.clean)
        if result.paragraphs:
            out.append(build_article(source, result, entries.get(source.id), registry=registry))
    return out
