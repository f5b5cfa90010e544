"""Fixtures for the claims tests.

Hand-made mentions are for unit tests of the comparison logic only; the integration
and mutation tests run the real extractor and the real data packages on a copy of the
repository's own example project.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from claims_support import copy_project

from sourcecheck.numbers.mention import Kind, Mention, Qualifier


def _make_mention(text: str, value: str, low: str | None, high: str | None, *,
                  kind: Kind = Kind.PERCENT, qualifier: Qualifier = Qualifier.NONE,
                  start: int = 0, lang: str = "nl") -> Mention:
    return Mention(start=start, end=start + len(text), line=1, column=start + 1, text=text,
                   value=Decimal(value), low=None if low is None else Decimal(low),
                   high=None if high is None else Decimal(high), kind=kind,
                   qualifier=qualifier, lang=lang)


@pytest.fixture
def make_mention() -> Callable[..., Mention]:
    """Build a mention as the extractor would give it."""
    return _make_mention


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the example project, safe to edit."""
    return copy_project(tmp_path / "project")
