"""Table Schema field types, converted a whole column at a time.

Each converter takes a column of cells as written (``str``, missing values
already NA) and gives back the typed column and a mask of the cells that do not
parse.  Nothing here loops over rows in Python except the JSON types (``object``,
``array``, ``geojson``), which are rare and small.

Typed columns: integer ``Int64``, number ``Float64``, boolean ``boolean``, date and
datetime ``datetime64`` (datetimes in UTC when they carry an offset), year
``Int64``; time, yearmonth, duration, geopoint and string stay ``str``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE = ["false", "False", "FALSE", "0"]
# Decimal() accepts these, so frictionless does; pandas's number parser does not.
_NAN_SPELLINGS = {"nan", "NaN", "NAN", "-nan", "+nan"}

_REGEX = {
    "time": r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?",
    "yearmonth": r"-?\d{4}-(?:0[1-9]|1[0-2])",
    "year": r"-?\d{4}",
    "duration": r"P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
                r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?",
    "geopoint-default": r"\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*",
    "email": r"[^@\s]+@[^@\s]+\.[^@\s]+",
    "uri": r"[A-Za-z][A-Za-z0-9+.-]*:\S+",
    "uuid": r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
}

SUPPORTED_TYPES = frozenset({
    "string", "integer", "number", "boolean", "date", "datetime", "time", "year",
    "yearmonth", "duration", "geopoint", "geojson", "object", "array", "list", "any",
})


@dataclass
class Converted:
    values: pd.Series   # typed; NA where the cell is missing or invalid
    invalid: pd.Series  # bool: the cell is present but does not parse as the type


def convert(cells: pd.Series, field: dict[str, Any],
            present: pd.Series | None = None) -> Converted:
    """Convert one column to ``field``'s Table Schema type (see the module doc).

    ``present`` (the cells that are not missing) may be passed when known: finding
    missing cells in a column of Python strings is not free.
    """
    kind = field.get("type", "any") or "any"
    converter = _CONVERTERS.get(kind, _any)
    if present is None:
        present = cells.notna()
    if cells.dtype.kind in "iuf" or isinstance(cells.dtype, (pd.Int64Dtype, pd.Float64Dtype)):
        # already parsed by pandas's C parser (read.py's fast path)
        return Converted(cells, pd.Series(False, index=cells.index))
    values, ok = converter(cells, field, present)
    invalid = present & ~ok
    return Converted(values, invalid)


def convert_value(value: Any, field: dict[str, Any]) -> Any:
    """One constraint value (``minimum``, an ``enum`` item) in the field's type."""
    if (isinstance(value, str) and (field.get("type", "any") or "any") == "string"
            and str(field.get("format", "default")) not in _REGEX):
        return value  # what converting it gives (see _string), without a Series per value
    if not isinstance(value, str):
        if field.get("type") in ("date", "datetime") and value is not None:
            value = str(value)
        else:
            return value
    converted = convert(pd.Series([value], dtype=object), field)
    if bool(converted.invalid.iloc[0]):
        raise ValueError(f"{value!r} is not a valid {field.get('type')}")
    return converted.values.iloc[0]


Result = tuple[pd.Series, pd.Series]
# a converter: (cells, field, present) -> (typed values, cells that parse)
Converter = Callable[[pd.Series, dict[str, Any], pd.Series], Result]


def _string(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    values = cells.astype(object)
    pattern = _REGEX.get(str(field.get("format", "default")))
    if pattern is None:
        return values, present
    return values, cells.str.fullmatch(pattern).fillna(False).astype(bool)


def _number_text(cells: pd.Series, field: dict[str, Any]) -> pd.Series:
    text = cells.astype(object)
    group = field.get("groupChar")
    if group:
        text = text.str.replace(group, "", regex=False)
    decimal = field.get("decimalChar", ".")
    if decimal != ".":
        text = text.str.replace(".", "\x00", regex=False).str.replace(decimal, ".", regex=False)
    if field.get("bareNumber", True) is False:
        text = text.str.replace(r"^[^-+\d.]*|[^\d.]*$", "", regex=True)
    return text


def _number(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    text = _number_text(cells, field)
    numbers = pd.to_numeric(text, errors="coerce")
    spelled_nan = text.isin(_NAN_SPELLINGS)
    ok = numbers.notna() | spelled_nan
    return numbers.astype("Float64").where(~spelled_nan, np.nan), ok


def _integer(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    text = _number_text(cells, field)
    numbers = pd.to_numeric(text, errors="coerce")
    # A whole value is an integer even when written 1.0 or 1e3 (see docs/validation.md)
    whole = numbers.notna() & np.isfinite(numbers.astype(float)) & (numbers % 1 == 0)
    values = numbers.where(whole).astype("Float64").astype("Int64")
    return values, whole


def _boolean(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    true = cells.isin(field.get("trueValues", DEFAULT_TRUE))
    false = cells.isin(field.get("falseValues", DEFAULT_FALSE))
    values = pd.Series(pd.NA, index=cells.index, dtype="boolean")
    values[true] = True
    values[false] = False
    return values, true | false


def _strftime(field: dict[str, Any], default: str) -> str | None:
    form = str(field.get("format", "default"))
    if form == "default":
        return default
    if form == "any":
        return None
    return form


def _date(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    # strptime semantics, as frictionless (which also accepts 2024-1-2 for %m and %d)
    values = _to_datetime(cells, _strftime(field, "%Y-%m-%d"))
    return values, values.notna()


def _datetime(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    form = _strftime(field, "ISO8601")
    if form == "ISO8601":
        shape = cells.str.fullmatch(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
        cells = cells.where(shape.fillna(False).astype(bool))
    values = _to_datetime(cells, form)
    return values, values.notna()


def _to_datetime(cells: pd.Series, form: str | None) -> pd.Series:
    text = cells.astype(object)
    for utc in (False, True):  # mixed offsets only convert to one zone: UTC
        try:
            return pd.to_datetime(text, format=form or "mixed", errors="coerce", utc=utc)
        except (ValueError, TypeError):
            continue
    return pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")


def _matching(name: str, typed: Callable[[pd.Series], pd.Series] | None = None) -> Converter:
    def converter(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
        ok = cells.str.fullmatch(_REGEX[name]).fillna(False).astype(bool)
        values = cells.astype(object).where(ok)
        return (typed(values) if typed else values), ok
    return converter


def _year_values(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("Int64")


def _json(expected: type | tuple[type, ...]) -> Converter:
    def converter(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
        def parse(cell: Any) -> Any:
            if not isinstance(cell, str):
                return None
            try:
                value = json.loads(cell)
            except ValueError:
                return None
            return value if isinstance(value, expected) else None
        values = cells.map(parse)
        return values, values.notna()
    return converter


def _geopoint(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    if field.get("format", "default") == "default":
        return _matching("geopoint-default")(cells, field, present)
    return _json((list, dict))(cells, field, present)


def _any(cells: pd.Series, field: dict[str, Any], present: pd.Series) -> Result:
    return cells.astype(object), present


_CONVERTERS = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
    "time": _matching("time"),
    "year": _matching("year", _year_values),
    "yearmonth": _matching("yearmonth"),
    "duration": _matching("duration"),
    "geopoint": _geopoint,
    "geojson": _json(dict),
    "object": _json(dict),
    "array": _json(list),
    "list": _any,
    "any": _any,
}
