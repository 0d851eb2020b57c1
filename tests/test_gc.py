"""natojp._gc: the collector paused while objects are built, and kept objects frozen out
of its passes in a long-running process."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

import natojp._gc
from natojp._gc import collect_all, freeze, paused


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


@pytest.fixture
def unfrozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts and ends with nothing frozen (other tests' apps freeze)."""
    was = natojp._gc._frozen
    monkeypatch.setattr(natojp._gc, "_frozen", False)
    gc.unfreeze()
    yield
    gc.unfreeze()
    if was:
        gc.freeze()


@pytest.mark.usefixtures("unfrozen")
def test_paused_turns_the_collector_off_and_promotes_what_it_built() -> None:
    with paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # moved to the oldest generation, not frozen
    assert all(gc.is_tracked(k) for k in kept)
    assert gc.get_count()[0] < 1000  # not left for the young collections to walk


@pytest.mark.usefixtures("unfrozen")
def test_paused_nested_leaves_the_collector_off_until_the_outer_block_ends() -> None:
    with paused():
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("unfrozen")
def test_what_a_paused_block_builds_joins_the_frozen_objects() -> None:
    freeze()
    before = gc.get_freeze_count()
    with paused():
        kept = [[i] for i in range(1000)]
    assert gc.get_freeze_count() >= before + len(kept)
    assert gc.isenabled()


@pytest.mark.usefixtures("unfrozen")
def test_a_full_collection_skips_frozen_cycles_and_collect_all_frees_them() -> None:
    node = _Node()
    alive = weakref.ref(node)
    freeze()
    del node
    gc.collect()
    assert alive() is not None  # frozen: the collection did not look at it
    collect_all()
    assert alive() is None
    assert gc.get_freeze_count() > 0  # the survivors are frozen again


@pytest.mark.usefixtures("unfrozen")
def test_collect_all_freezes_nothing_when_nothing_was_frozen() -> None:
    alive = weakref.ref(_Node())
    collect_all()
    assert alive() is None
    assert gc.get_freeze_count() == 0
