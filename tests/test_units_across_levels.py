"""Units across levels and places (issue #21 item 4): the Dazu notice, 国发〔2018〕39号,
国发〔2018〕42号 and a second district's notice (立山区, 鞍立政发〔2023〕2号, which writes
区财政局 as Dazu's does) import into one library without stopping; 42号's 发展改革委 is not
区发展改革委; the two districts' 区财政局 stay two units; stubs get kinds from their name
and issuer."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import import_notice  # scripts/ is on the tests' path (pyproject.toml)
import pytest
import yaml
from bs4 import BeautifulSoup
from fengong.data.load import check_library
from fengong.data.readers.units import read_units
from fengong.importer.datafiles import stub_kind, unit_id, update_units
from fengong.model import UNIT_KINDS, Unit, UnitRegistry
from fengong.places import jurisdiction
from library_sample import DAZU, FIXTURES, IMPORTED, move_to_library
from sitebuild import ROOT, build_site

LISHAN = "lslzf-2023-2"
LISHAN_SOURCE = FIXTURES / "29_lishan2023_zhongdian-renwu-fenjie-lines.txt"
GF42 = IMPORTED["gf-2018-42"]


def _import(source: Path, data: Path, slug: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = import_notice.main([str(source), "--data-dir", str(data), "--notice", slug])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The four notices, imported one after the other into a copy of data/ moved into the
    library layout, with what each import printed."""
    data = tmp_path_factory.mktemp("across") / "data"
    shutil.copytree(ROOT / "data", data)
    move_to_library(data, DAZU)
    printed = {}
    for slug, source in (*IMPORTED.items(), (LISHAN, LISHAN_SOURCE)):
        status, out, err = _import(source, data, slug)
        assert status == 0, f"import of {source.name} stopped:\n{err}"
        printed[slug] = (out, err)
    lib, problems = check_library(data)
    assert lib is not None, [str(p) for p in problems]
    return data, lib, printed


def _unit_of(lib, slug: str, name: str) -> Unit:
    site = next(s for s in lib.sites if s.notice.slug == slug)
    found = {a.unit for t in site.tasks for a in t.assignments if a.unit.name == name}
    assert len(found) == 1, found
    return found.pop()


def test_the_national_commission_is_not_the_districts(library):
    _, lib, _ = library
    commission = _unit_of(lib, "gf-2018-42", "发展改革委")
    assert commission.id == "fa-zhan-gai-ge-wei"
    assert (commission.kind, commission.place) == ("national_ministry", "全国")
    assert _unit_of(lib, DAZU, "区发展改革委").id == "fagai"
    assert _unit_of(lib, "gf-2018-42", "国资委").id == "guo-zi-wei"


def test_an_alias_made_a_unit_is_a_warning_with_the_line_and_the_merge_edit(library):
    data, _, printed = library
    _, err = printed["gf-2018-42"]
    # The first line of the notice that writes the name: its first task that does.
    line = next(
        n
        for n, text in enumerate(GF42.read_text(encoding="utf-8").splitlines(), 1)
        if "发展改革委" in text
    )
    warning = (
        f"{GF42}:{line}: 警告：'发展改革委' 成为一个单独的单位（属全国），id 为 "
        "'fa-zhan-gai-ge-wei'：'发展改革委' 只是单位 'fagai'（区发展改革委）的俗称；如果通知说的"
        f"就是那个单位，请从 {data}/units.yaml 中删去 'fa-zhan-gai-ge-wei'，并在单位 'fagai' 下"
        "加上 `written_as: [发展改革委]`"
    )
    assert warning in err.splitlines()


def test_two_districts_short_names_stay_two_units(library):
    _, lib, printed = library
    dazu, lishan = _unit_of(lib, DAZU, "区财政局"), _unit_of(lib, LISHAN, "区财政局")
    assert dazu.id == "caizheng" and dazu.place == ""  # the curated unit, as it was
    assert (lishan.id, lishan.place) == ("li-shan-qu-cai-zheng-ju", "立山区")
    # 税务局 is only an alias of Dazu's 区税务局: 立山区's is its own unit too.
    assert _unit_of(lib, LISHAN, "税务局").place == "立山区"
    assert _unit_of(lib, DAZU, "区税务局").id == "shuiwu"
    _, err = printed[LISHAN]
    assert "按写到它的通知，单位 'caizheng'（区财政局）属于大足区" in err


