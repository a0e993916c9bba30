"""The importer reads notices by their grammar, not by one example's string: numbering
anomalies, the lead rule in other words, unit names, unit-first sentences, a 责任单位 line
after numbered sub-items. Each rule has a table of paraphrases written from its grammar
(other words, simplified and traditional script, full- and half-width punctuation, with
and without 下同)."""

from __future__ import annotations

import json
import shutil

import import_notice  # scripts/ is on pytest's pythonpath (pyproject.toml)
import pytest
import yaml
from fengong.data.load import check
from fengong.data.validate import NUMBERING_GAP
from fengong.importer import units as unit_lists
from fengong.importer.parse import parse
from fengong.importer.read import PdfLine, _join_wrapped, read_lines, read_source
from fengong.importer.run import import_notice as run_import
from fengong.textnorm import normalise
from sitebuild import ROOT


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        status = import_notice.main(argv)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def parsed(text: str):
    return parse(text.splitlines(), "notice.txt")


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


# --- 1. numbering anomalies are warnings at the source line -----------------------------

# Part 一 was never printed (or lost in a copy); clause （二） is missing under part 三.
GAPS = """\
二、支持企业稳定岗位

（一）加大援企稳岗力度。

1．落实失业保险稳岗返还政策。（责任单位：区人力社保局、区财政局）

三、促进重点群体就业

（一）做好高校毕业生就业工作。

2．实施高校毕业生就业促进计划。（责任单位：区教委、区人力社保局）

（三）做好退役军人就业工作。

3．落实退役军人就业扶持政策。（责任单位：区退役军人事务局）
"""


def test_numbering_gaps_are_warnings_at_the_source_line(tmp_path, capsys):
    source = tmp_path / "notice.txt"
    source.write_text(GAPS, encoding="utf-8")

    status, out, err = run(["--json", "-", str(source)], capsys)

    assert status == 0, err
    assert "Traceback" not in err
    assert "notice.yaml" not in err  # no file the preview did not write
    part_line = line_of(GAPS, "二、支持企业")
    clause_line = line_of(GAPS, "（三）做好退役军人")
    assert f"{source}:{part_line}: 警告：通知中的部分序号跳过了 1（" in err, err
    assert f"{source}:{clause_line}: 警告：通知中第3部分的条款序号跳过了 2（" in err, err
    tasks = json.loads(out)["tasks"]
    assert [(t["number"], t["part"], t["clause"]) for t in tasks] == [
        (1, 2, 1),
        (2, 3, 1),
        (3, 3, 3),
    ]


