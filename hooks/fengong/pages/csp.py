"""The pages' Content-Security-Policy: scripts only from the site and the theme's own inline
scripts, by their sha256 hashes taken from each page as written; nothing from another host.

A `<meta http-equiv>` carries it in every page, as many offices cannot set headers; the
README's nginx configuration sends the same policy as a header, with what only a header can
say (frame-ancestors). Why each source is allowed:
- script-src: the site's files and each inline script's hash, never 'unsafe-inline'; the
  theme's inline scripts are the same on every page (tests/test_csp.py checks), so the
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


def policy(html: str, header: bool = False) -> str:
    """The page's policy: its inline scripts' hashes, in sorted order (the same bytes on
    every build); with header, the directives only a header can carry."""
    hashes = sorted({script_hash(s) for s in inline_scripts(html)})
    directives = [
        (name, " ".join([value, *hashes]) if name == "script-src" else value)
        for name, value in DIRECTIVES + (HEADER_ONLY if header else ())
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)


CHARSET = '<meta charset="utf-8">'


def with_policy(html: str, content: str = "") -> str:
    """The page with its policy in a meta element right after its charset, before any
    script (a policy applies only to what follows it). The hashes are those of the theme's
    scripts only: the page's content (what the theme was given, text from the data) is left
    out, so a script that an escaping mistake let into it is never allowed."""
    at = html.find(CHARSET)
    if at < 0:
        raise ValueError('the page has no <meta charset="utf-8"> to put its policy after')
    at += len(CHARSET)
    theme = html.replace(content, "", 1) if content else html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme)}">'
    return html[:at] + meta + html[at:]
