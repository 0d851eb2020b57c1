"""natojp.config: the cap table (CAPS), what is derived from it, and IngestConfig's checks."""

from __future__ import annotations

import dataclasses
import re

import pytest

from natojp.config import CAPS, Cap, IngestConfig
from natojp.errors import ConfigError
from tests import ROOT

MB = 1024 * 1024


def test_the_table_holds_every_cap_of_ingest_config_once() -> None:
    names = [cap.name for cap in CAPS]
    counts = [f.name for f in dataclasses.fields(IngestConfig) if f.type == "int"]
    assert sorted(names) == sorted(counts)
    for column in ("name", "env", "option"):
        values = [getattr(cap, column) for cap in CAPS]
        assert len(set(values)) == len(values), column


def test_every_cap_has_an_environment_variable_and_an_option_in_its_unit() -> None:
    for cap in CAPS:
        assert re.fullmatch(r"NATOJP_MAX_[A-Z_]+", cap.env), cap
        # The option is the variable's name in lower case: NATOJP_MAX_FILE_MB, --max-file-mb.
        assert cap.option == "--" + cap.env.removeprefix("NATOJP_").lower().replace("_", "-")
        assert cap.unit in (1, MB) and cap.help, cap
        sizes = (cap.in_mb, cap.name.endswith("_bytes"), cap.env.endswith("_MB"))
        assert sizes in ((True, True, True), (False, False, False)), cap


def test_the_names_people_already_use_are_kept() -> None:
    assert {cap.name: (cap.env, cap.option) for cap in CAPS} == {
        "max_file_bytes": ("NATOJP_MAX_FILE_MB", "--max-file-mb"),
        "max_total_bytes": ("NATOJP_MAX_TOTAL_MB", "--max-total-mb"),
        "max_articles": ("NATOJP_MAX_ARTICLES", "--max-articles"),
        "max_text_bytes": ("NATOJP_MAX_TEXT_MB", "--max-text-mb"),
        "max_article_chars": ("NATOJP_MAX_ARTICLE_CHARS", "--max-article-chars"),
        "max_archive_members": ("NATOJP_MAX_ARCHIVE_FILES", "--max-archive-files"),
        "max_archive_bytes": ("NATOJP_MAX_ARCHIVE_MB", "--max-archive-mb"),
        "max_html_bytes": ("NATOJP_MAX_HTML_MB", "--max-html-mb"),
        "max_html_elements": ("NATOJP_MAX_HTML_ELEMENTS", "--max-html-elements"),
    }


def test_from_env_reads_every_cap_of_the_table_in_its_unit() -> None:
    config = IngestConfig.from_env({cap.env: "3" for cap in CAPS})
    assert {cap.name: getattr(config, cap.name) for cap in CAPS} == {
        cap.name: 3 * cap.unit for cap in CAPS
    }
    for cap in CAPS:
        one = IngestConfig.from_env({cap.env: "1.5" if cap.in_mb else "1,500"})
        assert getattr(one, cap.name) == (MB * 3 // 2 if cap.in_mb else 1_500)
        assert dataclasses.replace(one, **{cap.name: getattr(IngestConfig(), cap.name)}) == (
            IngestConfig()
        )
        kind = "a positive number of MB" if cap.in_mb else "a positive whole number"
        for bad in ("0", "-2", "lots", "inf", *(() if cap.in_mb else ("1.5",))):
            with pytest.raises(ConfigError, match=f"variable {cap.env} must be {kind}"):
                IngestConfig.from_env({cap.env: bad})


@pytest.mark.parametrize("cap", CAPS, ids=[cap.name for cap in CAPS])
@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "10"])
def test_every_cap_must_be_a_positive_whole_number(cap: Cap, bad: object) -> None:
    with pytest.raises(ConfigError, match=f"IngestConfig.{cap.name} must be a positive whole"):
        IngestConfig(**{cap.name: bad})


def test_follow_symlinks_must_be_a_boolean() -> None:
    with pytest.raises(ConfigError, match="follow_symlinks must be True or False"):
        IngestConfig(follow_symlinks="yes")  # type: ignore[arg-type]


def test_cap_values_are_shown_in_their_unit() -> None:
    size, count = CAPS[0], CAPS[2]
    assert (size.name, count.name) == ("max_file_bytes", "max_articles")
    assert [size.show(v) for v in (200 * MB, 1024 * MB, 3 * MB // 2)] == [
        "200 MB",
        "1024 MB",
        "1.5 MB",
    ]
    assert count.show(200_000) == "200,000"


def _readme_cap_rows() -> list[list[str]]:
    """The rows of the cap table of the README's section "Hostile input and limits"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Hostile input and limits", 1)[1].split("\n## ", 1)[0]
    table = section.split("| cap (`IngestConfig` field) |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines()[2:] if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


def test_the_readme_lists_every_cap_with_its_default_option_and_variable() -> None:
    rows = _readme_cap_rows()
    assert len(rows) == len(CAPS)
    defaults = IngestConfig()
    for cap, (what, default, option, env, bounds) in zip(CAPS, rows, strict=True):
        assert what.startswith(f"`{cap.name}`: "), what
        assert default == cap.show(getattr(defaults, cap.name)), cap.name
        assert (option, env) == (f"`{cap.option}`", f"`{cap.env}`")
        assert bounds, cap.name
