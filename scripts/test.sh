#!/usr/bin/env bash
# Set up .venv with the package (installed, not editable: the tests use what a user gets)
# and its test tools, then run ruff and the test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-venv.sh '.[test]'
.venv/bin/python -m ruff check --quiet .
.venv/bin/python -m pytest "$@"
