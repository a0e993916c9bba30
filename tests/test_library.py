"""Many notices in one data directory (issue #13, the data side): the library layout
(data/notices/<slug>/) of three real notices (tests/library_sample.py) loads into one
Library; a unit two notices name has both notices' tasks with the roles each notice gives;
the single layout loads as before; each bad input gives exactly its one `file:line` error
and no Library."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import check_data
import import_notice
import pytest
from fengong.data.load import check, check_joining, check_library, load_library, load_site
from fengong.data.readers.notice import read_head, read_notice
from fengong.data.records import NoticeHead
from fengong.importer.slugs import notice_slug
from library_sample import DAZU, IMPORTED, library_data, move_to_library
from progress_sample import SAMPLE
from sitebuild import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return library_data(tmp_path_factory.mktemp("library"))


@pytest.fixture
def data(built, tmp_path) -> Path:
    """A copy of the three-notice library to spoil."""
    return Path(shutil.copytree(built, tmp_path / "data"))


@pytest.fixture(scope="module")
def library(built):
    found, problems = check_library(built, shown_dir="data")
    assert found is not None, [str(p) for p in problems]
    return found


def errors(data: Path) -> list[str]:
    library, problems = check_library(data, shown_dir="data")
    found = [str(p) for p in problems if p.severity == "error"]
    assert (library is None) == bool(found)
    return found


def edit(path: Path, old: str, new: str) -> int:
    """Replace the one occurrence of old; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def expected(slug: str) -> dict:
    """The importer's hand-checked expectations for an imported notice."""
    name = IMPORTED[slug].name.removesuffix(".txt")
    return json.loads((IMPORTED[slug].parent / f"{name}.expected.json").read_text("utf-8"))


# -- the library loads -----------------------------------------------------------------


def test_three_notices_load_newest_first(library):
    slugs = [site.notice.slug for site in library.sites]
    assert sorted(slugs) == sorted([DAZU, *IMPORTED])
    dates = [site.notice.date for site in library.sites]
    assert dates == sorted(dates, reverse=True)
    # 2020-04-29, 2018-12-21, 2018-11-16, as the notices are dated.
    assert slugs == [DAZU, "gf-2018-42", "gf-2018-39"]
    assert library.notice("gf-2018-39").notice.doc_number == "国发〔2018〕39号"


@pytest.mark.parametrize("slug", [DAZU, *IMPORTED])
def test_each_notice_is_the_site_it_would_be_alone(built, library, slug, tmp_path):
    """A notice folder with the library's registries, as a single-layout data directory,
    loads to the library's Site but for its slug."""
    alone_dir = Path(shutil.copytree(built / "notices" / slug, tmp_path / "data"))
    for name in ("units.yaml", "tags.yaml", "synonyms.yaml"):
        shutil.copy(built / name, alone_dir / name)
    alone, _ = load_site(alone_dir, shown_dir="data")
    in_library = library.notice(slug)
    assert in_library.notice.slug == slug
    assert replace(in_library, notice=replace(in_library.notice, slug="")) == alone


@pytest.mark.parametrize("name", ["财政部", "教育部", "科技部", "人民银行", "税务总局"])
def test_a_unit_of_two_notices_has_both_notices_tasks_with_their_roles(library, name):
    unit = next(u for u in library.units if u.name == name)
    want = {}
    for slug in IMPORTED:
        tasks = expected(slug)["tasks"]
        led = [t["number"] for t in tasks if name in t["lead"]]
        shared = [t["number"] for t in tasks if name in t["units"] and name not in t["lead"]]
        if led or shared:
            want[slug] = (led, shared)
    assert len(want) == 2, "the unit is named by both imported notices"
    got = {
        work.site.notice.slug: ([t.number for t in work.led], [t.number for t in work.shared])
        for work in library.work_of(unit)
    }
    assert got == want
    # Newest notice first.
    assert [w.site.notice.slug for w in library.work_of(unit)] == ["gf-2018-42", "gf-2018-39"]


