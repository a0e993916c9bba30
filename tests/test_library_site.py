"""Many notices, one site (issue #13, the pages side): the three real notices of
tests/library_sample.py built once into one site. Each notice's pages are under
notices/<slug>/, one page per unit lists its tasks in every notice, every internal link of
the build resolves, and the Dazu notice's pages say what the single build's do."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from fengong.data.load import load_library
from fengong.pages import paths, qr
from library_sample import DAZU, library_data
from openpyxl import load_workbook
from sitebuild import PUBLISHED_AT, build_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def library_build(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("library-site")
    data = library_data(folder)
    library, _ = load_library(data, shown_dir="data")
    return build_site(folder / "site", data), library


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def resolve(from_url: str, href: str) -> str | None:
    """The site-relative path an internal href points to, else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return from_url
    target = (Path("/" + from_url) / unquote(parts.path)).resolve()
    url = str(target).lstrip("/")
    return url + "/" if parts.path.endswith("/") and url else url


def test_every_internal_link_resolves_to_a_file(library_build):
    site, _ = library_build
    broken, pages = [], 0
    for html_file in sorted(site.rglob("index.html")):
        pages += 1
        rel = str(html_file.parent.relative_to(site))
        from_url = "" if rel == "." else rel + "/"
        for a in BeautifulSoup(html_file.read_text("utf-8"), "html.parser").select("a[href]"):
            url = resolve(from_url, a["href"])
            if url is None:
                continue
            target = site / url
            if url == "" or url.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{from_url} → {a['href']}")
    assert pages > 300  # three notices' pages and the units'
    assert not broken, "\n".join(broken[:20])


def test_each_notice_has_its_pages_under_its_slug(library_build):
    site, library = library_build
    home = soup(site, "").select_one("article")
    for lib_site in library.sites:
        slug = lib_site.notice.slug
        root = site / "notices" / slug
        assert (root / "index.html").is_file() and (root / "notice" / "index.html").is_file()
        for task in lib_site.tasks:
            assert (site / paths.item_url(task, slug) / "index.html").is_file()
        assert (root / "downloads" / "tasks.csv").is_file()
        row = home.find("a", href=f"notices/{slug}/").find_parent("tr")
        assert lib_site.notice.doc_number in row.get_text()
        assert str(len(lib_site.tasks)) in [td.get_text() for td in row.find_all("td")]
    # No notice's pages outside notices/: tasks/ at the top is the index of every notice's,
    # and tasks/<id>/ there are the moved Dazu notice's old addresses, each only sending the
    # reader on to its task (tests/test_library_moved_site.py).
    dazu = library.notice(DAZU)
    old = sorted(p.name for p in (site / "tasks").iterdir() if p.name != "index.html")
    assert old == sorted(str(t.id) for t in (*dazu.tasks, *dazu.removed_tasks))
    for name in old:
        html = (site / "tasks" / name / "index.html").read_text("utf-8")
        assert f'url=../../notices/{DAZU}/tasks/{name}/"' in html


def test_a_unit_of_two_notices_has_one_page_with_both_and_their_roles(library_build):
    site, library = library_build
    unit = next(u for u in library.units if u.name == "财政部")
    works = library.work_of(unit)
    assert [w.site.notice.slug for w in works] == ["gf-2018-42", "gf-2018-39"]
    page = soup(site, paths.item_url(unit))
    headings = [h.get_text() for h in page.select("article h2[id^=notice-]")]
    assert len(headings) == len(works)
    assert all(w.site.notice.doc_number in h for w, h in zip(works, headings, strict=True))
    # Per notice in force, the tasks it leads and those it shares in tables apart (as the
    # single unit page has them), each task linked into its notice's folder.
    for n, work in enumerate(works, 1):
        assert work.site.notice.in_force
        tables = {
            part: page.find(id=f"notice-{n}-{part}")
            for part in ("led", "shared", "unled")
            if page.find(id=f"notice-{n}-{part}")
        }
        numbers = {}
        for part, h3 in tables.items():
            rows = h3.find_next("table").select("tbody tr")
            numbers[part] = [int(re.search(r"任务(\d+)", tr.td.get_text())[1]) for tr in rows]
            for tr, number in zip(rows, numbers[part], strict=True):
                href = tr.td.a["href"]
                assert resolve(paths.item_url(unit), href) == paths.item_url(
                    work.site.task(number), work.site.notice.slug
                )
        assert numbers.get("led", []) == [t.number for t in work.led]
        shared = numbers.get("shared", []) + numbers.get("unled", [])
        assert sorted(shared) == sorted(t.number for t in work.shared)


