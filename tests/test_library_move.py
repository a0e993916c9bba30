"""Moving a single-notice data directory into the library layout (issue #21, items 1 and 5):
one command, all or nothing; a notice's own file left at a library's top is an error naming
where it belongs; library.yaml's settings checked; imports hold the data directory's lock.

Every test works on a temp copy of the real data/ and builds nothing
(tests/test_library_moved_site.py builds the moved site)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import move_to_library
import pytest
from fengong.data.load import check_library
from fengong.importer import lock
from library_sample import DAZU, IMPORTED
from sitebuild import ROOT

OWN = ["notice.yaml", "targets.yaml", "document.yaml", "source", "revisions"]  # data/'s own


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def errors(data: Path) -> list[str]:
    library, problems = check_library(data, shown_dir="data")
    found = [str(p) for p in problems if p.severity == "error"]
    assert (library is None) == bool(found)
    return found


def test_one_command_moves_the_notice_and_says_so(data, capsys):
    before = snapshot(data)
    assert move_to_library.main(["--data-dir", str(data)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"已把通知迁入 {data}/notices/{DAZU}/（notice.yaml、targets.yaml、document.yaml、source、"
        f"revisions）；单位名录等留在顶层；{data}/library.yaml 记下 moved_from_single: {DAZU}，"
        "网站原来的地址会转到新地址，日历的事件标识不变"
    ]
    after = snapshot(data)
    # Every file is where it was, under notices/<slug>/ when it is the notice's own: the
    # same bytes, nothing else changed, and library.yaml says which notice moved.
    moved = {}
    for rel, content in before.items():
        top = rel.split("/", 1)[0]
        moved[f"notices/{DAZU}/{rel}" if top in OWN else rel] = content
    assert {k: v for k, v in after.items() if k not in ("notices", f"notices/{DAZU}")} == (
        moved | {"library.yaml": after["library.yaml"]}
    )
    assert b"\nmoved_from_single: dzfbf-2020-41\n" in after["library.yaml"]
    assert errors(data) == []


def test_moving_a_library_changes_nothing(data, capsys):
    assert move_to_library.main(["--data-dir", str(data)]) == 0
    before = snapshot(data)
    capsys.readouterr()
    assert move_to_library.main(["--data-dir", str(data)]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{data}/notices/: 已经是多份通知的库，无需迁移",
        f"迁移未完成；{data} 没有改动",
    ]
    assert snapshot(data) == before


def test_a_move_that_would_not_check_changes_nothing(data, capsys):
    (data / "library.yaml").write_text("site_name: 任务分工\nowner: [a, b]\n", "utf-8")
    before = snapshot(data)
    assert move_to_library.main(["--data-dir", str(data)]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{data}/library.yaml:2: 'owner' 应是文字，现为 ['a', 'b']（网站的主办单位，显示在页脚）",
        f"迁移未完成；{data} 没有改动",
    ]
    assert snapshot(data) == before


def test_an_import_with_notice_moves_first(data, capsys):
    source = IMPORTED["gf-2018-39"]
    assert import_notice.main([str(source), "--data-dir", str(data), "--notice", "gf-2018-39"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].startswith(f"已把通知迁入 {data}/notices/{DAZU}/（")
    assert sorted(p.name for p in (data / "notices").iterdir()) == [DAZU, "gf-2018-39"]
    assert errors(data) == []


def test_a_failed_import_undoes_the_move(data, tmp_path, capsys):
    before = snapshot(data)
    broken = tmp_path / "broken.txt"
    broken.write_text("这不是一份通知。\n", "utf-8")
    assert import_notice.main([str(broken), "--data-dir", str(data), "--notice", "x-2020-1"]) == 1
    _, err = capsys.readouterr()
    assert f"导入失败，迁入 notices/{DAZU}/ 的迁移已撤销" in err.splitlines()
    assert err.splitlines()[-1].startswith(f"导入失败：1 个错误，{data} 未作任何改动")
    assert snapshot(data) == before


@pytest.mark.parametrize("name", ["targets.yaml", "document.yaml", "source", "progress"])
def test_a_notice_file_left_at_the_top_says_where_it_belongs(data, name):
    assert move_to_library.main(["--data-dir", str(data)]) == 0
    moved = data / "notices" / DAZU / name
    if moved.exists():
        moved.rename(data / name)
    else:
        (data / name).mkdir()
    slash = "" if name.endswith(".yaml") else "/"
    kind = "文件" if name.endswith(".yaml") else "文件夹"
    assert errors(data) == [
        f"data/{name}{slash}: 一份通知自己的{kind}放在了库的顶层（data/notices/ 中才是各份通知）："
        f"它属于 data/notices/{DAZU}/，与该通知的 notice.yaml 放在一起；请把它移到那里，或删去它"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "moved_from_single: gf-2018-39\n",
            "data/library.yaml:1: moved_from_single: 'gf-2018-39' 不是本库的通知（没有 "
            "notices/gf-2018-39/notice.yaml）：请写单份通知迁入的文件夹名，或删去这一行",
        ),
        (
            "site_name: ''\n",
            "data/library.yaml:1: 'site_name' 是空的（每页页眉显示的站名）",
        ),
        (
            "sitename: 任务分工\n",
            "data/library.yaml:1: 未知的键 'sitename'；可用的键：'site_name'、'owner'、"
            "'moved_from_single'",
        ),
    ],
)
def test_library_settings_are_checked(data, text, expected):
    assert move_to_library.main(["--data-dir", str(data)]) == 0
    (data / "library.yaml").write_text(text, "utf-8")
    assert errors(data) == [expected]


# -- the lock: one writer at a time ---------------------------------------------------------

HOLD = """
import sys, time
from pathlib import Path
from fengong.importer import lock
with lock.held(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_an_import_while_another_holds_the_lock_refuses_and_changes_nothing(
    data, monkeypatch, capsys
):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data), "30"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "held\n"
        before = snapshot(data)
        monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
        source = IMPORTED["gf-2018-39"]
        started = time.monotonic()
        code = import_notice.main([str(source), "--data-dir", str(data), "--notice", "gf-2018-39"])
        assert code == 1
        assert time.monotonic() - started < 10
        _, err = capsys.readouterr()
        assert err.splitlines() == [
            f"{data}: 另一个导入或迁移正在写入这个数据目录（已等待 0.3 秒）；本次没有改动任何文件；"
            "请等它完成后再运行一次"
        ]
        assert snapshot(data) == before
    finally:
        holder.kill()
        holder.wait()


