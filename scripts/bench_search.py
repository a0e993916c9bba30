"""Measure the search index: its files and sizes, what a query loads, and how long it takes.

For the real notice (data/, curated units and synonyms) and for a synthetic notice K times
larger (scripts/synth_notice.py, imported with scripts/import_notice.py into a temp data dir,
or an imported data dir given with --data-dirs), the index is built directly from the loaded
Site with fengong.pages.search (the same two calls the MkDocs hook makes, without building the site)
and served, laid out as in the site, beside lunr.min.js, search-core.js and search-worker.js.
Debian's Chromium then measures, in a page of its own:

- ready: a new search worker, SETUP sent, until it answers READY (it loads the manifest);
  median of --runs workers;
- per query, cold: a new engine (manifest already parsed) answering the query, with every file
  it needs fetched from localhost, cache bypassed: time, and the files loaded, whose raw and
  gzip bytes are added up here (the manifest counted too);
- per query, warm: `engine.search(q)` once everything it needs is loaded, --runs times, median.

Queries are those of tests/search_queries.yaml (the engine behind both the header search and
/tasks/). Not a test. Prints a Markdown table and writes it to scripts/bench-search-results.md.

    .venv/bin/python scripts/bench_search.py                  # scales 1 and 100
    .venv/bin/python scripts/bench_search.py --scales 1,100,300 \\
        --data-dirs 100=/tmp/d100,300=/tmp/d300              # notices imported before
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import io
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from chromium import CHROMIUM, launch, serve  # scripts/chromium.py, as the browser tests
from fengong.data.load import load_site
from fengong.pages import search

ROOT = Path(__file__).resolve().parents[1]

JS = ROOT / "hooks" / "fengong" / "pages" / "theme" / "assets" / "javascripts" / "fengong"
JS_SERVED = "assets/javascripts/fengong"  # where the site serves them, as the worker expects
QUERIES = ROOT / "tests" / "search_queries.yaml"
DEFAULT_OUT = ROOT / "scripts" / "bench-search-results.md"

PAGE = f"""<!doctype html><meta charset="utf-8"><title>search bench</title>
<script src="{JS_SERVED}/lunr.min.js"></script><script src="{JS_SERVED}/search-core.js"></script>"""

READY = f"""async runs => {{
  const times = []
  for (let i = 0; i < runs; i++) {{
    const t0 = performance.now()
    const worker = new Worker("{JS_SERVED}/search-worker.js")
    await new Promise((resolve, reject) => {{
      worker.onmessage = ({{ data }}) => data.type === 1 && resolve()
      worker.onerror = reject
      worker.postMessage({{ type: 0, data: {{ config: {{}}, docs: [] }} }})
    }})
    times.push(performance.now() - t0)
    worker.terminate()
  }}
  return times
}}"""

# Every query on a new engine: what it loads (file names) and how long it takes, cold.
COLD = """async queries => {
  const base = new URL("search/", location.href)
  const url = new URL("fengong-index.json", base)
  const manifest = await (await fetch(url, {cache: "no-store"})).json()
  const out = []
  for (const q of queries) {
    const loaded = []
    const engine = new fengong.Engine(manifest, async name => {
      loaded.push(name)
      const response = await fetch(new URL("fengong/" + name, base), {cache: "no-store"})
      return response.json()
    })
    const t0 = performance.now()
    await engine.search(q)
    out.push({ms: performance.now() - t0, loaded})
  }
  return out
}"""

# One engine for all queries, everything loaded first: the median of `runs` searches.
WARM = """async ([queries, runs]) => {
  const engine = await fengong.open(new URL("search/", location.href))
  for (const q of queries) await engine.search(q)
  const out = []
  for (const q of queries) {
    const times = []
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      await engine.search(q)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    out.push(times[Math.floor(times.length / 2)])
  }
  return out
}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,100", help="notice sizes, 1 = the real one")
    parser.add_argument(
        "--runs", type=int, default=5, help="worker starts, and warm runs per query"
    )
    parser.add_argument("--seed", type=int, default=0, help="the synthetic notices' seed")
    parser.add_argument(
        "--data-dirs",
        default="",
        help="SCALE=DIR,…: data dirs already imported (synth_notice.py --scale SCALE, then "
        "import_notice.py --data-dir DIR), used instead of importing again",
    )
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="Markdown file, or - for none")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]
    given = dict(item.split("=", 1) for item in args.data_dirs.split(",") if item)
    queries = [q["q"] for q in yaml.safe_load(QUERIES.read_text("utf-8"))]
    rows = []
    with tempfile.TemporaryDirectory(prefix="fengong-bench-search-") as tmp:
        for scale in scales:
            work = Path(tmp) / f"{scale}x"
            rows.append(bench(scale, work, queries, args, given.get(str(scale))))
    table = render(rows, args, len(queries))
    print(table)
    if args.out != "-":
        Path(args.out).write_text(table, "utf-8")
        print(f"written to {args.out}", file=sys.stderr)
    return 0


