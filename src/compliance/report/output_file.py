"""Writing an output file whole or not at all: the report a user named (``check --output
FILE``) and each file a batch leaves in ``--out``.

Why not simply write the file: a report read while it is being written, or cut off by a
full disk, is worse than none, so a regular file is written beside it under a temporary
name and renamed into place once it is complete and on disk (``AtomicFile``). But renaming
replaces whatever the name held: a link would be replaced rather than written through, and
a pipe, a terminal or (for root) ``/dev/null`` would be destroyed. So for a name a user
gives, a link is followed to its target first, and what is not a regular file is written
into as it is (``write_whole``).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import TextIO

TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]+\.tmp\Z")
"""The name of an AtomicFile's temporary file: ``.{name}.{random}.tmp``."""

# Of the final name, at most this much goes into the temporary one, so that a name near the
# system's limit of 255 bytes still has room for the random part.
_NAME_KEPT = 200


class AtomicFile:
    """A file written under a temporary name beside ``path``, renamed over it by
    ``commit``; ``discard`` removes it instead. Either may be called more than once.
    ``buffering`` as for ``open``."""

    def __init__(self, path: Path, encoding: str = "utf-8", buffering: int = -1) -> None:
        fd, self._temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name[:_NAME_KEPT]}.", suffix=".tmp"
        )
        self.path = path
        self.handle: TextIO = os.fdopen(fd, "w", encoding=encoding, newline="", buffering=buffering)
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_whole(path: Path, text: str) -> None:
    """``text`` into ``path`` whole or not at all; its folder is made if need be. Raises
    OSError with the system's reason."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():  # a pipe or device; a folder refuses
        with open(target, "w", encoding="utf-8") as stream:
            stream.write(text)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    written = AtomicFile(target)
    try:
        written.handle.write(text)
        written.commit()
    finally:
        written.discard()
