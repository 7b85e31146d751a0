"""Where the shipped rules and schemas are.

An installed package carries them under ``compliance/_data``; a source checkout keeps them
at the repository root. Looking in both lets tests and developers run from either.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the package data folder {name!r} is missing; reinstall the package")


@cache
def rules_dir() -> Path:
    """The shipped rule catalogue, parameters and reference data."""
    return _data_dir("rules")


@cache
def schemas_dir() -> Path:
    """The taxonomy schema and the JSON Schemas for rule files and results."""
    return _data_dir("schemas")


def taxonomy_path() -> Path:
    return schemas_dir() / "bestedingsplannen-2024.xsd"
