"""The pandera schemas of ``schemas/<package>.<resource>.yaml``: load, run, report.

Statistical checks live in pandera YAML; the custom ones are registered by
``statistics.py`` (imported here, before any YAML is loaded), whose ``RULES`` say
which code a failed check reports and which column it blames.  Every failure
case becomes a finding at the resource's file, with the row numbered like
frictionless's (frame index + 2) and the column as field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

import pandas as pd
import pandera.errors as pa_errors
import pandera.pandas as pa
import yaml
from pandera.io.pandas_io import deserialize_schema

from ..codes import SC
from ..errors import SourcecheckError
from ..findings import Finding
from ..yamlfile import load_yaml
from .statistics import RULES, blamed_field
from .tableschema import FIRST_DATA_ROW

SCHEMA_SUFFIX = ".yaml"


@dataclass
class SchemaFile:
    path: Path
    display: str
    package: str
    resource: str


def schema_files(folder: Path, relative: Callable[[Path], str]) -> list[SchemaFile]:
    """Every ``<package>.<resource>.yaml`` in ``folder`` (none when it does not exist)."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.glob(f"*{SCHEMA_SUFFIX}")):
        package, _, resource = path.name[: -len(SCHEMA_SUFFIX)].partition(".")
        files.append(SchemaFile(path, relative(path), package, resource))
    return files


# The top-level entries of pandera's YAML schema format (pandera.io.deserialize_schema).
_SCHEMA_KEYS = frozenset({
    "schema_type", "version", "columns", "checks", "index", "dtype", "coerce", "strict", "name",
    "ordered", "unique", "report_duplicates", "unique_column_names", "title", "description",
    "metadata", "add_missing_columns", "drop_invalid_rows", "parsers", "api", "dataframe_library",
})


def load_schema(schema: SchemaFile) -> tuple[pa.DataFrameSchema | None, Finding | None]:
    """The pandera ``DataFrameSchema``, or an SC203 finding saying why it does not load."""
    # pandera reads YAML leniently (aliases expanded, a repeated key silently wins, an
    # empty file is no schema at all); read it strictly first, with line numbers
    try:
        document = load_yaml(schema.path)
    except SourcecheckError as error:
        return None, Finding(SC.SCHEMA_INVALID, f"the pandera schema does not load: {error.message}",
                             path=schema.display, line=error.line, column=error.column)
    if not isinstance(document, dict) or not document:
        return None, Finding(SC.SCHEMA_INVALID, "the pandera schema is empty or not a mapping of "
                             "schema properties (columns, checks, ...)", path=schema.display)
    unknown = sorted(str(key) for key in document if key not in _SCHEMA_KEYS)
    if unknown:  # pandera would ignore them, and with them the rules they were meant to hold
        return None, Finding(SC.SCHEMA_INVALID, f"the pandera schema has unknown entries: {', '.join(unknown)}",
                             path=schema.display, line=document.lines.get(unknown[0]) if hasattr(
                                 document, "lines") else None)
    try:
        # what DataFrameSchema.from_yaml does, with libyaml's loader (the same YAML 1.1 rules)
        text = schema.path.read_text(encoding="utf-8")
        serialized = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        loaded = deserialize_schema(serialized)  # type: ignore[no-untyped-call]  # pandera does not annotate it
    except Exception as error:  # noqa: BLE001 - pandera raises many kinds for a bad file
        return None, Finding(SC.SCHEMA_INVALID, f"the pandera schema does not load: "
                             f"{type(error).__name__}: {error}", path=schema.display)
    if not isinstance(loaded, pa.DataFrameSchema):
        return None, Finding(SC.SCHEMA_INVALID, "the file is not a pandera DataFrameSchema",
                             path=schema.display)
    return loaded, None


def run_schema(loaded: Any, frame: pd.DataFrame, display: str,
               skip_rows: Any = None, first_row: int = FIRST_DATA_ROW) -> list[Finding]:
    """Validate ``frame`` lazily; each failure case (or each failing row of a
    dataframe-wide check) becomes one finding at ``display``."""
    if skip_rows is not None and len(skip_rows) == len(frame) and skip_rows.any():
        frame = frame[~skip_rows]  # blank rows are reported once, as blank rows
    try:
        loaded.validate(frame, lazy=True)
    except pa_errors.SchemaErrors as errors:
        return _failure_findings(loaded, errors.failure_cases, display, first_row)
    except pa_errors.SchemaError as error:  # raised even with lazy=True for some problems
        return [Finding(SC.SCHEMA_CHECK_FAILED, f"the pandera schema fails: {error}", path=display)]
    except Exception as error:  # noqa: BLE001 - a check that crashes on this data
        return [Finding(SC.SCHEMA_INVALID, f"a check of the pandera schema crashed: "
                        f"{type(error).__name__}: {error}", path=display)]
    return []


class _FailureCase(Protocol):
    """A row of pandera's ``failure_cases`` frame, as ``itertuples`` gives it.  pandas-stubs
    types such a row as a tuple, whose ``index`` method would hide the ``index`` column."""

    schema_context: str
    column: Any        # the column's name; None or NaN for a dataframe-wide check
    check: Any         # the check's name as pandera shows it
    check_number: Any  # the check's position in the schema or column; None or NaN if none
    failure_case: Any  # the value that failed (any type)
    index: Any         # the frame index of the failing row; None or NaN if none


def _failure_findings(loaded: Any, cases: pd.DataFrame, display: str,
                      first_row: int) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    for case in cast("Iterator[_FailureCase]", cases.itertuples(index=False)):
        check = _check_object(loaded, case)
        name = getattr(check, "name", None) or str(case.check)
        row = None if pd.isna(case.index) else int(case.index) + first_row
        column = None if case.column is None or pd.isna(case.column) else str(case.column)
        code = SC.SCHEMA_CHECK_FAILED
        field = column
        if name in RULES:
            code = RULES[name].code
            field = blamed_field(name, getattr(check, "statistics", None)) or column
        if case.schema_context == "DataFrameSchema" and name in RULES:
            key = (code, row, field)  # a dataframe check lists every column of a row
            if key in seen:
                continue
            seen.add(key)
            message = f"fails {name}: {getattr(check, 'error', None) or case.check}"
        elif name == "column_in_dataframe":
            field = str(case.failure_case)
            message = f"the pandera schema expects a column {field!r} the resource lacks"
        else:
            message = f"{_show(case.failure_case)} fails {case.check}"
        findings.append(Finding(code, message, path=display, row=row, field=field,
                                details={"check": name}))
    return findings


def _check_object(loaded: Any, case: _FailureCase) -> Any:
    number = case.check_number
    if number is None or pd.isna(number):
        return None
    try:
        if case.schema_context == "DataFrameSchema":
            return loaded.checks[int(number)]
        return loaded.columns[case.column].checks[int(number)]
    except (KeyError, IndexError, AttributeError):
        return None


def _show(value: Any) -> str:
    return repr(value.item() if hasattr(value, "item") else value)
