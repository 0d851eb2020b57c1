"""Files shipped inside the package: the default taxonomy and the bundled seeds.

``seeds`` is the project's top-level ``seeds/`` folder (a link in the source tree,
copied into wheels), so an installed natojp analyses and shows the seeds from any
working directory.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent
SEEDS = DATA / "seeds"
"""The bundled seed corpus: five articles and their ``manifest.toml``."""
TAXONOMY = DATA / "taxonomy.toml"
"""The default technology-area taxonomy."""
