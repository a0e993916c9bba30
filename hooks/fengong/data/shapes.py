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
from . import messages as m

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
        keys = "、".join(f"'{k}:'" for k in shape.fields)
        return [Problem(path, _line(value, line), m.SHAPE_NOT_MAPPING.format(keys=keys))]
    return list(_mapping(value, shape, path, "", _line(value, line)))


def _line(value: object, default: int) -> int:
    return getattr(value, "line", 0) or default


def _say(label: str, message: str) -> str:
    return m.SHAPE_SAY.format(label=label, message=message) if label else message


def _mapping(value: Mapping, shape: Shape, path: str, label: str, line: int) -> Iterator[Problem]:
    if shape.label is not None:
        label = shape.label(value)
    for key in value:
        if key not in shape.fields and key not in shape.ignored:
            known = m.quoted(shape.fields)
            yield Problem(path, line, _say(label, m.SHAPE_UNKNOWN_KEY.format(key=key, known=known)))
    for key, spec in shape.fields.items():
        if key not in value:
            if spec.required:
                yield Problem(
                    path, line, _say(label, m.SHAPE_MISSING.format(key=key, hint=_hint(spec)))
                )
            continue
        yield from _value(value[key], key, spec, path, label, _line(value[key], line))


def _hint(spec: Field) -> str:
    return m.SHAPE_HINT.format(hint=spec.hint) if spec.hint else ""


def _value(value, key: str, spec: Field, path: str, label: str, line: int) -> Iterator[Problem]:
    if value is None:
        if not spec.nullable:
            yield Problem(path, line, _say(label, m.SHAPE_NULL.format(key=key, what=_what(spec))))
        return
    wrong = _wrong_type(value, spec.kind)
    if wrong:
        message = m.SHAPE_WRONG_TYPE.format(
            key=key, what=_what(spec), value=value, hint=_hint(spec)
        )
        yield Problem(path, line, _say(label, message))
        return
    if spec.kind == TEXT:
        yield from _text(value, key, spec, path, label, line)
    elif spec.kind == LIST:
        if spec.not_empty and not value:
            message = m.SHAPE_EMPTY_LIST.format(key=key, hint=_hint(spec))
            yield Problem(path, line, _say(label, message))
        for item in value:
            item_line = _line(item, line)
            if spec.shape is not None:
                if not isinstance(item, Mapping):
                    yield Problem(
                        path, item_line, _say(label, m.SHAPE_ITEM_NOT_MAPPING.format(key=key))
                    )
                else:
                    yield from _mapping(item, spec.shape, path, label, item_line)
            elif spec.items is not None and (
                _wrong_type(item, spec.items) or (spec.items == TEXT and not item.strip())
            ):
                yield Problem(
                    path,
                    line,
                    _say(
                        label,
                        m.SHAPE_WRONG_ITEM.format(
                            key=key, items=m.SHAPE_KINDS[spec.items], item=item
                        ),
                    ),
                )
    elif spec.kind == MAPPING:
        if spec.shape is not None:
            yield from _mapping(value, spec.shape, path, label, line)
        elif spec.values is not None:
            for name, item in value.items():
                yield from _value(item, str(name), spec.values, path, label, _line(item, line))
    elif spec.choices and value not in spec.choices:
        message = m.SHAPE_NOT_A_CHOICE.format(key=key, choices=_choices(spec))
        yield Problem(path, line, _say(label, message))


def _text(value: str, key: str, spec: Field, path: str, label: str, line: int):
    if spec.not_empty and not value.strip():
        yield Problem(path, line, _say(label, m.SHAPE_EMPTY_TEXT.format(key=key, hint=_hint(spec))))
    elif spec.choices and value not in spec.choices:
        message = m.SHAPE_UNKNOWN_CHOICE.format(key=key, value=value, choices=_choices(spec))
        yield Problem(path, line, _say(label, message))
    elif spec.pattern is not None and not spec.pattern.match(value):
        yield Problem(path, line, _say(label, m.SHAPE_PATTERN.format(key=key, hint=spec.hint)))
    elif spec.date and not is_date(value):
        yield Problem(path, line, _say(label, m.SHAPE_BAD_DATE.format(value=value)))


