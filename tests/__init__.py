"""natojp's tests: ``tests/<package>/test_<module>.py`` mirrors ``natojp/<package>/<module>.py``.

Paths the tests share. The research corpora beside the project (``../shared/corpora``)
are read by the few tests marked ``corpora``, which skip where they are absent.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPORA = ROOT.parent / "shared" / "corpora"
BBC_ZIP = CORPORA / "bbc-fulltext" / "bbc-fulltext.zip"
REUTERS = CORPORA / "reuters21578"
