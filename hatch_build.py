"""Build hook: compiles the SIE kernel (``src/styra/sie/_kernel.c``) into the wheel.

The kernel is written against the stable ABI (``Py_LIMITED_API`` 3.11), so one build
serves every CPython from 3.11 on; the wheel is then tagged ``cp311-abi3-<platform>``.
setuptools' ``build_ext`` finds and drives the platform's compiler (gcc or clang, MSVC).
When there is no compiler, or it fails, the hook says so and the wheel stays pure Python
(``py3-none-any``): ``styra.sie`` then reads by its pure-Python path, with the same results.
``STYRA_SIE_KERNEL_BUILD=0`` leaves the kernel out on purpose.

An editable install (``uv sync``) reads ``styra`` from ``src/``, so there the kernel is
built in place, beside ``_kernel.c`` (``.gitignore`` keeps it out of git).
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("src/styra/sie/_kernel.c")
MODULE = "styra.sie._kernel"


def compile_kernel(root: Path, out: Path) -> Path:
    """The compiled extension, built under ``out``; raises when it cannot be built."""
    from setuptools import Distribution, Extension  # noqa: PLC0415 - a build requirement
    from setuptools.command.build_ext import build_ext  # noqa: PLC0415

    unix = os.name != "nt"
    extension = Extension(
        MODULE,
        sources=[str(root / SOURCE)],
        py_limited_api=True,
        define_macros=[("Py_LIMITED_API", "0x030B0000")],
        extra_compile_args=["-O2", "-Wall", "-Wextra"] if unix else ["/O2"],
    )
    command = build_ext(Distribution({"name": "styra", "ext_modules": [extension]}))
    command.build_lib = str(out / "lib")
    command.build_temp = str(out / "temp")
    command.ensure_finalized()
    command.run()
    built = Path(command.get_ext_fullpath(MODULE))
    if not built.is_file():
        raise FileNotFoundError(built)
    return built


def wheel_tag() -> str:
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"cp{sys.version_info.major}{sys.version_info.minor}-abi3-{platform}"


class KernelBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("STYRA_SIE_KERNEL_BUILD") == "0":
            return
        root = Path(self.root)
        self._temp = tempfile.mkdtemp(prefix="styra-kernel-")
        try:
            built = compile_kernel(root, Path(self._temp))
        except Exception as exc:  # no compiler, or it failed: the pure path serves
            self.app.display_warning(
                f"styra: the SIE kernel was not compiled ({type(exc).__name__}: {exc}); "
                "the pure-Python SIE reader is used"
            )
            return
        if version == "editable":
            shutil.copyfile(built, root / SOURCE.parent / built.name)
        else:
            build_data["force_include"][str(built)] = f"styra/sie/{built.name}"
        build_data["pure_python"] = False
        build_data["tag"] = wheel_tag()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temp = getattr(self, "_temp", None)
        if temp:
            shutil.rmtree(temp, ignore_errors=True)
