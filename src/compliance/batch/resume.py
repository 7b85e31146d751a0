"""``--resume``: keep the results of an earlier run into the same ``--out`` that still hold.

A result is kept when the filing's bytes (sha256) and the settings it was judged under are
unchanged: the rule-set version (every rule, parameter and reference file), the tool
version, the language of the messages, the read limits and the monitoring definition.
Results with status ``error`` are judged again: they say the check did not finish (a crash,
a time limit), not what the filing is. The state file next to ``results.jsonl`` carries the
settings and each filing's monitoring contribution, so a kept result also counts in the
summary exactly as before.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from compliance.batch.inputs import sha256_of
from compliance.batch.records import ERROR, Record, record_from_line

STATE_VERSION = 1


@dataclass(frozen=True)
class Kept:
    """An earlier result: its line in results.jsonl and what the state file says of it."""

    line: str
    sha256: str
    contribution: dict


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


def load_kept(results_path: Path, state_path: Path, settings: dict) -> dict[str, Kept]:
    """Earlier results by file name, when both files are there and the settings match."""
    try:
        state_lines = state_path.read_text(encoding="utf-8").splitlines()
        result_lines = results_path.read_text(encoding="utf-8").splitlines()
        header = json.loads(state_lines[0]) if state_lines else {}
        if header.get("state_version") != STATE_VERSION or header.get("settings") != settings:
            return {}
        states = {}
        for text in state_lines[1:]:
            entry = json.loads(text)
            states[entry["file"]] = entry
        kept = {}
        for line in result_lines:
            result = json.loads(line)
            state = states.get(result["file"])
            if state is None or state["sha256"] != result["sha256"] or result["status"] == ERROR:
                continue
            kept[result["file"]] = Kept(line, result["sha256"], state["contribution"])
        return kept
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # missing or damaged: judge everything again


def reuse(names: list[str], kept: dict[str, Kept]) -> dict[str, Record]:
    """The records of ``names`` whose file is unchanged since it was judged."""
    reused = {}
    for name in names:
        earlier = kept.get(name)
        if earlier is not None and earlier.sha256 and sha256_of(name) == earlier.sha256:
            reused[name] = record_from_line(earlier.line, earlier.contribution)
    return reused


def write_state(handle: TextIO, settings: dict, records: list[Record]) -> None:
    handle.write(json.dumps({"state_version": STATE_VERSION, "settings": settings}) + "\n")
    for record in records:
        entry = {"file": record.name, "sha256": record.sha256, "contribution": record.contribution}
        handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
