"""How a dependency is said: an uncertain direction is never stated as fact."""

from __future__ import annotations

from natojp.duplicates import Dependency


def dependency(**kw: object) -> Dependency:
    base: dict[str, object] = {
        "source": "a",
        "derivative": "b",
        "relation": "copy",
        "shared_passages": 3,
        "coverage": 0.95,
        "basis": "…",
    }
    return Dependency(**{**base, **kw})  # type: ignore[arg-type]


def test_a_certain_direction_is_stated() -> None:
    d = dependency(direction_basis="credit", certain=True)
    assert d.says("Daily B", "Agency A") == "Daily B copies Agency A"


def test_an_uncertain_direction_says_so() -> None:
    d = dependency(relation="rewrite", direction_basis="length", certain=False)
    assert d.says("Daily B", "Agency A") == "Daily B rewrites Agency A (direction not certain)"


def test_a_common_source_names_it_and_says_neither_copies() -> None:
    d = dependency(direction_basis="common-source", certain=False, via="AP")
    assert d.says("Daily B", "Daily A") == (
        "Daily B and Daily A both carry AP's text (neither is shown to copy the other)"
    )
    assert "Wire X's text" in d.says("Daily B", "Daily A", "Wire X")
    unnamed = dependency(direction_basis="common-source", certain=False)
    assert "a third source's text" in unnamed.says("B", "A")
