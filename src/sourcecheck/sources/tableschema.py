"""Validating a table against its Table Schema, one column at a time.

Frictionless walks the rows in Python and checks each cell; here every check is
a boolean mask over a whole column (or over the key columns), and a finding is
made only for the rows the mask selects.  The errors and their row and field
follow frictionless's, so that the two can be compared (see
tests/sources/test_frictionless_parity.py); the deliberate differences are listed in
docs/validation.md.

Order of precedence within a row, as in frictionless: a blank row gets one
``blank-row`` finding and nothing else; a missing cell gets ``missing-cell`` and
no type or constraint finding; a cell that does not parse gets ``type-error``
and no constraint finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..codes import SC
from ..findings import Finding
from .fieldtypes import SUPPORTED_TYPES, convert, convert_value
from .patterns import PatternError, compile_pattern, matching
from .read import RawTable

FIRST_DATA_ROW = 2  # frictionless's rowNumber of the first row after the header


@dataclass
class TableResult:
    frame: pd.DataFrame  # typed, one column per schema field, index 0..n-1
    findings: list[Finding] = field(default_factory=list)
    blank: np.ndarray | None = None  # rows that are blank (skipped by every other check)
    # per field, the rows without a value (missing, invalid, blank or no cell)
    empty: dict[str, np.ndarray] = field(default_factory=dict)
    first_row: int = FIRST_DATA_ROW  # row number of the frame's first row (index 0)


def usable_schema(schema: Any) -> dict[str, Any]:
    """The parts of a Table Schema that can be checked against, whatever its shape.

    A malformed schema is reported by the descriptor check (SC101); the table is then
    checked against what is left of it, instead of failing with an exception.
    """
    if not isinstance(schema, dict):
        return {"fields": []}
    fields = []
    listed = schema.get("fields")
    for spec in listed if isinstance(listed, list) else []:
        if isinstance(spec, dict) and isinstance(spec.get("name"), str):
            spec = dict(spec)
            if not isinstance(spec.get("constraints", {}), dict):
                spec["constraints"] = {}
            if not isinstance(spec.get("missingValues", []), list):
                del spec["missingValues"]
            fields.append(spec)
    usable: dict[str, Any] = {"fields": fields}
    missing = schema.get("missingValues")
    if isinstance(missing, list):
        usable["missingValues"] = missing
    key = schema.get("primaryKey")
    if isinstance(key, str) or (isinstance(key, list) and all(isinstance(k, str) for k in key)):
        usable["primaryKey"] = key
    keys = schema.get("foreignKeys")
    if isinstance(keys, list):
        usable["foreignKeys"] = [k for k in keys if isinstance(k, dict)
                                 and isinstance(k.get("reference", {}), dict)]
    return usable


def fast_dtypes(schema: dict[str, Any]) -> dict[int, str]:
    """The columns pandas's C parser may convert itself (plain integers and numbers)."""
    dtypes = {}
    for index, spec in enumerate(schema.get("fields", [])):
        plain = (spec.get("decimalChar", ".") == "." and not spec.get("groupChar")
                 and spec.get("bareNumber", True) is not False)
        # "NaN" is a number for Table Schema but fails the C parser: only integers
        # and numbers without it would pass, so both are tried and fall back cleanly.
        if spec.get("type") == "integer" and plain:
            dtypes[index] = "Int64"
        elif spec.get("type") == "number" and plain:
            dtypes[index] = "Float64"
    return dtypes


def missing_values(schema: dict[str, Any]) -> dict[int, list[str]]:
    """Per column, the strings that mean "no value" (field-level overrides schema-level);
    key -1 holds the schema-level ones, for columns the schema does not describe."""
    default = [str(value) for value in schema.get("missingValues", [""])]
    per_field = {index: [str(v) for v in spec.get("missingValues", default)]
                 for index, spec in enumerate(schema.get("fields", []))}
    return {-1: default, **per_field}


def check_table(raw: RawTable, schema: dict[str, Any], path: str) -> TableResult:
    """Check ``raw`` against ``schema``; every finding names ``path``, row and field."""
    checker = _Checker(raw, schema, path)
    return checker.run()