def test_a_notice_with_numbering_gaps_is_written_and_loads(tmp_path, capsys):
    """The data check (validate) warns about a gap in part or clause numbers; it no longer
    refuses the data, so the import writes it and the site loads."""
    source = tmp_path / "notice.txt"
    source.write_text(GAPS, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(ROOT / "data" / "units.yaml", data / "units.yaml")

    status, _, err = run(["--data-dir", str(data), str(source)], capsys)

    assert status == 0, err
    assert "notice.yaml" not in err
    site, problems = check(data, shown_dir="data")
    assert site is not None, [str(p) for p in problems]
    shown = [str(p) for p in problems if NUMBERING_GAP in p.message]
    assert any("警告：部分序号跳过了 1；" in p for p in shown), shown
    assert any("警告：第3部分的条款序号跳过了 2；" in p for p in shown), shown
    assert not [p for p in problems if p.severity == "error"]


# --- 2. the lead rule as a grammar -------------------------------------------------------

LEAD_RULES = (
    "排在第一位的部门为牵头部门，下同",
    "排在首位的爲牽頭單位，下同",  # mixed scripts, as one notice has it
    "列第一位者为牵头单位",
    "排名第一的单位是牵头单位，以下同",
    "列在首位的单位为牵头单位",
    "第一个单位为牵头单位,下同",  # half-width comma
    "排在最前的为牵头单位",
    "列第1位的部门系牵头部门",
    "排在前面的单位牵头",
    "牵头单位为排在第一位的单位",
    "列於首位者為牽頭單位；下同",  # traditional, full-width semicolon
    "排第一位的部門為牽頭部門(下同)",  # traditional, half-width parentheses
)

NOT_LEAD_RULES = (
    "区财政局牵头",
    "第一牵头单位",
    "把就业放在首位",
    "由区发改委牵头抓总",
    "首先由区财政局牵头，区教委配合",
    "排在第一位的任务要优先落实",
)


@pytest.mark.parametrize("rule", LEAD_RULES)
def test_the_lead_rule_is_read_in_its_words(rule):
    norm = normalise(rule)
    found = unit_lists.find_lead_rule(norm)
    assert found is not None, rule
    start, end = found
    assert "牵头" in norm[start:end]
    assert unit_lists.is_lead_rule(norm)


@pytest.mark.parametrize("text", NOT_LEAD_RULES)
def test_words_that_are_no_lead_rule(text):
    assert unit_lists.find_lead_rule(normalise(text)) is None


LATER_TASKS = """
2．实施高校毕业生就业促进计划。（责任单位：区教委、区人力社保局、区财政局）

3．落实退役军人就业扶持政策。（区退役军人事务局、区人力社保局负责）
"""


FIRST_TEXT = "落实失业保险稳岗返还政策，对不裁员的企业返还失业保险费。"


def first_task(parenthesis: str) -> str:
    return f"1．{FIRST_TEXT}{parenthesis}\n" + LATER_TASKS


# The rule inside the first task's unit parenthesis, before or after the names, in every
# way of writing it: the first task keeps its units, and every task's first unit leads.
@pytest.mark.parametrize(
    "parenthesis",
    [
        *(f"（区人力社保局、区财政局，{rule}）" for rule in LEAD_RULES),
        *(f"(区人力社保局、区财政局;{rule})" for rule in LEAD_RULES[:4]),
        *(f"（責任單位：区人力社保局、区财政局。{rule}）" for rule in LEAD_RULES[:4]),
        *(f"（{rule}。责任单位：区人力社保局、区财政局）" for rule in LEAD_RULES[:4]),
        "（区人力社保局、区财政局负责，排在第一位的部门为牵头部门，下同）",
    ],
)
def test_a_lead_rule_in_the_first_tasks_parenthesis(parenthesis):
    notice, _ = parsed(first_task(parenthesis))

    assert notice.lead_rule, parenthesis
    assert notice.lead_rule_line == 1
    units = [(t.number, t.units, t.lead) for t in notice.tasks]
    assert units == [
        (1, ["区人力社保局", "区财政局"], ["区人力社保局"]),
        (2, ["区教委", "区人力社保局", "区财政局"], ["区教委"]),
        (3, ["区退役军人事务局", "区人力社保局"], ["区退役军人事务局"]),
    ], parenthesis
    assert notice.tasks[0].text == FIRST_TEXT


@pytest.mark.parametrize(
    "prose",
    [
        "各项任务中，排在第一位的部门为牵头部门。",
        "（列第一位者为牵头单位，下同）",
        "多个单位负责的，排在首位的爲牽頭單位。",
        "以上任务，牵头单位为排在第一位的单位;其他单位配合。",
        "请各单位抓好落实，列在首位的单位是牵头单位，下同。",
    ],
)
def test_a_lead_rule_in_prose(prose):
    text = f"为做好稳就业工作，现将任务分工如下。\n{prose}\n\n" + first_task(
        "（责任单位：区人力社保局、区财政局）"
    )
    notice, _ = parsed(text)

    assert notice.lead_rule and "牵头" in normalise(notice.lead_rule), prose
    assert notice.lead_rule_line == 2
    assert [t.lead for t in notice.tasks] == [["区人力社保局"], ["区教委"], ["区退役军人事务局"]]


def test_without_a_lead_rule_no_task_has_a_lead():
    notice, _ = parsed(first_task("（责任单位：区人力社保局、区财政局）"))
    assert notice.lead_rule == ""
    assert [t.lead for t in notice.tasks] == [[], [], []]


# --- 3. one unit-name recognizer --------------------------------------------------------

UNIT_NAMES = (
    "区财政局",
    "市城乡规划局",
    "县发展和改革委员会",
    "省人民政府办公厅",
    "国家发展改革委",
    "自治区商务厅",
    "州统计局",
    "旗农牧局",
    "市政府办公室",
    "区委办",
    "海关总署",
    "国家税务总局",
    "市公安局交通管理分局",
    "区人民法院",
    "区人民检察院",
    "高新区管委会",
    "市公共资源交易中心",
    "人民银行县支行",
    "国家开发银行",
    "中国铁路集团",
    "市城投公司",
    "城关街道",
    "龙水镇",
    "石马乡",
    "区动物卫生监督所",
    "县气象站",
    "市消防救援支队",
    "区融媒体中心",
    "县广播电视台",
    "市供销社",
    "区残联",
    "团区委",
    "区妇联",
    "区總工會",  # traditional
    "團市委",
    "各镇街",
    "各乡镇人民政府",
    "有关部门",
    "相关单位",
    "其他成员单位",
    "各区县（自治县）",
    "区财政局等",
    "区教委等有关部门",
    "区稳就业工作领导小组",
    "区防汛抗旱指挥部",
)

NEVER_UNITS = (
    "张三同志",
    "王五同志",
    "2021年",
    "2019—2021年",
    "6月底前",
    "年底前",
    "试行",
    "暂行",
    "以下简称市发展改革委",
    "简称区委",
    "500万元",
    "3.5%",
    "2个百分点",
    "市",
    "县",
    "长期坚持",
    "含技工院校",
    "落实失业保险稳岗返还政策",
)


@pytest.mark.parametrize("name", UNIT_NAMES)
def test_unit_shaped_names(name):
    assert unit_lists.unit_shaped(normalise(name)), name


@pytest.mark.parametrize("text", NEVER_UNITS)
def test_never_a_unit(text):
    assert not unit_lists.unit_shaped(normalise(text)), text


@pytest.mark.parametrize(
    "parenthesis",
    [
        "（张三同志负责）",
        "（试行）",
        "（2021年6月底前完成）",
        "（以下简称市住建委）",
        "（500万元）",
    ],
)
def test_a_parenthesis_of_no_units_is_no_unit_list(parenthesis):
    assert unit_lists.find_unit_list(normalise(f"落实稳岗返还政策{parenthesis}")) is None


# --- 4. unit-first sentences -------------------------------------------------------------

# (sentence, [(unit, role)]): the subject names the units; 牵头/会同 mark who leads, 协同
# marks the unit after it as the lead.
UNIT_FIRST = (
    ("市城乡规划局负责编制全市城乡规划。", [("市城乡规划局", "responsible")]),
    ("市城鄉規劃局負責編制全市城鄉規劃。", [("市城鄉規劃局", "responsible")]),
    (
        "市住建局、市交通局协同市城管局负责市容环境整治。",
        [("市住建局", "partner"), ("市交通局", "partner"), ("市城管局", "lead")],
    ),
    (
        "市住建局和市交通局協同市城管局負責市容環境整治。",
        [("市住建局", "partner"), ("市交通局", "partner"), ("市城管局", "lead")],
    ),
    (
        "由市发改委牵头，市财政局、市统计局配合，建立投资统计制度。",
        [("市发改委", "lead"), ("市财政局", "partner"), ("市统计局", "partner")],
    ),
    (
        "由市发改委牵头,市财政局参与,建立投资统计制度。",
        [("市发改委", "lead"), ("市财政局", "partner")],
    ),
    (
        "市教育局会同市人社局做好高校毕业生就业工作。",
        [("市教育局", "lead"), ("市人社局", "partner")],
    ),
    (
        "县发展和改革委员会会同县财政局、县统计局负责项目储备。",
        [("县发展和改革委员会", "lead"), ("县财政局", "partner"), ("县统计局", "partner")],
    ),
    (
        "区卫生健康委牵头负责基层医疗机构建设。",
        [("区卫生健康委", "lead")],
    ),
    ("各镇街负责本辖区的隐患排查。", [("各镇街", "responsible")]),
    (
        "市教育局与市人社局共同负责高校毕业生就业工作。",
        [("市教育局", "responsible"), ("市人社局", "responsible")],
    ),
    (
        "市发改委、市财政局按职责分工负责项目资金保障。",
        [("市发改委", "responsible"), ("市财政局", "responsible")],
    ),
    (
        "区财政局牵头、区税务局配合做好减税降费。",
        [("区财政局", "lead"), ("区税务局", "partner")],
    ),
    (
        "市教育局牵头，市人社局、市财政局配合，做好就业工作。",
        [("市教育局", "lead"), ("市人社局", "partner"), ("市财政局", "partner")],
    ),
)

NOT_UNIT_FIRST = (
    "各单位负责同志要高度重视，亲自部署。",
    "各部门负责人要切实履行第一责任人职责。",
    "加强组织领导，负责全面工作。",
    "张三同志负责全面工作。",
    "2021年负责完成改造。",
    "建立健全工作机制，由区政府统筹。",
    "落实属地责任，会同有关方面推进。",
)


@pytest.mark.parametrize(("sentence", "expected"), UNIT_FIRST)
def test_unit_first_sentence(sentence, expected):
    units = unit_lists.read_unit_first(sentence, normalise(sentence))
    assert units is not None, sentence
    assert list(zip(units.names, units.roles, strict=True)) == expected


@pytest.mark.parametrize("sentence", NOT_UNIT_FIRST)
def test_not_a_unit_first_sentence(sentence):
    assert unit_lists.read_unit_first(sentence, normalise(sentence)) is None


def test_a_notice_of_unit_first_tasks():
    """Numbered tasks whose sentences open with their units: each gets its units and the
    lead the sentence marks; the text stays whole; no task is lost."""
    text = "\n".join(
        [
            "关于印发2021年重点工作任务分工的通知",
            "各镇街，区级各部门：",
            "现将重点工作任务分工印发给你们，请认真贯彻落实。",
            "附件",
            "2021年重点工作任务分工",
            "一、加强规划管理",
            *(f"{n}．{sentence}" for n, (sentence, _) in enumerate(UNIT_FIRST, start=1)),
        ]
    )
    notice, _ = parsed(text)

    assert len(notice.tasks) == len(UNIT_FIRST)
    for task, (sentence, expected) in zip(notice.tasks, UNIT_FIRST, strict=True):
        assert task.text == sentence
        assert list(zip(task.units, task.roles, strict=True)) == expected, sentence
        assert task.lead == [name for name, role in expected if role == "lead"]
        assert task.part == 1


# --- 5. a 责任单位 line after a task's numbered sub-items ----------------------------------

SUB_ITEMS = (
    ("（1）", "（2）", "（3）", "（4）"),
    ("(1)", "(2)", "(3)", "(4)"),
    ("1）", "2）", "3）", "4）"),
    ("①", "②", "③", "④"),
    ("1)", "2)", "3)", "4)"),
)
UNIT_LINES = (
    "责任单位：区人力社保局、区财政局",
    "責任單位：区人力社保局、区财政局。",
    "牵头单位：区人力社保局；配合单位：区财政局",
    "责任单位:区人力社保局、区财政局",
    "〔责任单位：区人力社保局、区财政局〕",
)


@pytest.mark.parametrize("unit_line", UNIT_LINES)
@pytest.mark.parametrize("markers", SUB_ITEMS)
def test_a_unit_line_after_sub_items_covers_the_whole_task(markers, unit_line):
    items = (
        "开展春风行动招聘会。",
        "组织送岗位下乡活动。",
        "举办高校毕业生专场招聘。",
        "开展就业援助月活动。",
    )
    text = "\n".join(
        [
            "一、加强就业服务",
            "1．开展公共就业服务专项活动。",
            *(marker + item for marker, item in zip(markers, items, strict=True)),
            unit_line,
            "2．落实退役军人就业扶持政策。（责任单位：区退役军人事务局）",
        ]
    )
    notice, problems = parsed(text)

    assert [t.number for t in notice.tasks] == [1, 2]
    first = notice.tasks[0]
    assert first.units == ["区人力社保局", "区财政局"]
    assert first.text.startswith("开展公共就业服务专项活动。")
    assert all(item in first.text for item in items)
    assert notice.tasks[1].units == ["区退役军人事务局"]
    assert not [p for p in problems if p.severity == "error"]


# --- 6. PDF lines wrapped at the page width ----------------------------------------------

PDF_FIXTURE = ROOT / "tests" / "fixtures" / "pdf" / "02_guofa2018-39_cujin-jiuye.pdf"
PDF_TEXT = ROOT / "tests" / "fixtures" / "notices-real" / "02_guofa2018-39_cujin-jiuye.txt"


def imported(source):
    result = run_import(source, ROOT / "data", write=False)
    assert not result.failed, [str(p) for p in result.problems]
    tasks = [
        (t["number"], t["part"], t["clause"], t["text"], t["units"], t["lead"])
        for t in result.json["tasks"]
    ]
    return tasks, result.report


def test_a_pdf_gives_the_tasks_of_its_text():
    """The real fixture's text printed to A4 PDF by LibreOffice Writer: its paragraphs are
    wrapped at the page width (55 page lines); joined again, the tasks are the text's."""
    from_pdf, report = imported(PDF_FIXTURE)
    from_text, _ = imported(PDF_TEXT)

    assert len(from_text) == 15
    assert from_pdf == from_text
    assert any(line.startswith("PDF 折行已接回：55 行") for line in report), report


INDENTED = ROOT / "tests" / "fixtures" / "pdf" / "16_guofa2018-42_nongye-jixiehua"


def test_an_indented_pdf_with_page_numbers_gives_the_tasks_of_its_word_original():
    """A Word original with first-line indents and a page-number footer, printed to PDF:
    the 6 page numbers are left out, the lines joined across pages, and the tasks are the
    .docx's and the text's."""
    from_pdf, report = imported(INDENTED.with_suffix(".pdf"))
    from_docx, _ = imported(INDENTED.with_suffix(".docx"))
    from_text, _ = imported(PDF_TEXT.with_name(INDENTED.name + ".txt"))

    assert len(from_text) == 18
    assert from_pdf == from_docx == from_text
    source = read_source(INDENTED.with_suffix(".pdf"), "notice.pdf")
    assert source.page_numbers == 6
    assert source.lines == [line for line in read_lines(INDENTED.with_suffix(".docx"), "d") if line]
    assert any(
        line.startswith(f"PDF 折行已接回：{source.joined} 行") and line.endswith("略去页码：6 个")
        for line in report
    ), report


def test_the_pdf_lines_are_the_texts_paragraphs():
    text = [line for line in PDF_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    source = read_source(PDF_FIXTURE, "notice.pdf")
    assert source.lines == text
    assert source.joined == 55


def page_line(text, x1=540.0, x0=50.0, lead=0.0, row=False):
    return PdfLine(text, x0, x1, 50.0, 550.0, 10.0, lead, row)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a line that runs to the edge continues on the next
        ((page_line("一二三四五，"), page_line("六七八。", x1=100)), ["一二三四五，六七八。"]),
        # even after a full stop, when the next line does not open a numbered paragraph
        ((page_line("一二三。"), page_line("四五六。", x1=100)), ["一二三。四五六。"]),
        # a short line ends its paragraph
        ((page_line("一二三。", x1=300), page_line("四五六。")), ["一二三。", "四五六。"]),
        # an indented line opens a new one
        ((page_line("一二三，"), page_line("四五六。", x0=70)), ["一二三，", "四五六。"]),
        # a number after a finished sentence opens a new one: 1． （一） 一、 ①
        ((page_line("一二三。"), page_line("1．四五六。")), ["一二三。", "1．四五六。"]),
        ((page_line("一二三；"), page_line("（二）四五六。")), ["一二三；", "（二）四五六。"]),
        ((page_line("一二三："), page_line("二、四五六")), ["一二三：", "二、四五六"]),
        ((page_line("一二三。"), page_line("②四五六。")), ["一二三。", "②四五六。"]),
        # a run of digits that did not fit wrapped whole: the line before stops short of it
        (
            (page_line("一二三的", x1=490), page_line("50%。2019年", lead=45)),
            ["一二三的50%。2019年"],
        ),
        ((page_line("一二三的", x1=490), page_line("四五六")), ["一二三的", "四五六"]),
        # table rows are never joined
        ((page_line("一\t二", row=True), page_line("三\t四", row=True)), ["一\t二", "三\t四"]),
    ],
)
def test_wrapped_lines_are_joined(lines, expected):
    joined, count = _join_wrapped(list(lines))
    assert joined == expected
    assert count == len(lines) - len(expected)