def test_a_units_ledger_has_rows_from_both_notices(library_build):
    site, library = library_build
    unit = next(u for u in library.units if u.name == "财政部")
    want = {w.site.notice.doc_number: len(w.led) + len(w.shared) for w in library.work_of(unit)}
    text = (site / paths.unit_download(unit, "csv")).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    got: dict[str, int] = {}
    for row in rows:
        got[row[0]] = got.get(row[0], 0) + 1
    assert got == want and len(want) == 2
    sheet = load_workbook(site / paths.unit_download(unit, "xlsx")).active
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "文件")
    numbers = {sheet.cell(r, 1).value for r in range(header + 1, sheet.max_row + 1)}
    assert numbers == set(want)
    ics = (site / paths.unit_download(unit, "ics")).read_text("utf-8")
    uids = re.findall(r"^UID:(.*)$", ics, flags=re.M)
    assert len(uids) == len(set(uids))  # two notices' 任务1 stay two events


def test_the_dazu_pages_carry_the_single_builds_texts_and_units(library_build, built_site):
    site, library = library_build
    dazu = library.notice(DAZU)
    for task in dazu.tasks:
        single = soup(built_site, paths.item_url(task)).select_one("article")
        multi = soup(site, paths.item_url(task, DAZU)).select_one("article")
        text = ".fg-task-text"
        assert multi.select_one(text).get_text() == single.select_one(text).get_text()
        units = [a.get_text() for a in multi.select("a[href*='units/']")]
        assert units == [a.get_text() for a in single.select("a[href*='units/']")]
        assert units  # every task names its units


def test_the_search_index_holds_every_notice_once(library_build):
    site, library = library_build
    files = {p.name: p for p in site.rglob("*.json") if "search" in str(p.parent)}
    assert files, "a search index"
    blob = "".join(p.read_text("utf-8") for p in files.values())
    for lib_site in library.sites:
        assert f"notices/{lib_site.notice.slug}/tasks/" in blob
    assert not re.search(r'"tasks/\d+/"', blob)  # no task outside its notice
    # Each hit says which notice it is in, in its title; a unit is listed once.
    docs = [d for p in sorted(files.values()) if p.name[0] == "d" for d in _docs(p)]
    titles = {d["title"] for d in docs}
    for lib_site in library.sites:
        assert f"任务1（{lib_site.notice.doc_number}）" in titles
    units = [d["location"] for d in docs if d["kind"] == "unit"]
    assert len(units) == len(set(units))


def _docs(path: Path) -> list[dict]:
    import json

    return json.loads(path.read_text("utf-8"))["docs"]


def test_nothing_loads_from_another_host(library_build):
    site, _ = library_build
    external = []
    for html_file in site.rglob("*.html"):
        page = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in page.find_all(tag):
                if tag == "link" and set(el.get("rel", [])) <= {"canonical", "alternate"}:
                    continue  # names the page's public address; loads nothing
                if re.match(r"^(https?:)?//", el.get(attr, "")):
                    external.append(f"{html_file.relative_to(site)}: <{tag} {attr}>")
    assert not external, external[:10]


