"""The one error a waivers file gives, apart from the YAML reading it (``loading``), so that
naming it costs no YAML import: a run without a waivers file never imports PyYAML (some
10 ms of a cold `compliance check`)."""

from __future__ import annotations


class WaiverFileError(Exception):
    """A waivers file that cannot be used: a usage error, one line naming file, entry
    and field."""
