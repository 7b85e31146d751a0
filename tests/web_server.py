"""`compliance serve` run as a user runs it: a child process on a free port of 127.0.0.1,
waited for until it answers, stopped (by its own process id) when the tests are done."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "samples" / "reference"  # the samples' allowance list


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _command() -> list[str]:
    installed = Path(sys.executable).parent / "compliance"
    if installed.exists():
        return [str(installed)]
    return [shutil.which("compliance") or "compliance"]


@contextlib.contextmanager
def running_server(
    *options: str, start_limit: float = 90.0, log: Path | None = None, env: dict | None = None
) -> Iterator[str]:
    """The base URL of a fresh server started with ``options`` (after `serve`); what it
    prints goes to ``log`` when given; ``env`` adds to its environment."""
    port = free_port()
    command = [*_command(), "serve", "--port", str(port), "--reference-dir", str(REFERENCE)]
    log = open(log or os.devnull, "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [*command, *options],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, start_limit)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"compliance serve exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/api/v1/rules", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"compliance serve did not answer within {limit:g} s")
