"""Shared fixtures: the real site built once per session, and for the browser tests (here and
in tests/browser/) one Chromium, the built site served on localhost, and test-artifacts/.

The engine (fengong) is installed editable by `make`; scripts/ and tests/ are on pytest's
pythonpath (pyproject.toml), so the tests import the scripts and their helpers as modules.

pytest-xdist runs the tests in two processes (pyproject.toml), a test module on one of them.
A session is then one per process: each builds its own site into its own temp dir
(tmp_path_factory gives each its own), starts its own Chromium and serves on a port the
system picks; every screenshot and report has one name, written by one test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from chromium import launch, serve
from sitebuild import ROOT, build_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_model():
    from fengong.data.load import load_site

    site, _ = load_site(ROOT / "data")
    return site


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (scripts/chromium.py), one for the whole session: sync Playwright
    runs once per thread, so every browser test shares it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            browser = launch(p)
        except FileNotFoundError as missing:
            pytest.fail(str(missing))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def server(built_site):
    """http://127.0.0.1:PORT/ serving the built site."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def library_folder(tmp_path_factory) -> Path:
    """A folder with data/: tests/library_sample.py's library of three real notices."""
    from library_sample import library_data

    folder = tmp_path_factory.mktemp("library-browser")
    library_data(folder)
    return folder


@pytest.fixture(scope="session")
def library_server(library_folder):
    """http://127.0.0.1:PORT/ serving the library built once for the session."""
    site = build_site(library_folder / "site", library_folder / "data")
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and reports go for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """http://127.0.0.1:PORT/ serving the demo: the real data with the SAMPLE progress reports
    (invented; tests/progress_sample.py), as `make demo` builds it, once per session."""
    from progress_sample import sample_data

    tmp = tmp_path_factory.mktemp("demo")
    site_dir = build_site(tmp / "site", data_dir=sample_data(tmp))
    with serve(site_dir) as base:
        yield base
