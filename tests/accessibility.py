"""axe-core's accessibility findings on a page, for the browser tests."""

from __future__ import annotations


def serious_accessibility_violations(page, context: str | None = None) -> list[str]:
    """axe-core's serious and critical findings on the page (or within the `context`
    selector), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s): "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        for v in Axe().run(page, context=context).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
