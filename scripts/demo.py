"""A demonstration site: a copy of data/ with the SAMPLE progress reports
(tests/fixtures/progress-sample/, invented), built into site-demo/ with a banner on every
page saying its reports are samples. The real data/ is never touched.

    python scripts/demo.py [--site-dir site-demo]

Like `make build`, it builds beside the target and swaps the new site in only when the
build succeeds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "progress-sample"


def demo_data(target: Path) -> Path:
    """data/ copied to target, with the sample reports as its progress/ folder."""
    shutil.copytree(ROOT / "data", target)
    shutil.copytree(SAMPLE, target / "progress", ignore=shutil.ignore_patterns("*.md"))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site-demo")
    args = parser.parse_args(argv)
    site_dir = args.site_dir.resolve()
    new = site_dir.with_name(site_dir.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="fengong-demo-") as tmp:
        data = demo_data(Path(tmp) / "data")
        env = os.environ | {
            "FENGONG_DATA_DIR": str(data),
            "FENGONG_DEMO": "true",
            "NO_MKDOCS_2_WARNING": "true",
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new)]
        if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
            shutil.rmtree(new, ignore_errors=True)
            print("demo: the build failed (above); site-demo/ is unchanged", file=sys.stderr)
            return 1
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"demo: built {site_dir} (sample reports from {SAMPLE.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
