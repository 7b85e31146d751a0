"""`compliance` and `python -m compliance`: the command, loaded with the cyclic garbage
collector held off.

Loading the command makes some 20,000 objects the collector tracks (modules, classes,
functions, the word table), all of which live until the process ends. Left on, the
collector walks them again and again while they are made, and once more at exit: a tenth
of a cold `compliance check`'s instructions (42 M of 423 M, callgrind). So it is off while
the command loads, what was loaded is then put out of its sight for good (``gc.freeze``),
and it runs as usual for the command itself.

A Ctrl-C while the command loads ends it quietly with the shell's status for an interrupt
(130): nothing has been done yet, and Python's own way would print the traceback of
whichever import it landed in. So does one that lands while a command imports what it needs
(the batch loads its runner only when it runs) and Python, making a class there, has wrapped
it in a RuntimeError: Python 3.11 does that to whatever a descriptor's ``__set_name__``
raises, a dataclass field's included (the whole-batch Ctrl-C test met it now and then).
"""

import gc
import sys

from compliance.exit_codes import EXIT_INTERRUPTED


def main() -> None:
    try:
        command = _load()
        command()
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except RuntimeError as error:
        if not isinstance(error.__cause__, KeyboardInterrupt):
            raise
        sys.exit(EXIT_INTERRUPTED)


def _load():
    enabled = gc.isenabled()
    gc.disable()
    try:
        from compliance.cli import main as command
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    return command


if __name__ == "__main__":
    main()