def test_two_imports_started_together_equal_one_after_the_other(tmp_path):
    """Two offices' imports into one library at once: each waits for the other, so the
    registry has both notices' new units (without the lock the later write of units.yaml
    would drop the earlier's) and the data is what the two give one after the other."""
    base = tmp_path / "base" / "data"
    shutil.copytree(ROOT / "data", base)
    assert move_to_library.main(["--data-dir", str(base)]) == 0

    def imports(slug: str, data: Path) -> list[str]:
        script = ROOT / "scripts" / "import_notice.py"
        return [sys.executable, str(script), str(IMPORTED[slug]), "--data-dir", str(data)]

    results = {}
    for order in (("gf-2018-39", "gf-2018-42"), ("gf-2018-42", "gf-2018-39")):
        data = tmp_path / "-".join(order) / "data"
        shutil.copytree(base, data)
        for slug in order:
            subprocess.run(imports(slug, data), check=True, capture_output=True)
        results[order] = snapshot(data)
    assert results[("gf-2018-39", "gf-2018-42")] != results[("gf-2018-42", "gf-2018-39")]

    together = tmp_path / "together" / "data"
    shutil.copytree(base, together)
    running = [
        subprocess.Popen(imports(s, together), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for s in ("gf-2018-39", "gf-2018-42")
    ]
    for process in running:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    assert snapshot(together) in results.values()
    assert errors(together) == []


def test_a_progress_import_while_another_holds_the_lock_refuses(data, monkeypatch, capsys):
    import import_progress

    ledger = data.parent / "区人力社保局-任务台账.xlsx"
    ledger.write_bytes(b"not read: the lock is asked for first")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data), "30"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "held\n"
        before = snapshot(data)
        monkeypatch.setattr(lock, "WAIT_SECONDS", 0.2)
        args = [str(ledger), "--period", "2020-H1", "--data-dir", str(data)]
        assert import_progress.main(args) == 1
        _, err = capsys.readouterr()
        assert err.splitlines() == [
            f"{data}: 另一个导入或迁移正在写入这个数据目录（已等待 0.2 秒）；本次没有改动任何文件；"
            "请等它完成后再运行一次"
        ]
        assert snapshot(data) == before
    finally:
        holder.kill()
        holder.wait()


def test_a_failed_first_import_leaves_no_data_directory(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_text("这不是一份通知。\n", "utf-8")
    data = tmp_path / "new" / "data"
    assert import_notice.main([str(broken), "--data-dir", str(data)]) == 1
    assert not data.exists()
