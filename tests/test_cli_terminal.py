"""What a person at a real terminal sees (tmux gives the test one): the batch's progress
line fits the window, and check's report is in colour unless NO_COLOR says otherwise."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import SAMPLES

INSTALLED = Path(sys.executable).parent / "compliance"
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or not INSTALLED.exists(), reason="needs tmux and the script"
)


def _in_terminal(command: str, width: int, tmp_path: Path, env: str = "") -> tuple[str, str]:
    """Run ``command`` in a detached tmux window ``width`` columns wide; the screen as
    plain text and with its escape sequences, once the command has ended. Each call has a
    tmux server of its own (``-L``): with one shared server, the previous test's last
    session ending shuts it down, and a new session asked for meanwhile failed to start."""
    name = f"compliance-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", name]
    done = tmp_path / "done"
    script = f"{env} {command}; touch {done}; sleep 30"
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", name, "-x", str(width), "-y", "40", script],
        check=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        plain = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True
        ).stdout
        coloured = subprocess.run(
            [*tmux, "capture-pane", "-p", "-e", "-t", name], capture_output=True, text=True
        ).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    assert done.exists(), plain
    return plain, coloured


def test_the_progress_line_fits_a_narrow_terminal_and_counts_the_unreadable(tmp_path, filing,
                                                                             board_spec):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(40):
        (folder / f"b{number:02d}.xbrl").write_bytes(filing(board_spec))
    (folder / "kapot.xbrl").write_bytes(b"%PDF-1.4")
    command = f"{INSTALLED} batch {folder} --out {tmp_path / 'out'} --jobs 1"
    plain, _ = _in_terminal(command, 44, tmp_path)
    lines = plain.splitlines()
    progress = [line for line in lines if "/41 " in line]
    assert progress, plain
    assert progress[-1].startswith("41/41 100%")
    assert "1 onleesbaar" in progress[-1]
    assert all(len(line) <= 44 for line in lines)
    assert "41 aanleveringen: 40 voldoen, 0 met bevindingen, 1 niet leesbaar" in (
        plain.replace("\n", "")
    )


def test_check_is_in_colour_on_a_terminal_and_not_with_no_color(tmp_path):
    command = f"{INSTALLED} check {SAMPLES / 'multi-school-problems.xbrl'}"
    plain, coloured = _in_terminal(command, 200, tmp_path)
    assert "OVERTREDING" in plain
    assert "\x1b[" in coloured  # severities painted
    (tmp_path / "done").unlink()
    _, uncoloured = _in_terminal(command, 200, tmp_path, env="NO_COLOR=1")
    assert "OVERTREDING" in uncoloured and "\x1b[" not in uncoloured
