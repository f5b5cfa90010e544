"""Shared test fixtures: where the repository and the shared research folder are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# CI clones the repository next to a copy of shared/; so does every session.
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared folder is missing: expected it at {SHARED}")
    return SHARED


def copy_example(target: Path) -> Path:
    """A copy of the bundled example project at ``target`` (without the repository's cache)."""
    import shutil

    target.mkdir(parents=True)
    for name in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target
