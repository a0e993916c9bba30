"""Tables: Word tables (made by tests/fixtures/tables/make_tables.py with python-docx) and
tables flattened to text, their columns found by header in any order."""

from __future__ import annotations

import json
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tests" / "fixtures" / "tables"
REAL_NOTICE = ROOT / "data" / "source" / "dazu-2020-41.txt"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    status = import_notice.main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def tasks_of(source: Path, capsys) -> list[dict]:
    status, out, err = run(["--json", "-", str(source)], capsys)
    assert status == 0, err
    return json.loads(out)["tasks"]


def brief(task: dict) -> tuple:
    return (task["number"], task["part"], task["text"], task["units"], task["lead"], task["roles"])


# (fixture, expected tasks as (number, part, text, units, lead, roles), extra checks)
WORD_TABLES = [
    (
        "lead_partner_deadline",  # 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限
        [
            (
                1,
                1,
                "落实失业保险稳岗返还政策。",
                ["县人社局", "县财政局", "县税务局"],
                ["县人社局"],
                ["lead", "partner", "partner"],
            ),
            (
                2,
                1,
                "开展援企稳岗专项行动。",
                ["县人社局", "各乡镇人民政府"],
                ["县人社局"],
                ["lead", "partner"],
            ),
            (
                3,
                2,
                "完成补贴性职业技能培训3000人次。",
                ["县人社局", "县教育局", "县总工会"],
                ["县人社局"],
                ["lead", "partner", "partner"],
            ),
        ],
    ),
    (
        "responsible_then_lead",  # 序号 | 重点任务 | 责任单位 | 牵头单位: lead not first
        [
            (
                1,
                None,
                "地区生产总值增长6%以上。",
                ["区农业农村局", "区经商局", "区发改局"],
                ["区发改局"],
                ["responsible", "responsible", "lead"],
            ),
            (2, None, "固定资产投资增长10%。", ["区发改局"], ["区发改局"], ["lead"]),
            (
                3,
                None,
                "研究与试验发展(R&D)经费投入强度达到2.5%。",
                ["区科技局", "区经商局"],
                ["区科技局"],
                ["lead", "responsible"],
            ),
        ],
    ),
    (
        "group_column_leaders",  # 分类 (spanning rows) | 序号 | 改革举措 | 责任单位 | 责任领导
        [
            (
                1,
                1,
                "推行企业开办一网通办。",
                ["市市场监管局", "市政务服务办"],
                [],  # no 牵头 column and no lead rule: 未明确牵头单位
                ["responsible", "responsible"],
            ),
            (2, 1, "压减工程建设项目审批时间。", ["市住建局"], [], ["responsible"]),
            (
                3,
                2,
                "扩大普惠性托育服务供给。",
                ["市卫生健康委", "市教育局"],
                [],
                ["responsible", "responsible"],
            ),
        ],
    ),
    (
        "guiding_no_number",  # 事项 | 指导部门 | 责任单位, no 序号
        [
            (
                1,
                None,
                "建设高标准农田2万亩。",
                ["县农业农村局", "各乡镇人民政府", "市农业农村局"],
                [],
                ["responsible", "responsible", "guiding"],
            ),
            (
                2,
                None,
                "开展农村人居环境整治提升行动。",
                ["县住建局", "县生态环境局", "市住建局"],
                [],
                ["responsible", "responsible", "guiding"],
            ),
        ],
    ),
]


@pytest.mark.parametrize(("name", "expected"), WORD_TABLES, ids=[c[0] for c in WORD_TABLES])
def test_word_table(name, expected, capsys):
    assert [brief(t) for t in tasks_of(TABLES / f"{name}.docx", capsys)] == expected


def test_word_table_leaders_and_deadlines(capsys):
    leaders = [t["leaders"] for t in tasks_of(TABLES / "group_column_leaders.docx", capsys)]
    assert leaders == [["王明"], ["王明"], ["李华"]]
    deadlines = [t.get("deadline") for t in tasks_of(TABLES / "lead_partner_deadline.docx", capsys)]
    assert deadlines == ["2022年6月底前", "2022年12月底前", "2022年底"]
    numbered = [t["numbered"] for t in tasks_of(TABLES / "guiding_no_number.docx", capsys)]
    assert numbered == [False, False]


