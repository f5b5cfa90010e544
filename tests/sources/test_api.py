"""sourcecheck.sources: importing the package loads no data library; each module says what it holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sourcecheck.sources as sources


def test_importing_the_package_loads_no_data_library():
    code = ("import sys, sourcecheck.sources, sourcecheck.sources.record; "
            "print(sorted(m for m in ('pandas', 'frictionless', 'pandera') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_package_docstring_lists_every_module():
    folder = Path(sources.__file__).parent
    modules = {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}
    listed = {line.split()[0].removesuffix(".py") for line in (sources.__doc__ or "").splitlines()
              if line.startswith("    ") and line.split()[0].endswith(".py")}
    assert listed == modules
