"""The import report: one self-contained HTML page a person checks an import with at a
glance — every task with its units, lead and roles beside the source line it was read from,
marked where the importer was unsure. report_context() makes plain values; the template
(templates/import_report.html, autoescaped) holds the markup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..problems import Problem

TEMPLATES = Path(__file__).parent / "templates"
ROLE_NAMES = {"lead": "牵头", "responsible": "负责", "partner": "配合", "guiding": "指导"}
LAYOUTS = {
    "numbered": "编号任务（1．…），各以单位列表或单位行结束",
    "clause": "条目即任务（（一）…），各以单位列表结束",
    "section": "部分即任务（一、…），各以单位列表结束",
    "table": "表格，按表头识别各列",
}
# How a task's lead was found, from the surest to the least sure.
LEAD_KINDS = {
    "corrected": "更正：办公室在 corrections.yaml 中写明",
    "marked": "标明：通知本身写明牵头单位",
    "rule": "规则：按通知所述牵头规则，第一个单位牵头",
    "first": "推定：按 --lead-rule first，第一个单位牵头",
    "none": "未明确牵头单位",
}
LEAD_SHORT = {
    "corrected": "更正",
    "marked": "标明",
    "rule": "按规则",
    "first": "推定",
    "none": "未明确",
}


@dataclass(frozen=True, slots=True)
class UnitCell:
    name: str
    role: str  # 牵头, 负责 … ('' where the notice gives none)
    new: bool  # not in the unit registry before this import: added as a stub


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class TaskRow:
    number: int
    published: int | None  # the notice's number, where it is not `number`
    numbered: bool
    part: int | None
    clause: int | None
    text: str
    source: tuple[SourceLine, ...]
    units: tuple[UnitCell, ...]
    lead: tuple[str, ...]
    lead_kind: str  # a key of LEAD_KINDS
    leaders: tuple[str, ...]
    open_ended: str
    notes: tuple[str, ...]  # kept from columns the importer does not know (备注, 分值 …)
    corrections: tuple[str, ...]  # 'corrections.yaml:7: what it did'
    warnings: tuple[str, ...]  # the importer's warnings at the task's source lines

    @property
    def unsure(self) -> bool:
        """What a person should look at: a task without units or without a lead, a unit
        name the registry did not know, a warning. A lead by the notice's stated rule or by
        the office's --lead-rule first is marked, not barred: the rule is the notice's or
        the office's own."""
        return (
            not self.units
            or self.lead_kind == "none"
            or any(u.new for u in self.units)
            or bool(self.warnings)
        )


@dataclass(frozen=True, slots=True)
class ReportContext:
    source: str
    source_name: str
    failed: bool
    layout: str
    lead_rule: str
    lead_rule_at: str
    tasks: tuple[TaskRow, ...]
    counts: dict[str, int]
    new_units: tuple[str, ...]
    unplaced: tuple[SourceLine, ...]
    corrections: tuple[str, ...]
    corrections_file: str
    problems: tuple[Problem, ...]
    lead_kinds: dict[str, str]
    lead_short: dict[str, str]


# A task's source: its first lines as written (a long entry is cut, the line numbers say
# where to read on).
_MAX_SOURCE_LINES = 4


def report_context(result, source: str) -> ReportContext:
    """The report's values from an ImportResult (importer/run.py)."""
    parsed, lines = result.parsed, result.lines
    new = set(result.new_units)
    corrections = result.corrections
    file_name = Path(corrections.shown).name
    tasks = []
    if parsed is not None:
        ends = {b.number: b.end_line for b in parsed.blocks if b.kind == "task"}
        for task in parsed.tasks:
            applied = corrections.of_task(task.number)
            roles = task.roles if len(task.roles) == len(task.units) else [""] * len(task.units)
            last = ends.get(task.number, task.line)
            end = min(last, task.line + _MAX_SOURCE_LINES - 1)
            tasks.append(
                TaskRow(
                    number=task.number,
                    published=task.published,
                    numbered=task.numbered,
                    part=task.part,
                    clause=task.clause,
                    text=task.text,
                    source=tuple(
                        SourceLine(n, lines[n - 1])
                        for n in range(task.line, end + 1)
                        if 0 < n <= len(lines)
                    ),
                    units=tuple(
                        UnitCell(name, ROLE_NAMES.get(role, role), name in new)
                        for name, role in zip(task.units, roles, strict=True)
                    ),
                    lead=tuple(task.lead),
                    lead_kind=_lead_kind(task, parsed, applied),
                    leaders=tuple(task.leaders),
                    open_ended=task.open_ended,
                    notes=_notes(getattr(task, "notes", None)),
                    corrections=tuple(
                        f"{file_name}:{a.line}: {a.says}" + (f"（说明：{a.why}）" if a.why else "")
                        for a in applied
                    ),
                    warnings=tuple(
                        p.message
                        for p in result.problems
                        if p.path == source and task.line <= p.line <= last
                    ),
                )
            )
    unplaced = ()
    if parsed is not None:
        unplaced = tuple(
            SourceLine(b.line, lines[b.line - 1] if 0 < b.line <= len(lines) else b.text)
            for b in sorted(parsed.blocks, key=lambda b: b.line)
            if b.kind == "other"
        )
    counts = {
        "tasks": len(tasks),
        "no_units": sum(1 for t in tasks if not t.units),
        **{kind: sum(1 for t in tasks if t.lead_kind == kind) for kind in LEAD_KINDS},
        "unsure": sum(1 for t in tasks if t.unsure),
        "parts": len(parsed.parts) if parsed else 0,
        "clauses": len(parsed.clauses) if parsed else 0,
    }
    rule_at = ""
    if parsed is not None and parsed.lead_rule_line:
        rule_at = f"{source}:{parsed.lead_rule_line}"
    return ReportContext(
        source=source,
        source_name=Path(source).name,
        failed=result.failed,
        layout=LAYOUTS.get(parsed.layout, parsed.layout) if parsed else "",
        lead_rule=parsed.lead_rule if parsed else "",
        lead_rule_at=rule_at,
        tasks=tuple(tasks),
        counts=counts,
        new_units=tuple(result.new_units),
        unplaced=unplaced,
        corrections=tuple(line.strip() for line in corrections.summary()[1:]),
        corrections_file=corrections.shown,
        problems=tuple(sorted(result.problems, key=lambda p: (p.severity != "error", p))),
        lead_kinds=LEAD_KINDS,
        lead_short=LEAD_SHORT,
    )


def _lead_kind(task, parsed, applied) -> str:
    if any(a.fixed for a in applied):
        return "corrected"
    if not task.lead:
        return "none"
    if task.marked_lead:
        return "marked"
    return "rule" if parsed.lead_rule else "first"


def _notes(notes) -> tuple[str, ...]:
    """A task's notes, whatever their form (text, a list, column → text), as lines."""
    if not notes:
        return ()
    if isinstance(notes, str):
        return (notes,)
    if isinstance(notes, dict):
        return tuple(f"{key}：{value}" for key, value in notes.items())
    return tuple(str(note) for note in notes)


def render_report(context: ReportContext) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # every string from the notice is text, never markup
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("import_report.html").render(r=context)
