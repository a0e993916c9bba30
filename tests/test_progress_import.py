"""Progress reports (落实情况, issue #14): data/progress/<period>/<unit>.yaml read and
checked (readers/progress.py, validate.py, build.py), and returned ledgers imported
(scripts/import_progress.py, importer/progress.py), on ledgers built from the real data.

The real data/ holds no reports: every test works on a temp copy of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fengong.data.load import check, load_site
from fengong.pages import paths
from fengong.pages.downloads import notice_json_bytes
from fengong.pages.render import render_pages

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
        ["1: 未知单位 'renshee'（是不是 'renshe'？）；请用 units.yaml 中的单位 id"],
    ),
    "unknown period": (
        GOOD.replace("period: 2020-H1", "period: 2020-H2"),
        "renshe.yaml",
        ["1: 未知报送期 '2020-H2'；现有报送期：2020-H1、2020；请把 'period' 改为其中之一"],
    ),
    "period in another folder": (
        GOOD.replace("period: 2020-H1", "period: '2020'"),
        "renshe.yaml",
        ["1: 报送期 2020 的台账放在了文件夹 '2020-H1' 中；请把它移到 progress/2020/"],
    ),
    "unit in another file": (
        GOOD,
        "fagai.yaml",
        ["1: 单位 'renshe' 的台账放在了文件 'fagai.yaml' 中；请把它改名为 renshe.yaml"],
    ),
    "task not the unit's": (
        GOOD.replace("task: 9", "task: 2"),
        "renshe.yaml",
        [
            "7: 任务编号 2（任务2）：这项任务没有分工给单位 'renshe'；"
            "请删去这一条，或核对这是哪个单位的台账"
        ],
    ),
    "no such task": (
        GOOD.replace("task: 9", "task: 99"),
        "renshe.yaml",
        ["7: 任务编号 99：没有这个编号的任务；请删去这一条，或重新导入这份台账"],
    ),
    "a task twice": (
        GOOD.replace("task: 1", "task: 9"),
        "renshe.yaml",
        ["10: 任务编号 9：报送了两次（第一次在第 7 行）"],
    ),
    "status outside the list": (
        GOOD.replace("status: 序时推进", "status: 进行中"),
        "renshe.yaml",
        ["7: 任务编号 9：未知的 'status' 值 '进行中'；请用 已完成、序时推进、滞后、未启动 之一"],
    ),
    "malformed date": (
        GOOD.replace("'2020-07-08'", "2020-07-32"),
        "renshe.yaml",
        ["1: 日期 '2020-07-32' 有误；请写成 年-月-日，例如 2020-07-08"],
    ),
    "missing progress": (
        GOOD.replace("  progress: ''\n", ""),
        "renshe.yaml",
        ["10: 任务编号 1：缺少 'progress'（按原样写的进展情况；没有时写 ''）"],
    ),
    "unknown key": (
        GOOD.replace("  progress: ''\n", "  progress: ''\n  colour: red\n"),
        "renshe.yaml",
        [
            "10: 任务编号 1：未知的键 'colour'；可用的键：'task'、'status'、'progress'、'evidence'",
        ],
    ),
    "empty file": ("", "renshe.yaml", ["文件是空的；请重新导入这份台账"]),
    "a contribution to a task not the unit's": (
        GOOD + "contributions:\n- task: 2\n  progress: 配合。\n",
        "renshe.yaml",
        [
            "15: 配合任务编号 2（任务2）：这项任务没有分工给单位 'renshe'；"
            "请删去这一条，或核对这是哪个单位的台账"
        ],
    ),
    "a contribution twice": (
        GOOD + "contributions:\n- task: 8\n  progress: 配合。\n- task: 8\n  progress: 又一次。\n",
        "renshe.yaml",
        ["17: 任务编号 8 的配合情况：写了两次（第一次在第 15 行）"],
    ),
    "a contribution's status outside the list": (
        GOOD + "contributions:\n- task: 8\n  status: 进行中\n",
        "renshe.yaml",
        [
            "15: 任务编号 8 的配合情况：未知的 'status' 值 '进行中'；"
            "请用 已完成、序时推进、滞后、未启动 之一"
        ],
    ),
}


@pytest.mark.parametrize(("text", "name", "expected"), BAD_FILES.values(), ids=list(BAD_FILES))
def test_a_bad_report_file_gives_exactly_its_message(data, text, name, expected):
    shown = write_report(data, text, f"progress/2020-H1/{name}")
    site, problems = check(data, shown_dir="data")
    assert site is None
    errors = [str(p) for p in problems if p.severity == "error"]
    prefix = f"{shown}:" if expected[0][0].isdigit() else f"{shown}: "
    assert errors == [prefix + line for line in expected]


# -- returned ledgers: scripts/import_progress.py -------------------------------------------

HEADER_ROW = 6  # of a lead unit's ledger: the title, the duty in three lines, the filling note
PERIOD = "2020-H1"


@pytest.fixture(scope="module")
def downloads(site_model) -> dict[str, bytes]:
    from fengong.pages.downloads import download_files

    return download_files(site_model)


def ledger_file(tmp_path: Path, site, downloads, unit_id: str, ext: str = "xlsx") -> Path:
    from fengong.pages import paths

    path = tmp_path / f"{site.unit(unit_id).name}-任务台账.{ext}"
    path.write_bytes(downloads[paths.unit_download(site.unit(unit_id), ext)])
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def run(capsys, *args: str | Path) -> tuple[int, list[str], list[str]]:
    from import_progress import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def edit_workbook(path: Path, change) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def columns(ws, header_row: int = HEADER_ROW) -> dict[str, int]:
    """Header → 1-based column."""
    return {c.value: c.column for c in ws[header_row] if c.value}


def row_of(ws, task_id: int, header_row: int = HEADER_ROW) -> int:
    col = columns(ws, header_row)["任务ID"]
    return next(
        r for r in range(header_row + 1, ws.max_row + 1) if ws.cell(r, col).value == task_id
    )


def fill(ws, task_id: int, status: str, progress: str = "", evidence: str = "", header_row=6):
    col, r = columns(ws, header_row), row_of(ws, task_id, header_row)
    ws.cell(r, col["状态"], status)
    ws.cell(r, col["进展情况"], progress or None)
    ws.cell(r, col["佐证材料"], evidence or None)


# What renshe reports in the round trips: task id → (status, 进展情况, 佐证材料).
FILLED = {
    1: ("已完成", "已兑现援企稳岗政策。\n惠及企业1200户。", "区人力社保局2020年6月通报"),
    9: ("序时推进", "已发放稳岗返还。", ""),
    23: ("滞后", "", ""),
    61: ("未启动", "待市级文件下达后启动。", ""),
}
DELETED = 26  # a led task whose row the unit deleted: not reported
UNFILLED = 28  # a led task left blank: not reported


def test_round_trip_of_a_filled_workbook(tmp_path, data, site_model, downloads, capsys):
    path = ledger_file(tmp_path, site_model, downloads, "renshe")

    def as_a_unit_would(wb):
        ws = wb["任务台账"]
        for task_id, (status, progress, evidence) in FILLED.items():
            fill(ws, task_id, status, progress, evidence)
        ws.delete_rows(row_of(ws, DELETED))
        # Re-sorted: the rows by 序号, last first (values only, as a sort moves them).
        first, last = HEADER_ROW + 1, ws.max_row
        rows = [[c.value for c in ws[r]] for r in range(first, last + 1)]
        rows.sort(key=lambda values: -values[0])
        for r, values in enumerate(rows, first):
            for c, value in enumerate(values, 1):
                ws.cell(r, c).value = value
        ws.insert_cols(3)  # a column of its own, before ours
        ws.cell(HEADER_ROW, 3, "科室备注")
        ws.cell(HEADER_ROW + 1, 3, "张三负责")
        ws.auto_filter.ref = f"A{HEADER_ROW}:Q{ws.max_row}"
        ws.auto_filter.add_filter_column(5, ["牵头"])

    edit_workbook(path, as_a_unit_would)
    before = snapshot(data)
    code, out, err = run(
        capsys, path, "--period", PERIOD, "--data-dir", data, "--date", "2020-07-08"
    )
    assert code == 0, err
    led = site_model.tasks_led(site_model.unit("renshe"))
    missing = [t for t in led if t.id not in FILLED]
    assert {DELETED, UNFILLED} <= {t.id for t in missing}
    assert err == [
        f"{path}: 警告：未报送："
        + "、".join(f"任务{t.number}" for t in missing)
        + "（区人力社保局 牵头的 29 项任务中有 25 项没有填状态）"
    ]
    assert out == [
        f"{path}: 区人力社保局（renshe），2020-H1：牵头的 29 项任务报送了 4 项"
        "（已完成 1，序时推进 1，滞后 1，未启动 1）；写入 progress/2020-H1/renshe.yaml"
    ]
    after = snapshot(data)
    assert set(after) - set(before) == {
        "progress",
        "progress/2020-H1",
        "progress/2020-H1/renshe.yaml",
    }
    assert all(after[k] == v for k, v in before.items())

    site, _ = load_site(data, "data")
    (report,) = site.reports
    assert (report.unit.id, report.period, report.received, report.revision, report.file) == (
        "renshe",
        PERIOD,
        "2020-07-08",
        "v1",
        path.name,
    )
    got = {e.task_id: (e.status, e.progress, e.evidence) for e in report.entries}
    assert got == FILLED
    # In the notice's order, whatever order the rows came back in.
    assert [e.task_id for e in report.entries] == sorted(FILLED)

    # And the site shows exactly what was filled in: each task's page its status and the
    # unit's words, the unit page the period as received, /progress/ the counts, the
    # downloads the status.
    pages = render_pages(site)
    for task_id, (status, progress, evidence) in FILLED.items():
        task = next(t for t in site.tasks if t.id == task_id)
        page = BeautifulSoup(pages[paths.page_of(task)], "html.parser")
        assert page.select_one(".fg-light-now .fg-light").get_text() == status
        row = page.select_one('#progress-2020-H1 ~ div td[data-label="进展情况"]')
        assert row.get_text("\n") == progress
        assert evidence in page.get_text()
    for task_id in (DELETED, UNFILLED):
        task = next(t for t in site.tasks if t.id == task_id)
        assert "尚未收到报送" in pages[paths.page_of(task)]
    unit_page = BeautifulSoup(pages[paths.page_of(site.unit("renshe"))], "html.parser")
    assert "2020年7月8日" in unit_page.get_text()
    progress_page = BeautifulSoup(pages[paths.PROGRESS], "html.parser").get_text()
    assert "共收到 1 份报送" in progress_page
    downloaded = json.loads(notice_json_bytes(site, None))["tasks"]
    number_of = {t.id: t.number for t in site.tasks}
    status_of = {t["number"]: t["status"] for t in downloaded}
    assert {i: status_of[number_of[i]] for i in FILLED} == {i: v[0] for i, v in FILLED.items()}


def set_cell(task_id: int, header: str, value):
    def change(wb):
        ws = wb["任务台账"]
        ws.cell(row_of(ws, task_id), columns(ws)[header]).value = value

    return change


def set_meta(key: str, value):
    def change(wb):
        meta = wb["_fengong"]
        row = next(r for r in meta.iter_rows() if r[0].value == key)
        row[1].value = value

    return change


def duplicate_row(task_id: int):
    def change(wb):
        ws = wb["任务台账"]
        values = [c.value for c in ws[row_of(ws, task_id)]]
        for c, value in enumerate(values, 1):
            ws.cell(ws.max_row + 1 if c == 1 else ws.max_row, c, value)

    return change


def then(*changes):
    def change(wb):
        for one in changes:
            one(wb)

    return change


def not_ours(path: Path) -> None:
    """A workbook with the ledger's headers but none of its identifiers."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "任务台账"
    wb.active.append(["序号", "任务内容", "状态", "进展情况", "任务ID"])
    wb.active.append([1, "…", "已完成", "", 1])
    wb.save(path)


