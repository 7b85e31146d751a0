"""Which files a batch judges: the files named, and every ``*.xbrl`` and ``*.xml`` below the
folders named, each once, in one stable order (by path) whatever order the disk lists them in.
"""

from __future__ import annotations

import hashlib
import os
import stat

FILING_SUFFIXES = (".xbrl", ".xml")


class FolderNotPermitted(Exception):
    """A folder below the paths given that the user may not list: its filings cannot even
    be counted, so the batch does not start (a usage error naming the folder)."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = folder


def find_inputs(paths: list[str]) -> list[str]:
    """Every filing under ``paths`` as the path a result names it by, sorted, each once.

    A path that is not a folder is taken as a filing even when it does not exist or has
    another suffix: the user named it, so it gets a result (``unreadable`` if need be)
    rather than silently vanishing from the counts.
    """
    seen: dict[str, str] = {}
    for given in paths:
        for name in _walk(given) if os.path.isdir(given) else [given]:
            seen.setdefault(os.path.normcase(os.path.abspath(name)), name)
    return sorted(seen.values())


def _walk(folder: str) -> list[str]:
    """Every filing below ``folder``; a folder that cannot be listed raises OSError rather
    than silently dropping the filings in it from the batch."""

    def refuse(error: OSError) -> None:
        if isinstance(error, PermissionError):
            raise FolderNotPermitted(error.filename or folder) from error
        raise error

    found = []
    for root, _dirs, files in os.walk(folder, onerror=refuse):
        found.extend(
            os.path.join(root, file) for file in files if file.lower().endswith(FILING_SUFFIXES)
        )
    return found


def sha256_of(name: str) -> str:
    """The sha256 of a regular file's bytes, or "" when there is none to read.

    Only regular files are opened: a FIFO or device among the inputs would block the parent
    process forever, and the parent must stay free to watch the workers.
    """
    try:
        if not stat.S_ISREG(os.stat(name).st_mode):
            return ""
        with open(name, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""
