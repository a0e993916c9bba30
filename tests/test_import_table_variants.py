"""One table, flattened every way a notice reaches us: a row a line (tabs, '|', runs of
'|' where merged cells were, runs of spaces), a cell a line with blank lines between the
cells, headers letter-spaced, the header repeated at the top of each page, two tables in
one annex, and columns the importer does not know kept as the task's notes. Each variant
is written from the grammar of the flattening, not copied from one file; each must give
exactly the same tasks."""

from __future__ import annotations

import json
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest

# The table as a person reads it: parts (merged rows) and tasks (序号, 任务, 牵头, 配合).
TABLE = [
    "一、稳定就业",
    ("1", "落实失业保险稳岗返还政策。", "县人社局", "县财政局、县税务局"),
    ("2", "开展援企稳岗专项行动。", "县人社局", "各乡镇人民政府"),
    "二、技能培训",
    ("3", "完成补贴性职业技能培训3000人次。", "县人社局", "县教育局、县总工会"),
    ("4", "建设县级公共实训基地。", "县发改局", "县人社局"),
]
EXPECTED = [
    (1, 1, "落实失业保险稳岗返还政策。", ["县人社局", "县财政局", "县税务局"], ["县人社局"]),
    (2, 1, "开展援企稳岗专项行动。", ["县人社局", "各乡镇人民政府"], ["县人社局"]),
    (3, 2, "完成补贴性职业技能培训3000人次。", ["县人社局", "县教育局", "县总工会"], ["县人社局"]),
    (4, 2, "建设县级公共实训基地。", ["县发改局", "县人社局"], ["县发改局"]),
]
HEADER = ["序号", "主要任务", "牵头单位", "配合单位"]
SPACED = ["序 号", "主 要 任 务", "牵 头 单 位", "配 合 单 位"]  # letter-spaced
WIDE = ["序　号", "主　要　任　务", "牵　头　单　位", "配　合　单　位"]  # U+3000 between


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    status = import_notice.main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def imported(text: str, tmp_path: Path, capsys) -> tuple[list[dict], str]:
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")
    status, out, err = run(["--json", "-", str(source)], capsys)
    assert status == 0, err
    return json.loads(out)["tasks"], err


def brief(task: dict) -> tuple:
    return (task["number"], task["part"], task["text"], task["units"], task["lead"])


def rows_joined(header, sep, *, lead="", tail="", part=None, repeat_every=0, blank=0) -> str:
    """A row a line, cells joined by sep; a part a line of its own (part(title) if given)."""
    lines = [lead + sep.join(header) + tail]
    rows = 0
    for item in TABLE:
        if isinstance(item, str):
            lines.append(part(item) if part else item)
            continue
        rows += 1
        if repeat_every and rows > 1 and (rows - 1) % repeat_every == 0:
            lines.append(lead + sep.join(header) + tail)
        lines.append(lead + sep.join(item) + tail)
        lines += [""] * blank
    return "\n".join(lines) + "\n"


def cell_lines(header, *, blank=1, closed=False, repeat_every=0) -> str:
    """A cell a line, `blank` empty lines after each (an HTML table saved as paragraphs)."""
    gap = "\n" * (blank + 1)
    close = " |" if closed else ""
    cells = [h + close for h in header]
    rows = 0
    for item in TABLE:
        if isinstance(item, str):
            cells.append(item + close)
            continue
        rows += 1
        if repeat_every and rows > 1 and (rows - 1) % repeat_every == 0:
            cells += [h + close for h in header]
        cells += [c + close for c in item]
    return gap.join(cells) + "\n"


ROW_A_LINE = {
    "tabs": rows_joined(HEADER, "\t"),
    "tabs, letter-spaced header": rows_joined(SPACED, "\t"),
    "tabs, header spaced with U+3000": rows_joined(WIDE, "\t"),
    "pipes": rows_joined(HEADER, " | "),
    "pipes closed at both ends": rows_joined(HEADER, " | ", lead="| ", tail=" |"),
    "pipes, tight": rows_joined(HEADER, "|"),
    "pipes, parts as merged rows": rows_joined(
        HEADER, " | ", lead="| ", tail=" |", part=lambda t: f"| {t} | | | |"
    ),
    "pipes, parts as runs of pipes": rows_joined(HEADER, "|", part=lambda t: f"|{t}||||"),
    "markdown table": rows_joined(HEADER, " | ", lead="| ", tail=" |").replace(
        "配合单位 |\n", "配合单位 |\n|---|---|---|---|\n", 1
    ),
    "tabs, parts as merged tab rows": rows_joined(HEADER, "\t", part=lambda t: f"{t}\t\t\t"),
    "tabs, blank line after each row": rows_joined(HEADER, "\t", blank=1),
    "pipes, letter-spaced header": rows_joined(SPACED, " | ", lead="| ", tail=" |"),
    "runs of three spaces": rows_joined(HEADER, "   "),
    "runs of two spaces": rows_joined(HEADER, "  "),
    "one space": rows_joined(HEADER, " "),
    "U+3000 between cells": rows_joined(HEADER, "\u3000"),
    "letter-spaced header, runs of four spaces": rows_joined(SPACED, "    "),
    "a tab between spaces": rows_joined(HEADER, " \t "),
}


