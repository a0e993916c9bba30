"""The shape of every data file, declared once, and the check of a parsed file against it.

A shape says which keys a mapping has, which are required, and what each value is; the check
turns every missing key, unknown key, wrong type or malformed value into one Problem at the
line of the mapping (or list) it is in. The readers run it before they make records, so a
record is made only from a mapping whose shape is right.

We chose a table over JSON Schema (the `jsonschema` package): its validator took 4.6 s on a
notice 100 times the real one (this check: under 0.2 s), and its messages would have needed
mapping back into these words anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from ..model import BLOCK_KINDS, PROGRESS_STATUSES, TASK_ROLES, UNIT_KINDS
from ..problems import Problem

UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A notice's folder name in data/notices/, its URL id: the same alphabet as a unit's id.
NOTICE_SLUG = UNIT_ID

# What a value is, as the messages name it.
TEXT, INTEGER, NUMBER, MAPPING, LIST = "text", "an integer", "a number", "a mapping", "a list"
BOOLEAN = "true or false"


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping: what its value must be."""

    kind: str  # TEXT, INTEGER, NUMBER, MAPPING or LIST
    required: bool = False
    nullable: bool = False  # null is allowed (and means "none")
    shape: Shape | None = None  # MAPPING: the nested mapping; LIST: each item, a mapping
    items: str | None = None  # LIST of scalars: what each item is (TEXT …)
    values: Field | None = None  # MAPPING with free keys (synonyms): each value
    choices: tuple = ()  # the only values allowed
    pattern: re.Pattern | None = None  # TEXT: must match
    date: bool = False  # TEXT: an ISO date (YYYY-MM-DD) that exists
    not_empty: bool = False  # TEXT or LIST: must not be empty
    hint: str = ""  # what to write, added to a message about this key


@dataclass(frozen=True, slots=True)
class Shape:
    """A mapping's keys. `label` names one mapping in messages (unit 'renshe', task 12);
    a nested shape without one speaks as its parent does."""

    fields: dict[str, Field]
    label: Callable[[Mapping], str] | None = None
    ignored: frozenset[str] = field(default_factory=frozenset)  # keys written, not read


def check(value: object, shape: Shape, path: str, line: int = 0) -> list[Problem]:
    """Every problem with a parsed file's top-level mapping against its shape."""
    if not isinstance(value, Mapping):
        keys = ", ".join(f"'{k}:'" for k in shape.fields)
        return [Problem(path, _line(value, line), f"expected a mapping with {keys}")]
    return list(_mapping(value, shape, path, "", _line(value, line)))


def _line(value: object, default: int) -> int:
    return getattr(value, "line", 0) or default


def _say(label: str, message: str) -> str:
    return f"{label}: {message}" if label else message


def _mapping(value: Mapping, shape: Shape, path: str, label: str, line: int) -> Iterator[Problem]:
    if shape.label is not None:
        label = shape.label(value)
    for key in value:
        if key not in shape.fields and key not in shape.ignored:
            known = ", ".join(shape.fields)
            yield Problem(path, line, _say(label, f"unknown key '{key}'; the keys are {known}"))
    for key, spec in shape.fields.items():
        if key not in value:
            if spec.required:
                yield Problem(path, line, _say(label, f"missing '{key}'{_hint(spec)}"))
            continue
        yield from _value(value[key], key, spec, path, label, _line(value[key], line))


def _hint(spec: Field) -> str:
    return f" ({spec.hint})" if spec.hint else ""


