"""A draft of a mention: a number phrase's span, value and kind while it is being read."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from .mention import Kind, Qualifier

# Kind's and Qualifier's members as plain attributes: every phrase looks one up (docs/performance.md)
KIND = SimpleNamespace(**Kind.__members__)
QUALIFIER = SimpleNamespace(**Qualifier.__members__)


@dataclass(slots=True)
class Draft:
    start: int
    end: int
    value: Decimal
    half_unit: Decimal | None
    kind: Kind
    qualifier: Qualifier = Qualifier.NONE
    ambiguous: str | None = None
    low: Decimal | None = None   # set for ranges and dates; else value -/+ half_unit
    high: Decimal | None = None
    link: bool = False           # a fraction written "twee op de drie"
    scaled_half: bool = False    # "een half miljoen", "a quarter million"
    unit: str | None = None      # ISO 4217 code of money ("EUR"), see Mention.unit
    # A mention's low and high: low and high when both are set, else value -/+ half_unit
    # (the value alone when half_unit is None); see extractor._extract.


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    return Decimal(numerator) / Decimal(denominator)
