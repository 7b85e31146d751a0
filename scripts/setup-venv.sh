# Sourced by demo.sh and test.sh: make .venv and install the package spec given ($1).
# Needs only Python 3.11 (or 3.12), pip, venv and gcc: durable-rules compiles from source.
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
# Reinstall the project itself every time, so the tests never run an outdated copy.
.venv/bin/python -m pip install --quiet --force-reinstall --no-deps "$1" >/dev/null
.venv/bin/python -m pip install --quiet "$1"
