"""What every reader does first: parse the YAML with its lines, check it against its shape."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...problems import Problem
from ..shapes import Shape, check
from ..yamlio import read_yaml


def read_checked(path: Path, shown: str, shape: Shape) -> tuple[Mapping | None, list[Problem]]:
    """The file's top-level mapping when it parses and has its shape; else None and why.
    A missing or empty file is None with no problem: the caller knows if it is required."""
    if not path.exists():
        return None, []
    document, problems = read_yaml(path, shown)
    if problems or document is None:
        return None, problems
    problems = check(document, shape, shown)
    return (None, problems) if problems else (document, [])


def line_of(item: object) -> int:
    return getattr(item, "line", 0)


def duplicates(items, key, path: str, message) -> list[Problem]:
    """One problem for each item whose key an item before it has already:
    message(item, line of the first) says what."""
    first: dict[object, int] = {}
    problems = []
    for item in items:
        value = key(item)
        if value in first:
            problems.append(Problem(path, line_of(item), message(item, first[value])))
        else:
            first[value] = line_of(item)
    return problems
