"""The importer reads notices by their grammar, not by one example's string: numbering
anomalies, the lead rule in other words, unit names, unit-first sentences, a 责任单位 line
after numbered sub-items. Each rule has a table of paraphrases written from its grammar
(other words, simplified and traditional script, full- and half-width punctuation, with
and without 下同)."""

from __future__ import annotations

import json
import shutil

import import_notice  # scripts/ is on pytest's pythonpath (pyproject.toml)
from fengong.data.load import check
from sitebuild import ROOT


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        status = import_notice.main(argv)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


# --- 1. numbering anomalies are warnings at the source line -----------------------------

# Part 一 was never printed (or lost in a copy); clause （二） is missing under part 三.
GAPS = """\
二、支持企业稳定岗位

（一）加大援企稳岗力度。

1．落实失业保险稳岗返还政策。（责任单位：区人力社保局、区财政局）

三、促进重点群体就业

（一）做好高校毕业生就业工作。

2．实施高校毕业生就业促进计划。（责任单位：区教委、区人力社保局）

（三）做好退役军人就业工作。

3．落实退役军人就业扶持政策。（责任单位：区退役军人事务局）
"""


def test_numbering_gaps_are_warnings_at_the_source_line(tmp_path, capsys):
    source = tmp_path / "notice.txt"
    source.write_text(GAPS, encoding="utf-8")

    status, out, err = run(["--json", "-", str(source)], capsys)

    assert status == 0, err
    assert "Traceback" not in err
    assert "notice.yaml" not in err  # no file the preview did not write
    part_line = line_of(GAPS, "二、支持企业")
    clause_line = line_of(GAPS, "（三）做好退役军人")
    assert f"{source}:{part_line}: warning: part numbers as published skip 1 " in err, err
    assert f"{source}:{clause_line}: warning: clause numbers as published skip 2 in part 3" in err
    tasks = json.loads(out)["tasks"]
    assert [(t["number"], t["part"], t["clause"]) for t in tasks] == [
        (1, 2, 1),
        (2, 3, 1),
        (3, 3, 3),
    ]


def test_a_notice_with_numbering_gaps_is_written_and_loads(tmp_path, capsys):
    """The data check (validate) warns about a gap in part or clause numbers; it no longer
    refuses the data, so the import writes it and the site loads."""
    source = tmp_path / "notice.txt"
    source.write_text(GAPS, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(ROOT / "data" / "units.yaml", data / "units.yaml")

    status, _, err = run(["--data-dir", str(data), str(source)], capsys)

    assert status == 0, err
    assert "notice.yaml" not in err
    site, problems = check(data, shown_dir="data")
    assert site is not None, [str(p) for p in problems]
    shown = [str(p) for p in problems if "numbers skip" in p.message]
    assert any("warning: part numbers skip 1;" in p for p in shown), shown
    assert any("warning: part 3: clause numbers skip 2;" in p for p in shown), shown
    assert not [p for p in problems if p.severity == "error"]
