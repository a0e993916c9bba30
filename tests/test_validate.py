"""Validation of data/: each kind of bad data gives exactly this one-line message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from check_data import main as check_main
from fengong.load import check
from fengong.yamlio import read_yaml
from sitebuild import ROOT


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a data file; return the 1-based line of the first replacement."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def errors(data: Path) -> list[str]:
    site, problems = check(data, shown_dir="data")
    found = [str(p) for p in problems if p.severity == "error"]
    assert site is None if found else site is not None
    return found


def line_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    hits = [n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if fragment in text]
    return hits[occurrence - 1]


def task_line(path: Path, number: int) -> int:
    """The line where task `number` starts, as the loader records it."""
    doc, _ = read_yaml(path, str(path))
    return next(t.line for t in doc["tasks"] if t["number"] == number)


def tasks_line(path: Path) -> int:
    doc, _ = read_yaml(path, str(path))
    return doc["tasks"].line


def test_the_real_data_is_valid(data):
    assert errors(data) == []


def test_unknown_unit_names_the_task_and_suggests(data):
    notice = data / "notice.yaml"
    edit(notice, "  - 区财政局\n  - 区生态环境局", "  - 区财政\n  - 区生态环境局")
    line = task_line(notice, 1)
    assert errors(data) == [
        f"data/notice.yaml:{line}: task 1: unknown unit '区财政' (did you mean '区财政局'?); "
        "add it to units.yaml (name or written_as) or correct the name"
    ]


def test_duplicate_unit_id(data):
    units = data / "units.yaml"
    first = line_of(units, "- id: caizheng")
    edit(units, "- id: shengtai-huanjing", "- id: caizheng")
    second = line_of(units, "- id: caizheng", 2)
    assert errors(data) == [
        f"data/units.yaml:{second}: unit 'caizheng': duplicate id (first defined at line {first})"
    ]


def test_duplicate_and_missing_task_numbers(data):
    notice = data / "notice.yaml"
    first = task_line(notice, 2)
    second = task_line(notice, 3)
    edit(notice, "- number: 3\n  id: 3\n", "- number: 2\n  id: 3\n")
    assert errors(data) == [
        f"data/notice.yaml:{tasks_line(notice)}: task numbers skip 3; renumber or restore them",
        f"data/notice.yaml:{second}: task 2: duplicate number (first at line {first})",
    ]


def test_clause_outside_its_part(data):
    notice = data / "notice.yaml"
    # Task 1 sits in clause 1 of part 1; claim it is in part 2.
    line = task_line(notice, 1)
    edit(notice, "  line: 48\n  part: 1\n", "  line: 48\n  part: 2\n")
    assert errors(data) == [
        f"data/notice.yaml:{line}: task 1: clause 1 belongs to part 1, not part 2"
    ]


def test_malformed_date(data):
    notice = data / "notice.yaml"
    edit(notice, "  end: '2021-04-30'", "  end: '2021-04-31'")
    line = line_of(notice, "2021-04-31")
    assert errors(data) == [
        f"data/notice.yaml:{line - 2}: task 1: malformed date '2021-04-31'; use YYYY-MM-DD"
    ]


def test_yaml_syntax_error_names_the_line(data):
    tags = data / "tags.yaml"
    line = edit(tags, "keywords: [残疾人]", "keywords: [残疾人")
    found = errors(data)
    assert len(found) == 1
    assert found[0].startswith("data/tags.yaml:")
    assert "YAML syntax error" in found[0] and found[0].endswith("fix the YAML at this line")
    assert int(found[0].split(":")[1]) >= line


def test_target_quote_not_in_text_is_a_warning(data):
    targets = data / "targets.yaml"
    line = edit(targets, "quote: 补贴性培训1.26万人次", "quote: 补贴性培训1.5万人次") - 1
    site, problems = check(data, shown_dir="data")
    assert site is not None and "补贴性培训" not in [t.label for t in site.targets]
    assert [str(p) for p in problems] == [
        f"data/targets.yaml:{line}: warning: target '补贴性培训': quote '补贴性培训1.5万人次' is "
        "not in the notice's text, so it is not shown; copy the quote exactly from the notice"
    ]


def test_check_script_exits_1_with_one_line_per_problem(data, capsys):
    edit(data / "units.yaml", "kind: party_department", "kind: party")
    assert check_main(["--data-dir", str(data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{data}/units.yaml:") and "unknown kind 'party'" in err[0]
    assert err[-1] == f"{data}: invalid (1 problem(s))"
    assert "Traceback" not in "\n".join(err)


def test_a_build_with_bad_data_fails_cleanly_and_keeps_the_last_site(data, tmp_path):
    import subprocess
    import sys

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    edit(data / "notice.yaml", "  - 区财政局\n  - 区生态环境局", "  - 区财政\n  - 区生态环境局")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)],
        env={"FENGONG_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "true", "PATH": ""},
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "unknown unit '区财政' (did you mean '区财政局'?)" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