@pytest.mark.parametrize("text", ROW_A_LINE.values(), ids=ROW_A_LINE.keys())
def test_a_row_a_line(text, tmp_path, capsys):
    tasks, _ = imported(text, tmp_path, capsys)
    assert [brief(t) for t in tasks] == EXPECTED


CELL_A_LINE = {
    "no blank lines": cell_lines(HEADER, blank=0),
    "one blank line between cells": cell_lines(HEADER, blank=1),
    "two blank lines between cells": cell_lines(HEADER, blank=2),
    "letter-spaced header": cell_lines(SPACED, blank=1),
    "header spaced with U+3000": cell_lines(WIDE, blank=1),
    "each cell closed by |": cell_lines(HEADER, blank=1, closed=True),
    "letter-spaced, closed, no blank lines": cell_lines(SPACED, blank=0, closed=True),
}


@pytest.mark.parametrize("text", CELL_A_LINE.values(), ids=CELL_A_LINE.keys())
def test_a_cell_a_line(text, tmp_path, capsys):
    tasks, _ = imported(text, tmp_path, capsys)
    assert [brief(t) for t in tasks] == EXPECTED


REPEATED_HEADER = {
    "tabs, every page": rows_joined(HEADER, "\t", repeat_every=1),
    "tabs, every two rows": rows_joined(HEADER, "\t", repeat_every=2),
    "pipes, every page": rows_joined(HEADER, " | ", lead="| ", tail=" |", repeat_every=2),
    "letter-spaced tabs, every page": rows_joined(SPACED, "\t", repeat_every=1),
    "runs of spaces, every page": rows_joined(HEADER, "   ", repeat_every=2),
    "a cell a line, every two rows": cell_lines(HEADER, blank=1, repeat_every=2),
    "a cell a line, letter-spaced, every row": cell_lines(SPACED, blank=0, repeat_every=1),
}


@pytest.mark.parametrize("text", REPEATED_HEADER.values(), ids=REPEATED_HEADER.keys())
def test_a_header_repeated_on_each_page_is_skipped(text, tmp_path, capsys):
    tasks, err = imported(text, tmp_path, capsys)
    assert [brief(t) for t in tasks] == EXPECTED
    assert "序号" not in err and "主要任务" not in err  # no header taken for a heading


EXTRA_PIPES = {
    "after the number": ("1 | 落实", "1 || 落实"),
    "before the lead": ("政策。 | 县人社局", "政策。 || 县人社局"),
    "at the row's end": ("县税务局", "县税务局 || |"),
    "at the row's start": ("1 | 落实", "|| 1 | 落实"),
    "a pipe with a space inside": ("行动。 | 县人社局", "行动。 | | 县人社局"),
    "on two rows": ("基地。 | 县发改局", "基地。 || 县发改局"),
}


@pytest.mark.parametrize("change", EXTRA_PIPES.values(), ids=EXTRA_PIPES.keys())
def test_a_merged_cell_that_left_an_extra_pipe(change, tmp_path, capsys):
    text = rows_joined(HEADER, " | ")
    old, new = change
    assert old in text
    text = text.replace(old, new, 1)
    if "基地" in old:
        text = text.replace("1 | 落实", "1 || 落实", 1)
    tasks, _ = imported(text, tmp_path, capsys)
    assert [brief(t) for t in tasks] == EXPECTED


# Columns in any order: the same table with its columns permuted, each way flattened.
ORDERS = [
    (0, 1, 2, 3),
    (0, 1, 3, 2),
    (1, 2, 3, 0),
    (0, 2, 1, 3),
    (3, 2, 1, 0),
]


# A cell a line is read from the 序号 that starts each row, so there 序号 comes first.
ORDERED = (
    [(style, order) for style in ("tabs", "pipes") for order in ORDERS]
    + [("cells", order) for order in ORDERS if order[0] == 0]
    + [("cells", (0, 3, 2, 1)), ("cells", (0, 2, 3, 1))]
)


