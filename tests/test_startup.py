"""What a cold start imports: `compliance check` and `compliance batch` need neither pydantic
(the documented models are made on demand) nor PyYAML (only to read a waivers file or rule
files the catalogue cache does not hold). Each costs a cold start 10 ms or more. Checking one
file needs, for the same reason at 1 to 3 ms each, no jsonschema (only when rule files
changed), csv (an allowance list read from its file), tomllib (a config file), zipfile (a
zip sent as a filing), tempfile (a catalogue cache entry written) or signal (a batch's way
out); a batch writes its outputs through tempfile and XlsxWriter's zipfile. Nor does it
define a dataclass (compliance/plain_record.py says why), so it imports no dataclasses."""

from __future__ import annotations

import subprocess
import sys

import pytest

_PROBE = """
import sys
import {modules}
print(sorted(name for name in {unneeded!r} if name in sys.modules))
"""
_HEAVY = ("pydantic", "yaml")
_SOMETIMES = ("jsonschema", "csv", "tomllib", "zipfile", "tempfile", "signal")


def _imported(modules: str, unneeded: tuple[str, ...]) -> str:
    probe = _PROBE.format(modules=modules, unneeded=unneeded)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("modules", "unneeded"),
    [
        ("compliance.cli, compliance.check, compliance.waivers", _HEAVY + _SOMETIMES),
        ("compliance.cli, compliance.check", ("dataclasses",)),
        ("compliance.batch.runner", _HEAVY),
    ],
)
def test_a_cold_start_imports_no_module_only_some_runs_need(modules, unneeded):
    assert _imported(modules, unneeded) == "[]"


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


def test_the_command_loads_with_the_collector_off_and_then_freezes_what_it_loaded():
    # compliance/__main__.py: no collection walks the objects loading makes (a tenth of a
    # cold check's instructions went there); the collector is on again for the command
    probe = (
        "import gc, sys\n"
        "early = []  # collections once loading the command began, before the freeze\n"
        "def seen(phase, info):\n"
        "    early.append('compliance.cli' in sys.modules and gc.get_freeze_count() == 0)\n"
        "gc.callbacks.append(seen)\n"
        "sys.argv = ['compliance', '--version']\n"
        "from compliance.__main__ import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(any(early), gc.get_freeze_count() > 10_000, gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-3:] == ["False", "True", "True"]


@pytest.mark.parametrize("module", ["lxml.etree", "compliance.rules.catalogue", "click"])
def test_a_ctrl_c_while_the_command_loads_ends_it_quietly_with_status_130(module):
    # as if the user pressed Ctrl-C just as `module` was being imported: no traceback
    probe = (
        "import sys\n"
        "class CtrlC:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "sys.argv = ['compliance', 'check', 'x.xbrl']\n"
        "from compliance.__main__ import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (done.returncode, done.stderr, done.stdout) == (130, "", "")


def test_a_ctrl_c_while_the_batch_loads_its_runner_ends_it_quietly_with_status_130(tmp_path):
    # as if Ctrl-C came just as Python made one of the runner's dataclasses: Python 3.11
    # wraps what a field's __set_name__ raises in a RuntimeError, which is still a Ctrl-C
    argv = ["compliance", "batch", str(tmp_path), "--out", str(tmp_path / "out")]
    probe = (
        "import dataclasses, sys\n"
        "def ctrl_c(self, owner, name):\n"
        "    raise KeyboardInterrupt\n"
        "dataclasses.Field.__set_name__ = ctrl_c\n"
        f"sys.argv = {argv!r}\n"
        "from compliance.__main__ import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (done.returncode, done.stderr, done.stdout) == (130, "", "")
    assert not (tmp_path / "out").exists()  # nothing was done


def test_a_batch_start_with_its_definitions_kept_reads_no_yaml_and_validates_nothing():
    # the catalogue and monitoring.yaml, each checked against its schemas once and kept
    # (rules/cache.py): the first run keeps them, the second finds them
    probe = (
        "import sys\n"
        "from compliance.batch.monitoring import load_monitoring\n"
        "from compliance.rules import load_catalogue\n"
        "load_monitoring(load_catalogue())\n"
        "print(sorted(name for name in ('yaml', 'jsonschema') if name in sys.modules))\n"
    )
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
