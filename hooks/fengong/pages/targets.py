"""The year's targets as figures (1.4万人以上), each with its task or target groups."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Site, Tag, Target, Task
from .labels import BOUND_WORDS, figure_text


@dataclass(frozen=True, slots=True)
class TargetFigure:
    target: Target
    figure: str  # 1.4万
    unit: str  # 人
    bound: str  # 以上 / 以下 / ""
    task: Task | None
    tags: tuple[Tag, ...]  # target groups the target names: their tasks work towards it


def target_figures(site: Site) -> list[TargetFigure]:
    return [
        TargetFigure(
            target=t,
            figure=figure_text(t.value),
            unit=t.unit,
            bound=BOUND_WORDS[t.bound],
            task=site.task(t.task) if t.task else None,
            tags=tuple(tag for tag in site.tags if tag.name in t.label or tag.name in t.quote),
        )
        for t in site.targets
    ]
