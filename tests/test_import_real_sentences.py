"""Family rules found on the real notices added for issue #11 (tests/fixtures/notices-real/
20_* to 30_*), each checked on a sentence quoted from its fixture (NAME:line)."""

from __future__ import annotations

from fengong.importer import parse as parse_module
from fengong.importer import units as unit_lists
from fengong.textnorm import normalise

L, R, P = unit_lists.LEAD, unit_lists.RESPONSIBLE, unit_lists.PARTNER


def read(text: str) -> unit_lists.Units:
    return unit_lists.read_unit_list(text, normalise(text))


def parsed(text: str):
    return parse_module.parse(text.splitlines(), "notice.txt")


def test_labels_separated_by_a_comma():
    # 20_guangzhou2012:7: 牵头单位：…，配合单位：… (a comma, not a semicolon, between labels)
    units = read(
        "牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市"
    )
    assert units.names == ["市发展改革委", "市委组织部", "市人力资源和社会保障局", "各区、县级市"]
    assert units.roles == [L, P, P, P]


def test_a_level_after_a_group_belongs_to_it():
    # 20_guangzhou2012:26: 各有关区、县级市 is one group, not 各有关区 and 县级市
    units = read("牵头单位：市农业局，配合单位：市科协，各有关区、县级市")
    assert units.names == ["市农业局", "市科协", "各有关区、县级市"]


def test_a_task_number_before_a_digit_in_sequence():
    # 20_guangzhou2012:16–17: 11.121人才梯队项目 follows task 10; elsewhere 1.4万 is a decimal
    notice, _ = parsed(
        "一、实施人才行动计划\n"
        "10.“羊城学者”特聘岗位项目。择优设立50个特聘岗位。（牵头单位：市委组织部，配合单位：各有关单位）\n"
        "11.121人才梯队项目。重点培养后备人才。（牵头单位：市人力资源和社会保障局，配合单位：各区、县级市）\n"
    )
    assert [(t.number, t.text[:3]) for t in notice.tasks] == [(1, "“羊城"), (2, "121")]
    assert [t.published for t in notice.tasks] == [10, 11]


def test_a_clause_heading_with_a_lead_in_is_titled_by_its_first_sentence():
    # 20_guangzhou2012:6: （一）标题。导语…实施如下重点项目：
    notice, _ = parsed(
        "二、实施六大人才行动计划\n"
        "（一）产业提升人才行动计划。围绕发展战略性主导产业，实施如下重点项目：\n"
        "2.羊城企业家培养项目。培养100名优秀企业家。（牵头单位：市委组织部，配合单位：市国资委）\n"
    )
    assert [c.title for c in notice.clauses] == ["产业提升人才行动计划"]


def test_a_group_of_units_is_not_joined_to_the_levels_after_it():
    # 20_guangzhou2012:28: 各有关单位 and 各区、县级市 are two groups
    units = read("牵头单位：市委宣传部，配合单位：各有关单位，各区、县级市")
    assert units.names == ["市委宣传部", "各有关单位", "各区、县级市"]


def test_a_unit_list_in_square_brackets():
    # 22_xialu2020:12: […][牵头单位:区卫健局;责任单位:…] closes the task
    notice, _ = parsed(
        "一、全力统筹疫情防控和经济社会秩序恢复\n"
        "1、切实提高政治站位,慎终如始精准抓好疫情防控工作。"
        "[牵头单位:区卫健局;责任单位:区疫情防控指挥部成员单位、各街办(新区)]\n"
    )
    task = notice.tasks[0]
    assert task.text.endswith("疫情防控工作。")
    assert task.units == ["区卫健局", "区疫情防控指挥部成员单位", "各街办(新区)"]
    assert task.roles == [L, R, R]


def test_square_brackets_that_are_not_a_unit_list():
    # a reference mark is no unit list
    assert unit_lists.find_unit_list(normalise("推进数字化转型[1]")) is None


def test_a_time_after_the_role_verb_is_not_a_unit():
    # 27_guofa2020-6:8
    units = read("国务院各部门分别负责,年内持续推进")
    assert (units.names, units.roles, units.note) == (["国务院各部门"], [R], "年内持续推进")


