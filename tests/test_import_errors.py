"""The importer refuses bad input like a compiler: PATH:LINE: messages, exit 1, data/ untouched."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import import_notice  # scripts/ is on pytest's pythonpath (pyproject.toml)
import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_NOTICE = ROOT / "data" / "source" / "dazu-2020-41.txt"

# Generous: refusing a 50 MB file should cost a stat() or one bounded read, not a parse.
FAIL_FAST_SECONDS = 2.0


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """main(argv) → (exit status, stdout, stderr); an argparse-style SystemExit counts too."""
    capsys.readouterr()
    try:
        status = import_notice.main(argv)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def snapshot(directory: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under `directory`, by relative path."""
    return {
        path.relative_to(directory).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(directory.rglob("*"))
    }


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the n-th occurrence of `fragment`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


def problem_lines(err: str, source: Path, failed: bool = True) -> list[str]:
    """stderr's problem lines, each checked to start with `PATH:LINE: ` (PATH as given to
    main); the importer's closing summary (`导入失败：…`) is checked and left out."""
    lines = [line for line in err.splitlines() if line.strip()]
    if failed:
        assert lines and lines[-1].startswith("导入失败："), lines
        assert "未作任何改动" in lines[-1], lines[-1]
        lines = lines[:-1]
    prefix = re.compile(re.escape(str(source)) + r":\d+: \S")
    for line in lines:
        assert prefix.match(line), f"not a PATH:LINE: message: {line!r}"
    return lines


def assert_reported(lines: list[str], source: Path, line: int, keywords: tuple[str, ...]):
    """Exactly one message names the problem, and it points at `line`."""
    hits = [m for m in lines if any(k in m.lower() for k in keywords)]
    assert len(hits) == 1, f"want one message with {keywords}, got:\n" + "\n".join(lines)
    assert hits[0].startswith(f"{source}:{line}: "), hits[0]


@pytest.fixture(scope="module")
def good_data_dir(tmp_path_factory) -> Path:
    """A data dir as the real notice's import leaves it; tests work on copies."""
    data_dir = tmp_path_factory.mktemp("good") / "data"
    data_dir.mkdir()
    status = import_notice.main([str(REAL_NOTICE), "--data-dir", str(data_dir)])
    assert status == 0, "importing the real notice failed; see captured stderr"
    assert any(p.is_file() for p in data_dir.rglob("*")), "the import wrote no data files"
    return data_dir


@pytest.fixture
def data_dir(good_data_dir, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(good_data_dir, copy)
    return copy


# --- bad inputs --------------------------------------------------------------

VALID_HEAD = """\
一、支持企业稳定岗位

（一）加大援企稳岗力度。

1．落实失业保险稳岗返还政策，对不裁员或少裁员的企业返还失业保险费。（责任单位：区人力社保局、区财政局）
"""

NO_TASKS = """\
为进一步做好稳就业工作，经区政府同意，现就有关事项通知如下。

各单位要提高思想认识，加强组织领导，确保各项政策落地见效。

请各单位于每季度末将工作进展情况报区就业工作领导小组办公室。
"""

UNCLOSED = (
    VALID_HEAD
    + """
2．加大对小微企业的信贷支持力度。（责任单位：区财政局、区教委

3．落实小微企业减税降费政策。（责任单位：区税务局）
"""
)

DUPLICATE = (
    VALID_HEAD
    + """
2．加大对小微企业的信贷支持力度。（责任单位：区金融发展服务中心）

2．落实小微企业减税降费政策。（责任单位：区税务局、区财政局）

3．支持企业开展职工在岗培训。（责任单位：区人力社保局）
"""
)

EMPTY_UNIT = (
    VALID_HEAD
    + """
2．落实小微企业减税降费政策，确保应享尽享。（责任单位：区财政局、、区税务局）
"""
)

# A binary file whose first NUL is on line 1 (no 0x0A byte), so "line 1" is the
# right answer whether the importer reports the file or the first bad line.
BINARY = b"\x89PNG\x00\x00\x00\x0dIHDR" + bytes(range(11, 256)) * 4

# (case id, file content, expected line, key words: any one of them is enough)
BAD_INPUTS = [
    ("empty-file", b"", 1, ("文件是空的",)),
    ("binary-file", BINARY, 1, ("二进制文件", "不是文本文件")),
    ("no-tasks", NO_TASKS, 1, ("没有读到任务",)),
]

# Typos of a published notice that must not stop its import (issue #26: it imports what it
# can and says what it could not): (case id, content, line, key words, the task's units).
TYPOS = [
    ("unclosed-units", UNCLOSED, line_of(UNCLOSED, "区财政局、区教委"), ("缺少右括号",), []),
    (
        "empty-unit-name",
        EMPTY_UNIT,
        line_of(EMPTY_UNIT, "、、"),
        ("空的单位名称",),
        ["区财政局", "区税务局"],
    ),
]


@pytest.mark.parametrize(
    ("content", "line", "keywords"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_INPUTS],
)
def test_bad_input_is_refused(content, line, keywords, data_dir, tmp_path, capsys):
    source = tmp_path / "notice.txt"
    if isinstance(content, str):
        content = content.encode("utf-8")
    source.write_bytes(content)
    before = snapshot(data_dir)

    status, _, err = run([str(source), "--data-dir", str(data_dir)], capsys)

    assert status == 1, f"exit status {status}, stderr:\n{err}"
    assert "Traceback" not in err
    assert_reported(problem_lines(err, source), source, line, keywords)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("content", "line", "keywords", "units"),
    [pytest.param(*case[1:], id=case[0]) for case in TYPOS],
)
def test_a_typo_imports_with_a_warning_at_its_line(
    content, line, keywords, units, data_dir, tmp_path, capsys
):
    source = tmp_path / "notice.txt"
    source.write_text(content, encoding="utf-8")

    status, out, err = run([str(source), "--json", "-", "--data-dir", str(data_dir)], capsys)

    assert status == 0, f"exit status {status}, stderr:\n{err}"
    assert "Traceback" not in err
    lines = [m for m in problem_lines(err, source, failed=False) if ": 警告：" in m]
    assert_reported(lines, source, line, keywords)
    task = next(t for t in json.loads(out)["tasks"] if t["number"] == 2)
    assert task["units"] == units


