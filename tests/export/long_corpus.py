"""An invented corpus whose tables wrap: many sources with long outlet names, long titles
and long addresses, and a few articles that copy another's passages (so reports have
several members). Texts are generated word by word from a small vocabulary (so that only
the copies share passages); none is a real article."""

from __future__ import annotations

import csv
import random
from pathlib import Path

AREAS = (
    "drone swarms",
    "satellite communications",
    "semiconductor supply chains",
    "cyber defence",
    "hypersonic missile tracking",
    "artificial intelligence",
)
PLACES = ("Brussels", "Tokyo", "Yokosuka", "The Hague", "Canberra", "Seoul", "Ottawa", "Warsaw")
_NOUNS = [
    "ministry",
    "envoy",
    "delegation",
    "industry",
    "budget",
    "programme",
    "shipyard",
    "radar",
    "frigate",
    "submarine",
    "factory",
    "supplier",
    "contract",
    "licence",
    "standard",
    "exercise",
    "summit",
    "partnership",
    "alliance",
    "treaty",
    "roadmap",
    "agency",
    "laboratory",
    "consortium",
    "engineer",
    "procurement",
    "investment",
    "export",
    "component",
    "battery",
    "sensor",
    "runway",
    "harbour",
    "convoy",
    "network",
    "inspector",
    "auditor",
    "committee",
    "parliament",
    "minister",
    "admiral",
    "general",
    "diplomat",
]
_VERBS = [
    "approved",
    "delayed",
    "reviewed",
    "expanded",
    "financed",
    "tested",
    "praised",
    "questioned",
    "signed",
    "drafted",
    "announced",
    "postponed",
    "accelerated",
    "audited",
    "upgraded",
    "relocated",
]
_ADJS = [
    "joint",
    "regional",
    "northern",
    "maritime",
    "classified",
    "civilian",
    "modest",
    "ambitious",
    "experimental",
    "costly",
    "cautious",
    "bilateral",
    "multilateral",
    "strategic",
    "domestic",
    "foreign",
]


def _sentence(rng: random.Random, area: str, place: str) -> str:
    words = [
        rng.choice(_ADJS).capitalize(),
        rng.choice(_NOUNS),
        rng.choice(_VERBS),
        "the",
        rng.choice(_ADJS),
        rng.choice(_NOUNS),
        rng.choice(["in", "near", "beyond", "for"]),
        place,
        rng.choice(["while", "after", "because", "before"]),
        rng.choice(_NOUNS) + "s",
        rng.choice(_VERBS),
        rng.choice(_ADJS),
        area if rng.random() < 0.5 else rng.choice(_NOUNS),
        rng.choice(_NOUNS) + "s",
    ]
    return " ".join(words) + "."


def _paragraphs(i: int) -> list[str]:
    rng = random.Random(i)
    area, place = AREAS[i % len(AREAS)], PLACES[i % len(PLACES)]
    paras = [" ".join(_sentence(rng, area, place) for _ in range(3)) for _ in range(3)]
    paras.append(
        f"A working group reports on {area} in March {2026 + i % 3}, ahead of a summit in {place}."
    )
    return paras


def write_long_corpus(folder: Path, n: int = 24, copies: int = 4) -> Path:
    """``n`` articles as a CSV export in ``folder`` (text, title, date, outlet, url); the
    last ``copies`` repeat most of article 0's and 1's paragraphs with a new ending."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "coverage.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["title", "outlet", "date", "url", "text"])
        for i in range(n):
            original = i - (n - copies)
            if original >= 0:  # a copy of article 0 or 1, with its own last paragraph
                source = _paragraphs(original % 2)
                paras = [*source[:3], f"This copy number {i} adds a closing line of its own."]
            else:
                paras = _paragraphs(i)
            month = 1 + i % 12
            out.writerow(
                [
                    f"Partners agree to deepen defence-industrial cooperation on "
                    f"{AREAS[i % len(AREAS)]} as envoys meet for round {i} of talks in "
                    f"{PLACES[i % len(PLACES)]} amid wider regional security concerns",
                    f"The Northern Hemisphere Strategic Affairs and Defence Industry Review "
                    f"Edition {i:02d}",
                    f"2025-{month:02d}-{1 + (i * 3) % 27:02d}",
                    f"https://www.strategic-review-{i:02d}.example.org/analysis/2025/"
                    f"defence-industrial-cooperation-round-{i}-talks-partners-agree-to-deepen",
                    "\n\n".join(paras),
                ]
            )
    return path
