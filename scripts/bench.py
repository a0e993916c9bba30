"""Measure how import, build and output grow with the notice, against a vanilla material site.

For the real notice (scale 1) and synthetic ones (scripts/synth_notice.py, 10× ...), each in
its own temp dir: import time; median clean-build time and peak memory of `mkdocs build`; pages,
site size, largest page, search index size; the rebuild after editing one task; and the same
build figures for a plain mkdocs-material site with as many pages, ~300 Chinese characters
each, and our theme and Markdown settings.  Writes the table as Markdown (scripts/bench-results.md).

    .venv/bin/python scripts/bench.py --scales 1,10,100,300 --runs 3
    .venv/bin/python scripts/bench.py --smoke        # CI: 10× once, prints, writes nothing
    .venv/bin/python scripts/bench.py --library 20,100,200 --runs 1   # many notices (#13)

--library: a synthetic library of N notices of ~60 tasks each (the real notice's shape, its
units drawn from 300 names, 10 of them renamed: replaced_by), against a vanilla site with as
many pages: build time, per-page cost, largest page, the cold search query's download.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import io
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"
IMPORTER = ROOT / "scripts" / "import_notice.py"
REAL_NOTICE = ROOT / "data" / "source" / "dazu-2020-41.txt"
DEFAULT_OUT = ROOT / "scripts" / "bench-results.md"

try:
    import yaml
except ImportError:  # run with the system python: switch to the project's venv
    venv_python = ROOT / ".venv" / "bin" / "python"
    if venv_python.exists() and Path(sys.executable) != venv_python:
        os.execv(venv_python, [str(venv_python), *sys.argv])
    raise

import synth_notice  # noqa: E402  (after the venv switch above: it imports fengong)

# Top-level keys of our mkdocs.yml copied verbatim into the vanilla site's: everything that
# shapes a page of the theme, and nothing that names our hooks, overrides or data.
MIRRORED_KEYS = ("site_url", "theme", "markdown_extensions", "plugins", "use_directory_urls")
VANILLA_SECTION_SIZE = 100  # pages listed on one section index
VANILLA_PAGE_CHARS = 300
DEFAULT_NAV_GROUPS = 6  # top-level nav entries besides home when our nav cannot be read
EDIT_MARKERS = ("基准测试改动甲", "基准测试改动乙")


@dataclass
class Run:
    """One finished child process."""

    seconds: float
    peak_mb: float
    returncode: int
    log: str
    cpu_seconds: float = 0.0  # user + system, the child's and its waited-for children's

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.log.splitlines() if "WARNING" in line)

    def tail(self, lines: int = 15) -> str:
        return "\n".join(self.log.splitlines()[-lines:])


@dataclass
class SiteStats:
    pages: int  # index.html files
    bytes: int
    largest_page: str
    largest_page_bytes: int
    search_bytes: int
    search_gzip_bytes: int


@dataclass
class BuildResult:
    runs: list[Run] = field(default_factory=list)
    stats: SiteStats | None = None
    error: str = ""

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.stats.pages if self.stats and self.stats.pages else 0

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


@dataclass
class ScaleResult:
    scale: int
    label: str
    tasks: int
    import_run: Run | None = None
    ours: BuildResult | None = None
    vanilla: BuildResult | None = None
    vanilla_pages_estimated: bool = False
    rebuild: dict | None = None
    error: str = ""


def run(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """Run cmd; time it and read its own peak RSS (wait4: RUSAGE_CHILDREN would be cumulative).

    After `timeout` seconds the child's whole process group is killed and the run fails.
    """
    with tempfile.TemporaryFile() as out:
        start = perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT, start_new_session=True
        )
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    if proc.returncode == -signal.SIGKILL and seconds >= timeout:
        log += f"\nbench: killed after the --timeout of {timeout:.0f} s"
    cpu = usage.ru_utime + usage.ru_stime  # Linux counts the build's forked worker here too
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, log, cpu)


def build_env(data_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    if data_dir is not None:
        env["FENGONG_DATA_DIR"] = str(data_dir)
    return env


def site_stats(site: Path) -> SiteStats:
    total = pages = 0
    largest, largest_bytes = "", 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.name == "index.html":
            pages += 1
        if path.suffix == ".html" and size > largest_bytes:
            largest, largest_bytes = path.relative_to(site).as_posix(), size
    search_raw = search_gz = 0
    for path in sorted((site / "search").glob("**/*")):
        if path.is_file():
            data = path.read_bytes()
            search_raw += len(data)
            search_gz += len(gzip.compress(data, compresslevel=6, mtime=0))
    return SiteStats(pages, total, largest, largest_bytes, search_raw, search_gz)


def mkdocs_build(
    config: Path, work: Path, name: str, runs: int, data_dir: Path | None, timeout: float
) -> BuildResult:
    """Clean builds into fresh site dirs; the stats come from the last one."""
    result = BuildResult()
    for i in range(runs):
        site = work / f"{name}-site-{i}"
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
        r = run(cmd, build_env(data_dir), timeout)
        if r.returncode != 0:
            result.error = f"mkdocs build failed ({r.returncode}):\n{r.tail()}"
            return result
        result.runs.append(r)
        if i < runs - 1:
            shutil.rmtree(site)
    result.stats = site_stats(site)
    return result


# --- the notice --------------------------------------------------------------------------


def notice_for(scale: int, seed: int, work: Path) -> Path:
    if scale == 1:
        return REAL_NOTICE
    path = work / f"notice-{scale}x.txt"
    path.write_text(synth_notice.generate(scale, seed), encoding="utf-8")
    return path


def count_tasks(text: str) -> int:
    return len(re.findall(r"^\d+．.*（责任单位：", text, re.M))


def estimate_pages(text: str) -> int:
    """Pages our site would have: one per task, unit, clause and part, and a few indexes."""
    annex = text[text.index("\n附件\n") :]
    units = {
        re.sub(r"〔.*?〕", "", u)
        for listed in re.findall(r"（责任单位：([^。）]+)", annex)
        for u in listed.split("、")
    }
    clauses = len(re.findall(r"^（[^）]+）.+。$", annex, re.M))
    parts = len(re.findall(r"^[一二三四五六七八九十百千零]+、", annex, re.M))
    return count_tasks(text) + len(units) + clauses + parts + 8


def edit_task(text: str, number: int, marker: str) -> str:
    """Put marker at the start of task `number`'s text."""
    edited, n = re.subn(rf"^{number}．", f"{number}．{marker}", text, count=1, flags=re.M)
    if n != 1:
        raise ValueError(f"task {number} not found")
    return edited


