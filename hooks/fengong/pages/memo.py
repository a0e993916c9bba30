"""Memoise a function of one model object (a Site, a Library) for as long as that object
lives: a library's pages ask the same of each of its notices thousands of times."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def per_object(fn: Callable[[T], R]) -> Callable[[T], R]:
    """fn(obj), computed once per object. Keyed by the object's identity, never its value:
    a rebuild (mkdocs serve) loads new objects, so nothing computed from older data is ever
    served, and an entry goes when its object does. fn's result must not hold obj (the
    entry would keep it alive)."""
    results: dict[int, tuple[weakref.ref, R]] = {}

    @wraps(fn)
    def memo(obj: T) -> R:
        key = id(obj)
        held = results.get(key)
        if held is not None and held[0]() is obj:
            return held[1]

        def forget(ref: weakref.ref, key: int = key) -> None:
            if results.get(key, (None,))[0] is ref:
                del results[key]

        value = fn(obj)
        results[key] = (weakref.ref(obj, forget), value)
        return value

    return memo
