"""A config or waivers file a user names may be a pipe (``--config <(...)``, a FIFO a
script fills): it is read once, and a pipe nothing has come through yet is waited on with a
word on stderr saying so, rather than in silence for ever."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, make_pipe, write_into_pipe

from compliance.named_files import read_named

COMPLIANT = SAMPLES / "compliant-one-school.xbrl"


def test_a_config_in_a_pipe_nobody_writes_to_yet_is_waited_on_with_a_word(cli, tmp_path):
    pipe = make_pipe(tmp_path / "pipe")
    writer = write_into_pipe(pipe, b'format = "json"\n', after=1.5)
    result = cli("--config", pipe, "check", COMPLIANT)
    writer.join()
    assert f"{pipe} is een pipe waar nog niets door komt" in result.stderr
    assert "Ctrl-C stopt" in result.stderr
    assert result.exit_code == 0
    assert json.loads(result.stdout)["status"] == "compliant"  # the config it sent applies


def test_a_pipe_written_at_once_is_read_to_its_end_without_a_word(tmp_path, capsys):
    pipe = make_pipe(tmp_path / "pipe")
    data = b"x" * 300_000  # more than a pipe holds at once
    writer = write_into_pipe(pipe, data)
    assert read_named(pipe, "en") == data
    writer.join()
    assert capsys.readouterr().err == ""


def test_a_folder_is_refused_in_the_words_open_would_use(tmp_path):
    with pytest.raises(IsADirectoryError) as ours:
        read_named(tmp_path, "nl")
    with pytest.raises(IsADirectoryError) as opened:
        open(tmp_path, "rb")  # noqa: SIM115
    assert str(ours.value) == str(opened.value)
