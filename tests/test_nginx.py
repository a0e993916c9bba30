"""The README's nginx configuration (issues #23, #24) is the tested one: its block is taken
from README.md as written, put in an nginx.conf of a temp prefix (its own pid, logs and temp
paths, this user, a free loopback port instead of `listen 443 ssl`, the session's built site
instead of /srv/www), checked with `nginx -t` (no warning either), and serves the site: the
types, the 404 page, the cache headers and the security headers the README promises.

Debian's nginx-light (`make test` installs it, as it does chromium)."""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fengong.pages import csp
from sitebuild import ROOT

NGINX = Path("/usr/sbin/nginx")
LISTEN = "listen 443 ssl;"
ROOT_LINE = "root /srv/www;"
CERTS = "# ssl_certificate ...; ssl_certificate_key ...;"
YEAR = "public, max-age=31536000, immutable"


def readme_block() -> str:
    """The nginx block under 'Publishing the site' in README.md, as written."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Publishing the site") :]
    blocks = re.findall(r"^```nginx\n(.*?)^```$", section, flags=re.S | re.M)
    assert len(blocks) == 1, "the README's publishing section has one nginx block"
    return blocks[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_conf(prefix: Path, www: Path, port: int) -> str:
    block = readme_block()
    for line in (LISTEN, ROOT_LINE, CERTS):
        assert line in block, f"the README's nginx block no longer has {line!r}"
    block = block.replace(LISTEN, f"listen 127.0.0.1:{port};").replace(ROOT_LINE, f"root {www};")
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # The worker runs as this user (nginx would switch to nobody when started as root).
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp}\n{block}}}\n"
    )


@pytest.fixture(scope="module")
def nginx(tmp_path_factory, built_site):
    """The README's configuration serving the built site at /fengong/; yields its base URL."""
    if not NGINX.exists():
        pytest.fail(f"{NGINX} is missing: apt-get install -y nginx-light (make test does this)")
    prefix = tmp_path_factory.mktemp("nginx")
    www = prefix / "www"
    www.mkdir()
    (www / "fengong").symlink_to(built_site, target_is_directory=True)
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(prefix, www, port), encoding="utf-8")
    # -e: the log nginx opens before it reads the configuration, which would be
    # /var/log/nginx/error.log (not writable by a user other than root).
    command = [str(NGINX), "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr
    log = prefix / "nginx.out"
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                errors = (
                    (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
                )
                pytest.fail(f"nginx did not start:\n{log.read_text()}\n{errors}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/fengong/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def the_policy(built_site: Path) -> str:
    page = (built_site / "index.html").read_text(encoding="utf-8")
    return csp.policy(csp.inline_scripts(page), header=True)


def test_the_readme_block_passes_nginx_t(nginx):
    assert nginx.startswith("http://127.0.0.1:")  # the fixture ran `nginx -t`, no warning


@pytest.mark.parametrize(
    ("path", "content_type", "cache", "attachment"),
    [
        ("", "text/html; charset=utf-8", "no-cache", False),
        ("tasks/1/", "text/html; charset=utf-8", "no-cache", False),
        ("downloads/notice.ics", "text/calendar; charset=utf-8", "no-cache", True),
        (
            "downloads/tasks.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "no-cache",
            True,
        ),
        ("downloads/tasks.csv", "text/csv; charset=utf-8", "no-cache", True),
        ("downloads/tasks.json", "application/json; charset=utf-8", "no-cache", False),
        ("assets/fengong.css", "text/css; charset=utf-8", "no-cache", False),
        (
            "assets/javascripts/fengong/task-index.js",
            "application/javascript; charset=utf-8",
            "no-cache",
            False,
        ),
        ("search/fengong-index.json", "application/json; charset=utf-8", "no-cache", False),
        ("search/fengong/t0.json", "application/json; charset=utf-8", YEAR, False),
    ],
)
def test_types_and_cache_headers(nginx, built_site, path, content_type, cache, attachment):
    status, headers, body = get(nginx + path)
    assert status == 200, path
    assert headers["content-type"] == content_type
    assert headers["cache-control"] == cache
    assert (headers.get("content-disposition") == "attachment") is attachment
    if not path or path.endswith("/"):
        path += "index.html"
    assert body == (built_site / path).read_bytes()


def test_the_theme_bundles_are_kept_a_year(nginx, built_site):
    bundles = sorted(built_site.glob("assets/javascripts/bundle.*.min.js")) + sorted(
        built_site.glob("assets/stylesheets/main.*.min.css")
    )
    assert len(bundles) == 2
    for bundle in bundles:
        status, headers, _ = get(nginx + bundle.relative_to(built_site).as_posix())
        assert (status, headers["cache-control"]) == (200, YEAR), bundle.name


def test_a_missing_page_is_the_sites_404_with_the_headers(nginx, built_site):
    status, headers, body = get(nginx + "no-such-page/")
    assert status == 404
    assert body == (built_site / "404.html").read_bytes()
    assert headers["content-security-policy"] == the_policy(built_site)
    assert headers["cache-control"] == "no-cache"


def test_security_headers_are_the_pages_policy_and_more(nginx, built_site):
    status, headers, body = get(nginx)
    assert status == 200
    meta = re.search(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', body)
    expected = the_policy(built_site)
    assert headers["content-security-policy"] == expected, (
        "the README's Content-Security-Policy differs from the pages' (a theme upgrade "
        f"changed its inline scripts?): write this one in README.md:\n{expected}"
    )
    assert expected == meta.group(1).decode() + "; frame-ancestors 'self'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_search_files_are_served(nginx):
    import json

    status, _, body = get(nginx + "search/fengong-index.json")
    assert status == 200
    manifest = json.loads(body)
    assert manifest["docs"] > 100
    for name in ("tasks.json", "units.json", "d0.json"):
        status, headers, body = get(nginx + f"search/fengong/{name}?v=1")
        assert status == 200 and json.loads(body), name
        assert headers["cache-control"] == YEAR
