"""What the scripts say to the office is Chinese (issue #24): each script run on the bad
inputs of the other tests, every line it prints checked to be Chinese (Han characters, and no
English word outside file paths, ids, commands and option names) and to start with its
`file:line:` (or `file:sheet:row:`, or the option at fault) where it has one.

The notice import and the data checks (parse.py, units.py, validate.py, the import summary
of run.py and datafiles.py) are held to the same check by
test_every_line_of_the_notice_import_and_the_data_checks_is_chinese."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import check_data  # scripts/ is on the tests' path (pyproject.toml)
import diff_revisions
import import_notice
import import_progress
import openpyxl
import pytest
from fengong import ledger
from library_sample import move_to_library

ROOT = Path(__file__).resolve().parent.parent
LEDGERS = ROOT / "tests" / "fixtures" / "ledgers"
FILLED = LEDGERS / "renshe-filled.xlsx"  # renshe's 2020-H1 ledger, filled
REAL_NOTICE = ROOT / "data" / "source" / "dazu-2020-41.txt"

HAN = re.compile(r"[\u4e00-\u9fff]")
# What may stay in ASCII letters in a Chinese line: the things the office types or reads
# back as they are. Each is removed before the line is searched for English words.
PATH = re.compile(r"[^\s'\"“”（）()：:，；、]*[/\\][^\s'\"“”（）()：:，；、]*")
FILE_NAME = re.compile(
    r"[\w.-]*\.(?:py|yaml|yml|txt|docx|pdf|xlsx|xls|ods|csv|et|html|json)\b", re.ASCII
)
OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z-]*", re.ASCII)
QUOTED = re.compile(r"'[^']*'")  # a value echoed from the input: '进行中', 'renshee'
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|YYYY-MM-DD")
# The names of formats and programs the office knows by these names.
TERMS = ("UTF-8", "GB18030", "CSV", "Excel", "WPS", "HTML", "JSON", "YAML", "python", "mkdir")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(line: str, ids: tuple[str, ...] = ()) -> list[str]:
    """The English words of `line` outside paths, file names, options, quoted values, dates,
    the given ids (unit ids, slugs, period ids) and TERMS."""
    rest = line
    for pattern in (PATH, FILE_NAME, OPTION, QUOTED, DATE):
        rest = pattern.sub(" ", rest)
    for word in sorted((*ids, *TERMS, "id"), key=len, reverse=True):
        rest = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", " ", rest)
    return ENGLISH_WORD.findall(rest)


def assert_chinese(line: str, ids: tuple[str, ...] = ()) -> None:
    assert HAN.search(line), f"no Chinese in {line!r}"
    assert english_words(line, ids) == [], f"English in {line!r}"


def test_the_check_can_fail():
    """The messages this issue found, and a few near misses, are told apart."""
    english = [
        "import failed: 1 error(s); data is unchanged",
        "data/a.yaml:3: part numbers skip 1; renumber or restore them",
        "x.xlsx:任务台账:7: task id 1 (任务1): status '完成' is not one of 已完成、滞后",
        "data/: holds many notices (notices/), not one; load it with load_library",
        "--period: 没有报送期 '2020-H2'; the periods are 2020-H1",
        "警告：not reported: 任务9",
    ]
    for line in english:
        assert english_words(line, ("renshe",)), line
    assert not HAN.search("data/a.yaml:3: invalid")
    chinese = [
        "data/a.yaml:3: 警告：未报送：任务9（区人力社保局 牵头的 29 项任务中有 1 项没有填状态）",
        "--period: 没有报送期 '2020-H2'；现有报送期：2020-H1 上半年，报送 2020年7月1日至7月10日",
        "/tmp/x/data: 数据有误（1 个错误，0 个警告）；请先改正（python scripts/check_data.py "
        "--data-dir /tmp/x/data）",
        "a.csv: 既不是 UTF-8 也不是 GB18030 文本；请另存为“CSV UTF-8”",
    ]
    for line in chinese:
        assert_chinese(line, ("renshe",))


def lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def run(capsys, main, *args) -> tuple[int, list[str], list[str]]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, lines_of(out), lines_of(err)


def where(line: str, *starts: str) -> bool:
    """The line starts with one of `starts` followed by `: ` or by `:<sheet or line>…: `."""
    return any(re.match(re.escape(start) + r"(?::[^\s:]+)*: \S", line) for start in starts)


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def ids_of(data: Path) -> tuple[str, ...]:
    from fengong.data.load import check

    site, _ = check(data)
    return tuple(u.id for u in site.units) + tuple(p.id for p in site.periods)


# -- import_progress.py ------------------------------------------------------------------------


def row_of(ws, task_id: int) -> int:
    header = next(r for r in ws.iter_rows() if ledger.TASK_ID_HEADER in [c.value for c in r])
    column = [c.value for c in header].index(ledger.TASK_ID_HEADER) + 1
    return next(
        r for r in range(header[0].row + 1, ws.max_row + 1) if ws.cell(r, column).value == task_id
    )


def set_cell(path: Path, task_id: int, header: str, value) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[ledger.LEDGER_SHEET]
    head = next(r for r in ws.iter_rows() if header in [c.value for c in r])
    ws.cell(row_of(ws, task_id), [c.value for c in head].index(header) + 1).value = value
    wb.save(path)


def bad_ledgers(tmp_path: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """Each bad return of tests/test_progress_import.py, with the extra arguments it is
    imported with."""
    cases = {}
    status = tmp_path / "status.xlsx"
    shutil.copy(FILLED, status)
    set_cell(status, 1, "状态", "进行中")
    cases["a status outside the list"] = (status, ())
    unknown = tmp_path / "unknown.xlsx"
    shutil.copy(FILLED, unknown)
    set_cell(unknown, 1, ledger.TASK_ID_HEADER, 99)
    cases["an unknown task id"] = (unknown, ())
    cases["another unit's ledger"] = (FILLED, ("--unit", "fagai"))
    et = tmp_path / "区人力社保局-任务台账.et"
    et.write_bytes(b"\xd0\xcf\x11\xe0")
    cases["a WPS file"] = (et, ())
    text = tmp_path / "ledger.txt"
    text.write_text("任务台账\n", "utf-8")
    cases["not a workbook"] = (text, ())
    return cases


def test_import_progress_refuses_bad_ledgers_in_chinese(tmp_path, data, capsys):
    ids = ids_of(data)
    for name, (path, extra) in bad_ledgers(tmp_path).items():
        code, out, err = run(
            capsys, import_progress.main, path, "--data-dir", data, "--date", "2020-07-08", *extra
        )
        assert (code, out) == (1, []), name
        *problems, last = err
        assert problems, name
        for line in problems:
            assert where(line, str(path)), f"{name}: {line!r}"
            assert_chinese(line, ids)
        assert last.startswith("导入失败："), name
        assert_chinese(last, ids)


def test_import_progress_names_the_period_and_the_notice(tmp_path, data, capsys):
    ids = ids_of(data)
    for args, option in (
        (("--period", "2020-H2"), "--period"),
        (("--date", "2020-12-31"), "--period"),  # the fix: name the period
        (("--date", "2020-07-32"), "--date"),
        (("--unit", "renshee", "--date", "2020-07-08"), "--unit"),
    ):
        code, out, err = run(capsys, import_progress.main, FILLED, "--data-dir", data, *args)
        assert (code, out) == (1, []), args
        assert where(err[0], option), err[0]
        if option == "--unit":
            assert err[0] == (
                "--unit: 没有单位 'renshee'；是不是 区人力社保局（--unit renshe）？"
                "单位 id 见 units.yaml"
            )
        for line in err:
            assert_chinese(line, ids)
    # A library, and no --notice: the slug to add, not a Python name.
    move_to_library(data, "dzfbf-2020-41")
    code, out, err = run(capsys, import_progress.main, FILLED, "--data-dir", data)
    assert (code, out) == (1, [])
    assert len(err) == 2 and err[1].startswith("导入失败：1 个错误")
    assert err[0] == (
        f"{data}/: 这里有多份通知（notices/ 下：dzfbf-2020-41），不是一份；"
        "请加上 --notice dzfbf-2020-41 指明是哪一份（可选：dzfbf-2020-41）"
    )
    code, out, err = run(
        capsys, import_progress.main, FILLED, "--data-dir", data, "--notice", "dzfbf-2020-40"
    )
    assert code == 1
    errors = [line for line in err if "警告：" not in line]
    assert errors[0] == (
        f"--notice: {data}/notices/ 里没有通知 'dzfbf-2020-40'；请改为 --notice 加上其中之一："
        "dzfbf-2020-41"
    )
    for line in errors:
        assert_chinese(line, (*ids, "dzfbf-2020-41", "dzfbf-2020-40"))


def test_import_progress_reports_and_reimports_in_chinese(tmp_path, data, capsys):
    """A good return (its warnings, its summary), then the same unit's return again: what
    changed, the date received among it."""
    ids = ids_of(data)
    path = tmp_path / FILLED.name
    shutil.copy(FILLED, path)
    code, out, err = run(
        capsys, import_progress.main, path, "--data-dir", data, "--date", "2020-07-08"
    )
    assert code == 0, err
    assert out[0].startswith("报送期 2020-H1（上半年）")
    for line in err:
        assert where(line, str(path)), line
        assert_chinese(line, ids)
    for line in out:
        assert_chinese(line, ids)
    set_cell(path, 1, "状态", "滞后")
    code, out, err = run(
        capsys, import_progress.main, path, "--data-dir", data, "--date", "2020-07-09"
    )
    assert code == 0, err
    assert "  收到日期：2020-07-08 → 2020-07-09" in out
    assert any(line.startswith("  任务1（任务编号 1）：状态 ") for line in out), out
    assert out[1].startswith(f"{path}: ") and "替换 progress/2020-H1/renshe.yaml（" in out[1]
    for line in out + err:
        assert_chinese(line, ids)


# -- check_data.py -----------------------------------------------------------------------------


def test_check_data_in_chinese(data, capsys):
    code, out, err = run(capsys, check_data.main, "--data-dir", data)
    assert code == 0, err
    assert out[0].startswith(f"{data}: 数据无误：")
    for line in out:
        assert_chinese(line)
    move_to_library(data, "dzfbf-2020-41")
    code, out, err = run(capsys, check_data.main, "--data-dir", data)
    assert code == 0, err
    for line in out:
        assert_chinese(line, ("dzfbf-2020-41",))


def test_check_data_ends_with_the_error_and_the_counts(data, capsys):
    """Warnings and one error: the error last, then the counts, each apart."""
    targets = data / "targets.yaml"
    text = targets.read_text("utf-8")
    text = text.replace("quote: 补贴性培训1.26万人次", "quote: 补贴性培训1.5万人次")
    text = text.replace("quote: 城镇新增就业1.4万人以上", "quote: 城镇新增就业9万人以上")
    targets.write_text(text, "utf-8")
    notice = data / "notice.yaml"
    text = notice.read_text("utf-8").replace(
        "  - 区财政局\n  - 区生态环境局", "  - 区财政\n  - 区生态环境局"
    )
    notice.write_text(text, "utf-8")
    code, out, err = run(capsys, check_data.main, "--data-dir", data)
    assert (code, out) == (1, [])
    assert err[-1] == (
        f"{data}: 数据有误（1 个错误，2 个警告）；请先改正最后列出的 1 个错误"
        f"（改完再运行 .venv/bin/python scripts/check_data.py --data-dir {data}）"
    )
    assert_chinese(err[-1])
    assert where(err[-2], f"{data}/notice.yaml") and "警告：" not in err[-2], err[-2]
    assert [where(line, f"{data}/targets.yaml") and ": 警告：" in line for line in err[:-2]] == [
        True,
        True,
    ]


# -- import_notice.py and diff_revisions.py ----------------------------------------------------

BAD_CORRECTIONS = {  # tests/test_corrections.py's bad files, on the Dazu notice
    "a lead not among the units": "  - task: 8\n    starts: 支持企业\n    lead: [区财政局]\n"
    "    units: [区总工会]\n",
    "two actions at once": "  - task: 8\n    starts: 支持企业\n    not_a_task: true\n"
    "    split_at: 采取\n",
    "an unknown key": "  - task: 8\n    starts: 支持企业\n    lead: [区总工会]\n    leed: []\n",
    "a role that does not exist": "  - task: 8\n    starts: 支持企业\n    units: [区总工会]\n"
    "    roles: [boss]\n",
    "a task corrected twice": "  - task: 8\n    starts: 支持企业\n    not_a_task: true\n"
    "  - task: 8\n    starts: 支持企业与职工\n    units: [区总工会]\n",
    "a YAML mistake": "  - task: 8\n   starts: 支持企业\n",
}


@pytest.mark.parametrize("entries", BAD_CORRECTIONS.values(), ids=list(BAD_CORRECTIONS))
def test_import_notice_refuses_a_bad_corrections_file_in_chinese(entries, data, capsys):
    corrections = data / "corrections.yaml"
    corrections.write_text("corrections:\n" + entries, "utf-8")
    code, out, err = run(capsys, import_notice.main, REAL_NOTICE, "--data-dir", data)
    assert (code, out) == (1, [])
    *problems, last = err
    assert problems and last.startswith("导入失败：")
    for line in problems:
        assert re.match(re.escape(str(corrections)) + r":\d+: \S", line), line
    for line in err:
        assert_chinese(line, ids_of(ROOT / "data"))


def test_a_correction_that_no_longer_applies_is_a_chinese_warning(data, capsys):
    corrections = data / "corrections.yaml"
    corrections.write_text(
        "corrections:\n  - task: 9\n    starts: 支持企业与职工\n    lead: [区人力社保局]\n", "utf-8"
    )
    code, out, err = run(capsys, import_notice.main, REAL_NOTICE, "--data-dir", data)
    assert code == 0, err
    assert err == [
        f"{corrections}:2: 警告：任务9“支持企业与职工”的更正对不上了，未应用："
        "以这几个字开头的任务现在序号为 8（重新编号了？）；"
        "请对照通知原文核对这项任务，再修改或删去这条更正"
    ]
    assert f"应用了 {corrections} 中的更正：0 条（共 1 条）" in out


def test_import_notice_refuses_a_report_folder_that_is_not_there(tmp_path, data, capsys):
    folder = tmp_path / "no"
    code, out, err = run(
        capsys, import_notice.main, REAL_NOTICE, "--data-dir", data, "--report", folder / "r.html"
    )
    assert (code, out) == (1, [])
    assert err == [f"--report：文件夹 {folder} 不存在；请先创建它（mkdir -p {folder}）"]
    code, out, err = run(capsys, import_notice.main, REAL_NOTICE, "--revision", "2021-03")
    assert code == 2
    assert err[-1] == (
        "import_notice.py：错误：--revision 与 --date 须一起使用，例如 --revision 2021-03 "
        "--date 2021-03-15"
    )
    code, out, err = run(capsys, import_notice.main)
    assert code == 2
    assert err[-1] == "import_notice.py：错误：缺少参数：source"
    metavars = tuple(set(re.findall(r"\b[A-Z][A-Z_.]*\b", "\n".join(err))))
    for line in err:
        assert english_words(line, (*metavars, "source", "stated", "first")) == [], line


def test_diff_revisions_refuses_bad_input_in_chinese(tmp_path, capsys):
    bad = tmp_path / "a.yaml"
    bad.write_text("tasks:\n- number: one\n", "utf-8")
    csv = tmp_path / "a.csv"
    csv.write_text("x\n", "utf-8")
    for old in (tmp_path, bad, csv, tmp_path / "missing.yaml"):
        code, out, err = run(capsys, diff_revisions.main, old, old)
        assert (code, out) == (1, [])
        for line in err:
            assert where(line, str(old)), line
            assert_chinese(line)


# -- --help of every script --------------------------------------------------------------------

SCRIPTS = {
    "import_notice.py": import_notice.main,
    "import_progress.py": import_progress.main,
    "check_data.py": check_data.main,
    "diff_revisions.py": diff_revisions.main,
}


@pytest.mark.parametrize("name", SCRIPTS)
def test_help_is_chinese(name, capsys):
    code, out, _ = run(capsys, SCRIPTS[name], "--help")
    assert code == 0
    text = "\n".join(out)
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in text
    assert out[0].startswith(f"用法：{name}")
    metavars = tuple(set(re.findall(r"\b[A-Z][A-Z_.]*\b", text)))
    choices = ("stated", "first", "source", "files", "old", "new", "dzfbf-2020-41")
    for line in out:
        assert english_words(line, (*metavars, *choices)) == [], line


def test_demo_help_is_chinese(capsys):
    import demo

    code, out, _ = run(capsys, demo.main, "--help")
    assert code == 0
    assert out[0].startswith("用法：demo.py")
    for line in out:
        assert english_words(line, ("SITE_DIR",)) == [], line


# -- lines still English, from modules other helpers are editing ------------------------------


def test_every_line_of_the_notice_import_and_the_data_checks_is_chinese(tmp_path, data, capsys):
    unclosed = tmp_path / "unclosed.txt"
    unclosed.write_text(
        "一、支持企业稳定岗位\n\n（一）加大援企稳岗力度。\n\n"
        "1．落实稳岗返还政策。（责任单位：区人力社保局、区财政局\n",
        "utf-8",
    )
    # An unclosed unit list is a typo the import gets past (#26): a warning at its line.
    code, _, err = run(capsys, import_notice.main, unclosed, "--data-dir", data)
    assert code == 0
    assert (
        f"{unclosed}:5: 警告：任务1：单位列表 '（责任单位：区人力社保局、区财政局' 缺少右括号"
        in "\n".join(err)
    ), err
    units = data / "units.yaml"
    units.write_text(units.read_text("utf-8").replace("kind: party_department", "kind: party"))
    code, _, more = run(capsys, check_data.main, "--data-dir", data)
    assert code == 1
    # A good import's summary (importer/run.py, datafiles.py).
    code, summary, _ = run(capsys, import_notice.main, REAL_NOTICE, "--data-dir", tmp_path / "d")
    assert code == 0
    # The ids of the units the import added are values the office reads back as they are.
    ids = ids_of(ROOT / "data") + ids_of(tmp_path / "d")
    for line in err + more + summary:
        assert_chinese(line, ids)


def test_diff_revisions_reports_in_chinese(capsys):
    code, out, err = run(
        capsys,
        diff_revisions.main,
        REAL_NOTICE,
        ROOT / "tests" / "fixtures" / "revisions" / "r2-units.txt",
    )
    assert (code, err) == (0, [])
    assert out[0].startswith("修订对比：")
    for line in out:
        assert_chinese(line)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook"),
        ("empty.csv", b",,\r\n,,\r\n"),
        ("bytes.csv", b"\x80\x80,\x80\r\n"),
        ("nul.csv", "序号,任务\x00".encode()),
    ],
)
def test_import_notice_refuses_an_unreadable_sheet_in_chinese(name, content, tmp_path, capsys):
    """The bad sheets of tests/test_import_spreadsheet.py."""
    source = tmp_path / name
    source.write_bytes(content)
    data = tmp_path / "data"
    data.mkdir()
    code, out, err = run(capsys, import_notice.main, source, "--data-dir", data)
    assert (code, out) == (1, [])
    *problems, last = err
    assert len(problems) == 1 and where(problems[0], str(source)), err
    assert last.startswith("导入失败：")
    for line in err:
        assert_chinese(line)


def test_check_data_names_a_missing_file_and_the_command(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    code, out, err = run(capsys, check_data.main, "--data-dir", data)
    assert (code, out) == (1, [])
    assert err[0] == (
        f"{data}/notice.yaml: 缺少数据文件；请先导入一份通知："
        ".venv/bin/python scripts/import_notice.py 通知文件（.txt、.docx、.pdf 或分工表）"
    )
    for line in err:
        assert_chinese(line)


def test_the_demo_banner_is_chinese():
    """Both demo banners of the theme (make demo, and its library form), as written: no
    'SAMPLE', no English word."""
    theme = (ROOT / "hooks" / "fengong" / "pages" / "theme" / "main.html").read_text("utf-8")
    banners = re.findall(r'<p class="fg-demo">(.*?)</p>', theme)
    assert len(banners) == 2
    for banner in banners:
        text = re.sub(r"<[^>]+>", "", banner)
        assert_chinese(text)


def test_a_report_path_that_is_a_folder_is_refused_in_one_line(tmp_path, capsys):
    # It was a traceback (IsADirectoryError) once the import had run.
    code, out, err = run(
        capsys, import_notice.main, REAL_NOTICE, "--json", "-", "--report", tmp_path
    )
    assert code == 1 and out == []
    assert err == [
        f"--report: {tmp_path} 是一个文件夹；请给出报告的文件名，例如 {tmp_path}/导入报告.html"
    ]
    assert_chinese(err[0])
