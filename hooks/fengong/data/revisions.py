"""Two revisions of a notice → what changed: tasks matched by content, not by number.

Both inputs are notice documents, the plain dicts `importer.datafiles.notice_document()`
returns and `data/notice.yaml` holds. Task numbers are not identities (a revision drops,
adds and renumbers tasks), so tasks are paired by their text, their units and their clause.
Everything here is pure: no files, no logging.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import HEADING_KINDS, TASK_KINDS, HeadingChange, RevisionDiff, TaskChange
from ..textnorm import normalise

# A task's match score is a weighted sum of three similarities, each in [0, 1]:
# - the text (difflib ratio) weighs most, because the text is what a task *is*;
# - the units (Jaccard overlap) weigh less: a revision often reassigns a task;
# - the same clause title is a small tie-breaker, which keeps near-identical boilerplate
#   tasks in different clauses (e.g. 32 and 33 of 大足府办发〔2020〕41号) apart.
# With THRESHOLD 0.6 an identical text always matches (0.7), even with all its units
# replaced and moved to another clause; a task in its old clause with its old units still
# matches when less than half its text survives (ratio ≥ 0.43); a text reworded past that is
# reported as one task removed and another added, which is what a reader would say too.
TEXT_WEIGHT = 0.7
UNITS_WEIGHT = 0.2
CLAUSE_WEIGHT = 0.1
THRESHOLD = 0.6
# Parts and clauses are matched by title, or by the tasks they share (see _match_headings).
HEADING_THRESHOLD = 0.5
MAX_FUZZY_HEADING_PAIRS = 250_000  # beyond this, unmatched headings are added/removed


# -- text comparison ----------------------------------------------------------------------


def strip_punctuation(text: str) -> str:
    """The text without punctuation or whitespace, full- or half-width (NFKC folds
    full-width letters and digits to half-width, so width alone is not a change)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("P", "Z", "C")))


