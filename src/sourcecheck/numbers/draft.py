"""A draft of a mention: a number phrase's span, value and kind while it is being read."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .mention import Kind, Qualifier


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

    def bounds(self) -> tuple[Decimal, Decimal]:
        if self.low is not None and self.high is not None:
            return self.low, self.high
        if self.half_unit is None:
            return self.value, self.value
        return self.value - self.half_unit, self.value + self.half_unit


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    return Decimal(numerator) / Decimal(denominator)