def test_the_curated_registry_is_kept_as_it_was(library):
    data, _, _ = library
    before = (ROOT / "data" / "units.yaml").read_text(encoding="utf-8")
    after = (data / "units.yaml").read_text(encoding="utf-8")
    old = yaml.safe_load(before)["units"]
    new = yaml.safe_load(after)["units"]
    assert new[: len(old)] == old  # every curated field, in order; stubs only after them
    assert all(unit.get("place") for unit in new[len(old) :])
    # The curators' quoting and comments stay too (only a long flow list is re-wrapped).
    assert '    name: "区人力社保局"' in after
    assert after.startswith(before.split("\n  - id:")[0])


def test_stub_kinds_follow_the_name_and_the_issuer(library):
    data, _, _ = library
    kinds = {
        u["name"]: u["kind"] for u in yaml.safe_load((data / "units.yaml").read_text())["units"]
    }
    assert kinds["各省级人民政府"] == "government_group"  # never the district's 镇街（统称）
    assert kinds["各有关部门和单位"] == "generic"
    assert kinds["财政部"] == "national_ministry"
    assert kinds["市场监管总局"] == "national_agency"
    assert kinds["民航局"] == "national_body"
    assert kinds["各街道"] == "town_group"  # 立山区's streets, a district's notice
    assert kinds["区财政局"] == "government_department"  # the curated Dazu unit's (first)
    assert kinds["立山经济开发区"] == "development_zone"


def test_the_summary_says_stub_ids_are_permanent_addresses(library):
    _, _, printed = library
    out, _ = printed[LISHAN]
    lines = [line for line in out.splitlines() if "固定地址" in line]
    assert lines == [
        "  这些单位标识会成为单位页面的固定地址（units/<标识>/）："
        "qu-fa-gai-ju、li-shan-jing-ji-kai-fa-qu、quan-qu-jing-ji-yun-xing-ge-zhuan-ban、"
        "qu-gong-xin-ju、ge-jie-dao、qu-zhi-ge-bu-men、qu-shang-wu-ju、qu-shi-chang-ju、"
        "li-shan-qu-cai-zheng-ju、shui-wu-ju、ge-xiang-guan-dan-wei；如要改，请在发布前改"
    ]


def test_importing_again_adds_nothing(library, tmp_path):
    data, _, _ = library
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    registry = (copy / "units.yaml").read_bytes()
    for slug, source in (
        (DAZU, ROOT / "data" / "source" / "dazu-2020-41.txt"),
        (LISHAN, LISHAN_SOURCE),
    ):
        status, out, err = _import(source, copy, slug)
        assert status == 0, err
        assert "个新单位" not in out
        assert "成为一个单独的单位" not in err
    assert (copy / "units.yaml").read_bytes() == registry


