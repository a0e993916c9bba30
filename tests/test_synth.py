"""The synthetic notice generator (scripts/synth_notice.py) and the bench's vanilla site."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import bench  # scripts/ is on pytest's pythonpath (pyproject.toml)
import import_notice
import pytest
import synth_notice as synth

ROOT = Path(__file__).resolve().parents[1]


TASK_LINE = re.compile(r"^(\d+)．(.+)（责任单位：([^）]+?)(。备注：.*)?）$")
CLAUSE_LINE = re.compile(r"^（([一二三四五六七八九十百千零]+)）(.+)。$")
PART_LINE = re.compile(r"^([一二三四五六七八九十百千零]+)、(.+)$")


@pytest.mark.parametrize(
    ("n", "numeral"),
    [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (23, "二十三"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (120, "一百二十"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (7800, "七千八百"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (11000, "一万一千"),
        (20305, "二万零三百零五"),
        (100000, "十万"),
    ],
)
def test_chinese_numeral(n, numeral):
    assert synth.chinese_numeral(n) == numeral


@pytest.mark.parametrize("n", [0, -1, 100_000_000])
def test_chinese_numeral_out_of_range(n):
    with pytest.raises(ValueError, match=r"outside 1\.\.99999999"):
        synth.chinese_numeral(n)


def test_chinese_numerals_are_distinct():
    numerals = [synth.chinese_numeral(n) for n in range(1, 20_001)]
    assert len(set(numerals)) == len(numerals)


def test_same_seed_same_text():
    assert synth.generate(2, seed=7) == synth.generate(2, seed=7)
    assert synth.generate(2, seed=7) != synth.generate(2, seed=8)


def test_text_does_not_depend_on_hash_seed():
    digests = {
        hashlib.sha256(
            subprocess.run(
                [sys.executable, "scripts/synth_notice.py", "--scale", "3", "--seed", "1"],
                cwd=ROOT,
                env=dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONIOENCODING="utf-8"),
                capture_output=True,
                check=True,
            ).stdout
        ).hexdigest()
        for hash_seed in ("1", "2")
    }
    assert digests == {hashlib.sha256(synth.generate(3, 1).encode()).hexdigest()}


def _annex(text: str) -> tuple[str, list[str], str]:
    real = synth.read_real_notice()
    assert text.startswith(real.head)
    assert text.endswith(real.tail)
    return real.head, text[len(real.head) : -len(real.tail)].splitlines(), real.tail


@pytest.mark.parametrize("scale", [1, 2, 5])
def test_counts_and_numbering(scale):
    _, lines, _ = _annex(synth.generate(scale))
    tasks, clauses, parts = [], [], []
    for line in lines:
        if m := TASK_LINE.match(line):
            tasks.append(m)
        elif m := CLAUSE_LINE.match(line):
            clauses.append(m[1])
        elif m := PART_LINE.match(line):
            parts.append(m[1])
        else:
            assert line == "", f"unexpected line {line!r}"
    assert [int(m[1]) for m in tasks] == list(range(1, 63 * scale + 1))
    assert clauses == [synth.chinese_numeral(n) for n in range(1, 26 * scale + 1)]
    n_parts = 7 * math.ceil(math.sqrt(scale))
    assert parts == [synth.chinese_numeral(n) for n in range(1, n_parts + 1)]
    assert tasks[0][4] == "。备注：列第一责任单位的为牵头单位，下同。"
    assert all(m[4] is None for m in tasks[1:])


def test_layout_matches_the_real_notice():
    text = synth.generate(2)
    assert text.count("（责任单位：") == 126
    # The annex starts right under its title, as in the real notice.
    head, lines, _ = _annex(text)
    assert head.endswith("附件\n\n大足区进一步做好稳就业工作重点任务分工\n")
    assert PART_LINE.match(lines[0])[1] == "一"
    assert lines[1] == ""
    assert CLAUSE_LINE.match(lines[2])[1] == "一"


def test_units_per_task_and_coverage():
    scale = 4
    _, lines, _ = _annex(synth.generate(scale, seed=3))
    lists = [m[3].split("、") for line in lines if (m := TASK_LINE.match(line))]
    assert all(1 <= len(units) <= 9 for units in lists)
    canonical = [[re.sub(r"〔区扶贫办〕", "", u) for u in units] for units in lists]
    assert all(len(set(units)) == len(units) for units in canonical), "a unit listed twice"
    # The real notice's 40 units (区农业农村委 is also written 区农业农村委〔区扶贫办〕)
    # and 5 per unit of scale.
    assert len({u for units in canonical for u in units}) == 40 + 5 * scale
    # Blanket units come after the named ones.
    blanket = {"各镇街人民政府〔办事处〕", "相关单位"}
    for units in lists:
        named = [u not in blanket for u in units]
        assert named == sorted(named, reverse=True), units


def test_units_are_skewed():
    _, lines, _ = _annex(synth.generate(10))
    lists = [m[3].split("、") for line in lines if (m := TASK_LINE.match(line))]
    share = sum("区人力社保局" in units for units in lists) / len(lists)
    singles = {u for units in lists for u in units}
    rare = [u for u in singles if sum(u in units for units in lists) <= 3]
    assert share > 0.3
    assert len(rare) > 10


def test_generated_unit_names_have_distinct_pinyin():
    pypinyin = pytest.importorskip("pypinyin")
    real = {u for units in synth.read_real_notice().unit_lists for u in units}
    names = [*synth.generated_unit_names(1500), *sorted(real)]
    assert len(set(names)) == len(names)
    keys = {"".join(pypinyin.lazy_pinyin(name)) for name in names}
    assert len(keys) == len(names)


def test_no_task_text_starts_with_a_digit():
    assert not re.search(r"^\d+．\d", synth.generate(20), re.M)


def test_some_tasks_carry_dates():
    text = synth.generate(10)
    assert re.search(r"实施期限延长至20\d\d年\d{1,2}月\d{1,2}日。（责任单位", text)
    assert re.search(r"实施期限为20\d\d年\d{1,2}月\d{1,2}日至(20\d\d年)?\d{1,2}月\d{1,2}日。", text)


def test_cli_writes_file(tmp_path):
    out = tmp_path / "notice.txt"
    assert synth.main(["--scale", "2", "--seed", "1", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == synth.generate(2, 1)


def test_cli_rejects_scale_zero(capsys):
    assert synth.main(["--scale", "0"]) == 1
    assert capsys.readouterr().err == "synth_notice: scale must be at least 1, got 0\n"


@pytest.mark.skipif(not (ROOT / "scripts" / "import_notice.py").exists(), reason="no importer yet")
@pytest.mark.parametrize("scale", [2, 10])
def test_generated_notice_imports(scale, tmp_path, capsys):
    notice = tmp_path / "notice.txt"
    notice.write_text(synth.generate(scale), encoding="utf-8")
    assert import_notice.main(["--json", "-", str(notice)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["tasks"]) == 63 * scale


# The bench's vanilla site: the page count it is compared at must be exact.


@pytest.mark.parametrize("pages", [20, 144, 1016])
def test_vanilla_site_has_the_asked_number_of_pages(pages, tmp_path):
    config = bench.make_vanilla(tmp_path, pages, "theme:\n  name: material\n", groups=6)
    assert len(list((tmp_path / "docs").rglob("*.md"))) == pages
    nav = config.read_text(encoding="utf-8").split("nav:\n")[1].splitlines()
    assert len(nav) == 7


def test_top_level_blocks_keep_tags():
    text = "site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\nextra:\n  a: !ENV X\n"
    blocks = bench.top_level_blocks(text)
    assert blocks["theme"] == "theme:\n  name: material\n  custom_dir: overrides\n"
    assert blocks["extra"] == "extra:\n  a: !ENV X\n"


def test_edit_task_marks_one_task():
    text = synth.generate(1)
    edited = bench.edit_task(text, 32, "标记")
    assert edited.count("\n32．标记") == 1
    assert len(edited) == len(text) + 2