def test_every_problem_is_reported_in_line_order(data_dir, tmp_path, capsys):
    text = DUPLICATE + "\n4．加强就业形势监测分析。（责任单位：区统计局、、区人力社保局）\n"
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")

    status, _, err = run([str(source), "--json", "-", "--data-dir", str(data_dir)], capsys)

    assert status == 0, f"exit status {status}, stderr:\n{err}"
    assert "Traceback" not in err
    lines = problem_lines(err, source, failed=False)
    duplicate_line = line_of(text, "2．", occurrence=2)
    empty_unit_line = line_of(text, "、、")
    assert_reported(lines, source, duplicate_line, ("序号重复",))
    assert_reported(lines, source, empty_unit_line, ("空的单位名称",))
    numbers = [int(m.removeprefix(f"{source}:").split(":", 1)[0]) for m in lines]
    assert numbers == sorted(numbers)


def test_huge_file_is_refused_fast(data_dir, tmp_path, capsys):
    source = tmp_path / "huge.txt"
    chunk = REAL_NOTICE.read_bytes()
    with source.open("wb") as out:
        while out.tell() < 50 * 1024 * 1024:
            out.write(chunk)
    before = snapshot(data_dir)

    started = time.perf_counter()
    status, _, err = run([str(source), "--data-dir", str(data_dir)], capsys)
    elapsed = time.perf_counter() - started

    assert status == 1, f"exit status {status}, stderr:\n{err[:2000]}"
    assert "Traceback" not in err
    assert_reported(problem_lines(err, source), source, 1, ("文件太大",))
    assert elapsed < FAIL_FAST_SECONDS, f"took {elapsed:.1f} s to refuse a 50 MB file"
    assert snapshot(data_dir) == before


# --- warnings ------------------------------------------------------------------


def test_a_duplicate_task_number_is_a_warning(tmp_path, capsys):
    """A number printed twice is a numbering anomaly, not a reason to import nothing
    (#26): both tasks are kept, numbered in order, each with its published number."""
    source = tmp_path / "notice.txt"
    source.write_text(DUPLICATE, encoding="utf-8")

    status, out, err = run(["--json", "-", str(source)], capsys)

    assert status == 0, f"exit status {status}, stderr:\n{err}"
    lines = problem_lines(err, source, failed=False)
    assert_reported(lines, source, line_of(DUPLICATE, "2．", occurrence=2), ("序号重复",))
    tasks = json.loads(out)["tasks"]
    assert [(t["number"], t.get("published_number")) for t in tasks] == [
        (1, 1),
        (2, 2),
        (3, 2),
        (4, 3),
    ]
    assert tasks[2]["units"] == ["区税务局", "区财政局"]


STRAY = (
    VALID_HEAD
    + """
此项工作由区就业工作领导小组统筹推进。

2．加大对小微企业的信贷支持力度。（责任单位：区金融发展服务中心、区财政局）
"""
)


def test_stray_line_is_a_warning(tmp_path, capsys):
    source = tmp_path / "notice.txt"
    source.write_text(STRAY, encoding="utf-8")

    status, out, err = run(["--json", "-", str(source)], capsys)

    assert status == 0, f"exit status {status}, stderr:\n{err}"
    assert "Traceback" not in err
    lines = problem_lines(err, source, failed=False)
    stray_line = line_of(STRAY, "统筹推进")
    assert any(m.startswith(f"{source}:{stray_line}: ") for m in lines), err
    tasks = json.loads(out)["tasks"]
    assert [t["number"] for t in tasks] == [1, 2]
    assert all("统筹推进" not in t["text"] for t in tasks)


@pytest.mark.parametrize("accepted", [True, False])
def test_the_staged_copy_never_writes_through_to_data(tmp_path, accepted):
    """write_atomically stages the new files over a copy of data/ made of hard links: a file
    it replaces is unlinked first, so data/ changes only when the check accepts, and then
    only in the files written."""
    from fengong.importer.datafiles import write_atomically
    from fengong.problems import Problem

    data = tmp_path / "data"
    (data / "notices" / "a").mkdir(parents=True)
    (data / "units.yaml").write_text("old", encoding="utf-8")
    (data / "notices" / "a" / "notice.yaml").write_text("other notice", encoding="utf-8")

    def check(staged: Path) -> list[Problem]:
        assert (staged / "units.yaml").read_text(encoding="utf-8") == "new"
        return [] if accepted else [Problem("units.yaml", 1, "refused")]

    write_atomically(data, {"units.yaml": b"new"}, check)
    assert (data / "units.yaml").read_text(encoding="utf-8") == ("new" if accepted else "old")
    assert (data / "notices" / "a" / "notice.yaml").read_text(encoding="utf-8") == "other notice"