def test_a_notice_links_to_its_basis_and_back(library_build):
    """Where a notice's document.yaml names another of the site as its basis (依据), both
    homes link to each other, and the library's home says so. (No two of the sample's real
    notices implement one another: the basis here is the test's, the mechanics only.)"""
    from dataclasses import replace

    from fengong.model import Library
    from fengong.pages.render import render_pages
    from fengong.pages.views.library import library_home, notice_links

    _, library = library_build
    sites = tuple(
        replace(s, notice=replace(s.notice, basis=("gf-2018-39",))) if s.notice.slug == DAZU else s
        for s in library.sites
    )
    linked = Library(sites=sites, units=library.units, tags=library.tags)
    for slug, other, words in ((DAZU, "gf-2018-39", "依据"), ("gf-2018-39", DAZU, "贯彻落实")):
        site = linked.notice(slug)
        home = paths.notice_home(slug)
        html = render_pages(site, with_units=False, links=notice_links(linked, site, home))[home]
        found = BeautifulSoup(html.split("---", 2)[2], "html.parser").select_one(".fg-notice-links")
        assert words in found.get_text()
        hrefs = [resolve(paths.url_of(home), a["href"]) for a in found.select("a")]
        assert paths.url_of(paths.notice_home(other)) in hrefs
        assert "" in hrefs  # the library's home
    rows = {r.notice.slug: r for r in library_home(linked, paths.HOME).rows}
    assert [name for name, _ in rows[DAZU].basis] == ["国发〔2018〕39号"]
    assert rows["gf-2018-39"].implemented_by[0][1] == f"notices/{DAZU}/"


def _search_file(site: Path, name: str) -> dict:
    import json

    return json.loads((site / "search" / "fengong" / name).read_text("utf-8"))


def _options(page: BeautifulSoup, name: str) -> list[tuple[str, str]]:
    return [(o["value"], o.get_text()) for o in page.select(f"select[name={name}] option")]


def test_a_notices_task_index_is_fixed_to_its_notice(library_build):
    """The one index holds every notice's tasks; a notice's own tasks/ ships its notice and
    count for task-index.js to hold to, and offers only its own units and groups."""
    site, library = library_build
    facets = _search_file(site, "tasks.json")
    assert facets["notices"] == [s.notice.slug for s in library.sites]
    locations = {}
    for path in sorted((site / "search" / "fengong").glob("d*.json")):
        for doc in _docs(path):
            locations[len(locations)] = doc["location"]
    for lib_site in library.sites:
        slug = lib_site.notice.slug
        page = soup(site, f"notices/{slug}/tasks/")
        box = page.select_one("#fg-task-search")
        assert box["data-notice"] == slug
        assert box["data-total"] == str(len(lib_site.tasks))
        assert not page.select("select[name=notice]")
        assert [v for v, _ in _options(page, "unit")][1:] == [u.id for u in lib_site.units]
        used = [t.id for t in lib_site.tags if lib_site.tasks_tagged(t)]
        assert [v for v, _ in _options(page, "tag")][1:] == used
        # tasks.json: each of its tasks under it, at its own page.
        own = [row for row in facets["tasks"] if facets["notices"][row[-1]] == slug]
        assert len(own) == len(lib_site.tasks)
        assert all(locations[row[0]].startswith(f"notices/{slug}/tasks/") for row in own)


def test_the_library_task_index_has_the_notice_facet(library_build):
    site, library = library_build
    page = soup(site, "tasks/")
    box = page.select_one("#fg-task-search")
    assert box["data-total"] == str(sum(len(s.tasks) for s in library.sites))
    assert not box.has_attr("data-notice")
    newest = sorted(library.sites, key=lambda s: s.notice.date, reverse=True)
    assert _options(page, "notice")[1:] == [(s.notice.slug, s.notice.doc_number) for s in newest]
    for name in ("part", "clause"):  # offered once a notice is chosen, from its outline
        assert page.select_one(f"select[name={name}]").has_attr("disabled")
        assert len(_options(page, name)) == 1
    units = [v for v, _ in _options(page, "unit")][1:]
    assert units == [u.id for u in paths.library_units(library)]
    for i, lib_site in enumerate(library.sites):
        outline = _search_file(site, f"n{i}.json")
        assert [n for n, _ in outline["parts"]] == [p.number for p in lib_site.parts]
        assert [c[:2] for c in outline["clauses"]] == [[c.slug, c.part] for c in lib_site.clauses]
    # Without JavaScript: each notice and its count, linked to its own task index.
    rows = page.select(".fg-task-list tbody tr")
    for row, lib_site in zip(rows, newest, strict=True):
        link = row.select("a")[-1]
        assert resolve("tasks/", link["href"]) == f"notices/{lib_site.notice.slug}/tasks/"
        assert link.get_text() == f"{len(lib_site.tasks)} 项"
    # Reached from the header tabs, the home page and each unit's page (?unit=<id>).
    home = soup(site, "")
    assert "tasks/" in [resolve("", a["href"]) for a in home.select(".md-tabs a")]
    assert "tasks/" in [resolve("", a["href"]) for a in home.select("article a")]
    unit = next(u for u in library.units if u.name == "财政部")
    hrefs = [a["href"] for a in soup(site, paths.item_url(unit)).select("article a")]
    assert f"../../tasks/?unit={unit.id}" in hrefs