@pytest.mark.parametrize(("style", "order"), ORDERED, ids=[f"{s}-{o}" for s, o in ORDERED])
def test_columns_in_any_order(style, order, tmp_path, capsys):
    def permute(cells):
        return [cells[i] for i in order]

    header = permute(SPACED if style == "cells" else HEADER)
    if style == "cells":
        out = list(header)
        for item in TABLE:
            out += [item] if isinstance(item, str) else permute(list(item))
        text = "\n\n".join(out) + "\n"
    else:
        sep = "\t" if style == "tabs" else " | "
        lines = [sep.join(header)]
        for item in TABLE:
            lines.append(item if isinstance(item, str) else sep.join(permute(list(item))))
        text = "\n".join(lines) + "\n"
    tasks, _ = imported(text, tmp_path, capsys)
    assert [brief(t) for t in tasks] == EXPECTED


# -- two tables in one annex, with different columns -------------------------------------
TWO_TABLES = {
    "tabs": (
        "一、稳定就业\n"
        "序号\t主要任务\t牵头单位\t配合单位\n"
        "1\t落实失业保险稳岗返还政策。\t县人社局\t县财政局、县税务局\n"
        "2\t开展援企稳岗专项行动。\t县人社局\t各乡镇人民政府\n"
        "二、技能培训\n"
        "序号\t工作任务\t责任单位\t完成时限\n"
        "3\t完成补贴性职业技能培训3000人次。\t县人社局、县教育局、县总工会\t年底前\n"
        "4\t建设县级公共实训基地。\t县发改局、县人社局\t年底前\n"
    ),
    "pipes, second table's columns reversed": (
        "一、稳定就业\n"
        "| 序号 | 主要任务 | 牵头单位 | 配合单位 |\n"
        "| 1 | 落实失业保险稳岗返还政策。 | 县人社局 | 县财政局、县税务局 |\n"
        "| 2 | 开展援企稳岗专项行动。 | 县人社局 | 各乡镇人民政府 |\n"
        "二、技能培训\n"
        "| 完成时限 | 责任单位 | 工作任务 | 序号 |\n"
        "| 年底前 | 县人社局、县教育局、县总工会 | 完成补贴性职业技能培训3000人次。 | 3 |\n"
        "| 年底前 | 县发改局、县人社局 | 建设县级公共实训基地。 | 4 |\n"
    ),
    "a cell a line, then tabs": (
        "一、稳定就业\n\n序 号\n\n主要任务\n\n牵头单位\n\n配合单位\n\n"
        "1\n\n落实失业保险稳岗返还政策。\n\n县人社局\n\n县财政局、县税务局\n\n"
        "2\n\n开展援企稳岗专项行动。\n\n县人社局\n\n各乡镇人民政府\n\n"
        "二、技能培训\n"
        "序号\t工作任务\t责任单位\t完成时限\n"
        "3\t完成补贴性职业技能培训3000人次。\t县人社局、县教育局、县总工会\t年底前\n"
        "4\t建设县级公共实训基地。\t县发改局、县人社局\t年底前\n"
    ),
    "tabs, then a cell a line": (
        "一、稳定就业\n"
        "序号\t主要任务\t牵头单位\t配合单位\n"
        "1\t落实失业保险稳岗返还政策。\t县人社局\t县财政局、县税务局\n"
        "2\t开展援企稳岗专项行动。\t县人社局\t各乡镇人民政府\n"
        "二、技能培训\n\n序号\n\n工作任务\n\n责任单位\n\n完成时限\n\n"
        "3\n\n完成补贴性职业技能培训3000人次。\n\n县人社局、县教育局、县总工会\n\n年底前\n\n"
        "4\n\n建设县级公共实训基地。\n\n县发改局、县人社局\n\n年底前\n"
    ),
    "letter-spaced headers, both tables": (
        "一、稳定就业\n"
        "序 号\t主 要 任 务\t牵 头 单 位\t配 合 单 位\n"
        "1\t落实失业保险稳岗返还政策。\t县人社局\t县财政局、县税务局\n"
        "2\t开展援企稳岗专项行动。\t县人社局\t各乡镇人民政府\n"
        "二、技能培训\n"
        "序 号\t工 作 任 务\t责 任 单 位\t完 成 时 限\n"
        "3\t完成补贴性职业技能培训3000人次。\t县人社局、县教育局、县总工会\t年底前\n"
        "4\t建设县级公共实训基地。\t县发改局、县人社局\t年底前\n"
    ),
}


@pytest.mark.parametrize("text", TWO_TABLES.values(), ids=TWO_TABLES.keys())
def test_two_tables_with_different_columns(text, tmp_path, capsys):
    tasks, _ = imported("附件\n青山县2022年稳就业重点任务分工\n" + text, tmp_path, capsys)
    first_table = [brief(t) for t in tasks[:2]]
    assert first_table == EXPECTED[:2]
    # The second table has no lead column: its 责任单位 are all responsible, none leads.
    assert [(t["number"], t["part"], t["text"], t["units"], t["lead"]) for t in tasks[2:]] == [
        (3, 2, EXPECTED[2][2], EXPECTED[2][3], []),
        (4, 2, EXPECTED[3][2], EXPECTED[3][3], []),
    ]
    assert [t.get("deadline") for t in tasks] == [None, None, "年底前", "年底前"]