# --- tasks grouped under the unit that leads them ---------------------------------------


@pytest.mark.parametrize(
    ("heading", "names", "role"),
    [
        ("一、县示范区管委会牵头工作(8项)", ["县示范区管委会"], "lead"),
        ("一、县示范区管委会牵头工作（8项）", ["县示范区管委会"], "lead"),
        ("二、區財政局牽頭任務", ["區財政局"], "lead"),
        ("三、县发展和改革委员会牵头的重点工作", ["县发展和改革委员会"], "lead"),
        ("四、县教育局、县人社局负责的事项", ["县教育局", "县人社局"], "responsible"),
        ("（一）县住建局牵头事项（3项）", ["县住建局"], "lead"),
    ],
)
def test_tasks_under_a_heading_that_names_their_lead(heading, names, role):
    text = "\n".join(
        [
            "附件1",
            "2025年县政府工作报告任务清单",
            heading,
            "1.投资3000万元建设南美白对虾工厂化循环水养殖基地。",
            "2.打造食用菌酵素生产基地。",
        ]
    )
    notice, _ = parsed(text)
    assert [t.text for t in notice.tasks] == [
        "投资3000万元建设南美白对虾工厂化循环水养殖基地。",
        "打造食用菌酵素生产基地。",
    ]
    for task in notice.tasks:
        assert task.units == names
        assert task.roles == [role] * len(names)


