"""The layout families of issue #11, one table each, on sentences quoted from real notices.

The source of each quote is given as dev-notice:line (tests/fixtures/notices-real/); quotes
marked 'made up' follow a family's pattern where the dev notices have no example.
"""

from __future__ import annotations

import pytest
from fengong.importer import parse as parse_module
from fengong.importer import units as unit_lists
from fengong.textnorm import normalise

L, R, P, G = unit_lists.LEAD, unit_lists.RESPONSIBLE, unit_lists.PARTNER, unit_lists.GUIDING


def read(text: str) -> unit_lists.Units:
    return unit_lists.read_unit_list(text, normalise(text))


def closing_list(task_text: str) -> unit_lists.Units | None:
    norm = normalise(task_text)
    found = unit_lists.find_unit_list(norm)
    if found is None:
        return None
    inner = task_text[found.start + 1 : found.end - 1]
    return read(inner)


# -- family 1: a unit parenthesis closed by a role verb ----------------------------------

ROLE_VERB_LISTS = [
    # 02_guofa2018-39:10
    (
        "…提高小微企业贷款可获得性。（财政部、工业和信息化部、人民银行、银保监会负责）",
        ["财政部", "工业和信息化部", "人民银行", "银保监会"],
        [R, R, R, R],
        "",
    ),
    # 02_guofa2018-39:13: a second separator before a group
    (
        "…免费提供经营场地。（人力资源社会保障部、科技部、财政部、住房城乡建设部、市场监管总局，"
        "各省级人民政府按职责分工负责）",
        [
            "人力资源社会保障部",
            "科技部",
            "财政部",
            "住房城乡建设部",
            "市场监管总局",
            "各省级人民政府",
        ],
        [R] * 6,
        "",
    ),
    # 02_guofa2018-39:14: an open-ended list
    (
        "…并适当提高补贴标准。（人力资源社会保障部等有关部门和单位负责）",
        ["人力资源社会保障部"],
        [R],
        "等有关部门和单位",
    ),
    # 02_guofa2018-39:25: a group only
    ("…共同做好促进就业工作。（各有关部门和单位按职责分工负责）", ["各有关部门和单位"], [R], ""),
    # 16_guofa2018-42:35: 牵头负责 marks both units as leads
    (
        "…协调推进机制。（农业农村部、工业和信息化部牵头负责）",
        ["农业农村部", "工业和信息化部"],
        [L, L],
        "",
    ),
    # 16_guofa2018-42:22: 等负责
    (
        "…示范推广。（农业农村部、科技部、工业和信息化部、财政部、交通运输部、商务部、人民银行、"
        "银保监会、民航局等负责）",
        [
            "农业农村部",
            "科技部",
            "工业和信息化部",
            "财政部",
            "交通运输部",
            "商务部",
            "人民银行",
            "银保监会",
            "民航局",
        ],
        [R] * 9,
        "等",
    ),
    # made up: 牵头 / 参与
    (
        "…建立协调机制。（县发改局牵头，县财政局、县人社局参与）",
        ["县发改局", "县财政局", "县人社局"],
        [L, P, P],
        "",
    ),
    # made up: 指导
    ("…开展示范创建。（省农业农村厅、省财政厅指导）", ["省农业农村厅", "省财政厅"], [G, G], ""),
    # made up: 会同
    ("…制定实施细则。（市人社局会同市财政局负责）", ["市人社局", "市财政局"], [L, P], ""),
    # made up: 等和 before a group
    (
        "…落实属地责任。（民政部、财政部等和各省级人民政府负责）",
        ["民政部", "财政部", "各省级人民政府"],
        [R, R, R],
        "等",
    ),
]


@pytest.mark.parametrize(("text", "names", "roles", "open_ended"), ROLE_VERB_LISTS)
def test_a_role_verb_closes_a_unit_list(text, names, roles, open_ended):
    units = closing_list(text)
    assert units is not None
    assert units.names == names
    assert units.roles == roles
    assert units.open_ended == open_ended


LEAD_RULES = [
    # 02_guofa2018-39:9
    ("人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同", "列第一位者为牵头单位，下同"),
    # 16_guofa2018-42:14
    (
        "工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同",
        "列第一位者为牵头单位，下同",
    ),
    # data/source/dazu-2020-41.txt:48
    (
        "责任单位：区人力社保局、区税务局。备注：列第一责任单位的为牵头单位，下同。",
        "列第一责任单位的为牵头单位，下同。",
    ),
]


@pytest.mark.parametrize(("inner", "rule"), LEAD_RULES)
def test_a_lead_rule_inside_the_first_unit_list(inner, rule):
    units = read(inner)
    assert units.lead_rule == rule
    assert "牵头" not in "".join(units.names)


# -- family 4: parentheses that are not unit lists ------------------------------------------

