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
from . import messages as say
from . import tables
from . import units as unit_lists

CN_DIGITS = "零〇一二三四五六七八九十百千万"
_CN = f"[{CN_DIGITS}]+"

DOC_NUMBER = re.compile(r"\S*[〔\[]\d{4}[〕\]]\s*\d+\s*号")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
SECTION = re.compile(rf"^({_CN})\s*[、.]\s*(.*)$")  # 一、 : a body section or an annex part
SUBSECTION = re.compile(rf"^\(({_CN})\)\s*(.*)$")  # （一） : a body item or an annex clause
# 1． 1、 1. （1） 1）, and ① … ⑳ (which normalise to 1 … 20: told apart on the raw text)
TASK = re.compile(r"^(?:(?P<num>\d{1,5})\s*(?P<sep>[.、)])|\((?P<pnum>\d{1,5})\))\s*(?P<text>.*)$")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CIRCLED_TASK = re.compile(rf"^(?P<num>[{CIRCLED}])\s*(?P<text>.*)$")
ANNEX_LABEL = re.compile(r"^附件\s*\d*\s*:?$")
ANNEX_REF = re.compile(r"^附件\s*\d*\s*:\s*\S")
CC = re.compile(r"^抄送\s*:")
CONTACT = re.compile(r"^\(?\s*联系人\s*:")
UNIT_LINE = re.compile(
    r"^〔?(牵头责任单位|协同责任单位|配合责任单位|责任单位|牵头单位|主责单位|负责单位|配合单位|"
    r"参与单位|协同单位|协办单位|责任部门|牵头部门|配合部门|指导单位|指导部门|实施单位|落实单位|"
    r"部门分工)"
    r"\s*:"
)
# 牵头负责领导：<person> names people, never units: they are the task's leaders.
LEADER_LINE = re.compile(
    r"^〔?(牵头负责领导|牵头领导|责任领导|分管领导|分管省领导|分管市领导|分管县领导|分管区领导|"
    r"联系领导|负责领导|责任市领导|责任区领导|"
    r"责任县领导|市领导|区领导|县领导)\s*:\s*"
)
DEADLINE_LINE = re.compile(r"^〔?(完成时限|完成时间|时间节点|时限要求|完成期限)\s*:\s*")
PRINTED = re.compile(r"印发$")
# A numbered item inside a line, after a space or a sentence's end: 。 2、固定资产投资…
_RUN_ON_ITEM = re.compile(r"(?:^|[\s。;:])(\d{1,3})\s*[、.](?!\d)")
# A paragraph indent of ideographic spaces that a copy saved in a narrower encoding turned
# into question marks (??一、…): it is no text of the notice.
_LOST_INDENT = re.compile(r"^[?？]{2,4}(?=[^?？])")
MASTHEAD = re.compile(r"^[^\s,.;:。，；：、()]{2,30}文件$")


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
    roles: list[str] = field(default_factory=list)  # one role for each unit (units.ROLES)
    marked_lead: bool = False  # the notice marks this task's lead (牵头) itself
    leaders: list[str] = field(default_factory=list)  # people (牵头负责领导), never units
    open_ended: str = ""  # 等 / 等有关部门: the unit list is not exhaustive
    numbered: bool = True  # False: the notice did not number it; the number is our count
    deadline: str = ""  # a 完成时限 line or cell, as written
    published: int | None = None  # the number as published, where it is not `number`
    notes: list[tuple[str, str]] = field(default_factory=list)  # (header, cell) kept as written


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
    lead_rule_line: int | None = None
    # "first" where the notice states no lead rule and the office applied --lead-rule first
    lead_policy: str = ""
    layout: str = ""  # how the tasks are written: numbered, clause, section, table
    blocks: list[RawBlock] = field(default_factory=list)
    parts: list[RawHeading] = field(default_factory=list)
    clauses: list[RawHeading] = field(default_factory=list)
    tasks: list[RawTask] = field(default_factory=list)


# Who leads where the notice marks no lead: "stated" follows the notice's own lead rule
# (列第一位者为牵头单位) and leaves the lead empty without one; "first" applies the
# first-listed rule to every task, as an office may decide to.
LEAD_POLICIES = ("stated", "first")


def parse(
    lines: list[str], shown_as: str, lead_policy: str = "stated"
) -> tuple[ParsedNotice, list[Problem]]:
    """Parse a notice; raise ProblemsFound on structural errors, return warnings."""
    parser = _Parser(lines, shown_as)
    parser.lead_policy = lead_policy
    parser.run()
    errors = [p for p in parser.problems if p.severity == "error"]
    if errors:
        raise ProblemsFound(parser.problems)
    return parser.notice, parser.problems


