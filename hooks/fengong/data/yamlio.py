"""YAML in with line numbers kept on every mapping and list, so errors can name the line."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

import yaml

from ..problems import Problem
from . import messages


class Located(dict):
    """A mapping read from YAML, with the line it starts on."""

    line: int = 0


class LocatedList(list):
    line: int = 0


# libyaml's parser when it is installed (PyYAML's wheels ship it): five times faster on
# notice.yaml. Marks, and so line numbers, are the same.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):
    pass


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, messages.DUPLICATE_KEY.format(key=key), key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
# Dates stay strings: the model keeps ISO text, and a malformed date is a validation error.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, path: str) -> tuple[object, list[Problem]]:
    """Parse YAML text; a syntax error becomes one Problem at its line."""
    try:
        with _no_gc():
            return yaml.load(text, Loader=_LineLoader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = yaml_problem(exc.problem or str(exc))
        return None, [Problem(path, line, messages.YAML_SYNTAX.format(what=what))]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 0, messages.YAML_ERROR.format(what=exc))]


def yaml_problem(problem: str) -> str:
    """PyYAML's problem in Chinese, where it is one of the usual ones."""
    for english, chinese in messages.YAML_PROBLEMS:
        if problem.startswith(english):
            return chinese
    return problem


def os_error(exc: OSError) -> str:
    """An operating system error in Chinese, where it is a usual one."""
    return messages.OS_ERRORS.get(exc.strerror or "", exc.strerror or str(exc))


@contextmanager
def _no_gc():
    """The cycle collector paused: parsing makes hundreds of thousands of new containers
    (none of them garbage), and collecting while they pile up made a 100x notice.yaml take
    twice as long to parse."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_yaml(path: Path, shown_as: str) -> tuple[object, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown_as, 0, messages.NOT_UTF8.format(at=exc.start + 1))]
    except OSError as exc:
        return None, [Problem(shown_as, 0, messages.CANNOT_READ.format(why=os_error(exc)))]
    return parse_yaml(text, shown_as)
