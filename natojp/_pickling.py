"""Faster pickling of the frozen, slotted dataclasses an analysis holds by the
hundred thousand (paragraphs, dates, mentions, evidence).

:func:`dataclasses.dataclass` gives a frozen class with ``slots=True`` a
``__getstate__`` and a ``__setstate__`` that call :func:`dataclasses.fields` for every
object. Reading a kept analysis of 100,000 articles (:mod:`natojp.library._cache`)
spent about a third of its time there. :func:`quick_state` gives a class the same two
methods over its field names, found once: the state is the same list of values in the
same order, so pickles made with either load with the other.

Restoring is the most of reading a kept analysis (a million objects for the corpus of
100,000 articles), so ``__setstate__`` is written out for each class, one slot
descriptor's ``__set__`` per field: half the time of a loop over the names with
``object.__setattr__`` (measured on 300,000 paragraphs).
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any, TypeVar

_C = TypeVar("_C", bound=type)


def quick_state(cls: _C) -> _C:
    """Class decorator (above ``@dataclass(frozen=True, slots=True)``): the class's
    pickled state made and restored without a call to :func:`dataclasses.fields` per
    object."""
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__qualname__} is not a slotted dataclass")
    names = tuple(f.name for f in dataclasses.fields(cls))

    if len(names) == 1:
        (name,) = names

        def get_state(self: Any) -> list[Any]:
            return [getattr(self, name)]
    else:
        values = operator.attrgetter(*names)  # a tuple of them, in C

        def get_state(self: Any) -> list[Any]:
            return list(values(self))

    set_state = _state_setter(cls, names)

    setattr(cls, "__getstate__", get_state)  # noqa: B010 (mypy: methods are not assigned)
    setattr(cls, "__setstate__", set_state)  # noqa: B010
    return cls


def _state_setter(cls: type, names: tuple[str, ...]) -> Any:
    """``__setstate__`` for ``cls``: each field set by its slot's descriptor, in a
    function written out for these names (as :mod:`dataclasses` writes ``__init__``). A
    state of another length (a pickle of a version with other fields) is set as far as
    both go, as the dataclass's own ``__setstate__`` does."""
    setters = {}
    for i, name in enumerate(names):
        slot = next(k.__dict__[name] for k in cls.__mro__ if name in k.__dict__)
        setters[f"_set{i}"] = slot.__set__
    every = tuple(setters.values())
    body = "\n".join(f"        _set{i}(self, state[{i}])" for i in range(len(names)))
    source = (
        "def __setstate__(self, state):\n"
        f"    if len(state) == {len(names)}:\n"
        f"{body or '        pass'}\n"
        "    else:\n"
        "        for setter, value in zip(_every, state):\n"
        "            setter(self, value)\n"
    )
    scope: dict[str, Any] = {**setters, "_every": every}
    exec(compile(source, f"<quick_state {cls.__qualname__}>", "exec"), scope)
    setter = scope["__setstate__"]
    setter.__qualname__ = f"{cls.__qualname__}.__setstate__"
    return setter
