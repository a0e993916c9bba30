"""corrections.yaml: the office corrects what the importer misread, beside the notice, and
the correction outlives every import and revision; a correction whose task changed is
reported, never applied elsewhere nor dropped in silence; a bad file is a file:line error."""

from __future__ import annotations

from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest
import yaml
from fengong.data import load

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
    assert f"corrections applied from {shown}: 2 of 2" in out
    assert f"{shown}:3: “目标。2012年起5年内，大力实施“产业提升、科…”: not a task" in out
    assert f"{shown}:7: task 1: “战略性主导产业紧缺人才开发项目。5年内市、区（县…”: lead " in out
    # The importer's warning about the unit-less 目标 is settled by the correction.
    assert "no responsible unit" not in err
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
    assert "warning" not in err
    assert "corrections applied" in out and ": 2 of 2" in out

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
        f"{shown}:7: 警告：correction of task 2 “战略性主导产业紧缺人才开发项目” no longer "
        "matches, so it is not applied: task 2 starts “战略性新兴产业紧缺人才开发项目。5年内市、"
        "区（县…” now (its text changed?); check the task in the notice's text, then update or "
        "remove this correction"
    ) in err.splitlines()
    tasks = tasks_of(data)
    assert len(tasks) == 44  # the 目标 correction still applies
    assert tasks[0]["text"].startswith("战略性新兴产业") and tasks[0]["lead"] == ["市发展改革委"]
    assert ": 1 of 2" in out


def test_revised_text_removing_the_task_is_reported(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    renumbered = revised(tmp_path, "r", ("1.目标。2012年起5年内", "1.总目标。2012年起5年内"))
    status, _, err = run([renumbered, "--data-dir", data], capsys)
    assert status == 0, err
    assert (
        f"{data}/corrections.yaml:3: 警告：correction of task 1 “目标。2012年起5年内” no "
        "longer matches, so it is not applied: task 1 starts “总目标。2012年起5年内，大力实施“产业"
        "提升、…” now (its text changed?)"
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
        f"{data}/corrections.yaml:2: 警告：correction of task 3 “战略性主导产业紧缺人才开发项目”"
        " no longer matches, so it is not applied: the task that starts so is numbered 2 now "
        "(renumbered?)"
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
    assert ": 1 of 1" in out and "corrections.yaml" not in err
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
    tasks, out, err = _jiuye(tmp_path, corrections, capsys)
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
    assert ": 3 of 3" in out
    assert "lines not placed: 1" in out  # （此件公开发布） only
    assert "cannot place '从工业企业" not in err


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
            "corrections.yaml:2: correction of task 1: missing 'starts' (the first words of the "
            "task's text (of the line, with is_task), as written)",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    lead: [市科协]\n"
            "    units: [市教育局]\n",
            "corrections.yaml:2: correction of task 1: lead 市科协 is not one of 'units'; add it "
            "to 'units'",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    not_a_task: true\n"
            "    split_at: 实现\n",
            "corrections.yaml:2: correction of task 1: says not_a_task and split_at at once; "
            "write one correction for each",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    units: [市教育局]\n"
            "    roles: [lead, partner]\n",
            "corrections.yaml:2: correction of task 1: 'roles' has 2 entries for 1 units",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    units: [市教育局]\n"
            "    roles: [boss]\n",
            "corrections.yaml:2: correction of task 1: unknown role boss; use one of lead, "
            "responsible, partner, guiding",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n",
            "corrections.yaml:2: correction of task 1: says nothing to correct; give 'units', "
            "'lead' or 'roles', or one of not_a_task, is_task, split_at, join_next",
        ),
        (
            "corrections:\n  - starts: 目标\n    lead: [市科协]\n",
            "corrections.yaml:2: correction: missing 'task' (the task's number as the notice "
            "publishes it); a line the importer did not take as a task is named by 'starts' "
            "with 'is_task: true'",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    units: 市教育局\n",
            "corrections.yaml:2: correction of task 1: 'units' must be a list of text, got "
            "'市教育局' (the unit names as the notice writes them, in its order)",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    lead: [市科协]\n    leed: []\n",
            "corrections.yaml:2: correction of task 1: unknown key 'leed'; the keys are task, "
            "starts, units, lead, roles, not_a_task, is_task, split_at, second, join_next, why",
        ),
        (
            "corrections:\n  - task: 1\n    starts: 目标\n    not_a_task: true\n"
            "  - task: 1\n    starts: 目标。2012\n    units: [市科协]\n",
            "corrections.yaml:5: task 1 is corrected at line 2 already; say both in one correction",
        ),
        (
            "corrections:\n  - starts: 为深入贯彻科学发展观\n    is_task: true\n"
            "  - starts: 为深入贯彻科学发展观，全面落实\n    is_task: true\n",
            "corrections.yaml:4: correction “为深入贯彻科学发展观，全面落实” (is_task): the "
            "notice's line 2 is made a task by line 2 already; say it once",
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
        f"{data}/corrections.yaml:2: correction of task 2: lead 市科协 is not one of 'units'; "
        "add it to 'units'"
    ]


def test_in_a_library_the_corrections_sit_in_the_notices_folder(tmp_path, capsys):
    data = tmp_path / "data"
    folder = data / "notices" / "gz-2012"
    folder.mkdir(parents=True)
    (folder / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    kept = (folder / "corrections.yaml").read_bytes()
    status, out, err = run([GUANGZHOU, "--data-dir", data, "--notice", "gz-2012"], capsys)
    assert status == 0, err
    assert f"corrections applied from {folder}/corrections.yaml: 2 of 2" in out
    assert len(tasks_of(folder)) == 44
    text1 = revised(tmp_path, "r1", ("分步实施、统筹推进", "分类实施、统筹推进"))
    argv = [text1, "--data-dir", data, "--notice", "gz-2012", "--revision", "r1", "--date"]
    status, out, err = run([*argv, "2013-06-01"], capsys)
    assert status == 0, err
    assert ": 2 of 2" in out
    assert tasks_of(folder)[0]["lead"] == ["市发展改革委", "市人力资源和社会保障局"]
    assert (folder / "corrections.yaml").read_bytes() == kept
    assert not (data / "corrections.yaml").exists()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - task: 14\n    starts: 切实抓好政策服务\n"
            "    join_next: {task: 12, starts: 落实地方政府主体责任}\n",
            "correction of task 14: task 12 does not follow it, so they are not joined; check "
            "the task in the notice's text, then update or remove this correction",
        ),
        (
            "  - task: 10\n    starts: 落实失业保险待遇\n    split_at: 发放养老金\n",
            "correction of task 10: “发放养老金” (split_at) is not in its text after its first "
            "words, so it is not split; check the task in the notice's text, then update or "
            "remove this correction",
        ),
        (
            "  - starts: 落实失业保险待遇\n    is_task: true\n",
            "correction “落实失业保险待遇” (is_task): that line is a task already; remove this "
            "correction",
        ),
        (
            "  - starts: 国务院关于做好\n    is_task: true\n",
            "correction “国务院关于做好” (is_task) no longer matches, so it is not applied: no "
            "line outside the tasks starts so; check the task in the notice's text, then "
            "update or remove this correction",
        ),
        (
            "  - task: 99\n    starts: 落实失业保险待遇\n    lead: [医保局]\n",
            "correction of task 99 “落实失业保险待遇” no longer matches, so it is not applied: "
            "the task that starts so is numbered 10 now (renumbered?); check the task in the "
            "notice's text, then update or remove this correction",
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
    assert ": 0 of 1" in out
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
    assert "tasks compared with the previous data: unchanged 44" in out
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