# -- a table whose only unit column is 指导部门, beside columns the importer does not know --
GUIDING = [
    ("序号", "推广举措", "推广范围", "指导部门"),
    ("1", "推行企业开办全程网上办理。", "全市", "市市场监管局"),
    ("2", "开展“证照分离”改革全覆盖。", "各区县", "市市场监管局、市司法局"),
]
NOTES_EXPECTED = [
    (1, "推行企业开办全程网上办理。", ["市市场监管局"], [{"label": "推广范围", "text": "全市"}]),
    (
        2,
        "开展“证照分离”改革全覆盖。",
        ["市市场监管局", "市司法局"],
        [{"label": "推广范围", "text": "各区县"}],
    ),
]


def _guiding(sep: str, rename: dict[str, str] | None = None, extra: str = "") -> str:
    rows = [list(r) for r in GUIDING]
    for old, new in (rename or {}).items():
        rows[0][rows[0].index(old)] = new
    return "\n".join(sep.join(r) for r in rows) + "\n" + extra


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (_guiding("\t"), "推广范围"),
        (_guiding(" | "), "推广范围"),
        (_guiding("\t", {"推广范围": "推 广 范 围"}), "推广范围"),
        (_guiding("\t", {"推广范围": "备注"}), "备注"),
        (_guiding("\t", {"推广范围": "分值"}), "分值"),
        (_guiding("\t", {"推广范围": "考核标准"}), "考核标准"),
        (_guiding("\t", {"推广范围": "适用地区"}), "适用地区"),  # a header not in any list
        (_guiding(" | ", {"推广举措": "主要任务", "推广范围": "工作目标"}), "工作目标"),
        ("\n\n".join(c for r in GUIDING for c in r) + "\n", "推广范围"),  # a cell a line
    ],
)
def test_a_guiding_only_table_keeps_unknown_columns_as_notes(text, label, tmp_path, capsys):
    text = text.replace("推广举措", "改革举措")
    tasks, _ = imported(text, tmp_path, capsys)
    assert [(t["number"], t["text"], t["units"], t["notes"]) for t in tasks] == [
        (n, words, units, [{"label": label, "text": note["text"]} for note in notes])
        for n, words, units, notes in NOTES_EXPECTED
    ]
    assert [t["roles"] for t in tasks] == [["guiding"], ["guiding", "guiding"]]
    assert [t["lead"] for t in tasks] == [[], []]  # a 指导部门 is not the lead


def test_notes_reach_notice_yaml_and_the_task_page_escaped(tmp_path, capsys):
    """Notes are carried into notice.yaml in the table's order and shown on the task page
    as text: markup in a cell is escaped."""
    import yaml

    text = (
        "序号\t工作任务\t分值\t责任单位\t备注\n"
        "1\t推行企业开办全程网上办理。\t10\t市市场监管局\t<b>含</b>分支机构\n"
    )
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    status, _, err = run([str(source), "--data-dir", str(data)], capsys)
    assert status == 0, err
    notice = yaml.safe_load((data / "notice.yaml").read_text(encoding="utf-8"))
    assert notice["tasks"][0]["notes"] == [
        {"label": "分值", "text": "10"},
        {"label": "备注", "text": "<b>含</b>分支机构"},
    ]
    from fengong.data import load
    from fengong.pages import paths
    from fengong.pages.render import render_pages

    site, problems = load.check(data, shown_dir=str(data))
    assert site is not None, problems
    task = site.tasks[0]
    assert [(n.label, n.text) for n in task.notes] == [
        ("分值", "10"),
        ("备注", "<b>含</b>分支机构"),
    ]
    html = render_pages(site)[paths.page_of(task)]
    assert "<dt>分值</dt>\n<dd>10</dd>" in html
    assert "<dt>备注</dt>\n<dd>&lt;b&gt;含&lt;/b&gt;分支机构</dd>" in html
    assert "<b>含</b>" not in html


