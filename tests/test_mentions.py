"""Dates and quantities found in the notice's sentences (hooks/fengong/mentions.py), as tables
of sentence → the exact mentions.

The sentences are the real notice's (data/source/dazu-2020-41.txt, line noted) and the
fixture notices' (tests/fixtures/notices/), as the importer passes them: a task's text
without its number and unit list, or a paragraph of the notice.
"""

from __future__ import annotations

import pytest
from fengong.mentions import find_dates, find_quantities
from fengong.model import DateMention, Quantity


def deadline(quote: str, day: str) -> DateMention:
    return DateMention(kind="deadline", quote=quote, end=day)


def date(quote: str, day: str) -> DateMention:
    return DateMention(kind="date", quote=quote, start=day, end=day)


def period(quote: str, first: str, last: str) -> DateMention:
    return DateMention(kind="period", quote=quote, start=first, end=last)


def quantity(quote: str, value: float, unit: str, bound: str = "exact") -> Quantity:
    return Quantity(quote=quote, value=value, unit=unit, bound=bound)


# Task 32 and task 33 end with the same sentence.
TASK_32 = (
    "对就业困难人员享受灵活就业社会保险补贴政策期满仍未实现稳定就业的，政策享受期限可延长1年，"
    "实施期限为2020年1月1日至12月31日。"
)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # dazu-2020-41.txt:48, task 1: two deadlines, in the order written, each quoted with
        # the words of its clause.
        pytest.param(
            "阶段性降低失业保险费率、工伤保险费率政策，实施期限延长至2021年4月30日。"
            "参保企业面临暂时性生产经营困难且恢复有望、坚持不裁员或少裁员的失业保险稳岗返还"
            "政策，以及困难企业开展职工在岗培训的补贴政策，实施期限均延长至2020年12月31日。",
            [
                deadline("实施期限延长至2021年4月30日", "2021-04-30"),
                deadline("实施期限均延长至2020年12月31日", "2020-12-31"),
            ],
            id="dazu:48",
        ),
        # :130, task 32: a period whose end leaves out the year it shares with its start.
        pytest.param(
            TASK_32,
            [period("实施期限为2020年1月1日至12月31日", "2020-01-01", "2020-12-31")],
            id="dazu:130",
        ),
        # :38, the date under the signature.
        pytest.param("2020年4月29日", [date("2020年4月29日", "2020-04-29")], id="dazu:38"),
        # :142, task 36: a year alone is not a date.
        pytest.param(
            "公开招聘一批乡村教师、医生、社会工作者充实基层服务力量，扩大面向应届高校毕业生"
            "招聘比例。2020年计划公开招聘乡村教师、医生不少于200名。",
            [],
            id="dazu:142",
        ),
        # :1 and :10: document numbers are not dates.
        pytest.param("大足府办发〔2020〕41号", [], id="dazu:1"),
        pytest.param(
            "为贯彻落实市政府办公厅《关于贯彻落实国务院关于进一步做好稳就业工作的意见重点任务"
            "分工的通知》（其他〔2020〕4号）文件精神，经区政府同意，现将有关事项通知如下：",
            [],
            id="dazu:10",
        ),
        # :32: the reporting months are relative to the year (find_reporting_duty's job).
        pytest.param(
            "请各项任务牵头单位将联络人以及本年度7月上旬（上半年）、次年度1月上旬（上年度）"
            "工作情况报送区就业工作领导小组办公室。",
            [],
            id="dazu:32",
        ),
        # halfwidth.txt:5: the clause ends at a half-width comma.
        pytest.param(
            "继续实施阶段性降低失业保险、工伤保险费率政策,实施期限延长至2022年4月30日。",
            [deadline("实施期限延长至2022年4月30日", "2022-04-30")],
            id="halfwidth:5",
        ),
        # The sentence of dazu-2020-41.txt:48 typed with full-width digits: matched on the
        # normalised text, quoted as written.
        pytest.param(
            "实施期限延长至２０２１年４月３０日。",
            [deadline("实施期限延长至２０２１年４月３０日", "2021-04-30")],
            id="dazu:48-full-width",
        ),
        # header_annex.txt:18 and :4: the signature's date; a plan's year is not one.
        pytest.param("2021年3月5日", [date("2021年3月5日", "2021-03-05")], id="header_annex:18"),
        pytest.param("青山县2021年稳就业重点任务分工方案的通知", [], id="header_annex:4"),
    ],
)
def test_find_dates(text, dates):
    assert list(find_dates(text)) == dates


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        # dazu-2020-41.txt:14: 万 multiplies; 以上 and 控制在…以下 bound.
        pytest.param(
            "各镇街人民政府（办事处）、区政府有关部门和单位要聚焦目标任务，齐抓共管，协同作战，"
            "确保完成全年城镇新增就业1.4万人以上、城镇登记失业率控制在3.3%以下的目标任务。",
            [
                quantity("确保完成全年城镇新增就业1.4万人以上", 14_000, "人", "min"),
                quantity("城镇登记失业率控制在3.3%以下", 3.3, "%", "max"),
            ],
            id="dazu:14",
        ),
        # :20: 不低于 bounds; 1万 with no unit the regex knows is still a number of 万.
        pytest.param(
            "确保高校毕业生年底就业率不低于90%。",
            [quantity("确保高校毕业生年底就业率不低于90%", 90, "%", "min")],
            id="dazu:20-rate",
        ),
        pytest.param(
            "积极引导在外务工人员返乡发展产业，力争引导1万农民工回足就业创业。"
            "加大就业困难人员援助力度，完成累计帮扶1000名贫困劳动力就业的目标任务。",
            [
                quantity("力争引导1万", 10_000, ""),
                quantity("完成累计帮扶1000名", 1000, "名"),
            ],
            id="dazu:20-counts",
        ),
        # :22: 人次 is one unit, not 人 followed by 次.
        pytest.param(
            "大力实施职业技能提升行动，完成全年补贴性培训1.26万人次目标任务。",
            [quantity("完成全年补贴性培训1.26万人次", 12_600, "人次")],
            id="dazu:22",
        ),
        # :69, task 9.
        pytest.param(
            "对拟进行经济性裁员的企业，指导其依法依规制定和实施职工安置方案，"
            "提前30日向工会或全体职工说明相关情况，依法依规支付经济补偿，偿还拖欠的职工工资，"
            "补缴欠缴的社会保险费。",
            [quantity("提前30日", 30, "日")],
            id="dazu:69",
        ),
        # :109, task 23: 超过 bounds; a quote is its clause, up to the previous number or not;
        # “两无” holds no number.
        pytest.param(
            "进一步优化创业担保贷款经办流程，加大创业担保贷款政策实施力度，降低小微企业创业担保"
            "贷款申请条件，当年新招用符合条件人员占现有职工比例下调为20%，职工超过100人的比例"
            "下调为10%，落实“两无”创业信用贷款政策，扶持优质创业项目发展，探索建立信用乡村、"
            "信用园区、创业孵化示范载体推荐免担保机制。",
            [
                quantity("当年新招用符合条件人员占现有职工比例下调为20%", 20, "%"),
                quantity("职工超过100人", 100, "人", "min"),
                quantity("职工超过100人的比例下调为10%", 10, "%"),
            ],
            id="dazu:109",
        ),
        # :123, task 29.
        pytest.param(
            "对符合条件的返乡农民工首次创业且正常经营1年以上的，可给予一次性创业补贴。",
            [quantity("对符合条件的返乡农民工首次创业且正常经营1年以上", 1, "年", "min")],
            id="dazu:123",
        ),
        # :130, task 32: the days of a period are not quantities.
        pytest.param(TASK_32, [quantity("政策享受期限可延长1年", 1, "年")], id="dazu:130"),
        # :142, task 36: a four-digit year is not a number of years.
        pytest.param(
            "2020年计划公开招聘乡村教师、医生不少于200名。",
            [quantity("医生不少于200名", 200, "名", "min")],
            id="dazu:142",
        ),
        # :195, task 53: 不足 bounds from above.
        pytest.param(
            "对领取失业保险金期满仍未就业且距离法定退休年龄不足1年的人员，"
            "可继续发放失业保险金直至法定退休年龄。",
            [quantity("对领取失业保险金期满仍未就业且距离法定退休年龄不足1年", 1, "年", "max")],
            id="dazu:195",
        ),
        # :1, :10, :40, :100: document numbers, a phone number and 5G are not quantities.
        pytest.param("大足府办发〔2020〕41号", [], id="dazu:1"),
        pytest.param("（其他〔2020〕4号）文件精神", [], id="dazu:10"),
        pytest.param("（联系人：张高，联系电话：43722483）", [], id="dazu:40"),
        pytest.param(
            "加快5G商用发展步伐，深入推进战略性新兴产业集群发展工程，加强人工智能、工业互联网"
            "等领域基础设施投资和产业布局。",
            [],
            id="dazu:100",
        ),
        # halfwidth.txt:19: the clause ends at a half-width comma.
        pytest.param(
            "对首次创业且正常经营1年以上的返乡入乡创业人员,给予一次性创业补贴。",
            [quantity("对首次创业且正常经营1年以上", 1, "年", "min")],
            id="halfwidth:19",
        ),
        # header_annex.txt:44: a year, then a bounded count.
        pytest.param(
            "开发一批基层服务岗位，扩大就业见习规模，2021年新增就业见习岗位不少于300个。",
            [quantity("2021年新增就业见习岗位不少于300个", 300, "个", "min")],
            id="header_annex:44",
        ),
        # header_annex.txt:52: 不低于 a year's figure, with no number: nothing to read.
        pytest.param(
            "开展劳务协作，有组织地输出农村劳动力，确保脱贫人口务工规模不低于上年。",
            [],
            id="header_annex:52",
        ),
        # no_header.txt:6 and paren_numbers.txt:1.
        pytest.param(
            "大规模开展职业技能培训，全年完成补贴性职业技能培训1.5万人次以上。",
            [quantity("全年完成补贴性职业技能培训1.5万人次以上", 15_000, "人次", "min")],
            id="no_header:6",
        ),
        pytest.param(
            "深入实施职业技能提升行动，全年开展补贴性职业技能培训8000人次以上。",
            [quantity("全年开展补贴性职业技能培训8000人次以上", 8000, "人次", "min")],
            id="paren_numbers:1",
        ),
        # traditional_own_line.txt:24-25: matched on the simplified text, quoted as written.
        pytest.param(
            "面向農民工、高校畢業生、退役軍人等重點群體開展專項培訓，全年完成補貼性培訓5000人次。",
            [quantity("全年完成補貼性培訓5000人次", 5000, "人次")],
            id="traditional_own_line:24",
        ),
        # dazu:187, task 51: 至少 bounds from below, across the verb it governs.
        pytest.param(
            "建立登记失业人员定期联系和分级分类服务制度，每月至少进行1次跟踪调查，定期提供职业介绍。",
            [quantity("每月至少进行1次", 1, "次", "min")],
            id="dazu:187",
        ),
        # dazu:203, task 56: a Chinese numeral with 倍 and 以内; 一次性 elsewhere is no count.
        pytest.param(
            "对实现就业的低保对象中的建档立卡贫困户，家庭月人均收入在低保标准两倍以内的，"
            "可通过“低保渐退”等措施，增强其就业意愿和就业稳定性。",
            [quantity("家庭月人均收入在低保标准两倍以内", 2, "倍", "max")],
            id="dazu:203",
        ),
        pytest.param("可给予一次性创业补贴。", [], id="dazu:123-once"),
        # halfwidth.txt:7: 最高 bounds from above.
        pytest.param(
            "2.对不裁员或少裁员的中小微企业,失业保险稳岗返还比例最高提至90%。",
            [quantity("失业保险稳岗返还比例最高提至90%", 90, "%", "max")],
            id="halfwidth:7",
        ),
        # own_line_units.txt:19: 最高, then a noun and a verb before the figure.
        pytest.param(
            "个人创业担保贷款最高额度提高至20万元。",
            [quantity("个人创业担保贷款最高额度提高至20万元", 200_000, "元", "max")],
            id="own_line_units:19",
        ),
    ],
)
def test_find_quantities(text, quantities):
    assert list(find_quantities(text)) == quantities
