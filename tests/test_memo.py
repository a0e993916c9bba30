"""memo.per_object: a value computed once per model object, never served for another."""

from __future__ import annotations

import gc
import weakref
from dataclasses import dataclass

from fengong.pages.memo import per_object


@dataclass(frozen=True)
class Data:  # frozen and not slotted, as Site and Library are
    words: tuple[str, ...]


def counted():
    calls = []

    @per_object
    def length(data: Data) -> int:
        calls.append(data)
        return len(data.words)

    return length, calls


def test_a_value_is_computed_once_per_object():
    length, calls = counted()
    data, other = Data(words=("a", "b")), Data(words=("c",))
    assert [length(data), length(other), length(data), length(other)] == [2, 1, 2, 1]
    assert calls == [data, other]


def test_an_equal_object_of_a_rebuild_is_computed_anew():
    # mkdocs serve loads the data again into new objects: identity, not equality, decides.
    length, calls = counted()
    first = Data(words=("a",))
    length(first)
    again = Data(words=("a",))
    assert again == first
    length(again)
    assert len(calls) == 2 and calls[1] is again


def test_the_memo_keeps_no_object_alive():
    length, calls = counted()
    data = Data(words=("a",))
    length(data)
    gone = weakref.ref(data)
    del data
    calls.clear()
    gc.collect()
    assert gone() is None
