"""`compliance` and `python -m compliance`: the command, loaded with the cyclic garbage
collector held off.

Loading the command makes some 20,000 objects the collector tracks (modules, classes,
functions, the word table), all of which live until the process ends. Left on, the
collector walks them again and again while they are made, and once more at exit: a tenth
of a cold `compliance check`'s instructions (42 M of 423 M, callgrind). So it is off while
the command loads, what was loaded is then put out of its sight for good (``gc.freeze``),
and it runs as usual for the command itself.
"""

import gc


def main() -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        from compliance.cli import main as command
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    command()


if __name__ == "__main__":
    main()