# --- the rebuild after one edit ----------------------------------------------------------

# Runs in a child process, as `mkdocs serve` does: one interpreter, a fresh config per build,
# on_startup once, the data re-imported between builds.
REBUILD_DRIVER = textwrap.dedent(
    """
    import json, subprocess, sys, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    a = json.loads(sys.argv[1])
    site = Path(a["site_dir"])

    def load(**overrides):
        return load_config(a["config"], site_dir=a["site_dir"], **overrides)

    def timed(fn):
        start = time.perf_counter()
        fn()
        return round(time.perf_counter() - start, 3)

    def search_bytes():
        # Every file of the search index (ours may not be material's search_index.json).
        return sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())

    def showing(marker):
        return sum(1 for p in site.rglob("*.html") if marker in p.read_text(encoding="utf-8"))

    def reimport(source):
        subprocess.run(a["import"] + [source], check=True, capture_output=True)

    out = {}
    config = load()
    config.plugins.on_startup(command="serve", dirty=False)
    out["first_build"] = timed(lambda: build(config))
    out["search_clean"] = search_bytes()
    out["reimport"] = timed(lambda: reimport(a["edited"][0]))
    out["rebuild"] = timed(lambda: build(load()))
    out["showing_edit"] = showing(a["markers"][0])
    if a["dirty"]:
        # MkDocs warns on every dirty build, so `strict: true` would abort it: measure it
        # without strict.
        out["strict"] = bool(config.strict)
        reimport(a["edited"][1])
        out["dirty_rebuild"] = timed(lambda: build(load(strict=False), dirty=True))
        out["search_dirty"] = search_bytes()
        out["dirty_showing_edit"] = showing(a["markers"][1])
    print("BENCH-RESULT " + json.dumps(out), flush=True)
    """
)


