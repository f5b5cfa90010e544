"""Source values: one cell as written, or a value derived from cells by a whitelisted operation.

No code from a ledger ever runs.  A derivation names one of the operations in
:data:`OPERATIONS`; anything else is refused when the ledger is loaded (its JSON
Schema lists them) and again here.  Every operation works on intervals, so that the
precision and bound of each cell carry through to the result:

    share        of: [part, whole]    part / whole x 100
    difference   of: [a, b]           a - b
    sum          of: [a, b, ...]      a + b + ...
    rank         of: [cell]           1-based rank of the cell's value among the same
                                      field of every row of its resource (optionally
                                      only rows matching ``within``), ``order``
                                      ascending (smallest is 1) or descending; ties
                                      give an interval [best, worst] and are reported
    year         of: [cell]           the year of a date ("2024-03-17" -> 2024)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..errors import LedgerError
from ..interval import Interval
from ..ledger.model import Derivation
from ..sources.record import Record
from .intervals import parse_decimal, source_interval
from .units import PERCENT, source_unit

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class SourceValue:
    """What the source says, ready to compare with the text."""

    value: Decimal           # the value itself (a derived one unrounded)
    written: str             # as written in the CSV; for a derived value, computed text
    interval: Interval
    tied_with: tuple[str, ...] = ()  # rank: the other rows holding the same value
    unit: str | None = None  # as compare.units knows it; None when not known


def cell_value(record: Record, field: str, slack: dict[str, Decimal]) -> SourceValue:
    """One cell of ``record`` with its precision and the row's ``bound``; ValueError if not a number.

    A range is written as two columns, ``<field>`` and ``<field>_high`` (80000 and
    110000): its interval runs from the low end's precision to the high end's, and it
    reads "80000..110000" when compared with the value a ledger recorded.

    Its unit is the row's ``unit`` cell, else the field's ``unit`` in the Table Schema.
    """
    raw, high = _cell(record, field), _cell(record, f"{field}_high")
    bound = _cell(record, "bound")
    unit = source_unit(_cell(record, "unit") or record.package.field_unit(record.resource, field))
    if high:
        low_end = source_interval(raw, bound, slack)
        high_end = source_interval(high, bound, slack)
        if parse_decimal(high) < parse_decimal(raw):
            raise ValueError(f"range {raw}..{high} runs backwards")
        interval = Interval(low_end.low, high_end.high, low_end.low_closed, high_end.high_closed)
        return SourceValue(parse_decimal(raw), f"{raw}..{high}", interval, unit=unit)
    return SourceValue(parse_decimal(raw), raw, source_interval(raw, bound, slack), unit=unit)


def written_value(record: Record, field: str) -> str:
    """A cell as written, a range as "low..high": what a ledger records as the source value."""
    raw, high = _cell(record, field), _cell(record, f"{field}_high")
    return f"{raw}..{high}" if high else raw


def _cell(record: Record, field: str) -> str:
    return str(record.raw.get(field, "") or "").strip()


def derive(derivation: Derivation, records: list[Record], slack: dict[str, Decimal]) -> SourceValue:
    """Evaluate ``derivation`` over ``records`` (one per reference, in order)."""
    try:
        operation = OPERATIONS[derivation.op]
    except KeyError:
        raise LedgerError(f"unknown derivation {derivation.op!r} (choose from {', '.join(OPERATIONS)})",
                          line=derivation.line) from None
    arity = _ARITY[derivation.op]
    if not arity(len(derivation.of)):
        raise LedgerError(f"derivation {derivation.op!r} cannot take {len(derivation.of)} operand(s)",
                          line=derivation.line)
    return operation(derivation, records, slack)


def _share(derivation: Derivation, records: list[Record], slack: dict[str, Decimal]) -> SourceValue:
    part, whole = (cell_value(r, ref.field, slack) for r, ref in zip(records, derivation.of, strict=True))
    if whole.value == 0:
        raise ValueError("the whole of a share is 0")
    interval = _times(_divide(part.interval, whole.interval), HUNDRED)
    value = part.value / whole.value * HUNDRED
    return SourceValue(value, _text(value), interval, unit=PERCENT)


def _difference(derivation: Derivation, records: list[Record], slack: dict[str, Decimal]) -> SourceValue:
    a, b = (cell_value(r, ref.field, slack) for r, ref in zip(records, derivation.of, strict=True))
    interval = _add(a.interval, _negate(b.interval))
    unit = _common_unit([a, b])
    # two percents differ by percentage points, which texts call "procent" as often: not judged
    return SourceValue(a.value - b.value, _text(a.value - b.value), interval,
                       unit=None if unit == PERCENT else unit)


def _sum(derivation: Derivation, records: list[Record], slack: dict[str, Decimal]) -> SourceValue:
    cells = [cell_value(r, ref.field, slack) for r, ref in zip(records, derivation.of, strict=True)]
    interval = cells[0].interval
    for cell in cells[1:]:
        interval = _add(interval, cell.interval)
    total = sum((cell.value for cell in cells), Decimal(0))
    return SourceValue(total, _text(total), interval, unit=_common_unit(cells))


def _rank(derivation: Derivation, records: list[Record], slack: dict[str, Decimal]) -> SourceValue:
    record, field = records[0], derivation.of[0].field
    own = parse_decimal(record.raw[field])
    table = record.table
    if table is None:
        raise ValueError(f"the rows of {record.resource!r} were not read")
    rows: Sequence[int] = range(len(table[field])) if field in table else range(0)
    for name, wanted in derivation.within.items():
        if name not in table:
            raise LedgerError(f"rank within: {record.resource!r} has no field {name!r}", line=derivation.line)
        column = table[name]
        rows = [row for row in rows if column[row] == str(wanted)]
    values = [parse_decimal(table[field][row]) for row in rows]
    ascending = derivation.order != "descending"
    better = sum(1 for v in values if (v < own if ascending else v > own))
    equal = sum(1 for v in values if v == own)
    own_key = tuple(str(record.raw.get(name)) for name in record.key_fields)
    keys = [tuple(table[name][row] for name in record.key_fields) for row in rows]
    tied = tuple("/".join(key) for key, value in zip(keys, values, strict=True) if key != own_key and value == own)
    best = Decimal(better + 1)
    return SourceValue(best, str(best), Interval(best, Decimal(better + max(equal, 1))), tied)


_DATE = re.compile(r"^\s*(\d{4})(?:-\d{2}(?:-\d{2})?)?\s*$")


def _year(derivation: Derivation, records: list[Record], slack: dict[str, Decimal]) -> SourceValue:
    raw = str(records[0].raw.get(derivation.of[0].field, ""))
    match = _DATE.match(raw)
    if not match:
        raise ValueError(f"{raw!r} is not a date or a year")
    year = Decimal(match.group(1))
    return SourceValue(year, match.group(1), Interval.point(year))


OPERATIONS: dict[str, Callable[[Derivation, list[Record], dict[str, Decimal]], SourceValue]] = {
    "share": _share,
    "difference": _difference,
    "sum": _sum,
    "rank": _rank,
    "year": _year,
}

_ARITY: dict[str, Callable[[int], bool]] = {
    "share": lambda n: n == 2,
    "difference": lambda n: n == 2,
    "sum": lambda n: n >= 1,
    "rank": lambda n: n == 1,
    "year": lambda n: n == 1,
}


def matches_recorded(value: Decimal, recorded: str) -> bool:
    """Whether a derived ``value``, rounded to the recorded value's decimals, is the recorded one."""
    wanted = parse_decimal(recorded)
    return value.quantize(wanted) == wanted