def test_a_department_line_and_a_leader_line():
    # 28_guangdong2021:8–10: 分管省领导 names a person, 部门分工 the units with their roles
    notice, _ = parsed(
        "一、2021年经济社会发展主要预期目标\n"
        "1.地区生产总值增长6%以上。\n"
        "分管省领导:林克庆\n"
        "部门分工:省发展改革委牵头,各地、各部门配合。\n"
    )
    task = notice.tasks[0]
    assert (task.text, task.leaders) == ("地区生产总值增长6%以上。", ["林克庆"])
    assert (task.units, task.roles) == (["省发展改革委", "各地", "各部门"], [L, P, P])


def test_a_table_flattened_with_spaces():
    # 23_guobanhan2016-38:15–17: the header letter-spaced, the task cell holding a comma
    notice, _ = parsed(
        "2016年《政府工作报告》量化指标任务分工\n"
        "序号 工 作 任 务 牵头负责部门\n"
        "1 居民消费价格涨幅3%左右 发展改革委\n"
        "3 安排财政赤字2.18万亿元,赤字率提高到3% 财政部\n"
    )
    assert notice.layout == "table"
    assert [(t.text, t.units, t.lead) for t in notice.tasks] == [
        ("居民消费价格涨幅3%左右", ["发展改革委"], ["发展改革委"]),
        ("安排财政赤字2.18万亿元,赤字率提高到3%", ["财政部"], ["财政部"]),
    ]


def test_a_sentence_of_header_words_is_not_a_table():
    notice, _ = parsed("一、工作任务\n1.推进项目建设。（责任单位 牵头单位：区发改局）\n")
    assert notice.layout != "table"


def test_a_comma_separates_whole_items():
    # 29_lishan2023:27: 各街道 and 税务局 are two items, never one name 各街道、税务局
    units = read("牵头单位:区财政局;责任单位:立山经济开发区,各街道,税务局")
    assert units.names == ["区财政局", "立山经济开发区", "各街道", "税务局"]
    assert units.roles == [L, R, R, R]


def test_a_level_group_before_a_unit_that_is_not_its_body():
    # 29_lishan2023:21: 各街道、区直各部门 is two groups; 各县、市、区政府 (09_chuzhou2020:18) one
    assert read("立山经济开发区,各街道、区直各部门负责").names == [
        "立山经济开发区",
        "各街道",
        "区直各部门",
    ]
    assert read("市商务局等,各县、市、区政府配合").names == ["市商务局", "各县、市、区政府"]


def test_a_masthead_above_the_doc_number_is_not_the_title():
    # 29_lishan2023:1–4: 发文机关标志, 文号, title, addressees
    notice, _ = parsed(
        "鞍山市立山区人民政府文件\n"
        "鞍立政发〔2023〕2号\n"
        "立山区人民政府关于印发 《立山区政府2023年重点工作任务分解 和责任分工方案》的通知\n"
        "立山经济开发区,各街道办事处,各区直部门,各有关单位:\n"
        "一、经济社会发展的主要预期目标\n"
        "1.努力实现地区生产总值增长6.2%左右。\n"
        "牵头单位:区发改局\n"
        "责任单位:立山经济开发区,全区经济运行各专班\n"
    )
    assert notice.doc_number == "鞍立政发〔2023〕2号"
    assert notice.title == (
        "立山区人民政府关于印发 《立山区政府2023年重点工作任务分解 和责任分工方案》的通知"
    )
    assert notice.addressees == ["立山经济开发区", "各街道办事处", "各区直部门", "各有关单位"]
    assert notice.blocks[0].kind == "masthead"


def test_a_table_one_cell_a_line_each_closed_by_a_bar():
    # 30_huoshan2025:2–11: 序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限 |, one cell a line
    notice, _ = parsed(
        "2025年开发区重点工作及责任清单\n"
        "序号 |\n重点工作 |\n责任领导 |\n责任单位 |\n完成时限 |\n"
        "2 |\n"
        "全力推进开发区“空间再造”,推动工业用地“腾笼换鸟”,力争 全年盘活僵尸企业10家,"
        "盘活存量土地400亩。 |\n"
        "马振明 |\n改革办 |\n全年 |\n"
    )
    assert notice.layout == "table"
    (task,) = notice.tasks
    assert task.text.endswith("盘活存量土地400亩。")
    assert (task.units, task.leaders, task.deadline) == (["改革办"], ["马振明"], "全年")
    assert task.lead == []  # no lead marked, no rule stated