ROW = HEADER_ROW + 1  # renshe's first row: task 1; its rows follow the notice's order
SHEET = "任务台账"
# (the change, the unit the files must be, the error lines after "<file>")
BAD_RETURNS = {
    "another unit's workbook": (
        None,
        "fagai",
        [
            ": 这是 区人力社保局（renshe）的台账，不是 区发展改革委（fagai）的；"
            "请核对是哪个单位报送的"
        ],
    ),
    "not our ledger": (
        not_ours,
        None,
        [
            ": 不是本站下载的台账（没有“标识”工作表）；请从单位页面下载该单位的任务台账，"
            "在那份文件中填写后报送"
        ],
    ),
    "a task not assigned to the unit": (
        set_cell(1, "任务ID", 2),
        None,
        [
            f":{SHEET}:{ROW}: 任务编号 2（任务2）：这项任务没有分工给 区人力社保局（renshe）；"
            "请删去这一行，或核对台账是哪个单位的"
        ],
    ),
    "an unknown task id": (
        set_cell(1, "任务ID", 99),
        None,
        [f":{SHEET}:{ROW}: 未知任务编号 99；隐藏的任务编号列被改动过：请从下载的台账恢复这一行"],
    ),
    "an unknown task id from an older revision": (
        then(set_cell(1, "任务ID", 99), set_meta("revision", "v0")),
        None,
        [
            f":{SHEET}:{ROW}: 未知任务编号 99；这份台账是修订版 'v0'的，通知现为修订版 'v1'："
            "请下载现行台账，把进展抄过去"
        ],
    ),
    "a status outside the list": (
        set_cell(1, "状态", "进行中"),
        None,
        [
            f":{SHEET}:{ROW}: 任务编号 1（任务1）：状态 '进行中' 不在可选项中"
            "（已完成、序时推进、滞后、未启动）；请从下拉列表中选一项"
        ],
    ),
    "the same task twice": (
        then(set_cell(9, "状态", "已完成"), duplicate_row(9)),
        None,
        [
            f":{SHEET}:47: 任务编号 9（任务9）：同一任务的第二行（第一行在第 {ROW + 2} 行）；"
            "请只保留一行"
        ],
    ),
    "a ledger of another notice": (
        set_meta("doc_number", "大足府办发〔2020〕40号"),
        None,
        [
            ": 这是 大足府办发〔2020〕40号 的台账，不是 大足府办发〔2020〕41号 的；"
            "请核对文号，或用 --notice 指明它所属的通知"
        ],
    ),
    "a ledger of another format": (
        set_meta("format", 2),
        None,
        [": 台账格式为 2，本工具读取格式 1；请下载该单位的现行台账"],
    ),
}