def bench(scale: int, work: Path, queries: list[str], args, data_dir: str | None) -> dict:
    say(f"{scale}×: data")
    site, _ = load_site(Path(data_dir) if data_dir else notice_data(scale, work, args.seed))
    started = time.perf_counter()
    docs = search.documents(site)
    files = search.index_files(docs, dict(site.synonyms))
    build_seconds = time.perf_counter() - started
    say(f"{scale}×: {len(site.tasks)} tasks, {len(docs)} documents, {build_seconds:.1f} s")
    served = work / "served"
    for path, content in files.items():
        (served / path).parent.mkdir(parents=True, exist_ok=True)
        (served / path).write_bytes(content)
    (served / JS_SERVED).mkdir(parents=True)
    for name in ("lunr.min.js", "search-core.js", "search-worker.js"):
        shutil.copy(JS / name, served / JS_SERVED / name)
    (served / "index.html").write_text(PAGE, "utf-8")
    with serve(served) as base:
        ready, cold, warm = measure(base, queries, args.runs)
    say(f"{scale}×: ready {statistics.median(ready):.0f} ms")
    sizes = {
        path: (len(c), len(gzip.compress(c, compresslevel=6, mtime=0))) for path, c in files.items()
    }
    manifest = json.loads(files[search.INDEX_FILE])
    loaded = [
        [search.INDEX_FILE, *(f"{search.FILES_DIR}/{name}" for name in query["loaded"])]
        for query in cold
    ]
    return {
        "scale": scale,
        "tasks": len(site.tasks),
        "docs": len(docs),
        "shards": manifest["shards"],
        "block": manifest["block"],
        "files": len(files),
        "raw": sum(raw for raw, _ in sizes.values()),
        "gzip": sum(gz for _, gz in sizes.values()),
        "manifest_gzip": sizes[search.INDEX_FILE][1],
        "build": build_seconds,
        "ready": statistics.median(ready),
        "query_files": [len(names) for names in loaded],
        "query_raw": [sum(sizes[n][0] for n in names) for names in loaded],
        "query_gzip": [sum(sizes[n][1] for n in names) for names in loaded],
        "query_blocks_gzip": [
            sum(sizes[n][1] for n in names if n.startswith(f"{search.FILES_DIR}/d"))
            for names in loaded
        ],
        "cold": [query["ms"] for query in cold],
        "warm": warm,
    }


def notice_data(scale: int, work: Path, seed: int) -> Path:
    """The real data/ for scale 1; else a synthetic notice imported into work/data."""
    if scale == 1:
        return ROOT / "data"
    import synth_notice
    from import_notice import main as import_main

    work.mkdir(parents=True)
    notice = work / f"notice-{scale}x.txt"
    notice.write_text(synth_notice.generate(scale, seed), "utf-8")
    data_dir = work / "data"
    said = io.StringIO()  # the importer lists every new unit: hundreds of names
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        failed = import_main([str(notice), "--data-dir", str(data_dir)])
    if failed:
        raise SystemExit(f"importing the {scale}× notice failed:\n{said.getvalue()}")
    return data_dir


