"""Builds the reader's C part (src/compliance/read/_facts.c) into the wheel.

Why a build hook: the reader's hot loop in C reads a filing's facts in a fraction of what
lxml's per-element calls cost (compliance.read.compiled). It compiles against the headers
lxml ships (``lxml.get_include()``), so lxml is a build requirement too. Without a C
compiler the wheel is built without it, with a warning, and the pure-Python reader reads
the same filings to the same answers.

    python hatch_build.py --inplace    # build it next to the sources, for benchmarks/
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "src" / "compliance" / "read" / "_facts.c"
MODULE = "compliance.read._facts"


def compile_reader(build_dir: Path) -> Path:
    """Compile the extension into ``build_dir``; returns the built file."""
    import lxml
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extension = Extension(
        MODULE, [str(SOURCE)], include_dirs=lxml.get_include(), extra_compile_args=["-O2"]
    )
    command = build_ext(Distribution({"name": "compliance-reader", "ext_modules": [extension]}))
    command.build_lib = str(build_dir / "lib")
    command.build_temp = str(build_dir / "temp")
    command.ensure_finalized()
    command.run()
    return Path(command.get_ext_fullpath(MODULE))


def _in_package_name() -> str:
    return "compliance/read/_facts" + sysconfig.get_config_var("EXT_SUFFIX")


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, outside a build
    BuildHookInterface = object  # type: ignore[assignment,misc]


class CompiledReaderHook(BuildHookInterface):  # type: ignore[misc]
    """Adds the compiled reader to a wheel, and tags the wheel for this platform."""

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        self._build_dir = build_dir = Path(tempfile.mkdtemp(prefix="compliance-reader-"))
        try:
            built = compile_reader(build_dir)
        except Exception as error:  # no compiler, no headers: the Python reader serves
            self.app.display_warning(
                f"the compiled reader was not built ({error}); the pure-Python reader is used"
            )
            return
        build_data["force_include"][str(built)] = _in_package_name()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        build_dir = getattr(self, "_build_dir", None)
        if build_dir is not None:
            shutil.rmtree(build_dir, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["--inplace"]:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(prefix="compliance-reader-") as folder:
        built = compile_reader(Path(folder))
        target = ROOT / "src" / _in_package_name()
        target.write_bytes(built.read_bytes())
    print(f"built {target.relative_to(ROOT)}")
