"""The built site against the data and the source text: pages, cross-links, fidelity."""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from fengong.importer.read import read_lines
from fengong.pages import paths
from sitebuild import ROOT

pytestmark = pytest.mark.slow


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    return _soup(site / url / "index.html")


def article(site: Path, url: str) -> BeautifulSoup:
    return page(site, url).select_one("article")


def links_to(site: Path, from_url: str, to_url: str, scope: str = "article") -> bool:
    """Whether the page at from_url links (within scope) to the page at to_url."""
    root = page(site, from_url).select_one(scope)
    for a in root.select("a[href]"):
        target = _resolve(from_url, a["href"])
        if target is not None and target[0] == to_url:
            return True
    return False


def _resolve(from_url: str, href: str) -> tuple[str, str] | None:
    """(site-relative URL of the page, fragment) for an internal link, else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return from_url, parts.fragment
    base = Path("/" + from_url)
    target = (base / unquote(parts.path)).resolve() if from_url else Path("/" + parts.path)
    url = str(target).lstrip("/")
    if parts.path.endswith("/") and url:
        url += "/"
    return url, parts.fragment


def test_every_page_exists(built_site, site_model):
    expected = ["", "notice/", "about/", "tasks/", "units/", "parts/"]
    expected += [paths.item_url(t) for t in site_model.tasks]
    expected += [paths.item_url(u) for u in site_model.units]
    expected += [paths.item_url(c) for c in site_model.clauses]
    expected += [paths.item_url(p) for p in site_model.parts]
    missing = [url for url in expected if not (built_site / url / "index.html").is_file()]
    assert not missing
    assert len(site_model.tasks) == 63 and len(site_model.clauses) == 26
    assert len(site_model.parts) == 7 and len(site_model.units) == 40


def test_internal_links_and_anchors_resolve(built_site):
    broken = []
    for html_file in sorted(built_site.rglob("*.html")):
        from_url = str(html_file.parent.relative_to(built_site)).replace(".", "") + "/"
        from_url = "" if from_url == "/" else from_url
        if html_file.name != "index.html":
            continue
        for a in _soup(html_file).select("a[href]"):
            resolved = _resolve(from_url, a["href"])
            if resolved is None:
                continue
            url, fragment = resolved
            target = built_site / url
            if url.endswith("/") or url == "":
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{from_url} → {a['href']}")
                continue
            if fragment and target.suffix == ".html" and _soup(target).find(id=fragment) is None:
                broken.append(f"{from_url} → {a['href']} (no #{fragment})")
    assert not broken, "\n".join(broken[:20])


def test_every_task_is_linked_from_its_clause_part_units_and_notice(built_site, site_model):
    missing = []
    for task in site_model.tasks:
        url = paths.item_url(task)
        sources = ["notice/", "tasks/"]
        sources += [paths.item_url(site_model.clause_of(task))] if task.clause else []
        sources += [paths.item_url(site_model.part(task.part))] if task.part else []
        sources += [paths.item_url(unit) for unit in task.units]
        missing += [f"{src} → {url}" for src in sources if not links_to(built_site, src, url)]
    assert not missing, missing[:20]


def test_task_pages_link_back_to_their_clause_part_and_units(built_site, site_model):
    missing = []
    for task in site_model.tasks:
        url = paths.item_url(task)
        targets = [paths.item_url(site_model.clause_of(task))]
        targets += [paths.item_url(site_model.part(task.part))]
        targets += [paths.item_url(unit) for unit in task.units]
        missing += [f"{url} → {t}" for t in targets if not links_to(built_site, url, t)]
    assert not missing, missing[:20]


def _task_numbers_in(section) -> list[int]:
    numbers = []
    for a in section.select("a"):
        if m := re.fullmatch(r"任务(\d+)", a.get_text(strip=True)):
            numbers.append(int(m.group(1)))
    return numbers


def _section_tables(soup: BeautifulSoup, heading_id: str):
    heading = soup.find(id=heading_id)
    if heading is None:
        return None
    return heading.find_next("table")


def test_unit_pages_list_exactly_their_tasks(built_site, site_model):
    for unit in site_model.units:
        soup = article(built_site, paths.item_url(unit))
        led = [t.number for t in site_model.tasks if t.role_of(unit) == "lead"]
        shared = [t.number for t in site_model.tasks if t.role_of(unit) == "partner"]
        led_table = _section_tables(soup, "led")
        shared_table = _section_tables(soup, "shared")
        got_led = _first_column_tasks(led_table) if led_table else []
        got_shared = _first_column_tasks(shared_table) if shared_table else []
        assert got_led == led, unit.name
        assert got_shared == shared, unit.name


def test_a_group_page_names_its_members_as_the_registry_lists_them(built_site, site_model):
    # 各镇街: a town's staff read their town's name on the page that holds its tasks.
    groups = [u for u in site_model.units if u.members]
    assert [u.id for u in groups] == ["zhenjie"]
    for unit in groups:
        text = article(built_site, paths.item_url(unit)).select_one(".fg-members").get_text()
        named = text.split("：", 1)[1].rstrip("。").split("、")
        assert named == list(unit.members)
        assert f"{len(unit.members)} 个镇街" in text
    assert {"龙水镇", "棠香街道"} <= set(groups[0].members)


def _first_column_tasks(table) -> list[int]:
    numbers = []
    for row in table.select("tbody tr"):
        numbers += _task_numbers_in(row.select("td")[0])
    return numbers


def test_task_pages_list_units_in_the_notices_order_with_roles(built_site, site_model):
    for task in site_model.tasks:
        soup = article(built_site, paths.item_url(task))
        table = _section_tables(soup, "units")
        rows = [
            [td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")
        ]
        assert [r[1].split("（即")[0] for r in rows] == [a.written for a in task.assignments]
        roles = ["牵头单位" if a.role == "lead" else "参与单位" for a in task.assignments]
        assert [r[2] for r in rows] == roles, task.number


def test_lead_is_the_first_unit_listed_in_the_source(site_model):
    # The notice's own rule: 列第一责任单位的为牵头单位.
    for task in site_model.tasks:
        assert [a.position for a in task.lead] == [1], task.number


def test_every_line_of_the_source_is_on_the_notice_page(built_site):
    text = article(built_site, "notice/").get_text("")
    lines = read_lines(ROOT / "data" / "source" / "dazu-2020-41.txt", "source")
    missing = [
        (n, line) for n, line in enumerate(lines, 1) if line.strip() and line.strip() not in text
    ]
    assert not missing, missing[:5]


def test_task_text_on_task_pages_is_verbatim(built_site, site_model):
    for task in site_model.tasks:
        shown = article(built_site, paths.item_url(task)).select_one(".fg-task-text")
        assert shown.get_text("").strip() == task.text


def test_nothing_loads_from_another_host(built_site):
    external = []
    for html_file in built_site.rglob("*.html"):
        soup = _soup(html_file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                if tag == "link" and set(el.get("rel", [])) <= {"canonical", "alternate"}:
                    continue  # names the page's public address; loads nothing
                value = el.get(attr, "")
                if re.match(r"^(https?:)?//", value):
                    external.append(f"{html_file.relative_to(built_site)}: <{tag} {attr}={value}>")
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8", errors="replace")):
            if re.match(r"^['\"]?(https?:)?//", url):
                external.append(f"{css.relative_to(built_site)}: url({url})")
    assert not external, external[:10]


def test_two_builds_are_byte_identical(built_site, tmp_path):
    from sitebuild import build_site

    again = build_site(tmp_path / "again")
    first = {
        p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differ = [str(name) for name in first if first[name] != second[name]]
    assert not differ, differ[:10]


def test_the_sitemap_dates_pages_by_the_data_not_the_build_day(built_site, site_model):
    # MkDocs would write the day of the build: the same data built tomorrow gave other bytes.
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {site_model.notice.revision_date} == {"2020-04-29"}
    packed = (built_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    assert int.from_bytes(packed[4:8], "little") == 1588118400  # gzip mtime: 2020-04-29 UTC
