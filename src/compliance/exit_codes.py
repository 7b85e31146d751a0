"""The exit statuses of every command, as report-contract.md gives them, in one place:
the command line, its usage errors and the entry point that loads it all use them.

A module of constants only, so that the entry point can import it before it loads the
command (compliance/__main__.py)."""

EXIT_OK = 0  # compliant (check), or every filing judged without a finding that counts
EXIT_FINDINGS = 1  # a finding at or above --fail-on; for batch also an unreadable filing
EXIT_UNUSABLE = 2  # check: a file that cannot be read; a setup the command cannot use
EXIT_USAGE = 2  # a usage error (click's, in the user's language)
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C
EXIT_PIPE_CLOSED = 1  # click's own answer to a reader that went away (`| head`), kept
