"""corrections.yaml: the office corrects what the importer misread, beside the notice, and
the correction outlives every import and revision; a correction whose task changed is
reported, never applied elsewhere nor dropped in silence; a bad file is a file:line error."""

from __future__ import annotations

from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest
import yaml
from fengong.data import load
from fengong.importer import messages as say

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "notices-real"
# 关于推进人才集聚工程的实施意见 (Guangzhou, 2012): its item 1. 目标 names the plan's goals
# and no unit; the importer reads it as a task without units.
GUANGZHOU = FIXTURES / "20_guangzhou2012_rencai-jiju.txt"
# 国务院关于做好当前和今后一个时期促进就业工作的若干意见 (国发〔2018〕39号)
JIUYE = FIXTURES / "02_guofa2018-39_cujin-jiuye.txt"

CORRECTIONS = """\
# The office's corrections of the import: kept by hand, never written by the importer.
corrections:
  - task: 1
    starts: 目标。2012年起5年内
    not_a_task: true
    why: the plan's goals; the notice names no unit for them
  - task: 2
    starts: 战略性主导产业紧缺人才开发项目
    lead: [市发展改革委, 市人力资源和社会保障局]
"""


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    status = import_notice.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def tasks_of(data: Path) -> list[dict]:
    return yaml.safe_load((data / "notice.yaml").read_text(encoding="utf-8"))["tasks"]


