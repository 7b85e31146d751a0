"""The README's "reviewer's year" runs as written: its five commands, through the installed
`compliance`, on two years of filings with the README's own waivers file, give the words
and exit statuses a reviewer is promised."""

from __future__ import annotations

import copy
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

INSTALLED = Path(sys.executable).parent / "compliance"
YEAR = "2022-2023"


def reviewer_block() -> tuple[list[list[str]], str]:
    """The commands of the README's reviewer's year, split as a shell would, and the
    waivers file shown after them."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**A reviewer's year**") :]
    commands = re.search(r"```sh\n(.*?)```", section, re.S).group(1).replace("\\\n", " ")
    waivers = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    return [shlex.split(line, comments=True) for line in commands.splitlines()], waivers


@pytest.mark.skipif(not INSTALLED.exists(), reason="the console script is not installed")
def test_the_readme_reviewers_year_runs_as_written(tmp_path, filing, board_spec):
    commands, waivers = reviewer_block()
    assert len(commands) == 5
    last = copy.deepcopy(board_spec)  # board 41234, school 12AB: the P-MR refused
    last["schools"][0]["years"][YEAR]["facts"]["WorkloadStaffCouncilConsent"] = False
    this = copy.deepcopy(board_spec)  # fixed; but 30,000 of 80,000 spent externally (NPO-007)
    this["schools"][0]["years"][YEAR]["lines"][0]["NpoInterventionExternalSpending"] = "25000.00"
    for folder, spec in (("filings-2023", last), ("filings-2024", this)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "b41234.xbrl").write_bytes(filing(spec))
    (tmp_path / "duo-reference").mkdir()
    (tmp_path / "duo-reference" / "arbeidsmarkttoelage.csv").write_text("school_year,brin\n")
    (tmp_path / "waivers.yaml").write_text(waivers, encoding="utf-8")
    environment = {**os.environ, "COMPLIANCE_TODAY": "2024-07-01"}  # the waiver's year

    outputs = []
    for command in commands:
        if command[0] != "compliance":  # opening the report in a browser
            assert (tmp_path / command[-1]).is_file()
            continue
        done = subprocess.run(
            [str(INSTALLED), *command[1:]],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        outputs.append((done.returncode, done.stdout, done.stderr))
    (first, _, _), (second, batch, _), (diff, compared, _), (check, checked, _) = outputs
    assert first == 1  # last year's refused consent is a violation
    assert second == 0, batch
    assert "1 bevinding met ontheffing (niet meegeteld)" in batch
    assert "ten opzichte van de vorige run: 1 nieuw, 1 opgelost, 0 ongewijzigd" in batch
    assert diff == 0 and "bestuur 41234: 1 nieuw, 1 opgelost, 0 ongewijzigd" in compared
    assert check == 0 and "met ontheffing, niet meegeteld" in checked
    assert "Externe inhuur toegelicht in de brief van 3 maart" in checked