def test_the_library_site_shows_uncurated_units_by_name_and_places(library, tmp_path):
    data, _, _ = library
    site = build_site(tmp_path / "site", data)
    for path in site.rglob("*.html"):
        assert "待整理" not in path.read_text(encoding="utf-8"), path
    page = BeautifulSoup(
        (site / "units" / "quan-qu-jing-ji-yun-xing-ge-zhuan-ban" / "index.html").read_text(
            encoding="utf-8"
        ),
        "html.parser",
    )
    assert page.find("h1").get_text() == "全区经济运行各专班"
    meta = [li.get_text() for li in page.select(".fg-unit-meta li")]
    assert "地区：立山区" in meta
    assert not any(item.startswith("类别") for item in meta)  # uncurated: no kind shown
    # The list of units: the place under the name, no 类别 label over an empty cell.
    index = BeautifulSoup(
        (site / "units" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    row = index.find("a", href="quan-qu-jing-ji-yun-xing-ge-zhuan-ban/").find_parent("tr")
    assert row.find("small").get_text() == "立山区"
    assert row.select('td[data-label="类别"]') == []
    dazu = BeautifulSoup(
        (site / "units" / "caizheng" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert not any(li.get_text().startswith("地区") for li in dazu.select(".fg-unit-meta li"))


# -- the pieces, alone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issuer", "doc_number", "places"),
    [
        (
            "重庆市大足区人民政府办公室",
            "大足府办发〔2020〕41号",
            (("city", "重庆市"), ("county", "大足区")),
        ),
        ("立山区人民政府", "鞍立政发〔2023〕2号", (("county", "立山区"),)),
        ("国务院", "国发〔2018〕39号", (("national", "全国"),)),
        ("", "国办发〔2019〕1号", (("national", "全国"),)),
        ("广东省人民政府", "粤府〔2021〕22号", (("provincial", "广东省"),)),
        ("内蒙古自治区人民政府办公厅", "", (("provincial", "内蒙古自治区"),)),
        ("龙水镇人民政府", "", (("township", "龙水镇"),)),
        ("重庆市大足区城市管理局", "", (("city", "重庆市"), ("county", "大足区"))),
        ("济南市市中区人民政府", "", (("city", "济南市"), ("county", "市中区"))),
        ("", "", ()),
    ],
)
def test_an_issuers_places(issuer, doc_number, places):
    assert jurisdiction(issuer, doc_number).places == places


@pytest.mark.parametrize(
    ("issuer", "name", "place"),
    [
        ("重庆市大足区人民政府办公室", "区财政局", "大足区"),
        ("重庆市大足区人民政府办公室", "市人社局", "重庆市"),
        ("重庆市大足区人民政府办公室", "市场监管局", "大足区"),  # 市场 is not 市
        ("重庆市大足区人民政府办公室", "财政部", "全国"),
        ("立山区人民政府", "市人社局", "立山区所在市"),  # never a guessed city's name
        ("国务院", "发展改革委", "全国"),
        ("", "区财政局", ""),  # issuer unknown: names resolve as they always did
    ],
)
def test_the_place_a_name_is_of(issuer, name, place):
    assert jurisdiction(issuer).place_of(name) == place


@pytest.mark.parametrize(
    ("issuer", "name", "kind"),
    [
        ("国务院", "各省级人民政府", "government_group"),
        ("国务院", "各有关部门", "generic"),
        ("国务院", "审计署", "national_ministry"),
        ("国务院", "国资委", "national_agency"),
        ("国务院", "国家电网公司", "enterprise"),
        ("广东省人民政府", "省教育厅", "provincial_body"),
        ("广东省人民政府", "各地级以上市人民政府", "government_group"),
        ("鞍山市人民政府", "市人社局", "city_body"),
        ("重庆市大足区人民政府办公室", "各镇街", "town_group"),
        ("重庆市大足区人民政府办公室", "区委宣传部", "party_department"),
        ("重庆市大足区人民政府办公室", "区总工会", "mass_organisation"),
        ("某县人民政府", "县财政局", "county_body"),
        ("立山区人民政府", "区税务局", "vertical_agency"),
        ("立山区人民政府", "区人民法院", "uncurated"),  # not a 区政府部门
        ("立山区人民政府", "区纪委监委", "uncurated"),
        ("昆明市官渡区人民政府", "区国土分局", "uncurated"),
        ("广东省人民政府", "省政协办公厅", "uncurated"),
        ("龙水镇人民政府", "龙水镇", "township_body"),
        ("", "各镇街人民政府〔办事处〕", "town_group"),  # as before when the issuer is unknown
        ("", "区财政局", "uncurated"),
    ],
)
def test_a_stubs_kind(issuer, name, kind):
    assert stub_kind(name, jurisdiction(issuer)) == kind


def test_every_kind_but_uncurated_has_a_label():
    assert UNIT_KINDS["uncurated"] == ""
    assert all(label for kind, label in UNIT_KINDS.items() if kind != "uncurated")
    assert Unit(id="x", name="税务局").kind_label == ""


def test_the_single_layout_keeps_aliases_as_they_resolve():
    """Outside a library a name that is an alias resolves as it always did: no stub."""
    text = 'units:\n  - id: fagai\n    name: 区发展改革委\n    aliases: ["发展改革委"]\n'
    where = jurisdiction("重庆市大足区人民政府办公室")
    assert update_units(text, ["发展改革委"], where) == (text, [])


def _read(tmp_path: Path, text: str):
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    return read_units(path, "data/units.yaml")


def test_two_places_may_each_have_their_unit_of_a_name(tmp_path):
    units, problems = _read(
        tmp_path,
        "units:\n"
        "  - {id: caizheng, name: 区财政局, kind: government_department}\n"
        "  - {id: ls-caizheng, name: 区财政局, kind: government_department, place: 立山区}\n"
        "  - {id: fagai, name: 区发展改革委, kind: government_department, aliases: [发展改革委]}\n"
        "  - {id: gj-fagai, name: 发展改革委, kind: national_ministry, place: 全国}\n",
    )
    assert problems == []
    registry = UnitRegistry(units, jurisdiction("立山区人民政府"))
    assert registry.find("区财政局").id == "ls-caizheng"
    assert (
        UnitRegistry(units, jurisdiction("重庆市大足区人民政府")).find("区财政局").id == "caizheng"
    )
    assert UnitRegistry(units, jurisdiction("国务院")).find("发展改革委").id == "gj-fagai"
    assert UnitRegistry(units).find("发展改革委").id == "fagai"  # no issuer: the alias


def test_one_place_still_has_one_unit_of_a_name(tmp_path):
    _, problems = _read(
        tmp_path,
        "units:\n"
        "  - {id: a, name: 区财政局, kind: government_department, place: 立山区}\n"
        "  - {id: b, name: 区财政局, kind: government_department, place: 立山区}\n"
        "  - {id: c, name: 区税务局, kind: vertical_agency, aliases: [税务局]}\n"
        "  - {id: d, name: 区税务分局, kind: vertical_agency, aliases: [税务局]}\n",
    )
    assert [p.message for p in problems] == [
        "单位 'b'：名称 '区财政局' 也用于单位 'a'（第 2 行）；一个名称只能指一个单位",
        "单位 'd'：名称 '税务局' 也用于单位 'c'（第 4 行）；一个名称只能指一个单位",
    ]


def _notice_yaml(issuer: str, addressees: list[str], units: list[str]) -> str:
    """A notice.yaml as the importer writes it, cut to what the unit stubs read."""
    lines = ["format: 1", "notice:", "  doc_number: X〔2023〕1号", f"  issuer: {issuer}"]
    lines += ["  addressees:", *(f"  - {name}" for name in addressees)]
    lines += ["tasks:", "- number: 1", "  units:", *(f"  - {name}" for name in units)]
    return "\n".join([*lines, "blocks: []", ""])


@pytest.mark.parametrize(
    ("addressees", "units", "stubbed"),
    [
        ([], ["区财政局"], [("li-shan-qu-cai-zheng-ju", "立山区")]),  # Dazu's task names it
        (["区财政局"], [], []),  # only an addressee of Dazu's: no unit of it, no split
    ],
)
def test_a_placeless_unit_is_another_places_only_by_its_tasks(tmp_path, addressees, units, stubbed):
    folder = tmp_path / "notices" / "dazu"
    folder.mkdir(parents=True)
    (folder / "notice.yaml").write_text(
        _notice_yaml("重庆市大足区人民政府办公室", addressees, units), encoding="utf-8"
    )
    registry = "units:\n  - id: caizheng\n    name: 区财政局\n    kind: government_department\n"
    where = jurisdiction("立山区人民政府")
    text, stubs = update_units(registry, ["区财政局"], where, library=tmp_path, slug="lishan")
    assert [(stub.id, stub.place) for stub in stubs] == stubbed
    assert text.startswith(registry)


def test_a_name_another_place_has_gets_an_id_with_the_place(tmp_path):
    (tmp_path / "notices").mkdir()
    registry = (
        "units:\n  - id: qu-xin-ju\n    name: 区新局\n    kind: government_department\n"
        "    place: 大足区\n"
    )
    where = jurisdiction("立山区人民政府")
    _, stubs = update_units(registry, ["区新局"], where, library=tmp_path, slug="lishan")
    assert [(s.id, s.place, s.kind, s.beside) for s in stubs] == [
        ("li-shan-qu-xin-ju", "立山区", "government_department", None)
    ]


def test_a_library_that_joined_two_places_units_is_refused(library, tmp_path):
    """Data made before places (or by hand): 立山区's tasks naming Dazu's place-less unit."""
    data, _, _ = library
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    units = copy / "units.yaml"
    text = units.read_text(encoding="utf-8")
    stub = "  - id: li-shan-qu-cai-zheng-ju\n    name: 区财政局\n"
    assert text.count(stub) == 1
    units.write_text(text.replace(stub, stub.replace("区财政局", "区财政局甲")), encoding="utf-8")
    lib, problems = check_library(copy)
    assert lib is None
    notice = copy / "notices" / LISHAN / "notice.yaml"
    found = [str(p) for p in problems if p.severity == "error"]
    assert len(found) == 1
    assert found[0].startswith(f"{notice}:")
    assert found[0].endswith(
        ": 任务5：这里的 '区财政局' 是立山区的，但单位 'caizheng'（区财政局）在通知 "
        f"'{DAZU}' 中是大足区的，而一个单位只属于一个地方；请重新导入不属于它的那份通知"
        "（它会得到自己的单位），或在 units.yaml 中给这个单位加上 'place:'"
    )


def test_a_notice_of_no_known_issuer_is_said_to_have_no_place(library, tmp_path):
    """官渡区's excerpt has no 发文机关 and no 文号: its 区财政局 cannot be placed; the import
    says so once instead of joining it silently."""
    data, _, _ = library
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    source = FIXTURES / "21_guandu2016_wenzengzhang.txt"
    status, _, err = _import(source, copy, "guandu-2016")
    assert status == 0, err
    assert (
        f"{source}: 警告：读不出这份通知的发文机关（没有读到发文机关或文号），因而不知道它属于哪个"
        "地方：它的简称（区政务服务局、区发改局、区审改办、区住建局、区级相关部门 …）会并入同名的"
        "单位，不论是哪个地方的；如果这份通知是另一个地方的，请在源文件里补上发文机关一行后重新导入"
    ) in err.splitlines()


def test_a_stub_id_is_whole_syllables_and_short():
    name = "国家发展和改革委员会国民经济综合司宏观经济研究院产业经济与技术经济研究所"
    new_id = unit_id(name, set())
    assert len(new_id) <= 60
    # (cut at 60 characters, it would end in "zong-h")
    assert new_id == "guo-jia-fa-zhan-he-gai-ge-wei-yuan-hui-guo-min-jing-ji-zong"
    assert unit_id("区财政局", {"qu-cai-zheng-ju"}) == "qu-cai-zheng-ju-2"


def test_another_districts_group_is_not_called_dazus_towns(tmp_path):
    """A single site of 立山区's notice: its 各街道 (a stubbed group with a place) is not
    described as 全区各镇人民政府和街道办事处, which the Dazu registry's group is."""
    data = tmp_path / "data"
    status = import_notice.main([str(LISHAN_SOURCE), "--data-dir", str(data)])
    assert status == 0
    site = build_site(tmp_path / "site", data)
    page = (site / "units" / "ge-jie-dao" / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(page, "html.parser").select_one(".admonition").get_text()
    assert "“各街道”是通知对一组单位的统称：列出它的任务，它所指的每一个单位都负有责任。" in text
    assert "镇人民政府" not in text
    sheet = (site / "units" / "ge-jie-dao" / "print" / "index.html").read_text(encoding="utf-8")
    assert "“各街道”是统称：列出它的任务，它所指的每一个单位都负有责任。" in sheet