def test_the_unit_print_sheets_carry_qr_codes(library_build):
    """As one notice's sheet does (tests/test_publishing.py): the unit page's code, and each
    task's of the notices in force, at the task's page in its notice. Every sheet has its
    slots filled; the codes are read on the sheets of the units of two notices."""
    site, library = library_build
    units = paths.library_units(library)
    for unit in units:
        html = (site / paths.url_of(paths.unit_print_page(unit)) / "index.html").read_text()
        assert "fengong-qr:" not in html and 'class="fg-qr"' in html, unit.id
    shared = [u for u in units if len(library.work_of(u)) > 1]
    assert shared
    for unit in shared:
        html = (site / paths.url_of(paths.unit_print_page(unit)) / "index.html").read_text()
        sheet = BeautifulSoup(html, "html.parser").select_one("article")
        assert sheet.select(".fg-sheet-head-qr svg.fg-qr")
        assert str(qr.svg(PUBLISHED_AT + paths.item_url(unit))) in html, unit.id
        tasks = [
            (w.site.notice.slug, t)
            for w in library.work_of(unit)
            if w.site.notice.in_force
            for t in w.led + w.shared
        ]
        rows = sheet.select("tr[data-task]")
        assert len(rows) == len(tasks) == len(sheet.select("td.fg-sheet-qr svg.fg-qr")), unit.id
        urls = [row.select_one(".fg-sheet-url").get_text() for row in rows]
        assert sorted(urls) == sorted(PUBLISHED_AT + paths.item_url(t, slug) for slug, t in tasks)
        for url in urls:
            assert str(qr.svg(url)) in html


def test_a_unit_on_the_task_index_stands_for_the_units_it_replaced(library_build):
    """The unit facet of tasks/ offers the units with a page; a unit that replaced another
    (replaced_by) carries its id (data-also), as the tasks in older notices name it. (The
    merger is the test's, the mechanics only; no two of the sample's units merged.)"""
    from dataclasses import fields, replace

    from fengong.model import Library
    from fengong.pages.render import environment, link_from
    from fengong.pages.views.library_tasks import library_tasks_index

    _, library = library_build
    units = tuple(
        replace(u, replaced_by="cai-zheng-bu") if u.id == "min-zheng-bu" else u
        for u in library.units
    )
    merged = Library(sites=library.sites, units=units, tags=library.tags)
    view = library_tasks_index(merged, paths.LIBRARY_TASKS)
    context = {f.name: getattr(view, f.name) for f in fields(view)}
    html = (
        environment()
        .get_template("library_tasks.html.j2")
        .render(link=link_from(paths.LIBRARY_TASKS), **context)
    )
    page = BeautifulSoup(html, "html.parser")
    options = {o["value"]: o for o in page.select("[name=unit] option")}
    assert "min-zheng-bu" not in options
    assert options["cai-zheng-bu"]["data-also"] == "min-zheng-bu"
    assert sum(o.has_attr("data-also") for o in options.values()) == 1


def test_no_page_says_a_notice_is_in_force_that_its_data_does_not(library_build):
    # None of the three notices' document.yaml states in_force: the library's home, its task
    # index, each notice's home and a unit page say 以发布机关公布为准, never 有效.
    site_dir, library = library_build
    assert not any(s.notice.in_force_stated for s in library.sites)
    pages = ["", "tasks/", "units/renshe/", *(f"notices/{s.notice.slug}/" for s in library.sites)]
    for url in pages:
        text = soup(site_dir, url).get_text()
        assert "以发布机关公布为准" in text, url
        assert not re.search(r"(?<![无失])有效(?!期)", text.replace("有效性", "")), url