NOT_UNIT_LISTS = [
    "…国务院关于实施意见（试行）",  # made up
    "各省、自治区、直辖市和新疆生产建设兵团，市（地、州、盟）",  # made up
    "国家融资担保基金（以下简称国家担保基金）",  # made up
    "支持各类职业院校（含技工院校）",  # 02_guofa2018-39:17
    "实施三年行动计划（2019—2021年）",  # made up
    "达到企业现有在职职工人数25%（超过100人的企业达到15%）",  # 02_guofa2018-39:12
    "粮棉油糖主产县（市、区）",  # 16_guofa2018-42:11
    "研究与试验发展(R&D)",  # 06_liandu2023:86
    "建立由政府负责人牵头、相关部门共同参与的工作机制（由政府负责人牵头）",  # after 02:24
    "市經(jīng)貿(mào)委",  # a mirror site's pinyin
    "具体办法另行制定（由县政府负责）",  # made up: prose that ends in a role verb
]


@pytest.mark.parametrize("text", NOT_UNIT_LISTS)
def test_a_parenthesis_that_is_not_a_unit_list(text):
    assert unit_lists.find_unit_list(normalise(text)) is None


# -- family 5: labelled lines -----------------------------------------------------------

LABELLED = [
    # 09_chuzhou2020:16,18 (joined with ；, as the parser joins a task's unit lines)
    (
        "牵头责任单位:市发展改革委；协同责任单位:市经信局、市商务局、市交通局、市农业农村局、"
        "滁州经开区管委会、中新苏滁高新区管委会等,各县、市、区政府",
        [
            "市发展改革委",
            "市经信局",
            "市商务局",
            "市交通局",
            "市农业农村局",
            "滁州经开区管委会",
            "中新苏滁高新区管委会",
            "各县、市、区政府",
        ],
        [L, P, P, P, P, P, P, P],
        "等",
    ),
    # 19_caidian2023:31
    ("责任单位:区发展和改革局", ["区发展和改革局"], [R], ""),
    # made up: two labels on one line with only spaces between them
    (
        "牵头单位：区发改局  配合单位：区财政局、区人社局",
        ["区发改局", "区财政局", "区人社局"],
        [L, P, P],
        "",
    ),
    # made up: a 责任单位 cell that marks its lead on the name, not first
    ("区财政局、区发改局（牵头）、区人社局", ["区财政局", "区发改局", "区人社局"], [R, L, R], ""),
    # tests/fixtures/notices/own_line_units.txt
    (
        "牵头单位：县人社局；配合单位：县科技局、县经济信息委",
        ["县人社局", "县科技局", "县经济信息委"],
        [L, P, P],
        "",
    ),
]


@pytest.mark.parametrize(("text", "names", "roles", "open_ended"), LABELLED)
def test_labelled_unit_lines(text, names, roles, open_ended):
    units = read(text)
    assert (units.names, units.roles, units.open_ended) == (names, roles, open_ended)


def parsed(text: str, policy: str = "first"):
    notice, problems = parse_module.parse(text.splitlines(), "n.txt", policy)
    return notice, problems


def test_leader_lines_name_people_not_units():
    # 09_chuzhou2020:12–18
    notice, _ = parsed(
        "一、确保完成全年主要预期目标\n"
        "1. 地区生产总值增长8%以上。\n\n"
        "牵头负责领导:金力。\n\n"
        "牵头责任单位:市发展改革委。\n\n"
        "协同责任单位:市经信局、市商务局等,各县、市、区政府。\n"
    )
    (task,) = notice.tasks
    assert task.leaders == ["金力"]
    assert task.units == ["市发展改革委", "市经信局", "市商务局", "各县、市、区政府"]
    assert task.lead == ["市发展改革委"]
    assert task.text == "地区生产总值增长8%以上。"


def test_lenticular_unit_line_and_deadline():
    # made up: 〔责任单位：…〕 and 完成时限：… on the lines after the task
    notice, _ = parsed(
        "1．推进老旧小区改造。\n〔责任单位：市住建局、市财政局〕\n完成时限：2022年12月底前\n"
    )
    (task,) = notice.tasks
    assert task.units == ["市住建局", "市财政局"]
    assert task.deadline == "2022年12月底前"


# -- families 2, 3, 10: where the tasks are --------------------------------------------------


def test_clauses_are_the_tasks_where_nothing_is_numbered():
    # 16_guofa2018-42:8–14, shortened
    notice, _ = parsed(
        "一、总体要求\n"
        "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n"
        "（二）发展目标。\n"
        "到2020年，农机装备产业科技创新能力持续提升。\n"
        "二、加快推动农机装备产业高质量发展\n"
        "（三）完善农机装备创新体系。瞄准农业机械化需求。（工业和信息化部、发展改革委等负责。"
        "列第一位者为牵头单位，下同）\n"
        "（四）推进农机装备全产业链协同发展。支持协同。（工业和信息化部、商务部等负责）\n"
    )
    assert notice.layout == "clause"
    assert [p.number for p in notice.parts] == [1, 2]
    assert [c.number for c in notice.clauses] == [1, 2, 3, 4]
    assert [(t.number, t.part, t.clause) for t in notice.tasks] == [(1, 2, 3), (2, 2, 4)]
    assert notice.tasks[0].text.startswith("完善农机装备创新体系。")
    assert notice.lead_rule == "列第一位者为牵头单位，下同"