@pytest.mark.parametrize(
    ("change", "unit", "expected"), BAD_RETURNS.values(), ids=list(BAD_RETURNS)
)
def test_a_bad_return_changes_nothing(
    tmp_path, data, site_model, downloads, capsys, change, unit, expected
):
    path = ledger_file(tmp_path, site_model, downloads, "renshe")
    if change is not_ours:
        not_ours(path)
    elif change is not None:
        edit_workbook(path, change)
    # A good return in the same run is not written either: all files or none.
    good = ledger_file(tmp_path, site_model, downloads, "fagai")
    edit_workbook(good, set_cell(6, "状态", "已完成"))
    files = [path] if unit else [good, path]
    before = snapshot(data)
    code, out, err = run(
        capsys, *files, "--period", PERIOD, "--data-dir", data, *(("--unit", unit) if unit else ())
    )
    assert code == 1
    errors = [line for line in err if ": 警告：" not in line]
    assert errors == [f"{path}{line}" for line in expected] + [
        f"导入失败：{len(expected)} 个错误，{data} 未作任何改动；请按上面列出的错误修改后重新导入"
    ]
    assert out == []
    assert snapshot(data) == before


def test_an_unknown_period_lists_the_periods(tmp_path, data, site_model, downloads, capsys):
    path = ledger_file(tmp_path, site_model, downloads, "renshe")
    code, out, err = run(capsys, path, "--period", "2020-H2", "--data-dir", data)
    assert (code, out) == (1, [])
    assert err[0] == (
        "--period: 没有报送期 '2020-H2'；现有报送期：2020-H1 上半年，报送 2020年7月1日至7月10日；"
        "2020 上年度，报送 2021年1月1日至1月10日；请用 --period 指明其中之一"
    )
    assert not (data / "progress").exists()


