"""A revision diff as reports: plain data for JSON, and a text for people (diff_revisions.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import HeadingChange, RevisionDiff, TaskChange
from ..numerals import to_chinese
from ..pages.labels import CHANGE_LABELS
from . import messages as m


def to_json(diff: RevisionDiff) -> dict:
    """The diff as plain data (lists, not tuples) for json.dumps(..., ensure_ascii=False)."""

    def task(change: TaskChange) -> dict:
        return {
            "kinds": list(change.kinds),
            "old_number": change.old_number,
            "new_number": change.new_number,
            "old_place": _place_json(change.old_place),
            "new_place": _place_json(change.new_place),
            "score": change.score,
            "old_text": change.old_text,
            "new_text": change.new_text,
            "units_before": list(change.units_before),
            "units_after": list(change.units_after),
            "units_added": list(change.units_added),
            "units_removed": list(change.units_removed),
            "lead_before": list(change.lead_before),
            "lead_after": list(change.lead_after),
            "text_diff": [list(run) for run in change.text_diff],
        }

    def heading(change: HeadingChange) -> dict:
        entry = {
            "kinds": list(change.kinds),
            "old_number": change.old_number,
            "new_number": change.new_number,
            "old_title": change.old_title,
            "new_title": change.new_title,
        }
        if change.level == "clause":
            entry["old_part"] = change.old_part
            entry["new_part"] = change.new_part
        return entry

    return {
        "format": 1,
        "old": {"source": diff.old_label, "tasks": diff.old_task_count},
        "new": {"source": diff.new_label, "tasks": diff.new_task_count},
        "summary": dict(diff.summary),
        "tasks": [task(c) for c in diff.tasks],
        "parts": [heading(c) for c in diff.parts],
        "clauses": [heading(c) for c in diff.clauses],
    }


def _place_json(place: tuple[int | None, int | None]) -> dict | None:
    part, clause = place
    return None if part is None and clause is None else {"part": part, "clause": clause}


def _marked(runs: tuple[tuple[str, str], ...], side: str) -> str:
    """One side of a text diff, its changed runs marked like git's word diff:
    [-deleted-] on the old side, {+inserted+} on the new."""
    out = []
    for op, text in runs:
        if op == "equal":
            out.append(text)
        elif op == "delete" and side == "old":
            out.append(f"[-{text}-]")
        elif op == "insert" and side == "new":
            out.append(f"{{+{text}+}}")
    return "".join(out)


def to_text(diff: RevisionDiff) -> str:
    """A report for people: one line per changed part, clause and task, with -/+ lines;
    runs of items only renumbered on one line each; unchanged tasks only counted."""
    lines = [m.DIFF_HEAD.format(old=diff.old_label, new=diff.new_label)]
    summary = "，".join(
        m.DIFF_KIND_COUNT.format(kind=_kind(kind), count=count)
        for kind, count in diff.summary.items()
    )
    lines.append(
        m.DIFF_TASKS.format(old=diff.old_task_count, new=diff.new_task_count, summary=summary)
    )

    clause_titles = {
        **{("old", c.old_number, c.old_part): c.old_title for c in diff.clauses},
        **{("new", c.new_number, c.new_part): c.new_title for c in diff.clauses},
    }
    headings = []
    for level, changes in (("part", diff.parts), ("clause", diff.clauses)):
        prefix = m.DIFF_PART if level == "part" else m.DIFF_CLAUSE
        headings += [
            prefix.format(line=line) if not line.startswith(" ") else line
            for line in _report_lines(
                changes,
                lambda n, level=level: "—" if n is None else _heading_ref(level, n),
                lambda a, b, level=level: f"{_heading_ref(level, a)}–{_heading_ref(level, b)}",
                _heading_detail,
                "parts" if level == "part" else "clauses",
            )
        ]
    lines += ["", *headings] if headings else [m.DIFF_NO_HEADING_CHANGE]

    body = _report_lines(
        diff.tasks,
        lambda n: "—" if n is None else f"任务{n}",
        lambda a, b: f"任务{a}–{b}",
        lambda change: _task_detail(change, clause_titles),
        "tasks",
    )
    lines += ["", *body] if body else ["", m.DIFF_NO_TASK_CHANGE]
    lines.append(m.DIFF_UNCHANGED.format(count=diff.summary.get("unchanged", 0)))
    return "\n".join(lines) + "\n"


def _report_lines(
    changes: Sequence[TaskChange] | Sequence[HeadingChange],
    ref: Callable[[int | None], str],
    span: Callable[[int, int], str],
    detail: Callable[..., list[str]],
    noun: str,
) -> list[str]:
    """A line per change (`ref` names one item) followed by its `detail` lines; a run of
    items that are only renumbered, all by the same shift, is one line (`span` names it)."""
    out: list[str] = []
    run: list[TaskChange | HeadingChange] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(
                m.DIFF_RENUMBERED.format(old=ref(run[0].old_number), new=ref(run[0].new_number))
            )
        elif run:
            first, last = run[0], run[-1]
            out.append(
                m.DIFF_RENUMBERED_ONLY.format(
                    old=span(first.old_number, last.old_number),
                    new=span(first.new_number, last.new_number),
                    count=len(run),
                    noun=m.DIFF_NOUNS[noun],
                )
            )
        run.clear()

    for change in changes:
        if change.kinds == ("renumbered",):
            follows = run and (
                change.old_number == run[-1].old_number + 1
                and change.new_number == run[-1].new_number + 1
                and _within(change) == _within(run[-1])
            )
            if not follows:
                flush()
            run.append(change)
            continue
        flush()
        if change.kinds == ("unchanged",):
            continue
        out.append(
            m.DIFF_CHANGE.format(
                old=ref(change.old_number),
                new=ref(change.new_number),
                kinds="、".join(_kind(k) for k in change.kinds),
            )
        )
        out += detail(change)
    flush()
    return out


def _kind(kind: str) -> str:
    """A kind of change in the words of the site's /changes/ page."""
    return CHANGE_LABELS.get(kind) or m.DIFF_KINDS.get(kind, kind)


