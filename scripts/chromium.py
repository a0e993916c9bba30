"""Debian's Chromium as the browser tests and scripts/bench_search.py start it, and the local
static server they point it at: the one place for both.

Never `playwright install`: it downloads a browser build of its own, which this machine and
CI cannot fetch; Playwright drives /usr/bin/chromium (apt-get install chromium) instead.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Headless as root, and no background connections: this machine has no network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerFailed(RuntimeError):
    """The static server did not start, or stopped on its own; the message holds its output."""


def launch(playwright):
    """Chromium from a started sync Playwright (`with sync_playwright() as p: launch(p)`)."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: apt-get install -y chromium (make test does this)"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def serve(directory: Path, timeout: float = 15) -> Iterator[str]:
    """Serve directory with `python -m http.server` on 127.0.0.1; yields its base URL.

    The port is the one the system gives the server (port 0), read from what the server
    prints, so no other process can take it between choosing and binding. The server is
    stopped on exit; if it does not answer within `timeout`, or stops on its own before the
    caller is done, ServerFailed says so with everything it printed.
    """
    with tempfile.TemporaryDirectory(prefix="http-server-") as tmp:
        log = Path(tmp) / "server.log"  # read by path: the server keeps its own file offset
        with log.open("wb") as out:
            proc = subprocess.Popen(
                # -u: the line naming the port must reach the log as soon as it is printed.
                [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
                cwd=directory,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            base = _wait_until_it_answers(proc, log, timeout)
            yield base
            if proc.poll() is not None:
                raise ServerFailed(
                    f"the server for {directory} stopped (exit {proc.returncode}) "
                    f"before its users were done:\n{_output(log)}"
                )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_until_it_answers(proc: subprocess.Popen, log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    base = None
    while True:
        if base is None and (port := re.search(r" port (\d+) ", _output(log))):
            base = f"http://127.0.0.1:{port[1]}/"
        if base is not None:
            try:
                urllib.request.urlopen(base, timeout=1).close()
                return base
            except OSError:
                pass
        if proc.poll() is not None or time.monotonic() > deadline:
            state = f"exit {proc.returncode}" if proc.poll() is not None else "no answer"
            raise ServerFailed(
                f"http.server did not start ({state} after {timeout:g} s, "
                f"{base or 'no port printed'}):\n{_output(log)}"
            )
        time.sleep(0.05)


def _output(log: Path) -> str:
    return log.read_bytes().decode("utf-8", "replace")
