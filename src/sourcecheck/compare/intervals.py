"""The interval rules: what a number in the text and a value in a source each allow.

Text side: the mention's written precision ("44%" is [43.5, 44.5)), widened by rounding,
then its qualifier.  *v* is the value, *s* the qualifier's slack, *h* half the claim's
``precision`` (0 without one):

    qualifier    example (nl / en)                  interval of the text
    none, only   44% / slechts 3%, only 3%          the number: written precision, rounding
    near         ongeveer 4.700 / about 4,700       [low x (1 - s), high x (1 + s)]
    estimated    naar schatting 70% / an estimated  [low x (1 - s), high x (1 + s)]
    just-over    ruim 200.000 / just over           (v - h, v + |v| s + h]
    above        meer dan 200.000 / more than       (v - h, v + |v| s + h]
    at-least     minstens 300 / at least 300        [v - h, v + |v| s + h]
    just-under   een kleine 200.000 / almost        [v - |v| s - h, v + h)
    below        minder dan 5% / less than 5%       [v - |v| s - h, v + h)
    at-most      hooguit 5% / at most 5%            [v - |v| s - h, v + h]

Rounding: trailing zeros of a whole count or amount are rounding, not precision
("120.000" is [115000, 125000)), never coarser than two significant digits ("200.000"
is [195000, 205000)); see :func:`rounding_interval`.  A claim's ``precision`` ("1000")
replaces that rule, and a claim's ``slack`` on a number without a qualifier widens
the number by that fraction.  A directional window runs from the value to the side its
words imply, finite: unbounded on its far side only for the value 0.

Source side: the precision of the cell as written ("40.2" is [40.15, 40.25); "87" is
[86.5, 87.5)), then the row's ``bound`` column: ``exact`` (or empty), ``approx``
(widened by the ``approx`` slack like "near"), ``above``, ``below``, ``at-least``,
``at-most``.

A claim holds when the two intervals overlap.  The slack of each qualifier is a
fraction of the value; the defaults are :data:`~sourcecheck.config.DEFAULT_SLACK`,
overridable in ``[tool.sourcecheck.slack]`` of pyproject.toml and per claim (``slack:``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..interval import Interval, half_unit, precision_interval
from ..numbers.mention import Kind, Mention, Qualifier

BOUNDS = ("exact", "approx", "above", "below", "at-least", "at-most")

#: Kinds whose whole numbers are read with their trailing zeros as rounding.  Years, dates,
#: times, ranks, durations and ages are exact as written; a percentage's digits are its
#: precision (its only such whole numbers are 100, 200...: "100%" says "all").
ROUNDED_KINDS = frozenset({Kind.COUNT, Kind.AMOUNT, Kind.RANGE})

#: The qualifiers whose window lies above the value, and those whose window lies below it.
UPWARD = frozenset({Qualifier.JUST_OVER, Qualifier.ABOVE, Qualifier.AT_LEAST})
DOWNWARD = frozenset({Qualifier.JUST_UNDER, Qualifier.BELOW, Qualifier.AT_MOST})


def text_interval(mention: Mention, slack: dict[str, Decimal], override: Decimal | None = None,
                  precision: Decimal | None = None) -> Interval:
    """The interval the text allows for ``mention``: rounding, then its qualifier's window.

    ``override`` is a claim's ``slack`` (it replaces the qualifier's; on a number without
    a qualifier it widens the number), ``precision`` a claim's ``precision`` (the text's
    number was rounded to it: half of it either side).
    """
    qualifier = Qualifier(mention.qualifier)
    if mention.low is None or mention.high is None or mention.value is None:
        return Interval(None, None)
    value = mention.value
    half = abs(precision) / 2 if precision is not None else Decimal(0)
    if qualifier in UPWARD or qualifier in DOWNWARD:
        s = override if override is not None else slack[qualifier.value]
        return _window(value, qualifier, s, half)
    if precision is not None:
        number = _hull(mention.interval, Interval(value - half, value + half, high_closed=False))
    elif qualifier in (Qualifier.NEAR, Qualifier.ESTIMATED):
        number = mention.interval  # the qualifier's slack stands for the rounding too
    else:
        number = rounding_interval(mention)
    if qualifier in (Qualifier.NEAR, Qualifier.ESTIMATED):
        s = override if override is not None else slack[qualifier.value]
        return _widen(number.low, number.high, s)
    if override is not None:  # none, only: a claim's slack widens the number itself
        return _widen(number.low, number.high, override)
    return number


def rounding_interval(mention: Mention) -> Interval:
    """The written precision of ``mention``, widened where its trailing zeros are rounding.

    A whole count or amount ends in zeros because it was rounded: "120.000" stands for
    anything that rounds to it at its last non-zero digit, [115000, 125000).  Never coarser
    than two significant digits: "200.000" is [195000, 205000), "300" [295, 305).  A
    written decimal keeps its precision ("2,50" is [2.495, 2.505)); a range widens each end.
    """
    written = mention.interval
    low, high = mention.low, mention.high
    if mention.kind not in ROUNDED_KINDS or low is None or high is None or mention.value is None:
        return written
    if mention.kind == Kind.RANGE:
        low_half, high_half = _rounding_half(low), _rounding_half(high)
        if low_half is None and high_half is None:
            return written
        return Interval(low - (low_half or 0), high + (high_half or 0), high_closed=False)
    if high - low >= 1 and low <= mention.value <= high:  # written without decimals
        half = _rounding_half(mention.value)
        if half is not None and 2 * half > high - low:
            return _hull(written, Interval(mention.value - half, mention.value + half, high_closed=False))
    return written


def _rounding_half(value: Decimal) -> Decimal | None:
    """Half a unit of the digit ``value`` was rounded to, if its trailing zeros say it was."""
    if value != value.to_integral_value() or value == 0:
        return None
    digits = value.copy_abs().to_integral_value().normalize().as_tuple()
    exponent = digits.exponent
    assert isinstance(exponent, int)
    zeros = exponent  # normalize() moves trailing zeros into the exponent
    length = len(digits.digits) + zeros
    place = min(zeros, length - 2)  # never coarser than two significant digits
    return half_unit(place) if place >= 1 else None


def _window(value: Decimal, qualifier: Qualifier, s: Decimal, half: Decimal) -> Interval:
    """A directional qualifier's window: one-sided, finite unless the value is 0."""
    reach = abs(value) * s + half
    far = None if value == 0 and half == 0 else reach  # "more than 0": no scale to take s of
    if qualifier in UPWARD:
        high = None if far is None else value + far
        return Interval(value - half, high, low_closed=qualifier is Qualifier.AT_LEAST)
    low = None if far is None else value - far
    return Interval(low, value + half, high_closed=qualifier is Qualifier.AT_MOST)


