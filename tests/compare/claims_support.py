"""Helpers shared by the claims tests (a module with a unique name, importable from them)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "articles" / "russen-in-servie"


def copy_project(target: Path) -> Path:
    """A copy of the repository's example project (articles, data, schemas, config)."""
    for name in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target