def test_one_paragraph_closes_several_tasks():
    # made up, after the pattern of 国发 notices: the parenthesis is the boundary
    notice, _ = parsed(
        "一、加强组织领导\n"
        "（一）压实责任。各地要建立工作机制。（各省级人民政府负责）"
        "有关部门要加强指导。（人力资源社会保障部、财政部负责）\n"
    )
    assert [(t.number, t.units, t.numbered) for t in notice.tasks] == [
        (1, ["各省级人民政府"], True),
        (2, ["人力资源社会保障部", "财政部"], False),
    ]


def test_a_cover_notice_sections_are_not_annex_parts():
    # 19_caidian2023:14–39, shortened
    notice, _ = parsed(
        "各街道办事处、乡人民政府：\n"
        "一、各责任单位要高度重视，切实加强领导。\n"
        "二、区绩效考评机构要纳入绩效管理考核范围。\n"
        "蔡甸区人民政府办公室\n"
        "2023年1月3日\n"
        "2023年区《政府工作报告》确定的主要目标任务责任分解方案\n"
        "一、2023年全区经济社会发展的主要预期目标\n"
        "(一)地区生产总值增长7%以上\n"
        "责任单位:区发展和改革局\n"
        "(二)规上工业增加值增长12%以上\n"
        "责任单位:区科技和经信局\n"
    )
    assert [p.title for p in notice.parts] == ["2023年全区经济社会发展的主要预期目标"]
    assert [(t.number, t.text, t.units) for t in notice.tasks] == [
        (1, "地区生产总值增长7%以上", ["区发展和改革局"]),
        (2, "规上工业增加值增长12%以上", ["区科技和经信局"]),
    ]


# -- roles and leads ------------------------------------------------------------------------


def test_without_a_lead_rule_the_lead_follows_the_policy():
    text = "1．落实稳岗返还政策。\n责任单位：区人力社保局、区财政局\n"
    first, _ = parsed(text, "first")
    stated, _ = parsed(text, "stated")
    assert first.tasks[0].lead == ["区人力社保局"]
    assert stated.tasks[0].lead == []


def test_a_stated_rule_gives_every_task_its_first_listed_lead():
    text = (
        "（一）加大稳岗支持力度。返还失业保险费。（人力资源社会保障部、财政部负责。"
        "列第一位者为牵头单位，下同）\n"
        "（二）支持小微企业。提供担保。（财政部、人民银行负责）\n"
    )
    notice, _ = parsed(text, "stated")
    assert [t.lead for t in notice.tasks] == [["人力资源社会保障部"], ["财政部"]]
    assert notice.lead_rule_line == 1


# -- family 8: numbering as published ----------------------------------------------------


def test_numbers_that_start_again_are_a_warning_and_kept():
    # made up: ① in one part, 1） restarting in the next, with a gap (3 missing)
    notice, problems = parsed(
        "一、稳定岗位\n"
        "①落实稳岗返还政策。（责任单位：区人社局）\n"
        "②开展招聘活动。（责任单位：区人社局、区财政局）\n"
        "二、技能培训\n"
        "1）开展技能培训。（责任单位：区人社局）\n"
        "2）建设实训基地。（责任单位：区教委）\n"
        "4）推进技能认定。（责任单位：区人社局）\n"
    )
    assert [(t.number, t.published, t.part) for t in notice.tasks] == [
        (1, 1, 1),
        (2, 2, 1),
        (3, 1, 2),
        (4, 2, 2),
        (5, 4, 2),
    ]
    assert [(p.line, p.severity) for p in problems if "重新开始" in p.message] == [(2, "warning")]


def test_a_gap_in_the_numbers_is_a_warning():
    notice, problems = parsed(
        "1．落实稳岗返还政策。（责任单位：区人社局）\n3．开展招聘活动。（责任单位：区财政局）\n"
    )
    assert [(t.number, t.published) for t in notice.tasks] == [(1, 1), (2, 3)]
    assert [p.severity for p in problems if "跳过了 2" in p.message] == ["warning"]


def test_mirror_site_pinyin_is_dropped():
    from fengong.importer.read import strip_pinyin

    line = "（市經(jīng)貿(mào)委、市財(cái)政局負(fù)責）研究與試驗發展(R&D)"
    assert strip_pinyin(line) == "（市經貿委、市財政局負責）研究與試驗發展(R&D)"
