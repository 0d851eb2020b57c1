"""How much memory a result holds: a deep size for cache budgets.

:func:`deep_size` walks an object graph (anything the interpreter can traverse:
dataclasses, slotted objects, containers, strings) and counts each object once, taking
NumPy arrays, SciPy sparse matrices and pandas objects at their buffer sizes. It is
an estimate of what dropping the object would free: interned and shared objects (the
same string in two results) are counted by every result that reaches them.
"""

from __future__ import annotations

import functools
import gc
import sys
import types
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

_ATOMS = (str, bytes, bytearray, int, float, complex, bool, type(None))


SAMPLE_OVER = 2_048
"""Containers with more items than this are measured on :data:`SAMPLE_SIZE` of them."""
SAMPLE_SIZE = 256


def deep_size(root: object) -> int:
    """Bytes held by ``root`` and everything it references (each object once).

    The graph is walked a level at a time with :func:`gc.get_referents` (the
    interpreter's own traversal, in C). A list, tuple, set or dict of more than
    :data:`SAMPLE_OVER` items is measured on :data:`SAMPLE_SIZE` of them, evenly
    spread, and the rest taken to be alike: an analysis of 100,000 articles (tens of
    millions of objects) is measured in half a second instead of twenty. The estimate
    errs high where large containers share items with other parts of the graph (the
    article ids every result names): by a third on such an analysis, which is the safe
    side for a budget.
    Classes, modules and functions are shared code, not data, and are neither counted
    nor followed.
    """
    return _walk([root], set())


def _walk(level: list[object], seen: set[int]) -> int:
    total = 0
    while level:
        follow: list[object] = []
        extra: list[object] = []
        for obj in level:
            key = id(obj)
            if key in seen:
                continue
            seen.add(key)
            kind = type(obj)
            if kind in _ATOM_TYPES:
                total += sys.getsizeof(obj)
                continue
            if kind in _CONTAINERS and len(obj) > SAMPLE_OVER:  # type: ignore[arg-type]
                total += sys.getsizeof(obj) + _sampled(obj, seen)
                continue
            if isinstance(obj, _SHARED):
                continue
            if isinstance(obj, np.ndarray):
                total += sys.getsizeof(obj)  # with its buffer when it owns one
                if obj.base is not None:  # a view keeps the whole buffer it looks into alive
                    extra.append(obj.base)
                if obj.dtype == object:
                    extra.extend(obj.ravel().tolist())
                continue
            if isinstance(obj, pd.DataFrame | pd.Series | pd.Index):
                total += int(np.sum(obj.memory_usage(deep=True)))
                continue
            total += sys.getsizeof(obj)
            follow.append(obj)
        level = [*gc.get_referents(*follow), *extra] if follow or extra else []
    return total


def _sampled(container: Any, seen: set[int]) -> int:
    """The size of a large container's items, from an even sample of them.

    A first sample is walked and not counted: what the items share (a category, a
    source name) is met there, so that the second sample, scaled to every item, counts
    only what each item holds of its own.
    """
    # Indexing only: building a pair per item would wake the collector, which then
    # walks every object of the process.
    keys: Any = list(container) if isinstance(container, set | frozenset | dict) else container
    n = len(keys)
    step = n / (2 * SAMPLE_SIZE)
    for first in (1, 0):  # the warm-up, then the sample counted
        picked = [keys[int((2 * k + first) * step)] for k in range(SAMPLE_SIZE)]
        if isinstance(container, dict):
            picked += [container[key] for key in picked]
        size = _walk(picked, seen)
    return round(size * n / SAMPLE_SIZE)


_ATOM_TYPES = frozenset(_ATOMS)
_CONTAINERS = frozenset((list, tuple, set, frozenset, dict))
_SHARED = (
    type,
    types.ModuleType,
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.CodeType,
)


def release_memory(*, collect: bool = True) -> None:
    """Collect garbage (unless ``collect`` is False), frozen objects included
    (:func:`natojp._gc.collect_all`), and hand freed heap pages back to the operating
    system.

    CPython frees objects into the C allocator, which keeps the pages; without
    ``malloc_trim`` (glibc) a server's resident size stays at the peak of its largest
    analysis so far, and grows with every session thread's allocator arena. Elsewhere
    only the collection runs.
    """
    from natojp._gc import collect_all

    if collect:
        collect_all()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim
