"""The notice as typed, immutable objects: what every renderer and script reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from .places import Jurisdiction

# A unit's role in a task: 牵头 (lead) or 参与 (one of the other responsible units).
Role = Literal["lead", "partner"]
# The roles a notice itself gives: 牵头, 负责, 配合 / 参与 / 协同, 指导 (notice.yaml `roles`).
TASK_ROLES = ("lead", "responsible", "partner", "guiding")

# Closed vocabulary of unit kinds, with the Chinese label shown on the site.
UNIT_KINDS: dict[str, str] = {
    "government_department": "区政府部门",
    "party_department": "区委部门",
    "mass_organisation": "群团组织",
    "development_zone": "开发区和园区",
    "vertical_agency": "垂直管理部门",
    "public_institution": "事业单位",
    "town_group": "镇街（统称）",
    "generic": "泛指单位",
    # Across levels and places (a library holds national, provincial … notices): the kinds
    # a stub's name and its notice's issuer show (importer/datafiles.py stub_kind).
    "national_ministry": "国务院部委",
    "national_agency": "国务院直属机构",
    "national_body": "中央和国家机关",
    "provincial_body": "省级部门",
    "city_body": "市级部门",
    "county_body": "县级部门",
    "township_body": "乡镇（街道）",
    "enterprise": "企业",
    "government_group": "地方人民政府（统称）",
    # Not curated yet: the site shows the unit by its name as written and no kind.
    "uncurated": "",
}

# Block kinds: every line of the source belongs to exactly one block, in order.
BLOCK_KINDS = (
    "masthead",  # 发文机关标志 (…人民政府文件), above the 文号
    "doc_number",
    "title",
    "addressees",
    "paragraph",
    "section",
    "item",
    "annex_ref",
    "signature",
    "date",
    "contact",
    "annex_label",
    "annex_title",
    "part",
    "clause",
    "task",
    "table_header",  # a table's header row (序号 | 重点任务 | 牵头单位 …): its column names
    "cc",
    "other",
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where an item was read: a file and a 1-based line (0 when unknown)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def _source() -> Source:
    return field(default=Source(""), compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A date, deadline or period found in a text: 实施期限延长至2021年4月30日."""

    kind: Literal["deadline", "date", "period"]
    quote: str  # the words as written
    start: str | None = None  # ISO date
    end: str | None = None  # ISO date; for a deadline, the date itself


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number with its unit found in a text: 提前30日, 比例下调为20%, 不少于200名."""

    quote: str
    value: float
    unit: str
    bound: Literal["min", "max", "exact"] = "exact"


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    id: str  # stable ASCII id, used in URLs
    name: str  # short name as the notice writes it
    full_name: str = ""
    aliases: tuple[str, ...] = ()  # informal names people search for (人社局)
    written_as: tuple[str, ...] = ()  # other forms the notice writes (区农业农村委〔区扶贫办〕)
    kind: str = "uncurated"
    notes: str = ""
    # Offices that sit in this unit (区就业工作领导小组办公室 sits in 区人力社保局): where a
    # notice sends its reports, the site says where the office is.
    hosts: tuple[str, ...] = ()
    # The units a group stands for (各镇街 → 龙水镇 …), by name: not units of the notice
    # (a task naming 各镇街 is not a task naming 龙水镇 alone), but what readers search for.
    members: tuple[str, ...] = ()
    # Across notices and years (机构改革): the unit that took this one's work over, by id
    # (this id stays valid for the older notices that name it), and the older names a
    # notice may write for this unit; they resolve to it as written_as does.
    replaced_by: str = ""
    former_names: tuple[str, ...] = ()
    # The place the unit belongs to (大足区, 立山区, 全国): two districts' 区财政局 are two
    # units. "" for a registry that records none (one place's site): such a unit answers
    # to its names from any notice (places.py says which place a notice's name is of).
    place: str = ""
    source: Source = _source()

    @property
    def kind_label(self) -> str:
        return UNIT_KINDS.get(self.kind, self.kind)

    @property
    def is_group(self) -> bool:
        return self.kind == "town_group"

    @property
    def is_placeholder(self) -> bool:
        """A word for whoever it concerns (相关单位), not a unit: not counted among the units."""
        return self.kind == "generic"


@dataclass(frozen=True)
class UnitRegistry:
    """units.yaml: every unit, and the one index from any name a unit is known by (its
    name, the forms the notices write, its former names, its aliases) to the unit.

    Seen from one notice (its issuer's jurisdiction), a name resolves first to the unit of
    the place the name is of (区财政局 in 立山区's notice → 立山区's), then to a unit that
    records no place, and last to a unit whose informal alias it is."""

    units: tuple[Unit, ...]
    jurisdiction: Jurisdiction = Jurisdiction()

    @cached_property
    def by_name(self) -> dict[str, Unit]:
        index: dict[str, Unit] = {}
        for unit in self.units:
            for name in (unit.name, *unit.written_as, *unit.former_names, *unit.aliases):
                index.setdefault(name, unit)
        return index

    def find(self, name: str) -> Unit | None:
        written, aliases = _name_indexes(self.units)
        place = self.jurisdiction.place_of(name)
        return (
            (written.get((name, place)) if place else None)
            or written.get((name, ""))
            or aliases.get(name)
        )


# The name indexes of the last registry's units, kept by identity: a library's notices share
# one units tuple, so its hundreds of notices (each its own UnitRegistry) index it once; a new
# load reads a new tuple and gets new indexes.
_LAST_INDEXES: list[tuple[tuple[Unit, ...], dict[tuple[str, str], Unit], dict[str, Unit]]] = []


def _name_indexes(
    units: tuple[Unit, ...],
) -> tuple[dict[tuple[str, str], Unit], dict[str, Unit]]:
    """(name as written, place) → unit, and informal alias → unit; the first unit wins."""
    last = _LAST_INDEXES[0] if _LAST_INDEXES else None
    if last is not None and last[0] is units:
        return last[1], last[2]
    written: dict[tuple[str, str], Unit] = {}
    aliases: dict[str, Unit] = {}
    for unit in units:
        for name in (unit.name, *unit.written_as, *unit.former_names):
            written.setdefault((name, unit.place), unit)
        for name in unit.aliases:
            aliases.setdefault(name, unit)
    _LAST_INDEXES[:] = [(units, written, aliases)]
    return written, aliases


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment:
    """One responsible unit of one task, as written, in the notice's order."""

    unit: Unit
    written: str  # the name exactly as the notice writes it
    role: Role
    position: int  # 1-based place in the task's unit list
    # The role as the notice gives it (TASK_ROLES: 负责, 配合, 指导 …); "" where the notice
    # gives none and the lead rule alone says who leads (the others are 参与).
    duty: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Tag:
    """A curated target group (高校毕业生, 农民工 ...) matched by keywords."""

    id: str
    name: str
    keywords: tuple[str, ...]
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskNote:
    """A table cell the importer keeps but does not interpret (备注, 推广范围, 考核标准):
    the column's header as written and the cell's text."""

    label: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    number: int  # as numbered in the current revision
    id: int  # stable across revisions: the task's URL (a renumbered task keeps it)
    part: int | None
    clause: int | None
    text: str  # as written, without its number and the unit parentheses
    raw: str  # the whole entry as written, number and units included
    assignments: tuple[Assignment, ...]
    unit_note: str = ""  # a note inside the unit parentheses (备注：…)
    leaders: tuple[str, ...] = ()  # people named as leaders (牵头负责领导), never units
    deadline: str = ""  # a 完成时限 column or line as written (全年, 2023年6月底前)
    notes: tuple[TaskNote, ...] = ()  # the table's other columns, in the table's order
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    tags: tuple[Tag, ...] = ()
    source: Source = _source()

    @property
    def lead(self) -> tuple[Assignment, ...]:
        return tuple(a for a in self.assignments if a.role == "lead")

    @property
    def partners(self) -> tuple[Assignment, ...]:
        return tuple(a for a in self.assignments if a.role == "partner")

    @property
    def units(self) -> tuple[Unit, ...]:
        """Distinct canonical units in the notice's order."""
        seen: dict[str, Unit] = {}
        for a in self.assignments:
            seen.setdefault(a.unit.id, a.unit)
        return tuple(seen.values())

    def role_of(self, unit: Unit) -> Role | None:
        for a in self.assignments:
            if a.unit.id == unit.id:
                return a.role
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Clause:
    number: int  # as the notice numbers it: across the annex, or anew in each part
    part: int | None
    title: str
    slug: str  # its URL key: "13", or "2-1" when clause numbers start again in each part
    task_numbers: tuple[int, ...]
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    number: int
    title: str
    clause_numbers: tuple[int, ...]
    task_numbers: tuple[int, ...]
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A run of source lines with one meaning: a heading, a paragraph, a task ..."""

    kind: str
    line: int  # first line in the source
    end_line: int  # last line in the source
    text: str  # the lines as written, joined without the line breaks
    number: int | None = None  # for section, item, part, clause and task blocks
    quantities: tuple[Quantity, ...] = ()
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingDeadline:
    when: str  # as written: 本年度7月上旬
    covers: str  # as written: 上半年
    month: int
    year_offset: int  # 0: the notice's year, 1: the next year
    period: Literal["early", "mid", "late", "month"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingDuty:
    """Who reports what to whom, and when (请各项任务牵头单位将…报送…)."""

    text: str
    who: str
    to: str
    items: tuple[str, ...]
    deadlines: tuple[ReportingDeadline, ...]
    source: Source = _source()


# -- progress reports (落实情况) ---------------------------------------------------------
# Lead units return their ledgers each reporting period; data/progress/<period>/<unit>.yaml
# holds one unit's return for one period (scripts/import_progress.py writes it).

# The statuses a unit chooses from (the ledger's drop-down), from done to not begun: the
# words of the 督查督办 ledgers, each with its light (亮灯) on the site.
PROGRESS_STATUSES = ("已完成", "序时推进", "滞后", "未启动")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingPeriod:
    """One period a report covers, from the notice's reporting duty: 上半年 due in early
    July of the notice's year is 2020-H1; 上年度 due in early January is 2020."""

    id: str  # 2020-H1, 2020: the folder under data/progress/
    label: str  # 2020年上半年, 2020年度
    covers: str  # the notice's words: 上半年, 上年度
    opens: str  # ISO: the first day of the reporting window
    due: str  # ISO: its last day; a report received later is late


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressEntry:
    """One row of a returned ledger: one task's status in one period, in the unit's words."""

    task_id: int  # the task's stable id
    status: str  # one of PROGRESS_STATUSES
    progress: str = ""  # 进展情况, as the unit wrote it
    evidence: str = ""  # 佐证材料, as the unit wrote it
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressContribution:
    """A partner unit's (参与单位) filled row for a task it shares: its words, kept and shown
    under the lead unit's report. It sets no status: the lead unit owns that."""

    task_id: int  # the task's stable id
    status: str = ""  # as the partner chose it, if it did (one of PROGRESS_STATUSES)
    progress: str = ""  # 进展情况, as the partner wrote it
    evidence: str = ""  # 佐证材料, as the partner wrote it
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressReport:
    """One unit's returned ledger for one period."""

    unit: Unit
    period: str  # a ReportingPeriod id
    received: str  # ISO date the office received it
    revision: str  # the revision label of the ledger the unit filled in
    file: str  # the returned file's name, as received
    entries: tuple[ProgressEntry, ...]
    contributions: tuple[ProgressContribution, ...] = ()  # its rows of tasks it shares
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """A figure the notice sets for the year, curated label over a verified quote."""

    label: str
    quote: str
    value: float
    unit: str
    bound: Literal["min", "max", "exact"]
    task: int | None = None  # the task whose text holds the quote, if any
    block_line: int | None = None  # the body block whose text holds the quote, if any
    source: Source = _source()


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    person: str
    phone: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    doc_number: str
    title: str
    issuer: str
    date: str  # ISO
    addressees: tuple[str, ...]
    signature: str
    contact: Contact | None
    cc: tuple[str, ...]
    annex_title: str
    lead_rule: str  # the notice's own words on who leads, if it has them
    # "first": the notice states no rule, and the office made each first-listed unit lead
    # (import_notice.py --lead-rule first); "" otherwise.
    lead_policy: str = ""
    source_file: str  # path of the source text, relative to the data dir
    revision_label: str = ""
    revision_date: str = ""
    # Facts about the document that its text does not give; no data file holds them yet
    # (the importer's notice header would: see the site's document block, views/common.py).
    published: str = ""  # 发布日期, ISO, when it differs from the date it was written
    in_force: bool = True  # 有效性: false once the notice is repealed or has expired
    in_force_stated: bool = False  # whether the data says so (document.yaml): shown only then
    official_url: str = ""  # the official original on the issuer's site
    # In a library of notices (data/notices/<slug>/): the notice's folder name, its URL id;
    # "" for the single layout (data/notice.yaml). The rest from document.yaml.
    slug: str = ""
    repealed_on: str = ""  # ISO: the day it was repealed (废止) or expired (失效)
    replaced_by: str = ""  # the slug of the notice that replaced it
    basis: tuple[str, ...] = ()  # slugs of the notices it implements (its 依据)


@dataclass(frozen=True, slots=True, kw_only=True)
class Revision:
    label: str
    date: str  # ISO
    task_count: int


# -- what changed between revisions ------------------------------------------------------
# The result of matching two revisions (revisions.diff_notices); the site's revision pages
# read it through RevisionChanges.

# The kinds of change, in the order a report lists them.
TASK_KINDS = (
    "added",
    "removed",
    "moved",  # to a different clause (or part, where there are no clauses)
    "renumbered",
    "reworded",
    "punctuation",  # the text differs only in punctuation, whitespace or character width
    "units_changed",  # the units as written differ: one added, removed, or reordered
    "lead_changed",  # the lead units (牵头单位) differ
    "unchanged",
)
HEADING_KINDS = (
    "added",
    "removed",
    "moved",  # a clause under a different part
    "renumbered",
    "renamed",
    "punctuation",
    "unchanged",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskChange:
    """One task across a revision: matched (old and new number), added or removed."""

    kinds: tuple[str, ...]  # a subset of TASK_KINDS, in that order
    old_number: int | None
    new_number: int | None
    old_text: str
    new_text: str
    units_added: tuple[str, ...] = ()
    units_removed: tuple[str, ...] = ()
    units_before: tuple[str, ...] = ()
    units_after: tuple[str, ...] = ()
    lead_before: tuple[str, ...] = ()
    lead_after: tuple[str, ...] = ()
    # Character-level runs ("equal" | "insert" | "delete", text) turning old_text into
    # new_text, so a page can mark insertions and deletions.
    text_diff: tuple[tuple[str, str], ...] = ()
    old_place: tuple[int | None, int | None] = (None, None)  # (part, clause) numbers
    new_place: tuple[int | None, int | None] = (None, None)
    score: float | None = None  # the match score; None for an added or removed task

    @property
    def changed(self) -> bool:
        return self.kinds != ("unchanged",)


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadingChange:
    """One part or clause across a revision."""

    level: str  # "part" | "clause"
    kinds: tuple[str, ...]  # a subset of HEADING_KINDS, in that order
    old_number: int | None
    new_number: int | None
    old_title: str
    new_title: str
    old_part: int | None = None  # for clauses: the part they sit in
    new_part: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RevisionDiff:
    """Every task, part and clause of two revisions, matched by content (revisions.py)."""

    old_label: str
    new_label: str
    old_task_count: int
    new_task_count: int
    tasks: tuple[TaskChange, ...]
    parts: tuple[HeadingChange, ...] = ()
    clauses: tuple[HeadingChange, ...] = ()
    summary: dict[str, int] = field(default_factory=dict)  # kind → number of tasks


@dataclass(frozen=True, slots=True, kw_only=True)
class RevisionChanges:
    """What changed from one revision to the next."""

    revision: Revision
    previous: Revision
    diff: RevisionDiff
    old_ids: dict  # old task number → stable id
    new_ids: dict  # new task number → stable id

    def changed(self) -> tuple[TaskChange, ...]:
        """The task changes other than 'unchanged', in the diff's order."""
        return tuple(c for c in self.diff.tasks if c.changed)

    def by_kind(self) -> dict[str, tuple[TaskChange, ...]]:
        grouped: dict[str, list[TaskChange]] = {}
        for change in self.changed():
            for kind in change.kinds:
                grouped.setdefault(kind, []).append(change)
        return {kind: tuple(changes) for kind, changes in grouped.items()}


# What the latest revision changed for one unit: a task "gained", "lost", or its "role" (lead
# or not) in a task it keeps; and the change. The unit page lists them.
UnitChange = tuple[Literal["gained", "lost", "role"], TaskChange]


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovedTask:
    """A task that an earlier revision had and the current one does not: its URL stays."""

    id: int
    number: int  # its number in the last revision that had it
    text: str
    units: tuple[str, ...]
    last_revision: Revision
    removed_in: Revision


@dataclass(frozen=True, kw_only=True)
class Site:
    """Everything the renderers need, with lookups both ways."""

    notice: Notice
    blocks: tuple[Block, ...]
    parts: tuple[Part, ...]
    clauses: tuple[Clause, ...]
    tasks: tuple[Task, ...]
    units: tuple[Unit, ...]  # every unit in the registry that the notice names, registry order
    tags: tuple[Tag, ...]
    targets: tuple[Target, ...]
    reporting: ReportingDuty | None
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # search: word → words
    history: tuple[Revision, ...] = ()  # oldest first; the last is the current revision
    changes: tuple[RevisionChanges, ...] = ()  # one per revision after the first
    removed_tasks: tuple[RemovedTask, ...] = ()
    # unit id → (what, change) of the latest revision's changes to that unit's tasks
    changes_by_unit: dict[str, tuple[UnitChange, ...]] = field(default_factory=dict)
    periods: tuple[ReportingPeriod, ...] = ()  # from the reporting duty, in date order
    reports: tuple[ProgressReport, ...] = ()  # data/progress/, by period then unit id

    @property
    def latest_changes(self) -> RevisionChanges | None:
        return self.changes[-1] if self.changes else None

    def change_of(self, task: Task) -> TaskChange | None:
        """The latest revision's change to this task, if any."""
        change = self._latest_change_by_number.get(task.number)
        return None if change is None or change.kinds == ("unchanged",) else change

    def unit_changes(self, unit: Unit) -> tuple[UnitChange, ...]:
        """(what, change) for this unit in the latest revision, what being gained, lost or
        role (its lead changed): resolved to units when the Site was built."""
        return self.changes_by_unit.get(unit.id, ())

    def task(self, number: int) -> Task:
        return self._tasks_by_number[number]

    def clause(self, part: int | None, number: int | None) -> Clause | None:
        """Clause `number` of part `part`: notices number clauses across the annex or anew
        in each part, so a clause is known by both."""
        return None if number is None else self._clauses_by_key.get((part, number))

    def block_of(self, task: Task) -> Block | None:
        """The task's entry in the notice's text (its anchor on /notice/)."""
        return self._task_blocks.get(task.number)

    def clause_of(self, task: Task) -> Clause | None:
        return self.clause(task.part, task.clause)

    def part(self, number: int | None) -> Part | None:
        return None if number is None else self._parts_by_number.get(number)

    def unit(self, unit_id: str) -> Unit:
        return self._units_by_id[unit_id]

    def seat_of(self, office: str) -> Unit | None:
        """The unit an office sits in, when units.yaml says (its `hosts`)."""
        return next((u for u in self.units if office in u.hosts), None)

    def tasks_of(self, unit: Unit) -> tuple[Task, ...]:
        return self._tasks_by_unit.get(unit.id, ())

    def tasks_led(self, unit: Unit) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks_of(unit) if t.role_of(unit) == "lead")

    def tasks_shared(self, unit: Unit) -> tuple[Task, ...]:
        """Tasks another unit leads and this one shares (参与, 配合, 指导 …)."""
        return tuple(t for t in self.tasks_of(unit) if t.role_of(unit) == "partner" and t.lead)

    def tasks_unled(self, unit: Unit) -> tuple[Task, ...]:
        """The unit's tasks that have no lead (未明确牵头单位)."""
        return tuple(t for t in self.tasks_of(unit) if not t.lead)

    def involvement(self, tasks: tuple[Task, ...]) -> list[tuple[Unit, int, int, int]]:
        """(unit, tasks led, tasks shared, tasks without a lead) over some tasks, most
        involved first, then most led, then registry order."""
        counts: dict[str, list] = {}
        for task in tasks:
            for unit in task.units:
                entry = counts.setdefault(unit.id, [unit, 0, 0, 0])
                entry[1 if task.role_of(unit) == "lead" else 2 if task.lead else 3] += 1
        order = {u.id: i for i, u in enumerate(self.units)}
        rows = [tuple(v) for v in counts.values()]
        return sorted(rows, key=lambda r: (-(r[1] + r[2] + r[3]), -r[1], order[r[0].id]))

    @cached_property
    def tasks_without_lead(self) -> tuple[Task, ...]:
        """Tasks with units but no lead: the notice states no lead rule and marks none
        (未明确牵头单位). Never given a lead the notice does not give."""
        return tuple(t for t in self.tasks if t.assignments and not t.lead)

    def tasks_in(self, item: Part | Clause) -> tuple[Task, ...]:
        return tuple(self.task(n) for n in item.task_numbers)

    def clauses_in(self, part: Part) -> tuple[Clause, ...]:
        return tuple(self.clause(part.number, n) for n in part.clause_numbers)

    def tasks_tagged(self, tag: Tag) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if tag in t.tags)

    # Lookup tables, built on first use. Site is frozen but not slotted, so
    # cached_property can store them in the instance's __dict__.
    @cached_property
    def _tasks_by_number(self) -> dict[int, Task]:
        return {t.number: t for t in self.tasks}

    @cached_property
    def _latest_change_by_number(self) -> dict[int, TaskChange]:
        latest = self.latest_changes
        if latest is None:
            return {}
        return {c.new_number: c for c in reversed(latest.diff.tasks) if c.new_number}

    @cached_property
    def _task_blocks(self) -> dict[int, Block]:
        return {b.number: b for b in self.blocks if b.kind == "task"}

    @cached_property
    def _clauses_by_key(self) -> dict[tuple[int | None, int], Clause]:
        return {(c.part, c.number): c for c in self.clauses}

    @cached_property
    def _parts_by_number(self) -> dict[int, Part]:
        return {p.number: p for p in self.parts}

    @cached_property
    def _units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def _tasks_by_unit(self) -> dict[str, tuple[Task, ...]]:
        grouped: dict[str, list[Task]] = {}
        for task in self.tasks:
            for unit in task.units:
                grouped.setdefault(unit.id, []).append(task)
        return {k: tuple(v) for k, v in grouped.items()}