def test_warnings_do_not_stop_the_import(tmp_path, data, site_model, downloads, capsys):
    """An edited task text and a filled row of a shared task are warnings; the rest goes in,
    the shared row as the unit's contribution (issue #22), which sets no status."""
    path = ledger_file(tmp_path, site_model, downloads, "renshe")
    edit_workbook(
        path,
        then(
            set_cell(1, "状态", "已完成"),
            set_cell(1, "任务内容", "改过的任务内容"),
            set_cell(8, "进展情况", "配合完成。"),  # task 8: renshe shares it
        ),
    )
    code, _, err = run(capsys, path, "--period", PERIOD, "--data-dir", data, "--date", "2020-07-09")
    assert code == 0
    assert err[:2] == [
        f"{path}:{SHEET}:{ROW}: 警告：任务编号 1（任务1）：台账中的任务内容被改动过；"
        "以通知原文为准（按任务编号导入）",
        f"{path}:{SHEET}:{ROW + 1}: 警告：任务编号 8（任务8）：区人力社保局 是这项任务的责任单位"
        "（非牵头单位），这一行作为它的配合情况导入；任务状态仍由牵头单位报送",
    ]
    assert err[2].startswith(f"{path}: 警告：未报送：任务9、任务23、")
    site, _ = load_site(data, "data")
    assert [(e.task_id, e.status) for e in site.reports[0].entries] == [(1, "已完成")]
    assert [(c.task_id, c.status, c.progress) for c in site.reports[0].contributions] == [
        (8, "", "配合完成。")
    ]