@pytest.mark.parametrize(
    "heading",
    ["一、加强组织领导", "一、牵头抓总", "一、坚持党的领导负责到底", "一、2025年牵头工作"],
)
def test_a_heading_that_names_no_unit_gives_none(heading):
    assert unit_lists.read_group_heading(heading[2:], normalise(heading[2:])) is None


# --- leaders (people) named in a task's unit parenthesis ------------------------------------


@pytest.mark.parametrize(
    ("parenthesis", "leaders", "units", "lead"),
    [
        ("(责任领导:杜新国;牵头单位:区发改局)", ["杜新国"], ["区发改局"], ["区发改局"]),
        (
            "（责任领导：杜新国、丁玲；牵头单位：区发改局、区农业农村局）",
            ["杜新国", "丁玲"],
            ["区发改局", "区农业农村局"],
            ["区发改局", "区农业农村局"],
        ),
        (
            "(責任領導:洪聲耀;牽頭單位:區交通運輸局;責任單位:區發改局、區林業局,相關鄉鎮辦)",
            ["洪聲耀"],
            ["區交通運輸局", "區發改局", "區林業局", "相關鄉鎮辦"],
            ["區交通運輸局"],
        ),
        (
            "（分管领导：王五；责任单位：区财政局、区税务局）",
            ["王五"],
            ["区财政局", "区税务局"],
            [],
        ),
        (
            "〔牵头负责领导：李四  牵头单位：区住建委  配合单位：区财政局〕",
            ["李四"],
            ["区住建委", "区财政局"],
            ["区住建委"],
        ),
    ],
)
def test_leaders_in_the_unit_parenthesis_are_people_not_units(parenthesis, leaders, units, lead):
    notice, _ = parsed(f"1．地区生产总值增长8%以上。{parenthesis}")
    (task,) = notice.tasks
    assert task.text == "地区生产总值增长8%以上。"
    assert task.leaders == leaders
    assert task.units == units
    assert task.lead == lead


