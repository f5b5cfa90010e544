"""Like with like: the unit a text states for its number against the unit of the source value.

The source's unit is the row's ``unit`` cell when its resource has that column, else the
``unit`` property of the field in its Table Schema; the text's follows from the mention
(its kind, and its ``unit`` for money).  Units sourcecheck knows:

    percent, percentage-point, count     as written
    EUR, GBP, USD, ...                   an ISO 4217 code: three capital letters
    year, month, week, day, hour, minute a time unit (the plural is read too: "days")

Any other value ("people", "entries") is a unit sourcecheck does not judge: compared as
before units existed, as is a value with no unit at all.

A fraction in the text against a percent value is compared as a percent ("1 op de 6" is
16.67%).  Units that differ otherwise are an SC309 ``unit-mismatch``, never a comparison:
percent against percentage-point, a currency against a count, a percent or another
currency.  A bare number in the text ("44", kind count) states no unit of its own: it is
compared with a percent or a time unit, but not with money; an amount whose currency the
extractor did not name is compared with any currency.
"""

from __future__ import annotations

from decimal import Decimal

from ..interval import Interval
from ..numbers.mention import Kind, Mention

PERCENT = "percent"
PERCENTAGE_POINT = "percentage-point"
COUNT = "count"
TIME_UNITS = ("year", "month", "week", "day", "hour", "minute")

# what the text side can state besides these: a ratio, and money of an unnamed currency
_FRACTION = "fraction"
_AMOUNT = "amount"
_HUNDRED = Decimal(100)


def source_unit(written: str | None) -> str | None:
    """A source's unit as sourcecheck knows it ("days" -> "day"); None when unknown or empty."""
    text = (written or "").strip()
    if len(text) == 3 and text.isascii() and text.isalpha() and text.isupper():
        return text  # ISO 4217
    word = text.lower()
    if word in (PERCENT, PERCENTAGE_POINT, COUNT):
        return word
    singular = word[:-1] if word.endswith("s") else word
    return singular if singular in TIME_UNITS else None


def is_currency(unit: str | None) -> bool:
    return unit is not None and len(unit) == 3 and unit.isupper()


def text_unit(mention: Mention) -> str | None:
    """What the text states its number to be, in the terms of :func:`source_unit`."""
    if mention.unit:
        return mention.unit
    return {Kind.PERCENT: PERCENT, Kind.PERCENTAGE_POINT: PERCENTAGE_POINT, Kind.FRACTION: _FRACTION,
            Kind.COUNT: COUNT, Kind.AMOUNT: _AMOUNT}.get(Kind(mention.kind))


def mismatch(mention: Mention, unit: str | None) -> str | None:
    """Why ``mention`` cannot be compared with a source value in ``unit``; None when it can."""
    said = text_unit(mention)
    if unit is None or said is None or said == unit or _comparable(said, unit):
        return None
    return f"the text gives {_name(said)}, the source {_name(unit)}"


def in_source_unit(interval: Interval, mention: Mention, unit: str | None) -> Interval:
    """The text's interval in the source's unit: a fraction against a percent is scaled by 100."""
    if unit != PERCENT or text_unit(mention) != _FRACTION:
        return interval
    return Interval(None if interval.low is None else interval.low * _HUNDRED,
                    None if interval.high is None else interval.high * _HUNDRED,
                    interval.low_closed, interval.high_closed)


def _comparable(said: str, unit: str) -> bool:
    if said == _FRACTION:
        return unit == PERCENT
    if said == COUNT:  # a bare number: no unit of its own, but never money
        return not is_currency(unit)
    if said == _AMOUNT:  # money, currency not named
        return is_currency(unit)
    return False


def _name(unit: str) -> str:
    if is_currency(unit):
        return f"an amount in {unit}"
    return {PERCENT: "a percentage", PERCENTAGE_POINT: "percentage points", COUNT: "a count",
            _FRACTION: "a fraction", _AMOUNT: "an amount of money"}.get(unit, f"a number of {unit}s")