def _value(value, key: str, spec: Field, path: str, label: str, line: int) -> Iterator[Problem]:
    if value is None:
        if not spec.nullable:
            yield Problem(path, line, _say(label, f"'{key}' is empty; write {_what(spec)}"))
        return
    wrong = _wrong_type(value, spec.kind)
    if wrong:
        yield Problem(
            path, line, _say(label, f"'{key}' must be {_what(spec)}, got {value!r}{_hint(spec)}")
        )
        return
    if spec.kind == TEXT:
        yield from _text(value, key, spec, path, label, line)
    elif spec.kind == LIST:
        if spec.not_empty and not value:
            yield Problem(path, line, _say(label, f"'{key}' is an empty list{_hint(spec)}"))
        for item in value:
            item_line = _line(item, line)
            if spec.shape is not None:
                if not isinstance(item, Mapping):
                    yield Problem(
                        path, item_line, _say(label, f"each of '{key}' must be a mapping")
                    )
                else:
                    yield from _mapping(item, spec.shape, path, label, item_line)
            elif spec.items is not None and (
                _wrong_type(item, spec.items) or (spec.items == TEXT and not item.strip())
            ):
                yield Problem(
                    path,
                    line,
                    _say(label, f"'{key}' must be a list of {spec.items}, got {item!r} in it"),
                )
    elif spec.kind == MAPPING:
        if spec.shape is not None:
            yield from _mapping(value, spec.shape, path, label, line)
        elif spec.values is not None:
            for name, item in value.items():
                yield from _value(item, str(name), spec.values, path, label, _line(item, line))
    elif spec.choices and value not in spec.choices:
        yield Problem(path, line, _say(label, f"'{key}' must be one of {_choices(spec)}"))


def _text(value: str, key: str, spec: Field, path: str, label: str, line: int):
    if spec.not_empty and not value.strip():
        yield Problem(path, line, _say(label, f"'{key}' is empty{_hint(spec)}"))
    elif spec.choices and value not in spec.choices:
        yield Problem(
            path, line, _say(label, f"unknown {key} '{value}'; use one of {_choices(spec)}")
        )
    elif spec.pattern is not None and not spec.pattern.match(value):
        yield Problem(path, line, _say(label, f"{key} {spec.hint}"))
    elif spec.date and not is_date(value):
        yield Problem(path, line, _say(label, f"malformed date {value!r}; use YYYY-MM-DD"))


def _choices(spec: Field) -> str:
    return ", ".join(str(c) for c in spec.choices)


def _what(spec: Field) -> str:
    if spec.kind == LIST and spec.items:
        return f"a list of {spec.items}"
    return "a date (YYYY-MM-DD)" if spec.date else spec.kind


def _wrong_type(value: object, kind: str) -> bool:
    if kind == TEXT:
        return not isinstance(value, str)
    if kind == INTEGER:
        return not isinstance(value, int) or isinstance(value, bool)
    if kind == NUMBER:
        return not isinstance(value, int | float) or isinstance(value, bool)
    if kind == MAPPING:
        return not isinstance(value, Mapping)
    if kind == LIST:
        return not isinstance(value, list)
    if kind == BOOLEAN:
        return not isinstance(value, bool)
    raise ValueError(kind)


def is_date(value: object) -> bool:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# -- the data files ----------------------------------------------------------------------

_NAMES = "a list of names"
UNIT = Shape(
    label=lambda u: f"unit '{u['id']}'" if "id" in u else "unit",
    fields={
        "id": Field(
            TEXT,
            required=True,
            pattern=UNIT_ID,
            hint="must be lower-case ASCII letters, digits and '-' (it is used in URLs), "
            "e.g. qu-cai-zheng-ju",
        ),
        "name": Field(TEXT, required=True, not_empty=True, hint="the name as the notice writes it"),
        "full_name": Field(TEXT, nullable=True),
        "written_as": Field(LIST, items=TEXT, hint=_NAMES),
        "aliases": Field(LIST, items=TEXT, hint=_NAMES),
        "kind": Field(TEXT, choices=tuple(UNIT_KINDS)),
        "notes": Field(TEXT, nullable=True),
        "hosts": Field(LIST, items=TEXT, hint="the offices that sit in this unit"),
        "members": Field(LIST, items=TEXT, hint="the units a group stands for, by name"),
        "replaced_by": Field(
            TEXT,
            nullable=True,
            pattern=UNIT_ID,
            hint="the id of the unit that took its work over (机构改革), e.g. renshe",
        ),
        "former_names": Field(LIST, items=TEXT, hint="older names a notice may write"),
        "place": Field(
            TEXT,
            nullable=True,
            hint="the place the unit belongs to, as its notices' issuer names it, e.g. 大足区",
        ),
    },
)
UNITS = Shape({"units": Field(LIST, required=True, shape=UNIT)})

