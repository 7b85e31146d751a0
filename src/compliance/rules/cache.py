"""The checked catalogue kept between runs, so that a command starts without YAML parsing,
JSON Schema validation or importing jsonschema (issue 13 item 4: most of a cold
`compliance check` went there).

An entry is keyed by a digest of everything the loaded catalogue depends on (its *content
key*): the bytes of every file the loader reads, where they are, the package version and
the size and time of every source file the catalogue's code is in (``_code_stamp``: a
developer's edit invalidates it too). A file whose bytes match was validated when the entry
was written, so a hit needs no validation.

Reading and hashing the ~40 input files cost every start 6 ms, so a run first looks the
content key up by a *stat key* (``lookup``): a digest of how `stat` sees each input (device,
inode, size, modification and change time in ns) besides the names, version and code. As
Python's own .pyc, and git's index, this trusts that a file whose stat is unchanged has
unchanged bytes; unlike the .pyc check it includes the change time (ctime), which no
program can set: a same-size edit whose mtime was put back (``touch -r``, ``cp -p``,
``rsync -t``) still changes the ctime, and a file replaced by another (a new checkout, a
moved copy) changes the inode or ctime. Only one gap is left: two writes of the same size
within one tick of the file system's clock (Linux stamps files with a coarse clock, some
ms) leave the same stat. So, as git does for "racily clean" files, a stat key is only
trusted (written) when every input's ctime is at least ``_SETTLED_NS`` old: a write after
that gets a later ctime. Until then, and whenever the stat key misses, the content key is
computed from the bytes as before, and an entry under it is still found: a fresh copy of
the same files (a new checkout) costs only that, never a reload. On file systems whose
ctime is not a change time (FAT) a same-size edit with its mtime restored would not be
seen; COMPLIANCE_NO_CACHE=1 is the way out there.

Entries live in the user's cache folder ($COMPLIANCE_CACHE_DIR, else $XDG_CACHE_HOME or
~/.cache, under compliance/), never in the installed package. The cache is only a speed-up:
an entry that is missing, truncated, corrupt, written by another version or owned by
someone else is ignored and rebuilt, and a folder that cannot be written (a read-only home)
only means no entry is kept. COMPLIANCE_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from compliance import __version__

_MAGIC = b"compliance catalogue cache 1\n"
_DIGEST_SIZE = 64  # hex sha256 of the pickled payload, after the magic line
_KEEP = 8  # entries kept: a few rule folders (tests, a --rules-dir) without growing forever
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The package's folders a loaded catalogue's code is in ("" the top-level modules): the
# layers the rules may import (read -> model -> rules -> engine -> report, no upward
# imports), never engine/, report/, batch/, web/, waivers/ or authoring/. 37 files to
# stat instead of 100.
_CODE_FOLDERS = ("", "read", "model", "rules")
# How old every input's last change must be before its stat key is trusted (see above): more
# than any file system's timestamp tick (FAT's 2 s).
_SETTLED_NS = 3_000_000_000


def cache_dir() -> Path | None:
    """Where entries go; None when caching is turned off or there is no home to put it in."""
    if os.environ.get("COMPLIANCE_NO_CACHE"):
        return None
    chosen = os.environ.get("COMPLIANCE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory at all
            return None
    return Path(base) / "compliance"


class Lookup(NamedTuple):
    """What ``lookup`` found: the kept object (None on a miss) and the keys to keep a new
    one under (``keep``)."""

    value: object | None
    content: str | None  # the content key; None: an input is missing, nothing is kept
    stat: str | None  # the stat key to point at it; None when not (yet) to be trusted


def lookup(inputs: Sequence[Path], *names: str, kind: str = "catalogue") -> Lookup:
    """The object of ``kind`` kept for the files ``inputs`` read from ``names``: by their
    stat key when an earlier run left one, else by their content key (see the module's
    docstring)."""
    stat = stat_key(inputs, *names)
    if stat is None:
        return Lookup(None, None, None)
    key, settled = stat
    content = read_entry(key, "stat")
    if isinstance(content, str):
        kept = read_entry(content, kind)
        if kept is not None:
            return Lookup(kept, content, None)
    content = content_key(inputs, *names)
    if content is None:
        return Lookup(None, None, None)
    kept = read_entry(content, kind)
    pointer = key if settled else None
    if kept is not None and pointer is not None:
        write_entry(pointer, content, "stat")
    return Lookup(kept, content, pointer)


def keep(
    found: Lookup, value: object, inputs: Sequence[Path], *names: str, kind: str = "catalogue"
) -> None:
    """Keep ``value``, loaded from ``inputs`` after ``found`` missed, under its content key
    (and its stat key, when trusted); not when the files changed while it was loaded."""
    if found.content is None or content_key(inputs, *names) != found.content:
        return
    write_entry(found.content, value, kind)
    if found.stat is not None:
        write_entry(found.stat, found.content, "stat")


def stat_key(inputs: Iterable[Path], *names: str) -> tuple[str, bool] | None:
    """The digest of how `stat` sees ``inputs``, with ``names`` and this code, and whether
    every input last changed ``_SETTLED_NS`` ago or more; None when a file is missing."""
    digest = _digest_of(names)
    newest = 0
    try:
        for path in sorted(inputs):
            info = os.stat(path)
            newest = max(newest, info.st_ctime_ns, info.st_mtime_ns)
            facts = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
            digest.update(os.fsencode(path) + b"\0" + repr(facts).encode() + b"\0")
    except OSError:
        return None
    return digest.hexdigest(), time.time_ns() - newest >= _SETTLED_NS


def content_key(inputs: Iterable[Path], *names: str) -> str | None:
    """The digest of ``inputs`` (names and bytes), ``names`` (where they were read from)
    and this code; None when a file cannot be read (the loader will say why)."""
    digest = _digest_of(names)
    try:
        for path in sorted(inputs):
            data = path.read_bytes()
            digest.update(os.fsencode(path) + b"\0" + str(len(data)).encode() + b"\0" + data)
    except OSError:
        return None
    return digest.hexdigest()


def _digest_of(names: Iterable[str]) -> hashlib._Hash:
    digest = hashlib.sha256()
    for part in (__version__, sys.version, _code_stamp(), *names):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest


@cache
def _code_stamp() -> str:
    """Size and modification time of every source file of the package that the catalogue's
    classes and loader are in (``_CODE_FOLDERS``): any change to them must miss."""
    stamp = hashlib.sha256()
    for sub in _CODE_FOLDERS:
        folder = _PACKAGE_DIR / sub
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                info = os.stat(folder / name)
                stamp.update(f"{sub}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return stamp.hexdigest()


def read_entry(key: str, kind: str = "catalogue") -> object | None:
    """The object stored under ``key``, or None for a miss of any kind."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{kind}-{key}.pickle"
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None  # someone else could have written it: not trusted
            data = handle.read()
    except OSError:
        return None
    head = len(_MAGIC) + _DIGEST_SIZE
    payload = data[head:]
    if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : head] != _digest(payload):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a corrupt or foreign entry is a miss, whatever unpickling raised
        return None


def write_entry(key: str, value: object, kind: str = "catalogue") -> None:
    """Keep ``value`` under ``key``, atomically; any failure only means no entry."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        import tempfile  # only when writing an entry (1 ms of every start otherwise)

        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + _digest(payload) + payload)
            os.replace(temporary, folder / f"{kind}-{key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(folder, kind)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def _digest(payload: bytes) -> bytes:
    return hashlib.sha256(payload).hexdigest().encode()


def _prune(folder: Path, kind: str) -> None:
    """Remove all but the newest entries of ``kind``."""
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-_KEEP]:
        old.unlink(missing_ok=True)
