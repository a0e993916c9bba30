"""Problems found in input, reported like a compiler's: file:line: message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "警告：" if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class ProblemsFound(Exception):
    """Raised with every problem found, once they have all been collected."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
