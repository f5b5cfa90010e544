"""A mention: one number as it stands in a text, read the way a careful reader reads it."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from ..interval import Interval


class Kind(StrEnum):
    PERCENT = "percent"
    PERCENTAGE_POINT = "percentage-point"  # "0,3 procentpunt", "2 percentage points", "5 pp"
    COUNT = "count"
    AMOUNT = "amount"
    RANK = "rank"          # rank or ordinal: "op één na", "nummer twee", "second"
    FRACTION = "fraction"  # "de helft", "twee op de drie", "one in five"
    YEAR = "year"
    DATE = "date"
    TIME = "time"
    DURATION = "duration"
    AGE = "age"
    RANGE = "range"        # "4.000 tot 6.000": low and high are the two ends


class Qualifier(StrEnum):
    NONE = "none"
    NEAR = "near"              # ongeveer, zo'n, rond, circa, about
    ABOVE = "above"            # meer dan, groter dan, more than, over, exceeding, ">"
    AT_LEAST = "at-least"      # minstens, ten minste, at least
    BELOW = "below"            # minder dan, less than, under
    AT_MOST = "at-most"        # hooguit, maximaal, at most
    JUST_UNDER = "just-under"  # bijna, een kleine, almost, just under
    JUST_OVER = "just-over"    # ruim, krap boven, just over, a little over
    ESTIMATED = "estimated"    # naar schatting, estimated
    ONLY = "only"              # slechts, maar, only: no numeric effect


class Mention(NamedTuple):
    """One number in a text.

    ``start``/``end`` are character offsets (``text[start:end] == mention.text``);
    ``line`` and ``column`` are 1-based and point at ``start``.  ``low``/``high``
    follow from the written precision only ("44%" is 43.5 to 44.5; a range gives
    its two ends); the qualifier's slack is applied by the claims check, not here.
    Percentages are in percent (44, not 0.44); fractions are ratios (0.5).

    A percentage stated without a figure ("een klein percentage", "the %") is a
    mention of kind percent with ``value``, ``low`` and ``high`` None (``vague``):
    it is reported, never linked to a source or compared.

    A named tuple, not a dataclass: immutable and compared by value alike, and made
    in one call with no Python code run (docs/performance.md).
    ``to_dict()`` gives the JSON form; ``_replace`` a changed copy.
    """

    start: int
    end: int
    line: int
    column: int
    text: str
    value: Decimal | None  # None: a percentage stated without a figure
    low: Decimal | None
    high: Decimal | None
    kind: Kind
    qualifier: Qualifier = Qualifier.NONE
    lang: str = "nl"
    ambiguous: str | None = None  # why the reading is uncertain, if it is
    unit: str | None = None  # ISO 4217 code for money ("EUR", "GBP", "USD"), else None

    @property
    def vague(self) -> bool:
        """Whether this is a percentage stated without a figure (no value)."""
        return self.value is None

    @property
    def interval(self) -> Interval:
        return Interval(self.low, self.high, high_closed=self.low == self.high)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "value": _num(self.value),
            "low": _num(self.low),
            "high": _num(self.high),
            "kind": str(self.kind),
            "qualifier": str(self.qualifier),
            "lang": self.lang,
            "ambiguous": self.ambiguous,
            "unit": self.unit,
        }


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")