class _Parser:
    def __init__(self, lines: list[str], shown_as: str):
        self.lines = [_LOST_INDENT.sub("", line.strip()).strip() for line in lines]
        self.raw = lines  # tables read these: a tab at a row's start is an empty cell
        self.norm = [normalise(line) for line in self.lines]
        self.path = shown_as
        self.notice = ParsedNotice()
        self.problems: list[Problem] = []
        self.mode = "numbered"
        self.lead_policy = "stated"
        self._looks: dict[int, bool] = {}
        self.restarts: list[int] = []  # lines where the published task numbers start again
        self.table_part: int | None = None
        self.table_clause: int | None = None
        self.next_number: int | None = None  # the published number the next task would take
        # The units a heading gives the tasks under it (一、县示范区管委会牵头工作).
        self.group: unit_lists.Units | None = None
        self.part_group: unit_lists.Units | None = None

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
        if self.lines[n - 1][:1] in CIRCLED and self.lines[n - 1]:
            return CIRCLED_TASK.match(self.lines[n - 1])
        m = TASK.match(self.norm[n - 1])
        ascii_dot = m is not None and m["sep"] and self.lines[n - 1][m.start("sep")] == "."
        if ascii_dot and self.norm[n - 1][m.end("sep") : m.end("sep") + 1].isdigit():
            # Unless it is the next task's number: 11.121人才梯队项目 after task 10.
            return m if self.next_number == int(m["num"]) else None
        return m

    def marker_at(self, n: int) -> tuple[int, int] | None:
        """(published number, offset of the text) when line n starts a task, in the layout
        the notice uses: Arabic-numbered items, or clauses （一）, or sections 一、 that
        close with their units."""
        if self.mode == "numbered":
            m = self.task_at(n)
            return (_task_number(m), m.start("text")) if m else None
        pattern = SUBSECTION if self.mode == "clause" else SECTION
        m = pattern.match(self.norm[n - 1])
        if m and self.looks_like_task(n):
            return from_chinese(m.group(1)), m.start(2)
        return None

    def detect_mode(self, start: int, end: int) -> str:
        """Tasks are the Arabic-numbered items; where there are none, the clauses （一）
        that end in a unit list; where there are none, the sections 一、 that do."""
        for mode, test in (
            ("numbered", self.task_at),
            ("clause", lambda i: SUBSECTION.match(self.norm[i - 1])),
            ("section", lambda i: SECTION.match(self.norm[i - 1])),
        ):
            if any(test(i) and self.looks_like_task(i) for i in range(start, end)):
                return mode
        return "numbered"

    def nonblank(self, start: int, stop: int) -> list[int]:
        """1-based numbers of the non-blank lines in [start, stop)."""
        return [i for i in range(start, stop) if self.lines[i - 1]]

    # -- the document -------------------------------------------------------------------
    def run(self) -> None:
        count = len(self.lines)
        cc_line = next((i for i in range(1, count + 1) if CC.match(self.norm[i - 1])), None)
        end = cc_line or count + 1
        table = tables.find_table(self.raw[: end - 1])
        if table is not None:
            self.parse_tables(table, end)
            if cc_line:
                self.parse_cc(cc_line, count + 1)
            self.renumber()
            self.check_headings()
            self.assign_leads()
            if not self.notice.tasks and not self.problems:
                self.problem(table.header_line, say.PARSE_NO_TASKS_IN_TABLE)
            return
        annex_start = self.find_annex_start(end)
        if annex_start is None:
            if run_on := self.run_on_line():
                line, count = run_on
                self.problem(line, say.PARSE_RUN_ON.format(count=count))
                return
            self.problem(1, say.PARSE_NO_TASKS)
            return
        self.notice.layout = self.mode
        self.parse_front(1, annex_start)
        self.parse_annex(annex_start, end)
        if cc_line:
            self.parse_cc(cc_line, count + 1)
        self.renumber()
        self.check_headings()
        self.assign_leads()
        if not self.notice.tasks and not self.problems:
            self.problem(1, say.PARSE_NO_TASKS)

    def run_on_line(self) -> tuple[int, int] | None:
        """(line, count) of the first line holding three or more numbered items 1、2、3、
        in order, run together: a notice whose paragraph breaks were lost."""
        for i, norm in enumerate(self.norm, start=1):
            numbers = [int(m[1]) for m in _RUN_ON_ITEM.finditer(norm)]
            run = 0
            for number in numbers:
                run = run + 1 if number == run + 1 else (1 if number == 1 else run)
            if run >= 3:
                return i, run
        return None

    def find_annex_start(self, end: int) -> int | None:
        """The first line of the annex: its 附件 label, or the headings above the first task."""
        for i in range(1, end):
            if ANNEX_LABEL.match(self.norm[i - 1]):
                self.mode = self.detect_mode(i, end)
                return i
        self.mode = self.detect_mode(1, end)
        first_task = next((i for i in range(1, end) if self.marker_at(i)), None)
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
        return self.first_part(start)

    def first_part(self, start: int) -> int:
        """Where the annex's parts begin: a first task under 二、 belongs to an annex whose
        一、 (with clauses but no tasks) comes earlier, numbered without a gap."""
        m = SECTION.match(self.norm[start - 1])
        if not m:
            return start
        want = from_chinese(m.group(1)) - 1
        found = start
        for i in range(start - 1, 0, -1):
            if want < 1:
                break
            if mm := SECTION.match(self.norm[i - 1]):
                if from_chinese(mm.group(1)) != want:
                    return start
                found, want = i, want - 1
        return found if want < 1 else start

    def looks_like_task(self, i: int) -> bool:
        """A numbered line is a task if some unit list follows before the next heading."""
        if i in self._looks:
            return self._looks[i]
        result = False
        for j in range(i, min(i + 40, len(self.lines)) + 1):
            norm = self.norm[j - 1]
            if j > i and (self.task_at(j) or SECTION.match(norm) or SUBSECTION.match(norm)):
                break
            if unit_lists.find_unit_list(norm) or self.is_attached(j):
                result = True
                break
            if j > i and self.unit_first(j):
                result = True  # a paragraph under it opens with its units: 市规划局负责…
                break
        if not result and (start := self.text_start(i)) is not None:
            # A task whose sentence opens with its units: 1．市城乡规划局负责…, unless the
            # line is a heading that names the units of the tasks under it.
            line, norm = self.lines[i - 1][start:], self.norm[i - 1][start:]
            result = unit_lists.read_unit_first(line, norm) is not None and (
                unit_lists.read_group_heading(line, norm) is None
            )
        if not result and self.task_at(i):
            # 1．… under 一、县示范区管委会牵头工作: the heading gives it its units.
            result = self.group_above(i) is not None
        self._looks[i] = result
        return result

    def group_above(self, i: int) -> unit_lists.Units | None:
        """The units the nearest heading above line i gives the tasks under it, if any."""
        for j in range(i - 1, 0, -1):
            norm = self.norm[j - 1]
            if m := SECTION.match(norm) or SUBSECTION.match(norm):
                return unit_lists.read_group_heading(
                    self.lines[j - 1][m.start(2) :], norm[m.start(2) :]
                )
        return None

    def text_start(self, i: int) -> int | None:
        """Where the text after line i's number (1． （一） 一、) starts, if it has one."""
        if m := self.task_at(i):
            return m.start("text")
        if m := SUBSECTION.match(self.norm[i - 1]) or SECTION.match(self.norm[i - 1]):
            return m.start(2)
        return None

    # -- header and body ----------------------------------------------------------------
    def parse_front(self, start: int, stop: int) -> None:
        lines = self.nonblank(start, stop)
        notice = self.notice
        i = 0
        # The masthead (发文机关标志, 鞍山市立山区人民政府文件) above the 文号 is not the title.
        if (
            len(lines) > 1
            and MASTHEAD.match(self.norm[lines[0] - 1])
            and DOC_NUMBER.fullmatch(self.norm[lines[1] - 1])
        ):
            self.block("masthead", lines[0], lines[0])
            i = 1
        # 文号 (doc number) in the first lines.
        if (
            i < len(lines)
            and DOC_NUMBER.search(self.norm[lines[i] - 1])
            and len(self.lines[lines[i] - 1]) < 40
        ):
            notice.doc_number = self.lines[lines[i] - 1]
            self.block("doc_number", lines[i], lines[i])
            i += 1
        # Title: lines up to the addressee line (ends with ：) or the first heading.
        title_lines: list[int] = []
        while i < len(lines):
            norm = self.norm[lines[i] - 1]
            if norm.endswith(":") or SECTION.match(norm) or SUBSECTION.match(norm):
                break
            if title_lines and DATE_LINE.match(norm):
                break  # a sheet's head: 文号, title, date (spreadsheet.py)
            if norm.endswith("。") or len(title_lines) >= 6:
                break
            if title_lines and DOC_NUMBER.fullmatch(norm) and notice.doc_number is None:
                # 文号 under the title, as the State Council's pages print it.
                notice.doc_number = self.lines[lines[i] - 1]
                self.block("doc_number", lines[i], lines[i])
                i += 1
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
            marker = self.marker_at(n)
            if marker is not None and self.mode != "numbered":
                # A clause (or section) that is itself a task: its title, if it has one,
                # is the clause's; the task is numbered in order of appearance.
                published, body_start = marker
                text = self.lines[n - 1][body_start:]
                title = _first_sentence(text)
                if self.mode == "section" and self.heads_paragraphs(lines, k):
                    # 一、职责分工 over paragraphs that are tasks: a part.
                    part, clause = published, None
                    notice.parts.append(RawHeading(part, n, _title(text, 0)))
                    self.block("part", n, n, part)
                    k += 1
                    continue
                if self.mode == "clause" and self.heads_paragraphs(lines, k):
                    # （一）推动经济稳定健康发展，必须…作用。 alone on its line, the tasks in
                    # the paragraphs under it: the clause is their heading.
                    notice.clauses.append(RawHeading(published, n, _title(text, 0), part))
                    self.block("clause", n, n, published)
                    clause = published
                    k += 1
                    continue
                if self.mode == "clause" and title:
                    clause = published
                    notice.clauses.append(RawHeading(published, n, title, part))
                k = self.parse_task(lines, k, part, clause, seen_task_lines, None, body_start)
            elif marker is not None:
                k = self.parse_task(lines, k, part, clause, seen_task_lines, *marker)
            elif (m := SECTION.match(norm)) and self.mode != "section":
                # (Where the sections are the tasks, a section without units is not a part.)
                part = from_chinese(m.group(1))
                clause = None
                self.group = self.heading_group(n, m.start(2))
                notice.parts.append(RawHeading(part, n, _title(self.lines[n - 1], m.start(2))))
                self.block("part", n, n, part)
                k += 1
            elif m := SUBSECTION.match(norm):
                clause = from_chinese(m.group(1))
                self.group = self.heading_group(n, m.start(2)) or self.part_group
                # （一）标题。导语…实施如下重点项目： the clause's title is its first sentence.
                text = self.lines[n - 1][m.start(2) :]
                title = _first_sentence(text) or _title(self.lines[n - 1], m.start(2))
                notice.clauses.append(RawHeading(clause, n, title, part))
                self.block("clause", n, n, clause)
                k += 1
            elif self.mode != "numbered" and (
                unit_lists.find_unit_list(norm) or self.unit_first(n)
            ):
                # An unnumbered paragraph that closes tasks with unit lists, or that opens
                # with its units (市城乡规划局负责…).
                k = self.parse_task(lines, k, part, clause, seen_task_lines, None, 0)
            elif (m := DATE_LINE.match(norm)) and self.notice.tasks:
                # A notice without an annex ends with its signature and date.
                if not self.notice.date:
                    self.notice.date = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
                self.block("date", n, n)
                k += 1
            elif (
                self.notice.tasks
                and k + 1 < len(lines)
                and DATE_LINE.match(self.norm[lines[k + 1] - 1])
                and len(norm) <= 40
                and not re.search(r"[,.;:。，；：]", norm)
            ):
                if not self.notice.signature:
                    self.notice.signature = self.lines[n - 1]
                    self.notice.issuer = self.notice.issuer or self.lines[n - 1]
                self.block("signature", n, n)
                k += 1
            else:
                self.problem(
                    n, say.PARSE_CANNOT_PLACE.format(text=_short(self.lines[n - 1])), "warning"
                )
                self.block("other", n, n)
                k += 1

    def unit_first(self, n: int) -> bool:
        """Whether line n, unnumbered, is a paragraph that opens with its units."""
        if self.text_start(n) is not None or self.is_attached(n):
            return False
        return unit_lists.read_unit_first(self.lines[n - 1], self.norm[n - 1]) is not None

    def heads_paragraphs(self, lines: list[int], k: int) -> bool:
        """Whether the clause at lines[k] is one finished sentence with no unit list, and
        the next paragraph is unnumbered and closes a task with its own unit list."""
        norm = self.norm[lines[k] - 1]
        titled = len(norm) <= 40 and not re.search(r"[。;]", norm)  # 一、职责分工
        sentence = norm.endswith(("。", ":")) and "。" not in norm[:-1]
        if not (titled or sentence) or k + 1 >= len(lines):
            return False
        if unit_lists.find_unit_list(norm):
            return False
        nxt = lines[k + 1]
        return not self.is_structural(nxt) and (
            bool(unit_lists.find_all_unit_lists(self.norm[nxt - 1])) or self.unit_first(nxt)
        )

    def heading_group(self, n: int, start: int) -> unit_lists.Units | None:
        """The units a part or clause heading at line n gives the tasks under it (一、县示范区
        管委会牵头工作); a part's hold for its clauses that name none."""
        found = unit_lists.read_group_heading(self.lines[n - 1][start:], self.norm[n - 1][start:])
        if SECTION.match(self.norm[n - 1]):
            self.part_group = found
        return found

    def is_structural(self, n: int) -> bool:
        norm = self.norm[n - 1]
        return bool(SECTION.match(norm) or SUBSECTION.match(norm) or self.task_at(n))

    def is_attached(self, n: int) -> bool:
        """A labelled line that belongs to the task above it: units, leaders, deadline."""
        norm = self.norm[n - 1]
        return bool(UNIT_LINE.match(norm) or LEADER_LINE.match(norm) or DEADLINE_LINE.match(norm))

    def parse_task(self, lines, k, part, clause, seen, number, body_start) -> int:
        """Read one task (or, for an unnumbered paragraph, every task it closes) from
        lines[k]; return the index of the next line to read. number None: not published."""
        first = lines[k]
        if number is not None:
            self.next_number = number + 1
        # The task runs until its unit list ends it, or the next heading or task.
        members = [first]
        j = k
        while j + 1 < len(lines):
            if unit_lists.find_unit_list("".join(self.norm[n - 1] for n in members)):
                break
            nxt = lines[j + 1]
            if self.is_attached(nxt):
                break
            if self.mode != "numbered" and self.unit_first(nxt):
                break  # the next paragraph is a task of its own: 市住建局负责…
            if self.is_structural(nxt):
                sub_items = self.sub_items(lines, j + 1, first)
                if not sub_items:
                    break
                members += sub_items
                j += len(sub_items)
                break
            members.append(nxt)
            j += 1
        # Its labelled lines (责任单位：…, 牵头单位：… / 配合单位：…, 牵头负责领导：…,
        # 完成时限：…) follow it and end it.
        attached = []
        while j + 1 < len(lines) and self.is_attached(lines[j + 1]):
            attached.append(lines[j + 1])
            j += 1
        raw_text = "".join(self.lines[n - 1] for n in members)
        norm_text = "".join(self.norm[n - 1] for n in members)
        self.check_number(number, first, seen)
        pieces = [(raw_text, norm_text)]
        if number is None and not attached:
            pieces = _split_tasks(raw_text, norm_text)
        for index, (piece_raw, piece_norm) in enumerate(pieces):
            task_number = number if number is not None else len(self.notice.tasks) + 1
            if index == 0:
                last = attached[-1] if attached else members[-1]
                self.block("task", first, last, task_number)
            task = self.read_task(
                task_number,
                first,
                members,
                attached,
                piece_raw,
                piece_norm,
                part,
                clause,
                body_start if index == 0 else 0,
            )
            task.text = task.text[body_start if index == 0 else 0 :].strip()
            task.numbered = number is not None or (self.mode != "numbered" and index == 0)
            self.notice.tasks.append(task)
        return j + 1

    def marker_kind(self, n: int) -> str:
        """How line n is numbered: 一、 (section), （一） (clause), 1． (.), 1、, 1）, （1）
        (paren), ① (circled); "" when it is not."""
        norm = self.norm[n - 1]
        if SECTION.match(norm):
            return "section"
        if SUBSECTION.match(norm):
            return "clause"
        if m := self.task_at(n):
            if self.lines[n - 1][:1] in CIRCLED:
                return "circled"
            return "paren" if m["pnum"] else m["sep"]
        return ""

    def sub_items(self, lines: list[int], k: int, first: int) -> list[int]:
        """The lines from lines[k] on that are the numbered sub-items of the task at line
        `first` ((1)…(4) under 1．), when a 责任单位： line after them covers the whole task:
        numbered otherwise than the task, none with a unit list of its own. [] otherwise."""
        kind = self.marker_kind(first)
        found: list[int] = []
        for n in lines[k:]:
            norm = self.norm[n - 1]
            if UNIT_LINE.match(norm):
                return found if found else []
            if self.is_attached(n) or unit_lists.find_unit_list(norm):
                return []
            sub = self.marker_kind(n)
            if sub and (sub == kind or sub in ("section", "clause")):
                return []
            if not found and not sub:
                return []
            found.append(n)
        return []

    def read_task(
        self, number, first, members, attached, raw_text, norm_text, part, clause, body_start=0
    ):
        task = RawTask(
            number=number,
            line=first,
            part=part,
            clause=clause,
            text=raw_text,
            units=[],
            lead=[],
            unit_note="",
            raw="".join(self.lines[n - 1] for n in [*members, *attached]),
        )
        unit_lines = [n for n in attached if UNIT_LINE.match(self.norm[n - 1])]
        for n in attached:
            norm = self.norm[n - 1]
            if m := LEADER_LINE.match(norm):
                names = self.lines[n - 1][m.end() :].strip().rstrip("。.；;")
                task.leaders += [x for x in unit_lists.split_names(names, "、,，") if x]
            elif m := DEADLINE_LINE.match(norm):
                task.deadline = _unbracket(self.lines[n - 1])[m.end() - (norm[0] == "〔") :]
        if unit_lines:
            body_raw = "；".join(_unbracket(self.lines[n - 1]) for n in unit_lines)
            found = unit_lists.UnitList(body_raw, normalise(body_raw))
        else:
            found = unit_lists.find_unit_list(norm_text)
            if found is None and (
                units := unit_lists.read_unit_first(raw_text[body_start:], norm_text[body_start:])
            ):
                # 市城乡规划局负责…: the units are the sentence's subject; the text stays whole.
                self.take_units(task, units, first)
                return task
            if found is None and self.group is not None:
                # Under 一、县示范区管委会牵头工作: the heading names the task's units.
                group = unit_lists.Units(list(self.group.names), list(self.group.roles))
                self.take_units(task, group, first)
                return task
            if found is None:
                if _opens_unit_list(norm_text):
                    start = norm_text.rindex("(")
                    # Imported as written, without units: a typo in a published notice
                    # must not stop the whole import (issue #26).
                    self.problem(
                        members[-1],
                        say.PARSE_UNCLOSED.format(number=number, units=_short(raw_text[start:])),
                        "warning",
                    )
                else:
                    self.problem(first, say.PARSE_NO_UNIT.format(number=number), "warning")
                return task
            task.text = raw_text[: found.start]
            found = unit_lists.UnitList(
                raw_text[found.start + 1 : found.end - 1],
                norm_text[found.start + 1 : found.end - 1],
            )
        try:
            units = unit_lists.read_unit_list(found.raw, found.norm)
        except unit_lists.UnitListError as exc:
            self.problem(first, say.PARSE_UNIT_LIST_BAD.format(number=number, why=exc), "warning")
            return task
        self.take_units(task, units, first)
        return task

    def take_units(self, task: RawTask, units: unit_lists.Units, first: int) -> None:
        for warning in units.warnings:
            self.problem(
                first, say.PARSE_TASK.format(number=task.number, message=warning), "warning"
            )
        task.units, task.roles = units.names, units.roles
        task.lead = units.marked_lead
        task.marked_lead = bool(units.marked_lead)
        task.unit_note, task.open_ended = units.note, units.open_ended
        task.leaders += [name for name in units.leaders if name not in task.leaders]
        if units.lead_rule and not self.notice.lead_rule:
            self.notice.lead_rule = units.lead_rule
            self.notice.lead_rule_line = first
        elif units.note and "牵头" in normalise(units.note) and not self.notice.lead_rule:
            self.notice.lead_rule = re.sub(r"^(备注|注)\s*[:：]\s*", "", units.note)
            self.notice.lead_rule_line = first

    def assign_leads(self) -> None:
        """Each task's lead: as marked (牵头); else by the notice's lead rule, or by the
        office's --lead-rule first; else none (未明确牵头单位)."""
        if not self.notice.lead_rule:
            self.find_lead_rule_in_prose()
        first_leads = bool(self.notice.lead_rule) or self.lead_policy == "first"
        for task in self.notice.tasks:
            if task.marked_lead or not task.units:
                continue
            task.lead = task.units[:1] if first_leads else []
            if first_leads and task.roles:
                # The unit that leads is 牵头 whichever rule made it lead: its ledger and
                # page must not call it 负责 while the site counts its task as led.
                task.roles[0] = unit_lists.LEAD
            if first_leads and not self.notice.lead_rule:
                self.notice.lead_policy = "first"

    def find_lead_rule_in_prose(self) -> None:
        """The notice's lead rule in a paragraph or a parenthesis of its own (排在第一位的
        部门为牵头部门，下同), in any words units.LEAD_RULE_GRAMMAR reads."""
        for i, norm in enumerate(self.norm, start=1):
            if "牵头" not in norm:
                continue
            if rule := unit_lists.find_lead_rule(norm):
                start, end = rule
                self.notice.lead_rule = self.lines[i - 1][start:end].strip("（(）) ，,；;")
                self.notice.lead_rule_line = i
                return

    # -- tables -------------------------------------------------------------------------
    def parse_tables(self, table: tables.Table, end: int) -> None:
        """The annex as one or more tables; the lines between them are headings."""
        notice = self.notice
        self.mode = notice.layout = "table"
        label = next(
            (i for i in range(1, table.header_line) if ANNEX_LABEL.match(self.norm[i - 1])),
            None,
        )
        self.parse_front(1, label or table.header_line)
        if label:
            self.block("annex_label", label, label)
            for i in self.nonblank(label + 1, table.header_line):
                if notice.annex_title is None:
                    notice.annex_title = self.lines[i - 1]
                    self.block("annex_title", i, i)
                else:
                    self.heading_line(i)
        seen: dict[int, int] = {}
        while table is not None:
            self.block("table_header", table.header_line, table.header_end)
            if not self.check_header(table):
                return
            for header in table.headers:  # 责任单位（排在第一位的为牵头单位）
                note = re.search(r"[(（〔](.*)[)）〕]", header)
                rule = note and unit_lists.is_lead_rule(normalise(note[1]))
                if rule and not notice.lead_rule:
                    notice.lead_rule, notice.lead_rule_line = note[1], table.header_line
            tables.read_rows(table, self.raw, end)
            for line, why in table.unread:  # cells glued with no separator, not certain
                self.problem(line, say.PARSE_GLUED.format(why=why), "warning")
            rows = [item for item in table.items if isinstance(item, tables.Row)]
            self.check_unit_columns(table, rows)
            for item in table.items:
                if isinstance(item, tables.Heading):
                    self.heading_line(item.line, item.text)
                elif isinstance(item, tables.Repeat):
                    self.block("table_header", item.line, item.end_line)
                else:
                    self.table_task(item, seen)
            following = tables.find_table(self.raw[: end - 1], max(table.end, table.header_end + 1))
            stop = following.header_line if following else end
            for i in self.nonblank(max(table.end, table.header_end + 1), stop):
                if self.notice.blocks and i <= self.notice.blocks[-1].end_line:
                    continue
                self.heading_line(i)
            table = following

    def check_header(self, table: tables.Table) -> bool:
        if table.transposed:
            self.problem(table.header_line, say.PARSE_MATRIX)
            return False
        if "text" not in table.columns:
            found = "、".join(h for h in table.headers if h)
            self.problem(table.header_line, say.PARSE_NO_TASK_COLUMN.format(found=found))
            return False
        return True

    def check_unit_columns(self, table: tables.Table, rows: list[tables.Row]) -> None:
        """A unit column whose cells never hold a unit name is a misread table."""
        for column in tables.UNIT_COLUMNS:
            cells = [row.cells[column] for row in rows if row.cells.get(column)]
            if not cells:
                continue
            names = [
                name for cell in cells for name in unit_lists.split_names(normalise(cell)) if name
            ]
            if names and not any(unit_lists.unit_shaped(name) for name in names):
                header = table.headers[table.columns.index(column)]
                example = _short(cells[0], 20)
                self.problem(
                    table.header_line,
                    say.PARSE_COLUMN_NOT_UNITS.format(header=header, example=example),
                )

    def heading_line(self, n: int, text: str | None = None, block: bool = True) -> None:
        """A line (or merged cell) between rows: a part, a clause, or a group heading."""
        text = text if text is not None else self.lines[n - 1]
        norm = normalise(text.strip())
        if m := SECTION.match(norm):
            number = from_chinese(m.group(1))
            self.table_part = number
            self.table_clause = None
            self.notice.parts.append(RawHeading(number, n, _title(text.strip(), m.start(2))))
            self.block("part", n, n, number)
        elif m := SUBSECTION.match(norm):
            number = from_chinese(m.group(1))
            self.table_clause = number
            title = _title(text.strip(), m.start(2))
            self.notice.clauses.append(RawHeading(number, n, title, self.table_part))
            self.block("clause", n, n, number)
        elif (m := DATE_LINE.match(norm)) or not norm:
            self.block("date" if m else "other", n, n)
        elif len(norm) <= 40 and not re.search(r"[。;]", norm):
            # A group heading (a cell merged across the row, or spanning rows): a part.
            number = len(self.notice.parts) + 1
            self.table_part = number
            self.table_clause = None
            self.notice.parts.append(RawHeading(number, n, text.strip().rstrip("。")))
            if block:
                self.block("part", n, n, number)
        else:
            self.problem(n, say.PARSE_CANNOT_PLACE_ROW.format(text=_short(text)), "warning")
            self.block("other", n, n)

    def table_task(self, row: tables.Row, seen: dict[int, int]) -> None:
        cells = row.cells
        published = cells.get("number", "")
        number = int(normalise(published)) if normalise(published).isdigit() else None
        self.check_number(number, row.line, seen)
        task_number = number if number is not None else len(self.notice.tasks) + 1
        task = RawTask(
            number=task_number,
            line=row.line,
            part=self.table_part,
            clause=self.table_clause,
            text=cells.get("text", "").strip(),
            units=[],
            lead=[],
            unit_note="",
            raw=cells.get("text", ""),
            numbered=number is not None,
        )
        if cells.get("group") and not any(p.title == cells["group"] for p in self.notice.parts):
            # The group cell is on the row's own line: the row's block holds it.
            self.heading_line(row.line, cells["group"], block=False)
            task.part = self.table_part
        if not self.notice.blocks or row.line > self.notice.blocks[-1].end_line:
            # Rows glued onto one line (glued.py) share that line's block.
            self.block("task", row.line, row.end_line, task_number)
        if cells.get("leaders"):
            task.leaders = [n for n in unit_lists.split_names(cells["leaders"], "、,，;；") if n]
        task.deadline = cells.get("deadline", "").strip()
        task.notes = [
            (column.removeprefix(tables.NOTE), text.strip())
            for column, text in cells.items()
            if column.startswith(tables.NOTE) and text.strip()
        ]
        lists: dict[str, unit_lists.Units] = {}
        for column in tables.UNIT_COLUMNS:
            cell = cells.get(column, "").strip()
            if not cell:
                continue
            try:
                lists[column] = unit_lists.read_unit_list(cell, normalise(cell))
            except unit_lists.UnitListError as exc:
                why = say.PARSE_CELL_BAD.format(number=task_number, why=exc)
                self.problem(row.line, why, "warning")
                continue
            for warning in lists[column].warnings:
                said = say.PARSE_TASK.format(number=task_number, message=warning)
                self.problem(row.line, said, "warning")
        names: list[str] = []
        roles: list[str] = []

        def add(name: str, role: str) -> None:
            if name in names:
                if role == unit_lists.LEAD:
                    roles[names.index(name)] = role
                return
            names.append(name)
            roles.append(role)

        lead_names = lists["lead"].names if "lead" in lists else []
        if "responsible" in lists:
            found = lists["responsible"]
            for name in lead_names:
                if name not in found.names:
                    add(name, unit_lists.LEAD)
            for name, role in zip(found.names, found.roles, strict=True):
                add(name, unit_lists.LEAD if name in lead_names else role)
        for name in lead_names:
            add(name, unit_lists.LEAD)
        for column, role in (("partner", unit_lists.PARTNER), ("guiding", unit_lists.GUIDING)):
            for name in lists[column].names if column in lists else []:
                add(name, role)
        task.units, task.roles = names, roles
        task.lead = [n for n, r in zip(names, roles, strict=True) if r == unit_lists.LEAD]
        task.marked_lead = bool(task.lead)
        for found in lists.values():
            task.open_ended = task.open_ended or found.open_ended
            task.unit_note = task.unit_note or found.note
            if found.lead_rule and not self.notice.lead_rule:
                self.notice.lead_rule = found.lead_rule
                self.notice.lead_rule_line = row.line
        if not names:
            self.problem(row.line, say.PARSE_NO_UNIT.format(number=task_number), "warning")
        if task.text:
            self.notice.tasks.append(task)
        else:
            self.problem(row.line, say.PARSE_TASK_CELL_EMPTY.format(number=task_number), "warning")

    def check_number(self, published: int | None, line: int, seen: dict[int, int]) -> None:
        """A published number seen before is a warning: numbering that starts again at 1
        (in a new part or group), or a number printed twice; either way renumber() numbers
        the tasks in order, each keeping its published number."""
        if published is None:
            return
        if published == 1 and seen:
            self.restarts.append(line)
            seen.clear()
        elif published in seen:
            said = say.PARSE_DUPLICATE_NUMBER.format(number=published, first=seen[published])
            self.problem(line, said, "warning")
        seen.setdefault(published, line)

    def renumber(self) -> None:
        """Numbers as published that start again or skip are kept (published_number); the
        tasks are numbered 1, 2, 3 … in order, which the site's pages need."""
        tasks = self.notice.tasks
        numbers = [t.number for t in tasks]
        if numbers == list(range(1, len(tasks) + 1)) or any(
            p.severity == "error" for p in self.problems
        ):
            return
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        if self.restarts:
            what = say.PARSE_NUMBERS_RESTART.format(lines="、".join(map(str, self.restarts[:5])))
        elif missing:
            shown = "、".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
            what = say.PARSE_NUMBERS_SKIP.format(numbers=shown)
        else:
            what = say.PARSE_NUMBERS_DISORDER
        # A number printed twice, and nothing else, was reported at its line (check_number).
        if self.restarts or missing or not twice:
            said = say.PARSE_NUMBERS.format(what=what, count=len(tasks))
            self.problem(tasks[0].line, said, "warning")
        by_line = {b.line: b for b in self.notice.blocks if b.kind == "task"}
        for new, task in enumerate(tasks, start=1):
            if task.numbered and task.published is None:
                task.published = task.number
            if task.line in by_line and by_line[task.line].number == task.number:
                by_line[task.line].number = new
            task.number = new

    def check_headings(self) -> None:
        """Part and clause numbers that skip (a part the notice never printed, or that the
        parser could not see) are kept as published, with a warning at the line after the
        gap: the tasks under them are still the notice's. Numbers that start again (a
        second 一、, a second （一） in one part) are numbered in order, with a warning."""
        self.renumber_restarts()
        self.warn_gaps(self.notice.parts, "part")
        clauses = self.notice.clauses
        numbers = [c.number for c in clauses]
        if len(numbers) == len(set(numbers)):  # numbered across the annex
            self.warn_gaps(clauses, "clause")
        else:  # numbered anew in each part
            for part in dict.fromkeys(c.part for c in clauses):
                self.warn_gaps([c for c in clauses if c.part == part], "clause")

    def renumber_restarts(self) -> None:
        notice = self.notice
        parts = notice.parts
        if len({p.number for p in parts}) < len(parts):
            again = next(
                p for i, p in enumerate(parts) if p.number in {q.number for q in parts[:i]}
            )
            said = say.PARSE_PART_RESTART.format(number=again.number, count=len(parts))
            self.problem(again.line, said, "warning")
            lines = [p.line for p in parts]
            for new, part in enumerate(parts, start=1):
                part.number = new
            for item in [*notice.clauses, *notice.tasks]:
                if item.part is not None:
                    item.part = _last_before(lines, item.line)
            for block in notice.blocks:
                if block.kind == "part":
                    block.number = lines.index(block.line) + 1 if block.line in lines else None
        by_part: dict[int | None, list[RawHeading]] = {}
        for clause in notice.clauses:
            by_part.setdefault(clause.part, []).append(clause)
        for part, clauses in by_part.items():
            numbers = [c.number for c in clauses]
            if len(set(numbers)) == len(numbers):
                continue
            again = next(c for i, c in enumerate(clauses) if c.number in numbers[:i])
            where = say.PARSE_IN_PART.format(part=part) if part is not None else say.PARSE_IN_NOTICE
            said = say.PARSE_CLAUSE_RESTART.format(
                where=where, number=again.number, count=len(clauses)
            )
            self.problem(again.line, said, "warning")
            lines = [c.line for c in clauses]
            for new, clause in enumerate(clauses, start=1):
                clause.number = new
            for task in notice.tasks:
                if task.part == part and task.clause is not None:
                    task.clause = _last_before(lines, task.line) or task.clause
            for block in notice.blocks:
                if block.kind == "clause" and block.line in lines:
                    block.number = lines.index(block.line) + 1

    def warn_gaps(self, headings: list[RawHeading], what: str) -> None:
        expected = 1
        for heading in headings:
            if heading.number > expected:
                missing = list(range(expected, heading.number))
                shown = "、".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
                if what == "part":
                    said = say.PARSE_PART_GAP.format(shown=shown)
                else:
                    where = say.PARSE_IN_PART.format(part=heading.part) if heading.part else ""
                    said = say.PARSE_CLAUSE_GAP.format(where=where, shown=shown)
                self.problem(heading.line, said, "warning")
            expected = max(expected, heading.number + 1)

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