def test_a_word_table_with_a_guiding_column_and_no_lead_column(capsys):
    """tests/fixtures/tables/guiding_notes.docx (make_tables.py says where its rows come
    from): 序号 | 主要任务 | 推广范围 | 指导部门 | 备  注, no lead column."""
    source = Path(__file__).parent / "fixtures" / "tables" / "guiding_notes.docx"
    status, out, err = run(["--json", "-", str(source)], capsys)
    assert status == 0, err
    tasks = json.loads(out)["tasks"]
    assert [(t["number"], t["text"], t["units"], t["lead"], t["roles"]) for t in tasks] == [
        (1, "居民消费价格涨幅3%左右", ["发展改革委"], [], ["guiding"]),
        (2, "城镇新增就业1000万人以上", ["人力资源社会保障部"], [], ["guiding"]),
        (3, "安排财政赤字2.18万亿元,赤字率提高到3%", ["财政部"], [], ["guiding"]),
        (4, "安排地方专项债券4000亿元", ["财政部"], [], ["guiding"]),
        (5, "推进5万个行政村通光纤", ["工业和信息化部"], [], ["guiding"]),
    ]
    assert [t["notes"] for t in tasks] == [
        [{"label": "推广范围", "text": "全国"}],
        [{"label": "推广范围", "text": "全国"}],
        [{"label": "推广范围", "text": "全国"}, {"label": "备注", "text": "中央和地方合计"}],
        [{"label": "推广范围", "text": "各省(区、市)"}],
        [{"label": "推广范围", "text": "中西部地区"}],
    ]


# -- cells glued with no separator (text pulled out of a .docx table) ----------------------
GLUED_HEAD = "附件\n青山县2022年稳就业重点任务分工\n"
GLUED_ROWS = [
    ("1", "落实失业保险稳岗返还政策。", "县人社局", "县财政局、县税务局"),
    ("2", "开展援企稳岗专项行动。", "县人社局", "各乡镇人民政府"),
    ("3", "完成补贴性职业技能培训3000人次。", "县人社局", "县教育局、县总工会"),
    ("4", "建设县级公共实训基地。", "县发改局", "县人社局"),
]
GLUED = {
    "the whole table on one line": "序号工作任务牵头单位配合单位"
    + "".join("".join(r) for r in GLUED_ROWS)
    + "\n",
    "a row a line": "序号工作任务牵头单位配合单位\n"
    + "".join("".join(r) + "\n" for r in GLUED_ROWS),
    "the first row on the header's line": "序号工作任务牵头单位配合单位"
    + "".join("".join(r) + "\n" for r in GLUED_ROWS),
    "two rows a line, blank lines between": "序号主要任务牵头单位配合单位\n\n"
    + "".join(GLUED_ROWS[0] + GLUED_ROWS[1])
    + "\n\n"
    + "".join(GLUED_ROWS[2] + GLUED_ROWS[3])
    + "\n",
    "full-width numbers": "序号工作任务牵头单位配合单位\n"
    + "".join("".join(r).replace(r[0], chr(0xFF10 + int(r[0])), 1) + "\n" for r in GLUED_ROWS),
}


@pytest.mark.parametrize("text", GLUED.values(), ids=GLUED.keys())
def test_glued_cells_are_split_by_the_header_and_unit_names(text, tmp_path, capsys):
    tasks, err = imported(GLUED_HEAD + text, tmp_path, capsys)
    assert [(t["number"], t["text"], t["units"], t["lead"]) for t in tasks] == [
        (1, "落实失业保险稳岗返还政策。", ["县人社局", "县财政局", "县税务局"], ["县人社局"]),
        (2, "开展援企稳岗专项行动。", ["县人社局", "各乡镇人民政府"], ["县人社局"]),
        (3, "完成补贴性职业技能培训3000人次。", ["县人社局", "县教育局", "县总工会"], ["县人社局"]),
        (4, "建设县级公共实训基地。", ["县发改局", "县人社局"], ["县发改局"]),
    ]
    assert "粘在一起" not in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # one unit column: the names after the task's last sentence end
            "序号重点任务责任单位\n1推进企业开办便利化。市市场监管局、市税务局\n"
            "2深化工程建设项目审批改革。市住建局\n",
            [("推进企业开办便利化。", ["市市场监管局", "市税务局"], None)],
        ),
        (  # a deadline column after the units
            "序号工作任务责任单位完成时限\n1推进企业开办便利化。市市场监管局2022年6月底前"
            "2深化工程建设项目审批改革。市住建局、市自然资源局年底前\n",
            [("推进企业开办便利化。", ["市市场监管局"], "2022年6月底前")],
        ),
        (  # parts between the rows
            "序号工作任务牵头单位配合单位\n一、优化营商环境\n1推进企业开办便利化。"
            "区市场监管局区税务局\n二、项目审批\n2深化工程建设项目审批改革。区住建局\n",
            [("推进企业开办便利化。", ["区市场监管局", "区税务局"], None)],
        ),
    ],
    ids=["responsible only", "with a deadline", "parts between rows"],
)
def test_glued_cells_in_other_columns(text, expected, tmp_path, capsys):
    tasks, err = imported(GLUED_HEAD + text, tmp_path, capsys)
    assert len(tasks) == 2, err
    first = tasks[0]
    assert [(first["text"], first["units"], first.get("deadline"))] == expected
    assert "粘在一起" not in err


