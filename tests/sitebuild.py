"""Building the site in-process, for the tests (importable: conftest modules are not)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_site(site_dir: Path, data_dir: Path | None = None) -> Path:
    """Build the site in-process into site_dir (strict), from data_dir or data/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved = os.environ.get("FENGONG_DATA_DIR")
    if data_dir is not None:
        os.environ["FENGONG_DATA_DIR"] = str(data_dir)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        if saved is None:
            os.environ.pop("FENGONG_DATA_DIR", None)
        else:
            os.environ["FENGONG_DATA_DIR"] = saved
    return site_dir