def measure(base: str, queries: list[str], runs: int):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.goto(base)
            page.evaluate(READY, 1)  # warm up: the first worker also compiles the scripts
            ready = page.evaluate(READY, runs)
            page.evaluate(COLD, queries[:5])  # warm up the engine's code
            cold = page.evaluate(COLD, queries)
            warm = page.evaluate(WARM, [queries, runs])
            return ready, cold, warm
        finally:
            browser.close()


def render(rows: list[dict], args, n_queries: int) -> str:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    lines = [
        "# Search index benchmark",
        "",
        f"{dt.date.today().isoformat()}, {platform.machine()}, {chromium.strip() or 'chromium'}, "
        f"`scripts/bench_search.py --scales {args.scales} --runs {args.runs}`.",
        "",
        "The index is built from the loaded data with `fengong.pages.search` "
        "(documents + index_files, as the MkDocs hook does) without building the site; "
        "1× is the real notice with the "
        "curated data/, the others synthetic notices (scripts/synth_notice.py, seed "
        f"{args.seed}) imported with scripts/import_notice.py. Files are served from localhost. "
        f"Queries: the {n_queries} of tests/search_queries.yaml.",
        "",
        "- **index**: every file under search/ (the manifest, the term shards, the document "
        "blocks, tasks.json and units.json), raw and gzip -6; shards × documents per block.",
        "- **ready**: a new search worker, from its creation (loading lunr.min.js and "
        "search-core.js) to READY, which it sends once the manifest is loaded and parsed; "
        "median of the runs.",
        "- **loads per query**: the files a query needs (manifest included) on an engine that "
        "has loaded nothing else, gzip bytes, median and max over the queries; of the median, "
        "how much is document blocks (the rest: term shards and the manifest); files, median.",
        "- **cold**: such a query's time, fetching and parsing those files included. "
        "**warm**: `engine.search(q)` with its files already loaded, the median of the runs "
        "of each query; median, 90th percentile and max over the queries.",
        "",
        "| notice | tasks | documents | index | gzip | files | shards × block | "
        "build (Python) | ready | loads per query (gzip): median | max | blocks | raw median | "
        "files | cold median | cold p90 | warm median | warm p90 | warm max |",
        "| --- " + "| ---: " * 19 + "|",
    ]
    for row in rows:
        label = "1× (real)" if row["scale"] == 1 else f"{row['scale']}× (synthetic)"
        cold, warm = sorted(row["cold"]), sorted(row["warm"])
        lines.append(
            f"| {label} | {row['tasks']:,} | {row['docs']:,} | {size(row['raw'])} | "
            f"{size(row['gzip'])} | {row['files']:,} | {row['shards']} × {row['block']} | "
            f"{row['build']:.1f} s | {row['ready']:.0f} ms | "
            f"{size(statistics.median(row['query_gzip']))} | {size(max(row['query_gzip']))} | "
            f"{size(statistics.median(row['query_blocks_gzip']))} | "
            f"{size(statistics.median(row['query_raw']))} | "
            f"{statistics.median(row['query_files']):.0f} | "
            f"{statistics.median(cold):.0f} ms | {p90(cold):.0f} ms | "
            f"{statistics.median(warm):.1f} ms | {p90(warm):.1f} ms | {warm[-1]:.0f} ms |"
        )
    lines += ["", *BEFORE]
    return "\n".join(lines) + "\n"


# The index as one file (format 1), for comparison: the same bench on 2026-11-26.
BEFORE = [
    "Before the split (format 1: one file, search/fengong-index.json, loaded whole before the "
    "first answer), 100×: 26.1 MB (6.3 MB gzip), built in 13.6 s; load 768 ms; query median "
    "5.0 ms, p90 18.1 ms, max 44.1 ms. Real notice: 494 KB (96 KB gzip); load 35 ms; query "
    "median 0.2 ms.",
]


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def size(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
