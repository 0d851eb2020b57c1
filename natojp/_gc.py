"""Keeping Python's cyclic garbage collector off the objects an analysis keeps.

An analysis of 100,000 articles is some ten million small objects that live as long as
the analysis and form no reference cycles worth collecting. Every pass of the collector
over them costs time in proportion: a full collection took 1 to 2.5 s there, and
Streamlit runs one after every rerun of the dashboard (``runner.postScriptGC``). So:

* :func:`paused` turns the collector off while such objects are built;
* a long-running process that keeps analyses (the dashboard server) moves what it keeps
  out of the collector's view with :func:`freeze`, and, after dropping some, frees what
  they leave with :func:`collect_all`. While objects are frozen, what a :func:`paused`
  block builds joins them.
"""

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
    after the block. When the process has frozen objects (:func:`freeze`), what the block
    built is frozen with them (the cycles among it, if any, wait for
    :func:`collect_all`).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # freeze() then unfreeze() moves every tracked object to the oldest generation
        # at once, without a pass over them: otherwise the next young collections
        # would walk everything built in the block again to promote it.
        gc.freeze()
        if not _frozen:
            gc.unfreeze()
        gc.enable()


_frozen = False  # whether freeze() was called (gc.get_freeze_count() walks them all)


def freeze() -> None:
    """Move every object the collector tracks now out of its view (:func:`gc.freeze`):
    what a process keeps for long, e.g. the analyses a dashboard server holds. Frozen
    objects are still freed when nothing refers to them; only cycles among them wait
    for :func:`collect_all`."""
    global _frozen
    gc.freeze()
    _frozen = True


def collect_all() -> None:
    """A full collection that frozen objects take part in (those no longer used are
    freed, cycles too); what survives is frozen again when anything was frozen before."""
    gc.unfreeze()
    gc.collect()
    if _frozen:
        gc.freeze()
