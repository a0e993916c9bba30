"""The anchors of paths.py: one spelling for the id a page writes and the links to it."""

from __future__ import annotations

import pytest
from fengong.pages import paths
from fengong.pages.render import render_pages


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (paths.block_anchor(32), "L32"),
        (paths.part_anchor(2), "part-2"),
        (paths.clause_anchor(1), "clause-1"),
        (paths.clause_anchor("2-1"), "clause-2-1"),
        (paths.tag_anchor("graduates"), "tag-graduates"),
        (paths.revision_anchor("v2"), "rev-v2"),
        (paths.revision_anchor("v2", "reworded"), "rev-v2-reworded"),
    ],
)
def test_anchors_are_spelled_once(anchor, expected):
    assert anchor == expected


def test_a_blocks_anchor_is_its_first_line(site_model):
    block = site_model.blocks[5]
    assert paths.notice_anchor(block) == paths.block_anchor(block.line) == f"L{block.line}"


def test_pages_write_the_anchors_paths_names(site_model):
    pages = render_pages(site_model)
    notice = pages[paths.NOTICE]
    assert all(f'id="{paths.notice_anchor(b)}"' in notice for b in site_model.blocks)
    tasks = pages[paths.TASKS_INDEX]
    assert all(f'id="{paths.tag_anchor(t.id)}"' in tasks for t in site_model.tags)
    assert all(f'id="{paths.part_anchor(p.number)}"' in tasks for p in site_model.parts)
    assert all(f'id="{paths.clause_anchor(c.slug)}"' in tasks for c in site_model.clauses)
    parts = pages[paths.PARTS_INDEX]
    assert all(f'id="{paths.part_anchor(p.number)}"' in parts for p in site_model.parts)


# Page and file URLs of both layouts, as url_of gives them: pages end in "/", files do not.
URLS = (
    "",
    "tasks/",
    "tasks/1/",
    "units/renshe/",
    "units/renshe/print/",
    "notices/gf-2018-39/",
    "notices/gf-2018-39/tasks/12/",
    "notices/gf-2018-42/clauses/3/",
    "downloads/tasks.json",
    "notices/gf-2018-39/downloads/units/caizheng.xlsx",
    "assets/fengong.css",
)


@pytest.mark.parametrize("base", [u for u in URLS if not u or u.endswith("/")])
def test_relative_links_are_what_posixpath_gives(base):
    """href's own relative path (faster, as a library makes tens of thousands of links) is
    posixpath.relpath's for every pair of URLs."""
    import posixpath

    for target in URLS:
        assert paths._relative(target, base) == posixpath.relpath("/" + target, "/" + base)
