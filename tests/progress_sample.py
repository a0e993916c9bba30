"""The SAMPLE progress reports (tests/fixtures/progress-sample/, invented): a copy of the
real data/ with them as its progress/ folder, as `make demo` builds it, read by the real
reader."""

from __future__ import annotations

from pathlib import Path

from demo import SAMPLE, demo_data
from fengong.data.load import load_site
from fengong.model import Site

__all__ = ["SAMPLE", "sample_data", "sample_site"]


def sample_data(folder: Path) -> Path:
    """folder/data: the real data with the sample reports."""
    return demo_data(folder / "data")


def sample_site(folder: Path) -> Site:
    site, problems = load_site(sample_data(folder))
    assert not [p for p in problems if p.severity == "error"], problems
    assert site.reports, "the sample reports did not load"
    return site
