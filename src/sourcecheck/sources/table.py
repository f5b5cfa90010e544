"""One table, from its file to a typed frame and its findings: read, then check."""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..findings import Finding
from .foreignkeys import check_foreign_keys
from .read import Dialect, UnreadableTable, decode, read_source, read_table
from .tableschema import TableResult, check_table, fast_dtypes, missing_values, usable_schema


def check_csv(location: Path | str, schema: dict[str, Any], *, display: str,
              encoding: str | None = None, dialect: dict[str, Any] | None = None) -> TableResult:
    """Read the CSV at ``location`` (a local path, or an allowed remote address) and
    check it against ``schema``.  Findings name ``display`` as their path.

    A file that cannot be read as a table gives one finding and an empty frame
    with the schema's columns.
    """
    schema = usable_schema(schema)
    try:
        parsed_dialect = Dialect.from_descriptor(dialect)
        data = read_source(location)
        text = decode(data, encoding or "utf-8")
        raw = read_table(
            text, data=data, encoding=encoding or "utf-8",
            dialect=parsed_dialect,
            missing_values=missing_values(schema),
            fast_dtypes=fast_dtypes(schema),
        )
    except UnreadableTable as problem:
        names = [str(spec.get("name", "")) for spec in schema.get("fields", [])]
        finding = Finding(problem.code, problem.message, path=display, row=problem.row,
                          details={"frictionless": "source-error"})
        return TableResult(pd.DataFrame(columns=names), [finding])
    return check_table(raw, schema, display)


def validate_table(path: str | PathLike[str], schema: dict[str, Any], *,
                   encoding: str | None = None,
                   dialect: dict[str, Any] | None = None) -> list[Finding]:
    """Every Table Schema finding for one CSV file and one Table Schema (a dict).

    The findings name ``path`` as given.  This is the table half of
    :func:`sourcecheck.validate`, usable on a bare CSV.
    """
    schema = usable_schema(schema)
    table = check_csv(Path(path), schema, display=str(path), encoding=encoding,
                      dialect=dialect)
    # only references to the table itself can be followed without a package
    own = {**schema, "foreignKeys": [
        key for key in schema.get("foreignKeys", []) or []
        if isinstance(key, dict) and not (key.get("reference") or {}).get("resource")]}
    keys = check_foreign_keys(table.frame, own, display=str(path), first_row=table.first_row,
                              reference=lambda name: table.frame)
    return table.findings + keys
