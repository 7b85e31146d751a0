"""Writing a report into the file a user named (``check --output FILE``).

Why not simply write the file: a report read while it is being written, or cut off by a
full disk, is worse than none, so a regular file is written beside it and renamed into
place. But renaming replaces whatever the name held: a link would be replaced rather than
written through, and a pipe, a terminal or (for root) ``/dev/null`` would be destroyed. So
a link is followed to its target first, and what is not a regular file is written into as
it is.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """``text`` into ``path`` whole or not at all; its folder is made if need be. Raises
    OSError with the system's reason."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():  # a pipe or device; a folder refuses
        with open(target, "w", encoding="utf-8") as stream:
            stream.write(text)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):  # it may be what could not be made
            partial.unlink(missing_ok=True)
        raise
