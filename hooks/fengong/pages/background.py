"""Work for the second CPU core: run a function in a forked child while the build goes on.

Rendering the pages, and building the downloads and the search index, need the same loaded
data but not each other, and each takes seconds on a large notice. A forked child shares the
parent's memory, so the data is neither reloaded nor pickled; only the result comes back.
Where fork is missing (Windows), or FENGONG_SERIAL is set, the work runs in-process when
its result is asked for: the same bytes either way.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


WORKER_NICENESS = 10


class BackgroundError(RuntimeError):
    """The work failed in the child; the message carries its traceback."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and not os.environ.get(
        "FENGONG_SERIAL"
    )


class Background(Generic[T]):
    def __init__(self, work: Callable[[], T], *, nice: bool = True):
        """nice: the child yields the CPU to the build (work it will not wait for soon);
        False for work the build waits for next, as its own."""
        self._work = work
        self._process = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._results, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, sender, nice), daemon=True)
            self._process.start()
            sender.close()  # the child holds its own copy; EOF reaches us if it dies

    def result(self) -> T:
        if self._process is None:
            return self._work()
        try:
            ok, value = self._results.recv()  # before join(): a large result fills the pipe
        except EOFError:
            ok, value = False, "the child process ended without a result"
        finally:
            self._results.close()
            self._process.join()
        if not ok:
            raise BackgroundError(value)
        return value

    def cancel(self) -> None:
        """Stop the child and reap it: the build failed elsewhere and will not ask."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._results.close()


def _run(work: Callable[[], object], sender: Connection, nice: bool) -> None:
    # The build waits on the process that renders the pages; a worker yields the CPU to it
    # and takes what is left (with two workers and two cores, the other core).
    if nice:
        os.nice(WORKER_NICENESS)
    try:
        outcome = (True, work())
    except BaseException:  # whatever it was, the parent reports it
        outcome = (False, traceback.format_exc())
    sender.send(outcome)
    sender.close()
