"""One writer at a time in a data directory: imports and moves hold its lock.

The lock is flock(2) on the data directory itself (Linux and the BSDs; the office's machine
and CI are Linux): it leaves no lock file behind to clean up or commit, and the kernel drops
it when the process ends, however it ends, so a crashed import never blocks the next. A
second import waits for the first (it then reads what the first wrote, never a stale
revision) and, past the timeout, refuses in one line and changes nothing.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import messages as m

WAIT_SECONDS = 120.0  # an import of the real notice takes ~1 s; a 200-notice check, seconds
_POLL = 0.05
_held: dict[Path, int] = {}  # data directories this process holds, with its nesting depth


class Busy(Exception):
    """Another process held the data directory for the whole wait."""


@contextmanager
def held(data_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold data_dir's lock for the block, waiting up to `wait` seconds for another writer.
    Taken again inside the block by the same process, it is already held (a move and the
    import after it are one change)."""
    wait = WAIT_SECONDS if wait is None else wait
    key = data_dir.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    created = not data_dir.exists()
    data_dir.mkdir(parents=True, exist_ok=True)  # something to lock before the first import
    fd = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(m.LOCK_BUSY.format(wait=f"{wait:g}")) from None
                time.sleep(_POLL)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            if created and not any(data_dir.iterdir()):
                data_dir.rmdir()  # a first import that failed leaves no empty folder
    finally:
        os.close(fd)  # closing the last descriptor releases the lock
