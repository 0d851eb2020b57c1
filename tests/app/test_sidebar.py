"""The sidebar's rules that need no running app (the rest runs in test_views)."""

from __future__ import annotations

import pytest

from natojp.app.sidebar import folders_allowed


@pytest.mark.parametrize(
    ("value", "allowed"),
    [(None, False), ("", False), ("0", False), ("no", False), ("1", True), ("true", True)],
)
def test_folders_are_offered_only_when_the_operator_says_so(
    monkeypatch: pytest.MonkeyPatch, value: str | None, allowed: bool
) -> None:
    if value is None:
        monkeypatch.delenv("NATOJP_ALLOW_FOLDERS", raising=False)
    else:
        monkeypatch.setenv("NATOJP_ALLOW_FOLDERS", value)
    assert folders_allowed() is allowed
