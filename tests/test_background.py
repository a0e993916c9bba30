"""The build's second core (fengong.pages.background): same result as in-process, errors
reported."""

from __future__ import annotations

import os

import pytest
from fengong.pages.background import Background, BackgroundError, can_fork


def make_files() -> dict[str, bytes]:
    return {f"downloads/{i}.txt": str(i).encode() * 1000 for i in range(2000)}


def test_forks_on_linux():
    assert can_fork()


def test_result_is_the_work_result_even_when_large():
    # ~7 MB through the pipe: more than its buffer, so recv() must come before join().
    assert Background(make_files).result() == make_files()


def test_runs_in_a_child_and_shares_loaded_data():
    loaded = {"pid": os.getpid()}
    child_pid = Background(lambda: (os.getpid(), loaded["pid"])).result()
    assert child_pid[0] != os.getpid()
    assert child_pid[1] == os.getpid()


def test_failure_carries_the_childs_traceback():
    def broken():
        raise ValueError("no such unit: renshe")

    with pytest.raises(BackgroundError, match="ValueError: no such unit: renshe"):
        Background(broken).result()


def test_a_child_that_dies_is_reported_not_awaited_forever():
    with pytest.raises(BackgroundError, match="ended without a result"):
        Background(lambda: os._exit(3)).result()


def test_serial_when_asked(monkeypatch):
    monkeypatch.setenv("FENGONG_SERIAL", "1")
    assert not can_fork()
    assert Background(lambda: os.getpid()).result() == os.getpid()


def test_cancel_stops_a_child_still_working():
    import time

    work = Background(lambda: time.sleep(60))
    started = time.perf_counter()
    work.cancel()
    assert time.perf_counter() - started < 5
    assert not work._process.is_alive()