# --- a bare parenthesis of unit names closing a task -------------------------------------


@pytest.mark.parametrize(
    ("ending", "units"),
    [
        ("增长12%。（市发改委）", ["市发改委"]),
        ("增长12%。(市经委、环保局)", ["市经委", "环保局"]),
        ("增長12%。（市發改委、市統計局）", ["市發改委", "市統計局"]),
        ("增长12%；〔区财政局〕", ["区财政局"]),
        ("增长12%。（市发改委）。", ["市发改委"]),
    ],
)
def test_a_bare_parenthesis_after_the_last_sentence_lists_the_units(ending, units):
    notice, _ = parsed(f"1．地区生产总值增长12%。\n全市生产总值达到3260亿元，{ending}")
    (task,) = notice.tasks
    assert task.units == units
    assert not any(bracket in task.text for bracket in "（(〔")
    assert task.text.startswith("地区生产总值增长12%。全市生产总值达到3260亿元，")


@pytest.mark.parametrize(
    "ending",
    ["（此件公开发布）", "（试行）", "（2019—2021年）", "（含技工院校）", "（张三同志）"],
)
def test_a_bare_parenthesis_of_no_units_is_kept_as_text(ending):
    notice, _ = parsed(f"1．地区生产总值增长12%。{ending}\n2．稳定就业。（责任单位：区人社局）")
    assert notice.tasks[0].units == []
    assert notice.tasks[0].text.endswith(ending)


def test_a_mid_sentence_parenthesis_of_units_is_no_unit_list():
    """（市发改委） inside a sentence (no sentence ends before it) stays text."""
    text = "1．支持项目建设单位（市发改委）做好前期工作\n2．稳定就业。（责任单位：区人社局）"
    notice, _ = parsed(text)
    assert notice.tasks[0].units == []


# --- a paragraph indent a narrower encoding turned into ?? --------------------------------


@pytest.mark.parametrize("indent", ["??", "？？", "????", "  ??"])
def test_a_lost_indent_is_no_text(indent):
    lines = [
        "一、讓企業辦事更省心",
        "(一)提升線上服務友好度。具體措施:",
        "1.推廣遠程身份核驗等應用。(責任單位:區府辦、區行政服務中心)",
        "2.推出10項高頻事項。（责任单位：区府办）",
    ]
    plain, _ = parsed("\n".join(lines))
    indented, _ = parsed("\n".join(indent + line for line in lines))
    assert [(t.text, t.units, t.part, t.clause) for t in indented.tasks] == [
        (t.text, t.units, t.part, t.clause) for t in plain.tasks
    ]
    assert len(plain.tasks) == 2
    assert not any("?" in t.text or "？" in t.text for t in indented.tasks)