def test_the_dazu_annex_as_a_word_table_gives_the_same_tasks(capsys):
    as_text = run(["--json", "-", str(REAL_NOTICE)], capsys)
    as_table = run(["--json", "-", str(TABLES / "dazu_annex_table.docx")], capsys)
    text, table = json.loads(as_text[1]), json.loads(as_table[1])
    assert len(table["tasks"]) == 63
    assert table["parts"] == text["parts"]
    assert table["clauses"] == text["clauses"]
    fields = ("number", "part", "clause", "text", "units", "lead", "roles")
    assert [[t[k] for k in fields] for t in table["tasks"]] == [
        [t[k] for k in fields] for t in text["tasks"]
    ]


FLAT_PIPE = """\
附件
重点任务分工表
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 时间节点 |
|---|---|---|---|---|
| 一、稳定就业岗位 | | | | |
| 1 | 落实稳岗返还政策。 | 县人社局 | 县财政局、县税务局 | 2022年6月底前 |
| 2 | 开展专项招聘活动。 | 县人社局 | 各乡镇人民政府 | 2022年12月底前 |
"""

FLAT_TABS = (
    "序号\t改革举措\t协同单位\t牵头单位\n"
    "1\t推进企业开办便利化。\t市税务局、市公安局\t市市场监管局\n"
    "2\t深化工程建设项目审批改革。\t市自然资源局\t市住建局\n"
)


def test_a_pipe_table_in_text(tmp_path, capsys):
    source = tmp_path / "pipes.txt"
    source.write_text(FLAT_PIPE, encoding="utf-8")
    tasks = tasks_of(source, capsys)
    assert [brief(t) for t in tasks] == [
        (
            1,
            1,
            "落实稳岗返还政策。",
            ["县人社局", "县财政局", "县税务局"],
            ["县人社局"],
            ["lead", "partner", "partner"],
        ),
        (
            2,
            1,
            "开展专项招聘活动。",
            ["县人社局", "各乡镇人民政府"],
            ["县人社局"],
            ["lead", "partner"],
        ),
    ]
    assert tasks[0]["deadline"] == "2022年6月底前"


def test_a_tab_table_with_the_lead_column_last(tmp_path, capsys):
    source = tmp_path / "tabs.txt"
    source.write_text(FLAT_TABS, encoding="utf-8")
    assert [(t["units"], t["lead"]) for t in tasks_of(source, capsys)] == [
        (["市市场监管局", "市税务局", "市公安局"], ["市市场监管局"]),
        (["市住建局", "市自然资源局"], ["市住建局"]),
    ]


BAD_TABLES = [
    ("bad_no_task_column", 2, "表头没有任务列"),
    ("bad_units_not_units", 2, "列中没有单位名称"),
]


@pytest.mark.parametrize(("name", "line", "words"), BAD_TABLES)
def test_a_bad_table_is_one_clear_line(name, line, words, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    source = TABLES / f"{name}.docx"
    status, _, err = run([str(source), "--data-dir", str(data)], capsys)
    assert status == 1
    problems = [m for m in err.splitlines() if m and not m.startswith("导入失败")]
    assert problems == [m for m in problems if m.startswith(f"{source}:{line}: ")]
    assert len(problems) == 1 and words in problems[0], err
    assert not any(data.iterdir())


# -- PDF, and the formats that cannot be read ---------------------------------------------


def test_a_pdf_table_reads_as_its_word_original(capsys):
    as_pdf = tasks_of(TABLES / "lead_partner_deadline.pdf", capsys)
    as_word = tasks_of(TABLES / "lead_partner_deadline.docx", capsys)
    assert len(as_pdf) == 3
    assert as_pdf == as_word


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # the start of a .doc / .wps file


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notice.doc", OLE, "另存为 .docx 或纯文本"),
        ("notice.wps", OLE, "另存为 .docx 或纯文本"),
        ("notice.txt", OLE, "另存为 .docx 或纯文本"),  # a .doc renamed
        ("scan.pdf", (TABLES / "bad_image_only.pdf").read_bytes(), "没有文字层"),
        ("broken.pdf", b"%PDF-1.4\nnot really a pdf\n", "读不了这个 PDF"),
    ],
)
def test_an_unreadable_format_is_one_clear_line(name, content, words, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    source = tmp_path / name
    source.write_bytes(content)
    status, _, err = run([str(source), "--data-dir", str(data)], capsys)
    assert status == 1
    problems = [m for m in err.splitlines() if m and not m.startswith("导入失败")]
    assert len(problems) == 1 and problems[0].startswith(f"{source}:1: "), err
    assert words in problems[0]
    assert not any(data.iterdir())