def test_a_unit_keeps_the_name_each_notice_writes(built, tmp_path):
    """A renamed unit (former_names) resolves the older name, which its tasks still show
    as written; a unit replaced by another (replaced_by) keeps its id, and the other's
    work includes it. (The rename is a test's, not a fact: the mechanics only.)"""
    data = Path(shutil.copytree(built, tmp_path / "data"))
    units = data / "units.yaml"
    edit(units, "    name: 财政部\n", "    name: 财政部新\n    former_names: [财政部]\n")
    edit(units, "    name: 民政部\n", "    name: 民政部\n    replaced_by: cai-zheng-bu\n")
    library, _ = load_library(data, shown_dir="data")
    renamed = library.unit("cai-zheng-bu")
    task = library.notice("gf-2018-39").task(2)
    assert task.assignments[0].unit == renamed
    assert task.assignments[0].written == "财政部"
    merged = library.unit("min-zheng-bu")
    assert library.successor(merged) == renamed
    assert library.predecessors(renamed) == (merged,)
    work = {w.site.notice.slug: w for w in library.work_of(renamed)}
    # 国发〔2018〕39号 task 11: 财政部 leads, 民政部 shares: one lead task for the body now.
    assert 11 in [t.number for t in work["gf-2018-39"].led]
    assert 11 not in [t.number for t in work["gf-2018-39"].shared]


def test_basis_links_both_ways(data):
    """document.yaml's basis, read both ways. (Dazu's real basis, 国发〔2019〕28号, is not
    among the fixtures: this link tests the mechanics, it is no claim.)"""
    (data / "notices" / DAZU / "document.yaml").write_text(
        "basis: [gf-2018-39]\n", encoding="utf-8"
    )
    library, _ = load_library(data, shown_dir="data")
    dazu, basis = library.notice(DAZU), library.notice("gf-2018-39")
    assert dazu.notice.basis == ("gf-2018-39",)
    assert library.basis_of(dazu) == (basis,)
    assert library.implemented_by(basis) == (dazu,)
    assert library.implemented_by(dazu) == ()


def test_a_notice_no_longer_in_force_comes_after_those_in_force(data):
    document = data / "notices" / "gf-2018-42" / "document.yaml"
    document.write_text(
        "in_force: false\nrepealed_on: 2024-01-01\nreplaced_by: gf-2018-39\n", encoding="utf-8"
    )
    library, _ = load_library(data, shown_dir="data")
    assert [s.notice.slug for s in library.sites] == [DAZU, "gf-2018-39", "gf-2018-42"]
    old = library.notice("gf-2018-42")
    assert (old.notice.in_force, old.notice.repealed_on) == (False, "2024-01-01")
    assert library.replacement_of(old) == library.notice("gf-2018-39")


def test_progress_moves_with_its_notice(data):
    shutil.copytree(
        SAMPLE, data / "notices" / DAZU / "progress", ignore=shutil.ignore_patterns("*.md")
    )
    library, _ = load_library(data, shown_dir="data")
    assert library.notice(DAZU).reports
    assert not library.notice("gf-2018-39").reports


# -- the single layout -------------------------------------------------------------------


def test_the_single_layout_is_a_library_of_one():
    site, _ = load_site(ROOT / "data", shown_dir="data")
    library, _ = load_library(ROOT / "data", shown_dir="data")
    assert library.sites == (site,)
    assert site.notice.slug == ""
    assert set(site.units) <= set(library.units)


def test_the_single_loader_points_a_library_to_the_library_loader(built):
    site, problems = check(built, shown_dir="data")
    assert site is None
    assert [str(p) for p in problems] == [
        "data/: 这里有多份通知（notices/ 下：dzfbf-2020-41、gf-2018-39、gf-2018-42），不是一份；"
        "请加上 --notice dzfbf-2020-41 指明是哪一份（可选：dzfbf-2020-41、gf-2018-39、gf-2018-42）"
    ]


