"""A copy of the bundled example project, for tests that change one."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_example(target: Path) -> Path:
    """A copy of the bundled example project at ``target`` (without the repository's cache)."""
    target.mkdir(parents=True)
    for name in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target
