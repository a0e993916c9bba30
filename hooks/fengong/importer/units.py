"""Unit lists as notices write them → unit names as written, the lead units, a note.

Handles （责任单位：A、B、C）, 牵头单位：A；配合单位：B、C, （A牵头，B、C配合）,
A牵头，各有关部门按职责分工负责, and a note after the names (。备注：…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LABEL = re.compile(r"^(责任单位|主责单位|负责单位|责任部门)\s*:\s*")
LEAD_LABEL = re.compile(r"^(牵头单位|牵头部门)\s*:\s*")
PARTNER_LABEL = re.compile(r"^(配合单位|参与单位|配合部门|协办单位)\s*:\s*")
NOTE = re.compile(r"[。;,]?\s*(备注|注)\s*:")
SEPARATORS = "、,;，；"
GROUP_SUFFIXES = ("按职责分工负责", "按职责负责", "分工负责", "配合", "参与", "负责")


class UnitListError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class UnitList:
    raw: str  # the text inside the parentheses (or of the unit lines), as written
    norm: str  # the same, normalised
    start: int = 0  # offsets of the parenthesised group in the task text
    end: int = 0


def find_unit_list(norm: str) -> UnitList | None:
    """The parenthesised unit list that ends a normalised task text, if there is one."""
    text = norm.rstrip()
    if text.endswith(("。", ".")) and text[:-1].rstrip().endswith(")"):
        text = text[:-1].rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : -1]
                if _is_unit_list(inner):
                    return UnitList(inner, inner, i, len(text))
                return None
    return None


def _is_unit_list(inner: str) -> bool:
    inner = inner.strip()
    return bool(
        LABEL.match(inner) or LEAD_LABEL.match(inner) or re.search(r"牵头[,;、]|牵头$", inner)
    )


def split_names(text: str, separators: str = SEPARATORS) -> list[str]:
    """Split a list of names on the separators, not inside （）〔〕 brackets."""
    names, current, depth = [], [], 0
    for ch in text:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】":
            depth -= 1
        if ch in separators and depth == 0:
            names.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    names.append("".join(current).strip())
    return names


def parse_unit_list(raw: str, norm: str) -> tuple[list[str], list[str], str]:
    """(units as written, lead units as written, note) from a unit list's text."""
    note = ""
    if m := NOTE.search(norm):
        note = raw[m.start() :].lstrip("。；;，, ")
        raw, norm = raw[: m.start()], norm[: m.start()]
    raw, norm = raw.rstrip("。. "), norm.rstrip("。. ")

    units: list[str] = []
    lead: list[str] = []
    explicit = False
    # Statements separated by ；/; or ，/, : each names a role or is a plain list.
    for seg_raw, seg_norm in _segments(raw, norm):
        if m := LABEL.match(seg_norm):
            seg_raw, seg_norm = seg_raw[m.end() :], seg_norm[m.end() :]
        if m := LEAD_LABEL.match(seg_norm):
            names = _names(seg_raw[m.end() :])
            lead += names
            units += names
            explicit = True
        elif m := PARTNER_LABEL.match(seg_norm):
            units += _names(seg_raw[m.end() :])
            explicit = True
        elif seg_norm.endswith("牵头"):
            names = _names(seg_raw[: -len("牵头")])
            lead += names
            units += names
            explicit = True
        elif suffix := next((s for s in GROUP_SUFFIXES if seg_norm.endswith(s)), None):
            units += _names(seg_raw[: -len(suffix)])
            explicit = True
        else:
            units += _names(seg_raw)
    if not units:
        raise UnitListError("the unit list is empty; name at least one unit")
    if not explicit:
        lead = units[:1]
    return units, lead, note


def _segments(raw: str, norm: str):
    """Split on ；/; always, and on ，/, only where a role word ends the part."""
    pieces: list[tuple[str, str]] = []
    start = 0
    for i, ch in enumerate(norm):
        if ch == ";" or (ch == "," and _ends_role(norm[start:i])):
            pieces.append((raw[start:i], norm[start:i]))
            start = i + 1
    pieces.append((raw[start:], norm[start:]))
    return [(r.strip(), n.strip()) for r, n in pieces if n.strip()]


def _ends_role(norm: str) -> bool:
    return norm.endswith("牵头") or any(norm.endswith(s) for s in GROUP_SUFFIXES)


def _names(raw: str) -> list[str]:
    names = split_names(raw)
    if any(not name for name in names):
        raise UnitListError(
            f"empty unit name in '{raw}'; remove the extra separator or add the missing name"
        )
    return names
