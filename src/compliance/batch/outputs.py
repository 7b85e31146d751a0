"""The files a batch leaves in ``--out``, each written atomically.

Every file is written to a temporary file in the same folder and then renamed over the old
one, so a reader (or a run killed half-way) only ever sees a complete old file or a complete
new one. ``results.jsonl`` holds one result object per line, ordered by path, exactly as
``check --format json`` gives it; the same input gives the same bytes. The files that grow
with the batch are streamed into their temporary file while the batch runs (``AtomicFile``),
so that the parent never holds them whole.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

RESULTS = "results.jsonl"
STATE = "batch-state.jsonl"  # what --resume needs besides results.jsonl
_BUFFER = 1 << 16  # bytes written at a time: one system call per many filings


class AtomicFile:
    """A file written under a temporary name beside ``path``, renamed over it by
    ``commit``; ``discard`` removes it instead. Either may be called more than once."""

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        fd, self._temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        self.path = path
        self.handle: TextIO = os.fdopen(fd, "w", encoding=encoding, newline="", buffering=_BUFFER)
        self._open = True

    def commit(self) -> None:
        if not self._open:
            return
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.chmod(self._temporary, 0o666 & ~_umask())  # as if created normally, not 0600
            os.replace(self._temporary, self.path)
        except BaseException:
            self.discard()
            raise
        self._open = False

    def discard(self) -> None:
        if not self._open:
            return
        self._open = False
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self._temporary)


def remove_leftovers(out: Path, names: tuple[str, ...] = ()) -> None:
    """Remove temporary files a killed run left in ``out`` for results, state and the
    files ``names`` (its finished outputs stayed whole: they are only ever replaced by a
    rename)."""
    for name in (RESULTS, STATE, *names):
        for leftover in out.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_atomically(path: Path, write: Callable[[TextIO], None], encoding: str = "utf-8") -> None:
    """Write ``path`` through ``write(handle)`` into a temporary file, then rename it."""
    target = AtomicFile(path, encoding)
    try:
        write(target.handle)
        target.commit()
    finally:
        target.discard()


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_atomically(path, lambda handle: handle.write(text), encoding)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
