"""Shared fixtures: the real site built once per session.

The engine (fengong) is installed editable by `make`; scripts/ and tests/ are on pytest's
pythonpath (pyproject.toml), so the tests import the scripts and their helpers as modules.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_model():
    from fengong.load import load_site

    site, _ = load_site(ROOT / "data")
    return site
