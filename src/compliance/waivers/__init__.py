"""Reviewers' waivers: a YAML file of known findings they accept (report-contract.md).

Load the file once (``load_waivers``), then ``Waivers.apply`` marks the findings of each
filing result it covers; the CLI's ``check`` and ``batch`` and the web server share both.
"""

from compliance.waivers.applying import Waivers, entry_object, waiver_object
from compliance.waivers.loading import WaiverFileError, load_waivers

__all__ = ["WaiverFileError", "Waivers", "entry_object", "load_waivers", "waiver_object"]
