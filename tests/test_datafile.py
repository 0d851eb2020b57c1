from __future__ import annotations

from pathlib import Path

import pytest

from natojp._datafile import parse_toml, read_text
from natojp.errors import TaxonomyError


def test_read_text_drops_a_byte_order_mark_and_names_the_file(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_bytes("\ufeff[[area]]\n".encode())
    assert read_text(good, "taxonomy", TaxonomyError) == "[[area]]\n"
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(TaxonomyError, match="the taxonomy file is not UTF-8 text") as info:
        read_text(bad, "taxonomy", TaxonomyError)
    assert info.value.path == str(bad)
    with pytest.raises(TaxonomyError, match="cannot read the taxonomy file"):
        read_text(tmp_path / "missing.toml", "taxonomy", TaxonomyError)


def test_parse_toml_gives_the_line_and_column_of_a_syntax_error() -> None:
    assert parse_toml('[[area]]\nid = "x"\n', "t.toml", TaxonomyError) == {"area": [{"id": "x"}]}
    with pytest.raises(TaxonomyError) as info:
        parse_toml('[[area]]\nid = "x\n', "t.toml", TaxonomyError)
    assert (info.value.path, info.value.line) == ("t.toml", 2)
    assert info.value.message.startswith("not valid TOML: ") and "(column" in info.value.message
