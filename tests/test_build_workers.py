"""The build's forked workers, seen from a whole MkDocs build: a worker that fails stops the
build with its traceback, and a build that fails elsewhere leaves no worker running."""

from __future__ import annotations

import time

import pytest
from fengong.pages import background, paths, qr, search
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort
from sitebuild import build_site


@pytest.fixture
def workers(monkeypatch) -> list[background.Background]:
    """Every Background the build starts."""
    started = []
    start = background.Background.__init__

    def recording(self, work, **kwargs):
        start(self, work, **kwargs)
        started.append(self)

    monkeypatch.setattr(background.Background, "__init__", recording)
    return started


@pytest.mark.parametrize(
    ("module", "name", "reported"),
    [
        (search, "index_files", "生成下载文件和搜索索引失败（原因见上）"),
        (qr, "make_codes", "生成二维码失败（原因见上）"),
    ],
)
def test_a_failing_worker_stops_the_build_with_its_traceback(
    tmp_path, monkeypatch, caplog, module, name, reported
):
    def broken(*args, **kwargs):
        raise ValueError("it cannot be made")

    monkeypatch.setattr(module, name, broken)
    with pytest.raises(Abort):
        build_site(tmp_path / "site")
    assert "ValueError: it cannot be made" in caplog.text  # the worker's traceback
    assert reported in caplog.text


def test_a_build_failing_after_the_data_stops_its_workers(tmp_path, monkeypatch, workers):
    def broken_page(*args, **kwargs):
        raise RuntimeError("a page cannot be written")

    def slow_index(*args, **kwargs):
        time.sleep(60)  # still working when the build fails, unless stopped

    monkeypatch.setattr(mkdocs_build, "_build_page", broken_page)
    monkeypatch.setattr(search, "index_files", slow_index)
    with pytest.raises(RuntimeError, match="a page cannot be written"):
        build_site(tmp_path / "site")
    assert len(workers) == 2  # the QR codes, and the downloads with the search index
    assert [w._process.is_alive() for w in workers] == [False, False]
    assert all(w._process.exitcode is not None for w in workers)  # reaped


def test_the_workers_files_are_in_the_site(tmp_path, workers):
    site = build_site(tmp_path / "site")
    assert len(workers) == 2
    assert (site / "downloads" / "tasks.xlsx").stat().st_size > 0
    assert (site / "search" / "fengong-index.json").stat().st_size > 0
    sheet = (site / paths.url_of("units/renshe/print.md") / "index.html").read_text("utf-8")
    assert sheet.count('class="fg-qr"') > 10 and "fengong-qr:" not in sheet  # slots filled


def test_a_library_renders_in_shares_that_make_the_whole(tmp_path):
    """The build renders a library's pages in two processes (hooks/site.py): the two shares
    hold every page once, as one process renders them."""
    from fengong.data.load import load_library
    from fengong.pages.render import render_library
    from library_sample import library_data

    library, _ = load_library(library_data(tmp_path))
    whole = render_library(library)
    first, second = (render_library(library, share=(k, 2)) for k in (0, 1))
    assert not first.keys() & second.keys()
    assert first | second == whole
    assert len(first) > len(whole) / 3 and len(second) > len(whole) / 3  # both do work