def test_check_data_checks_a_library(built, library, capsys):
    assert check_data.main(["--data-dir", str(built)]) == 0
    out, err = capsys.readouterr()
    out, warnings = out.splitlines(), err.splitlines()
    assert all(": 警告：" in line for line in warnings)
    counted = f"（另有 {len(warnings)} 个警告，见上）" if warnings else ""
    assert out[0] == f"{built}: 数据无误：3 份通知，{len(library.units)} 个单位{counted}"
    assert out[1:] == [
        f"  {s.notice.slug}：{s.notice.doc_number}：{len(s.tasks)} 项任务，{len(s.units)} 个单位"
        for s in library.sites
    ]
    assert out[1].startswith(f"  {DAZU}：大足府办发〔2020〕41号：63 项任务，")


# -- bad input: exactly one error each, and no Library ----------------------------------


def test_two_folders_with_the_same_doc_number(data):
    shutil.copytree(data / "notices" / "gf-2018-39", data / "notices" / "gf-2018-39-copy")
    line = 1 + (data / "notices" / "gf-2018-39-copy" / "notice.yaml").read_text(
        "utf-8"
    ).splitlines().index("  doc_number: 国发〔2018〕39号")
    assert errors(data) == [
        f"data/notices/gf-2018-39-copy/notice.yaml:{line}: 通知 国发〔2018〕39号：与 "
        "data/notices/gf-2018-39/notice.yaml 的文号相同，一份通知只导入一次；请删去其中一个文件夹"
        "（或用 --notice gf-2018-39 --revision 修订那份通知）"
    ]


@pytest.mark.parametrize("name", ["GF-2018-42", "gf_2018_42", "国发2018-42", "-gf"])
def test_a_folder_name_that_is_not_a_url_id(data, name):
    (data / "notices" / "gf-2018-42").rename(data / "notices" / name)
    assert errors(data) == [
        f"data/notices/{name}/: 文件夹名 '{name}' 不能作通知编号；"
        "请改用小写英文字母、数字和“-”（用于网址），例如 dzfbf-2020-41"
    ]


def test_a_notice_whose_unit_is_unknown_names_its_folder(data):
    notice = data / "notices" / "gf-2018-39" / "notice.yaml"
    edit(notice, "  - 民政部\n", "  - 民政厅\n")
    [error] = errors(data)
    assert error.startswith("data/notices/gf-2018-39/notice.yaml:")
    assert ": 任务11：未知单位 '民政厅'" in error
    assert error.endswith("；请把它加入 units.yaml（'name' 或 'written_as'），或改正这个名称")


def test_a_replaced_by_cycle_among_units(data):
    units = data / "units.yaml"
    line = edit(
        units, "  - id: cai-zheng-bu\n", "  - id: cai-zheng-bu\n    replaced_by: jiao-yu-bu\n"
    )
    edit(units, "    name: 教育部\n", "    name: 教育部\n    replaced_by: cai-zheng-bu\n")
    assert errors(data) == [
        f"data/units.yaml:{line}: 单位 'cai-zheng-bu'：replaced_by 绕了一圈"
        "（cai-zheng-bu → jiao-yu-bu → cai-zheng-bu）；请删去现行单位的 replaced_by"
    ]


def test_a_replaced_by_naming_an_unknown_unit(data):
    line = edit(
        data / "units.yaml",
        "  - id: cai-zheng-bu\n",
        "  - id: cai-zheng-bu\n    replaced_by: caizhengbu\n",
    )
    assert errors(data) == [
        f"data/units.yaml:{line}: 单位 'cai-zheng-bu'：replaced_by 'caizhengbu' 不是本文件中的"
        "单位 id；请写承接其职能的单位的 id"
    ]


def test_a_removed_notice_still_linked_from_another(data):
    (data / "notices" / DAZU / "document.yaml").write_text(
        "published:\nbasis: [gf-2018-39]\n", encoding="utf-8"
    )
    assert errors(data) == []
    shutil.rmtree(data / "notices" / "gf-2018-39")
    assert errors(data) == [
        f"data/notices/{DAZU}/document.yaml:2: 'basis'：notices/ 中没有通知 'gf-2018-39'"
        "（是不是 'gf-2018-42'？）；只能链接到本站上的通知（请放回它的文件夹，或删去这个链接）"
    ]


