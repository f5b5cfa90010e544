"""A frame's columns as the statistical rules read them: text, numbers, and figures with
the precision they were published with ("40.2" stands for 40.15..40.25)."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from ..interval import half_unit as interval_half_unit

EXACT_BOUNDS = frozenset({"", "exact"})


def missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def figure(value: Any) -> Decimal | None:
    """The figure as a Decimal that keeps its written precision; None when missing."""
    if missing(value):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number.is_integer():
        return Decimal(int(number))
    # repr gives the shortest string that reads back as the same float: "40.2", not
    # "40.2000000000000028".
    return Decimal(repr(number))


def half_unit(value: Any) -> Decimal:
    """Half a unit of the figure's last written digit: 0.5 for "87", 0.05 for "40.2"
    (0 for a missing figure)."""
    number = figure(value)
    if number is None:
        return Decimal(0)
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity
        return Decimal(0)
    return interval_half_unit(exponent)


def has_columns(df: pd.DataFrame, *names: str) -> bool:
    return all(name in df.columns for name in names)


def all_pass(df: pd.DataFrame) -> pd.Series:
    return pd.Series(True, index=df.index)


def per_value(column: pd.Series, function: Any) -> pd.Series:
    """``function`` applied once per distinct cell and spread over the column.

    Published figures repeat (a million rows hold few distinct spellings), so the
    Python-level work is per distinct value; spreading it back is a numpy take.
    """
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    results = [function(cell) for cell in uniques] + [function(None)]  # the last: missing cells
    table = np.empty(len(results), dtype=object)
    table[:] = results
    return pd.Series(table[codes], index=column.index, dtype=object)


def as_text(column: pd.Series) -> pd.Series:
    """The column as stripped strings; missing cells are empty strings."""
    return column.astype("string").str.strip().fillna("")


def as_numbers(column: pd.Series) -> pd.Series:
    """The column as floats (missing or unreadable cells are NaN)."""
    if is_bool_dtype(column.dtype):
        return pd.Series(np.nan, index=column.index)
    if is_numeric_dtype(column.dtype):
        return pd.Series(column.to_numpy(dtype=float, na_value=np.nan), index=column.index)
    text = column.astype("string").fillna("")
    try:  # fast path: every cell is a number or empty ("nan" parses to NaN)
        return text.mask(text == "", "nan").astype(float)
    except (TypeError, ValueError):  # a cell that is not a number: it becomes NaN
        stripped = text.str.strip()
        return pd.to_numeric(stripped.mask(stripped == ""), errors="coerce").astype(float)


def exact(df: pd.DataFrame, bound: str) -> pd.Series:
    """Whether each row's bound is exact (an absent bound column means exact)."""
    if bound not in df.columns:
        return pd.Series(True, index=df.index)
    return as_text(df[bound]).isin(EXACT_BOUNDS)


# Float sums of decimal figures are off by a few ulps (40.2 + 59.9 = 100.10000000000001);
# far below any half unit a publisher writes.
EPSILON = 1e-9
