"""Measure the search index: its size, how long Chromium takes to load it, and query times.

For the real notice (data/, curated units and synonyms) and for a synthetic notice K times
larger (scripts/synth_notice.py, imported with scripts/import_notice.py into a temp data dir),
the index is built directly from the loaded Site with fengong.search (the same two calls the
MkDocs hook makes, without building the site), and served beside lunr.min.js and
search-core.js. Debian's Chromium then measures, in a page of its own:

- load: fetch (cache bypassed) + JSON.parse + `new fengong.Engine(data)`, the work the header
  search's worker and the task index do before their first answer; median of --runs loads;
- query: `engine.search(q)` for every query of tests/search_queries.yaml (the engine behind
  both the header search and /tasks/), each run --runs times; median, 90th percentile, max.

Not a test. Prints a Markdown table and writes it to scripts/bench-search-results.md.

    .venv/bin/python scripts/bench_search.py                  # scales 1 and 100
    .venv/bin/python scripts/bench_search.py --scales 1,10 --runs 3 --out -
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import io
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in ("hooks", "scripts", "tests"):
    sys.path.insert(0, str(ROOT / folder))

import yaml  # noqa: E402
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (tests/chromium.py: the one place)
from fengong import search  # noqa: E402
from fengong.load import load_site  # noqa: E402

JS = ROOT / "hooks" / "fengong" / "theme" / "assets" / "javascripts" / "fengong"
QUERIES = ROOT / "tests" / "search_queries.yaml"
DEFAULT_OUT = ROOT / "scripts" / "bench-search-results.md"

PAGE = """<!doctype html><meta charset="utf-8"><title>search bench</title>
<script src="lunr.min.js"></script><script src="search-core.js"></script>"""

LOAD = """async () => {
  const t0 = performance.now()
  const response = await fetch("search/fengong-index.json", {cache: "no-store"})
  const text = await response.text()
  const t1 = performance.now()
  const data = JSON.parse(text)
  const t2 = performance.now()
  window.engine = new fengong.Engine(data)
  const t3 = performance.now()
  return {fetch: t1 - t0, parse: t2 - t1, engine: t3 - t2, total: t3 - t0}
}"""

QUERY = """([queries, runs]) => queries.map(q => {
  const times = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    engine.search(q)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
})"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,100", help="notice sizes, 1 = the real one")
    parser.add_argument("--runs", type=int, default=5, help="index loads, and runs per query")
    parser.add_argument("--seed", type=int, default=0, help="the synthetic notices' seed")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="Markdown file, or - for none")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]
    queries = [q["q"] for q in yaml.safe_load(QUERIES.read_text("utf-8"))]
    rows = []
    with tempfile.TemporaryDirectory(prefix="fengong-bench-search-") as tmp:
        for scale in scales:
            work = Path(tmp) / f"{scale}x"
            rows.append(bench(scale, work, queries, args))
    table = render(rows, args, len(queries))
    print(table)
    if args.out != "-":
        Path(args.out).write_text(table, "utf-8")
        print(f"written to {args.out}", file=sys.stderr)
    return 0


def bench(scale: int, work: Path, queries: list[str], args) -> dict:
    say(f"{scale}×: data")
    data_dir = notice_data(scale, work, args.seed)
    site, _ = load_site(data_dir)
    started = time.perf_counter()
    docs = search.documents(site)
    index = search.index_files(docs, dict(site.synonyms))[search.INDEX_FILE]
    build_seconds = time.perf_counter() - started
    say(f"{scale}×: {len(site.tasks)} tasks, {len(docs)} documents, {build_seconds:.1f} s")
    served = work / "served"
    (served / "search").mkdir(parents=True)
    (served / "search" / "fengong-index.json").write_bytes(index)
    (served / "index.html").write_text(PAGE, "utf-8")
    for name in ("lunr.min.js", "search-core.js"):
        shutil.copy(JS / name, served / name)
    with serve(served) as base:
        loads, query_ms = measure(base, queries, args.runs)
    say(f"{scale}×: load {statistics.median(x['total'] for x in loads):.0f} ms")
    return {
        "scale": scale,
        "tasks": len(site.tasks),
        "docs": len(docs),
        "raw": len(index),
        "gzip": len(gzip.compress(index, compresslevel=6)),
        "build": build_seconds,
        "load": {k: statistics.median(x[k] for x in loads) for k in loads[0]},
        "query": query_ms,
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


def measure(base: str, queries: list[str], runs: int) -> tuple[list[dict], list[float]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(base)
            page.evaluate(LOAD)  # warm up: the first load also compiles the scripts
            loads = [page.evaluate(LOAD) for _ in range(runs)]
            page.evaluate(QUERY, [queries, 1])  # warm up
            return loads, page.evaluate(QUERY, [queries, runs])
        finally:
            browser.close()


@contextlib.contextmanager
def serve(directory: Path):
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(150):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base, timeout=1).close()
                break
            time.sleep(0.1)
        else:
            raise SystemExit(f"http.server did not start on {directory}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def render(rows: list[dict], args, n_queries: int) -> str:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    lines = [
        "# Search index benchmark",
        "",
        f"{dt.date.today().isoformat()}, {platform.machine()}, {chromium.strip() or 'chromium'}, "
        f"`scripts/bench_search.py --scales {args.scales} --runs {args.runs}`.",
        "",
        "The index is built from the loaded data with `fengong.search` (documents + index_files, "
        "as the MkDocs hook does) without building the site; 1× is the real notice with the "
        "curated data/, the others synthetic notices (scripts/synth_notice.py) imported into a "
        "temp data dir. Load = fetch from localhost (cache bypassed) + JSON.parse + "
        "`new fengong.Engine()`, median of the runs. Query = `engine.search(q)` over the "
        f"{n_queries} queries of tests/search_queries.yaml, each the median of its runs.",
        "",
        "| notice | tasks | documents | index | gzip -6 | build (Python) | load: fetch | "
        "parse | engine | **load** | query median | p90 | max |",
        "| --- " + "| ---: " * 12 + "|",
    ]
    for row in rows:
        load, query = row["load"], sorted(row["query"])
        label = "1× (real)" if row["scale"] == 1 else f"{row['scale']}× (synthetic)"
        lines.append(
            f"| {label} | {row['tasks']:,} | {row['docs']:,} | {size(row['raw'])} | "
            f"{size(row['gzip'])} | {row['build']:.1f} s | {load['fetch']:.0f} ms | "
            f"{load['parse']:.0f} ms | {load['engine']:.0f} ms | **{load['total']:.0f} ms** | "
            f"{statistics.median(query):.2f} ms | {query[int(len(query) * 0.9)]:.2f} ms | "
            f"{query[-1]:.2f} ms |"
        )
    return "\n".join(lines) + "\n"


def size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