def _common_unit(cells: Sequence[SourceValue]) -> str | None:
    """The unit of a sum or difference: its operands' when they agree, else not known."""
    units = {cell.unit for cell in cells}
    return units.pop() if len(units) == 1 else None


def _text(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.0001")).normalize(), "f")


# --- interval arithmetic (closed results: a derived value is never narrower than its inputs) ---

def _add(a: Interval, b: Interval) -> Interval:
    low = None if a.low is None or b.low is None else a.low + b.low
    high = None if a.high is None or b.high is None else a.high + b.high
    return Interval(low, high)


def _negate(a: Interval) -> Interval:
    return Interval(None if a.high is None else -a.high, None if a.low is None else -a.low)


def _times(a: Interval, factor: Decimal) -> Interval:
    low = None if a.low is None else a.low * factor
    high = None if a.high is None else a.high * factor
    return Interval(low, high)


def _divide(a: Interval, b: Interval) -> Interval:
    """a / b for a non-negative part ``a`` and a positive whole ``b`` (shares of counts)."""
    if a.low is None or a.low < 0 or b.low is None or b.low <= 0:
        return Interval(None, None)  # outside what a share means: allow anything, never guess
    low = Decimal(0) if b.high is None else a.low / b.high
    high = None if a.high is None else a.high / b.low
    return Interval(low, high)
