"""The office's corrections (corrections.yaml, beside notice.yaml) applied to what the
importer read: each names a task by its published number and the first words of its text,
so a correction whose task was renumbered or reworded is reported, never applied to another
task. Applied on every import and every revision; the file itself is never written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data.readers.corrections import read_corrections
from ..data.records import CorrectionRecord, UnitsCorrection
from ..problems import Problem
from ..textnorm import normalise
from . import messages as m
from .parse import ParsedNotice, RawBlock, RawTask

# The blocks a line the importer did not take as a task may be in.
_LINE_KINDS = ("other", "paragraph", "item")
_HINT = m.CORR_HINT


@dataclass(frozen=True, slots=True)
class Applied:
    """A correction that took effect: where it is written, the task it made (its number
    after every correction) and what it did, in a few words."""

    line: int
    task: int  # 0: the correction took the task away (not_a_task)
    says: str
    fixed: bool = False  # it gave the task's units, lead or roles
    why: str = ""  # the office's note on it


@dataclass
class Corrections:
    """The outcome of applying corrections.yaml: what was applied, and every problem."""

    shown: str = ""
    count: int = 0  # corrections in the file
    applied: list[Applied] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Source lines of the tasks whose units a correction gave, that it took away or made of
    # a line: the importer's warnings there (no unit found, a line not placed) are settled.
    settled: set[int] = field(default_factory=set)

    def of_task(self, number: int) -> list[Applied]:
        return [a for a in self.applied if a.task == number]

    def summary(self) -> list[str]:
        """The import summary's lines: each correction applied, where it is written."""
        if not self.count:
            return []
        applied = len({a.line for a in self.applied})
        lines = [m.CORR_APPLIED.format(shown=self.shown, applied=applied, count=self.count)]
        for a in sorted(self.applied, key=lambda a: (a.line, a.task)):
            what = m.CORR_APPLIED_TASK.format(task=a.task, says=a.says) if a.task else a.says
            lines.append(f"  {self.shown}:{a.line}: {what}")
        return lines


def apply_corrections(
    parsed: ParsedNotice, path: Path, shown: str, *, first_leads: bool
) -> Corrections:
    """Apply the corrections in path (when it exists) to parsed, in place. first_leads: the
    first listed unit leads (the notice's lead rule or --lead-rule first), for units given
    without a lead. On an error in the file nothing is applied."""
    result = Corrections(shown=shown)
    records, result.problems = read_corrections(path, shown)
    result.count = len(records)
    if not records or any(p.severity == "error" for p in result.problems):
        return result
    _Applier(parsed, result, first_leads).run(records)
    return result


def _published(task: RawTask) -> int:
    return task.published if task.published is not None else task.number


def _starts(text: str, words: str) -> bool:
    return normalise("".join(text.split())).startswith(normalise("".join(words.split())))


