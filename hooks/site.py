"""MkDocs hooks: load and validate data/, then generate every page in memory.

The only module that imports mkdocs. MkDocs does not reload hooks on `mkdocs serve`
rebuilds, so the engine is imported here once and the data is reloaded on every build
(on_config runs before site/ is touched: a failing load leaves the last good site).
"""

from __future__ import annotations

import gc
import html
import multiprocessing
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from multiprocessing.synchronize import Event
from pathlib import Path

from fengong.data import messages
from fengong.data.load import load_library, load_site
from fengong.data.readers.layout import is_library, read_settings
from fengong.pages import csp, paths, qr, redirects, search
from fengong.pages.address import public_url
from fengong.pages.background import Background, BackgroundError
from fengong.pages.render import (
    anchor_ids,
    bytecode_cache,
    environment,
    headings,
    render_library,
    render_pages,
)
from fengong.pages.views.common import library_footer, site_footer
from fengong.problems import ProblemsFound
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

log = get_plugin_logger("fengong")
_state: dict = {}  # the Site of the build in progress; replaced on every build
_serving: dict = {"live": False}  # `mkdocs serve`, for the whole process (on_startup)


def on_startup(command, dirty) -> None:
    # mkdocs serve's live reload is an inline script it adds to each page it serves, which a
    # Content-Security-Policy would refuse: the preview's pages carry none (builds do).
    _serving["live"] = command == "serve"
    if _serving["live"]:
        log.info(messages.SERVE_WITHOUT_CSP)


def on_shutdown() -> None:
    _serving["live"] = False


def on_config(config):
    settings = config.extra.get("fengong") or {}
    data_dir = Path(settings.get("data_dir") or "data")
    if not data_dir.is_absolute():
        data_dir = Path(config.config_file_path).parent / data_dir
    if is_library(data_dir):
        return _library_config(config, data_dir)
    site = _load(load_site, data_dir)
    config.site_name = _escaped(config.site_name)
    config.site_description = site.notice.title
    config.extra["fengong_footer"] = _owned(site_footer(site), settings.get("owner"))
    config.extra["fengong_moved"], config.extra["fengong_library"] = "", False

    # The pages are rendered now, before MkDocs cleans site/: if one cannot be made, the
    # build stops here and the last good site stays in place.
    # QR codes, canonical links and the downloads' links need an address readers can open.
    site_url = _public_url(config)

    def url_of(item) -> str:
        return site_url + paths.item_url(item)

    def files_made_later() -> dict[str, bytes]:
        # Imported in the worker only: the XLSX and iCalendar writers take time to import.
        from fengong.pages.downloads import download_files

        # The header search runs on our own index (hooks/fengong/pages/theme/main.html says how).
        index = search.index_files(search.documents(site), dict(site.synonyms))
        return download_files(site, url_of if site_url else None) | index

    # Two forked workers run beside this process (hooks/fengong/pages/background.py): one makes
    # the print sheets' QR codes, the other the downloads and the search index. Nothing
    # waits for them until MkDocs writes the sheets (among the last pages: units/ sorts
    # after tasks/) and until every page is written. Either way, the same bytes.
    later, cleaned = _written_later(files_made_later, Path(config.site_dir))
    codes = qr.start(site, site_url)
    try:
        pages = render_pages(site, site_url=site_url, qr_later=codes is not None)
    except BaseException:
        _stop([later, codes])
        raise
    _state.clear()
    _state.update(site=site, pages=pages, downloads=paths.download_names(site))
    _state.update(later=later, cleaned=cleaned, qr=codes, results={})
    _state.update(updated=site.notice.revision_date or site.notice.date)
    _state.update(sheets={paths.unit_print_page(unit) for unit in site.units})
    _state.update(public=bool(site_url), canonical={}, redirects={}, old_downloads=())
    _state.update(held_html={})
    return config


def _escaped(name: str) -> str:
    """The site's name as the theme inserts it: MkDocs' templates do not escape
    config.site_name (the page titles, the header), and the name may come from data
    (library.yaml); our header.html writes it as it is, attribute included."""
    return html.escape(name, quote=True)


def _owned(footer, owner: str | None):
    """The footer, naming who runs the site where the configuration says (library.yaml's or
    mkdocs.yml's extra.fengong.owner) instead of the notices' issuers."""
    return replace(footer, owner=owner, owner_label="主办单位") if owner else footer


def _load(load, data_dir: Path):
    """load_site or load_library on data_dir: its warnings logged; on any error, every
    problem logged and the build stopped (the last good site stays in place)."""
    try:
        loaded, warnings = load(data_dir, shown_dir=_shown(data_dir))
    except ProblemsFound as found:
        # Warnings first, errors last: the error that stops the build stays on the screen.
        errors = [p for p in found.problems if p.severity == "error"]
        warnings = [p for p in found.problems if p.severity != "error"]
        for problem in warnings:
            log.info(str(problem))
        for problem in errors:
            log.error(str(problem))
        raise PluginError(
            messages.BUILD_INVALID.format(
                data_dir=_shown(data_dir), errors=len(errors), warnings=len(warnings)
            )
        ) from None
    for problem in warnings:
        log.info(str(problem))
    # The loaded data lives until the build ends: kept out of the collector's way, a full
    # collection (in this process and in the forked workers, which share these pages until
    # they write to them) no longer walks it; on_post_build gives it back.
    gc.freeze()
    return loaded