def _choices(spec: Field) -> str:
    return m.quoted(spec.choices)


def _what(spec: Field) -> str:
    if spec.kind == LIST and spec.items:
        return m.SHAPE_LIST_OF.format(items=m.SHAPE_KINDS[spec.items])
    return m.SHAPE_DATE if spec.date else m.SHAPE_KINDS[spec.kind]


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

_NAMES = "名称的列表"
UNIT = Shape(
    label=lambda u: f"单位 '{u['id']}'" if "id" in u else "单位",
    fields={
        "id": Field(
            TEXT,
            required=True,
            pattern=UNIT_ID,
            hint="须为小写英文字母、数字和“-”（用于网址），例如 qu-cai-zheng-ju",
        ),
        "name": Field(TEXT, required=True, not_empty=True, hint="按通知的写法"),
        "full_name": Field(TEXT, nullable=True),
        "written_as": Field(LIST, items=TEXT, hint=_NAMES),
        "aliases": Field(LIST, items=TEXT, hint=_NAMES),
        "kind": Field(TEXT, choices=tuple(UNIT_KINDS)),
        "notes": Field(TEXT, nullable=True),
        "hosts": Field(LIST, items=TEXT, hint="设在本单位的办公室"),
        "members": Field(LIST, items=TEXT, hint="本组所代表的各单位名称"),
        "replaced_by": Field(
            TEXT,
            nullable=True,
            pattern=UNIT_ID,
            hint="承接其职能的单位的 id（机构改革），例如 renshe",
        ),
        "former_names": Field(LIST, items=TEXT, hint="通知可能写的旧名称"),
        "place": Field(
            TEXT,
            nullable=True,
            hint="单位所属的地方，按其通知的发文机关写，例如 大足区",
        ),
    },
)
UNITS = Shape({"units": Field(LIST, required=True, shape=UNIT)})

TAG = Shape(
    label=lambda t: f"标签 '{t['id']}'" if "id" in t else "标签",
    fields={
        "id": Field(TEXT, required=True, pattern=UNIT_ID, hint="须为小写英文字母、数字和“-”"),
        "name": Field(TEXT, required=True, not_empty=True),
        "keywords": Field(
            LIST, required=True, items=TEXT, not_empty=True, hint="给任务加标签的词语"
        ),
    },
)
TAGS = Shape({"tags": Field(LIST, required=True, shape=TAG)})

WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$")
# document.yaml: facts about the document that its text does not give (curated).
DOCUMENT = Shape(
    {
        "published": Field(TEXT, nullable=True, date=True, hint="发布日期，例如 2020-05-06"),
        "official_url": Field(
            TEXT,
            nullable=True,
            pattern=WEB_ADDRESS,
            hint="须为正式文件原文的网址，以 https:// 开头",
        ),
        "in_force": Field(BOOLEAN, nullable=True, hint="废止或失效后为 false"),
        "repealed_on": Field(TEXT, nullable=True, date=True, hint="废止或失效的日期"),
        "replaced_by": Field(
            TEXT,
            nullable=True,
            pattern=NOTICE_SLUG,
            hint="取代它的通知在 data/notices/ 中的文件夹名（slug）",
        ),
        "basis": Field(
            LIST,
            items=TEXT,
            hint="它所依据的通知在 data/notices/ 中的文件夹名（slug）",
        ),
    }
)

BOUNDS = ("min", "max", "exact")
TARGET = Shape(
    label=lambda t: f"目标 '{t['label']}'" if "label" in t else "目标",
    fields={
        "label": Field(TEXT, required=True, not_empty=True),
        "quote": Field(TEXT, required=True, not_empty=True, hint="从通知中原样复制"),
        "value": Field(NUMBER, required=True),
        "unit": Field(TEXT, required=True),
        "bound": Field(TEXT, required=True, choices=BOUNDS),
    },
)
TARGETS = Shape({"targets": Field(LIST, required=True, shape=TARGET)})