TAG = Shape(
    label=lambda t: f"tag '{t['id']}'" if "id" in t else "tag",
    fields={
        "id": Field(TEXT, required=True, pattern=UNIT_ID, hint="must be lower-case ASCII"),
        "name": Field(TEXT, required=True, not_empty=True),
        "keywords": Field(
            LIST, required=True, items=TEXT, not_empty=True, hint="the words that tag a task"
        ),
    },
)
TAGS = Shape({"tags": Field(LIST, required=True, shape=TAG)})

WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$")
# document.yaml: facts about the document that its text does not give (curated).
DOCUMENT = Shape(
    {
        "published": Field(TEXT, nullable=True, date=True, hint="发布日期, e.g. 2020-05-06"),
        "official_url": Field(
            TEXT,
            nullable=True,
            pattern=WEB_ADDRESS,
            hint="must be the official original's web address, starting with https://",
        ),
        "in_force": Field(BOOLEAN, nullable=True, hint="false once repealed or expired"),
        "repealed_on": Field(
            TEXT, nullable=True, date=True, hint="the day it was repealed (废止) or expired"
        ),
        "replaced_by": Field(
            TEXT,
            nullable=True,
            pattern=NOTICE_SLUG,
            hint="the folder name (slug) in data/notices/ of the notice that replaced it",
        ),
        "basis": Field(
            LIST,
            items=TEXT,
            hint="the folder names (slugs) in data/notices/ of the notices it implements",
        ),
    }
)

BOUNDS = ("min", "max", "exact")
TARGET = Shape(
    label=lambda t: f"target '{t['label']}'" if "label" in t else "target",
    fields={
        "label": Field(TEXT, required=True, not_empty=True),
        "quote": Field(TEXT, required=True, not_empty=True, hint="copied from the notice"),
        "value": Field(NUMBER, required=True),
        "unit": Field(TEXT, required=True),
        "bound": Field(TEXT, required=True, choices=BOUNDS),
    },
)
TARGETS = Shape({"targets": Field(LIST, required=True, shape=TARGET)})

SYNONYMS = Shape(
    {
        "synonyms": Field(
            MAPPING, required=True, values=Field(LIST, items=TEXT, hint="a list of words")
        )
    }
)

