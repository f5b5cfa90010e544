"""The pandera schemas of ``schemas/<package>.<resource>.yaml``: load, run, report.

Statistical checks live in pandera YAML; the custom ones are registered by
``statistics.py`` (imported here, before any YAML is loaded), whose ``RULES`` say
which code a failed check reports and which column it blames.  Every failure
case becomes a finding at the resource's file, with the row numbered like
frictionless's (frame index + 2) and the column as field.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import os
import re
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
from ..errors import InputError, SourcecheckError
from ..findings import Finding
from ..yamlfile import load_yaml, read_bytes
from .patterns import How, Pattern, PatternError, compile_pattern, matching
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
    """Every ``<package>.<resource>.yaml`` in ``folder`` (none when it does not exist).
    A folder that cannot be listed is an InputError: its schemas would be missed in silence."""
    if not folder.is_dir():
        return []
    try:
        names = os.listdir(folder)
    except OSError as error:
        raise InputError(f"cannot read the schemas folder: {error.strerror}", folder) from None
    files = []
    # what glob("*.yaml") gives, from the one listing: hidden names left out
    for path in sorted(folder / name for name in names if name.endswith(SCHEMA_SUFFIX) and name[:1] != "."):
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
    # empty file is no schema at all); read it strictly first, with line numbers.  The file
    # is read once (a regular file within file-size, nested at most json-depth deep) and
    # pandera is given those bytes
    try:
        data = read_bytes(schema.path)
        document = load_yaml(schema.path, data)
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
        text = data.decode("utf-8")  # load_yaml found it UTF-8
        serialized = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        loaded = deserialize_schema(serialized)  # type: ignore[no-untyped-call]  # pandera does not annotate it
    except Exception as error:  # noqa: BLE001 - pandera raises many kinds for a bad file
        return None, Finding(SC.SCHEMA_INVALID, f"the pandera schema does not load: "
                             f"{type(error).__name__}: {error}", path=schema.display)
    if not isinstance(loaded, pa.DataFrameSchema):
        return None, Finding(SC.SCHEMA_INVALID, "the file is not a pandera DataFrameSchema",
                             path=schema.display)
    problem = _guard_patterns(loaded, schema.display)  # its regular expressions (see the end)
    return (loaded, None) if problem is None else (None, problem)


def run_schema(loaded: Any, frame: pd.DataFrame, display: str,
               skip_rows: Any = None, first_row: int = FIRST_DATA_ROW) -> list[Finding]:
    """Validate ``frame`` lazily; each failure case (or each failing row of a
    dataframe-wide check) becomes one finding at ``display``."""
    failures, problems = schema_failures(loaded, frame, display, skip_rows, first_row)
    return failures + problems


def schema_failures(loaded: Any, frame: pd.DataFrame, display: str, skip_rows: Any = None,
                    first_row: int = FIRST_DATA_ROW) -> tuple[list[Finding], list[Finding]]:
    """What :func:`run_schema` finds, as the failures of the data (in the order of their
    rows, then of their columns: the same whether the rows were checked at once or in
    blocks) and the problems of the schema itself."""
    if skip_rows is not None and len(skip_rows) == len(frame) and skip_rows.any():
        frame = frame[~skip_rows]  # blank rows are reported once, as blank rows
    named, renamed, problems = _match_column_names(loaded, frame)
    findings = _renamed(_validate(named, frame, display, first_row), renamed)
    findings.sort(key=failure_order(loaded))
    return findings, problems + _pattern_problems(loaded)


def failure_order(loaded: Any) -> Callable[[Finding], tuple[bool, int, int, int]]:
    """The order of a schema's failures: by row (those of no row, about a whole column or
    the table, last), then column, then check (the schema's own checks first, as pandera
    reports them)."""
    columns = {str(name): position for position, name in enumerate(loaded.columns)}
    checks: dict[str, int] = {}
    for _, part in _parts(loaded):
        for check in part.checks:
            checks.setdefault(str(getattr(check, "name", "")), len(checks))

    def order(finding: Finding) -> tuple[bool, int, int, int]:
        return (finding.row is None, finding.row or 0, columns.get(finding.field or "", len(columns)),
                checks.get(str(finding.details.get("check", "")), len(checks)))

    return order


def _validate(loaded: Any, frame: pd.DataFrame, display: str, first_row: int) -> list[Finding]:
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


# -- regular expressions from the schema file -------------------------------------------------
# pandera runs str_matches and str_contains, and matches a column named by a regex (regex: true)
# against the frame's column names, with Python's re, which backtracks without bound.  Each
# pattern is compiled by patterns.py when the schema loads (one it cannot run safely is an SC203
# finding naming the file and the column) and run by it, with the regex module and a time limit;
# one that runs past its time passes every value and becomes an SC203 finding instead.  (The
# attributes of pandera's own Check and Column objects used here are those of pandera 0.35.)

_PATTERN_CHECKS: dict[str, How] = {"str_matches": "match", "str_contains": "search"}


@dataclass
class _PatternGuard:
    """A ``str_matches`` or ``str_contains`` check's pattern, and why it could not be run."""

    pattern: Pattern
    how: How
    check: str
    field: str | None
    display: str
    problem: str | None = None


