"""Where the site is published: with a public address (FENGONG_SITE_URL) every QR code,
canonical link and download names it; without one (a local build, `make serve`) none of
them appear, and the build says so once."""

from __future__ import annotations

import logging
import re

import pytest
from fengong.pages import paths, qr
from fengong.pages.address import public_url
from sitebuild import PUBLISHED_AT, ROOT, build_site


@pytest.mark.parametrize(
    ("site_url", "public"),
    [
        ("https://jiuye.example.gov.cn/fengong/", "https://jiuye.example.gov.cn/fengong/"),
        ("https://example.org/fengong", "https://example.org/fengong/"),
        ("http://10.0.0.5/", "http://10.0.0.5/"),  # an office intranet is reachable there
        ("", ""),
        (None, ""),
        ("http://127.0.0.1:8000/fengong/", ""),  # mkdocs.yml's default, `make serve`'s own
        ("http://localhost:8000/", ""),
        ("http://[::1]:8000/", ""),
        ("http://0.0.0.0:8000/", ""),
        ("http://fengong.localhost/", ""),
        ("/fengong/", ""),  # no host
        ("ftp://example.org/", ""),
    ],
)
def test_which_addresses_are_public(site_url, public):
    assert public_url(site_url) == public


def test_the_default_address_is_the_local_preview(monkeypatch):
    """Without FENGONG_SITE_URL the site's address is `make serve`'s, so the preview serves
    at /fengong/ as before, and a build has no public address."""
    from mkdocs.config import load_config

    monkeypatch.delenv("FENGONG_SITE_URL", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.site_url == "http://127.0.0.1:8000/fengong/"
    assert public_url(config.site_url) == ""


# Absolute addresses a page may carry without naming the site: XML namespaces.
NAMESPACES = re.compile(rb"https?://(?:www\.w3\.org|schemas\.openxmlformats\.org|purl\.org)/")
ADDRESS = re.compile(rb"https?://[^\s\"'<>]+")


def addresses_in(data: bytes) -> set[bytes]:
    return {m.group(0) for m in ADDRESS.finditer(data) if not NAMESPACES.match(m.group(0))}


@pytest.fixture(scope="module")
def local_build(tmp_path_factory):
    """The site built as `make build` builds it without FENGONG_SITE_URL, and its log."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        site = build_site(tmp_path_factory.mktemp("local") / "site", site_url=None)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return site, [r.getMessage() for r in records]


@pytest.mark.slow
def test_a_build_without_an_address_says_so_once(local_build):
    _, log = local_build
    said = [m for m in log if "没有公开网址" in m]
    assert len(said) == 1, said
    assert "FENGONG_SITE_URL" in said[0]


@pytest.mark.slow
def test_a_build_without_an_address_names_none(local_build):
    """No QR code, canonical link or absolute link in any page or download. The sitemap
    alone keeps the local address: Material's instant navigation reads it."""
    site, _ = local_build
    named = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".ics", ".xlsx"):
            data = path.read_bytes()
            if path.suffix == ".xlsx":
                import zipfile

                with zipfile.ZipFile(path) as zf:
                    data = b"".join(zf.read(name) for name in zf.namelist())
            found = addresses_in(data)
            if found:
                named[str(path.relative_to(site))] = sorted(found)[:3]
    assert named == {}
    home = (site / "index.html").read_text("utf-8")
    assert 'rel="canonical"' not in home
    sheet = (site / "units" / "renshe" / "print" / "index.html").read_text("utf-8")
    assert 'class="fg-qr"' not in sheet and "fengong-qr:" not in sheet
    assert b"127.0.0.1:8000/fengong/" in (site / "sitemap.xml").read_bytes()


@pytest.mark.slow
def test_a_published_build_names_its_address_everywhere(built_site, site_model):
    """The tests' site is built with FENGONG_SITE_URL (sitebuild.PUBLISHED_AT): every QR code
    encodes that address, and the canonical links and downloads name it."""
    renshe = site_model.unit("renshe")
    sheet = (built_site / paths.url_of(paths.unit_print_page(renshe)) / "index.html").read_text(
        "utf-8"
    )
    unit_address = PUBLISHED_AT + paths.item_url(renshe)
    assert str(qr.svg(unit_address)) in sheet  # the same bytes: the code of this address
    for task in site_model.tasks_of(renshe):
        assert str(qr.svg(PUBLISHED_AT + paths.item_url(task))) in sheet, task.number
    home = (built_site / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED_AT}">' in home
    ics = (built_site / paths.unit_download(renshe, "ics")).read_bytes()
    assert f"URL:{PUBLISHED_AT}tasks/1/".encode() in ics
    json_text = (built_site / paths.ALL_JSON).read_text("utf-8")
    assert f'"url": "{PUBLISHED_AT}tasks/1/"' in json_text
    others = {
        address
        for path in (built_site / "downloads").rglob("*.*")
        if path.suffix in (".csv", ".ics", ".json")
        for address in addresses_in(path.read_bytes().replace(b"\r\n ", b""))  # unfold .ics
    }
    assert others and all(a.startswith(PUBLISHED_AT.encode()) for a in others), sorted(others)[:5]


def test_the_readme_says_how_to_publish():
    readme = (ROOT / "README.md").read_text("utf-8")
    notes = readme[readme.index("## Publishing the site") :]
    assert "FENGONG_SITE_URL" in notes
    for mime in ("text/calendar", ".xlsx", "application/json"):
        assert mime in notes, mime