def _hull(a: Interval, b: Interval) -> Interval:
    """The smallest interval holding both ``a`` and ``b`` (both bounded)."""
    assert a.low is not None and a.high is not None and b.low is not None and b.high is not None
    low, low_closed = min((a.low, not a.low_closed), (b.low, not b.low_closed))
    high, high_closed = max((a.high, a.high_closed), (b.high, b.high_closed))
    return Interval(low, high, not low_closed, high_closed)


def source_interval(raw: str, bound: str | None, slack: dict[str, Decimal]) -> Interval:
    """The interval a source cell allows: the precision of ``raw`` as written, then ``bound``."""
    value = parse_decimal(raw)
    bound = (bound or "exact").strip() or "exact"
    if bound == "above":
        return Interval(value, None, low_closed=False)
    if bound == "at-least":
        return Interval(value, None)
    if bound == "below":
        return Interval(None, value, high_closed=False)
    if bound == "at-most":
        return Interval(None, value)
    precision = precision_interval(value)
    if bound == "approx":
        return _widen(precision.low, precision.high, slack["approx"])
    return precision


def parse_decimal(raw: str) -> Decimal:
    """A CSV cell or ledger value as a Decimal ("4700", "40.2", "-3"); ValueError otherwise."""
    text = str(raw).strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{raw!r} is not a finite number")
    return value


def _widen(low: Decimal | None, high: Decimal | None, s: Decimal) -> Interval:
    """Widen by a fraction ``s`` of the value outward (also for negative numbers)."""
    def out(x: Decimal | None, down: bool) -> Decimal | None:
        if x is None:
            return None
        return x - abs(x) * s if down else x + abs(x) * s
    return Interval(out(low, True), out(high, False))


def show(interval: Interval) -> str:
    """An interval for people: "[43.5, 44.5)", "(4700, +inf)", long decimals cut to 4 places."""
    def end(x: Decimal | None, sign: str) -> str:
        if x is None:
            return f"{sign}inf"
        if x == x.to_integral_value():
            return format(x.to_integral_value(), "f")
        rounded = x.quantize(Decimal("0.0001")) if x.as_tuple().exponent < -4 else x  # type: ignore[operator]
        return format(rounded.normalize(), "f")
    opening = "[" if interval.low_closed and interval.low is not None else "("
    closing = "]" if interval.high_closed and interval.high is not None else ")"
    return f"{opening}{end(interval.low, '-')}, {end(interval.high, '+')}{closing}"
