"""Pausing Python's cyclic garbage collector around allocation-heavy work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it is on) for the block.

    Building hundreds of thousands of small objects that are all kept (cleaned
    articles, timeline mentions, the report) makes the collector walk every tracked
    object several times over, the whole analysis's as well as the new ones: at 100k
    articles that took longer than the work itself. Nothing built in these blocks forms
    reference cycles that need collecting early; cycles made meanwhile are collected
    after the block.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # leave alone what the application froze
            # freeze() then unfreeze() moves every tracked object to the oldest
            # generation at once, without a pass over them: otherwise the next young
            # collections would walk everything built in the block again to promote it.
            gc.freeze()
            gc.unfreeze()
        gc.enable()
