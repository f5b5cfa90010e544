"""Intervals of numbers: the unit in which sourcecheck compares a text with its data.

"44%" is [43.5, 44.5); "more than 4,700" is (4700, +inf).  A claim holds when the
interval of the text and the interval of the source overlap.  Bounds are
:class:`~decimal.Decimal`; ``None`` is an unbounded side.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Interval:
    low: Decimal | None
    high: Decimal | None
    low_closed: bool = True
    high_closed: bool = True

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        return cls(value, value)

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval: low {self.low} > high {self.high}")

    def overlaps(self, other: Interval) -> bool:
        return _below(self, other) and _below(other, self)

    def __contains__(self, value: Decimal) -> bool:
        return self.overlaps(Interval.point(value))

    def __str__(self) -> str:
        low = "-inf" if self.low is None else str(self.low)
        high = "+inf" if self.high is None else str(self.high)
        return f"{'[' if self.low_closed else '('}{low}, {high}{']' if self.high_closed else ')'}"


def half_unit(exponent: int) -> Decimal:
    """Half a unit of a number's last written digit, given that digit's ``exponent``:
    0.5 for "87" (exponent 0), 0.05 for "40.2" (-1).  A figure rounded to that digit
    lies within this distance of the truth."""
    return _FIVE.scaleb(exponent - 1)


def precision_interval(value: Decimal) -> Interval:
    """The numbers ``value`` stands for as written: "40.2" is [40.15, 40.25)."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"{value} is not a finite number")
    half = half_unit(exponent)
    return Interval(value - half, value + half, high_closed=False)


_FIVE = Decimal(5)


def _below(a: Interval, b: Interval) -> bool:
    """Whether a's low end lies at or below b's high end, so that they can meet."""
    if a.low is None or b.high is None:
        return True
    if a.low < b.high:
        return True
    return a.low == b.high and a.low_closed and b.high_closed
