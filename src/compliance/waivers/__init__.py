"""Reviewers' waivers: a YAML file of known findings they accept (report-contract.md).

Load the file once (``load_waivers``), then ``Waivers.apply`` marks the findings of each
filing result it covers; the CLI's ``check`` and ``batch`` and the web server share both.
``load_waivers`` (and with it PyYAML) is imported when first used, not with the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compliance.waivers.applying import Waivers, entry_object, waiver_object
from compliance.waivers.errors import WaiverFileError

if TYPE_CHECKING:
    from compliance.waivers.loading import load_waivers

__all__ = ["WaiverFileError", "Waivers", "entry_object", "load_waivers", "waiver_object"]


def __getattr__(name: str) -> Any:
    if name == "load_waivers":
        from compliance.waivers.loading import load_waivers

        return load_waivers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
