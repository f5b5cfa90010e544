"""A source record as the claims check reads it: plain data, no data library needed.

A check of an article whose sources did not change restores its records from the
cache in this form, without reading a CSV.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: the column (or resource property) that says where in the source a figure stands
LOCATOR = "locator"


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

    def locator(self, resource: str) -> str | None:
        """The place in the source of a whole resource (its own ``locator``), if it names one."""
        entries = self.descriptor.get("resources")
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and entry.get("name") == resource:
                return resource_locator(entry)
        return None


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


def resource_locator(descriptor: Mapping[str, Any]) -> str | None:
    """A resource descriptor's own ``locator``: one place in the source for all its rows."""
    locator = descriptor.get(LOCATOR)
    return locator if isinstance(locator, str) and locator.strip() else None