def revised(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    """The Guangzhou notice with each (old, new) edit made once: a revision of it."""
    text = GUANGZHOU.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_misread_corrected_reimported_revised(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    # 1. The importer misreads: the goals (目标) become task 1, a task without units.
    status, _, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 0, err
    first = tasks_of(data)
    assert len(first) == 45
    assert first[0]["text"].startswith("目标。") and first[0]["units"] == []
    assert first[1]["lead"] == ["市发展改革委"]

    # 2. The office corrects it in corrections.yaml and imports again.
    (data / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    kept = (data / "corrections.yaml").read_bytes()
    status, out, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 0, err
    assert (data / "corrections.yaml").read_bytes() == kept
    tasks = tasks_of(data)
    assert len(tasks) == 44
    assert not any(t["text"].startswith("目标。") for t in tasks)
    # The notice's 2. is the site's task 1 now, and keeps the number the notice gives it.
    assert tasks[0]["text"].startswith("战略性主导产业紧缺人才开发项目")
    assert tasks[0]["published_number"] == 2
    assert tasks[0]["lead"] == ["市发展改革委", "市人力资源和社会保障局"]
    assert tasks[0]["units"] == first[1]["units"]
    assert [t["published_number"] for t in tasks] == list(range(2, 46))
    shown = f"{data}/corrections.yaml"
    assert f"应用了 {shown} 中的更正：2 条（共 2 条）" in out
    assert f"{shown}:3: “目标。2012年起5年内，大力实施“产业提升、科…”：不是任务" in out
    assert f"{shown}:7: 任务1：“战略性主导产业紧缺人才开发项目。5年内市、区（县…”：牵头单位 " in out
    # The importer's warning about the unit-less 目标 is settled by the correction: see
    # test_a_correction_settles_the_parsers_warning_about_its_line.
    site, problems = load.check(data)
    assert site is not None, problems

    # 3. A revision that changes another task: the corrections still apply.
    text1 = revised(tmp_path, "r1", ("分步实施、统筹推进", "分类实施、统筹推进"))
    status, out, err = run(
        [text1, "--data-dir", data, "--revision", "2013-06", "--date", "2013-06-01"], capsys
    )
    assert status == 0, err
    assert (data / "corrections.yaml").read_bytes() == kept
    tasks = tasks_of(data)
    assert len(tasks) == 44 and tasks[0]["lead"] == ["市发展改革委", "市人力资源和社会保障局"]
    assert "分类实施" in "".join(t["text"] for t in tasks)
    snapshot = yaml.safe_load((data / "revisions/2013-06/notice.yaml").read_text("utf-8"))
    assert snapshot["tasks"] == tasks
    warnings = [line for line in err.splitlines() if "警告" in line]
    assert [w for w in warnings if say.PARSE_NO_UNIT_FOUND not in w] == [], err
    assert "中的更正：2 条（共 2 条）" in out

    # 4. A revision that rewords the corrected task's opening: that correction is reported
    # at its line in corrections.yaml, and not applied; the other one still is.
    text2 = revised(
        tmp_path,
        "r2",
        ("分步实施、统筹推进", "分类实施、统筹推进"),
        ("战略性主导产业紧缺人才开发项目", "战略性新兴产业紧缺人才开发项目"),
    )
    status, out, err = run(
        [text2, "--data-dir", data, "--revision", "2014-01", "--date", "2014-01-10"], capsys
    )
    assert status == 0, err
    assert (data / "corrections.yaml").read_bytes() == kept
    assert (
        f"{shown}:7: 警告：任务2“战略性主导产业紧缺人才开发项目”的更正对不上了，未应用："
        "任务2现在的开头是 “战略性新兴产业紧缺人才开发项目。5年内市、区（县…”（文字改了？）；"
        "请对照通知原文核对这项任务，再修改或删去这条更正"
    ) in err.splitlines()
    tasks = tasks_of(data)
    assert len(tasks) == 44  # the 目标 correction still applies
    assert tasks[0]["text"].startswith("战略性新兴产业") and tasks[0]["lead"] == ["市发展改革委"]
    assert "中的更正：1 条（共 2 条）" in out


def test_revised_text_removing_the_task_is_reported(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    renumbered = revised(tmp_path, "r", ("1.目标。2012年起5年内", "1.总目标。2012年起5年内"))
    status, _, err = run([renumbered, "--data-dir", data], capsys)
    assert status == 0, err
    assert (
        f"{data}/corrections.yaml:3: 警告：任务1“目标。2012年起5年内”的更正对不上了，未应用："
        "任务1现在的开头是 “总目标。2012年起5年内，大力实施“产业提升、…”（文字改了？）"
    ) in err
    assert len(tasks_of(data)) == 45


def test_a_renumbered_task_is_reported_not_corrected_in_its_place(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(
        "corrections:\n  - task: 3\n    starts: 战略性主导产业紧缺人才开发项目\n"
        "    lead: [市委组织部]\n",
        encoding="utf-8",
    )
    status, out, err = run([GUANGZHOU, "--data-dir", data, "--json", "-"], capsys)
    assert status == 0, err
    assert (
        f"{data}/corrections.yaml:2: 警告：任务3“战略性主导产业紧缺人才开发项目”的更正对不上了，"
        "未应用：以这几个字开头的任务现在序号为 2（重新编号了？）"
    ) in err
    assert '"市委组织部"\n      ],\n      "lead"' not in out


@pytest.mark.parametrize("starts", ["戰略性主導產業", "2.战略性主导产业", "2．战略性 主导产业"])
def test_starts_may_be_copied_with_the_number_or_in_other_script_and_width(
    tmp_path, capsys, starts
):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(
        f"corrections:\n  - task: 2\n    starts: {starts}\n    lead: [市委组织部]\n",
        encoding="utf-8",
    )
    status, out, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 0, err
    assert "中的更正：1 条（共 1 条）" in out and "corrections.yaml:" not in err
    assert tasks_of(data)[1]["lead"] == ["市委组织部"]


def _jiuye(tmp_path: Path, corrections: str, capsys) -> tuple[list[dict], str, str]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(corrections, encoding="utf-8")
    status, out, err = run([JIUYE, "--data-dir", data], capsys)
    assert status == 0, err
    return tasks_of(data), out, err


def test_split_join_and_a_line_made_a_task(tmp_path, capsys):
    corrections = """\
corrections:
  - task: 10
    starts: 落实失业保险待遇
    split_at: 其个人应缴纳的基本医疗保险费
    second: {units: [医保局], lead: [医保局]}
  - task: 14
    starts: 切实抓好政策服务
    join_next: {task: 15, starts: 指导企业等各方履行社会责任}
  - starts: 从工业企业结构调整专项奖补资金
    is_task: true
    units: [财政部, 人力资源社会保障部]
    lead: [财政部]
"""
    tasks, out, _ = _jiuye(tmp_path, corrections, capsys)
    assert len(tasks) == 15 + 1 - 1 + 1
    first, second = tasks[9], tasks[10]
    assert first["text"].endswith("由失业保险基金发放失业保险金，")
    assert first["units"] == ["人力资源社会保障部", "医保局"] and first["number"] == 10
    assert second["text"].startswith("其个人应缴纳的基本医疗保险费")
    assert second["units"] == ["医保局"] and second["lead"] == ["医保局"]
    assert second["numbered"] is False
    joined = tasks[14]
    assert (
        joined["text"].startswith("切实抓好政策服务")
        and "指导企业等各方履行社会责任" in joined["text"]
    )
    assert joined["units"] == ["各有关部门和单位", "各省级人民政府"]
    assert joined["number"] == 15 and joined["published_number"] == 14
    made = tasks[15]
    assert made["text"].startswith("从工业企业结构调整专项奖补资金")
    assert made["units"] == ["财政部", "人力资源社会保障部"] and made["lead"] == ["财政部"]
    assert made["numbered"] is False
    assert [t["number"] for t in tasks] == list(range(1, 17))
    assert "中的更正：3 条（共 3 条）" in out
    assert "未能归位的行：1 行" in out  # （此件公开发布） only


def test_a_correction_settles_the_parsers_warning_about_its_line(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    status, _, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 0, err
    assert say.PARSE_NO_UNIT_FOUND not in err  # 目标 is not a task: corrected
    corrections = """\
corrections:
  - starts: 从工业企业结构调整专项奖补资金
    is_task: true
    units: [财政部, 人力资源社会保障部]
    lead: [财政部]
"""
    (tmp_path / "jiuye").mkdir()
    _, _, err = _jiuye(tmp_path / "jiuye", corrections, capsys)
    assert f"{say.PARSE_CANNOT_PLACE_START}'从工业企业" not in err


def test_units_given_without_a_lead_follow_the_notices_lead_rule(tmp_path, capsys):
    # 国发〔2018〕39号 states 列第一位者为牵头单位，下同: the first listed unit leads.
    corrections = """\
corrections:
  - task: 10
    starts: 落实失业保险待遇
    units: [人力资源社会保障部, 财政部]
"""
    tasks, _, _ = _jiuye(tmp_path, corrections, capsys)
    assert tasks[9]["units"] == ["人力资源社会保障部", "财政部"]
    assert tasks[9]["lead"] == ["人力资源社会保障部"]


@pytest.mark.parametrize(("policy", "lead"), [("stated", []), ("first", ["市教育局"])])
def test_units_given_without_a_lead_where_the_notice_states_no_rule(tmp_path, capsys, policy, lead):
    # The Guangzhou notice marks each task's lead (牵头单位：) and states no rule.
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(
        "corrections:\n  - task: 1\n    starts: 目标\n    units: [市教育局, 市科协]\n",
        encoding="utf-8",
    )
    status, _, err = run([GUANGZHOU, "--data-dir", data, "--lead-rule", policy], capsys)
    assert status == 0, err
    task = tasks_of(data)[0]
    assert task["units"] == ["市教育局", "市科协"] and task["lead"] == lead


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "corrections:\n  - task: 1\n",
            "corrections.yaml:2: 任务1的更正：缺少 'starts'（"
            "任务（is_task 时为那一行）开头的几个字，按原文）",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    lead: [市科协]\n"
            "    units: [市教育局]\n",
            "corrections.yaml:2: 任务1的更正：牵头单位 市科协 不在 'units' 中；请把它加进 'units'",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    not_a_task: true\n"
            "    split_at: 实现\n",
            "corrections.yaml:2: 任务1的更正：同时写了 'not_a_task' 和 'split_at'；"
            "请每样写成一条更正",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    units: [市教育局]\n"
            "    roles: [lead, partner]\n",
            "corrections.yaml:2: 任务1的更正：'roles' 有 2 项，'units' 有 1 个单位；请一一对应",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    units: [市教育局]\n"
            "    roles: [boss]\n",
            "corrections.yaml:2: 任务1的更正：未知的角色 'boss'；请用 'lead'、'responsible'、"
            "'partner'、'guiding' 之一",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n",
            "corrections.yaml:2: 任务1的更正：没有写要更正什么；请写 'units'、'lead' 或 'roles'，"
            "或 'not_a_task'、'is_task'、'split_at'、'join_next' 之一",
        ),
        (
            "corrections:\n  - starts: 目标\n    lead: [市科协]\n",
            "corrections.yaml:2: 更正：缺少 'task'（通知公布的任务序号）；程序没当成任务的一行，"
            "用 'starts' 加 'is_task: true' 指明",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    units: 市教育局\n",
            "corrections.yaml:2: 任务1的更正：'units' 应是文字的列表，现为 '市教育局'"
            "（按通知的写法和顺序写单位名称）",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    lead: [市科协]\n    leed: []\n",
            "corrections.yaml:2: 任务1的更正：未知的键 'leed'；"
            "可用的键：'task'、'starts'、'units'、'lead'、'roles'、"
            "'not_a_task'、'is_task'、'split_at'、'second'、'join_next'、'why'",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    not_a_task: true\n"
            "  - task: 1\n    starts: 目标。2012\n    units: [市科协]\n",
            "corrections.yaml:5: 任务1已在第 2 行更正过；请把两处写在同一条更正中",
        ),
        (
            "corrections:\n  - starts: 为深入贯彻科学发展观\n    is_task: true\n"
            "  - starts: 为深入贯彻科学发展观，全面落实\n    is_task: true\n",
            "corrections.yaml:4: 更正“为深入贯彻科学发展观，全面落实”（is_task）："
            "通知的第 2 行已由第 2 行的更正设为任务；只写一次",
        ),
        (
            "corrections:\n  - task: 1\n   starts: 目标\n",
            "corrections.yaml:3: YAML 写法有误：列表项没有对齐（同一列表的“- ”要对齐）；"
            "请改正这一行（或上一行）",
        ),
    ],
)
def test_a_bad_corrections_file_is_a_file_line_error_and_nothing_is_written(
    tmp_path, capsys, text, message
):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(text, encoding="utf-8")
    status, _, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 1
    assert f"{data}/{message}" in err.splitlines()
    assert sorted(p.name for p in data.iterdir()) == ["corrections.yaml"]
    assert (data / "corrections.yaml").read_text(encoding="utf-8") == text


def test_the_build_checks_the_corrections_file(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    status, _, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 0, err
    (data / "corrections.yaml").write_text(
        "corrections:\n  - task: 2\n    starts: 战略\n    lead: [市科协]\n    units: []\n",
        encoding="utf-8",
    )
    site, problems = load.check(data)
    assert site is None
    assert [str(p) for p in problems if "corrections" in p.path] == [
        f"{data}/corrections.yaml:2: 任务2的更正：牵头单位 市科协 不在 'units' 中；"
        "请把它加进 'units'"
    ]


def test_in_a_library_the_corrections_sit_in_the_notices_folder(tmp_path, capsys):
    data = tmp_path / "data"
    folder = data / "notices" / "gz-2012"
    folder.mkdir(parents=True)
    (folder / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    kept = (folder / "corrections.yaml").read_bytes()
    status, out, err = run([GUANGZHOU, "--data-dir", data, "--notice", "gz-2012"], capsys)
    assert status == 0, err
    assert f"应用了 {folder}/corrections.yaml 中的更正：2 条（共 2 条）" in out
    assert len(tasks_of(folder)) == 44
    text1 = revised(tmp_path, "r1", ("分步实施、统筹推进", "分类实施、统筹推进"))
    argv = [text1, "--data-dir", data, "--notice", "gz-2012", "--revision", "r1", "--date"]
    status, out, err = run([*argv, "2013-06-01"], capsys)
    assert status == 0, err
    assert "中的更正：2 条（共 2 条）" in out
    assert tasks_of(folder)[0]["lead"] == ["市发展改革委", "市人力资源和社会保障局"]
    assert (folder / "corrections.yaml").read_bytes() == kept
    assert not (data / "corrections.yaml").exists()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - task: 14\n    starts: 切实抓好政策服务\n"
            "    join_next: {task: 12, starts: 落实地方政府主体责任}\n",
            "任务14的更正：任务12不紧接在它后面，未合并；请对照通知原文核对这项任务，再修改或删去这条更正",
        ),
        (
            "  - task: 10\n    starts: 落实失业保险待遇\n    split_at: 发放养老金\n",
            "任务10的更正：“发放养老金”（split_at）不在它开头几个字之后的文字中，未拆分；"
            "请对照通知原文核对这项任务，再修改或删去这条更正",
        ),
        (
            "  - starts: 落实失业保险待遇\n    is_task: true\n",
            "更正“落实失业保险待遇”（is_task）：这一行已经是任务；请删去这条更正",
        ),
        (
            "  - starts: 国务院关于做好\n    is_task: true\n",
            "更正“国务院关于做好”（is_task）对不上了，未应用：任务以外没有以这几个字开头的行；"
            "请对照通知原文核对这项任务，再修改或删去这条更正",
        ),
        (
            "  - task: 99\n    starts: 落实失业保险待遇\n    lead: [医保局]\n",
            "任务99“落实失业保险待遇”的更正对不上了，未应用：以这几个字开头的任务现在序号为 10"
            "（重新编号了？）；请对照通知原文核对这项任务，再修改或删去这条更正",
        ),
    ],
)
def test_a_correction_that_cannot_apply_is_a_warning_and_changes_nothing(
    tmp_path, capsys, entry, message
):
    plain = tmp_path / "plain"
    plain.mkdir()
    status, _, err = run([JIUYE, "--data-dir", plain], capsys)
    assert status == 0, err
    _, out, err = _jiuye(tmp_path, "corrections:\n" + entry, capsys)
    assert f"{tmp_path}/data/corrections.yaml:2: 警告：{message}" in err.splitlines()
    assert "中的更正：0 条（共 1 条）" in out
    assert (tmp_path / "data/notice.yaml").read_bytes() == (plain / "notice.yaml").read_bytes()


def test_importing_again_with_corrections_changes_no_byte(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    status, _, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 0, err
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    status, out, err = run([GUANGZHOU, "--data-dir", data], capsys)
    assert status == 0, err
    assert "与原有数据逐项对比：未变 44" in out
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_the_site_cites_no_rule_of_order_for_a_lead_that_is_not_listed_first(tmp_path, capsys):
    # 国发〔2018〕39号 states 列第一位者为牵头单位; the office names its second unit lead of
    # task 1. The task's page must not cite the rule for it, and still does for task 2.
    from bs4 import BeautifulSoup
    from sitebuild import build_site

    tasks, _, _ = _jiuye(
        tmp_path,
        "corrections:\n  - task: 1\n    starts: 加大稳岗支持力度\n    lead: [财政部]\n",
        capsys,
    )
    assert tasks[0]["units"][:2] == ["人力资源社会保障部", "财政部"]
    assert tasks[0]["lead"] == ["财政部"]
    site = build_site(tmp_path / "site", tmp_path / "data")

    def lead_line(number: int) -> str:
        page = (site / "tasks" / str(number) / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(page, "html.parser")
        return next(
            p.get_text() for p in soup.find_all("p") if p.get_text().startswith("牵头单位：")
        )

    assert lead_line(1) == "牵头单位：财政部。"
    assert lead_line(2) == "牵头单位：财政部。依据通知附件的说明：“列第一位者为牵头单位，下同”"
