"""A spreadsheet 分工表 as an import source: .xlsx and .csv (UTF-8 with or without a BOM,
or GB18030), the header words of a Word table in any column order, parts and clauses as
rows with one cell (merged or not), a 序号 column optional, the notice's head as rows above
the table. The seed annex typed into a sheet (tests/fixtures/spreadsheets/make_sheets.py)
gives the very tasks its text gives."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import openpyxl
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHEETS = ROOT / "tests" / "fixtures" / "spreadsheets"
SEED = ROOT / "data" / "source" / "dazu-2020-41.txt"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    status = import_notice.main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def as_json(source: Path, capsys) -> dict:
    status, out, err = run(["--json", "-", str(source)], capsys)
    assert status == 0, err
    return json.loads(out)


def task_facts(task: dict) -> tuple:
    return (
        task["number"],
        task["part"],
        task["clause"],
        task["text"],
        task["units"],
        task["lead"],
        task["roles"],
    )


@pytest.fixture(scope="module")
def seed_text_import(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.json"
    assert import_notice.main(["--json", str(out), str(SEED)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


# .ods and .xls: dazu_annex.xlsx converted by LibreOffice (make_sheets.py says how).
@pytest.mark.parametrize(
    "name", ["dazu_annex.xlsx", "dazu_annex_gb18030.csv", "dazu_annex.ods", "dazu_annex.xls"]
)
def test_the_seed_annex_as_a_sheet_gives_the_tasks_of_its_text(name, seed_text_import, capsys):
    from_sheet = as_json(SHEETS / name, capsys)
    expected = [task_facts(t) for t in seed_text_import["tasks"]]
    assert len(expected) == 63
    assert [task_facts(t) for t in from_sheet["tasks"]] == expected  # 63/63 exact
    assert from_sheet["parts"] == seed_text_import["parts"]  # 7, titles as written
    assert from_sheet["clauses"] == seed_text_import["clauses"]  # 26
    for key in ("doc_number", "title", "issuer", "date"):
        assert from_sheet["notice"][key] == seed_text_import["notice"][key], key


def test_the_gb18030_fixture_is_gb18030_and_not_utf8():
    data = (SHEETS / "dazu_annex_gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "责任单位" in data.decode("gb18030")


# A small 分工表 as an office types it: the head above the table, no 序号, the columns in
# another order, a part merged across the row, a clause in the first cell only.
HEAD = [["青府办发〔2022〕7号"], ["青山县人民政府办公室关于印发2022年稳就业重点任务分工的通知"]]
HEADER = ["牵头单位", "重点任务", "配合单位", "完成时限"]
ROWS = [
    ["一、稳定就业岗位"],
    ["（一）援企稳岗"],
    ["县人社局", "落实失业保险稳岗返还政策,应返尽返。", "县财政局、县税务局", "2022年6月底前"],
    ["县人社局", "开展援企\n稳岗专项行动。", "各乡镇人民政府", ""],  # a line break in a cell
    ["二、强化技能培训"],
    ["县人社局", "完成补贴性职业技能培训3000人次。", "县教育局、县总工会", "2022年底"],
]
SMALL = [
    (
        1,
        1,
        1,
        "落实失业保险稳岗返还政策,应返尽返。",  # a comma inside a cell
        ["县人社局", "县财政局", "县税务局"],
        ["县人社局"],
    ),
    (2, 1, 1, "开展援企稳岗专项行动。", ["县人社局", "各乡镇人民政府"], ["县人社局"]),
    (
        3,
        2,
        None,
        "完成补贴性职业技能培训3000人次。",
        ["县人社局", "县教育局", "县总工会"],
        ["县人社局"],
    ),
]


def small_xlsx(path: Path, *, merged: bool = True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in HEAD:
        sheet.append(row)
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
        if merged and len(row) == 1 and not row[0].startswith("（"):  # a part, merged
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4
            )
    book.save(path)
    return path


def small_csv(path: Path, encoding: str, delimiter: str = ",") -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", delimiter=delimiter)
    for row in [*HEAD, [], HEADER, *ROWS]:
        writer.writerow(row + [""] * (len(HEADER) - len(row)))
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def brief(task: dict) -> tuple:
    return (task["number"], task["part"], task["clause"], task["text"], task["units"], task["lead"])


@pytest.mark.parametrize(
    "make",
    [
        lambda d: small_xlsx(d / "fengong.xlsx"),
        lambda d: small_xlsx(d / "fengong.xlsx", merged=False),
        lambda d: small_csv(d / "fengong.csv", "utf-8"),
        lambda d: small_csv(d / "fengong.csv", "utf-8-sig"),
        lambda d: small_csv(d / "fengong.csv", "gb18030"),
        lambda d: small_csv(d / "fengong.csv", "utf-16"),
        lambda d: small_csv(d / "fengong.csv", "utf-16", "\t"),  # Excel's "Unicode text"
    ],
    ids=[
        "xlsx merged",
        "xlsx first cell only",
        "csv utf-8",
        "csv utf-8 bom",
        "csv gb18030",
        "csv utf-16",
        "csv utf-16 tabs",
    ],
)
def test_a_small_sheet_any_column_order_no_number_column(make, tmp_path, capsys):
    data = as_json(make(tmp_path), capsys)
    assert [brief(t) for t in data["tasks"]] == SMALL
    assert [t["numbered"] for t in data["tasks"]] == [False, False, False]
    assert [t.get("deadline") for t in data["tasks"]] == ["2022年6月底前", None, "2022年底"]
    assert data["notice"]["doc_number"] == "青府办发〔2022〕7号"
    assert data["notice"]["title"] == "青山县人民政府办公室关于印发2022年稳就业重点任务分工的通知"
    assert [p["title"] for p in data["parts"]] == ["稳定就业岗位", "强化技能培训"]
    assert [c["title"] for c in data["clauses"]] == ["援企稳岗"]


def test_a_sheet_import_writes_its_rows_as_the_source_text(tmp_path, capsys):
    source = small_xlsx(tmp_path / "fengong.xlsx")
    data = tmp_path / "data"
    data.mkdir()
    status, _, err = run([str(source), "--data-dir", str(data)], capsys)
    assert status == 0, err
    notice = yaml.safe_load((data / "notice.yaml").read_text(encoding="utf-8"))
    assert notice["source"] == "source/fengong.txt"
    lines = (data / "source" / "fengong.txt").read_text(encoding="utf-8").splitlines()
    # Row n of the sheet is line n of the stored text, so every line number is a row number.
    assert lines[3] == "牵头单位\t重点任务\t配合单位\t完成时限"  # row 4
    assert lines[7] == "县人社局\t开展援企稳岗专项行动。\t各乡镇人民政府"  # row 8
    assert [t["line"] for t in notice["tasks"]] == [7, 8, 10]


def test_a_problem_names_the_sheet_row(tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "责任单位"])
    sheet.append([1, "落实稳岗返还政策。", "县人社局"])
    sheet.append([1, "开展专项招聘活动。", "县人社局"])
    sheet.append([2, "开展技能培训。", "县人社局"])
    sheet.append([2, "建设实训基地。", "县发改局"])
    source = tmp_path / "dup.xlsx"
    book.save(source)
    data = tmp_path / "data"
    data.mkdir()
    status, _, err = run([str(source), "--data-dir", str(data)], capsys)
    # A number printed twice is a warning (the tasks are kept, numbered in order), named
    # at the sheet's row as any problem is.
    assert status == 0
    assert f"{source}:5: 警告：任务2：序号重复（第一次在第 4 行）" in err, err


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "表格文件无法读取"),
        ("empty.csv", b",,\r\n,,\r\n", "表格是空的；分工表应有表头行"),
        ("bytes.csv", b"\x80\x80,\x80\r\n", "CSV 既不是 UTF-8 也不是 GB18030 编码（第 1 个字节）"),
        ("nul.csv", "序号,任务\x00".encode(), "这是二进制文件，不是 CSV"),
    ],
)
def test_an_unreadable_sheet_is_one_clear_line(name, content, words, tmp_path, capsys):
    source = tmp_path / name
    source.write_bytes(content)
    data = tmp_path / "data"
    data.mkdir()
    status, _, err = run([str(source), "--data-dir", str(data)], capsys)
    assert status == 1
    problems = [m for m in err.splitlines() if m and not m.startswith("导入失败")]
    assert len(problems) == 1 and problems[0].startswith(f"{source}:1: ") and words in err, err
    assert not any(data.iterdir())


def test_the_sheet_with_the_table_is_read_when_a_cover_sheet_comes_first(tmp_path, capsys):
    source = small_xlsx(tmp_path / "fengong.xlsx")
    book = openpyxl.load_workbook(source)
    cover = book.create_sheet("说明", 0)
    cover.append(["填表说明：每项任务一行，部分和条款各占一行。"])
    book.save(source)
    data = as_json(source, capsys)
    assert [brief(t) for t in data["tasks"]] == SMALL


@pytest.mark.parametrize("date", ["2022年3月1日", "２０２２年３月１日", "2022年 3月 1日"])
def test_the_head_rows_give_the_doc_number_title_and_date(date, tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [*HEAD, [date], [], ["序号", "工作任务", "牵头单位", "配合单位"]]:
        sheet.append(row)
    sheet.append([1, "落实稳岗返还政策。", "县人社局", "县财政局"])
    source = tmp_path / "head.xlsx"
    book.save(source)
    notice = as_json(source, capsys)["notice"]
    assert notice["doc_number"] == "青府办发〔2022〕7号"
    assert notice["title"] == "青山县人民政府办公室关于印发2022年稳就业重点任务分工的通知"
    assert notice["issuer"] == "青山县人民政府办公室"
    assert notice["date"] == "2022-03-01"
