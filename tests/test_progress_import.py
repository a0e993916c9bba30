"""Progress reports (落实情况, issue #14): data/progress/<period>/<unit>.yaml read and
checked (readers/progress.py, validate.py, build.py), and returned ledgers imported
(scripts/import_progress.py, importer/progress.py), on ledgers built from the real data.

The real data/ holds no reports: every test works on a temp copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fengong.load import check, load_site

ROOT = Path(__file__).resolve().parent.parent
# renshe (区人力社保局) leads task 9 and shares task 8; task 2 is not its.
GOOD = """\
unit: renshe
period: 2020-H1
received: '2020-07-08'
revision: v1
file: 区人力社保局-任务台账.xlsx
reports:
- task: 9
  status: 序时推进
  progress: 已发放稳岗返还。
- task: 1
  status: 已完成
  progress: ''
  evidence: 区人力社保局2020年6月通报
"""


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    assert not (target / "progress").exists()  # the real data has no reports
    return target


def write_report(data: Path, text: str, rel: str = "progress/2020-H1/renshe.yaml") -> str:
    path = data / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return f"data/{rel}"


# -- the data file: read, checked, linked ---------------------------------------------------


def test_a_report_reaches_the_site(data):
    write_report(data, GOOD)
    write_report(data, GOOD.replace("2020-H1", "'2020'"), "progress/2020/renshe.yaml")
    fagai = GOOD.replace("renshe", "fagai").replace("task: 9", "task: 6")
    write_report(data, fagai.replace("- task: 1\n", "- task: 21\n"), "progress/2020-H1/fagai.yaml")
    site, problems = load_site(data, "data")
    assert [str(p) for p in problems if p.severity == "error"] == []
    # by period due date (2020-H1 before 2020), then unit id
    assert [(r.period, r.unit.id) for r in site.reports] == [
        ("2020-H1", "fagai"),
        ("2020-H1", "renshe"),
        ("2020", "renshe"),
    ]
    report = site.reports[1]
    assert (report.received, report.revision, report.file) == (
        "2020-07-08",
        "v1",
        "区人力社保局-任务台账.xlsx",
    )
    assert [(e.task_id, e.status, e.progress, e.evidence) for e in report.entries] == [
        (9, "序时推进", "已发放稳岗返还。", ""),
        (1, "已完成", "", "区人力社保局2020年6月通报"),
    ]
    assert str(report.entries[1].source) == "data/progress/2020-H1/renshe.yaml:10"


def test_no_progress_folder_means_no_reports(site_model):
    assert site_model.reports == ()
    assert [p.id for p in site_model.periods] == ["2020-H1", "2020"]


BAD_FILES = {
    "unknown unit": (
        GOOD.replace("unit: renshe", "unit: renshee"),
        "renshe.yaml",
        ["1: unknown unit 'renshee' (did you mean 'renshe'?); use an id from units.yaml"],
    ),
    "unknown period": (
        GOOD.replace("period: 2020-H1", "period: 2020-H2"),
        "renshe.yaml",
        ["1: unknown period '2020-H2'; the periods are 2020-H1, 2020"],
    ),
    "period in another folder": (
        GOOD.replace("period: 2020-H1", "period: '2020'"),
        "renshe.yaml",
        ["1: period 2020 is in the folder '2020-H1'; move it to progress/2020/"],
    ),
    "unit in another file": (
        GOOD,
        "fagai.yaml",
        ["1: unit 'renshe' is in the file 'fagai.yaml'; rename it renshe.yaml"],
    ),
    "task not the unit's": (
        GOOD.replace("task: 9", "task: 2"),
        "renshe.yaml",
        ["7: task 2 (任务2): not assigned to unit 'renshe'"],
    ),
    "no such task": (
        GOOD.replace("task: 9", "task: 99"),
        "renshe.yaml",
        ["7: task 99: no task has this id"],
    ),
    "a task twice": (
        GOOD.replace("task: 1", "task: 9"),
        "renshe.yaml",
        ["10: task 9: reported twice (first at line 7)"],
    ),
    "status outside the list": (
        GOOD.replace("status: 序时推进", "status: 进行中"),
        "renshe.yaml",
        ["7: task 9: unknown status '进行中'; use one of 已完成, 序时推进, 滞后, 未启动"],
    ),
    "malformed date": (
        GOOD.replace("'2020-07-08'", "2020-07-32"),
        "renshe.yaml",
        ["1: malformed date '2020-07-32'; use YYYY-MM-DD"],
    ),
    "missing progress": (
        GOOD.replace("  progress: ''\n", ""),
        "renshe.yaml",
        ["10: task 1: missing 'progress' (进展情况 as written; '' when none)"],
    ),
    "unknown key": (
        GOOD.replace("  progress: ''\n", "  progress: ''\n  colour: red\n"),
        "renshe.yaml",
        [
            "10: task 1: unknown key 'colour'; the keys are task, status, progress, evidence",
        ],
    ),
    "empty file": ("", "renshe.yaml", ["empty file; import the ledger again"]),
}


@pytest.mark.parametrize(("text", "name", "expected"), BAD_FILES.values(), ids=list(BAD_FILES))
def test_a_bad_report_file_gives_exactly_its_message(data, text, name, expected):
    shown = write_report(data, text, f"progress/2020-H1/{name}")
    site, problems = check(data, shown_dir="data")
    assert site is None
    errors = [str(p) for p in problems if p.severity == "error"]
    prefix = f"{shown}:" if expected[0][0].isdigit() else f"{shown}: "
    assert errors == [prefix + line for line in expected]
