"""Fixtures for the claims tests: hand-made mentions for unit tests of the comparison logic
(the integration tests and the example ledger use the real extractor)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

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
