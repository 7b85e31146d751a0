"""Where each filing's record goes once it is judged: ``results.jsonl`` and the ``--resume``
state file, and every output format of the registry (``writers``), each in path order; the
``--format jsonl`` stream; and the tally the summary is made from.

Records are written as they come in, into the run's staging folder (``outputs.Outputs``),
which is published into ``--out`` as a whole when the batch ends (also when it is
interrupted), so the parent's memory stays flat however many filings there are, and until
then ``--out`` keeps the previous run's complete files. Filings are handed out in path
order, so a record almost always comes right after the one before it; the few that come
early wait in ``reorder``.
Results kept by ``--resume`` are read back from the earlier files when their turn comes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from compliance.batch import writers
from compliance.batch.outputs import RESULTS, STATE
from compliance.batch.records import Record
from compliance.batch.reorder import Reorder
from compliance.batch.resume import Earlier, Kept, state_header
from compliance.batch.summary import Tally
from compliance.batch.writers.base import Batch, Writer
from compliance.report.output_file import AtomicFile
from compliance.streams import send_to_nowhere

_BUFFER = 1 << 16  # bytes written at a time: one system call per many filings


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
        self._outputs: list[AtomicFile] = []  # the writers' files
        self._out = out
        self._waiting = Reorder(out)
        self._stream = stream
        self._reused = dict(reused or {})
        self._earlier = earlier
        self._next = 0  # the index of the next record to write
        self.tally = Tally()
        try:
            self._results = self._open(out / RESULTS)
            self._state = self._open(out / STATE)
            self._state.write(state_header(settings) + "\n")
            self.writers: list[Writer] = [writer(self._target, lang) for writer in writers.WRITERS]
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
        """Write what is still waiting and move results and state into place, as
        ``--resume`` reads those. After an interrupt what waits has gaps before it (filings
        not judged): it goes to the files but not to the stream, which only ever holds an
        unbroken run of results in path order."""
        for index in sorted([*self._reused, *self._waiting.waiting()]):
            self._write(self._take(index))
        for target in self._files:
            target.commit()
        return self.tally

    def write_outputs(self, batch: Batch) -> None:
        """Let every writer finish with the whole batch, then move its files into place."""
        for writer in self.writers:
            writer.finish(batch)
        for target in self._outputs:
            target.commit()

    def close(self) -> None:
        """Remove whatever was not committed."""
        for target in (*self._files, *self._outputs):
            target.discard()
        self._waiting.close()

    # -- internals -------------------------------------------------------------------------

    def _open(self, path: Path, encoding: str = "utf-8") -> TextIO:
        target = AtomicFile(path, encoding, _BUFFER)
        self._files.append(target)
        return target.handle

    def _target(self, name: str, encoding: str) -> TextIO:
        """A writer's file in --out, under a temporary name until ``write_outputs``."""
        target = AtomicFile(self._out / name, encoding, _BUFFER)
        self._outputs.append(target)
        return target.handle

    def _drain(self) -> None:
        """Write every record whose turn has come."""
        while (record := self._take(self._next)) is not None:
            self._emit(record)
        if self._stream is not None:
            self._to_stream(self._stream.flush)

    def _emit(self, record: Record) -> None:
        self._write(record)
        self._next += 1
        if self._stream is not None:
            self._to_stream(lambda: self._stream.write(record.line + "\n"))

    def _to_stream(self, action: Callable[[], object]) -> None:
        """Stream, until whoever reads the stream goes away (``| head``): then the stream
        stops and the batch goes on, since --out holds every result; nothing is written to
        the closed pipe again, not even by Python's last flush at exit."""
        try:
            action()
        except BrokenPipeError:
            stream, self._stream = self._stream, None
            send_to_nowhere(stream)

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
        for writer, piece in zip(self.writers, record.pieces, strict=True):
            writer.add(piece)
        self.tally.add(record)
