"""``--resume``: keep the results of an earlier run into the same ``--out`` that still hold.

A result is kept when the filing's bytes (sha256) and the settings it was judged under are
unchanged: the rule-set version (every rule, parameter and reference file), the tool
version, the language of the messages, the read limits and the monitoring definition.
Results with status ``error`` are judged again: they say the check did not finish (a crash,
a time limit), not what the filing is. The state file next to ``results.jsonl`` carries the
settings and each filing's monitoring contribution, so a kept result also counts in the
summary exactly as before.

The earlier files stay open while the batch runs and a kept result is read back only when
its turn comes to be written: the parent holds where each kept result is, never the
results themselves. (The new files replace the old ones by rename, which leaves the open
old ones readable.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from compliance.batch.inputs import sha256_of
from compliance.batch.records import ERROR, Digest, Record
from compliance.read.names import shown_name

STATE_VERSION = 2  # 2: each entry holds the profile the outputs need


@dataclass(frozen=True, slots=True)
class Kept:
    """An earlier result: the sha256 it was judged at, and where its lines start in the
    earlier results.jsonl and state file (byte offsets)."""

    sha256: str
    result_at: int
    state_at: int


def settings_of(
    rule_set: str, tool: str, lang: str, limits: tuple[int, int], monitoring_file: Path
) -> dict:
    """What a result depends on besides the filing itself."""
    return {
        "rule_set": rule_set,
        "tool": tool,
        "lang": lang,
        "limits": list(limits),
        "monitoring": hashlib.sha256(monitoring_file.read_bytes()).hexdigest(),
    }


def state_header(settings: dict) -> str:
    """The first line of the state file."""
    return json.dumps({"state_version": STATE_VERSION, "settings": settings})


@dataclass
class Earlier:
    """The results of an earlier run that may be kept; use as a context manager, so that
    the earlier files are closed. Empty (keeps nothing) unless ``load`` found them."""

    kept: dict[str, Kept] = field(default_factory=dict)  # by file name
    results: BinaryIO | None = None
    state: BinaryIO | None = None
    digest: Digest | None = None

    @classmethod
    def load(cls, results_path: Path, state_path: Path, settings: dict, digest: Digest) -> Earlier:
        """The earlier results, when both files are there and the settings match."""
        earlier = cls(digest=digest)
        try:
            earlier.state = open(state_path, "rb")  # noqa: SIM115 (closed by __exit__)
            earlier.results = open(results_path, "rb")  # noqa: SIM115
            earlier.kept = _kept(earlier.results, earlier.state, settings)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            earlier.kept = {}  # missing or damaged: judge everything again
        return earlier

    def __enter__(self) -> Earlier:
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in (self.results, self.state):
            if handle is not None:
                handle.close()

    def reuse(self, names: list[str]) -> dict[int, Kept]:
        """By index into ``names``: the kept results whose file is unchanged since."""
        reused = {}
        for index, name in enumerate(names):
            earlier = self.kept.get(shown_name(name))  # results name files as shown
            if earlier is not None and earlier.sha256 and sha256_of(name) == earlier.sha256:
                reused[index] = earlier
        self.kept = {}  # what is not reused now never will be
        return reused

    def record(self, kept: Kept) -> Record:
        """A kept result as a record, read back from the earlier files."""
        line = _line_at(self.results, kept.result_at)
        entry = json.loads(_line_at(self.state, kept.state_at))
        return self.digest.record_from_line(line, entry)


def _kept(results: BinaryIO, state: BinaryIO, settings: dict) -> dict[str, Kept]:
    header = json.loads(state.readline() or b"{}")
    if header.get("state_version") != STATE_VERSION or header.get("settings") != settings:
        return {}
    states = {}
    for offset, text in _lines(state, state.tell()):
        entry = json.loads(text)
        states[entry["file"]] = (entry["sha256"], offset)
    kept = {}
    for offset, text in _lines(results, 0):
        result = json.loads(text)
        sha256, state_at = states.get(result["file"], (None, 0))
        if sha256 is None or sha256 != result["sha256"] or result["status"] == ERROR:
            continue
        kept[result["file"]] = Kept(sha256, offset, state_at)
    return kept


def _lines(handle: BinaryIO, start: int) -> Iterator[tuple[int, str]]:
    """(offset, line) of every line from byte ``start`` on, without line ends."""
    handle.seek(start)
    offset = start
    for raw in handle:
        if raw.strip():
            yield offset, raw.decode("utf-8").rstrip("\n")
        offset += len(raw)


def _line_at(handle: BinaryIO, offset: int) -> str:
    handle.seek(offset)
    return handle.readline().decode("utf-8").rstrip("\n")