def test_a_replaced_by_naming_no_notice(data):
    (data / "notices" / "gf-2018-39" / "document.yaml").write_text(
        "in_force: false\nreplaced_by: gf-2019-28\n", encoding="utf-8"
    )
    assert errors(data) == [
        "data/notices/gf-2018-39/document.yaml:2: 'replaced_by'：notices/ 中没有通知 'gf-2019-28'"
        "（是不是 'gf-2018-42'？）；只能链接到本站上的通知（请放回它的文件夹，或删去这个链接）"
    ]


def test_a_notice_at_the_top_of_a_library(data):
    shutil.copy(data / "notices" / DAZU / "notice.yaml", data / "notice.yaml")
    assert errors(data) == [
        "data/notice.yaml: 一份通知自己的文件放在了库的顶层（data/notices/ 中才是各份通知）："
        "它属于 data/notices/dzfbf-2020-41/，与该通知的 notice.yaml 放在一起；请把它移到那里，"
        "或删去它"
    ]


def test_a_name_only_an_alias_of_another_unit(data):
    """In a library the district's informal alias is not a national body's name."""
    units = data / "units.yaml"
    edit(
        units,
        '"发展改革委", "发展和改革委员会"]',
        '"发展改革委", "发展和改革委员会", "财政部"]',
    )
    edit(
        units,
        "  - id: cai-zheng-bu\n    name: 财政部\n",
        "  - id: cai-zheng-bu\n    name: 财政部甲\n",
    )
    found = errors(data)
    assert len(found) == 2  # once in each notice that writes 财政部, at its first task
    assert all(
        "'财政部' 在 units.yaml 中只是单位 'fagai'（区发展改革委）的俗称" in e for e in found
    )


# -- the import into a library ------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_number", "slug"),
    [
        ("大足府办发〔2020〕41号", "dzfbf-2020-41"),
        ("国发〔2018〕39号", "gf-2018-39"),
        ("国办函〔2016〕38号", "gbh-2016-38"),
        ("粤府〔2021〕22号", "yf-2021-22"),
        ("国发[2020]6号", "gf-2020-6"),
        ("关于做好稳就业工作的通知", None),
    ],
)
def test_the_default_slug_is_made_from_the_doc_number(doc_number, slug):
    assert notice_slug(doc_number) == slug


def test_import_into_a_library_without_a_slug_uses_the_doc_number(tmp_path):
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    move_to_library(data, DAZU)
    source = IMPORTED["gf-2018-39"]
    assert import_notice.main([str(source), "--data-dir", str(data)]) == 0
    assert (data / "notices" / "gf-2018-39" / "notice.yaml").is_file()
    assert not (data / "notice.yaml").exists()
    library, _ = load_library(data)
    assert [s.notice.slug for s in library.sites] == [DAZU, "gf-2018-39"]


def test_import_into_a_folder_holding_another_notice_writes_nothing(built, tmp_path, capsys):
    data = Path(shutil.copytree(built, tmp_path / "data"))
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    source = IMPORTED["gf-2018-42"]
    status = import_notice.main([str(source), "--data-dir", str(data), "--notice", "gf-2018-39"])
    assert status == 1
    err = capsys.readouterr().err
    assert (
        f"{data}/notices/gf-2018-39/notice.yaml: 这个文件夹里是另一份通知（国发〔2018〕39号），"
        "不是 国发〔2018〕42号；请用 --notice <slug> 给这份通知另起一个标识"
    ) in err
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_import_of_a_doc_number_another_folder_holds_writes_nothing(built, tmp_path, capsys):
    """The import checks its own notice whole and the others by their heads: a second
    folder for 国发〔2018〕39号 is refused, with the folder that holds it."""
    data = Path(shutil.copytree(built, tmp_path / "data"))
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    source = IMPORTED["gf-2018-39"]
    status = import_notice.main([str(source), "--data-dir", str(data), "--notice", "zz-again"])
    assert status == 1
    err = capsys.readouterr().err
    assert (f"通知 国发〔2018〕39号：与 {data}/notices/gf-2018-39/notice.yaml 的文号相同") in err
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_a_head_is_what_the_whole_notice_says(built):
    """read_head parses a notice.yaml only to the end of its header: the same 文号 at the
    same line as reading the whole file."""
    for folder in sorted((built / "notices").iterdir()):
        path, shown = folder / "notice.yaml", f"data/notices/{folder.name}/notice.yaml"
        record, _ = read_notice(path, shown)
        assert read_head(path, shown, folder.name) == NoticeHead.of(record, folder.name)


