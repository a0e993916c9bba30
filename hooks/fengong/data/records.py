"""The data files as read: typed records, before they are checked against each other and
linked into the Site. The readers make them; validate and build take them.

Where a file's entry is already what the model holds (a unit, a tag, a block of the text),
the reader makes the model object directly; the records here are the entries that build
still has to link (a task's unit names → units, a target's quote → the text it is in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import (
    Block,
    DateMention,
    Notice,
    ProgressContribution,
    ProgressEntry,
    Quantity,
    ReportingDuty,
    Source,
    Tag,
    TaskNote,
    Unit,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskRecord:
    number: int
    id: int  # stable across revisions
    part: int | None
    clause: int | None
    text: str
    units: tuple[str, ...]  # as written, in the notice's order
    lead: tuple[str, ...]  # the lead units' names, as written
    unit_note: str = ""
    roles: tuple[str, ...] = ()  # as the notice gives them (model.TASK_ROLES); () = implied
    leaders: tuple[str, ...] = ()  # people named as leaders (牵头负责领导), never units
    open_ended: str = ""  # 等 / 等有关部门: the unit list is not exhaustive
    numbered: bool = True  # False: the notice did not number the task
    published_number: int | None = None  # as the notice numbered it, where not `number`
    deadline: str = ""  # a 完成时限 as written
    notes: tuple[TaskNote, ...] = ()  # a table's columns the importer does not interpret
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseRecord:
    number: int
    part: int | None
    title: str
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartRecord:
    number: int
    title: str
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class RevisionRecord:
    label: str
    date: str  # ISO


@dataclass(frozen=True, kw_only=True)
class NoticeRecord:
    """notice.yaml, or one revision's snapshot of it."""

    source_file: str  # the source text, relative to the data directory
    revision: RevisionRecord | None
    notice: Notice
    reporting: ReportingDuty | None
    parts: tuple[PartRecord, ...]
    clauses: tuple[ClauseRecord, ...]
    tasks: tuple[TaskRecord, ...]
    blocks: tuple[Block, ...]
    # The file as parsed, checked against its shape: the revision matcher
    # (fengong.data.revisions) compares two notices in this plain form, as the importer does.
    document: dict
    source: Source  # the file, at its first line

    def places_of(self, quote: str) -> list[tuple[int | None, int | None]]:
        """Where a quote is in the notice: (task number, None) for each task whose text
        holds it, then (None, block line) for each paragraph or item that does."""
        places: list[tuple[int | None, int | None]] = [
            (t.number, None) for t in self.tasks if quote in t.text
        ]
        places += [
            (None, b.line)
            for b in self.blocks
            if b.kind in ("paragraph", "item") and quote in b.text
        ]
        return places


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetRecord:
    label: str
    quote: str
    value: float
    unit: str
    bound: str
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentFacts:
    """document.yaml: facts about the notice that its text does not give."""

    published: str = ""  # 发布日期, ISO
    official_url: str = ""  # the official original
    in_force: bool | None = None  # 有效性; None: document.yaml does not say
    repealed_on: str = ""  # ISO: 废止 / 失效
    replaced_by: str = ""  # a notice's slug
    basis: tuple[str, ...] = ()  # notices' slugs: what this notice implements (依据)
    # Where each key is written (key → line), for the checks against the other notices.
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressRecord:
    """data/progress/<period>/<unit>.yaml: a unit's return, its unit not yet resolved."""

    unit: str  # a unit id
    period: str  # a ReportingPeriod id
    received: str  # ISO
    revision: str
    file: str
    entries: tuple[ProgressEntry, ...]
    contributions: tuple[ProgressContribution, ...]
    folder: str  # the period folder it was found in (validate: it must equal period)
    stem: str  # its file name without .yaml (validate: it must equal unit)
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, kw_only=True)
class Registries:
    """The curated files every notice of a data directory shares (at its top)."""

    units: tuple[Unit, ...] | None  # None when units.yaml cannot be read
    tags: tuple[Tag, ...] = ()
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeHead:
    """What one notice of a library tells the others: its folder and its 文号, at its line."""

    slug: str
    doc_number: str
    path: str
    line: int

    @classmethod
    def of(cls, record: NoticeRecord, slug: str) -> NoticeHead:
        """The head of a notice read whole."""
        line = getattr(record.document.get("notice"), "line", 0)
        number = record.notice.doc_number
        return cls(slug=slug, doc_number=number, path=record.source.path, line=line)


@dataclass(frozen=True, kw_only=True)
class DataSet:
    """One notice's data files, as records, with the registries it shares."""

    data_dir: Path  # the notice's folder: data/ itself, or data/notices/<slug>/
    slug: str = ""  # its folder's name in a library; "" for the single layout
    notice: NoticeRecord
    revisions: dict[str, NoticeRecord]  # label → snapshot, as found under revisions/
    units: tuple[Unit, ...]
    tags: tuple[Tag, ...] = ()
    targets: tuple[TargetRecord, ...] = ()
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    document: DocumentFacts = DocumentFacts()
    progress: tuple[ProgressRecord, ...] = ()  # data/progress/, in path order


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitsCorrection:
    """A task's units, lead and roles as the office corrects them; None: as the importer
    read them (lead: by the notice's lead rule when units are given without one)."""

    units: tuple[str, ...] | None = None
    lead: tuple[str, ...] | None = None
    roles: tuple[str, ...] | None = None

    @property
    def empty(self) -> bool:
        return self.units is None and self.lead is None and self.roles is None


# What a correction does to the importer's reading (corrections.yaml).
CORRECTION_ACTIONS = ("units", "not_a_task", "is_task", "split", "join")


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectionRecord:
    """One entry of corrections.yaml: the task it names (published number and the first
    words of its text), and what the office says the notice means."""

    action: str  # one of CORRECTION_ACTIONS
    task: int | None  # the published number; None for a line that is a task (is_task)
    starts: str
    fix: UnitsCorrection = UnitsCorrection()
    split_at: str = ""  # split: the first words of the second task
    second: UnitsCorrection = UnitsCorrection()  # split: the second task's units
    next_task: int | None = None  # join: the next task's published number …
    next_starts: str = ""  # … and the first words of its text
    why: str = ""
    source: Source = field(default=Source(""), compare=False)