@pytest.mark.parametrize(
    ("sentence", "expected", "open_ended"),
    [
        (
            "关于“严守耕地保护红线”的问题，由国土资源部会同农业部等部门负责落实。",
            [("国土资源部", "lead"), ("农业部", "partner")],
            "等部门",
        ),
        (
            "關於“嚴守耕地保護紅線”的問題,由國土資源部會同農業部等部門負責落實。",
            [("國土資源部", "lead"), ("農業部", "partner")],
            "等部門",
        ),
        (
            "关于粮食安全的问题，由发展改革委会同中央农办、农业部、财政部等部门研究提出落实意见。",
            [
                ("发展改革委", "lead"),
                ("中央农办", "partner"),
                ("农业部", "partner"),
                ("财政部", "partner"),
            ],
            "等部门",
        ),
        (
            "为加快项目建设，由市发改委牵头，市财政局配合，建立协调机制。",
            [("市发改委", "lead"), ("市财政局", "partner")],
            "",
        ),
        (
            "对符合条件的企业，由区人社局负责审核。",
            [("区人社局", "responsible")],
            "",
        ),
    ],
)
def test_a_unit_first_clause_after_you(sentence, expected, open_ended):
    units = unit_lists.read_unit_first(sentence, normalise(sentence))
    assert units is not None, sentence
    assert list(zip(units.names, units.roles, strict=True)) == expected
    assert units.open_ended == open_ended


@pytest.mark.parametrize(
    "sentence",
    [
        "由此产生的贴息资金由地方财政承担。",
        "各地可因地制宜，由此产生的费用由企业负责。",
        "对困难企业，由政府给予补贴。",
    ],
)
def test_you_with_no_units_after_it(sentence):
    assert unit_lists.read_unit_first(sentence, normalise(sentence)) is None


# --- posts of leaders named first in a unit list ------------------------------------------


@pytest.mark.parametrize(
    ("inner", "leaders", "units", "lead_rule"),
    [
        (
            "分管副省长、协管副秘书长负责，省国资委牵头。明确牵头部门的，有关部门配合，下同",
            ["分管副省长", "协管副秘书长"],
            [("省国资委", "lead")],
            "",
        ),
        (
            "分管副省长、协管副秘书长负责,省经信委、省发改委负责。责任单位两个以上的,"
            "列第一者为牵头单位,下同",
            ["分管副省长", "协管副秘书长"],
            [("省经信委", "responsible"), ("省发改委", "responsible")],
            "责任单位两个以上的,列第一者为牵头单位,下同",
        ),
        (
            "分管副市长負責，市財政局牽頭",
            ["分管副市长"],
            [("市財政局", "lead")],
            "",
        ),
        (
            "常务副县长、县委副书记负责；县发改局、县财政局负责",
            ["常务副县长"],
            None,
            "",
        ),
        (
            "分管副区长负责，区住建委牵头，区财政局配合",
            ["分管副区长"],
            [("区住建委", "lead"), ("区财政局", "partner")],
            "",
        ),
    ],
)
def test_posts_of_leaders_are_no_units(inner, leaders, units, lead_rule):
    norm = normalise(inner)
    if units is None:  # 县委副书记 is no post this grammar knows: no list, no guess
        assert not unit_lists._is_unit_list(norm)
        return
    assert unit_lists._is_unit_list(norm)
    found = unit_lists.read_unit_list(inner, norm)
    assert found.leaders == leaders
    assert list(zip(found.names, found.roles, strict=True)) == units
    assert found.lead_rule == lead_rule


# --- a clause heading over unnumbered task paragraphs -------------------------------------


@pytest.mark.parametrize(
    ("heading", "close"),
    [
        ("（一）推动经济稳定健康发展，必须发挥消费、投资、出口均衡拉动作用。", ("（", "负责）")),
        ("(一)推动经济稳定健康发展,必须发挥消费、投资、出口均衡拉动作用。", ("(", "负责)")),
        ("（一）推動經濟穩定健康發展，必須發揮消費、投資、出口均衡拉動作用。", ("（", "負責）")),
        ("（一）推动经济稳定健康发展。", ("（", "等负责）")),
        ("（一）重点抓好以下工作：", ("（责任单位：", "）")),
    ],
)
def test_a_clause_heading_over_unnumbered_task_paragraphs(heading, close):
    opening, closing = close
    text = "\n\n".join(
        [
            "一、在新常态下保持经济持续健康发展",
            heading,
            f"认真贯彻落实积极的财政政策。{opening}省发展改革委、省财政厅{closing}",
            f"发挥投资的关键作用。{opening}省经济和信息化委{closing}",
            "（二）推进改革开放。",
            f"深化重点领域改革。{opening}省商务厅{closing}",
        ]
    )
    notice, _ = parsed(text)
    assert [(t.text, t.units, t.part, t.clause) for t in notice.tasks] == [
        ("认真贯彻落实积极的财政政策。", ["省发展改革委", "省财政厅"], 1, 1),
        ("发挥投资的关键作用。", ["省经济和信息化委"], 1, 1),
        ("深化重点领域改革。", ["省商务厅"], 1, 2),
    ]
    assert [c.number for c in notice.clauses] == [1, 2]