def test_glued_parts_are_headings(tmp_path, capsys):
    text = (
        "序号工作任务牵头单位配合单位\n一、优化营商环境\n1推进企业开办便利化。"
        "区市场监管局区税务局\n二、项目审批\n2深化工程建设项目审批改革。区住建局\n"
    )
    tasks, _ = imported(GLUED_HEAD + text, tmp_path, capsys)
    assert [(t["part"], t["lead"]) for t in tasks] == [(1, ["区市场监管局"]), (2, ["区住建局"])]


def test_glued_rows_that_are_not_certain_are_named_and_the_rest_imported(tmp_path, capsys):
    """Row 2's task has no sentence end (where do its units begin?) and row 3's lead and
    partner cells cannot be told apart (two names with no level to start the second):
    their text, where certain, is imported and each is named in a warning."""
    text = (
        "序号工作任务牵头单位配合单位\n"
        "1落实失业保险稳岗返还政策。县人社局县财政局\n"
        "2开展援企稳岗专项行动县人社局各乡镇人民政府\n"
        "3完成技能培训3000人次。发展改革委人力资源社会保障部\n"
        "4建设县级公共实训基地。县发改局县人社局\n"
    )
    source = tmp_path / "glued.txt"
    source.write_text(GLUED_HEAD + text, encoding="utf-8")
    status, out, err = run(["--json", "-", str(source)], capsys)
    assert status == 0, err
    tasks = json.loads(out)["tasks"]
    assert [(t["text"], t["units"], t["lead"]) for t in tasks] == [
        ("落实失业保险稳岗返还政策。", ["县人社局", "县财政局"], ["县人社局"]),
        ("完成技能培训3000人次。", [], []),
        ("建设县级公共实训基地。", ["县发改局", "县人社局"], ["县发改局"]),
    ]
    glued = [line for line in err.splitlines() if "几格粘在一起" in line]
    assert len(glued) == 2, err
    assert glued[0].startswith(f"{source}:5: 警告：表格的几格粘在一起，第 2 行：")
    assert "无法判断任务在哪里结束" in glued[0]
    assert glued[1].startswith(f"{source}:6: 警告：表格的几格粘在一起，第 3 行：")


# -- a real table, flattened again every way ----------------------------------------------
REAL = Path(__file__).parent / "fixtures" / "notices-real"
LIANDU = REAL / "06_liandu2023_gzbg-zeren-fenjie-table"  # a cell a line, as published


def _liandu_rows() -> list[list[str] | str]:
    """The published table's rows (序号, 事项, 责任单位, 牵头单位), its 分类 cell as a heading
    row: read from the fixture's lines by position, not by the importer."""
    lines = [line.strip() for line in LIANDU.with_suffix(".txt").read_text("utf-8").splitlines()]
    cells = [line for line in lines if line]
    start = cells.index("牵头单位") + 1
    rows: list[list[str] | str] = []
    i = start
    while i < len(cells):
        if cells[i].isdigit():
            rows.append(cells[i : i + 4])
            i += 4
        else:
            rows.append(cells[i])
            i += 1
    return rows


def _liandu_expected() -> list[tuple]:
    expected = json.loads(LIANDU.with_suffix(".expected.json").read_text("utf-8"))
    return [(t["number"], t["part"], t["text"], t["units"], t["lead"]) for t in expected["tasks"]]


@pytest.mark.parametrize("style", ["tabs", "pipes", "markdown", "spaces", "glued", "xlsx"])
def test_a_real_table_flattened_again_gives_its_checked_answer(style, tmp_path, capsys):
    rows = _liandu_rows()
    header = ["序号", "事项", "责任单位", "牵头单位"]
    if style == "glued":
        # Cells glued with nothing between them; the published 事项 end with 。.
        text = "".join(header) + "\n"
        text += "".join((r if isinstance(r, str) else "".join(r)) + "\n" for r in rows)
    elif style == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        for row in [header, *rows]:
            book.active.append([row] if isinstance(row, str) else row)
        source = tmp_path / "liandu.xlsx"
        book.save(source)
        status, out, err = run(["--json", "-", str(source)], capsys)
        assert status == 0, err
        tasks = json.loads(out)["tasks"]
        assert [brief(t) for t in tasks] == _liandu_expected()
        return
    else:
        sep = {"tabs": "\t", "pipes": " | ", "markdown": " | ", "spaces": "   "}[style]
        lines = [sep.join(header)]
        if style == "markdown":
            lines = [f"| {lines[0]} |", "|---|---|---|---|"]
        for r in rows:
            line = r if isinstance(r, str) else sep.join(r)
            lines.append(f"| {line} |" if style == "markdown" else line)
        text = "\n".join(lines) + "\n"
    tasks, _ = imported("附件\n2023年莲都区政府工作报告重点工作责任分解\n" + text, tmp_path, capsys)
    assert [brief(t) for t in tasks] == _liandu_expected()