def text_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Character-level runs turning `old` into `new`: ("equal"|"delete"|"insert", text)."""
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            runs.append(("equal" if op == "equal" else "delete", old[i1:i2]))
        if op in ("insert", "replace") and j2 > j1:
            runs.append(("insert", new[j1:j2]))
    return tuple(runs)


def _ratio(a: str, b: str) -> float:
    # autojunk off: in a Chinese text of 200 characters or more, frequent characters such as
    # ， and 的 would otherwise be ignored as junk.
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# -- the notice documents -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Task:
    index: int
    number: int | None
    text: str
    units: tuple[str, ...]
    lead: tuple[str, ...]
    part: int | None
    clause: int | None
    place_title: str  # its clause's title (or part's, with no clause), punctuation stripped
    norm: str  # the text normalised for matching


def _tasks(document: Mapping) -> list[_Task]:
    parts = {p.get("number"): p.get("title") or "" for p in document.get("parts") or ()}
    clauses = {
        (c.get("part"), c.get("number")): c.get("title") or ""
        for c in document.get("clauses") or ()
    }
    tasks = []
    for index, task in enumerate(document.get("tasks") or ()):
        part, clause = task.get("part"), task.get("clause")
        place = clauses.get((part, clause)) if clause is not None else parts.get(part)
        text = task.get("text") or ""
        tasks.append(
            _Task(
                index=index,
                number=task.get("number"),
                text=text,
                units=tuple(task.get("units") or ()),
                lead=tuple(task.get("lead") or ()),
                part=part,
                clause=clause,
                place_title=strip_punctuation(normalise(place or "")),
                norm=normalise(text),
            )
        )
    return tasks


def _label(document: Mapping) -> str:
    notice = document.get("notice") or {}
    return str(document.get("source") or notice.get("doc_number") or "notice")


# -- matching -----------------------------------------------------------------------------


def _units_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a and not b:
        return 1.0
    return len(set(a) & set(b)) / len(set(a) | set(b))


def _score(old: _Task, new: _Task) -> float | None:
    """The weighted similarity of two tasks, or None when it cannot reach THRESHOLD."""
    rest = UNITS_WEIGHT * _units_overlap(old.units, new.units)
    if old.place_title == new.place_title:
        rest += CLAUSE_WEIGHT
    if old.norm == new.norm:
        return TEXT_WEIGHT + rest
    # Cheap upper bounds first: most of the 63 × 63 pairs are far apart.
    matcher = difflib.SequenceMatcher(None, old.norm, new.norm, autojunk=False)
    if TEXT_WEIGHT * matcher.real_quick_ratio() + rest < THRESHOLD:
        return None
    if TEXT_WEIGHT * matcher.quick_ratio() + rest < THRESHOLD:
        return None
    score = TEXT_WEIGHT * matcher.ratio() + rest
    return score if score >= THRESHOLD else None


def _pairs(old_tasks: list[_Task], new_tasks: list[_Task]) -> list[tuple[_Task, _Task, float]]:
    """One-to-one pairs, greedily by best score; ties go to the pair whose positions are
    closest, then to the earliest, so the result never depends on dict or set order."""
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[_Task, _Task, float]] = []

    def take(candidates: list[tuple[float, int, _Task, _Task]]) -> None:
        candidates.sort(key=lambda c: (c[0], c[1], c[2].index, c[3].index))
        for neg_score, _, old, new in candidates:
            if old.index in used_old or new.index in used_new:
                continue
            used_old.add(old.index)
            used_new.add(new.index)
            pairs.append((old, new, -neg_score))

    # Perfect pairs (same text, units and clause: score 1, the highest there is) come first
    # in the greedy order anyway; finding them by hashing leaves only the changed tasks to
    # compare pair by pair, so a revision of a long notice does not cost n² ratios.
    def identity(task: _Task) -> tuple:
        return (task.norm, task.units, task.place_title)

    by_identity: dict[tuple, list[_Task]] = {}
    for new in new_tasks:
        by_identity.setdefault(identity(new), []).append(new)
    take(
        [
            (-1.0, abs(old.index - new.index), old, new)
            for old in old_tasks
            for new in by_identity.get(identity(old), ())
        ]
    )
    rest = []
    for old in old_tasks:
        if old.index in used_old:
            continue
        for new in new_tasks:
            if new.index in used_new:
                continue
            score = _score(old, new)
            if score is not None:
                rest.append((-round(score, 9), abs(old.index - new.index), old, new))
    take(rest)
    return pairs


def _headings(document: Mapping, level: str) -> list[dict]:
    if level == "part":
        return [
            {"key": p.get("number"), "number": p.get("number"), "title": p.get("title") or ""}
            for p in document.get("parts") or ()
        ]
    return [
        {
            "key": (c.get("part"), c.get("number")),
            "number": c.get("number"),
            "part": c.get("part"),
            "title": c.get("title") or "",
        }
        for c in document.get("clauses") or ()
    ]


def _match_headings(
    old: list[dict], new: list[dict], task_pairs: list[tuple[_Task, _Task, float]], level: str
) -> dict[int, int]:
    """Old heading index → new heading index. A heading keeps its identity when its title
    stays nearly the same, or when most of its tasks went to the same new heading (a clause
    renamed but holding the same tasks is the same clause)."""

    def key_of(task: _Task):
        return task.part if level == "part" else (task.part, task.clause)

    shared: Counter = Counter((key_of(o), key_of(n)) for o, n, _ in task_pairs)
    old_sizes = Counter(key_of(o) for o, _, _ in task_pairs)
    new_sizes = Counter(key_of(n) for _, n, _ in task_pairs)
    old_titles = [strip_punctuation(normalise(a["title"])) for a in old]
    new_titles = [strip_punctuation(normalise(b["title"])) for b in new]

    def score(i: int, j: int) -> float:
        both = shared[(old[i]["key"], new[j]["key"])]
        tasks = both / max(old_sizes[old[i]["key"]], new_sizes[new[j]["key"]]) if both else 0.0
        if old_titles[i] == new_titles[j]:
            return 1.0
        if tasks >= 1.0:
            return tasks
        return max(tasks, _ratio(old_titles[i], new_titles[j]))

    # Candidate pairs: same title, or sharing tasks; then, for headings still without one,
    # every pair, unless that is too many to compare (a long notice rewritten wholesale).
    new_by_title: dict[str, list[int]] = {}
    for j, title in enumerate(new_titles):
        new_by_title.setdefault(title, []).append(j)
    new_by_key = {b["key"]: j for j, b in enumerate(new)}
    old_by_key = {a["key"]: i for i, a in enumerate(old)}
    pairs = {(i, j) for i, title in enumerate(old_titles) for j in new_by_title.get(title, ())}
    pairs |= {
        (old_by_key[ka], new_by_key[kb])
        for ka, kb in shared
        if ka in old_by_key and kb in new_by_key
    }
    lone_old = sorted(set(range(len(old))) - {i for i, _ in pairs})
    lone_new = sorted(set(range(len(new))) - {j for _, j in pairs})
    if len(lone_old) * len(lone_new) <= MAX_FUZZY_HEADING_PAIRS:
        pairs |= {(i, j) for i in lone_old for j in lone_new}
    candidates = []
    for i, j in pairs:
        value = score(i, j)
        if value >= HEADING_THRESHOLD:
            candidates.append((-value, abs(i - j), i, j))
    candidates.sort()
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in candidates:
        if i not in mapping and j not in taken:
            mapping[i] = j
            taken.add(j)
    return mapping


def _heading_changes(
    old: list[dict], new: list[dict], mapping: dict[int, int], level: str, part_map: dict
) -> list[HeadingChange]:
    """Every heading of both revisions once, in the new order (as tasks are listed)."""
    keyed: list[tuple[tuple, HeadingChange]] = []
    for i, j in mapping.items():
        a, b = old[i], new[j]
        kinds = set()
        if level == "clause" and part_map.get(a.get("part"), object()) != b.get("part"):
            kinds.add("moved")
        if a["number"] != b["number"]:
            kinds.add("renumbered")
        if a["title"] != b["title"]:
            same = strip_punctuation(a["title"]) == strip_punctuation(b["title"])
            kinds.add("punctuation" if same else "renamed")
        change = HeadingChange(
            level=level,
            kinds=_ordered(kinds or {"unchanged"}, HEADING_KINDS),
            old_number=a["number"],
            new_number=b["number"],
            old_title=a["title"],
            new_title=b["title"],
            old_part=a.get("part"),
            new_part=b.get("part"),
        )
        keyed.append(((j, 0, 0), change))
    matched_new = set(mapping.values())
    for j, b in enumerate(new):
        if j not in matched_new:
            change = HeadingChange(
                level=level,
                kinds=("added",),
                old_number=None,
                new_number=b["number"],
                old_title="",
                new_title=b["title"],
                new_part=b.get("part"),
            )
            keyed.append(((j, 0, 0), change))
    for i, a in enumerate(old):
        if i not in mapping:
            change = HeadingChange(
                level=level,
                kinds=("removed",),
                old_number=a["number"],
                new_number=None,
                old_title=a["title"],
                new_title="",
                old_part=a.get("part"),
            )
            keyed.append(((_after(i, mapping), 1, i), change))
    keyed.sort(key=lambda k: k[0])
    return [change for _, change in keyed]


def _after(i: int, mapping: dict[int, int]) -> int:
    """Where a removed item goes in the new order: after the new place of the nearest
    earlier item that was kept (-1 when none was)."""
    return next((mapping[k] for k in range(i - 1, -1, -1) if k in mapping), -1)


def _ordered(kinds: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    kinds = set(kinds)
    return tuple(k for k in order if k in kinds)


def _task_change(old: _Task, new: _Task, score: float, moved: bool) -> TaskChange:
    kinds = set()
    if moved:
        kinds.add("moved")
    if old.number != new.number:
        kinds.add("renumbered")
    if old.text != new.text:
        same = strip_punctuation(old.text) == strip_punctuation(new.text)
        kinds.add("punctuation" if same else "reworded")
    if old.units != new.units:
        kinds.add("units_changed")
    if old.lead != new.lead:
        kinds.add("lead_changed")
    return TaskChange(
        kinds=_ordered(kinds or {"unchanged"}, TASK_KINDS),
        old_number=old.number,
        new_number=new.number,
        old_text=old.text,
        new_text=new.text,
        units_added=tuple(u for u in new.units if u not in old.units),
        units_removed=tuple(u for u in old.units if u not in new.units),
        units_before=old.units,
        units_after=new.units,
        lead_before=old.lead,
        lead_after=new.lead,
        text_diff=text_diff(old.text, new.text),
        old_place=(old.part, old.clause),
        new_place=(new.part, new.clause),
        score=round(score, 3),
    )


def _lone_change(task: _Task, kind: str) -> TaskChange:
    added = kind == "added"
    return TaskChange(
        kinds=(kind,),
        old_number=None if added else task.number,
        new_number=task.number if added else None,
        old_text="" if added else task.text,
        new_text=task.text if added else "",
        units_added=task.units if added else (),
        units_removed=() if added else task.units,
        units_before=() if added else task.units,
        units_after=task.units if added else (),
        lead_before=() if added else task.lead,
        lead_after=task.lead if added else (),
        text_diff=((("insert" if added else "delete"), task.text),) if task.text else (),
        old_place=(None, None) if added else (task.part, task.clause),
        new_place=(task.part, task.clause) if added else (None, None),
    )


def _compare(old: Mapping, new: Mapping):
    old_tasks, new_tasks = _tasks(old), _tasks(new)
    pairs = _pairs(old_tasks, new_tasks)
    old_parts, new_parts = _headings(old, "part"), _headings(new, "part")
    old_clauses, new_clauses = _headings(old, "clause"), _headings(new, "clause")
    part_idx = _match_headings(old_parts, new_parts, pairs, "part")
    clause_idx = _match_headings(old_clauses, new_clauses, pairs, "clause")
    part_map = {old_parts[i]["key"]: new_parts[j]["key"] for i, j in part_idx.items()}
    part_map[None] = None  # a notice without parts keeps having none
    clause_map = {old_clauses[i]["key"]: new_clauses[j]["key"] for i, j in clause_idx.items()}

    def moved(o: _Task, n: _Task) -> bool:
        if o.clause is not None or n.clause is not None:
            return clause_map.get((o.part, o.clause), object()) != (n.part, n.clause)
        return part_map.get(o.part, object()) != n.part

    # Listed in the new order; a removed task comes right after the task that preceded it.
    new_of_old = {o.index: n.index for o, n, _ in pairs}
    keyed: list[tuple[tuple, TaskChange]] = []
    for o, n, score in pairs:
        keyed.append(((n.index, 0, 0), _task_change(o, n, score, moved(o, n))))
    matched_new = {n.index for _, n, _ in pairs}
    for n in new_tasks:
        if n.index not in matched_new:
            keyed.append(((n.index, 0, 0), _lone_change(n, "added")))
    for o in old_tasks:
        if o.index not in new_of_old:
            keyed.append(((_after(o.index, new_of_old), 1, o.index), _lone_change(o, "removed")))
    keyed.sort(key=lambda k: k[0])
    tasks = tuple(change for _, change in keyed)
    parts = _heading_changes(old_parts, new_parts, part_idx, "part", {})
    clauses = _heading_changes(old_clauses, new_clauses, clause_idx, "clause", part_map)
    return old_tasks, new_tasks, tasks, parts, clauses


# -- the public functions -----------------------------------------------------------------


def diff_notices(
    old: Mapping, new: Mapping, *, old_label: str | None = None, new_label: str | None = None
) -> RevisionDiff:
    """Tasks, parts and clauses across a revision; the labels name the two revisions in a
    report (by default each document's source)."""
    old_tasks, new_tasks, tasks, parts, clauses = _compare(old, new)
    counts = Counter(kind for change in tasks for kind in change.kinds)
    return RevisionDiff(
        old_label=old_label or _label(old),
        new_label=new_label or _label(new),
        old_task_count=len(old_tasks),
        new_task_count=len(new_tasks),
        tasks=tasks,
        parts=tuple(parts),
        clauses=tuple(clauses),
        summary={kind: counts[kind] for kind in TASK_KINDS if counts[kind]},
    )


def task_identities(
    old_ids: Mapping[int, int], changes: Iterable[TaskChange], *, ids_ever_used: Iterable[int] = ()
) -> dict[int, int]:
    """The new revision's {task number: stable id}, from the old revision's and the changes.

    A matched task keeps its id; each added task, in new-number order, gets the next id
    above every id ever used, so an id is never given to a second task. `old_ids` holds the
    ids of the old revision's tasks, removed ones included; pass `ids_ever_used` (or a high
    water mark) too when older revisions dropped tasks whose ids are in neither.
    """
    changes = list(changes)
    missing = sorted(
        c.old_number for c in changes if c.old_number is not None and c.old_number not in old_ids
    )
    if missing:
        raise ValueError(f"old_ids has no id for old task(s) {', '.join(map(str, missing))}")
    next_id = max([*old_ids.values(), *ids_ever_used], default=0) + 1
    new_ids: dict[int, int] = {}
    for change in sorted(
        (c for c in changes if c.new_number is not None), key=lambda c: c.new_number
    ):
        if change.old_number is not None:
            new_ids[change.new_number] = old_ids[change.old_number]
        else:
            new_ids[change.new_number] = next_id
            next_id += 1
    return new_ids
