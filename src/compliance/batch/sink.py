"""Where each filing's record goes once it is judged: ``results.jsonl``, the ``--resume``
state file and ``findings.csv``, each in path order; the ``--format jsonl`` stream; and the
tally the summary is made from.

Records are written as they come in, into temporary files beside the outputs that are
renamed into place when the batch ends (also when it is interrupted), so the parent's
memory stays flat however many filings there are, and until then ``--out`` keeps the
previous run's complete files. Filings are handed out in path order, so a record almost
always comes right after the one before it; the few that come early wait in ``reorder``.
Results kept by ``--resume`` are read back from the earlier files when their turn comes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from compliance.batch import csv_report
from compliance.batch.outputs import FINDINGS, RESULTS, STATE, AtomicFile
from compliance.batch.records import Record
from compliance.batch.reorder import Reorder
from compliance.batch.resume import Earlier, Kept, state_header
from compliance.batch.summary import Tally


class Sink:
    """Use as a context manager: files not committed by ``finish`` are removed on exit."""

    def __init__(
        self,
        out: Path,
        settings: dict,
        lang: str,
        stream: TextIO | None = None,
        reused: dict[int, Kept] | None = None,
        earlier: Earlier | None = None,
    ) -> None:
        self._files: list[AtomicFile] = []
        self._waiting = Reorder(out)
        self._stream = stream
        self._reused = dict(reused or {})
        self._earlier = earlier
        self._next = 0  # the index of the next record to write
        self.tally = Tally()
        try:
            self._results = self._open(out / RESULTS)
            self._state = self._open(out / STATE)
            self._findings = self._open(out / FINDINGS, csv_report.ENCODING)
            self._state.write(state_header(settings) + "\n")
            self._findings.write(csv_report.header_text(lang))
            self._drain()  # kept results that come before the first filing to judge
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Sink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, index: int, record: Record) -> None:
        """The record of filing ``index``, in whatever order the workers finish."""
        if index != self._next:  # an earlier filing is not done yet
            self._waiting.put(index, record)
            return
        self._emit(record)
        self._drain()

    def finish(self) -> Tally:
        """Write what is still waiting and move the files into place, results and state
        first, as ``--resume`` reads those. After an interrupt what waits has gaps before
        it (filings not judged): it goes to the files but not to the stream, which only
        ever holds an unbroken run of results in path order."""
        for index in sorted([*self._reused, *self._waiting.waiting()]):
            self._write(self._take(index))
        for target in self._files:
            target.commit()
        return self.tally

    def close(self) -> None:
        """Remove whatever was not committed."""
        for target in self._files:
            target.discard()
        self._waiting.close()

    # -- internals -------------------------------------------------------------------------

    def _open(self, path: Path, encoding: str = "utf-8") -> TextIO:
        target = AtomicFile(path, encoding)
        self._files.append(target)
        return target.handle

    def _drain(self) -> None:
        """Write every record whose turn has come."""
        while (record := self._take(self._next)) is not None:
            self._emit(record)
        if self._stream is not None:
            self._stream.flush()

    def _emit(self, record: Record) -> None:
        self._write(record)
        self._next += 1
        if self._stream is not None:
            self._stream.write(record.line + "\n")

    def _take(self, index: int) -> Record | None:
        kept = self._reused.pop(index, None)
        if kept is not None:
            return self._earlier.record(kept)
        return self._waiting.pop(index)

    def _write(self, record: Record) -> None:
        self._results.write(record.line)
        self._results.write("\n")
        self._state.write(record.state)
        self._state.write("\n")
        if record.csv:
            self._findings.write(record.csv)
        self.tally.add(record)