def _within(change: TaskChange | HeadingChange) -> tuple[int | None, int | None]:
    """The parts a clause sits in, old and new: a run of clauses stays within them."""
    return (getattr(change, "old_part", None), getattr(change, "new_part", None))


def _heading_ref(level: str, number: int) -> str:
    return f"{to_chinese(number)}、" if level == "part" else f"（{to_chinese(number)}）"


def _heading_detail(change: HeadingChange) -> list[str]:
    out = []
    if change.old_title and change.old_title != change.new_title:
        out.append(f"  - {change.old_title}")
    if change.new_title and change.old_title != change.new_title:
        out.append(f"  + {change.new_title}")
    if "moved" in change.kinds:
        out.append(
            m.DIFF_MOVED_PART.format(
                old=_heading_ref("part", change.old_part) if change.old_part else "—",
                new=_heading_ref("part", change.new_part) if change.new_part else "—",
            )
        )
    return out


def _task_detail(change: TaskChange, clause_titles: dict) -> list[str]:
    out = []
    kinds = set(change.kinds)
    if kinds & {"added", "removed"}:
        sign = "+" if "added" in kinds else "-"
        units = change.units_after if "added" in kinds else change.units_before
        out.append(f"  {sign} {change.new_text or change.old_text}")
        out.append(m.DIFF_UNITS.format(units="、".join(units) or "—"))
        return out
    if kinds & {"reworded", "punctuation"}:
        out.append(f"  - {_marked(change.text_diff, 'old')}")
        out.append(f"  + {_marked(change.text_diff, 'new')}")
    if "moved" in kinds:
        out.append(
            m.DIFF_MOVED_CLAUSE.format(
                old=_place_ref("old", change.old_place, clause_titles),
                new=_place_ref("new", change.new_place, clause_titles),
            )
        )
    if "units_changed" in kinds:
        if change.units_added or change.units_removed:
            out += [m.DIFF_UNITS_REMOVED.format(unit=u) for u in change.units_removed]
            out += [m.DIFF_UNITS_ADDED.format(unit=u) for u in change.units_added]
        else:
            out.append(
                m.DIFF_UNITS_REORDERED.format(
                    old="、".join(change.units_before), new="、".join(change.units_after)
                )
            )
    if "lead_changed" in kinds:
        out.append(
            m.DIFF_LEAD.format(
                old="、".join(change.lead_before) or "—", new="、".join(change.lead_after) or "—"
            )
        )
    return out


def _place_ref(side: str, place: tuple[int | None, int | None], clause_titles: dict) -> str:
    part, clause = place
    if clause is None:
        return "—" if part is None else m.DIFF_PART_REF.format(number=to_chinese(part))
    title = clause_titles.get((side, clause, part), "")
    return f"（{to_chinese(clause)}）{title}"
