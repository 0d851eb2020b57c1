from __future__ import annotations

import pytest

from natojp.errors import (
    ConfigError,
    EmptyCorpusError,
    InputError,
    ManifestError,
    NatojpError,
    TaxonomyError,
    UnsupportedFormatError,
)


def test_message_names_the_place() -> None:
    assert str(InputError("empty file", path="a.txt")) == "a.txt: empty file"
    assert str(InputError("invalid JSON", path="b.jsonl", line=3)) == "b.jsonl:3: invalid JSON"
    assert str(ConfigError("bad option", line=2)) == "line 2: bad option"
    assert str(EmptyCorpusError("nothing")) == "nothing"
    err = InputError("binary file", path="x.txt")
    assert (err.message, err.path, err.line) == ("binary file", "x.txt", None)


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (InputError, NatojpError),
        (UnsupportedFormatError, InputError),
        (ConfigError, NatojpError),
        (ManifestError, ConfigError),
        (TaxonomyError, ConfigError),
        (EmptyCorpusError, NatojpError),
    ],
)
def test_hierarchy(cls: type[NatojpError], parent: type[Exception]) -> None:
    assert issubclass(cls, parent)
    with pytest.raises(NatojpError):
        raise cls("x")