def _public_url(config) -> str:
    site_url = public_url(config.site_url)
    if not site_url:
        log.info(messages.NO_PUBLIC_ADDRESS.format(site_url=config.site_url or "空"))
    return site_url


def _library_config(config, data_dir: Path):
    """A library of notices (data/notices/<slug>/): each notice's pages under
    notices/<slug>/, a home page listing them, one page per unit across notices, and its
    print sheet, with QR codes made by a worker as one notice's are."""
    library = _load(load_library, data_dir)
    # The name and owner: library.yaml's (the data's), else mkdocs.yml's site_name and
    # extra.fengong.owner; load_library has checked library.yaml already.
    settings, _ = read_settings(data_dir, _shown(data_dir))
    config.site_name = _escaped(settings.site_name or config.site_name)
    config.site_description = "、".join(
        s.notice.doc_number or s.notice.title for s in library.sites
    )
    owner = settings.owner or (config.extra.get("fengong") or {}).get("owner")
    config.extra["fengong_footer"] = _owned(library_footer(library), owner)
    moved = settings.moved_from_single  # the single site's notice: its old addresses kept
    config.extra["fengong_moved"] = paths.notice_root(moved) if moved else ""
    config.extra["fengong_library"] = True
    # mkdocs.yml's nav names one notice's pages; a library's tabs are its own pages (the
    # home lists the notices: a tab per notice would put hundreds of links on every page).
    config.nav = [
        {"首页": paths.HOME},
        {"任务": paths.LIBRARY_TASKS},
        {"责任单位": paths.LIBRARY_UNITS},
    ]
    site_url = _public_url(config)

    def url_in(slug: str, item) -> str:
        return site_url + paths.item_url(item, slug)

    def files_made_later() -> dict[str, bytes]:
        from fengong.pages.library_downloads import library_download_files

        index = search.library_index_files(library)
        from fengong.pages.feeds import library_feeds

        made = library_download_files(
            library, url_in if site_url else None, moved_from_single=moved, site_url=site_url
        )
        return made | index | library_feeds(library, site_url)

    later, cleaned = _written_later(files_made_later, Path(config.site_dir))
    codes = qr.start_library(library, site_url)
    # The pages, rendered in two halves side by side: the build waits for both.
    render = partial(render_library, library, site_url=site_url, qr_later=codes is not None)
    other_half = Background(partial(render, share=(1, 2)), nice=False)
    try:
        pages = render(share=(0, 2)) | other_half.result()
    except BaseException:
        _stop([later, codes, other_half])
        raise
    _state.clear()
    _state.update(site=library, pages=pages, downloads=paths.library_download_names(library))
    _state.update(later=later, cleaned=cleaned, qr=codes, results={})
    _state.update(updated=max(s.notice.revision_date or s.notice.date for s in library.sites))
    _state.update(sheets={paths.unit_print_page(u) for u in paths.library_units(library)})
    _state.update(public=bool(site_url), canonical={}, redirects={}, old_downloads=())
    _state.update(held_html={})
    if moved:
        moves = redirects.moved_pages(pages, moved)
        _state["redirects"] = redirects.redirect_files(moves, site_url, environment())
        _state["old_downloads"] = redirects.moved_downloads(_state["downloads"], moved)
    return config


def _written_later(
    make: Callable[[], Mapping[str, bytes]], site_dir: Path
) -> tuple[Background[None], Event]:
    """A worker that makes the downloads and the search index and writes them into site/
    itself, once MkDocs has emptied it (on_files sets the event): written beside the pages,
    not sent back through a pipe and written after the last page (29,000 files, a quarter
    of a gigabyte, for 200 notices)."""
    cleaned = multiprocessing.Event()

    def make_and_write() -> None:
        made = make()
        cleaned.wait()
        _write(site_dir, made)

    return Background(make_and_write), cleaned


def _write(site_dir: Path, files: Mapping[str, bytes]) -> None:
    for src_uri, content in sorted(files.items()):
        target = site_dir / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def on_files(files: Files, config) -> Files:
    _state["cleaned"].set()  # MkDocs has emptied site/ (after on_pre_build): the worker may write
    for src_uri, content in sorted(_state["pages"].items()):
        _add(files, File.generated(config, src_uri, content=content))
    for src_uri in _state["downloads"]:
        _add(files, _MadeLater.generated(config, src_uri, content=b""))
    return files


