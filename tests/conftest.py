"""Shared fixtures: the shipped catalogue, a checker per engine, a filing builder, the CLI.

Tests run against the installed package (scripts/test.sh installs it, not editable), so
what they check is what a user gets.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import subprocess
import threading
from pathlib import Path

import pytest
from browser import browser  # noqa: F401  (the shared real-browser fixture)
from click.testing import CliRunner

from compliance.authoring.instance_writer import write_instance
from compliance.check import Checker
from compliance.cli import main
from compliance.engine import make_engine
from compliance.read import load_taxonomy
from compliance.rules import load_catalogue

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def make_pipe(path: Path) -> Path:
    """A named pipe (FIFO) at ``path``."""
    os.mkfifo(path)
    return path


def write_into_pipe(path: Path, data: bytes, after: float = 0.0) -> threading.Timer:
    """A writer that opens the pipe ``path`` after ``after`` seconds and writes ``data``
    (opening waits for a reader); ``cancel()`` it before it starts, ``join()`` to wait."""
    writer = threading.Timer(after, path.write_bytes, args=(data,))
    writer.daemon = True
    writer.start()
    return writer

# The rule catalogue the catalogue, rule-case and generator tests run on: the shipped rules/,
# or a folder being edited (tests/test_generate.py runs them on a copy with one rule added).
_RULES_DIR = os.environ.get("COMPLIANCE_TEST_RULES_DIR")
RULES_DIR = Path(_RULES_DIR) if _RULES_DIR else None

DURABLE_AVAILABLE = importlib.util.find_spec("durable") is not None
ENGINES = ["durable", "python"] if DURABLE_AVAILABLE else ["python"]

# A one-school board whose every plan complies; tests change what they are about.
COMPLIANT_YEAR = {
    "facts": {
        "WorkloadFundsReceived": "61000.00",
        "WorkloadTeamConsultationHeld": True,
        "WorkloadTeamConsultationDate": "2022-09-12",
        "WorkloadStaffCouncilConsent": True,
        "WorkloadStaffCouncilConsentDate": "2022-10-03",
        "WorkloadSpendingPersonnel": "55000.00",
        "WorkloadSpendingMaterials": "6000.00",
        "NpoFundsReceived": "80000.00",
        "NpoSchoolScanCompleted": True,
        "NpoTeamInvolved": True,
        "NpoCouncilConsent": True,
    },
    "lines": [
        {
            "NpoInterventionCode": "B3",
            "NpoInterventionSpending": "60000.00",
            "NpoInterventionExternalSpending": "0.00",
        },
        {
            "NpoInterventionCode": "C1",
            "NpoInterventionSpending": "20000.00",
            "NpoInterventionExternalSpending": "5000.00",
        },
    ],
}
COMPLIANT_BOARD = {
    "board": "41234",
    "name": "Stichting Voorbeeld",
    "schools": [
        {
            "brin": "12AB",
            "type": "BAO",
            "name": "De Linde",
            "years": {"2022-2023": COMPLIANT_YEAR},
        }
    ],
}


@pytest.fixture(scope="session", autouse=True)
def _private_catalogue_cache(tmp_path_factory):
    """Tests (and the commands they start) keep their catalogue cache in a folder of their
    own, never in the user's ~/.cache."""
    os.environ["COMPLIANCE_CACHE_DIR"] = str(tmp_path_factory.mktemp("catalogue-cache"))


SAMPLE_REFERENCE = SAMPLES / "reference"  # the samples' own allowance list


@pytest.fixture(scope="session")
def catalogue():
    """The shipped catalogue judged with the samples' allowance list, so NPO-009 is in force."""
    return load_catalogue(RULES_DIR, reference_dir=SAMPLE_REFERENCE)


@pytest.fixture(scope="session")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="session")
def checkers(catalogue):
    """One checker per available engine, built once: compiling books is per process."""
    return {name: Checker(catalogue, make_engine(name)) for name in ENGINES}


@pytest.fixture(params=ENGINES)
def checker(request, checkers):
    """Each test using this runs once per engine."""
    return checkers[request.param]


@pytest.fixture
def board_spec():
    """A fresh deep copy of the compliant board, for a test to break."""
    return copy.deepcopy(COMPLIANT_BOARD)


@pytest.fixture
def filing(taxonomy):
    """Turn a board description into filing bytes (see authoring/instance_writer.py)."""

    def build(spec: dict) -> bytes:
        return write_instance(spec, taxonomy)

    return build


@pytest.fixture
def cli():
    """Run the compliance command in-process; returns click's Result (exit_code, stdout,
    stderr)."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)

    return run


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KB file system (tmpfs), where a root that may mount one can."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
