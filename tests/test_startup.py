"""What a cold start imports: `compliance check` and `compliance batch` need neither pydantic
(the documented models are made on demand) nor PyYAML (only to read a waivers file or rule
files the catalogue cache does not hold). Each costs a cold start 10 ms or more."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
import compliance.cli, compliance.check, compliance.waivers, compliance.batch.runner
print(sorted(name for name in ("pydantic", "yaml") if name in sys.modules))
"""


def test_the_command_line_imports_neither_pydantic_nor_yaml():
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_the_documented_models_and_the_waivers_reader_still_import():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from compliance.waivers import load_waivers\n"
            "from compliance.model.documented import Board\n"
            "print(callable(load_waivers), Board.__name__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["True", "Board"]
