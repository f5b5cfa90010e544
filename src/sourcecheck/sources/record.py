"""A source record as the claims check reads it: plain data, no data library needed.

A check of an article whose sources did not change restores its records from the
cache in this form, without reading a CSV.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, eq=False)
class PackageInfo:
    """What a claim reads of a data package: its name, descriptor and provenance."""

    name: str
    descriptor: dict[str, Any] = field(repr=False)
    provenance: dict[str, Any] = field(repr=False)
    #: the ``unit`` property of each field that has one, by resource and field
    #: (read from the Table Schemas as resolved: a schema in its own file included)
    units: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def field_unit(self, resource: str, name: str) -> str | None:
        """The ``unit`` property of field ``name`` of ``resource``, as written."""
        return self.units.get(resource, {}).get(name)


@dataclass(frozen=True, eq=False)
class Record:
    """One row of a resource."""

    package: PackageInfo
    resource: str
    path: str                   # the CSV as findings name it: relative to the project, "/"-separated
    row: int                    # 1-based over the data rows (the header excluded)
    raw: dict[str, str]         # the cells as written
    key_fields: tuple[str, ...] = ()
    #: every row's cells as written, by field: what a rank compares (None when not read)
    table: Mapping[str, Sequence[str]] | None = field(default=None, repr=False)

    @property
    def row_number(self) -> int:
        """The row as frictionless and the findings number it (header = 1)."""
        return self.row + 1
