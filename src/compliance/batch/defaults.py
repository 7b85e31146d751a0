"""The batch's defaults that the command line also shows, in one place.

This module imports nothing, and the package imports its parts only when asked for them,
so that ``cli.py`` can name these defaults without ``compliance check`` paying at start-up
for the batch machinery (multiprocessing, the report writers).
"""

from __future__ import annotations

DEFAULT_TIMEOUT = 60.0  # seconds one filing may take; an ordinary filing takes milliseconds
LONGEST_TIMEOUT = 86_400.0  # a day: past some 24 days the workers' poll cannot wait at all
