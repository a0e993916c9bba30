"""A demonstration site: a copy of data/ with the SAMPLE progress reports
(tests/fixtures/progress-sample/, invented), built into site-demo/ with a banner on every
page saying its reports are samples. The real data/ is never touched.

    python scripts/demo.py [--site-dir site-demo]
    python scripts/demo.py --library [--site-dir site-demo-library]

With --library, a multi-notice demonstration instead: the three real notices of
tests/library_sample.py (the Dazu notice and 国发〔2018〕39号 and 42号) in one library, the
Dazu notice with the same sample reports, built into site-demo-library/, every page
bannered as a demonstration.

Like `make build`, it builds beside the target and swaps the new site in only when the
build succeeds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from fengong.cli import ArgumentParser

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "progress-sample"


def demo_data(target: Path) -> Path:
    """data/ copied to target, with the sample reports as its progress/ folder."""
    shutil.copytree(ROOT / "data", target)
    shutil.copytree(SAMPLE, target / "progress", ignore=shutil.ignore_patterns("*.md"))
    return target


def library_demo_data(folder: Path) -> Path:
    """The three real notices of tests/library_sample.py as a library in folder/data, the
    Dazu notice with the sample reports (so a unit's page shows how its led tasks stand)."""
    sys.path.insert(0, str(ROOT / "tests"))  # library_sample and the sitebuild it reads
    from library_sample import DAZU, library_data

    data = library_data(folder)
    progress = data / "notices" / DAZU / "progress"
    shutil.copytree(SAMPLE, progress, ignore=shutil.ignore_patterns("*.md"))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(
        prog="demo.py",
        description="生成演示站点：复制 data/，配上虚构的示例报送"
        "（tests/fixtures/progress-sample/），每页都有“演示站点”横幅；"
        "真实的 data/ 不会改动。",
    )
    parser.add_argument(
        "--site-dir", type=Path, help="演示站点的输出目录（默认：site-demo/ 或 site-demo-library/）"
    )
    parser.add_argument(
        "--library", action="store_true", help="改为三份通知合在一起的多文件演示站点"
    )
    args = parser.parse_args(argv)
    default = "site-demo-library" if args.library else "site-demo"
    site_dir = (args.site_dir or ROOT / default).resolve()
    new = site_dir.with_name(site_dir.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="fengong-demo-") as tmp:
        data = library_demo_data(Path(tmp)) if args.library else demo_data(Path(tmp) / "data")
        env = os.environ | {
            "FENGONG_DATA_DIR": str(data),
            "FENGONG_DEMO": "library" if args.library else "true",
            "NO_MKDOCS_2_WARNING": "true",
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new)]
        if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
            shutil.rmtree(new, ignore_errors=True)
            print(f"demo：生成失败（原因见上）；{site_dir.name}/ 未作改动", file=sys.stderr)
            return 1
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    made_from = "tests/library_sample.py" if args.library else SAMPLE.relative_to(ROOT)
    print(f"demo：已生成 {site_dir}（数据来自 {made_from}）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
