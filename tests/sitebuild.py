"""Building the site in-process, for the tests (importable: conftest modules are not)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# The address the tests publish the site at (FENGONG_SITE_URL): a published site has QR
# codes and absolute links. build_site(..., site_url=None) builds without one.
PUBLISHED_AT = "https://example.org/fengong/"


def build_site(
    site_dir: Path, data_dir: Path | None = None, site_url: str | None = PUBLISHED_AT
) -> Path:
    """Build the site in-process into site_dir (strict), from data_dir or data/, published
    at site_url (None: as a build without FENGONG_SITE_URL)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    env = {"FENGONG_DATA_DIR": data_dir and str(data_dir), "FENGONG_SITE_URL": site_url}
    saved = {name: os.environ.get(name) for name in env}
    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return site_dir
