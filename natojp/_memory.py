"""How much memory a result holds: a deep size for cache budgets.

:func:`deep_size` walks an object graph (dataclasses, slotted objects, containers,
strings) and counts each object once, taking NumPy arrays, SciPy sparse matrices and
pandas objects at their buffer sizes. It is an estimate of what dropping the object
would free: interned and shared objects (the same string in two results) are counted
by every result that reaches them.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

_ATOMS = (str, bytes, bytearray, int, float, complex, bool, type(None))


def deep_size(root: object) -> int:
    """Bytes held by ``root`` and everything it references (each object once)."""
    seen: set[int] = set()
    total = 0
    stack: list[object] = [root]
    while stack:
        obj = stack.pop()
        key = id(obj)
        if key in seen:
            continue
        seen.add(key)
        if isinstance(obj, _ATOMS):
            total += sys.getsizeof(obj)
            continue
        if isinstance(obj, np.ndarray):
            total += sys.getsizeof(obj)  # with its buffer when it owns one
            if obj.base is not None:  # a view keeps the whole buffer it looks into alive
                stack.append(obj.base)
            if obj.dtype == object:
                stack.extend(obj.ravel().tolist())
            continue
        if isinstance(obj, pd.DataFrame | pd.Series | pd.Index):
            total += int(np.sum(obj.memory_usage(deep=True)))
            continue
        total += sys.getsizeof(obj)
        stack.extend(_children(obj))
    return total


def _children(obj: object) -> list[Any]:
    """The objects ``obj`` references that count towards its size."""
    if isinstance(obj, Mapping):
        return [*obj.keys(), *obj.values()]
    if isinstance(obj, list | tuple | set | frozenset):
        return list(obj)
    sparse = _sparse_parts(obj)
    if sparse is not None:
        return sparse
    if dataclasses.is_dataclass(obj):
        return [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    children: list[Any] = []
    for cls in type(obj).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if hasattr(obj, name):
                children.append(getattr(obj, name))
    attrs = getattr(obj, "__dict__", None)
    if isinstance(attrs, dict):
        children.extend(attrs.values())
    return children


def _sparse_parts(obj: object) -> list[Any] | None:
    """The arrays of a SciPy compressed or coordinate sparse matrix, else None."""
    names = ("data", "indices", "indptr") if hasattr(obj, "indptr") else ("data", "row", "col")
    if type(obj).__module__.startswith("scipy.sparse") and all(hasattr(obj, n) for n in names):
        return [getattr(obj, n) for n in names]
    return None


def release_memory(*, collect: bool = True) -> None:
    """Collect garbage (unless ``collect`` is False) and hand freed heap pages back to
    the operating system.

    CPython frees objects into the C allocator, which keeps the pages; without
    ``malloc_trim`` (glibc) a server's resident size stays at the peak of its largest
    analysis so far, and grows with every session thread's allocator arena. Elsewhere
    only the collection runs.
    """
    import gc

    if collect:
        gc.collect()
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