# notice.yaml, written by the importer (importer/datafiles.notice_document).
QUANTITY = Shape(
    {
        "quote": Field(TEXT, required=True),
        "value": Field(NUMBER, required=True),
        "unit": Field(TEXT, required=True),
        "bound": Field(TEXT, required=True, choices=BOUNDS),
    }
)
DATE_MENTION = Shape(
    {
        "kind": Field(TEXT, required=True, choices=("deadline", "date", "period")),
        "quote": Field(TEXT, required=True),
        "start": Field(TEXT, nullable=True, date=True),
        "end": Field(TEXT, nullable=True, date=True),
    }
)
TASK_NOTE = Shape({"label": Field(TEXT, required=True), "text": Field(TEXT, required=True)})
TASK = Shape(
    label=lambda t: f"task {t['number']}" if "number" in t else "task",
    fields={
        "number": Field(INTEGER, required=True),
        "id": Field(INTEGER, required=True, hint="re-import to give every task its id"),
        "line": Field(INTEGER),
        "part": Field(INTEGER, nullable=True),
        "clause": Field(INTEGER, nullable=True),
        "text": Field(TEXT, required=True),
        "units": Field(LIST, required=True, items=TEXT, hint="the unit names as written"),
        "lead": Field(LIST, required=True, items=TEXT, hint="the lead units' names"),
        "unit_note": Field(TEXT),
        # Optional: written by the importer only where the notice says more than units
        # and lead do.
        "roles": Field(
            LIST,
            items=TEXT,
            hint=f"one role for each unit, in order: {', '.join(TASK_ROLES)}",
        ),
        "leaders": Field(LIST, items=TEXT, hint="the people named as leaders (牵头负责领导)"),
        "open_ended": Field(TEXT, hint="the words that leave the unit list open (等有关部门)"),
        "numbered": Field(BOOLEAN, hint="false: the notice did not number this task"),
        "published_number": Field(INTEGER, hint="the number the notice gave, where it differs"),
        "deadline": Field(TEXT, hint="the 完成时限 as written"),
        "notes": Field(LIST, shape=TASK_NOTE, hint="a table's other columns: label and text"),
        "dates": Field(LIST, shape=DATE_MENTION),
        "quantities": Field(LIST, shape=QUANTITY),
    },
)
CLAUSE = Shape(
    label=lambda c: f"clause {c['number']}" if "number" in c else "clause",
    fields={
        "number": Field(INTEGER, required=True),
        "line": Field(INTEGER),
        "part": Field(INTEGER, nullable=True),
        "title": Field(TEXT, required=True),
    },
)
PART = Shape(
    label=lambda p: f"part {p['number']}" if "number" in p else "part",
    fields={
        "number": Field(INTEGER, required=True),
        "line": Field(INTEGER),
        "title": Field(TEXT, required=True),
    },
)
BLOCK = Shape(
    label=lambda b: f"block at source line {b['line']}" if "line" in b else "block",
    fields={
        "kind": Field(TEXT, required=True, choices=BLOCK_KINDS),
        "line": Field(INTEGER, required=True),
        "end_line": Field(INTEGER),
        "number": Field(INTEGER),
        "text": Field(TEXT, required=True),
        "quantities": Field(LIST, shape=QUANTITY),
    },
)
_HEADER_TEXT = Field(TEXT, nullable=True)
CONTACT = Shape(
    label=lambda _: "notice: contact",
    fields={
        "person": Field(TEXT, required=True),
        "phone": Field(TEXT, required=True),
        "text": Field(TEXT, required=True),
    },
)
HEADER = Shape(
    label=lambda _: "notice",
    fields={
        "doc_number": _HEADER_TEXT,
        "title": _HEADER_TEXT,
        "issuer": _HEADER_TEXT,
        "date": Field(TEXT, nullable=True, date=True),
        "addressees": Field(LIST, items=TEXT, nullable=True),
        "signature": _HEADER_TEXT,
        "contact": Field(MAPPING, nullable=True, shape=CONTACT),
        "annex_title": _HEADER_TEXT,
        "lead_rule": _HEADER_TEXT,
        # --lead-rule first: the first listed unit leads by the office's choice, not the notice's
        "lead_policy": Field(TEXT, choices=("first",)),
        "cc": Field(LIST, items=TEXT, nullable=True),
    },
)
DEADLINE = Shape(
    label=lambda d: f"reporting deadline '{d['when']}'" if "when" in d else "reporting deadline",
    fields={
        "when": Field(TEXT, required=True),
        "covers": Field(TEXT, required=True),
        "month": Field(INTEGER, required=True, choices=tuple(range(1, 13))),
        "year_offset": Field(INTEGER, required=True),
        "period": Field(TEXT, required=True, choices=("early", "mid", "late", "month")),
    },
)
REPORTING = Shape(
    label=lambda _: "reporting",
    ignored=frozenset({"source"}),  # the importer writes it; the line above says where
    fields={
        "line": Field(INTEGER),
        "text": Field(TEXT, required=True),
        "who": Field(TEXT, required=True),
        "to": Field(TEXT, required=True),
        "items": Field(LIST, items=TEXT),
        "deadlines": Field(
            LIST,
            shape=Shape(
                {
                    "when": Field(TEXT, required=True),
                    "covers": Field(TEXT, required=True),
                    "month": Field(INTEGER, required=True, choices=tuple(range(1, 13))),
                    "year_offset": Field(INTEGER, required=True),
                    "period": Field(TEXT, required=True, choices=("early", "mid", "late", "month")),
                }
            ),
        ),
    },
)
REVISION = Shape(
    label=lambda _: "revision",
    fields={
        "label": Field(TEXT, required=True, not_empty=True),
        "date": Field(TEXT, required=True, date=True),
    },
)
NOTICE = Shape(
    {
        "format": Field(INTEGER, required=True, choices=(1,), hint="re-import the notice"),
        "source": Field(TEXT, required=True, hint="the source file, relative to data/"),
        "revision": Field(MAPPING, nullable=True, shape=REVISION),
        "max_task_id": Field(INTEGER),
        "notice": Field(MAPPING, required=True, shape=HEADER),
        "reporting": Field(MAPPING, nullable=True, shape=REPORTING),
        "parts": Field(LIST, nullable=True, shape=PART),
        "clauses": Field(LIST, nullable=True, shape=CLAUSE),
        "tasks": Field(LIST, required=True, shape=TASK),
        "blocks": Field(LIST, nullable=True, shape=BLOCK),
    }
)

