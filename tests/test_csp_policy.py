"""The pages' Content-Security-Policy (issue #23, hooks/fengong/pages/csp.py), read from the
built real site: one meta element in every page before any script, scripts only from the
site and the hashes of the page's own inline scripts, nothing from another host; the same
policy on every page, so instant navigation never meets a script its first page's policy
does not allow. tests/browser/test_csp.py loads the pages under it in Chromium."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from fengong.pages import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def directives(policy: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def pages(built_site):
    return sorted(built_site.rglob("*.html"))


def test_every_page_carries_one_policy_before_any_script(built_site):
    found = pages(built_site)
    assert len(found) > 100 and (built_site / "404.html") in found
    for path in found:
        html = path.read_text(encoding="utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, path
        assert html.index('<meta http-equiv="Content-Security-Policy"') < html.index("<script")
        assert metas[0] == csp.policy(csp.inline_scripts(html)), path


def test_one_policy_for_the_whole_site_and_what_it_allows(built_site):
    policies = {META.search(p.read_text(encoding="utf-8")).group(1) for p in pages(built_site)}
    assert len(policies) == 1
    (policy,) = policies
    got = directives(policy)
    hashes = [v for v in got["script-src"] if v.startswith("'sha256-")]
    assert got["script-src"] == ["'self'", *hashes]
    assert len(hashes) == 3  # the large-type switch, Material's palette and its anchor check
    assert got["default-src"] == ["'self'"]
    assert got["object-src"] == ["'none'"]
    assert got["base-uri"] == ["'self'"]
    assert got["img-src"] == ["'self'", "data:"]
    assert got["worker-src"] == ["'self'"]
    assert "'unsafe-inline'" not in got["script-src"] and "'unsafe-eval'" not in policy
    assert not re.search(r"https?:|\*", policy)  # no other host, no wildcard
    assert "frame-ancestors" not in got  # ignored in a meta element; the header says it


def test_each_inline_script_is_allowed_by_its_hash(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(index, "html.parser")
    runs = [
        s.string or ""
        for s in soup.find_all("script")
        if not s.get("src") and s.get("type") in (None, "text/javascript")
    ]
    assert sorted(runs) == sorted(csp.inline_scripts(index))
    policy = META.search(index).group(1)
    for script in runs:
        assert csp.script_hash(script) in policy
    # Material's __config block is data, not a script: its text is not allowed to run.
    config = soup.find("script", id="__config").string
    assert csp.script_hash(config) not in policy


@pytest.mark.parametrize(
    ("html", "hashed"),
    [
        ("<script>a()</script>", ["a()"]),
        ('<script type="module">b()</script>', ["b()"]),
        ('<script type="application/json">{"c":1}</script>', []),
        ('<script src="x.js"></script>', []),
        ("<SCRIPT>d('</p>')</SCRIPT><p>e()</p>", ["d('</p>')"]),
        ('<div onclick="f()"></div>', []),  # a handler is never allowed: no 'unsafe-hashes'
    ],
)
def test_inline_scripts_are_found_as_written(html, hashed):
    assert csp.inline_scripts(html) == hashed


def test_a_page_without_a_charset_is_refused():
    with pytest.raises(ValueError, match="charset"):
        csp.with_policy("<html><head><script>x()</script></head></html>", frozenset())


def test_only_the_themes_scripts_are_allowed(built_site):
    """Should an escaping mistake ever let a script into a page, the policy still refuses
    it: a page's script is hashed only if the theme's templates write it as it stands."""
    from mkdocs.config import load_config
    from sitebuild import ROOT

    allowed = csp.theme_scripts(load_config(str(ROOT / "mkdocs.yml")).theme.dirs)
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert set(csp.inline_scripts(index)) <= allowed
    assert csp.secured(index, allowed)[1] == []
    injected = index.replace("</article>", "<script>alert(1)</script></article>", 1)
    assert csp.secured(injected, allowed)[1] == ["alert(1)"]
    page = csp.with_policy(injected.replace(META.search(index).group(0), ""), allowed)
    assert META.search(page).group(1) == META.search(index).group(1)  # alert(1) not hashed
    assert csp.script_hash("alert(1)") not in page


def small_build(tmp_path, command: str, docs=None):
    """The evil fixture notice built as `command` into tmp_path/command (strict)."""
    import os

    from import_notice import main as import_main
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from sitebuild import ROOT

    data = tmp_path / "data"
    if not data.exists():
        data.mkdir()
        notice = ROOT / "tests/fixtures/evil/notice.txt"
        assert import_main([str(notice), "--data-dir", str(data)]) == 0
    saved = os.environ.get("FENGONG_DATA_DIR")
    os.environ["FENGONG_DATA_DIR"] = str(data)
    site_dir = tmp_path / command
    options = {"site_dir": str(site_dir), "strict": True} | (
        {"docs_dir": str(docs)} if docs else {}
    )
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), **options)
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
        finally:
            config.plugins.on_shutdown()
    finally:
        if saved is None:
            os.environ.pop("FENGONG_DATA_DIR")
        else:
            os.environ["FENGONG_DATA_DIR"] = saved
    return site_dir


def test_mkdocs_serve_previews_without_the_policy(tmp_path):
    """mkdocs serve adds its live reload as an inline script, which the policy would stop:
    a build started as serve writes no policy; one started as build does."""
    for command in ("serve", "build"):
        site_dir = small_build(tmp_path, command)
        metas = [len(META.findall(p.read_text("utf-8"))) for p in site_dir.rglob("*.html")]
        assert metas and set(metas) == ({0} if command == "serve" else {1}), command


def test_a_page_with_a_script_not_the_themes_stops_a_strict_build(tmp_path, caplog):
    """A hand-written page holding a script (Markdown passes HTML through) is reported by
    page, and the strict build stops: the browser would refuse the script anyway."""
    import shutil

    from mkdocs.exceptions import Abort
    from sitebuild import ROOT

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "probe.md").write_text("# 试验\n\n<script>alert(1)</script>\n", "utf-8")
    with pytest.raises(Abort):
        small_build(tmp_path, "build", docs)
    said = [r.getMessage() for r in caplog.records if "theme does not write" in r.getMessage()]
    assert said == [
        "fengong: probe.md: an inline script the theme does not write is in the page "
        "('alert(1)'); the Content-Security-Policy stops it in browsers. Move a script of a "
        "page into a file under docs/assets/; if the text is the data's, find where it is "
        "rendered unescaped"
    ]