def _last_before(lines: list[int], line: int) -> int | None:
    """The 1-based place of the last heading (by its line) at or before `line`."""
    found = None
    for place, heading_line in enumerate(lines, start=1):
        if heading_line <= line:
            found = place
    return found


def _task_number(m: re.Match) -> int:
    number = m["num"] if "pnum" not in m.re.groupindex else (m["num"] or m["pnum"])
    return CIRCLED.index(number) + 1 if number in CIRCLED else int(number)


def _unbracket(line: str) -> str:
    """A labelled line without its closing 。 and, for 〔责任单位：…〕, its brackets."""
    line = line.strip()
    if line.startswith("〔") and line.endswith("〕"):
        line = line[1:-1]
    return line.rstrip("。.；;")


def _first_sentence(text: str) -> str:
    """A clause's title: its first sentence, when more text follows it (（一）标题。正文…)."""
    norm = normalise(text)
    at = norm.find("。")
    if at <= 0 or at > 40 or not norm[at + 1 :].strip() or "(" in norm[:at]:
        return ""
    return text[:at].strip()


def _split_tasks(raw: str, norm: str) -> list[tuple[str, str]]:
    """A paragraph that closes several tasks, each with its own unit list: one piece each
    (the unit list stays at the end of its piece). One piece when there is one list."""
    found = unit_lists.find_all_unit_lists(norm)
    if len(found) < 2:
        return [(raw, norm)]
    pieces, start = [], 0
    for unit_list in found:
        end = unit_list.end
        while end < len(norm) and norm[end] in "。.;；":
            end += 1
        pieces.append((raw[start:end], norm[start:end]))
        start = end
    if norm[start:].strip():  # text after the last list: not a run of closed tasks
        return [(raw, norm)]
    return pieces


def _title(text: str, start: int) -> str:
    return text[start:].strip().rstrip("。.")


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _opens_unit_list(norm: str) -> bool:
    """Whether a unit list '(责任单位:' opens and is never closed."""
    start = max(norm.rfind("(责任单位"), norm.rfind("(牵头单位"), norm.rfind("(主责单位"))
    return start >= 0 and ")" not in norm[start:]
