"""Compliance checks for Dutch school boards' spending-plan filings.

The flow is read → model → rules → engine → report; each step is a subpackage.
"""

__version__ = "0.1.0"