def test_a_head_in_another_form_is_read_whole(data):
    """A hand-edited header (flow style) is not the importer's form: the whole file is read,
    and the duplicate is still found."""
    copy = data / "notices" / "zz-copy"
    shutil.copytree(data / "notices" / "gf-2018-39", copy)
    path = copy / "notice.yaml"
    text = path.read_text("utf-8")
    assert read_head(path, "x", "zz-copy") is not None
    path.write_text(text.replace("\nnotice:\n", "\nnotice: !!map\n", 1), "utf-8")
    assert read_head(path, "x", "zz-copy") is None
    site, problems = check_joining(data, "gf-2018-42", shown_dir="data")
    assert site is None
    assert any("与 data/notices/gf-2018-39/notice.yaml 的文号相同" in str(p) for p in problems)


@pytest.mark.parametrize("slug", [DAZU, "gf-2018-42"])
def test_the_joining_check_finds_what_the_whole_check_finds(data, slug):
    """Spoil the notice being imported (a basis link to no notice) and the check of that
    notice alone gives the problems the check of the whole library gives."""
    (data / "notices" / slug / "document.yaml").write_text(
        "published:\nbasis: [no-such]\n", encoding="utf-8"
    )
    site, joining = check_joining(data, slug, shown_dir="data")
    assert site is None
    found = errors(data)
    assert [str(p) for p in joining if p.severity == "error"] == found
    assert found[0].startswith(
        f"data/notices/{slug}/document.yaml:2: 'basis'：notices/ 中没有通知 'no-such'"
    )


def test_the_joining_check_gives_the_site_the_whole_check_gives(library, built):
    site, problems = check_joining(built, "gf-2018-42", shown_dir="data")
    assert [p for p in problems if p.severity == "error"] == []
    assert site == library.notice("gf-2018-42")


def test_import_with_a_bad_slug(built, capsys):
    status = import_notice.main(
        [str(IMPORTED["gf-2018-39"]), "--data-dir", str(built), "--notice", "GF 39"]
    )
    assert status == 1
    assert "--notice: 通知标识 'GF 39' 不可用：只能用小写英文字母" in capsys.readouterr().err


# -- progress moves with its notice ------------------------------------------------------


def test_import_progress_into_a_notice_of_the_library(data, library, tmp_path, capsys):
    """A returned ledger of the Dazu notice goes into notices/dzfbf-2020-41/progress/."""
    import openpyxl
    from fengong.pages import paths
    from fengong.pages.downloads import download_files
    from import_progress import main

    site = library.notice(DAZU)
    renshe = site.unit("renshe")
    ledger = tmp_path / "区人力社保局-任务台账.xlsx"
    ledger.write_bytes(download_files(site)[paths.unit_download(renshe, "xlsx")])
    wb = openpyxl.load_workbook(ledger)
    ws = wb["任务台账"]
    header = {c.value: c.column for c in ws[6] if c.value}
    task_row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, header["任务ID"]).value == 1)
    ws.cell(task_row, header["状态"]).value = "已完成"
    wb.save(ledger)
    args = [str(ledger), "--period", "2020-H1", "--data-dir", str(data), "--date", "2020-07-09"]
    assert main([*args, "--notice", "gf-2018-40"]) == 1
    err = capsys.readouterr().err
    assert (
        f"--notice: {data}/notices/ 里没有通知 'gf-2018-40'；请改为 --notice 加上其中之一：" in err
    )
    assert main([*args, "--notice", DAZU]) == 0
    assert (data / "notices" / DAZU / "progress" / "2020-H1" / "renshe.yaml").is_file()
    assert not (data / "progress").exists()
    reloaded, _ = load_library(data, shown_dir="data")
    [report] = reloaded.notice(DAZU).reports
    assert [(e.task_id, e.status) for e in report.entries] == [(1, "已完成")]