# --- unit-first paragraphs, unnumbered, under headings -----------------------------------

PARAGRAPHS = (
    ("市城乡规划局负责编制全市城乡规划，组织实施规划管理。", [("市城乡规划局", "responsible")]),
    (
        "市住建局、市交通局协同市城管局负责市容环境整治。",
        [("市住建局", "partner"), ("市交通局", "partner"), ("市城管局", "lead")],
    ),
    (
        "由市发改委牵头，市财政局配合，建立重大项目协调机制。",
        [("市发改委", "lead"), ("市财政局", "partner")],
    ),
    (
        "市教育局会同市人社局做好高校毕业生就业工作。",
        [("市教育局", "lead"), ("市人社局", "partner")],
    ),
    ("市衛生健康委負責基層醫療機構建設。", [("市衛生健康委", "responsible")]),
)


@pytest.mark.parametrize(
    "headings",
    [
        ("一、职责分工", "二、工作要求"),
        ("一、職責分工", "二、工作要求"),
        ("（一）规划建设", "（二）社会事业"),
        ("(一)规划建设。", "(二)社会事业。"),
        ("一、规划建设：", "二、社会事业："),
    ],
)
@pytest.mark.parametrize("blank", ["\n", "\n\n"])
def test_unnumbered_unit_first_paragraphs_are_tasks(headings, blank):
    first, second = headings
    text = blank.join(
        [
            "附件",
            "2021年重点工作任务分工",
            first,
            *(sentence for sentence, _ in PARAGRAPHS[:3]),
            second,
            *(sentence for sentence, _ in PARAGRAPHS[3:]),
        ]
    )
    notice, _ = parsed(text)

    got = [(t.text, list(zip(t.units, t.roles, strict=True))) for t in notice.tasks]
    assert got == [(sentence, expected) for sentence, expected in PARAGRAPHS]
    groups = [t.part if first.startswith("一") else t.clause for t in notice.tasks]
    assert groups == [1, 1, 1, 2, 2]


# --- numbers that start again --------------------------------------------------------------

RESTARTS = """\
一、支持企业稳定岗位
（一）加大援企稳岗力度。
1．落实失业保险稳岗返还政策。（责任单位：区人力社保局）
（二）减轻企业负担。
2．降低社会保险费率。（责任单位：区财政局）
（一）落实减税政策。
3．落实小微企业减税政策。（责任单位：区税务局）
二、促进重点群体就业
4．做好高校毕业生就业工作。（责任单位：区教委）
一、强化就业服务
5．做好退役军人就业工作。（责任单位：区退役军人事务局）
"""


