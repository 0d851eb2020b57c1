"""natojp.ingest.limits: cap messages say how to raise the cap, through the table
natojp.config.CAPS."""

from __future__ import annotations

from pathlib import Path

import pytest

import natojp.ingest
from natojp.config import CAPS, Cap, IngestConfig
from natojp.ingest import read_paths
from natojp.ingest.limits import how_to_raise
from tests.ingest.helpers import write


def test_file_over_the_size_limit_says_how_to_raise_it(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", "word " * 1000)
    result = read_paths([tmp_path], IngestConfig(max_file_bytes=1000))
    assert result.documents == ()
    reason = result.skipped[0].reason
    assert reason.startswith("file too large") and "--max-file-mb" in reason


@pytest.mark.parametrize("cap", CAPS, ids=[cap.name for cap in CAPS])
def test_every_cap_says_how_to_raise_it_from_the_table(cap: Cap) -> None:
    unit = " (in MB)" if cap.in_mb else ""
    assert how_to_raise(cap.name) == (
        f"to raise it when running natojp on your own machine, use the CLI option "
        f"{cap.option} or the environment variable {cap.env}{unit}, or "
        f"IngestConfig.{cap.name} from Python"
    )


def test_the_data_layer_spells_no_cli_option_itself() -> None:
    """The options are data of the cap table (natojp.config.CAPS): no module of
    natojp.ingest names one of them."""
    for path in sorted(Path(natojp.ingest.__file__).parent.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for cap in CAPS:
            assert cap.option not in source, (path.name, cap.option)