def test_reimport_says_what_changed_and_leaves_other_periods(
    tmp_path, data, site_model, downloads, capsys
):
    other = data / "progress" / "2020" / "renshe.yaml"
    write_report(data, GOOD.replace("2020-H1", "'2020'"), "progress/2020/renshe.yaml")
    kept = other.read_bytes()
    path = ledger_file(tmp_path, site_model, downloads, "renshe")
    edit_workbook(path, then(set_cell(1, "状态", "序时推进"), set_cell(9, "状态", "滞后")))
    assert run(capsys, path, "--period", PERIOD, "--data-dir", data, "--date", "2020-07-08")[0] == 0
    edit_workbook(
        path,
        then(
            set_cell(1, "状态", "已完成"),
            set_cell(1, "进展情况", "已完成。"),
            set_cell(9, "状态", None),
            set_cell(23, "状态", "未启动"),
        ),
    )
    code, out, _ = run(capsys, path, "--period", PERIOD, "--data-dir", data, "--date", "2020-07-09")
    assert code == 0
    assert out == [
        f"{path}: 区人力社保局（renshe），2020-H1：牵头的 29 项任务报送了 2 项"
        "（已完成 1，未启动 1）；替换 progress/2020-H1/renshe.yaml（5 处变化）",
        "  收到日期：2020-07-08 → 2020-07-09",
        "  任务1（任务编号 1）：状态 序时推进 → 已完成",
        "  任务1（任务编号 1）：进展情况有改动",
        "  任务9（任务编号 9）：不再报送（原为 滞后）",
        "  任务23（任务编号 23）：新报送，未启动",
    ]
    assert other.read_bytes() == kept
    site, _ = load_site(data, "data")
    assert [(r.period, r.received) for r in site.reports] == [
        (PERIOD, "2020-07-09"),
        ("2020", "2020-07-08"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_round_trip_of_the_csv_form(tmp_path, data, site_model, downloads, capsys, encoding):
    """The CSV as downloaded, filled, its rows re-sorted and one deleted, a column of the
    unit's own inserted; saved back as UTF-8, or as GB18030 (Excel on a Chinese system)."""
    import csv
    import io

    path = ledger_file(tmp_path, site_model, downloads, "renshe", "csv")
    header, *rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    col = {h: i for i, h in enumerate(header)}
    for row in rows:
        filled = FILLED.get(int(row[col["任务ID"]]))
        if filled:
            row[col["状态"]], row[col["进展情况"]], row[col["佐证材料"]] = filled
    rows = [r for r in rows if int(r[col["任务ID"]]) != DELETED]
    rows.sort(key=lambda r: r[col["任务内容"]])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["科室备注", *header])
    writer.writerows(["", *r] for r in rows)
    path.write_bytes(out.getvalue().encode(encoding))
    code, _, err = run(capsys, path, "--period", PERIOD, "--data-dir", data, "--date", "2020-07-08")
    assert code == 0, err
    site, _ = load_site(data, "data")
    (report,) = site.reports
    assert (report.unit.id, report.revision, report.file) == ("renshe", "v1", path.name)
    assert {e.task_id: (e.status, e.progress, e.evidence) for e in report.entries} == FILLED


# -- issue #22: the formats offices save, the period found by itself, partners' words -------

LEDGERS = ROOT / "tests" / "fixtures" / "ledgers"
# renshe's ledger filled as FILLED, with its shared task 8 written in too, saved by openpyxl
# (.xlsx), then converted once by LibreOffice 7.4.7.2 (`soffice --headless --convert-to xls`
# and `ods`): tests/fixtures/ledgers/README.md.
FILLED_LEDGER = "renshe-filled"
CONTRIBUTED = {8: ("", "配合完成稳岗返还资金审核。", "")}


def imported(data: Path, name: str) -> tuple[dict, dict, str]:
    """What the build reads back of renshe's 2020-H1 return: its reports, its contributions
    and its file's name."""
    site, problems = load_site(data, "data")
    assert [p for p in problems if p.severity == "error"] == []
    (report,) = site.reports
    assert (report.unit.id, report.period, report.received) == ("renshe", PERIOD, "2020-07-08")
    return (
        {e.task_id: (e.status, e.progress, e.evidence) for e in report.entries},
        {c.task_id: (c.status, c.progress, c.evidence) for c in report.contributions},
        report.file,
    )


@pytest.mark.parametrize("ext", ["xlsx", "xls", "ods"])
def test_the_formats_offices_save_import_alike(tmp_path, data, capsys, ext):
    """The same filled ledger as .xlsx, and as LibreOffice saved it as .xls and .ods: the same
    return, found in 2020-H1 by the day received alone (no --period)."""
    path = tmp_path / f"{FILLED_LEDGER}.{ext}"
    shutil.copy(LEDGERS / path.name, path)
    code, out, err = run(capsys, path, "--data-dir", data, "--date", "2020-07-08")
    assert code == 0, err
    assert out == [
        "报送期 2020-H1（上半年）：其报送时间 2020年7月1日至7月10日 包含收到日期 2020-07-08",
        f"{path}: 区人力社保局（renshe），2020-H1：牵头的 29 项任务报送了 4 项"
        "（已完成 1，序时推进 1，滞后 1，未启动 1），配合任务填写 1 项；"
        "写入 progress/2020-H1/renshe.yaml",
    ]
    assert imported(data, path.name) == (FILLED, CONTRIBUTED, path.name)
    written = (data / "progress" / "2020-H1" / "renshe.yaml").read_text("utf-8")
    assert written.count(f"file: {path.name}\n") == 1


def very_hidden_xls(source: Path, target: Path) -> None:
    """source with its identifiers sheet made very hidden, as Excel would keep it: the
    visibility byte of the sheet's BoundSheet8 record (BIFF8: 0x0085, then the stream
    position, the state, the type, the name) set to 2. LibreOffice writes it hidden (1)."""
    data = bytearray(source.read_bytes())
    name = b"\x08\x00_fengong"  # 8 characters, stored 8-bit
    at = data.index(name)
    assert data[at - 10 : at - 8] == b"\x85\x00", "not the BoundSheet8 record of _fengong"
    assert data[at - 2] == 1  # hidden, as LibreOffice saved it
    data[at - 2] = 2
    target.write_bytes(bytes(data))


def test_a_very_hidden_identifiers_sheet_in_xls_is_read(tmp_path, data, capsys):
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    path = tmp_path / f"{FILLED_LEDGER}.xls"
    very_hidden_xls(LEDGERS / path.name, path)
    meta = {s.name: s.visible for s in CalamineWorkbook.from_path(str(path)).sheets_metadata}
    assert meta["_fengong"] == SheetVisibleEnum.VeryHidden
    code, _, err = run(capsys, path, "--data-dir", data, "--date", "2020-07-08")
    assert code == 0, err
    assert imported(data, path.name) == (FILLED, CONTRIBUTED, path.name)


def test_a_wps_et_file_is_told_to_be_saved_as_xlsx(tmp_path, data, capsys):
    path = tmp_path / "区人力社保局-任务台账.et"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = run(capsys, path, "--data-dir", data, "--date", "2020-07-08")
    assert (code, out) == (1, [])
    assert err == [
        f"{path}: WPS 表格文件（.et）无法读取：请在 WPS 中“另存为”Excel 工作簿（.xlsx）后重新报送",
        f"导入失败：1 个错误，{data} 未作任何改动；请按上面列出的错误修改后重新导入",
    ]
    assert not (data / "progress").exists()


@pytest.mark.parametrize(
    ("day", "period"),
    [("2020-07-01", "2020-H1"), ("2020-07-10", "2020-H1"), ("2021-01-05", "2020")],
)
def test_the_period_is_the_one_whose_window_holds_the_day(tmp_path, data, capsys, day, period):
    path = tmp_path / f"{FILLED_LEDGER}.xlsx"
    shutil.copy(LEDGERS / path.name, path)
    code, out, err = run(capsys, path, "--data-dir", data, "--date", day)
    assert code == 0, err
    assert out[0].startswith(f"报送期 {period}（")
    assert out[0].endswith(f" 包含收到日期 {day}")
    assert out[1].endswith(f"写入 progress/{period}/renshe.yaml")
    assert [p.name for p in (data / "progress").iterdir()] == [period]


@pytest.mark.parametrize("day", ["2020-07-11", "2020-12-31", "2021-02-01"])
def test_a_day_outside_every_window_lists_the_windows(tmp_path, data, capsys, day):
    path = tmp_path / f"{FILLED_LEDGER}.xlsx"
    shutil.copy(LEDGERS / path.name, path)
    before = snapshot(data)
    code, out, err = run(capsys, path, "--data-dir", data, "--date", day)
    assert (code, out) == (1, [])
    assert err == [
        f"--period: {day} 不在任何报送期的报送时间内；请用 --period 指明报送期（现有："
        "2020-H1 上半年，报送 2020年7月1日至7月10日；2020 上年度，报送 "
        "2021年1月1日至1月10日），本次未导入任何台账",
        f"导入失败：1 个错误，{data} 未作任何改动；请按上面列出的错误修改后重新导入",
    ]
    assert snapshot(data) == before


def test_a_partner_only_return_is_kept_and_sets_no_status(
    tmp_path, data, site_model, downloads, capsys
):
    """A unit that leads nothing and writes in a shared row: its words are imported as its
    contribution, shown on the task page under the lead unit's report (escaped), and the
    task's status stays the lead unit's."""
    partner = next(
        u for u in site_model.units if not site_model.tasks_led(u) and site_model.tasks_shared(u)
    )
    task = site_model.tasks_shared(partner)[0]
    lead = task.lead[0].unit
    words = "<b>配合</b>完成 & 核查"
    path = ledger_file(tmp_path, site_model, downloads, partner.id)
    # The partner's ledger has no header above its table beyond the title and note: find it.
    import openpyxl

    ws = openpyxl.load_workbook(path)["任务台账"]
    header_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "序号")
    edit_workbook(
        path,
        lambda wb: fill(wb["任务台账"], task.id, "序时推进", words, "", header_row=header_row),
    )
    lead_file = ledger_file(tmp_path, site_model, downloads, lead.id)
    edit_workbook(lead_file, set_cell(task.id, "状态", "滞后"))
    code, _, err = run(capsys, path, lead_file, "--data-dir", data, "--date", "2020-07-08")
    assert code == 0, err
    assert (
        f"{partner.name} 是这项任务的责任单位（非牵头单位），这一行作为它的配合情况导入" in err[0]
    )
    site, _ = load_site(data, "data")
    st_report = next(r for r in site.reports if r.unit.id == partner.id)
    assert st_report.entries == ()
    assert [(c.task_id, c.status, c.progress) for c in st_report.contributions] == [
        (task.id, "序时推进", words)
    ]
    from fengong.pages.standing import standing

    assert standing(site).of(task).status == "滞后"  # the lead unit's, not the partner's
    page = render_pages(site)[paths.page_of(task)]
    assert "&lt;b&gt;配合&lt;/b&gt;完成 &amp; 核查" in page and "<b>配合</b>" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one(".fg-light-now .fg-light").get_text() == "滞后"
    contribution = soup.select_one(f"#contributions-{PERIOD} + div tbody tr")
    assert contribution.select_one("td").get_text() == partner.name
    assert contribution.select_one('td[data-label="进展情况"]').get_text() == words
    # Under the lead unit's report: the lead's table comes first in the period's part.
    text = soup.get_text()
    assert text.index(lead.name, text.index("2020年上半年")) < text.index("参与单位报送的工作情况")
