"""The files a batch leaves in ``--out``, each written atomically.

Every file is written to a temporary file in the same folder and then renamed over the old
one, so a reader (or a run killed half-way) only ever sees a complete old file or a complete
new one. ``results.jsonl`` holds one result object per line, ordered by path, exactly as
``check --format json`` gives it; the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from compliance.batch.records import Record

RESULTS = "results.jsonl"
FINDINGS = "findings.csv"
SUMMARY = "summary.json"
REPORT = "report.html"
STATE = "batch-state.jsonl"  # what --resume needs besides results.jsonl


def write_atomically(path: Path, write: Callable[[TextIO], None], encoding: str = "utf-8") -> None:
    """Write ``path`` through ``write(handle)`` into a temporary file, then rename it."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # as if created normally, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_atomically(path, lambda handle: handle.write(text), encoding)


def write_results(path: Path, records: list[Record]) -> None:
    """One JSON result object per line, in the order given (by path)."""

    def write(handle: TextIO) -> None:
        for record in records:
            handle.write(record.line)
            handle.write("\n")

    write_atomically(path, write)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
