"""A claims ledger as data: claims, their anchors and source references, waivers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

LEDGER_NAME = "claims.yaml"


@dataclass(frozen=True)
class Anchor:
    """Where a claim stands in the text (after the W3C TextQuoteSelector)."""

    exact: str
    prefix: str = ""
    suffix: str = ""


#: A row's primary key as a ledger writes it: one value, several in key order, or by field.
Key = str | int | float | bool | tuple[Any, ...] | dict[str, Any]


@dataclass(frozen=True)
class Reference:
    """One cell of a data package."""

    package: str
    resource: str
    key: Key
    field: str
    line: int | None = None  # of the reference in the ledger


@dataclass(frozen=True)
class Derivation:
    """A value computed by one whitelisted operation over source cells (see ``compare.derive``)."""

    op: str
    of: tuple[Reference, ...]
    value: str  # the value the claim was checked against
    order: str = "ascending"
    within: dict[str, Any] = field(default_factory=dict)
    line: int | None = None


@dataclass(frozen=True)
class Acknowledgement:
    code: str
    reason: str
    text: str   # the number as it stood in the text
    value: str  # the source value at the time
    line: int | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    anchor: Anchor
    source: Reference | None = None
    value: str | None = None  # recorded source value, for a direct reference
    derive: Derivation | None = None
    slack: Decimal | None = None
    precision: Decimal | None = None  # what the text's number was rounded to ("1000")
    attribution: dict[str, str] = field(default_factory=dict)
    acknowledge: tuple[Acknowledgement, ...] = ()
    line: int | None = None
    review: str | None = None  # "pending": proposed, not yet checked by a person

    @property
    def pending(self) -> bool:
        """Whether the claim still awaits a person's review (``review: pending``)."""
        return self.review == "pending"

    @property
    def recorded_value(self) -> str:
        """The source value the claim was written against."""
        if self.derive is not None:
            return self.derive.value
        assert self.value is not None
        return self.value

    @property
    def references(self) -> tuple[Reference, ...]:
        if self.derive is not None:
            return self.derive.of
        assert self.source is not None
        return (self.source,)


@dataclass(frozen=True)
class Waiver:
    anchor: Anchor
    reason: str
    line: int | None = None
    id: str | None = None


@dataclass(frozen=True)
class Ledger:
    path: Path
    claims: tuple[Claim, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    article: str | None = None
    lang: str | None = None

    @property
    def packages(self) -> list[str]:
        """The packages the claims cite, sorted."""
        return sorted({ref.package for claim in self.claims for ref in claim.references})
