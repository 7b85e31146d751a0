"""The checked catalogue kept between runs, so that a command starts without YAML parsing,
JSON Schema validation or importing jsonschema (issue 13 item 4: most of a cold
`compliance check` went there).

An entry is keyed by a digest of everything the loaded catalogue depends on: the bytes of
every file the loader reads, where they are, the package version and the size and time of
every source file of the package (a developer's edit invalidates it too). A file whose
bytes match was validated when the entry was written, so a hit needs no validation.

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
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from compliance import __version__

_MAGIC = b"compliance catalogue cache 1\n"
_DIGEST_SIZE = 64  # hex sha256 of the pickled payload, after the magic line
_KEEP = 8  # entries kept: a few rule folders (tests, a --rules-dir) without growing forever
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


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


def content_key(inputs: Iterable[Path], *names: str) -> str | None:
    """The digest of ``inputs`` (names and bytes), ``names`` (where they were read from)
    and this code; None when a file cannot be read (the loader will say why)."""
    digest = hashlib.sha256()
    for part in (__version__, sys.version, _code_stamp(), *names):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    try:
        for path in sorted(inputs):
            data = path.read_bytes()
            digest.update(os.fsencode(path) + b"\0" + str(len(data)).encode() + b"\0" + data)
    except OSError:
        return None
    return digest.hexdigest()


@cache
def _code_stamp() -> str:
    """Size and modification time of every source file of the package: the classes an
    entry holds are defined there, so any change to them must miss."""
    stamp = hashlib.sha256()
    for folder, subfolders, files in os.walk(_PACKAGE_DIR):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                stamp.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return stamp.hexdigest()


def read_entry(key: str) -> object | None:
    """The object stored under ``key``, or None for a miss of any kind."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"catalogue-{key}.pickle"
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


def write_entry(key: str, value: object) -> None:
    """Keep ``value`` under ``key``, atomically; any failure only means no entry."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        import tempfile  # only when writing an entry (1 ms of every start otherwise)

        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".catalogue-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + _digest(payload) + payload)
            os.replace(temporary, folder / f"catalogue-{key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def _digest(payload: bytes) -> bytes:
    return hashlib.sha256(payload).hexdigest().encode()


def _prune(folder: Path) -> None:
    """Remove all but the newest entries."""
    entries = sorted(folder.glob("catalogue-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-_KEEP]:
        old.unlink(missing_ok=True)
