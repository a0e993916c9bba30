"""Shared fixtures: the engine on sys.path, and the real site built once per session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT / "hooks", ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_model():
    from fengong.load import load_site

    site, _ = load_site(ROOT / "data")
    return site
