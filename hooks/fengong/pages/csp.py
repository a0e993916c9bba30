"""The pages' Content-Security-Policy: scripts only from the site and the theme's own inline
scripts, by their sha256 hashes; nothing from another host. An inline script is the theme's
when a template of the theme writes it as it stands (theme_scripts): text from the data,
even if an escaping mistake let it through, is never allowed.

A `<meta http-equiv>` carries it in every page, as many offices cannot set headers; the
README's nginx configuration sends the same policy as a header, with what only a header can
say (frame-ancestors). Why each source is allowed:
- script-src: the site's files and each inline script's hash, never 'unsafe-inline'; the
  theme's inline scripts are the same on every page (tests/test_csp_policy.py checks), so the
  policy of the page first opened holds for the pages Material's instant navigation swaps in.
  They are three (Material 9.8.1): the large-type switch (theme/main.html, extrahead),
  Material's palette restore (partials/javascripts/palette.html) and its anchor check
  (partials/javascripts/content.html). Material's scope script, whose text held each page's
  base_url, is a file (assets/javascripts/fengong/scope.js), and so are a library home's
  filters; Material's __config is JSON, which no browser runs.
- style-src 'unsafe-inline': style attributes written by Python-Markdown's and our tables
  (text-align) and the charts; a style cannot run a script.
- img-src data: Material's stylesheet draws its icons from data: SVG URLs.
- worker-src 'self': the header search runs in a worker from the site's own file.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

# Script types a browser runs; <script type="application/json"> (Material's __config) is data.
RUNS = {"", "text/javascript", "application/javascript", "module"}

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # and the inline scripts' hashes
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# What a meta element cannot say (browsers ignore it there): the header's extra.
HEADER_ONLY = (("frame-ancestors", "'self'"),)


# A script element of the theme's markup (its content ends at the first </script, as HTML's
# does); only the theme's part of a page is read, never text from the data (with_policy).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser would run, exactly as written."""
    found = []
    for attrs, text in _SCRIPT.findall(html):
        kind = _TYPE.search(attrs)
        if not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in RUNS:
            found.append(text)
    return found


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: Iterable[str], header: bool = False) -> str:
    """The policy allowing these inline scripts by their hashes, in sorted order (the same
    bytes on every build); with header, the directives only a header can carry."""
    hashes = sorted({script_hash(s) for s in scripts})
    directives = [
        (name, " ".join([value, *hashes]) if name == "script-src" else value)
        for name, value in DIRECTIVES + (HEADER_ONLY if header else ())
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)


CHARSET = '<meta charset="utf-8">'


def theme_scripts(theme_dirs: Iterable[str | Path]) -> frozenset[str]:
    """Every inline script the theme's templates write, as their source has it (ours and
    Material's; its icons left out). A page's script is allowed only if it is one of these:
    text from the data never is, and a script whose text holds template syntax differs from
    page to page, so it must become a file (as assets/javascripts/fengong/scope.js did)."""
    found: set[str] = set()
    for folder in theme_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            if ".icons" not in path.parts:
                found.update(inline_scripts(path.read_text(encoding="utf-8")))
    return frozenset(found)


def with_policy(html: str, allowed: frozenset[str]) -> str:
    """The page with its policy in a meta element right after its charset, before any
    script (a policy applies only to what follows it), allowing the page's inline scripts
    that are the theme's (theme_scripts) by their hashes, and no other: should an escaping
    mistake ever let a script into a page, the browser refuses to run it."""
    return secured(html, allowed)[0]


def secured(html: str, allowed: frozenset[str]) -> tuple[str, list[str]]:
    """with_policy's page, and the page's inline scripts that the theme does not write (the
    policy stops them), from one reading of the page: a build does this for every page."""
    at = html.find(CHARSET)
    if at < 0:
        raise ValueError('the page has no <meta charset="utf-8"> to put its policy after')
    at += len(CHARSET)
    scripts = inline_scripts(html)
    theirs = tuple(script for script in scripts if script in allowed)
    foreign = [script for script in scripts if script not in allowed]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_policy_of(theirs)}">'
    return html[:at] + meta + html[at:], foreign


@lru_cache(maxsize=64)
def _policy_of(scripts: tuple[str, ...]) -> str:
    # Every page of a build has the same few theme scripts: hashed once, not per page.
    return policy(scripts)