class _MadeLater(File):
    """A download, listed with the site's files from the start (a hand-written page may link
    to it) but written by the worker that makes it (_written_later), never by MkDocs."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def on_page_context(context, page, config, nav):
    # A generated page's HTML, held back from Material's search plugin (see _take_html).
    held = _state["held_html"].pop(page.file.src_uri, None)
    if held is not None:
        page.content = held
    # Without a public address a page names no canonical address. The sitemap is made from
    # page.canonical_url too (Material's instant navigation reads it, and MkDocs writes it
    # before the pages today), so the address is given back once the page is written.
    if not _state["public"] and page.canonical_url:
        _state["canonical"][page.file.src_uri] = page.canonical_url
        page.canonical_url = None
    return context


def on_pre_page(page, config, files):
    # MkDocs dates every page by the day of the build (sitemap.xml's lastmod, and the
    # timestamp inside sitemap.xml.gz), so the same data built on another day gave other
    # bytes. A page changes when its data does: date it by the current revision.
    if _state["updated"]:
        page.update_date = _state["updated"]
    return page


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri in _state["canonical"]:
        page.canonical_url = _state["canonical"].pop(page.file.src_uri)
    if _state["qr"] is not None and page.file.src_uri in _state["sheets"]:
        output = qr.fill_slots(output, _worker_result("qr", "生成二维码"))
    return _with_policy(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config) -> str:
    # The theme's own pages: 404.html carries the policy too; sitemap.xml is not a page.
    if template_name.endswith(".html"):
        return _with_policy(output, template_name)
    return output


def _with_policy(output: str, name: str) -> str:
    """The page with its Content-Security-Policy (hooks/fengong/pages/csp.py), allowing the
    theme's inline scripts and no other; another in the page is reported (a strict build
    fails on it), and the browser would refuse it."""
    if _serving["live"]:
        return output
    try:
        page, foreign = csp.secured(output, _state["theme_scripts"])
    except ValueError as missing:
        raise PluginError(f"{name}: {missing}; the theme's base.html must keep it") from None
    for script in foreign:
        log.warning(
            f"{name}: an inline script the theme does not write is in the page "
            f"({script[:60]!r}); the Content-Security-Policy stops it in browsers. Move a "
            "script of a page into a file under docs/assets/; if the text is the data's, "
            "find where it is rendered unescaped"
        )
    return page


def on_post_build(config) -> None:
    _worker_result("later", "生成下载文件和搜索索引")  # written into site/ by the worker
    site_dir = Path(config.site_dir)
    # A library's moved notice: its old addresses (pages/redirects.py), written last, never
    # over a file of the library's own.
    old = {move.old: (site_dir / move.new).read_bytes() for move in _state["old_downloads"]}
    for path, content in sorted((old | _state["redirects"]).items()):
        target = site_dir / path
        if target.exists():
            raise PluginError(f"{path}: the moved notice's old address is a page of the library")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    gc.unfreeze()  # `mkdocs serve`: this build's data can be collected once the next loads


def on_build_error(error) -> None:
    # MkDocs stopped early: the workers' results will not be asked for.
    _stop([_state.get("later"), _state.get("qr")])  # a worker that is done stops at once
    gc.unfreeze()


def _worker_result(name: str, doing: str):
    """A worker's result, waited for once per build."""
    results = _state["results"]
    if name not in results:
        try:
            results[name] = _state[name].result()
        except BackgroundError as failed:
            log.error(str(failed))
            raise PluginError(messages.WORKER_FAILED.format(doing=doing)) from None
    return results[name]


def _stop(workers) -> None:
    for worker in workers:
        if worker is not None:
            worker.cancel()


def on_env(env, config, files):
    # The theme's templates (Material's and ours) compiled once, not on every build.
    env.bytecode_cache = env.bytecode_cache or bytecode_cache()
    # The inline scripts the theme writes: the only ones a page's policy allows.
    _state["theme_scripts"] = csp.theme_scripts(config.theme.dirs)
    return env


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    # Material's search plugin stays only for its search box: its own index stays empty,
    # so it parses no page and the browser downloads no second index.
    page.meta["search"] = {"exclude": True}
    if page.file.src_uri in _state["pages"]:
        # A generated page is HTML already (after its front matter): it goes to the theme
        # as it is. Page.render would still set up a Markdown converter for it (0.3 ms a
        # page), so this page's render is replaced by one that takes the HTML.
        page.render = partial(_take_html, page, markdown)
    return markdown


def _take_html(page, html: str, config, files) -> None:
    """Page.render for a generated page: what Markdown would have given the theme.

    The HTML itself is given back in on_page_context, which runs after Material's search
    plugin's: that plugin indexes no page here (on_page_markdown) yet still scans each
    page's HTML for data-search-* attributes to drop, seconds on a library, and our
    templates write none (an attribute in the data's text is escaped, never a match)."""
    page.content = ""
    _state["held_html"][page.file.src_uri] = html
    page.toc = get_toc(nest_toc_tokens(headings(html)))
    page.present_anchor_ids = anchor_ids(html)  # links from hand-written pages are checked
    page.links_to_anchors = {}


def _add(files: Files, file: File) -> None:
    # Files.append would silently replace a hand-written page of the same name.
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(messages.DOCS_SHADOWED.format(src_uri=file.src_uri))
    files.append(file)


def _shown(data_dir: Path) -> str:
    try:
        return str(data_dir.relative_to(Path.cwd()))
    except ValueError:
        return str(data_dir)


__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_post_template",
    "on_pre_page",
    "on_shutdown",
    "on_startup",
]