def measure_rebuild(notice: Path, data_dir: Path, work: Path, dirty: bool, timeout: float) -> dict:
    text = notice.read_text(encoding="utf-8")
    number = (count_tasks(text) + 1) // 2
    edited = []
    for marker in EDIT_MARKERS:
        path = work / f"edited-{marker}.txt"
        path.write_text(edit_task(text, number, marker), encoding="utf-8")
        edited.append(str(path))
    args = {
        "config": str(CONFIG),
        "site_dir": str(work / "rebuild-site"),
        "import": [sys.executable, str(IMPORTER), "--data-dir", str(data_dir)],
        "edited": edited,
        "markers": EDIT_MARKERS,
        "dirty": dirty,
    }
    driver = work / "rebuild_driver.py"
    driver.write_text(REBUILD_DRIVER, encoding="utf-8")
    r = run(
        [sys.executable, "-X", "faulthandler", str(driver), json.dumps(args)],
        build_env(data_dir),
        timeout,
    )
    found = re.search(r"^BENCH-RESULT (.+)$", r.log, re.M)
    if r.returncode != 0 or not found:
        return {"error": f"rebuild driver failed ({r.returncode}):\n{r.tail()}"}
    result = json.loads(found[1])
    result["task"] = number
    result["peak_mb"] = r.peak_mb
    return result


# --- the vanilla site --------------------------------------------------------------------


def top_level_blocks(config_text: str) -> dict[str, str]:
    """The text of each top-level key of a YAML file, tags and comments kept."""
    blocks: dict[str, str] = {}
    key = None
    for line in config_text.splitlines(keepends=True):
        if m := re.match(r"^([A-Za-z_][\w-]*)\s*:", line):
            key = m[1]
            blocks[key] = line
        elif key is not None:
            blocks[key] += line
    return blocks


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml only to count nav entries: every !tag becomes None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_entries(nav: object) -> int:
    if isinstance(nav, list):
        return sum(nav_entries(item) for item in nav)
    if isinstance(nav, dict):
        return sum(nav_entries(value) for value in nav.values())
    return 1


def vanilla_settings() -> tuple[str, int, str]:
    """(mirrored YAML text, top-level nav groups, note) taken from our mkdocs.yml."""
    if not CONFIG.exists():
        mirrored = "theme:\n  name: material\n  language: zh\nmarkdown_extensions:\n  - toc\n"
        return mirrored, DEFAULT_NAV_GROUPS, "our mkdocs.yml is missing: default material settings"
    text = CONFIG.read_text(encoding="utf-8")
    blocks = top_level_blocks(text)
    mirrored = "".join(blocks[k] for k in MIRRORED_KEYS if k in blocks)
    # The overrides are ours, not the theme's.
    mirrored = re.sub(r"^\s+custom_dir\s*:.*\n", "", mirrored, flags=re.M)
    if "extra" in blocks:
        # extra shapes the theme's output too (generator: false); our data settings do not.
        mirrored += re.sub(r"^  fengong:.*\n(?:    .*\n|\s*\n)*", "", blocks["extra"], flags=re.M)
    nav = yaml.load(text, Loader=_AnyTagLoader).get("nav")
    groups = max(nav_entries(nav) - 1, 1) if nav else DEFAULT_NAV_GROUPS
    shown = [k for k in (*MIRRORED_KEYS, "extra") if k in blocks]
    return mirrored, groups, f"{', '.join(shown)} as in ours"


