"""A bounded pool of check worker processes for the server's event loop.

Each worker builds its Checker once (``worker.py``) and judges one upload at a time; a
request waits for an idle worker, hands it the bytes and awaits the answer without
blocking the event loop. A check past its time limit gets its worker killed and replaced
while the request answers a timeout, so one slow or hostile filing cannot stall the rest;
a worker that dies is replaced the same way. Workers are spawned, not forked: the server
process runs threads (the sender below, uvicorn's), and forking a threaded process can
hand the child a lock held forever; a spawned worker costs about a second, paid at start
and after a timeout only. The batch's process hygiene is reused: workers die with the
server (``start_worker_process``) and keep the garbage collector off their long-lived objects.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import pickle
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from compliance.web.options import ServeOptions
from compliance.web.worker import BROKEN, DONE, READY, serve

_START_LIMIT = 120.0  # seconds a new worker may take to build its checker


class PoolBroken(Exception):
    """A worker could not build its checker: every worker would fail the same way."""


class Busy(Exception):
    """More requests wait for a worker than the queue allows."""


class CheckTimeout(Exception):
    """The check took longer than the time limit; its worker was replaced."""


class CheckFailed(Exception):
    """The worker died or raised during the check; it was replaced."""


@dataclass(eq=False)
class _Slot:
    process: BaseProcess
    conn: Connection


class CheckPool:
    def __init__(self, options: ServeOptions) -> None:
        self._options = options
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Slot] = asyncio.Queue()
        self._slots: set[_Slot] = set()
        self._waiting = 0
        self._sender = ThreadPoolExecutor(max_workers=options.jobs, thread_name_prefix="send")
        self._renewals: set[asyncio.Task] = set()

    async def start(self) -> None:
        """Start every worker and wait until each has built its checker."""
        slots = await asyncio.gather(*(self._spawn() for _ in range(self._options.jobs)))
        for slot in slots:
            self._idle.put_nowait(slot)

    async def check(self, data: bytes, name: str, lang: str) -> dict:
        """The worker's answer for one upload (see ``worker.answer_of``)."""
        if self._waiting >= self._options.queue:
            raise Busy
        self._waiting += 1
        try:
            slot = await self._idle.get()
        finally:
            self._waiting -= 1
        message = pickle.dumps((name, lang, data), pickle.HIGHEST_PROTOCOL)
        try:
            reply = await asyncio.wait_for(self._ask(slot, message), self._options.timeout)
        except TimeoutError:
            self._renew(slot)
            raise CheckTimeout from None
        except (EOFError, OSError):
            self._renew(slot)
            raise CheckFailed("the worker stopped") from None
        except asyncio.CancelledError:  # its answer may still come: the pipe is out of step
            self._renew(slot)
            raise
        if reply[0] != DONE:
            self._renew(slot)
            raise CheckFailed(reply[1])
        self._idle.put_nowait(slot)
        return reply[1]

    async def close(self) -> None:
        for task in list(self._renewals):
            task.cancel()
        for slot in list(self._slots):
            self._stop(slot)
        self._sender.shutdown(wait=False, cancel_futures=True)

    # -- one exchange ----------------------------------------------------------------------

    async def _ask(self, slot: _Slot, message: bytes) -> tuple:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._sender, slot.conn.send_bytes, message)
        return await self._receive(slot)

    @staticmethod
    async def _receive(slot: _Slot) -> tuple:
        """The worker's next message, awaited on its pipe; EOFError when it has died."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = slot.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            loop.remove_reader(fd)
        return pickle.loads(slot.conn.recv_bytes())

    # -- processes --------------------------------------------------------------------------

    async def _spawn(self) -> _Slot:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=serve, args=(theirs, self._options), daemon=True)
        process.start()
        theirs.close()
        slot = _Slot(process, ours)
        self._slots.add(slot)
        try:
            reply = await asyncio.wait_for(self._receive(slot), _START_LIMIT)
        except (TimeoutError, EOFError, OSError):
            self._stop(slot)
            raise PoolBroken("a check worker did not start") from None
        if reply[0] == BROKEN:
            self._stop(slot)
            raise PoolBroken(reply[1])
        assert reply[0] == READY
        return slot

    def _renew(self, slot: _Slot) -> None:
        """Kill the slot's worker and start a fresh one in the background; it joins the
        idle workers once it is ready."""
        self._stop(slot)
        task = asyncio.get_running_loop().create_task(self._replace())
        self._renewals.add(task)
        task.add_done_callback(self._renewals.discard)

    async def _replace(self) -> None:
        with contextlib.suppress(PoolBroken):  # the next request's wait shows it
            self._idle.put_nowait(await self._spawn())

    def _stop(self, slot: _Slot) -> None:
        self._slots.discard(slot)
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        slot.conn.close()