def test_numbers_that_start_again_are_warnings_and_numbered_in_order(tmp_path, capsys):
    source = tmp_path / "notice.txt"
    source.write_text(RESTARTS, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(ROOT / "data" / "units.yaml", data / "units.yaml")

    status, _, err = run(["--data-dir", str(data), str(source)], capsys)

    assert status == 0, err
    assert "notice.yaml" not in err
    part_line = line_of(RESTARTS, "一、强化就业服务")
    clause_line = line_of(RESTARTS, "（一）落实减税政策")
    assert f"{source}:{part_line}: 警告：通知中的部分序号重新开始（第二个第1部分）" in err, err
    assert f"{source}:{clause_line}: 警告：通知中第1部分的条款序号重新开始（第二个第1条）" in err, (
        err
    )
    site, problems = check(data, shown_dir="data")
    assert site is not None, [str(p) for p in problems]
    status, out, err = run(["--json", "-", str(source)], capsys)
    tasks = json.loads(out)["tasks"]
    assert [(t["part"], t["clause"], t["units"]) for t in tasks] == [
        (1, 1, ["区人力社保局"]),
        (1, 2, ["区财政局"]),
        (1, 3, ["区税务局"]),
        (2, None, ["区教委"]),
        (3, None, ["区退役军人事务局"]),
    ]


# The rule beside the names of a labelled line or parenthesis, in brackets of its own,
# after a semicolon or a full stop, or before the names: the names are the units, never
# a name with a bracket left on it.
@pytest.mark.parametrize(
    ("first", "rule"),
    [
        (
            "1．落实稳岗返还政策。\n责任单位：区人力社保局、区财政局（列第一位者为牵头单位，下同）",
            "列第一位者为牵头单位，下同",
        ),
        (
            "1．落实稳岗返还政策。\n责任单位：区人力社保局、区财政局(列第一位者为牵头单位)。",
            "列第一位者为牵头单位",
        ),
        (
            "1．落实稳岗返还政策。（责任单位：区人力社保局、区财政局，排在首位的为牵头单位）",
            "排在首位的为牵头单位",
        ),
        (
            "1．落实稳岗返还政策。\n責任單位：区人力社保局、区财政局。排在第一位的爲牽頭單位，下同。",
            "排在第一位的爲牽頭單位，下同",
        ),
        (
            "1．落实稳岗返还政策。（牵头单位为排在第一位的单位，下同：区人力社保局、区财政局）",
            "牵头单位为排在第一位的单位，下同",
        ),
    ],
)
def test_a_lead_rule_beside_the_names(first, rule):
    later = "\n2．实施高校毕业生就业促进计划。（责任单位：区教委、区人力社保局）"
    notice, _ = parsed(first + later)
    assert notice.lead_rule == rule
    assert [(t.units, t.lead) for t in notice.tasks] == [
        (["区人力社保局", "区财政局"], ["区人力社保局"]),
        (["区教委", "区人力社保局"], ["区教委"]),
    ]


@pytest.mark.parametrize(
    ("line", "units"),
    [
        (
            "一、主要工作目标 1、地区生产总值增长11%(市发改委)。 2、固定资产投资增长25%(市发改委)。"
            " 3、社会消费品零售总额增长16%(市商务局)。",
            [["市发改委"], ["市发改委"], ["市商务局"]],
        ),
        (
            "一、主要目標 1.地區生產總值增長11%（市發改委）。 2.固定資產投資增長25%（市發改委、"
            "市統計局）。 3.財政收入增長13%（市財政局）。",
            [["市發改委"], ["市發改委", "市統計局"], ["市財政局"]],
        ),
        (
            "一、工作目标\u3000（一）稳定就业\u30001．城镇新增就业1.4万人（区人力社保局）。"
            "\u30002．登记失业率控制在3.3%以内（区人力社保局、区统计局）。",
            [["区人力社保局"], ["区人力社保局", "区统计局"]],
        ),
        (
            "各有关单位： 现分解如下。 1．增长8%（责任单位：市发改委）。 2．增长9%（责任单位："
            "市统计局）。 3．增长10%（责任单位：市财政局）。",
            [["市发改委"], ["市统计局"], ["市财政局"]],
        ),
        (
            "一、目标任务 ① 新增就业1万人(县人社局,县财政局)。 ② 技能培训5000人次(县人社局)。"
            " ③ 创业担保贷款1亿元(县财政局、县人社局)。",
            [["县人社局", "县财政局"], ["县人社局"], ["县财政局", "县人社局"]],
        ),
    ],
)
def test_items_run_together_on_one_line_are_read(tmp_path, capsys, line, units):
    """A copy that lost its paragraph breaks (the whole annex on one line, each number after
    a space): split again at its numbers, read as the notice it is, and the lines read are
    stored as the source, so that every line number names what was read."""
    text = "关于分解落实《政府工作报告》的通知\n" + line + "\n"
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")
    data = tmp_path / "data"

    status, out, err = run([str(source), "--data-dir", str(data)], capsys)

    assert status == 0, err
    assert "一行里连排的段落：已按编号重新分行" in out
    notice = yaml.safe_load((data / "notice.yaml").read_text("utf-8"))
    assert [t["units"] for t in notice["tasks"]] == units
    stored = (data / notice["source"]).read_text("utf-8").splitlines()
    assert len(stored) > 2 and "".join(stored).replace(" ", "").replace("\u3000", "") == (
        text.replace("\n", "").replace(" ", "").replace("\u3000", "")
    )


@pytest.mark.parametrize(
    "line",
    [
        "现将任务分解如下：1、加强组织领导。2、强化督促检查。3、严格考核问责。4、做好宣传引导。",
        "现将任务分解如下：(1)加强组织领导；(2)强化督促检查；(3)严格考核问责。",
    ],
)
def test_items_run_together_with_no_space_are_named(tmp_path, capsys, line):
    """Numbers with no space before them may be a paragraph's own inline items ((1)…(2)…):
    never split; with no task found, the error says so at its line, and how to import it."""
    text = "关于分解落实《政府工作报告》的通知\n" + line + "\n"
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")

    status, _, err = run(["--json", "-", str(source)], capsys)

    assert status == 1
    assert "没有读到任务" in err and f"{source}:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "line",
    [
        "第一句。 1. 增长 2.5% 与 3、好",  # two spaced numbers: a sentence, not paragraphs
        "数据 1.5 倍 2.5 倍 3.5 倍 4.5 倍",  # decimals are no item numbers
        "序号 1、 任务",
    ],
)
def test_a_line_with_fewer_than_three_spaced_items_is_not_split(line):
    from fengong.importer.read import unrun

    assert unrun(line) == [line]


@pytest.mark.parametrize(
    ("ending", "units"),
    [
        ("增长11%(市发改委,荆州开发区)。", ["市发改委", "荆州开发区"]),
        ("增长11%（市发改委、市统计局）。", ["市发改委", "市统计局"]),
        ("增長11%（市發改委）。", ["市發改委"]),
        ("增长11%〔区财政局〕；", ["区财政局"]),
        ("增长11%(县人社局)．", ["县人社局"]),
    ],
)
def test_a_bare_parenthesis_closed_by_the_tasks_full_stop_lists_the_units(ending, units):
    notice, _ = parsed(f"1．地区生产总值{ending}\n2．稳定就业。（责任单位：区人社局）")
    assert notice.tasks[0].units == units
    assert not any(bracket in notice.tasks[0].text for bracket in "（(〔")


@pytest.mark.parametrize(
    "ending", ["（试行）。", "（含技工院校）。", "（2019—2021年）。", "(张三同志)。"]
)
def test_a_bare_parenthesis_of_no_units_before_the_full_stop_is_text(ending):
    notice, _ = parsed(f"1．实施方案{ending}\n2．稳定就业。（责任单位：区人社局）")
    assert notice.tasks[0].units == []
