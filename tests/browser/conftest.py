"""Browser fixtures: the built site served on a free localhost port, and Debian's Chromium
driven by Playwright (never `playwright install`: it downloads, and fails here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS, serve

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def server(built_site):
    """http://127.0.0.1:PORT/ serving the built site."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does this)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