SYNONYMS = Shape(
    {"synonyms": Field(MAPPING, required=True, values=Field(LIST, items=TEXT, hint="词语的列表"))}
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
    label=lambda t: f"任务{t['number']}" if "number" in t else "任务",
    fields={
        "number": Field(INTEGER, required=True),
        "id": Field(INTEGER, required=True, hint="重新导入通知，给每项任务编号"),
        "line": Field(INTEGER),
        "part": Field(INTEGER, nullable=True),
        "clause": Field(INTEGER, nullable=True),
        "text": Field(TEXT, required=True),
        "units": Field(LIST, required=True, items=TEXT, hint="按通知写法的单位名称"),
        "lead": Field(LIST, required=True, items=TEXT, hint="牵头单位的名称"),
        "unit_note": Field(TEXT),
        # Optional: written by the importer only where the notice says more than units
        # and lead do.
        "roles": Field(
            LIST,
            items=TEXT,
            hint=f"按顺序每个单位一个角色：{'、'.join(TASK_ROLES)}",
        ),
        "leaders": Field(LIST, items=TEXT, hint="牵头负责领导"),
        "open_ended": Field(TEXT, hint="使单位未列全的词语（如“等有关部门”）"),
        "numbered": Field(BOOLEAN, hint="false：通知没有给这项任务编号"),
        "published_number": Field(INTEGER, hint="通知给的序号（与现序号不同时）"),
        "deadline": Field(TEXT, hint="按原文写的完成时限"),
        "notes": Field(LIST, shape=TASK_NOTE, hint="表格的其他列：label 和 text"),
        "dates": Field(LIST, shape=DATE_MENTION),
        "quantities": Field(LIST, shape=QUANTITY),
    },
)
CLAUSE = Shape(
    label=lambda c: f"第{c['number']}条" if "number" in c else "条",
    fields={
        "number": Field(INTEGER, required=True),
        "line": Field(INTEGER),
        "part": Field(INTEGER, nullable=True),
        "title": Field(TEXT, required=True),
    },
)
PART = Shape(
    label=lambda p: f"第{p['number']}部分" if "number" in p else "部分",
    fields={
        "number": Field(INTEGER, required=True),
        "line": Field(INTEGER),
        "title": Field(TEXT, required=True),
    },
)
BLOCK = Shape(
    label=lambda b: f"原文第 {b['line']} 行的段落" if "line" in b else "段落",
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
    label=lambda _: "通知：联系人",
    fields={
        "person": Field(TEXT, required=True),
        "phone": Field(TEXT, required=True),
        "text": Field(TEXT, required=True),
    },
)
HEADER = Shape(
    label=lambda _: "通知",
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
    label=lambda d: f"报送时限 '{d['when']}'" if "when" in d else "报送时限",
    fields={
        "when": Field(TEXT, required=True),
        "covers": Field(TEXT, required=True),
        "month": Field(INTEGER, required=True, choices=tuple(range(1, 13))),
        "year_offset": Field(INTEGER, required=True),
        "period": Field(TEXT, required=True, choices=("early", "mid", "late", "month")),
    },
)
REPORTING = Shape(
    label=lambda _: "报送要求",
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
    label=lambda _: "修订版",
    fields={
        "label": Field(TEXT, required=True, not_empty=True),
        "date": Field(TEXT, required=True, date=True),
    },
)
NOTICE = Shape(
    {
        "format": Field(INTEGER, required=True, choices=(1,), hint="请重新导入通知"),
        "source": Field(TEXT, required=True, hint="原文文件，相对于 data/ 的路径"),
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
    label=lambda e: f"任务编号 {e['task']}" if "task" in e else "报送",
    fields={
        "task": Field(INTEGER, required=True, hint="任务的固定编号"),
        "status": Field(TEXT, required=True, choices=PROGRESS_STATUSES),
        "progress": Field(TEXT, required=True, hint="按原样写的进展情况；没有时写 ''"),
        "evidence": Field(TEXT, hint="按原样写的佐证材料"),
    },
)
PROGRESS_CONTRIBUTION = Shape(
    label=lambda e: f"任务编号 {e['task']} 的配合情况" if "task" in e else "配合情况",
    fields={
        "task": Field(INTEGER, required=True, hint="任务的固定编号"),
        "status": Field(TEXT, choices=PROGRESS_STATUSES),
        "progress": Field(TEXT, hint="按原样写的进展情况"),
        "evidence": Field(TEXT, hint="按原样写的佐证材料"),
    },
)
PROGRESS = Shape(
    {
        "unit": Field(TEXT, required=True, pattern=UNIT_ID, hint="须为单位 id"),
        "period": Field(
            TEXT, required=True, not_empty=True, hint="报送期编号；年份要加引号：'2020'"
        ),
        "received": Field(TEXT, required=True, date=True),
        "revision": Field(TEXT, required=True, hint="台账的修订版标记；没有时写 ''"),
        "file": Field(TEXT, required=True, not_empty=True, hint="交回的文件名"),
        "reports": Field(LIST, required=True, shape=PROGRESS_ENTRY),
        # A partner's filled rows of the tasks it shares: kept, setting no status.
        "contributions": Field(LIST, shape=PROGRESS_CONTRIBUTION),
    }
)

# corrections.yaml, beside notice.yaml: what the office corrects in the importer's reading,
# curated by hand and applied on every import (importer/corrections.py). Each correction
# names its task by the number the notice gives it and the first words of its text.
_UNIT_NAMES = "按通知的写法和顺序写单位名称"
_ROLES_HINT = f"按顺序每个单位一个角色：{'、'.join(TASK_ROLES)}"
CORRECTED_UNITS = Shape(
    label=lambda _: "更正：second",
    fields={
        "units": Field(LIST, items=TEXT, hint=_UNIT_NAMES),
        "lead": Field(LIST, items=TEXT, hint="牵头单位的名称，每个都须在 'units' 中"),
        "roles": Field(LIST, items=TEXT, hint=_ROLES_HINT),
    },
)
NEXT_TASK = Shape(
    label=lambda _: "更正：join_next",
    fields={
        "task": Field(INTEGER, required=True, hint="下一项任务公布的序号"),
        "starts": Field(TEXT, required=True, not_empty=True, hint="下一项任务开头的几个字"),
    },
)
CORRECTION = Shape(
    label=lambda c: f"任务{c['task']}的更正" if "task" in c else "更正",
    fields={
        "task": Field(INTEGER, hint="通知公布的任务序号"),
        "starts": Field(
            TEXT,
            required=True,
            not_empty=True,
            hint="任务（is_task 时为那一行）开头的几个字，按原文",
        ),
        "units": Field(LIST, items=TEXT, hint=_UNIT_NAMES),
        "lead": Field(LIST, items=TEXT, hint="牵头单位的名称，每个都须在 'units' 中"),
        "roles": Field(LIST, items=TEXT, hint=_ROLES_HINT),
        "not_a_task": Field(BOOLEAN, hint="true：程序把这一行误当成任务"),
        "is_task": Field(BOOLEAN, hint="true：程序没当成任务的一行是任务"),
        "split_at": Field(TEXT, not_empty=True, hint="第二项任务开头的几个字，在任务文字之中"),
        "second": Field(MAPPING, shape=CORRECTED_UNITS),
        "join_next": Field(MAPPING, shape=NEXT_TASK),
        "why": Field(TEXT, nullable=True, hint="给办公室的说明，不公布"),
    },
)
CORRECTIONS = Shape({"corrections": Field(LIST, required=True, shape=CORRECTION)})
