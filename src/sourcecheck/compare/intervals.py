"""The interval rules: what a number in the text and a value in a source each allow.

Text side: the mention's written precision ("44%" is [43.5, 44.5)), then its qualifier:

    qualifier    example (nl / en)                  interval of the text
    none         44%                                the precision interval
    only         slechts 3% / only 3%               the precision interval (no numeric effect)
    near         ongeveer 4.700 / about 4,700       [low x (1 - s), high x (1 + s)]   s = slack
    estimated    naar schatting 70% / an estimated  [low x (1 - s), high x (1 + s)]
    above        meer dan 200.000 / more than       (value, +inf)
    at-least     minstens 300 / at least 300        [value, +inf)
    below        minder dan 5% / less than 5%       (-inf, value)
    at-most      hooguit 5% / at most 5%            (-inf, value]
    just-under   een kleine 200.000 / almost        [value x (1 - s), value)

Source side: the precision of the cell as written ("40.2" is [40.15, 40.25); "87" is
[86.5, 87.5)), then the row's ``bound`` column: ``exact`` (or empty), ``approx``
(widened by the ``approx`` slack like "near"), ``above``, ``below``, ``at-least``,
``at-most``.

A claim holds when the two intervals overlap.  The slack of each qualifier is a
fraction of the value; the defaults are :data:`DEFAULT_SLACK`, overridable in
``[tool.sourcecheck.slack]`` of pyproject.toml and per claim (``slack:`` in the ledger).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..interval import Interval, precision_interval
from ..numbers.mention import Mention, Qualifier

BOUNDS = ("exact", "approx", "above", "below", "at-least", "at-most")


def text_interval(mention: Mention, slack: dict[str, Decimal], override: Decimal | None = None) -> Interval:
    """The interval the text allows for ``mention``, its qualifier applied."""
    qualifier = Qualifier(mention.qualifier)
    low, high = mention.low, mention.high
    if low is None and high is None:
        return Interval(None, None)
    value = mention.value
    if qualifier in (Qualifier.NEAR, Qualifier.ESTIMATED):
        s = override if override is not None else slack[qualifier.value]
        return _widen(low, high, s)
    if qualifier is Qualifier.ABOVE:
        return Interval(value, None, low_closed=False)
    if qualifier is Qualifier.AT_LEAST:
        return Interval(value, None)
    if qualifier is Qualifier.BELOW:
        return Interval(None, value, high_closed=False)
    if qualifier is Qualifier.AT_MOST:
        return Interval(None, value)
    if qualifier is Qualifier.JUST_UNDER:
        s = override if override is not None else slack["just-under"]
        assert value is not None  # a vague percentage has no qualifier
        return Interval(value * (1 - s), value, high_closed=False)
    return mention.interval  # none, only


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
