"""What a revision changed in a table: the cells, by row key and field, as written.

Rows are matched by the resource's primary key (as written in the CSV); a table without
one is matched row by row.  Columns are matched by their header labels, so a column added
or removed upstream is named as such.  Cells are compared as written, so "1.0" -> "1" is a
change (a claim's ``value`` records what was written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..sources.catalog import Resource
from ..sources.read import Dialect, UnreadableTable, decode, read_source, read_table


@dataclass(frozen=True)
class CellChange:
    row: str     # the row's key ("id=a"), or its row number when there is no key
    field: str
    old: str
    new: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "old": self.old, "new": self.new}


@dataclass
class TableChanges:
    cells: list[CellChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)     # rows only in the new version
    removed: list[str] = field(default_factory=list)   # rows only in the old one
    fields_added: list[str] = field(default_factory=list)
    fields_removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.cells or self.added or self.removed or self.fields_added or self.fields_removed)

    def to_dict(self) -> dict[str, Any]:
        return {"cells": [change.to_dict() for change in self.cells], "rows_added": self.added,
                "rows_removed": self.removed, "fields_added": self.fields_added,
                "fields_removed": self.fields_removed}


def cells_as_written(resource: Resource) -> pd.DataFrame:
    """The cells of a resource's file as text, one column per header label (the first of a
    repeated label); no columns when the file cannot be read as a table."""
    try:
        text = decode(read_source(resource.path), resource.descriptor.get("encoding") or "utf-8")
        table = read_table(text, dialect=Dialect.from_descriptor(resource.descriptor.get("dialect")),
                           missing_values=[])
    except UnreadableTable:
        return pd.DataFrame()
    cells = table.cells.iloc[:, : len(table.labels)].fillna("").astype(str)
    cells.columns = table.labels[: cells.shape[1]]
    return cells


def table_changes(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> TableChanges:
    """Every difference between two tables of cells as written (strings, one column per
    field), rows matched on ``key`` (row by row when empty or not in both)."""
    changes = TableChanges(fields_added=[name for name in new.columns if name not in old.columns],
                           fields_removed=[name for name in old.columns if name not in new.columns])
    old_rows, new_rows = _rows(old, key), _rows(new, key)
    shared = [name for name in old.columns if name in new.columns]
    for row_key, old_row in old_rows.items():
        new_row = new_rows.get(row_key)
        if new_row is None:
            changes.removed.append(row_key)
            continue
        changes.cells.extend(CellChange(row_key, name, old_row[name], new_row[name])
                             for name in shared if old_row[name] != new_row[name])
    changes.added = [row_key for row_key in new_rows if row_key not in old_rows]
    return changes


def _rows(table: pd.DataFrame, key: list[str]) -> dict[str, dict[str, str]]:
    """Each row's cells by its key as shown ("id=a", or "row 2" counted like a CSV's rows)."""
    records = table.loc[:, ~table.columns.duplicated()].to_dict("records")
    usable = bool(key) and all(name in table.columns for name in key)
    rows: dict[str, dict[str, str]] = {}
    for number, record in enumerate(records, start=2):
        cells = {str(name): str(value) for name, value in record.items()}
        shown = ", ".join(f"{name}={cells[name]}" for name in key) if usable else f"row {number}"
        rows.setdefault(shown, cells)
    return rows
