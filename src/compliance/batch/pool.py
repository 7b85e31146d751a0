"""Worker processes that judge one filing at a time, so that no filing can be lost.

The parent always knows which filings each worker holds: the one it is judging and the
one queued behind it in its pipe, so that a worker starts on its next filing the moment it
has sent a result instead of waiting for the parent to answer. A worker answers in the
order it was given filings, so the first filing it holds is the one it is working on. When
a worker dies, or holds that filing past the time limit (and is then killed), that filing
gets an ``error`` result with a one-line reason, the filing queued behind it goes back to
the front of the queue to be handed out again, the worker is replaced, and the batch goes
on. Workers are forked where the platform allows it, so each starts in milliseconds with
the catalogue already loaded; a worker is started once and then judges filing after
filing, so there is no per-filing process start-up. Before the first fork, everything the
parent holds (the catalogue above all) is frozen out of the garbage collector's sight, so
that no worker's collections walk those objects again and again, or copy the memory pages
they live on.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from compliance.batch.records import Record
from compliance.batch.watch import Watcher
from compliance.batch.worker import BROKEN, WorkerSetup, serve
from compliance.words import say

# (index, name) of one filing to judge.
Task = tuple[int, str]
# Builds the record of a filing whose check did not finish, from its name and the reason.
OnLost = Callable[[str, str], Record]

DEPTH = 2  # filings a worker holds at once: the one it judges and the next
_STOP_GRACE = 2.0  # seconds a worker gets to leave after the last filing


class WorkerBroken(Exception):
    """A worker could not even build its checker (an engine that cannot run here): every
    worker would fail the same way, so the batch cannot go on."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    tasks: deque[Task] = field(default_factory=deque)  # handed out, oldest (in work) first
    deadline: float = float("inf")  # for tasks[0]
    watched: bool = False  # its pipe and process are in the pool's watcher


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
        self._lang = lang
        self._workers: list[_Worker] = []
        self._watcher = Watcher()
        self._froze = False  # whether this pool froze the garbage collector's objects
        self._thaw = False  # and whether to unfreeze them at the end: nothing was frozen before

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self.close(graceful=kind is None)

    def run(self, tasks: Sequence[Task]) -> Iterator[tuple[int, Record]]:
        """Judge every task; yields (index, record) once per task, in completion order.
        Tasks are handed out in the order given (a filing handed back goes first again)."""
        pending = deque(tasks)
        while len(self._workers) < min(self._jobs, len(pending)):
            self._workers.append(self._start())
        while pending or any(worker.tasks for worker in self._workers):
            self._hand_out(pending)
            readable, dead = self._wait()
            for worker in self._workers:
                if worker.tasks and (worker in readable or worker in dead):
                    yield self._collect(worker, pending, worker in readable)
                if worker.tasks and time.monotonic() >= worker.deadline:
                    reason = say("batch.timeout", self._lang, seconds=f"{self._timeout:g}")
                    yield self._lose(worker, pending, reason)

    def close(self, graceful: bool = True) -> None:
        """Let idle workers leave (graceful) or kill them; either way, none is left."""
        for worker in self._workers:
            if graceful and not worker.tasks:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + (_STOP_GRACE if graceful else 0)
        for worker in self._workers:
            # ValueError: its process was closed by _renew just before an interrupt came,
            # and the fresh one not started yet: there is nothing left to stop
            with contextlib.suppress(ValueError):
                worker.process.join(max(0.0, deadline - time.monotonic()))
                self._stop(worker)
        self._workers = []
        if self._thaw:
            gc.unfreeze()
        self._froze = self._thaw = False

    # -- handing out -------------------------------------------------------------------------

    def _hand_out(self, pending: deque[Task]) -> None:
        """Give every worker its first filing, then every worker its next one."""
        for depth in range(1, DEPTH + 1):
            for worker in self._workers:
                if pending and len(worker.tasks) < depth:
                    self._assign(worker, pending)

    def _assign(self, worker: _Worker, pending: deque[Task]) -> None:
        """Hand the first pending task to ``worker``, replacing the worker first if it is
        idle and has gone. A busy worker that has gone keeps what it holds, and its death
        is reported for its filing by ``_collect``; the task stays pending."""
        task = pending[0]
        if not worker.tasks and not worker.process.is_alive():
            self._renew(worker)
        message = pickle.dumps(task, pickle.HIGHEST_PROTOCOL)  # as conn.send would, cheaper
        try:
            worker.conn.send_bytes(message)
        except OSError:
            if worker.tasks:
                return
            self._renew(worker)  # it died just now, holding nothing: a fresh one takes it
            worker.conn.send_bytes(message)
        pending.popleft()
        if not worker.tasks:
            worker.deadline = time.monotonic() + self._timeout
            self._watch(worker)
        worker.tasks.append(task)

    # -- collecting --------------------------------------------------------------------------

    def _wait(self) -> tuple[set[_Worker], set[_Worker]]:
        """Until a busy worker has something to say or has died, or the soonest deadline:
        the workers with a message waiting, and those that died."""
        soonest = min(worker.deadline for worker in self._workers if worker.tasks)
        timeout = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        return self._watcher.wait(timeout)

    def _collect(self, worker: _Worker, pending: deque[Task], readable: bool) -> tuple[int, Record]:
        """The next result the worker has sent, or an error result for the filing it was
        judging when it died. One message per wait: if there is another, the next wait
        returns at once."""
        message = self._receive(worker) if readable else None
        if message is None:  # its pipe is closed, or it died with nothing more to say
            return self._lose(worker, pending, self._died(worker))
        if message[0] == BROKEN:
            raise WorkerBroken(message[1])
        _, index, record, healthy = message
        worker.tasks.popleft()
        if worker.tasks:
            worker.deadline = time.monotonic() + self._timeout
        else:
            self._unwatch(worker)
        if not healthy:  # it leaves after this result: what it still holds goes back
            self._hand_back(worker, pending)
            self._renew(worker)
        return index, record

    def _receive(self, worker: _Worker) -> tuple | None:
        try:
            return pickle.loads(worker.conn.recv_bytes())
        except Exception:  # EOF, or a message cut off when the worker died mid-send
            return None

    def _died(self, worker: _Worker) -> str:
        worker.process.join(1.0)
        code = worker.process.exitcode
        if code is not None and code < 0:
            how = say("batch.signal", self._lang, name=_signal_name(-code))
        else:
            how = say("batch.exit_code", self._lang, code=str(code))
        return say("batch.died", self._lang, how=how)

    def _lose(self, worker: _Worker, pending: deque[Task], reason: str) -> tuple[int, Record]:
        """The error result of the filing the worker was judging; the worker is replaced
        and the filings queued behind that one are handed out again."""
        index, name = worker.tasks.popleft()
        self._hand_back(worker, pending)
        self._renew(worker)
        return index, self._on_lost(name, reason)

    @staticmethod
    def _hand_back(worker: _Worker, pending: deque[Task]) -> None:
        """Put the worker's queued filings back at the front of the queue, in order."""
        pending.extendleft(reversed(worker.tasks))
        worker.tasks.clear()

    # -- processes ---------------------------------------------------------------------------

    def _start(self) -> _Worker:
        if self._context.get_start_method() == "fork" and not self._froze:
            # what the workers inherit (the catalogue) is frozen before the first fork, even
            # when the command froze what it loaded (compliance/__main__.py) before
            self._thaw = gc.get_freeze_count() == 0
            gc.freeze()
            self._froze = True
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=serve, args=(theirs, self._setup), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _renew(self, worker: _Worker) -> None:
        """Replace the worker's process (killing it if need be) in place."""
        self._stop(worker)
        fresh = self._start()
        worker.process, worker.conn = fresh.process, fresh.conn
        worker.deadline = float("inf")

    def _stop(self, worker: _Worker) -> None:
        self._unwatch(worker)  # before closing: forked siblings hold copies of these fds
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        worker.process.close()

    def _watch(self, worker: _Worker) -> None:
        if not worker.watched:
            self._watcher.add(worker, worker.conn, worker.process.sentinel)
            worker.watched = True

    def _unwatch(self, worker: _Worker) -> None:
        if worker.watched:
            self._watcher.remove(worker.conn, worker.process.sentinel)
            worker.watched = False


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
