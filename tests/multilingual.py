"""A tiny invented corpus with articles in languages the shipped taxonomy has no terms for.

The shipped taxonomy (``natojp/data/taxonomy.toml``) has terms in German, Spanish,
French, Italian and Japanese besides English; Portuguese and Dutch articles are matched
on its English terms only (``TechAreaResult.uncovered``).
"""

from __future__ import annotations

from pathlib import Path

TEXTS = {
    "en_drones": (
        "Allies agree to pool drone research\n\n"
        "Defence ministers agreed on Monday to pool their research on drones and "
        "satellites, officials said after a meeting in the capital.\n\n"
        "The plan covers artificial intelligence for surveillance and new cyber "
        "defences for military networks, the officials said.\n"
    ),
    "pt_navios": (
        "Governo anuncia novo programa naval\n\n"
        "O governo anunciou na segunda-feira um novo programa para construir navios de "
        "patrulha e desenvolver drones para a vigilância da costa, segundo o ministério.\n\n"
        "Os responsáveis disseram que o programa vai durar dez anos e que as primeiras "
        "embarcações devem ficar prontas antes do fim da década, com apoio das empresas "
        "nacionais e de parceiros europeus.\n"
    ),
    "nl_satellieten": (
        "Kabinet investeert in eigen satellieten\n\n"
        "Het kabinet heeft maandag bekendgemaakt dat het de komende jaren fors gaat "
        "investeren in eigen satellieten en in de bescherming van militaire netwerken.\n\n"
        "Volgens de minister moet het land minder afhankelijk worden van buitenlandse "
        "leveranciers en zullen de eerste satellieten binnen vijf jaar worden gelanceerd.\n"
    ),
}
"""Article id (the file's stem) → text, all invented for the tests."""


def write_multilingual_corpus(folder: Path) -> Path:
    """Write :data:`TEXTS` as ``.txt`` files into ``folder``; return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder
