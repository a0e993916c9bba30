"""Lines of a notice → its structure: header, body, annex (parts, clauses, tasks), 抄送.

Matching runs on normalised text (full-width → half-width, traditional → simplified,
one character for one), and every value is sliced from the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numerals import from_chinese
from ..problems import Problem, ProblemsFound
from ..textnorm import normalise
from . import units as unit_lists

CN_DIGITS = "零〇一二三四五六七八九十百千万"
_CN = f"[{CN_DIGITS}]+"

DOC_NUMBER = re.compile(r"\S*[〔\[]\d{4}[〕\]]\s*\d+\s*号")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
SECTION = re.compile(rf"^({_CN})\s*[、.]\s*(.*)$")  # 一、 : a body section or an annex part
SUBSECTION = re.compile(rf"^\(({_CN})\)\s*(.*)$")  # （一） : a body item or an annex clause
# 1． 1、 1. （1）
TASK = re.compile(r"^(?:(?P<num>\d{1,5})\s*(?P<sep>[.、])|\((?P<pnum>\d{1,5})\))\s*(?P<text>.*)$")
ANNEX_LABEL = re.compile(r"^附件\s*\d*\s*:?$")
ANNEX_REF = re.compile(r"^附件\s*\d*\s*:\s*\S")
CC = re.compile(r"^抄送\s*:")
CONTACT = re.compile(r"^\(?\s*联系人\s*:")
UNIT_LINE = re.compile(
    r"^(责任单位|牵头单位|主责单位|负责单位|配合单位|参与单位|责任部门|牵头部门)\s*:"
)
PRINTED = re.compile(r"印发$")


@dataclass(slots=True)
class RawBlock:
    kind: str
    line: int
    end_line: int
    text: str
    number: int | None = None


@dataclass(slots=True)
class RawTask:
    number: int
    line: int
    part: int | None
    clause: int | None
    text: str
    units: list[str]
    lead: list[str]
    unit_note: str
    raw: str


@dataclass(slots=True)
class RawHeading:
    number: int
    line: int
    title: str
    part: int | None = None


@dataclass(slots=True)
class ParsedNotice:
    doc_number: str | None = None
    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    addressees: list[str] = field(default_factory=list)
    signature: str | None = None
    contact: str | None = None
    annex_title: str | None = None
    cc: list[str] = field(default_factory=list)
    lead_rule: str = ""
    blocks: list[RawBlock] = field(default_factory=list)
    parts: list[RawHeading] = field(default_factory=list)
    clauses: list[RawHeading] = field(default_factory=list)
    tasks: list[RawTask] = field(default_factory=list)


def parse(lines: list[str], shown_as: str) -> tuple[ParsedNotice, list[Problem]]:
    """Parse a notice; raise ProblemsFound on structural errors, return warnings."""
    parser = _Parser(lines, shown_as)
    parser.run()
    errors = [p for p in parser.problems if p.severity == "error"]
    if errors:
        raise ProblemsFound(parser.problems)
    return parser.notice, parser.problems


class _Parser:
    def __init__(self, lines: list[str], shown_as: str):
        self.lines = [line.strip() for line in lines]
        self.norm = [normalise(line) for line in self.lines]
        self.path = shown_as
        self.notice = ParsedNotice()
        self.problems: list[Problem] = []

    # -- helpers ------------------------------------------------------------------------
    def problem(self, line: int, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, message, severity))

    def block(self, kind: str, first: int, last: int, number: int | None = None) -> RawBlock:
        text = "".join(self.lines[i - 1] for i in range(first, last + 1))
        raw = RawBlock(kind, first, last, text, number)
        self.notice.blocks.append(raw)
        return raw

    def task_at(self, n: int) -> re.Match | None:
        """The task number that starts line n, if it does. A full-width '．' or '、' after the
        number always ends it (5．2021年底前…); an ASCII '.' followed by a digit is a decimal
        (1.4万人), not a task number."""
        m = TASK.match(self.norm[n - 1])
        ascii_dot = m is not None and m["sep"] and self.lines[n - 1][m.start("sep")] == "."
        if ascii_dot and self.norm[n - 1][m.end("sep") : m.end("sep") + 1].isdigit():
            return None
        return m

    def nonblank(self, start: int, stop: int) -> list[int]:
        """1-based numbers of the non-blank lines in [start, stop)."""
        return [i for i in range(start, stop) if self.lines[i - 1]]

    # -- the document -------------------------------------------------------------------
    def run(self) -> None:
        count = len(self.lines)
        cc_line = next((i for i in range(1, count + 1) if CC.match(self.norm[i - 1])), None)
        end = cc_line or count + 1
        annex_start = self.find_annex_start(end)
        if annex_start is None:
            self.problem(
                1,
                "no tasks found; expected numbered items such as "
                "'1．…（责任单位：…）' (check the numbering and the unit lists)",
            )
            return
        self.parse_front(1, annex_start)
        self.parse_annex(annex_start, end)
        if cc_line:
            self.parse_cc(cc_line, count + 1)
        if not self.notice.tasks and not self.problems:
            self.problem(1, "no tasks found; expected numbered items such as '1．…（责任单位：…）'")

    def find_annex_start(self, end: int) -> int | None:
        """The first line of the annex: its 附件 label, or the headings above the first task."""
        for i in range(1, end):
            if ANNEX_LABEL.match(self.norm[i - 1]):
                return i
        first_task = next(
            (i for i in range(1, end) if self.task_at(i) and self.looks_like_task(i)),
            None,
        )
        if first_task is None:
            return None
        start = first_task
        for i in range(first_task - 1, 0, -1):
            norm = self.norm[i - 1]
            if not norm:
                continue
            if SECTION.match(norm) or SUBSECTION.match(norm):
                start = i
                continue
            break
        return start

    def looks_like_task(self, i: int) -> bool:
        """A numbered line is a task if some unit list follows before the next heading."""
        for j in range(i, min(i + 40, len(self.lines)) + 1):
            norm = self.norm[j - 1]
            if j > i and (self.task_at(j) or SECTION.match(norm) or SUBSECTION.match(norm)):
                return False
            if unit_lists.find_unit_list(norm) or UNIT_LINE.match(norm):
                return True
        return False

    # -- header and body ----------------------------------------------------------------
    def parse_front(self, start: int, stop: int) -> None:
        lines = self.nonblank(start, stop)
        notice = self.notice
        i = 0
        # 文号 (doc number) in the first lines.
        if (
            lines
            and DOC_NUMBER.search(self.norm[lines[0] - 1])
            and len(self.lines[lines[0] - 1]) < 40
        ):
            notice.doc_number = self.lines[lines[0] - 1]
            self.block("doc_number", lines[0], lines[0])
            i = 1
        # Title: lines up to the addressee line (ends with ：) or the first heading.
        title_lines: list[int] = []
        while i < len(lines):
            norm = self.norm[lines[i] - 1]
            if norm.endswith(":") or SECTION.match(norm) or SUBSECTION.match(norm):
                break
            if norm.endswith("。") or len(title_lines) >= 6:
                break
            title_lines.append(lines[i])
            i += 1
        if title_lines:
            notice.title = "".join(self.lines[n - 1] for n in title_lines)
            self.block("title", title_lines[0], title_lines[-1])
        if i < len(lines) and self.norm[lines[i] - 1].endswith(":"):
            addressee_line = lines[i]
            notice.addressees = unit_lists.split_names(self.lines[addressee_line - 1][:-1], "，,")
            self.block("addressees", addressee_line, addressee_line)
            i += 1
        body = lines[i:]
        self.parse_body(body)
        if notice.issuer is None and notice.title and "关于" in normalise(notice.title):
            notice.issuer = notice.title[: normalise(notice.title).index("关于")] or None

    def parse_body(self, body: list[int]) -> None:
        notice = self.notice
        for n in body:
            text, norm = self.lines[n - 1], self.norm[n - 1]
            if m := SECTION.match(norm):
                self.block("section", n, n, from_chinese(m.group(1)))
            elif m := SUBSECTION.match(norm):
                self.block("item", n, n, from_chinese(m.group(1)))
            elif ANNEX_REF.match(norm):
                self.block("annex_ref", n, n)
            elif m := DATE_LINE.match(norm):
                notice.date = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
                self.block("date", n, n)
            elif CONTACT.match(norm):
                notice.contact = text
                self.block("contact", n, n)
            elif self.is_signature(n, body):
                notice.signature = text
                notice.issuer = text
                self.block("signature", n, n)
            else:
                self.block("paragraph", n, n)

    def is_signature(self, n: int, body: list[int]) -> bool:
        """The issuing office's name alone on the line just above the date line."""
        later = [m for m in body if m > n]
        if not later or not DATE_LINE.match(self.norm[later[0] - 1]):
            return False
        norm = self.norm[n - 1]
        return len(norm) <= 40 and not re.search(r"[,.;:。，；：]", norm)

    # -- annex --------------------------------------------------------------------------
    def parse_annex(self, start: int, stop: int) -> None:
        notice = self.notice
        part: int | None = None
        clause: int | None = None
        seen_task_lines: dict[int, int] = {}
        lines = self.nonblank(start, stop)
        k = 0
        if lines and ANNEX_LABEL.match(self.norm[lines[0] - 1]):
            self.block("annex_label", lines[0], lines[0])
            k = 1
            if k < len(lines) and not self.is_structural(lines[k]):
                notice.annex_title = self.lines[lines[k] - 1]
                self.block("annex_title", lines[k], lines[k])
                k += 1
        while k < len(lines):
            n = lines[k]
            norm = self.norm[n - 1]
            if m := SECTION.match(norm):
                part = from_chinese(m.group(1))
                clause = None
                notice.parts.append(RawHeading(part, n, _title(self.lines[n - 1], m.start(2))))
                self.block("part", n, n, part)
                k += 1
            elif m := SUBSECTION.match(norm):
                clause = from_chinese(m.group(1))
                title = _title(self.lines[n - 1], m.start(2))
                notice.clauses.append(RawHeading(clause, n, title, part))
                self.block("clause", n, n, clause)
                k += 1
            elif self.task_at(n):
                k = self.parse_task(lines, k, part, clause, seen_task_lines)
            else:
                self.problem(
                    n,
                    f"cannot place '{_short(self.lines[n - 1])}' (not a part, clause, task or "
                    "unit list); it is kept as a paragraph of the annex",
                    "warning",
                )
                self.block("other", n, n)
                k += 1

    def is_structural(self, n: int) -> bool:
        norm = self.norm[n - 1]
        return bool(SECTION.match(norm) or SUBSECTION.match(norm) or self.task_at(n))

    def parse_task(self, lines, k, part, clause, seen: dict[int, int]) -> int:
        """Read one task from lines[k]; return the index of the next line to read."""
        first = lines[k]
        m = self.task_at(first)
        number = int(m["num"] or m["pnum"])
        body_start = m.start("text")
        # The task runs until its unit list ends it, or the next heading or task.
        members = [first]
        j = k
        while j + 1 < len(lines):
            if unit_lists.find_unit_list("".join(self.norm[n - 1] for n in members)):
                break
            nxt = lines[j + 1]
            if UNIT_LINE.match(self.norm[nxt - 1]):
                # Its unit lines (责任单位：… or 牵头单位：… / 配合单位：…) end the task.
                while j + 1 < len(lines) and UNIT_LINE.match(self.norm[lines[j + 1] - 1]):
                    members.append(lines[j + 1])
                    j += 1
                break
            if self.is_structural(nxt):
                break
            members.append(nxt)
            j += 1
        raw_text = "".join(self.lines[n - 1] for n in members)
        norm_text = "".join(self.norm[n - 1] for n in members)
        self.block("task", first, members[-1], number)
        if number in seen:
            self.problem(
                first,
                f"task {number}: duplicate task number (first at line {seen[number]}); "
                "renumber one of them",
            )
        seen.setdefault(number, first)
        task_text, units, lead, note = self.split_units(number, first, members, raw_text, norm_text)
        self.notice.tasks.append(
            RawTask(
                number=number,
                line=first,
                part=part,
                clause=clause,
                text=task_text[body_start:].strip() if task_text else "",
                units=units,
                lead=lead,
                unit_note=note,
                raw=raw_text,
            )
        )
        if note and "牵头" in normalise(note) and not self.notice.lead_rule:
            self.notice.lead_rule = re.sub(r"^(备注|注)\s*[:：]\s*", "", note)
        return j + 1

    def split_units(self, number, first, members, raw_text, norm_text):
        """The task's text, its units as written, its lead units and any note."""
        unit_line_start = next((n for n in members[1:] if UNIT_LINE.match(self.norm[n - 1])), None)
        if unit_line_start is not None:
            offset = sum(len(self.lines[n - 1]) for n in members if n < unit_line_start)
            text = raw_text[:offset]
            parts = [self.lines[n - 1] for n in members if n >= unit_line_start]
            body_raw = "；".join(parts)
            found = unit_lists.UnitList(body_raw, normalise(body_raw))
        else:
            found = unit_lists.find_unit_list(norm_text)
            if found is None:
                if _opens_unit_list(norm_text):
                    start = norm_text.rindex("(")
                    self.problem(
                        members[-1],
                        f"task {number}: the unit list '{_short(raw_text[start:])}' has no "
                        "closing '）'; close it at the end of the unit list",
                    )
                else:
                    self.problem(
                        first,
                        f"task {number}: no responsible unit found; a task with no unit is "
                        "published without one",
                        "warning",
                    )
                return raw_text, [], [], ""
            text = raw_text[: found.start]
            found = unit_lists.UnitList(
                raw_text[found.start + 1 : found.end - 1],
                norm_text[found.start + 1 : found.end - 1],
            )
        try:
            units, lead, note = unit_lists.parse_unit_list(found.raw, found.norm)
        except unit_lists.UnitListError as exc:
            self.problem(first, f"task {number}: {exc}")
            return text, [], [], ""
        return text, units, lead, note

    # -- 抄送 ---------------------------------------------------------------------------
    def parse_cc(self, start: int, stop: int) -> None:
        lines = self.nonblank(start, stop)
        cc_lines = [n for n in lines if not PRINTED.search(self.norm[n - 1])]
        self.block("cc", cc_lines[0], cc_lines[-1])
        text = "".join(self.lines[n - 1] for n in cc_lines)
        norm = normalise(text)
        body = text[norm.index(":") + 1 :].rstrip("。.")
        self.notice.cc = unit_lists.split_names(body, "，,、")
        for n in lines:
            if n not in cc_lines:
                self.block("other", n, n)


def _title(text: str, start: int) -> str:
    return text[start:].strip().rstrip("。.")


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _opens_unit_list(norm: str) -> bool:
    """Whether a unit list '(责任单位:' opens and is never closed."""
    start = max(norm.rfind("(责任单位"), norm.rfind("(牵头单位"), norm.rfind("(主责单位"))
    return start >= 0 and ")" not in norm[start:]
