"""Worker processes that judge one filing at a time, so that no filing can be lost.

The parent always knows which filing each worker holds. When a worker dies, or holds a
filing past the time limit (and is then killed), that filing gets an ``error`` result with
a one-line reason, the worker is replaced, and the batch goes on. Workers are forked where
the platform allows it, so each starts in milliseconds with the catalogue already loaded;
a worker is started once and then judges filing after filing, so there is no per-filing
process start-up.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from compliance.batch.records import Record
from compliance.batch.words import WORDS
from compliance.batch.worker import BROKEN, WorkerSetup, serve

# (index, name) of one filing to judge.
Task = tuple[int, str]
# Builds the record of a filing whose check did not finish, from its name and the reason.
OnLost = Callable[[str, str], Record]

_STOP_GRACE = 2.0  # seconds a worker gets to leave after the last filing


class WorkerBroken(Exception):
    """A worker could not even build its checker (an engine that cannot run here): every
    worker would fail the same way, so the batch cannot go on."""


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = float("inf")


class Pool:
    """``jobs`` workers; use as a context manager, so that workers never outlive it."""

    def __init__(
        self, setup: WorkerSetup, jobs: int, timeout: float, on_lost: OnLost, lang: str
    ) -> None:
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if self._context.get_start_method() != "fork":
            setup = replace(setup, catalogue=None)  # spawned workers load their own
        self._setup = setup
        self._jobs = jobs
        self._timeout = timeout
        self._on_lost = on_lost
        self._words = WORDS[lang]
        self._workers: list[_Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self.close(graceful=kind is None)

    def run(self, tasks: list[Task]) -> Iterator[tuple[int, Record]]:
        """Judge every task; yields (index, record) once per task, in completion order."""
        pending = deque(tasks)
        while len(self._workers) < min(self._jobs, len(pending)):
            self._workers.append(self._start())
        while pending or any(worker.task for worker in self._workers):
            for worker in self._workers:
                if worker.task is None and pending:
                    self._assign(worker, pending.popleft())
            ready = set(wait(self._watched(), self._until_deadline()))
            for worker in self._workers:
                if worker.task is not None:
                    outcome = self._collect(worker, ready)
                    if outcome is not None:
                        yield outcome

    def close(self, graceful: bool = True) -> None:
        """Let idle workers leave (graceful) or kill them; either way, none is left."""
        for worker in self._workers:
            if graceful and worker.task is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + (_STOP_GRACE if graceful else 0)
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._stop(worker)
        self._workers = []

    # -- internals -------------------------------------------------------------------------

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=serve, args=(theirs, self._setup), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _assign(self, worker: _Worker, task: Task) -> None:
        """Hand ``task`` to ``worker``, replacing the worker first if it has gone."""
        if not worker.process.is_alive():
            self._renew(worker)
        try:
            worker.conn.send(task)
        except OSError:  # it died just now: a fresh worker takes the filing
            self._renew(worker)
            worker.conn.send(task)
        worker.task = task
        worker.deadline = time.monotonic() + self._timeout

    def _watched(self) -> list:
        busy = [worker for worker in self._workers if worker.task is not None]
        return [worker.conn for worker in busy] + [worker.process.sentinel for worker in busy]

    def _until_deadline(self) -> float:
        soonest = min(worker.deadline for worker in self._workers if worker.task is not None)
        return max(0.0, soonest - time.monotonic())

    def _collect(self, worker: _Worker, ready: set) -> tuple[int, Record] | None:
        """The outcome of the worker's filing if it has one now: its result, or an error
        result when the worker died or ran past the time limit."""
        index = worker.task[0]
        if worker.conn in ready or worker.process.sentinel in ready:
            message = self._receive(worker)
            if message is None:
                return self._lose(worker, self._died(worker))
            if message[0] == BROKEN:
                raise WorkerBroken(message[1])
            _, _, record, healthy = message
            worker.task = None
            if not healthy:
                self._renew(worker)
            return index, record
        if time.monotonic() >= worker.deadline:
            reason = self._words["timeout"].format(seconds=f"{self._timeout:g}")
            return self._lose(worker, reason)
        return None

    def _receive(self, worker: _Worker) -> tuple | None:
        try:
            return worker.conn.recv() if worker.conn.poll() else None
        except Exception:  # EOF, or a message cut off when the worker died mid-send
            return None

    def _died(self, worker: _Worker) -> str:
        worker.process.join(1.0)
        code = worker.process.exitcode
        if code is not None and code < 0:
            how = self._words["signal"].format(name=_signal_name(-code))
        else:
            how = self._words["exit_code"].format(code=code)
        return self._words["died"].format(how=how)

    def _lose(self, worker: _Worker, reason: str) -> tuple[int, Record]:
        index, name = worker.task
        worker.task = None
        self._renew(worker)
        return index, self._on_lost(name, reason)

    def _renew(self, worker: _Worker) -> None:
        """Replace the worker's process (killing it if need be) in place."""
        self._stop(worker)
        fresh = self._start()
        worker.process, worker.conn = fresh.process, fresh.conn
        worker.deadline = float("inf")

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        worker.process.close()


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