def _pattern_check(guard: _PatternGuard, data: Any, **_: Any) -> Any:
    """The check function of a pattern check, in place of pandera's (as a partial, which pandera
    can compare like its own and does not look up again by name)."""
    _ = data.str  # as pandas's str.match: a column that is not text fails the check the same way
    try:
        return pd.Series(matching(guard.pattern, data, guard.how), index=data.index)
    except PatternError as error:
        guard.problem = str(error)
        return pd.Series(True, index=data.index)


@dataclass
class _NamePattern:
    """The regular expression that names the columns of a ``regex: true`` column."""

    pattern: Pattern
    display: str


def _guard_patterns(loaded: Any, display: str) -> Finding | None:
    """Give every pattern check of ``loaded`` a :class:`_PatternCheck`, and every column named
    by a regex its :class:`_NamePattern`; the first pattern that cannot be run is a finding."""
    for field, part in _parts(loaded):
        if field is not None and getattr(part, "regex", False):
            try:
                part.sourcecheck_names = _NamePattern(compile_pattern(field), display)
            except (re.error, PatternError) as error:
                return _unsafe(f"the regular expression that names column {field!r}", error, display, field)
        for check in part.checks:
            how = _PATTERN_CHECKS.get(getattr(check._check_fn, "__name__", ""))
            if how is None:
                continue
            where = f" of column {field!r}" if field is not None else ""
            try:
                pattern = compile_pattern(str(check.statistics["pattern"]))
            except (re.error, PatternError) as error:
                return _unsafe(f"the {check.name} pattern{where}", error, display, field)
            check._check_fn = functools.partial(_pattern_check, _PatternGuard(pattern, how, check.name, field, display))
    return None


def _parts(loaded: Any) -> list[tuple[str | None, Any]]:
    """The schema, its columns (with their names) and its indexes: whatever holds checks."""
    index = loaded.index
    indexes = getattr(index, "indexes", None) or ([index] if index is not None else [])
    return [(None, loaded), *((str(name), column) for name, column in loaded.columns.items()),
            *((None, part) for part in indexes)]


def _unsafe(what: str, error: Exception, display: str, field: str | None) -> Finding:
    why = f"is not a regular expression: {error}" if isinstance(error, re.error) else \
        f"cannot be run safely: {error}"
    return Finding(SC.SCHEMA_INVALID, f"{what} {why}", path=display, field=field)


def _pattern_problems(loaded: Any) -> list[Finding]:
    """An SC203 finding for each pattern check that ran past its time in the last run."""
    findings = []
    for _, part in _parts(loaded):
        for check in part.checks:
            function = check._check_fn
            if not isinstance(function, functools.partial) or function.func is not _pattern_check:
                continue
            guard = function.args[0]
            if guard.problem is not None:
                where = f" of column {guard.field!r}" if guard.field is not None else ""
                findings.append(_unsafe(f"the {guard.check} pattern {guard.pattern.text!r}{where}",
                                        PatternError(guard.problem), guard.display, guard.field))
                guard.problem = None
    return findings


def _match_column_names(loaded: Any, frame: pd.DataFrame) -> tuple[Any, dict[str, str], list[Finding]]:
    """``loaded`` with each column named by a regex renamed to a plain alternative of the
    frame's column names the regex matches (``re.match``, as pandera), matched by patterns.py;
    a regex that matches none is renamed to one that matches nothing at once.  Also the new
    names, whose findings :func:`_renamed` gives back their regex, and a finding for each
    regex that ran past its time (the column is then left out)."""
    if not any(getattr(column, "sourcecheck_names", None) for column in loaded.columns.values()):
        return loaded, {}, []
    names = pd.Series([str(name) for name in frame.columns], dtype=object)
    columns: dict[Any, Any] = {}
    renamed: dict[str, str] = {}
    problems: list[Finding] = []
    for key, column in loaded.columns.items():
        guard = getattr(column, "sourcecheck_names", None)
        if guard is None:
            columns[key] = column
            continue
        try:
            matched = names[matching(guard.pattern, names, "match")].drop_duplicates()
        except PatternError as error:
            problems.append(_unsafe(f"the regular expression that names column {key!r}", error,
                                    guard.display, str(key)))
            continue
        plain = ("(?:" + "|".join(map(re.escape, matched)) + ")\\Z") if len(matched) else \
            "(?!)" + re.escape(str(key))
        renamed[plain] = str(key)
        columns[plain] = copy.copy(column).set_name(plain)
    named = copy.copy(loaded)
    named.columns = columns
    return named, renamed, problems


def _renamed(findings: list[Finding], renamed: dict[str, str]) -> list[Finding]:
    """The findings about a renamed column (:func:`_match_column_names`) name its regex again."""
    if not renamed:
        return findings
    result = []
    for finding in findings:
        if finding.field in renamed:
            plain, key = finding.field, renamed[finding.field]
            details = {name: value.replace(plain, key) if isinstance(value, str) else value
                       for name, value in finding.details.items()}
            finding = dataclasses.replace(finding, field=key, message=finding.message.replace(plain, key),
                                          details=details)
        result.append(finding)
    return result
