"""The files a batch leaves in ``--out``: all from one run, whatever interrupts it.

A run takes a lock on ``--out`` (``.compliance.lock``, flock: released by the system
however the process ends), so a second batch on the same folder refuses at once instead of
the two mixing or deleting each other's files. It writes every output, whichever writers
exist, into a fresh hidden folder inside ``--out`` (``Outputs.staging``; the files that grow
with the batch are streamed there while it runs, so the parent never holds them whole), and
only when all are complete moves them into ``--out`` (``publish``): the staging folder is
renamed to ``.compliance-publishing`` with the list of its files, then each file is renamed
over the old one, files of the previous run that this one did not write are removed, and
the list becomes ``.compliance-outputs``. SIGINT and SIGTERM are blocked for those few
renames; a run killed outright in the middle of them (SIGKILL, power loss) leaves the
publishing folder, and the next run into ``--out`` finishes the moves before anything else.
So a reader finds the previous run's files or this run's, never some of each; a run that
fails (a full disk) or is stopped before it publishes leaves the previous outputs untouched.
``results.jsonl`` holds one result object per line, ordered by path, exactly as
``check --format json`` gives it; the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from compliance.report.output_file import TEMPORARY

RESULTS = "results.jsonl"
STATE = "batch-state.jsonl"  # what --resume needs besides results.jsonl
LOCK = ".compliance.lock"
_STAGING = ".compliance-run-"  # + a random part: one per run
_PUBLISHING = ".compliance-publishing"
_MANIFEST = ".compliance-outputs"  # the files the last run published, one name a line


class OutBusy(OSError):
    """Another batch holds the lock on --out."""


class FolderInTheWay(IsADirectoryError):
    """A folder in --out has the name of an output; ``filename`` names it."""


class Outputs:
    """``--out`` for one run; use as a context manager. On entry: the folder is created if
    need be and locked, an interrupted publish is finished and what killed runs left is
    removed. Write into ``staging``; ``publish`` moves it all into place; on exit whatever
    was not published is removed and the lock released. ``busy`` is the one-line reason
    given when another batch holds the lock (the caller's words, in its language)."""

    def __init__(self, out: Path, busy: str) -> None:
        self.out = out
        self._busy = busy
        self._lock: TextIO | None = None
        self.staging: Path | None = None

    def __enter__(self) -> Outputs:
        self.out.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.out / LOCK, "a")  # closed by __exit__
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise OutBusy(errno.EBUSY, self._busy, str(self.out)) from None
        try:
            _finish_publishing(self.out)
            _remove_leftovers(self.out)
            self.staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=self.out))
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None

    def publish(self) -> None:
        """Move every file written in ``staging`` into ``--out`` (see the module's notes)."""
        names = sorted(p.name for p in self.staging.iterdir() if not p.name.startswith("."))
        _refuse_folders_in_the_way(self.out, names)
        staging, self.staging = self.staging, None
        with _signals_blocked():
            _write_list(staging / _MANIFEST, names)
            _fsync_folder(staging)
            os.rename(staging, self.out / _PUBLISHING)
            _fsync_folder(self.out)
            _finish_publishing(self.out)


def _refuse_folders_in_the_way(out: Path, names: list[str]) -> None:
    """A folder where an output goes cannot be renamed over: found only among the renames,
    it would leave the outputs before it this run's and those after it the previous run's."""
    for name in names:
        target = out / name
        if target.is_dir() and not target.is_symlink():
            raise FolderInTheWay(errno.EISDIR, os.strerror(errno.EISDIR), str(target))


def _finish_publishing(out: Path) -> None:
    """Finish moving a published run into ``out``; each step can be done again, so a run
    killed in the middle of this is finished by the next one."""
    publishing = out / _PUBLISHING
    if not publishing.is_dir():
        return
    names = _read_list(publishing / _MANIFEST)
    if names is None:  # killed before the list was complete: it never was published
        shutil.rmtree(publishing, ignore_errors=True)
        return
    for name in names:
        with contextlib.suppress(FileNotFoundError):  # moved already
            os.replace(publishing / name, out / name)
    for stale in set(_read_list(out / _MANIFEST) or ()) - set(names):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(out / stale)  # the previous run's, of a format this run did not write
    os.replace(publishing / _MANIFEST, out / _MANIFEST)
    _fsync_folder(out)
    shutil.rmtree(publishing, ignore_errors=True)


def _remove_leftovers(out: Path) -> None:
    """What killed runs left: staging folders, and temporary files of earlier versions,
    which wrote beside the outputs. Only called under the lock, so no other run is using
    any of it."""
    for path in out.iterdir():
        if path.name.startswith(_STAGING) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif TEMPORARY.match(path.name) and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()


def _write_list(path: Path, names: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(f"{name}\n" for name in names) + "end\n")
        handle.flush()
        os.fsync(handle.fileno())


def _read_list(path: Path) -> list[str] | None:
    """The names in a list written by ``_write_list``; None when it is missing or was cut
    short (its last line is "end")."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if lines[-2:] != ["end", ""]:
        return None
    return lines[:-2]


def _fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (a power cut must not undo half of them)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM wait (the kernel holds them) until the block is done."""
    wanted = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