class _Checker:
    def __init__(self, raw: RawTable, schema: dict[str, Any], path: str) -> None:
        self.raw = raw
        self.fields: list[dict[str, Any]] = list(schema.get("fields", []))
        self.names = [str(spec.get("name", "")) for spec in self.fields]
        self.schema = schema
        self.path = path
        self.findings: list[Finding] = []
        self.rows = len(raw.cells)
        self.empty: dict[str, np.ndarray] = {}
        self.first = raw.first_row
        self.header = raw.first_row - 1

    def finding(self, code: str, message: str, row: int | None = None,
                field: str | None = None, error: str = "") -> None:
        self.findings.append(Finding(code, message, path=self.path, row=row, field=field,
                                     details={"frictionless": error} if error else {}))

    def at_rows(self, mask: np.ndarray | pd.Series, code: str, error: str, field: str | None,
                message: Any) -> None:
        """One finding per selected row; ``message`` is a string or a function of the row."""
        for index in np.flatnonzero(np.asarray(mask, dtype=bool)):
            text = message(int(index)) if callable(message) else message
            self.finding(code, text, int(index) + self.first, field, error)

    def run(self) -> TableResult:
        self.check_header()
        # which cells hold a value: computed once per column (not free for strings)
        self.present = [self.raw.present(col) for col in range(self.raw.cells.shape[1])]
        blank = self.blank_rows()
        live = ~blank
        present_cells = self.present_cells()
        columns: dict[str, pd.Series] = {}
        for index, spec in enumerate(self.fields):
            name = self.names[index]
            if spec.get("type", "any") not in SUPPORTED_TYPES:
                self.finding(SC.DESCRIPTOR_INVALID, f"field {name!r} has an unknown type {spec.get('type')!r}",
                             field=name, error="field-error")
                columns[name] = pd.Series(pd.NA, index=range(self.rows), dtype=object)
                continue
            columns[name] = self.check_field(index, spec, live, present_cells[index])
        frame = pd.DataFrame(columns, index=pd.RangeIndex(self.rows))
        self.check_row_keys(frame, live)
        self.findings.sort(key=lambda f: (f.row or 0, self._field_order(f.field)))
        return TableResult(frame, self.findings, blank, self.empty, self.first)

    def _field_order(self, name: str | None) -> int:
        return self.names.index(name) if name in self.names else len(self.names)

    # -- header ---------------------------------------------------------------
    def check_header(self) -> None:
        labels = self.raw.labels
        seen: dict[str, int] = {}
        for position in range(max(len(labels), len(self.names))):
            if position >= len(labels):
                name = self.names[position]
                self.finding(SC.HEADER_MISMATCH, f"the header has no column for field {name!r} "
                             f"(expected at position {position + 1})", self.header, name, "missing-label")
                continue
            label = labels[position]
            if position >= len(self.names):
                self.finding(SC.HEADER_MISMATCH, f"column {position + 1} ({label!r}) is not a field of "
                             "the Table Schema", self.header, None, "extra-label")
                continue
            name = self.names[position]
            if not label.strip():
                self.finding(SC.BLANK_HEADER, f"the header of column {position + 1} is empty",
                             self.header, name, "blank-label")
            elif label in seen:
                self.finding(SC.DUPLICATE_HEADER, f"header {label!r} of column {position + 1} repeats column "
                             f"{seen[label] + 1}", self.header, name, "duplicate-label")
            elif label != name:
                self.finding(SC.HEADER_MISMATCH, f"header {label!r} of column {position + 1} is not the "
                             f"schema's field name {name!r}", self.header, name, "incorrect-label")
            seen.setdefault(label, position)

    # -- structure ------------------------------------------------------------
    def present_cells(self) -> list[np.ndarray]:
        """Per field: the rows where the CSV has a cell for it (ragged rows lack some)."""
        counts = self.raw.cell_counts
        width = len(self.raw.labels)
        present = []
        for index in range(len(self.fields)):
            if index >= width:
                present.append(np.zeros(self.rows, dtype=bool))
            elif counts is None:
                present.append(np.ones(self.rows, dtype=bool))
            else:
                present.append(counts > index)
        return present

    def blank_rows(self) -> np.ndarray:
        cells = self.raw.cells
        blank = pd.Series(~np.logical_or.reduce(self.present) if self.present
                          else np.ones(self.rows, dtype=bool), index=cells.index)
        if self.raw.extra_cells:
            # a row whose only content lies beyond the header is not blank
            for index in self.raw.extra_cells:
                blank.iloc[index] = False
        self.at_rows(blank, SC.BLANK_ROW, "blank-row", None, "the row is blank")
        for index, extra in self.raw.extra_cells.items():
            if blank.iloc[index]:
                continue
            first = len(self.raw.labels) + 1
            span = f"cell {first}" if extra == 1 else f"cells {first}-{first + extra - 1}"
            self.finding(SC.EXTRA_CELL, f"the row has {extra} more cell{'s' * (extra > 1)} than the "
                         f"header ({span})", index + self.first, None, "extra-cell")
        return blank.to_numpy(dtype=bool)

    # -- cells ----------------------------------------------------------------
    def check_field(self, index: int, spec: dict[str, Any], live: np.ndarray,
                    present: np.ndarray) -> pd.Series:
        name = self.names[index]
        if index >= len(self.raw.labels):
            return pd.Series(pd.NA, index=range(self.rows), dtype=object)
        cells = self.raw.cells[index]
        in_row = live & present
        missing_cell = live & ~present & (self.raw.cell_counts is not None)
        self.at_rows(missing_cell, SC.MISSING_CELL, "missing-cell", name,
                     f"the row has no cell for field {name!r}")
        has_cell = self.present[index]
        converted = convert(cells, spec, pd.Series(has_cell, index=cells.index))
        invalid = converted.invalid.to_numpy(dtype=bool) & in_row
        label = spec.get("type", "any")
        form = spec.get("format")
        kind = f"{label} ({form})" if form and form != "default" else label
        self.at_rows(invalid, SC.TYPE_ERROR, "type-error", name,
                     lambda i: f"{_show(cells.iloc[i])} is not a valid {kind}")
        values = converted.values
        valid = in_row & ~invalid
        self.check_constraints(name, spec, cells, values, valid, has_cell, live, invalid)
        return values

    def check_constraints(self, name: str, spec: dict[str, Any], cells: pd.Series,
                          values: pd.Series, valid: np.ndarray, has_cell: np.ndarray,
                          live: np.ndarray, invalid: np.ndarray) -> None:
        constraints = spec.get("constraints") or {}
        has_value = valid & has_cell
        self.empty[name] = ~has_value
        if constraints.get("required"):
            # a missing cell of a required field breaks the constraint too (as in frictionless)
            self.at_rows(live & ~invalid & ~has_value, SC.CONSTRAINT_ERROR, "constraint-error", name,
                         f"field {name!r} is required but the cell is empty")
        for key, test in _BOUNDS.items():
            if key not in constraints:
                continue
            try:
                bound = convert_value(constraints[key], spec)
                failing = has_value & ~_compare(values, test, bound)
            except (ValueError, TypeError) as error:
                self.finding(SC.DESCRIPTOR_INVALID, f"constraint {key} of field {name!r} is unusable: {error}",
                             field=name, error="field-error")
                continue
            self.at_rows(failing, SC.CONSTRAINT_ERROR, "constraint-error", name,
                         lambda i, key=key: f"{_show(cells.iloc[i])} breaks {key} "
                                            f"{constraints[key]!r}")
        for key in ("minLength", "maxLength"):
            if key in constraints:
                lengths = _lengths(values, spec)
                limit = constraints[key]
                too = lengths < limit if key == "minLength" else lengths > limit
                self.at_rows(has_value & too.fillna(False).to_numpy(dtype=bool), SC.CONSTRAINT_ERROR,
                             "constraint-error", name,
                             lambda i, key=key: f"{_show(cells.iloc[i])} breaks {key} "
                                                f"{constraints[key]!r}")
        if "pattern" in constraints and cells.dtype == object:
            # an untrusted pattern: run by the regex module with a time limit (patterns.py)
            try:
                matches = matching(compile_pattern(str(constraints["pattern"])), cells, "fullmatch")
            except re.error as error:
                self.finding(SC.DESCRIPTOR_INVALID, f"pattern of field {name!r} is not a regular expression: "
                             f"{error}", field=name, error="field-error")
            except PatternError as error:
                self.finding(SC.DESCRIPTOR_INVALID, f"pattern of field {name!r} cannot be run safely: {error}",
                             field=name, error="field-error")
            else:
                failing = has_value & ~matches
                self.at_rows(failing, SC.CONSTRAINT_ERROR, "constraint-error", name,
                             lambda i: f"{_show(cells.iloc[i])} does not match pattern "
                                       f"{constraints['pattern']!r}")
        if "enum" in constraints:
            try:
                allowed = [convert_value(item, spec) for item in constraints["enum"]]
            except (ValueError, TypeError) as error:
                self.finding(SC.DESCRIPTOR_INVALID, f"enum of field {name!r} is unusable: {error}",
                             field=name, error="field-error")
            else:
                failing = has_value & ~values.isin(allowed).to_numpy(dtype=bool)
                self.at_rows(failing, SC.CONSTRAINT_ERROR, "constraint-error", name,
                             lambda i: f"{_show(cells.iloc[i])} is not one of "
                                       f"{constraints['enum']!r}")
        if constraints.get("unique"):
            repeated = has_value & _repeats(values.where(pd.Series(has_value, index=values.index)))
            self.at_rows(repeated, SC.UNIQUE_ERROR, "unique-error", name,
                         lambda i: f"{_show(cells.iloc[i])} appears in an earlier row "
                                   f"of unique field {name!r}")

    # -- keys -----------------------------------------------------------------
    def check_row_keys(self, frame: pd.DataFrame, live: np.ndarray) -> None:
        key = self.schema.get("primaryKey")
        if not key:
            return
        key = [key] if isinstance(key, str) else list(key)
        unknown = [name for name in key if name not in frame.columns]
        if unknown:
            self.finding(SC.DESCRIPTOR_INVALID, f"primaryKey names unknown field(s) {unknown}",
                         field=unknown[0], error="schema-error")
            return
        parts = frame[key]
        empty = live & parts.isna().all(axis=1).to_numpy(dtype=bool)
        self.at_rows(empty, SC.PRIMARY_KEY_ERROR, "primary-key", None,
                     f"the primary key ({', '.join(key)}) is empty")
        complete = live & ~empty
        duplicated = complete & parts.duplicated(keep="first").to_numpy(dtype=bool)
        self.at_rows(duplicated, SC.PRIMARY_KEY_ERROR, "primary-key", None,
                     f"the primary key ({', '.join(key)}) repeats an earlier row")


_BOUNDS = {
    "minimum": lambda values, bound: values >= bound,
    "maximum": lambda values, bound: values <= bound,
    "exclusiveMinimum": lambda values, bound: values > bound,
    "exclusiveMaximum": lambda values, bound: values < bound,
}


def _compare(values: pd.Series, test: Any, bound: Any) -> np.ndarray:
    # only cells with a value are compared; a NaN among them is within no bound
    result = test(values, bound)
    return pd.Series(result).fillna(False).to_numpy(dtype=bool)


def _lengths(values: pd.Series, spec: dict[str, Any]) -> pd.Series:
    if spec.get("type", "string") == "string":
        return values.str.len()
    if values.dtype == object:
        return values.map(lambda value: len(value) if hasattr(value, "__len__") else np.nan)
    return values.astype(str).str.len()


def _repeats(values: pd.Series) -> np.ndarray:
    present = values.notna()
    repeated = values.duplicated(keep="first") & present
    return repeated.to_numpy(dtype=bool)


def _show(cell: Any) -> str:
    text = "" if cell is None or (isinstance(cell, float) and np.isnan(cell)) else str(cell)
    return repr(text if len(text) <= 40 else text[:37] + "...")
