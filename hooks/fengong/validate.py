"""Checks on the data as read; each yields Problem(path, line, message). Nothing here
logs or exits: the caller decides what to do with the problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .model import BLOCK_KINDS, UNIT_KINDS
from .textnorm import normalise

if TYPE_CHECKING:
    from .load import RawData
from .problems import Problem

UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _line(item: object) -> int:
    return getattr(item, "line", 0)


def _items(value: object) -> list:
    return value if isinstance(value, list) else []


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def unit_lookup(units_doc: object) -> dict[str, str]:
    """Every name a unit is known by (name, written forms, aliases) → its id."""
    lookup: dict[str, str] = {}
    for entry in _items(units_doc.get("units") if isinstance(units_doc, dict) else None):
        if not isinstance(entry, dict):
            continue
        for key in ("name", "written_as", "aliases"):
            values = entry.get(key)
            for name in [values] if isinstance(values, str) else _items(values):
                lookup.setdefault(str(name), str(entry.get("id")))
    return lookup


def validate(raw: RawData) -> list[Problem]:
    problems = list(_check_units(raw))
    problems += _check_notice(raw, unit_lookup(raw.get("units.yaml")))
    problems += _check_tags(raw)
    problems += _check_targets(raw)
    problems += _check_synonyms(raw)
    return problems


def _check_units(raw: RawData) -> Iterator[Problem]:
    path = raw.shown["units.yaml"]
    doc = raw.get("units.yaml")
    if not isinstance(doc, dict) or not isinstance(doc.get("units"), list):
        yield Problem(path, _line(doc), "expected a mapping with a list 'units:'")
        return
    ids: dict[str, int] = {}
    names: dict[str, tuple[str, int]] = {}
    for entry in doc["units"]:
        line = _line(entry)
        if not isinstance(entry, dict):
            yield Problem(path, line, "each unit must be a mapping with id, name and kind")
            continue
        uid, name = entry.get("id"), entry.get("name")
        label = f"unit '{uid}'"
        if not isinstance(uid, str) or not UNIT_ID.match(uid):
            yield Problem(
                path,
                line,
                f"{label}: id must be lower-case ASCII letters, digits and '-' "
                "(it is used in URLs), e.g. qu-cai-zheng-ju",
            )
        elif uid in ids:
            yield Problem(path, line, f"{label}: duplicate id (first defined at line {ids[uid]})")
        else:
            ids[uid] = line
        if not isinstance(name, str) or not name.strip():
            yield Problem(path, line, f"{label}: missing 'name' (the name as the notice writes it)")
            continue
        kind = entry.get("kind", "uncurated")
        if kind not in UNIT_KINDS:
            yield Problem(
                path, line, f"{label}: unknown kind '{kind}'; use one of {', '.join(UNIT_KINDS)}"
            )
        elif kind == "uncurated":
            yield Problem(
                path,
                line,
                f"{label} ({name}): kind not curated yet; set kind, full_name and aliases",
                "warning",
            )
        for key in ("aliases", "written_as"):
            if key in entry and not isinstance(entry[key], list):
                yield Problem(path, line, f"{label}: '{key}' must be a list of names")
        forms = [name, *_items(entry.get("written_as")), *_items(entry.get("aliases"))]
        for form in forms:
            if not isinstance(form, str) or not form.strip():
                yield Problem(path, line, f"{label}: empty name in name/written_as/aliases")
                continue
            if form in names and names[form][0] != uid:
                other, other_line = names[form]
                yield Problem(
                    path,
                    line,
                    f"{label}: the name '{form}' is also used by unit '{other}' "
                    f"(line {other_line}); a name must point to one unit",
                )
            names.setdefault(form, (uid, line))


def _check_notice(raw: RawData, units: dict[str, str]) -> Iterator[Problem]:
    path = raw.shown["notice.yaml"]
    doc = raw.get("notice.yaml")
    if not isinstance(doc, dict):
        yield Problem(
            path, _line(doc), "expected a mapping (notice, parts, clauses, tasks, blocks)"
        )
        return
    if doc.get("format") != 1:
        yield Problem(path, _line(doc), f"unknown data format {doc.get('format')!r}; re-import")
    source = doc.get("source")
    if not isinstance(source, str) or not (raw.data_dir / source).is_file():
        yield Problem(path, _line(doc), f"source file '{source}' not found in the data directory")
    notice = doc.get("notice")
    if not isinstance(notice, dict):
        yield Problem(path, _line(doc), "missing 'notice:' mapping")
    elif notice.get("date") is not None and not _is_date(notice.get("date")):
        yield Problem(
            path, _line(notice), f"notice: malformed date {notice.get('date')!r}; use YYYY-MM-DD"
        )

    parts: dict[int, int] = {}
    for part in _items(doc.get("parts")):
        yield from _check_number(path, part, "part", parts)
    yield from _check_sequence(path, doc.get("parts"), "part", parts)
    clauses: dict[tuple, int] = {}  # (part, number) → line
    yield from _check_clauses(path, doc.get("clauses"), parts, clauses)

    yield from _check_revisions(raw, doc)
    tasks: dict[int, int] = {}
    ids: dict[int, int] = {}
    task_items = _items(doc.get("tasks"))
    if not task_items:
        yield Problem(path, _line(doc), "no tasks; import a notice with numbered tasks")
    for task in task_items:
        yield from _check_number(path, task, "task", tasks)
        if isinstance(task, dict):
            yield from _check_task(path, task, parts, clauses, units)
            task_id = task.get("id")
            if not isinstance(task_id, int) or task_id < 1:
                yield Problem(
                    path, _line(task), f"task {task.get('number')}: missing id; re-import"
                )
            elif task_id in ids:
                yield Problem(
                    path,
                    _line(task),
                    f"task {task.get('number')}: id {task_id} is also the id of the task at "
                    f"line {ids[task_id]}; re-import to renumber ids",
                )
            else:
                ids[task_id] = _line(task)
    yield from _check_sequence(path, doc.get("tasks"), "task", tasks)

    last = 0
    for block in _items(doc.get("blocks")):
        line = _line(block)
        if not isinstance(block, dict) or block.get("kind") not in BLOCK_KINDS:
            kind = block.get("kind") if isinstance(block, dict) else block
            yield Problem(path, line, f"block: unknown kind {kind!r}")
            continue
        if not isinstance(block.get("line"), int) or block["line"] <= last:
            yield Problem(path, line, "block: lines must be increasing; re-import the source")
        else:
            last = block.get("end_line", block["line"])
        if not isinstance(block.get("text"), str):
            yield Problem(path, line, "block: missing text")


def _check_clauses(path: str, items: object, parts: dict, seen: dict) -> Iterator[Problem]:
    """Clause numbers run across the annex (（一）…（二十六）) or start again in each part;
    either way a clause is known by (part, number), and numbers run without gaps."""
    by_part: dict[object, dict[int, int]] = {}
    for clause in _items(items):
        part = clause.get("part") if isinstance(clause, dict) else None
        numbers = by_part.setdefault(part, {})
        before = dict(numbers)
        yield from _check_number(path, clause, "clause", numbers)
        number = clause.get("number") if isinstance(clause, dict) else None
        if not isinstance(number, int) or number in before:
            continue
        seen[(part, number)] = _line(clause)
        if part is not None and part not in parts:
            yield Problem(path, _line(clause), f"clause {number}: part {part} does not exist")
    numbers = [n for per_part in by_part.values() for n in per_part]
    if len(numbers) == len(set(numbers)):  # numbered across the annex
        yield from _check_sequence(path, items, "clause", {n: 0 for n in numbers})
    else:
        for part, per_part in by_part.items():
            yield from _check_sequence(path, items, f"part {part}: clause", per_part)


def _check_revisions(raw: RawData, doc: dict) -> Iterator[Problem]:
    """Each revision snapshot names itself, and the current revision is one of them."""
    path = raw.shown["notice.yaml"]
    for label, snapshot in raw.revisions.items():
        shown = raw.shown[f"revisions/{label}/notice.yaml"]
        revision = snapshot.get("revision") if isinstance(snapshot, dict) else None
        if not isinstance(revision, dict) or revision.get("label") != label:
            yield Problem(shown, _line(snapshot), f"revision snapshot must say label: {label}")
        elif not _is_date(revision.get("date")):
            yield Problem(shown, _line(revision), f"revision {label}: malformed date; YYYY-MM-DD")
        elif not _items(snapshot.get("tasks")):
            yield Problem(shown, _line(snapshot), f"revision {label}: no tasks")
    current = doc.get("revision")
    if current is not None:
        label = current.get("label") if isinstance(current, dict) else None
        if label not in raw.revisions:
            yield Problem(
                path,
                _line(current),
                f"current revision {label!r} has no snapshot revisions/{label}/notice.yaml; "
                "re-import with --revision",
            )


def _check_number(path: str, item: object, what: str, seen: dict[int, int]) -> Iterator[Problem]:
    line = _line(item)
    number = item.get("number") if isinstance(item, dict) else None
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        yield Problem(path, line, f"{what}: number must be a positive integer, got {number!r}")
        return
    if number in seen:
        yield Problem(
            path, line, f"{what} {number}: duplicate number (first at line {seen[number]})"
        )
        return
    seen[number] = line
    if not isinstance(item.get("title", item.get("text")), str):
        yield Problem(
            path, line, f"{what} {number}: missing {'text' if what == 'task' else 'title'}"
        )


def _check_sequence(path: str, items: object, what: str, seen: dict[int, int]) -> Iterator[Problem]:
    """Numbers run 1, 2, 3 …: a gap is an error (a task lost or misnumbered)."""
    if not seen:
        return
    missing = sorted(set(range(1, max(seen) + 1)) - set(seen))
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        yield Problem(path, _line(items), f"{what} numbers skip {shown}; renumber or restore them")


def _check_task(path, task, parts, clauses, units) -> Iterator[Problem]:
    line, number = _line(task), task.get("number")
    label = f"task {number}"
    part, clause = task.get("part"), task.get("clause")
    if part is not None and part not in parts:
        yield Problem(path, line, f"{label}: part {part} does not exist")
    if clause is not None and (part, clause) not in clauses:
        elsewhere = sorted(str(p) for p, n in clauses if n == clause)
        where = f"belongs to part {', '.join(elsewhere)}, not part {part}" if elsewhere else ""
        yield Problem(path, line, f"{label}: clause {clause} {where or 'does not exist'}")
    written = task.get("units")
    if not isinstance(written, list):
        yield Problem(path, line, f"{label}: 'units' must be a list of unit names as written")
        return
    if not written:
        yield Problem(path, line, f"{label}: no responsible unit", "warning")
    for name in written:
        if not isinstance(name, str) or not name.strip():
            yield Problem(path, line, f"{label}: empty unit name; remove it or write the name")
        elif name not in units:
            close = difflib.get_close_matches(name, list(units), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(
                path,
                line,
                f"{label}: unknown unit '{name}'{hint}; add it to units.yaml "
                "(name or written_as) or correct the name",
            )
    lead = task.get("lead")
    if not isinstance(lead, list) or any(name not in written for name in lead):
        yield Problem(path, line, f"{label}: every lead unit must be one of its units")
    elif written and not lead:
        yield Problem(path, line, f"{label}: no lead unit; the first unit listed leads")
    for mention in _items(task.get("dates")):
        for key in ("start", "end"):
            value = mention.get(key) if isinstance(mention, dict) else None
            if value is not None and not _is_date(value):
                yield Problem(
                    path, _line(mention), f"{label}: malformed date {value!r}; use YYYY-MM-DD"
                )


def _check_tags(raw: RawData) -> Iterator[Problem]:
    doc = raw.get("tags.yaml")
    if doc is None:
        return
    path = raw.shown["tags.yaml"]
    seen: dict[str, int] = {}
    for tag in _items(doc.get("tags") if isinstance(doc, dict) else None):
        line = _line(tag)
        if not isinstance(tag, dict) or not isinstance(tag.get("id"), str):
            yield Problem(path, line, "each tag needs an id, a name and keywords")
            continue
        if not UNIT_ID.match(tag["id"]):
            yield Problem(path, line, f"tag '{tag['id']}': id must be lower-case ASCII")
        if tag["id"] in seen:
            yield Problem(
                path, line, f"tag '{tag['id']}': duplicate id (first at line {seen[tag['id']]})"
            )
        seen.setdefault(tag["id"], line)
        if not _items(tag.get("keywords")):
            yield Problem(path, line, f"tag '{tag['id']}': needs a list of keywords")


def notice_texts(raw: RawData) -> list[tuple[str, int | None, int | None]]:
    """(text, task number, block line) of every block and task: where quotes may come from."""
    doc = raw.get("notice.yaml")
    texts = []
    if isinstance(doc, dict):
        for task in _items(doc.get("tasks")):
            if isinstance(task, dict) and isinstance(task.get("text"), str):
                texts.append((task["text"], task.get("number"), None))
        for block in _items(doc.get("blocks")):
            if isinstance(block, dict) and block.get("kind") in ("paragraph", "item"):
                texts.append((str(block.get("text")), None, block.get("line")))
    return texts


def _check_targets(raw: RawData) -> Iterator[Problem]:
    doc = raw.get("targets.yaml")
    if doc is None:
        return
    path = raw.shown["targets.yaml"]
    texts = notice_texts(raw)
    for target in _items(doc.get("targets") if isinstance(doc, dict) else None):
        line = _line(target)
        if not isinstance(target, dict):
            yield Problem(path, line, "each target needs label, quote, value, unit and bound")
            continue
        quote = target.get("quote")
        label = f"target '{target.get('label')}'"
        if not isinstance(quote, str) or not any(quote in text for text, _, _ in texts):
            # A warning, not an error: a revised notice may reword a target, and the
            # import must still go through; the target is left off the site until fixed.
            yield Problem(
                path,
                line,
                f"{label}: quote {quote!r} is not in the notice's text, so it is not shown; "
                "copy the quote exactly from the notice",
                "warning",
            )
            continue
        if target.get("bound") not in ("min", "max", "exact"):
            yield Problem(path, line, f"{label}: bound must be min, max or exact")
        value = target.get("value")
        numbers = re.findall(r"\d+(?:\.\d+)?", normalise(quote))
        if not isinstance(value, int | float) or not _value_in_quote(value, numbers, quote):
            yield Problem(
                path, line, f"{label}: value {value!r} does not match the quote {quote!r}"
            )


def _value_in_quote(value: float, numbers: list[str], quote: str) -> bool:
    scale = 10_000 if "万" in quote else 1
    return any(
        abs(float(n) * scale - value) < 1e-6 or abs(float(n) - value) < 1e-6 for n in numbers
    )


def _check_synonyms(raw: RawData) -> Iterator[Problem]:
    doc = raw.get("synonyms.yaml")
    if doc is None:
        return
    path = raw.shown["synonyms.yaml"]
    synonyms = doc.get("synonyms") if isinstance(doc, dict) else None
    if not isinstance(synonyms, dict):
        yield Problem(path, _line(doc), "expected 'synonyms:' mapping a word to a list of words")
        return
    for word, targets in synonyms.items():
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            yield Problem(path, _line(synonyms), f"synonym '{word}': expected a list of words")
