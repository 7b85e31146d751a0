"""Builds the C parts into the wheel: the reader's (src/compliance/read/_facts.c) and the
structure check's typing loop (src/compliance/model/_typing.c).

Why a build hook: the reader's hot loop in C reads a filing's facts in a fraction of what
lxml's per-element calls cost (compliance.read.compiled), and the typing loop types the
facts that pass every structural check (compliance.model.compiled). The reader compiles
against the headers lxml ships (``lxml.get_include()``), so lxml is a build requirement
too. Without a C compiler the wheel is built without them, with a warning, and the
pure-Python code reads and types the same filings to the same answers.

    python hatch_build.py --inplace    # build it next to the sources, for benchmarks/
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MODULES = ("compliance.read._facts", "compliance.model._typing")


def compile_modules(build_dir: Path) -> dict[str, Path]:
    """Compile the extensions into ``build_dir``; returns each module's built file."""
    import lxml
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extensions = [
        Extension(
            module,
            [str(ROOT / "src" / (module.replace(".", "/") + ".c"))],
            include_dirs=lxml.get_include(),
            extra_compile_args=["-O2"],
        )
        for module in MODULES
    ]
    command = build_ext(Distribution({"name": "compliance-c", "ext_modules": extensions}))
    command.build_lib = str(build_dir / "lib")
    command.build_temp = str(build_dir / "temp")
    command.ensure_finalized()
    command.run()
    return {module: Path(command.get_ext_fullpath(module)) for module in MODULES}


def _in_package_name(module: str) -> str:
    return module.replace(".", "/") + sysconfig.get_config_var("EXT_SUFFIX")


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, outside a build
    BuildHookInterface = object  # type: ignore[assignment,misc]


class CompiledPartsHook(BuildHookInterface):  # type: ignore[misc]
    """Adds the compiled parts to a wheel, and tags the wheel for this platform."""

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        self._build_dir = build_dir = Path(tempfile.mkdtemp(prefix="compliance-c-"))
        try:
            built = compile_modules(build_dir)
        except Exception as error:  # no compiler, no headers: the Python code serves
            self.app.display_warning(
                f"the C parts were not built ({error}); the pure-Python code is used"
            )
            return
        for module, path in built.items():
            build_data["force_include"][str(path)] = _in_package_name(module)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        build_dir = getattr(self, "_build_dir", None)
        if build_dir is not None:
            shutil.rmtree(build_dir, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["--inplace"]:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(prefix="compliance-c-") as folder:
        for module, path in compile_modules(Path(folder)).items():
            target = ROOT / "src" / _in_package_name(module)
            target.write_bytes(path.read_bytes())
            print(f"built {target.relative_to(ROOT)}")