# data/progress/<period>/<unit>.yaml: one unit's returned ledger for one period, written by
# scripts/import_progress.py (importer/progress.py).
PROGRESS_ENTRY = Shape(
    label=lambda e: f"task {e['task']}" if "task" in e else "report",
    fields={
        "task": Field(INTEGER, required=True, hint="the task's stable id"),
        "status": Field(TEXT, required=True, choices=PROGRESS_STATUSES),
        "progress": Field(TEXT, required=True, hint="进展情况 as written; '' when none"),
        "evidence": Field(TEXT, hint="佐证材料 as written"),
    },
)
PROGRESS_CONTRIBUTION = Shape(
    label=lambda e: f"contribution to task {e['task']}" if "task" in e else "contribution",
    fields={
        "task": Field(INTEGER, required=True, hint="the task's stable id"),
        "status": Field(TEXT, choices=PROGRESS_STATUSES),
        "progress": Field(TEXT, hint="进展情况 as written"),
        "evidence": Field(TEXT, hint="佐证材料 as written"),
    },
)
PROGRESS = Shape(
    {
        "unit": Field(TEXT, required=True, pattern=UNIT_ID, hint="must be a unit id"),
        "period": Field(
            TEXT, required=True, not_empty=True, hint="a reporting period id; quote a year: '2020'"
        ),
        "received": Field(TEXT, required=True, date=True),
        "revision": Field(TEXT, required=True, hint="the ledger's revision label; '' if none"),
        "file": Field(TEXT, required=True, not_empty=True, hint="the returned file's name"),
        "reports": Field(LIST, required=True, shape=PROGRESS_ENTRY),
        # A partner's filled rows of the tasks it shares: kept, setting no status.
        "contributions": Field(LIST, shape=PROGRESS_CONTRIBUTION),
    }
)

# corrections.yaml, beside notice.yaml: what the office corrects in the importer's reading,
# curated by hand and applied on every import (importer/corrections.py). Each correction
# names its task by the number the notice gives it and the first words of its text.
_UNIT_NAMES = "the unit names as the notice writes them, in its order"
_ROLES_HINT = f"one role for each unit, in order: {', '.join(TASK_ROLES)}"
CORRECTED_UNITS = Shape(
    label=lambda _: "correction: second",
    fields={
        "units": Field(LIST, items=TEXT, hint=_UNIT_NAMES),
        "lead": Field(LIST, items=TEXT, hint="the lead units' names, each one of 'units'"),
        "roles": Field(LIST, items=TEXT, hint=_ROLES_HINT),
    },
)
NEXT_TASK = Shape(
    label=lambda _: "correction: join_next",
    fields={
        "task": Field(INTEGER, required=True, hint="the next task's number as published"),
        "starts": Field(
            TEXT, required=True, not_empty=True, hint="the first words of the next task's text"
        ),
    },
)
CORRECTION = Shape(
    label=lambda c: f"correction of task {c['task']}" if "task" in c else "correction",
    fields={
        "task": Field(INTEGER, hint="the task's number as the notice publishes it"),
        "starts": Field(
            TEXT,
            required=True,
            not_empty=True,
            hint="the first words of the task's text (of the line, with is_task), as written",
        ),
        "units": Field(LIST, items=TEXT, hint=_UNIT_NAMES),
        "lead": Field(LIST, items=TEXT, hint="the lead units' names, each one of 'units'"),
        "roles": Field(LIST, items=TEXT, hint=_ROLES_HINT),
        "not_a_task": Field(BOOLEAN, hint="true: the importer took a line for a task"),
        "is_task": Field(BOOLEAN, hint="true: a line the importer did not take is a task"),
        "split_at": Field(
            TEXT, not_empty=True, hint="the first words of the second task, inside the text"
        ),
        "second": Field(MAPPING, shape=CORRECTED_UNITS),
        "join_next": Field(MAPPING, shape=NEXT_TASK),
        "why": Field(TEXT, nullable=True, hint="a note for the office; not published"),
    },
)
CORRECTIONS = Shape({"corrections": Field(LIST, required=True, shape=CORRECTION)})
