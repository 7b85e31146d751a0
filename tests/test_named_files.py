"""A config or waivers file a user names may be a pipe (``--config <(...)``, a FIFO a
script fills): it is read once, and a pipe nothing has come through yet is waited on with a
word on stderr saying so, rather than in silence for ever."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

from compliance.named_files import read_named

COMPLIANT = SAMPLES / "compliant-one-school.xbrl"


def fifo(folder: Path, name: str = "pipe") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def write_later(path: Path, data: bytes, delay: float) -> threading.Thread:
    """A writer that opens the pipe after ``delay`` seconds and writes ``data`` into it."""

    def write() -> None:
        time.sleep(delay)
        with open(path, "wb") as handle:
            handle.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def test_a_config_in_a_pipe_nobody_writes_to_yet_is_waited_on_with_a_word(cli, tmp_path):
    pipe = fifo(tmp_path)
    writer = write_later(pipe, b'format = "json"\n', delay=1.5)
    result = cli("--config", pipe, "check", COMPLIANT)
    writer.join()
    assert f"{pipe} is een pipe waar nog niets door komt" in result.stderr
    assert "Ctrl-C stopt" in result.stderr
    assert result.exit_code == 0
    assert json.loads(result.stdout)["status"] == "compliant"  # the config it sent applies


def test_a_pipe_written_at_once_is_read_to_its_end_without_a_word(tmp_path, capsys):
    pipe = fifo(tmp_path)
    data = b"x" * 300_000  # more than a pipe holds at once
    writer = write_later(pipe, data, delay=0.0)
    assert read_named(pipe, "en") == data
    writer.join()
    assert capsys.readouterr().err == ""


def test_a_folder_is_refused_in_the_words_open_would_use(tmp_path):
    with pytest.raises(IsADirectoryError) as ours:
        read_named(tmp_path, "nl")
    with pytest.raises(IsADirectoryError) as opened:
        open(tmp_path, "rb")  # noqa: SIM115
    assert str(ours.value) == str(opened.value)