# -- header words: other names, and a lead rule in brackets after a column's name ----------
RULE_ROWS = (
    "1\t推进企业开办便利化。\t区市场监管局、区税务局\n"
    "2\t深化工程建设项目审批改革。\t区住建局、区自然资源局\n"
)


@pytest.mark.parametrize(
    ("header", "leads"),
    [
        ("序号\t主 要 工 作 任 务\t责任单位（排在第一位的为牵头单位）", True),
        ("序号\t重点工作任务\t责任部门（排在首位的部门为牵头部门，下同）", True),
        ("序号\t具体工作任务\t责任处室(列第一位者为牵头处室)", True),
        ("序 号\t任务名称\t責任單位（排在第一位的爲牽頭單位）", True),  # traditional script
        ("序号\t工作任务内容\t责任主体〔第一个为牵头单位〕", True),
        ("序号\t重点工作事项\t负责单位", False),  # no rule: no lead
        ("序号\t任务事项\t承办单位（含垂直管理部门）", False),  # a bracket that is no rule
    ],
)
def test_other_header_words_and_a_lead_rule_in_a_header(header, leads, tmp_path, capsys):
    text = "附件\n某区2023年重点工作分工\n" + header + "\n" + RULE_ROWS
    tasks, _ = imported(text, tmp_path, capsys)
    assert [(t["text"], t["units"]) for t in tasks] == [
        ("推进企业开办便利化。", ["区市场监管局", "区税务局"]),
        ("深化工程建设项目审批改革。", ["区住建局", "区自然资源局"]),
    ]
    assert [t["lead"] for t in tasks] == ([["区市场监管局"], ["区住建局"]] if leads else [[], []])


# -- a header on two rows, and a row whose first cell is empty ----------------------------
TWO_ROW_TASKS = [
    ("推进企业开办便利化。", ["区市场监管局", "区税务局"], ["区市场监管局"]),
    ("深化工程建设项目审批改革。", ["区住建局", "区自然资源局"], ["区住建局"]),
]


ROW_1 = "1\t推进企业开办便利化。\t区市场监管局\t区税务局\n"
ROW_2 = "深化工程建设项目审批改革。\t区住建局\t区自然资源局\n"


def _two_row_sheet(path: Path, *, number_blank: bool = False) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "责任单位", None])
    sheet.append([None, None, "牵头单位", "配合单位"])
    sheet.merge_cells("C1:D1")  # 责任单位 over its two columns
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.append([None if number_blank else 1, "推进企业开办便利化。", "区市场监管局", "区税务局"])
    sheet.append(
        [None if number_blank else 2, "深化工程建设项目审批改革。", "区住建局", "区自然资源局"]
    )
    book.save(path)
    return path


@pytest.mark.parametrize(
    "text",
    [
        "序号\t工作任务\t责任单位\n\t\t牵头单位\t配合单位\n",
        "序号\t工作任务\t责任单位\t\n\t\t牵头单位\t配合单位\n",
        "| 序号 | 工作任务 | 责任单位 | |\n| | | 牵头单位 | 配合单位 |\n",
        "序号\t工作任务\t责任部门\n\t\t牵 头\t配 合 单 位\n".replace("牵 头", "牵头部门"),
        "序号\t重点任务\t责任单位\t\t完成时限\n\t\t牵头单位\t配合单位\t\n",
    ],
    ids=["tabs", "tabs, upper row padded", "pipes", "letter-spaced lower row", "a column after"],
)
def test_a_header_on_two_rows(text, tmp_path, capsys):
    rows = ROW_1 + "2\t" + ROW_2
    if text.startswith("|"):
        rows = "".join(f"| {' | '.join(r.split(chr(9)))} |\n" for r in rows.splitlines())
    tasks, _ = imported("附件\n某区2023年重点工作分工\n" + text + rows, tmp_path, capsys)
    assert [(t["text"], t["units"], t["lead"]) for t in tasks] == TWO_ROW_TASKS


@pytest.mark.parametrize("number_blank", [False, True], ids=["numbered", "序号 left blank"])
def test_a_sheet_with_a_header_on_two_merged_rows(number_blank, tmp_path, capsys):
    source = _two_row_sheet(tmp_path / "two-rows.xlsx", number_blank=number_blank)
    status, out, err = run(["--json", "-", str(source)], capsys)
    assert status == 0, err
    tasks = json.loads(out)["tasks"]
    assert [(t["text"], t["units"], t["lead"]) for t in tasks] == TWO_ROW_TASKS
    assert [t["numbered"] for t in tasks] == [not number_blank] * 2