def _short(text: str, limit: int = 24) -> str:
    text = "".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class _Applier:
    def __init__(self, parsed: ParsedNotice, result: Corrections, first_leads: bool):
        self.parsed = parsed
        self.result = result
        self.first_leads = first_leads
        # The number the notice gives each task, before any correction moves it.
        self.published = {id(t): _published(t) for t in parsed.tasks}
        self.block_of: dict[int, RawBlock] = {}
        by_line = {(b.line, b.number): b for b in parsed.blocks if b.kind == "task"}
        for task in parsed.tasks:
            block = by_line.get((task.line, task.number))
            if block is not None:
                self.block_of[id(task)] = block

    def warn(self, record: CorrectionRecord, message: str) -> None:
        self.result.problems.append(
            Problem(record.source.path, record.source.line, message, "warning")
        )

    def error(self, record: CorrectionRecord, message: str) -> None:
        self.result.problems.append(Problem(record.source.path, record.source.line, message))

    # -- which task each correction names --------------------------------------------------
    def opens(self, task: RawTask, words: str) -> bool:
        """The task's text starts with words, or its entry as written does (words copied
        with the task's number: 2.战略性…)."""
        block = self.block_of.get(id(task))
        return _starts(task.text, words) or (block is not None and _starts(block.text, words))

    def find_task(self, record: CorrectionRecord, number: int, starts: str) -> RawTask | None:
        tasks = self.parsed.tasks
        found = [t for t in tasks if self.published[id(t)] == number and self.opens(t, starts)]
        label = m.CORR_LABEL_TASK.format(number=number, starts=starts)
        if len(found) == 1:
            return found[0]
        if found:
            self.warn(
                record,
                m.CORR_SEVERAL_TASKS.format(label=label, count=len(found), number=number),
            )
            return None
        same_number = [t for t in tasks if self.published[id(t)] == number]
        same_words = [t for t in tasks if self.opens(t, starts)]
        if same_words:
            now = "、".join(str(self.published[id(t)]) for t in same_words)
            why = m.CORR_RENUMBERED.format(now=now)
        elif same_number:
            now = "；".join(f"“{_short(t.text)}”" for t in same_number)
            why = m.CORR_REWORDED.format(number=number, now=now)
        else:
            why = m.CORR_NO_TASK.format(number=number)
        self.warn(record, m.CORR_NO_LONGER.format(label=label, why=why, hint=_HINT))
        return None

    def find_line(self, record: CorrectionRecord) -> RawBlock | None:
        found = [
            b
            for b in self.parsed.blocks
            if b.kind in _LINE_KINDS and _starts(b.text, record.starts)
        ]
        label = m.CORR_LABEL_LINE.format(starts=record.starts)
        if len(found) == 1:
            return found[0]
        if found:
            lines = "、".join(str(b.line) for b in found)
            self.warn(record, m.CORR_SEVERAL_LINES.format(label=label, lines=lines))
        elif any(_starts(t.text, record.starts) for t in self.parsed.tasks):
            self.warn(record, m.CORR_LINE_IS_TASK.format(label=label))
        else:
            self.warn(
                record,
                m.CORR_NO_LINE.format(label=label, hint=_HINT),
            )
        return None

    # -- applying -------------------------------------------------------------------------
    def run(self, records: tuple[CorrectionRecord, ...]) -> None:
        claimed: dict[int, CorrectionRecord] = {}
        plans: dict[int, tuple[CorrectionRecord, RawTask | None]] = {}
        new_lines: list[tuple[CorrectionRecord, RawBlock]] = []

        def claim(record: CorrectionRecord, task: RawTask) -> bool:
            first = claimed.get(id(task))
            if first is not None:
                self.error(
                    record,
                    m.CORR_TWICE.format(number=self.published[id(task)], first=first.source.line),
                )
                return False
            claimed[id(task)] = record
            return True

        for record in records:
            if record.action == "is_task":
                block = self.find_line(record)
                if block is None:
                    continue
                first = next((r for r, b in new_lines if b is block), None)
                if first is not None:
                    self.error(
                        record,
                        m.CORR_LINE_TWICE.format(
                            starts=record.starts, line=block.line, first=first.source.line
                        ),
                    )
                    continue
                new_lines.append((record, block))
                continue
            task = self.find_task(record, record.task, record.starts)
            if task is None or not claim(record, task):
                continue
            following = None
            if record.action == "join":
                following = self.find_task(record, record.next_task, record.next_starts)
                if following is None:
                    del claimed[id(task)]  # not applied: another correction may name it
                    continue
                at = next(i for i, t in enumerate(self.parsed.tasks) if t is task)
                after = self.parsed.tasks[at + 1] if at + 1 < len(self.parsed.tasks) else None
                if after is not following:
                    del claimed[id(task)]
                    self.warn(
                        record,
                        m.CORR_NOT_NEXT.format(task=record.task, next=record.next_task, hint=_HINT),
                    )
                    continue
                if not claim(record, following):
                    continue
            if record.action == "split" and not self.split_point(task, record.split_at):
                del claimed[id(task)]
                self.warn(
                    record,
                    m.CORR_SPLIT_MISSING.format(
                        task=record.task, split_at=record.split_at, hint=_HINT
                    ),
                )
                continue
            plans[id(task)] = (record, following)
        if any(p.severity == "error" for p in self.result.problems):
            return

        # Each task a correction made: the correction, the units it gave, what else it did.
        done: list[tuple[RawTask, CorrectionRecord, UnitsCorrection, str]] = []
        tasks: list[RawTask] = []
        skip: set[int] = set()
        for task in self.parsed.tasks:
            if id(task) in skip:
                continue
            record, following = plans.get(id(task), (None, None))
            if record is None:
                tasks.append(task)
            elif record.action == "not_a_task":
                block = self.block_of.pop(id(task), None)
                if block is not None:
                    block.kind, block.number = "paragraph", None
                says = m.CORR_NOT_A_TASK.format(text=_short(task.text))
                self.result.applied.append(Applied(record.source.line, 0, says, why=record.why))
                self.result.settled.add(task.line)
            elif record.action == "split":
                second = self.split(task, record)
                tasks += [task, second]
                rest = m.CORR_SPLIT_SECOND.format(split_at=record.split_at)
                done += [
                    (task, record, record.fix, m.CORR_SPLIT_FIRST),
                    (second, record, record.second, rest),
                ]
            elif record.action == "join":
                self.join(task, following)
                skip.add(id(following))
                self.fix(task, record.fix)
                tasks.append(task)
                joined = m.CORR_JOINED.format(next=record.next_task, starts=record.next_starts)
                done.append((task, record, record.fix, joined))
            else:
                self.fix(task, record.fix)
                tasks.append(task)
                done.append((task, record, record.fix, ""))
        for record, block in new_lines:
            task = self.from_line(record, block)
            tasks.append(task)
            done.append((task, record, record.fix, m.CORR_LINE_MADE_TASK))
            self.result.settled.add(task.line)
        tasks.sort(key=lambda t: t.line)  # a stable sort: a split's halves keep their order
        self.renumber(tasks)
        for task, record, fix, what in done:
            says = "；".join(part for part in (what, self.says(fix)) if part)
            self.result.applied.append(
                Applied(
                    record.source.line,
                    task.number,
                    m.CORR_SAYS.format(text=_short(task.text), says=says),
                    fixed=not fix.empty,
                    why=record.why,
                )
            )
            if fix.units is not None or fix.roles is not None:
                self.result.settled.add(task.line)

    def says(self, fix: UnitsCorrection) -> str:
        parts = []
        if fix.units is not None:
            parts.append(m.CORR_UNITS.format(units="、".join(fix.units) or m.CORR_NONE))
        if fix.lead is not None or fix.roles is not None:
            lead = fix.lead
            if lead is None:
                lead = tuple(
                    u for u, r in zip(fix.units or (), fix.roles or (), strict=True) if r == "lead"
                )
            parts.append(m.CORR_LEAD.format(lead="、".join(lead) or m.CORR_NONE))
        if fix.roles is not None:
            roles = "、".join(m.CORR_ROLE_WORDS.get(r, r) for r in fix.roles)
            parts.append(m.CORR_ROLES.format(roles=roles))
        return "；".join(parts)

    def fix(self, task: RawTask, fix: UnitsCorrection) -> None:
        """The task's units, lead and roles as corrected: what the correction gives, the rest
        as the importer read it or as the notice's lead rule says."""
        if fix.empty:
            return
        units = list(fix.units) if fix.units is not None else list(task.units)
        if fix.roles is not None:
            roles = list(fix.roles)
            lead = [u for u, r in zip(units, roles, strict=True) if r == "lead"]
            task.marked_lead = True
        else:
            if fix.lead is not None:
                lead = [n for n in fix.lead if n in units]
                task.marked_lead = True
            elif fix.units is not None:
                lead = units[:1] if self.first_leads else []
                task.marked_lead = False
            else:
                lead = list(task.lead)
            kept = task.roles if fix.units is None and len(task.roles) == len(units) else ()
            base = list(kept) or ["responsible"] * len(units)
            roles = [
                "lead" if u in lead else ("responsible" if b == "lead" else b)
                for u, b in zip(units, base, strict=True)
            ]
        task.units, task.lead, task.roles = units, lead, roles

    def split_point(self, task: RawTask, words: str) -> int | None:
        """Where the second task starts in task.text: the first place after its opening
        words where the text (normalised, one character for one) reads words."""
        norm = normalise(task.text)
        at = norm.find(normalise(words), 1)
        return at if at > 0 else None

    def split(self, task: RawTask, record: CorrectionRecord) -> RawTask:
        at = self.split_point(task, record.split_at)
        first, rest = task.text[:at].rstrip(), task.text[at:].strip()
        self.fix(task, record.fix)
        second = RawTask(
            number=task.number,
            line=task.line,
            part=task.part,
            clause=task.clause,
            text=rest,
            units=list(task.units),
            lead=list(task.lead),
            unit_note=task.unit_note,
            raw=rest,
            roles=list(task.roles),
            marked_lead=task.marked_lead,
            open_ended=task.open_ended,
            numbered=False,  # the notice gave the second part no number of its own
            deadline=task.deadline,
        )
        task.text = first
        self.published[id(second)] = None
        self.fix(second, record.second)
        return second

    def join(self, task: RawTask, following: RawTask) -> None:
        """following's text and units into task: the notice wrote them as one task."""
        task.text += following.text
        task.raw += following.raw
        roles = dict(zip(task.units, task.roles or [""] * len(task.units), strict=False))
        for name, role in zip(
            following.units, following.roles or [""] * len(following.units), strict=False
        ):
            if name not in roles:
                task.units.append(name)
                roles[name] = role
        task.lead += [n for n in following.lead if n not in task.lead]
        if all(roles.values()):
            task.roles = [roles[n] for n in task.units]
        else:
            task.roles = ["lead" if n in task.lead else "responsible" for n in task.units]
        task.marked_lead = task.marked_lead or following.marked_lead
        task.leaders += [p for p in following.leaders if p not in task.leaders]
        task.open_ended = task.open_ended or following.open_ended
        task.deadline = task.deadline or following.deadline
        mine, theirs = self.block_of.get(id(task)), self.block_of.pop(id(following), None)
        if mine is not None and theirs is not None:
            mine.text += theirs.text
            mine.end_line = max(mine.end_line, theirs.end_line)
            self.parsed.blocks.remove(theirs)

    def from_line(self, record: CorrectionRecord, block: RawBlock) -> RawTask:
        """A task made of a line the importer did not place, under the part and clause
        headed above it."""
        part = max(
            (h for h in self.parsed.parts if h.line < block.line),
            key=lambda h: h.line,
            default=None,
        )
        clause = max(
            (
                h
                for h in self.parsed.clauses
                if h.line < block.line and (part is None or h.line > part.line)
            ),
            key=lambda h: h.line,
            default=None,
        )
        task = RawTask(
            number=0,
            line=block.line,
            part=part.number if part else None,
            clause=clause.number if clause else None,
            text=block.text.strip(),
            units=[],
            lead=[],
            unit_note="",
            raw=block.text,
            numbered=record.task is not None,
        )
        self.published[id(task)] = record.task
        self.fix(task, record.fix)
        block.kind = "task"
        self.block_of[id(task)] = block
        return task

    def renumber(self, tasks: list[RawTask]) -> None:
        """Numbered 1, 2, 3 … in order, as the site needs; each numbered task keeps the
        number the notice gives it where that differs."""
        for number, task in enumerate(tasks, start=1):
            published = self.published.get(id(task))
            task.published = published if task.numbered and published != number else None
            task.number = number
            block = self.block_of.get(id(task))
            if block is not None:
                block.number = number
        self.parsed.tasks = tasks
