"""Reading a file a user names (a config, waivers or baseline file): once, and never in
silence on a pipe nobody writes to.

Why a module of its own: ``open`` of a named pipe (FIFO) waits, without a word, until
some process opens it for writing, so ``--config PIPE`` with no writer hung the command
for ever, and a user saw nothing to say why. Refusing every file that is not a regular one
would refuse the pipes people mean (``--config <(make-config)``, a FIFO a script fills).
So a pipe is opened without waiting for a writer and then waited on: after
``_NOTICE_AFTER`` seconds with nothing come through it, the user is told on stderr what the
command waits for, and how to stop it; what comes is read as before. Reading once also
means that what is judged and what is fingerprinted are the same bytes (a pipe cannot be
read twice).
"""

from __future__ import annotations

import errno
import os
import select
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from compliance.words import say

# Seconds of waiting on an empty pipe before saying so: long enough that a pipe whose
# writer is under way (process substitution) is read without a word, short enough that a
# user is not left wondering.
_NOTICE_AFTER = 1.0
# where the system has them (not Windows, which has no such pipes to wait on)
_WITHOUT_WAITING = getattr(os, "O_NONBLOCK", 0) if hasattr(select, "poll") else 0
# the bytes as written (os.open opens in text mode on Windows), without waiting for a writer
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | _WITHOUT_WAITING


def read_named(path: Path, lang: str) -> bytes:
    """The bytes of the file at ``path``, read once."""
    with open_named(path, lang) as handle:
        return handle.read()


def open_named(path: Path, lang: str) -> BinaryIO:
    """The file at ``path``, open for reading (a pipe once something has come through it).
    OSError as ``open`` raises it: a folder gives IsADirectoryError naming the path."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        kind = os.fstat(fd).st_mode
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if stat.S_ISFIFO(kind) and _WITHOUT_WAITING:
            _wait_for_writer(fd, path, lang)
        os.set_blocking(fd, True)
        return open(fd, "rb")  # closes fd when it is closed
    except BaseException:  # Ctrl-C while waiting included
        os.close(fd)
        raise


def _wait_for_writer(fd: int, path: Path, lang: str) -> None:
    """Until something comes through the pipe, or its writer closes it; saying so once when
    nothing has come after ``_NOTICE_AFTER`` seconds."""
    waiting = select.poll()
    waiting.register(fd, select.POLLIN)
    if waiting.poll(int(_NOTICE_AFTER * 1000)):
        return
    print(say("file.waiting_for_pipe", lang, path=path), file=sys.stderr, flush=True)
    waiting.poll()
