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

