"""The SAMPLE progress reports (tests/fixtures/progress-sample/, invented) as model objects,
for tests that need a Site with reports before the data side's reader is merged. It reads
the files' documented shape and nothing more: the real reader validates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from fengong.model import ProgressEntry, ProgressReport, Site

SAMPLE = Path(__file__).parent / "fixtures" / "progress-sample"


def sample_reports(site: Site, folder: Path = SAMPLE) -> tuple[ProgressReport, ...]:
    """Every sample return, by period (in date order) then unit id, as Site.reports is."""
    due = {p.id: p.due for p in site.periods}
    reports = []
    for path in sorted(folder.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        reports.append(
            ProgressReport(
                unit=site.unit(data["unit"]),
                period=str(data["period"]),
                received=str(data["received"]),
                revision=str(data["revision"] or ""),
                file=data["file"],
                entries=tuple(
                    ProgressEntry(
                        task_id=row["task"],
                        status=row["status"],
                        progress=row.get("progress") or "",
                        evidence=row.get("evidence") or "",
                    )
                    for row in data["reports"]
                ),
            )
        )
    return tuple(sorted(reports, key=lambda r: (due[r.period], r.unit.id)))


def with_sample_reports(site: Site) -> Site:
    return replace(site, reports=sample_reports(site))