def make_vanilla(root: Path, pages: int, mirrored: str, groups: int) -> Path:
    """A plain site of `pages` pages: home, group indexes in the nav, section indexes, pages.

    The nav lists home and the group indexes only, so every page carries a bounded nav (a nav
    of all pages makes material's output grow with the square of the page count).
    """
    rng = random.Random(pages)
    phrases = [
        p
        for text in synth_notice.read_real_notice().task_texts
        for p in re.split(r"[，；。]", text)
        if p
    ]
    groups = max(1, min(groups, (pages - 1) // 3))
    rest = pages - 1 - groups
    sections = max(groups, math.ceil(rest / (VANILLA_SECTION_SIZE + 1)))
    leaves = max(rest - sections, 0)
    docs = root / "docs"

    def write(rel: str, title: str, body: str) -> None:
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")

    def prose() -> str:
        paragraphs, length = [], 0
        while length < VANILLA_PAGE_CHARS:
            paragraph = "，".join(rng.choice(phrases) for _ in range(rng.randint(3, 6))) + "。"
            paragraphs.append(paragraph)
            length += len(paragraph)
        return "\n\n".join(paragraphs)

    section_pages: dict[int, list[str]] = {s: [] for s in range(sections)}
    for leaf in range(leaves):
        section_pages[leaf % sections].append(f"p{leaf + 1:05d}.md")
    nav = ["  - 首页: index.md"]
    home_links = []
    for g in range(groups):
        members = [s for s in range(sections) if s % groups == g]
        links = []
        for s in members:
            sdir = f"g{g + 1:02d}/s{s + 1:04d}"
            items = [f"- [第{i + 1}页]({name})" for i, name in enumerate(section_pages[s])]
            write(f"{sdir}/index.md", f"第{s + 1}节", prose() + "\n\n" + "\n".join(items))
            for i, name in enumerate(section_pages[s]):
                write(f"{sdir}/{name}", f"第{s + 1}节第{i + 1}页", prose())
            links.append(f"- [第{s + 1}节](s{s + 1:04d}/index.md)")
        write(f"g{g + 1:02d}/index.md", f"第{g + 1}组", prose() + "\n\n" + "\n".join(links))
        nav.append(f"  - 第{g + 1}组: g{g + 1:02d}/index.md")
        home_links.append(f"- [第{g + 1}组](g{g + 1:02d}/index.md)")
    write("index.md", "首页", prose() + "\n\n" + "\n".join(home_links))
    config = root / "mkdocs.yml"
    config.write_text(
        f"site_name: 基准测试\ndocs_dir: docs\n{mirrored}nav:\n" + "\n".join(nav) + "\n",
        encoding="utf-8",
    )
    return config


# --- many notices (--library) -------------------------------------------------------------
LIBRARY_UNITS = 300
LIBRARY_RENAMED = 10  # units replaced by another (机构改革): replaced_by in units.yaml
LIBRARY_YEARS = 8  # notices spread over the years 2016 … 2023
UNIT_LIST = re.compile(r"（责任单位：([^）]+)）")


def library_notice(i: int, pool: list[str]) -> str:
    """Notice i: the real notice's shape (synth_notice, scale 1), its own 文号 and year, and
    its units drawn from the pool by a shift of i, so notices share some units, not all."""
    text = synth_notice.generate(1, seed=i)
    year = 2016 + i % LIBRARY_YEARS
    text = text.replace("大足府办发〔2020〕41号", f"大足府办发〔{year}〕{i + 1}号", 1)
    text = text.replace("2020年4月29日", f"{year}年4月29日")
    names: dict[str, str] = {}

    def swap(match: re.Match) -> str:
        listed = []
        for written in match[1].split("、"):
            if written not in names:
                names[written] = pool[(len(names) * 7 + i * 13) % len(pool)]
            listed.append(names[written])
        return "（责任单位：" + "、".join(dict.fromkeys(listed)) + "）"

    head, annex = text.split("\n附件\n", 1)
    return head + "\n附件\n" + UNIT_LIST.sub(swap, annex)


def make_library(n: int, data: Path) -> float:
    """data/: a library of n synthetic notices; returns the import's seconds."""
    import import_notice  # in-process: n interpreters would take longer than the imports

    data.mkdir(parents=True)
    for name in ("units.yaml", "tags.yaml", "synonyms.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    (data / "notices").mkdir()
    pool = synth_notice.generated_unit_names(LIBRARY_UNITS)
    start = perf_counter()
    for i in range(n):
        source = data.parent / f"notice-{i + 1}.txt"
        source.write_text(library_notice(i, pool), encoding="utf-8")
        slug = f"n{i + 1:03d}"
        argv = [str(source), "--data-dir", str(data), "--notice", slug]
        with contextlib.redirect_stdout(io.StringIO()):
            status = import_notice.main(argv)
        if status != 0:
            raise RuntimeError(f"import of notice {i + 1} failed")
    seconds = perf_counter() - start
    _rename_units(data / "units.yaml", pool[: LIBRARY_RENAMED * 2])
    return seconds


def _rename_units(path: Path, names: list[str]) -> None:
    """Every other of names replaced by the next (机构改革): 10 renamed units, no chains."""
    from ruamel.yaml import YAML

    rt = YAML()
    rt.width = 1_000_000
    registry = rt.load(path)
    ids = {u["name"]: u["id"] for u in registry["units"]}
    for old, new in zip(names[::2], names[1::2], strict=True):
        if old in ids and new in ids:
            unit = next(u for u in registry["units"] if u["name"] == old)
            unit["replaced_by"] = ids[new]
    rt.dump(registry, path)


def cold_query_gzip(site: Path) -> int:
    """Bytes (gzip) a one-word query loads first: the manifest, a term shard and a block of
    documents (the largest of each: an upper bound)."""
    search = site / "search"

    def gz(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))

    manifest = gz(search / "fengong-index.json")
    shards = [gz(p) for p in (search / "fengong").glob("t*.json")]
    blocks = [gz(p) for p in (search / "fengong").glob("d*.json")]
    return manifest + max(shards, default=0) + max(blocks, default=0)


def add_one_notice(n: int, data: Path, work: Path, timeout: float) -> tuple[Run, BuildResult]:
    """Notice n + 1 added as an office adds one (import_notice.py, a new interpreter), then
    the site built again: what `mkdocs serve` does on the change, all pages at once."""
    pool = synth_notice.generated_unit_names(LIBRARY_UNITS)
    source = work / f"notice-{n + 1}.txt"
    source.write_text(library_notice(n, pool), encoding="utf-8")
    slug = f"n{n + 1:03d}"
    cmd = [sys.executable, str(IMPORTER), str(source), "--data-dir", str(data), "--notice", slug]
    imported = run(cmd, build_env(None), timeout)
    if imported.returncode != 0:
        raise RuntimeError(f"import of notice {n + 1} failed:\n{imported.tail()}")
    rebuilt = mkdocs_build(CONFIG, work, "added", 1, data, timeout)
    if not rebuilt.error and not (work / "added-site-0" / "notices" / slug / "index.html").exists():
        rebuilt.error = f"the rebuilt site has no page for the added notice {slug}"
    return imported, rebuilt


def bench_library(sizes: list[int], args: argparse.Namespace) -> str:
    mirrored, groups, _ = vanilla_settings()
    lines = [
        "| notices | tasks | pages | import (all) | build | vanilla | ratio | per page | "
        "largest page | cold query (gzip) | add one: import + rebuild |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"fengong-bench-library-{n}-") as tmp:
            work = Path(tmp)
            say(f"library of {n} notices: importing")
            imported = make_library(n, work / "data")
            ours = mkdocs_build(CONFIG, work, "ours", args.runs, work / "data", args.timeout)
            if ours.error:
                say(ours.error)
                return ours.error
            stats = ours.stats
            tasks = n * synth_notice.TASKS_PER_SCALE
            say(f"  build {ours.seconds:.1f} s, {stats.pages} pages")
            config = make_vanilla(work / "vanilla", stats.pages, mirrored, groups)
            vanilla = mkdocs_build(config, work, "vanilla", args.runs, None, args.timeout)
            say(f"  vanilla {vanilla.seconds:.1f} s, {vanilla.stats.pages} pages")
            cold = cold_query_gzip(work / f"ours-site-{args.runs - 1}")
            added, rebuilt = add_one_notice(n, work / "data", work, args.timeout)
            if rebuilt.error:
                say(rebuilt.error)
                return rebuilt.error
            say(f"  one added: import {added.seconds:.1f} s, rebuild {rebuilt.seconds:.1f} s")
            lines.append(
                f"| {n} | {tasks} | {stats.pages} | {imported:.0f} s | {ours.seconds:.1f} s | "
                f"{vanilla.seconds:.1f} s | {ratio(ours.seconds, vanilla.seconds)} | "
                f"{ours.seconds / stats.pages * 1000:.1f} ms | "
                f"{kb(stats.largest_page_bytes)} KB ({stats.largest_page}) | {kb(cold)} KB | "
                f"{added.seconds:.1f} s + {rebuilt.seconds:.1f} s |"
            )
    return "\n".join(lines) + "\n"


# --- one scale ---------------------------------------------------------------------------


def bench_scale(scale: int, args: argparse.Namespace, work: Path, ours_ready: bool) -> ScaleResult:
    notice = notice_for(scale, args.seed, work)
    text = notice.read_text(encoding="utf-8")
    label = "1× (real)" if scale == 1 else f"{scale}×"
    result = ScaleResult(scale, label, count_tasks(text))
    say(f"{label}: {result.tasks} tasks")
    pages = None
    if ours_ready:
        data_dir = work / "data"
        cmd = [sys.executable, str(IMPORTER), str(notice), "--data-dir", str(data_dir)]
        result.import_run = run(cmd, timeout=args.timeout)
        say(f"  import {result.import_run.seconds:.2f} s")
        if result.import_run.returncode != 0:
            code = result.import_run.returncode
            result.error = f"import failed ({code}):\n{result.import_run.tail()}"
        else:
            result.ours = mkdocs_build(CONFIG, work, "ours", args.runs, data_dir, args.timeout)
            if result.ours.stats:
                pages = result.ours.stats.pages
                say(f"  build {result.ours.seconds:.2f} s, {pages} pages")
                if not args.no_rebuild and scale <= args.rebuild_max_scale:
                    result.rebuild = measure_rebuild(
                        notice, data_dir, work, dirty=not args.smoke, timeout=args.timeout
                    )
                    say(f"  rebuild {result.rebuild}")
            else:
                say(f"  build failed: {result.ours.error}")
    if pages is None:
        pages = estimate_pages(text)
        result.vanilla_pages_estimated = True
    if not args.no_vanilla:
        mirrored, groups, _ = vanilla_settings()
        config = make_vanilla(work / "vanilla", pages, mirrored, groups)
        result.vanilla = mkdocs_build(config, work, "vanilla", args.runs, None, args.timeout)
        if result.vanilla.stats:
            say(f"  vanilla {result.vanilla.seconds:.2f} s, {result.vanilla.stats.pages} pages")
        else:
            say(f"  vanilla failed: {result.vanilla.error}")
    return result


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the report --------------------------------------------------------------------------


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        memory = f", {kb / 1024**2:.1f} GB RAM"
    except (OSError, TypeError):
        pass
    return (
        f"{cpu or 'unknown CPU'}, nproc {usable}{memory}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; "
        f"mkdocs {metadata.version('mkdocs')}, "
        f"mkdocs-material {metadata.version('mkdocs-material')}"
    )


def kb(n: int) -> str:
    return f"{n / 1024:,.0f}"


def mb(n: float) -> str:
    return f"{n / 1024**2:,.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def report(results: list[ScaleResult], args: argparse.Namespace, started: str) -> str:
    _, _, vanilla_note = vanilla_settings()
    lines = [
        "# fengong benchmark",
        "",
        f"- Date: {started}",
        f"- Machine: {machine()}",
        f"- Command: `{' '.join(['scripts/bench.py', *args.argv])}`",
        f"- Clean builds: median of {args.runs} run(s) of `mkdocs build`, each in a new site dir.",
        "",
        "## Build",
        "",
        "| notice | tasks | site | pages | import s | build s | cpu s | ms/page | peak MB "
        "| site MB | largest page KB | search KB | search KB gz | warnings |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    largest = []
    for res in results:
        first = f"| {res.label} | {res.tasks} "
        if res.error:
            lines.append(first + f"| fengong | {res.error.splitlines()[0]} |||||||||||")
        ours = res.ours.stats if res.ours else None
        if res.ours and res.ours.error:
            lines.append(first + "| fengong | build failed (see below) |||||||||||")
        if ours:
            imp = res.import_run.seconds if res.import_run else 0
            lines.append(
                first + f"| fengong | {ours.pages:,} | {imp:.2f} | {res.ours.seconds:.2f} "
                f"| {res.ours.cpu_seconds:.2f} | {res.ours.ms_per_page():.1f} "
                f"| {res.ours.peak_mb:,.0f} | {mb(ours.bytes)} | {kb(ours.largest_page_bytes)} "
                f"| {kb(ours.search_bytes)} | {kb(ours.search_gzip_bytes)} "
                f"| {res.ours.runs[-1].warnings} |"
            )
            largest.append(f"| {res.label} | fengong | `{ours.largest_page}` |")
            first = "| | "
        van = res.vanilla.stats if res.vanilla else None
        if van:
            estimated = " (est.)" if res.vanilla_pages_estimated else ""
            lines.append(
                first + f"| vanilla | {van.pages:,}{estimated} | – | {res.vanilla.seconds:.2f} "
                f"| {res.vanilla.cpu_seconds:.2f} | {res.vanilla.ms_per_page():.1f} "
                f"| {res.vanilla.peak_mb:,.0f} | {mb(van.bytes)} | {kb(van.largest_page_bytes)} "
                f"| {kb(van.search_bytes)} | {kb(van.search_gzip_bytes)} "
                f"| {res.vanilla.runs[-1].warnings} |"
            )
            largest.append(f"| {res.label} | vanilla | `{van.largest_page}` |")
        elif res.vanilla and res.vanilla.error:
            lines.append(first + "| vanilla | build failed (see below) |||||||||||")
        if ours and van:
            lines.append(
                f"| | | **ours/vanilla** | {ratio(ours.pages, van.pages)} | – "
                f"| **{ratio(res.ours.seconds, res.vanilla.seconds)}** "
                f"| {ratio(res.ours.cpu_seconds, res.vanilla.cpu_seconds)} "
                f"| {ratio(res.ours.ms_per_page(), res.vanilla.ms_per_page())} "
                f"| {ratio(res.ours.peak_mb, res.vanilla.peak_mb)} "
                f"| {ratio(ours.bytes, van.bytes)} "
                f"| {ratio(ours.largest_page_bytes, van.largest_page_bytes)} "
                f"| {ratio(ours.search_bytes, van.search_bytes)} "
                f"| {ratio(ours.search_gzip_bytes, van.search_gzip_bytes)} | |"
            )
    if largest:
        lines += ["", "Largest page:", "", "| notice | site | page |", "|---|---|---|", *largest]

    rebuilds = [r for r in results if r.rebuild]
    if rebuilds:
        lines += [
            "",
            "## Rebuild after editing one task",
            "",
            "The edit puts a marker at the start of the middle task's text in the notice; the "
            "driver then re-imports and rebuilds in the same process, as `mkdocs serve` does.",
            "",
            "| notice | task | first build in process s | re-import s | rebuild s | pages showing "
            "the edit | peak MB | `--dirty` rebuild s | search KB clean / dirty |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for res in rebuilds:
            rb = res.rebuild
            if "error" in rb:
                lines.append(f"| {res.label} | {rb['error'].splitlines()[0]} ||||||||")
                continue
            dirty = (
                f"{rb['dirty_rebuild']:.2f} | {kb(rb['search_clean'])} / {kb(rb['search_dirty'])}"
                if "dirty_rebuild" in rb
                else "– | –"
            )
            lines.append(
                f"| {res.label} | {rb['task']} | {rb['first_build']:.2f} | {rb['reimport']:.2f} "
                f"| {rb['rebuild']:.2f} | {rb['showing_edit']:,} | {rb['peak_mb']:,.0f} "
                f"| {dirty} |"
            )

    failures = []
    for res in results:
        for name, build in (("fengong", res.ours), ("vanilla", res.vanilla)):
            if build and build.error:
                failures.append(f"### {res.label} {name}\n\n```\n{build.error}\n```")
        if res.error:
            failures.append(f"### {res.label}\n\n```\n{res.error}\n```")
    if failures:
        lines += ["", "## Failures", "", *failures]

    lines += ["", "## How these are measured", "", *NOTES.format(vanilla=vanilla_note).split("\n")]
    return "\n".join(lines).rstrip() + "\n"


NOTES = """\
- **Notices**: 1× is data/source/dazu-2020-41.txt; K× is `scripts/synth_notice.py --scale K \
--seed 0`: K×63 tasks, K×26 clauses, 7×⌈√K⌉ parts, the real 41 unit strings plus K×5 generated \
units, Zipf-skewed.
- **import s**: `python scripts/import_notice.py NOTICE --data-dir TMP`, one run.
- **build s / peak MB**: `python -m mkdocs build -f mkdocs.yml -d TMP` with FENGONG_DATA_DIR=TMP \
and NO_MKDOCS_2_WARNING=true; wall time (perf_counter) and the child's own peak RSS (`wait4`, so \
one build is not charged with an earlier child's peak). Peak is the maximum over runs. \
**cpu s**: user + system time of the build, the workers it forks included (`wait4`), median \
over runs: ours makes its QR codes, downloads and search index in two workers while MkDocs \
writes the pages, so wall time is below CPU time. **ms/page**: build s / pages.
- **pages**: `index.html` files. **site MB**: every file in the site. **largest page**: the \
biggest `.html`. **search**: the files under `site/search/`, raw and gzip level 6.
- **warnings**: lines with WARNING in the last build's log. Ours builds with its own \
`strict: true`, so there a warning fails the run instead; the vanilla site is not strict.
- **vanilla**: a plain mkdocs-material site with the same number of pages (estimated from the \
notice when ours did not build), each ~300 Chinese characters recombined from the notice, in \
sections of 100 pages with an index page each; the nav lists home and as many group indexes as \
our nav has top-level entries, so every page's nav is bounded as ours should be. Settings: \
{vanilla} (custom_dir dropped). Hooks, overrides, extra CSS/JS and data are ours only, so the \
ratio is the cost of those.
- **rebuild**: a child process loads the config, runs `on_startup(command="serve")` and builds \
once (first build in process: imports warm, no interpreter start), re-imports the edited notice \
into the same data dir, loads the config again and builds again (rebuild s) — what `mkdocs serve` \
does on a change. "pages showing the edit" counts the HTML files that contain the marker: 0 means \
the rebuild did not pick the change up.
- **`--dirty`** saves nothing here and is not a way to rebuild this site. MkDocs 1.6 skips a \
page under `--dirty` only when `File.is_modified()` is false, and it is always true for a page \
generated in memory (`File.generated`): every page of ours. A dirty build still renders every \
page and only skips copying unchanged static files (the theme's assets), so it takes as long \
as a clean rebuild. MkDocs also warns on every dirty build, so our `strict: true` aborts it (the \
bench measures it with strict off), and a hand-written page it skipped would drop out of the \
search index (search KB clean / dirty). Use clean builds; `mkdocs serve` already rebuilds \
in process."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100,300", help="comma-separated, 1 = real")
    parser.add_argument("--runs", type=int, default=3, help="clean builds per site (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", help=f"Markdown report (default {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--smoke", action="store_true", help="10× once, for CI; writes no report")
    parser.add_argument("--no-vanilla", action="store_true", help="skip the vanilla comparison")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the rebuild measurement")
    parser.add_argument(
        "--rebuild-max-scale",
        type=int,
        default=100,
        help="measure the rebuild only up to this scale (100: at 300x it takes ~10 minutes)",
    )
    parser.add_argument(
        "--vanilla-only", action="store_true", help="only the vanilla site (estimated pages)"
    )
    parser.add_argument("--keep", type=Path, help="work in this dir and keep it")
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before a child is killed (3600)"
    )
    parser.add_argument("--library", help="notices per library, comma-separated: 20,100,200")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    if args.library:
        print(bench_library([int(n) for n in args.library.split(",")], args))
        return 0
    if args.smoke:
        args.scales, args.runs = "10", 1
    try:
        scales = [int(s) for s in args.scales.split(",")]
    except ValueError:
        parser.error(f"--scales: expected numbers like 1,10,100, got {args.scales!r}")
    if any(s < 1 for s in scales) or args.runs < 1:
        parser.error("scales and --runs must be at least 1")
    out = Path(args.out) if args.out else (None if args.smoke else DEFAULT_OUT)

    ours_ready = CONFIG.exists() and IMPORTER.exists() and not args.vanilla_only
    if not ours_ready and not args.vanilla_only:
        say("bench: mkdocs.yml or scripts/import_notice.py missing: vanilla site only")
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    results = []
    for scale in scales:
        if args.keep:
            work = args.keep / f"scale-{scale}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            results.append(bench_scale(scale, args, work, ours_ready))
        else:
            with tempfile.TemporaryDirectory(prefix=f"fengong-bench-{scale}x-") as tmp:
                results.append(bench_scale(scale, args, Path(tmp), ours_ready))
    text = report(results, args, started)
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")
        say(f"bench: wrote {out}")
    failed = any(
        r.error or (r.ours and r.ours.error) or (r.vanilla and r.vanilla.error) for r in results
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
