"""Outputs do not depend on the process: the same filings give the same bytes whatever
Python's string-hash seed (a set's order changes with it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENGINES, SAMPLES


@pytest.mark.parametrize("engine", ENGINES)
def test_a_batch_writes_the_same_findings_whatever_the_hash_seed(tmp_path: Path, engine: str):
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "compliance", "batch", str(SAMPLES), "--out", str(out)]
        done = subprocess.run(
            [*command, "--engine", engine], env=env, capture_output=True, text=True
        )
        assert done.returncode in (0, 1), done.stderr[-500:]
        outputs.append(((out / "findings.csv").read_bytes(), (out / "results.jsonl").read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
