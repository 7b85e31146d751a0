"""Waiting for workers: which busy worker has a message for the parent, and which died.

The parent waits once per result, so the wait itself must cost next to nothing: one
``poll`` object for the whole run, with each busy worker's pipe and process sentinel in
it, rather than ``multiprocessing.connection.wait``, which builds and fills a new selector
on every call. (Where there is no ``poll``, on Windows, that function is used after all:
pipes there are not selectable by anything else.)
"""

from __future__ import annotations

import math
import select
from collections.abc import Hashable
from multiprocessing.connection import Connection, wait


class Watcher:
    """The pipes and sentinels of the workers being watched, each worker known by a key."""

    def __init__(self) -> None:
        self._poll = select.poll() if hasattr(select, "poll") else None
        self._handles: dict[object, tuple[Hashable, bool]] = {}  # → (key, is the sentinel)

    def add(self, key: Hashable, conn: Connection, sentinel: int) -> None:
        for handle, is_sentinel in ((self._handle(conn), False), (sentinel, True)):
            if self._poll is not None:
                self._poll.register(handle, select.POLLIN)
            self._handles[handle] = (key, is_sentinel)

    def remove(self, conn: Connection, sentinel: int) -> None:
        """Call before the pipe is closed: the next pipe may get the same numbers."""
        for handle in (self._handle(conn), sentinel):
            if self._poll is not None:
                self._poll.unregister(handle)
            del self._handles[handle]

    def wait(self, timeout: float | None) -> tuple[set, set]:
        """At most ``timeout`` seconds (None: no limit) until a watched worker has a
        message or has died; the keys of the workers with a message, and of those dead."""
        if self._poll is not None:
            limit = None if timeout is None else math.ceil(timeout * 1000)
            ready = [handle for handle, _ in self._poll.poll(limit)]
        else:
            ready = wait(list(self._handles), timeout)
        readable, dead = set(), set()
        for handle in ready:
            key, is_sentinel = self._handles[handle]
            (dead if is_sentinel else readable).add(key)
        return readable, dead

    def _handle(self, conn: Connection) -> object:
        return conn.fileno() if self._poll is not None else conn
