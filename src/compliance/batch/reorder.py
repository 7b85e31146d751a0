"""Records that came in before an earlier filing's, waiting for their turn in path order.

Filings are handed out in path order, so a record usually arrives just after the one
before it and waits for nothing, or for a moment, while the other worker finishes. But a
filing that runs until ``--timeout`` holds back every record after it for that long:
thousands, at hundreds of filings a second. So only the first ``limit`` waiting records are
held in memory; the rest wait in an unnamed temporary file beside the outputs (pickled, as
they came through the pipe), which is emptied whenever nothing is waiting in it any more.
"""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path
from typing import BinaryIO

from compliance.batch.records import Record

LIMIT = 256  # records held in memory (a few kilobytes each)


class Reorder:
    def __init__(self, folder: Path, limit: int = LIMIT) -> None:
        self._folder = folder
        self._limit = limit
        self._memory: dict[int, Record] = {}
        self._spilled: dict[int, tuple[int, int]] = {}  # index → (offset, length)
        self._file: BinaryIO | None = None
        self._end = 0

    def __len__(self) -> int:
        return len(self._memory) + len(self._spilled)

    def put(self, index: int, record: Record) -> None:
        if len(self._memory) < self._limit:
            self._memory[index] = record
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(dir=self._folder)  # noqa: SIM115 (close())
        data = pickle.dumps(record, pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        self._spilled[index] = (self._end, len(data))
        self._end += len(data)

    def pop(self, index: int) -> Record | None:
        """The record of filing ``index`` if it is waiting, and no longer holds it."""
        record = self._memory.pop(index, None)
        if record is not None or index not in self._spilled:
            return record
        offset, length = self._spilled.pop(index)
        self._file.seek(offset)
        record = pickle.loads(self._file.read(length))
        if not self._spilled:  # start the file afresh rather than let it grow
            self._file.seek(0)
            self._file.truncate()
            self._end = 0
        return record

    def waiting(self) -> list[int]:
        """The indexes of every waiting record, in order."""
        return sorted([*self._memory, *self._spilled])

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
