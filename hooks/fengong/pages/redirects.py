"""The single-notice site's addresses, kept after its notice moved into a library.

A library records the notice the single site published (library.yaml, moved_from_single).
Its pages moved from <page>/ to notices/<slug>/<page>/: each old address the library has no
page of its own at gets a small page of its own (as the mkdocs-redirects plugin writes
them) that sends the reader on, keeping the query and the #fragment (notice/#L12) by a
script in a file (no inline script: the site's Content-Security-Policy), with a refresh and
a visible link where scripts do not run. Old downloads (downloads/tasks.json …) are the
same bytes at their old address too. Pages the library has at the same address (its home,
tasks/, units/ and each unit's page) are the library's own: nothing is redirected there."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import jinja2

from . import csp, paths

SCRIPT = "assets/javascripts/fengong/moved.js"  # theme/assets/…: goes on, #fragment kept


@dataclass(frozen=True, slots=True)
class Move:
    old: str  # src_uri in the single site: tasks/1.md, downloads/tasks.json
    new: str  # src_uri in the library: notices/<slug>/tasks/1.md …


def moved_pages(pages: Iterable[str], slug: str) -> tuple[Move, ...]:
    """The moved notice's pages whose old address the library leaves free."""
    root, pages = paths.notice_root(slug), set(pages)
    moves = []
    for src_uri in sorted(pages):
        if src_uri.startswith(root) and src_uri.endswith(".md"):
            old = src_uri.removeprefix(root)
            if old not in pages:
                moves.append(Move(old, src_uri))
    return tuple(moves)


def moved_downloads(names: Iterable[str], slug: str) -> tuple[Move, ...]:
    """The moved notice's downloads whose old address the library leaves free (each unit's
    downloads/units/<id>.* are the library's own, across notices: they stay)."""
    root, names = paths.notice_root(slug), set(names)
    return tuple(
        Move(name.removeprefix(root), name)
        for name in sorted(names)
        if name.startswith(root) and name.removeprefix(root) not in names
    )


def target(src_uri: str) -> str:
    """The file a page's address is served from: tasks/1.md → tasks/1/index.html."""
    return paths.url_of(src_uri) + "index.html"


def redirect_files(
    moves: Iterable[Move], site_url: str, env: jinja2.Environment
) -> dict[str, bytes]:
    """Each moved page's old address → its redirect page (path in site/ → bytes), drawn by
    the pages' one Jinja environment (render.environment)."""
    template = env.get_template("redirect.html.j2")
    files = {}
    for move in moves:
        href = paths.href(move.old, move.new)
        canonical = site_url + paths.url_of(move.new) if site_url else href
        page = template.render(
            href=href,
            canonical=canonical,
            script=paths.href(move.old, SCRIPT),
            shown=canonical if site_url else "/" + paths.url_of(move.new),
        )
        # The same policy as every page: it has no inline script, so none is allowed.
        files[target(move.old)] = csp.with_policy(page, frozenset()).encode("utf-8")
    return files
