"""Shared fixtures: the engine on sys.path, and the real site built once per session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT / "hooks", ROOT / "scripts", ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")

from sitebuild import build_site  # noqa: E402  (needs tests/ on sys.path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_model():
    from fengong.load import load_site

    site, _ = load_site(ROOT / "data")
    return site