# -- many notices (data/notices/<slug>/) -------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitWork:
    """What one notice gives one unit: the tasks it leads (牵头) and those it shares."""

    site: Site
    led: tuple[Task, ...]
    shared: tuple[Task, ...]


@dataclass(frozen=True, kw_only=True)
class Library:
    """Every notice of a data directory, each a Site exactly as one notice alone would be,
    and the registries they share. The sites are in force first, then newest first (by
    date), then by slug: a reader wants what binds today before what no longer does."""

    sites: tuple[Site, ...]
    units: tuple[Unit, ...]  # the whole registry, registry order
    tags: tuple[Tag, ...] = ()
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def notice(self, slug: str) -> Site:
        return self._sites_by_slug[slug]

    def unit(self, unit_id: str) -> Unit:
        return self._units_by_id[unit_id]

    def successor(self, unit: Unit) -> Unit:
        """The unit that does this unit's work today: the end of its replaced_by chain
        (the loader has refused chains that go round)."""
        while unit.replaced_by:
            unit = self._units_by_id[unit.replaced_by]
        return unit

    def predecessors(self, unit: Unit) -> tuple[Unit, ...]:
        """The units whose replaced_by chain ends at this one, registry order."""
        return self._predecessors.get(unit.id, ())

    def work_of(self, unit: Unit) -> tuple[UnitWork, ...]:
        """For each notice that names this unit or one it replaced, in library order, the
        tasks it leads and those it shares there."""
        return self._work.get(unit.id, ())

    def basis_of(self, site: Site) -> tuple[Site, ...]:
        """The notices this one implements (its 依据), as document.yaml lists them."""
        return tuple(self.notice(slug) for slug in site.notice.basis)

    def implemented_by(self, site: Site) -> tuple[Site, ...]:
        """The notices that name this one as their basis, in library order: the other
        direction of basis_of."""
        return tuple(s for s in self.sites if site.notice.slug in s.notice.basis)

    def replacement_of(self, site: Site) -> Site | None:
        """The notice that replaced this one, when it is in the library."""
        slug = site.notice.replaced_by
        return self.notice(slug) if slug else None

    @cached_property
    def _predecessors(self) -> dict[str, tuple[Unit, ...]]:
        found: dict[str, list[Unit]] = {}
        for u in self.units:
            if u.replaced_by:
                found.setdefault(self.successor(u).id, []).append(u)
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def _work(self) -> dict[str, tuple[UnitWork, ...]]:
        """Every unit's work, found in one pass over the tasks: a unit's page, sheet, ledger
        and index row all ask, and a library names hundreds of units."""
        work: dict[str, list[UnitWork]] = {}
        for site in self.sites:
            roles: dict[str, dict[int, set[str]]] = {}  # current unit id → task index → roles
            for i, task in enumerate(site.tasks):
                for a in task.assignments:
                    current = self.successor(a.unit).id
                    roles.setdefault(current, {}).setdefault(i, set()).add(a.role)
            for unit_id, by_task in roles.items():
                led = tuple(site.tasks[i] for i, r in by_task.items() if "lead" in r)
                shared = tuple(site.tasks[i] for i, r in by_task.items() if "lead" not in r)
                work.setdefault(unit_id, []).append(UnitWork(site=site, led=led, shared=shared))
        return {k: tuple(v) for k, v in work.items()}

    @cached_property
    def _sites_by_slug(self) -> dict[str, Site]:
        return {s.notice.slug: s for s in self.sites}

    @cached_property
    def _units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}


def library_order(sites: tuple[Site, ...] | list[Site]) -> tuple[Site, ...]:
    """In force first, then newest first by date, then by slug."""
    by_slug = sorted(sites, key=lambda s: s.notice.slug)
    by_date = sorted(by_slug, key=lambda s: s.notice.date, reverse=True)
    return tuple(sorted(by_date, key=lambda s: not s.notice.in_force))