@pytest.mark.parametrize(
    "rows",
    [
        ROW_1[1:] + "\t" + ROW_2,
        ROW_1 + "\t" + ROW_2,
        ROW_1[1:-1] + "\t\n\t" + ROW_2[:-1] + "\t\n",
        "| | 推进企业开办便利化。 | 区市场监管局 | 区税务局 |\n"
        "| | 深化工程建设项目审批改革。 | 区住建局 | 区自然资源局 |\n",
        " " + ROW_1[1:] + " \t" + ROW_2,
    ],
    ids=["both blank", "second blank", "trailing tab too", "pipes", "a space before the tab"],
)
def test_a_row_whose_first_cell_is_empty_keeps_its_columns(rows, tmp_path, capsys):
    header = "序号\t工作任务\t牵头单位\t配合单位\n"
    if rows.startswith("|"):
        header = "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n"
    tasks, _ = imported("附件\n某区2023年重点工作分工\n" + header + rows, tmp_path, capsys)
    assert [(t["text"], t["units"], t["lead"]) for t in tasks] == TWO_ROW_TASKS


# -- matrices: the units as columns (read), the units as rows (named, not read) -----------
MATRIX_TASKS = [
    ("推进企业开办便利化。", ["区发改局", "区财政局"], ["区发改局"], ["lead", "partner"]),
    ("深化工程建设项目审批改革。", ["区住建局", "区财政局"], ["区住建局"], ["lead", "responsible"]),
    ("建设保障性租赁住房。", ["区发改局", "区住建局"], [], ["responsible", "responsible"]),
]
MATRIX = [
    ["序号", "重点任务", "区发改局", "区财政局", "区住建局"],
    ["1", "推进企业开办便利化。", "牵头", "配合", ""],
    ["2", "深化工程建设项目审批改革。", "", "√", "牵头"],
    ["3", "建设保障性租赁住房。", "√", "", "√"],  # ticks only: no unit leads
]


def _matrix(sep: str, marks: dict[str, str] | None = None) -> str:
    rows = [[(marks or {}).get(c, c) for c in row] for row in MATRIX]
    return "附件\n某区2023年重点工作分工\n" + "".join(sep.join(r) + "\n" for r in rows)


@pytest.mark.parametrize(
    "text",
    [
        _matrix("\t"),
        _matrix(" | "),
        _matrix("\t", {"√": "●"}),
        _matrix("\t", {"牵头": "★牵头", "√": "✓", "配合": "参与"}),
        _matrix("\t", {"牵头": "（牵头）", "配合": "協同"}),  # traditional 協同 = 协同
    ],
    ids=["tabs", "pipes", "dots", "star and tick", "bracketed, traditional"],
)
def test_a_matrix_with_the_units_as_columns(text, tmp_path, capsys):
    tasks, _ = imported(text, tmp_path, capsys)
    assert [(t["text"], t["units"], t["lead"], t["roles"]) for t in tasks] == MATRIX_TASKS


def test_a_matrix_column_that_holds_no_marks_is_kept_as_notes(tmp_path, capsys):
    text = _matrix("\t").replace("区住建局\n", "区住建局\t适用地区\n", 1)
    text = text.replace("\t√\t牵头\n", "\t√\t牵头\t城区\n").replace(
        "\t√\t\t√\n", "\t√\t\t√\t全区\n"
    )
    tasks, _ = imported(text, tmp_path, capsys)
    assert [(t["text"], t["units"], t["lead"]) for t in tasks] == [m[:3] for m in MATRIX_TASKS]
    assert [t.get("notes") for t in tasks] == [
        None,
        [{"label": "适用地区", "text": "城区"}],
        [{"label": "适用地区", "text": "全区"}],
    ]


@pytest.mark.parametrize(
    "header",
    ["单位", "责任单位", "部门名称", "单位\\任务", "单位/事项"],
)
def test_a_matrix_with_the_units_as_rows_is_one_clear_error(header, tmp_path, capsys):
    text = (
        "附件\n某区2023年重点工作分工\n"
        f"{header}\t推进企业开办便利化\t深化工程建设项目审批改革\n"
        "区发改局\t牵头\t\n区财政局\t配合\t√\n"
    )
    source = tmp_path / "matrix.txt"
    source.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    status, _, err = run([str(source), "--data-dir", str(data)], capsys)
    assert status == 1
    problems = [m for m in err.splitlines() if m and not m.startswith("导入失败")]
    assert len(problems) == 1 and problems[0].startswith(f"{source}:3: "), err
    assert "以单位为行、任务为列的矩阵表无法读取" in problems[0]
    assert "分工表" in problems[0]
    assert not any(data.iterdir())


def test_a_word_table_with_a_header_on_two_merged_rows(capsys):
    source = Path(__file__).parent / "fixtures" / "tables" / "two_row_header.docx"
    status, out, err = run(["--json", "-", str(source)], capsys)
    assert status == 0, err
    tasks = json.loads(out)["tasks"]
    assert [(t["text"], t["units"], t["lead"]) for t in tasks] == TWO_ROW_TASKS
    assert err.count("警告") == 0, err
