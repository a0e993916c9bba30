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
        assert metas[0] == csp.policy(html), path


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
        csp.with_policy("<html><head><script>x()</script></head></html>")


def test_a_script_in_the_pages_content_is_never_allowed():
    """Should an escaping mistake ever let a script into a page's content, the policy still
    refuses it: only the theme's scripts are hashed."""
    content = "<p>任务</p><script>alert(1)</script>"
    html = f'<html><head><meta charset="utf-8"><script>theme()</script></head><body>{content}'
    page = csp.with_policy(html + "</body></html>", content)
    assert csp.script_hash("theme()") in page
    assert csp.script_hash("alert(1)") not in page
    assert page.count("<script>alert(1)</script>") == 1  # the page itself is left as it was


def test_mkdocs_serve_previews_without_the_policy(tmp_path):
    """mkdocs serve adds its live reload as an inline script, which the policy would stop:
    a build started as serve writes no policy; one started as build does (sitebuild)."""
    import os

    from import_notice import main as import_main
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from sitebuild import ROOT

    data = tmp_path / "data"
    data.mkdir()
    assert import_main([str(ROOT / "tests/fixtures/evil/notice.txt"), "--data-dir", str(data)]) == 0
    saved = os.environ.get("FENGONG_DATA_DIR")
    os.environ["FENGONG_DATA_DIR"] = str(data)
    try:
        for command in ("serve", "build"):
            site_dir = tmp_path / command
            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            config.plugins.on_startup(command=command, dirty=False)
            try:
                build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
            finally:
                config.plugins.on_shutdown()
            metas = [len(META.findall(p.read_text("utf-8"))) for p in site_dir.rglob("*.html")]
            assert metas and set(metas) == ({0} if command == "serve" else {1}), command
    finally:
        if saved is None:
            os.environ.pop("FENGONG_DATA_DIR")
        else:
            os.environ["FENGONG_DATA_DIR"] = saved
