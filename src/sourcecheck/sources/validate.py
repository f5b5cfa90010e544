"""Validating data packages: each resource against its Table Schema, its foreign keys,
its provenance and its pandera schema; every finding, none of them an exception."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .. import limits
from ..codes import SC
from ..findings import Finding
from ..project import Project
from ..textfile import NotReadable, read_regular
from .catalog import Catalog, Resource
from .foreignkeys import check_foreign_keys
from .pinning import BYTES, HASH, pin_findings
from .record import LOCATOR, resource_locator
from .schemas import SchemaFile, load_schema, run_schema, schema_files
from .tableschema import TableResult


def project_schemas(project: Project, catalog: Catalog) -> dict[tuple[str, str], SchemaFile]:
    """The pandera schema files of the project, by (package, resource)."""
    return {(s.package, s.resource): s for s in schema_files(project.schemas, catalog.relative)}


#: validates one resource: (resource, its pandera schema, whether a schema is required) -> findings
ResourceCheck = Callable[[Resource, "SchemaFile | None", bool], list[Finding]]


def validate_catalog(project: Project, catalog: Catalog, check: ResourceCheck | None = None) -> list[Finding]:
    """Every finding about every package, resource and pandera schema of ``catalog``; each
    resource validated by ``check`` (the runner's engine), by default :func:`validate_resource`."""
    check = check or validate_resource
    findings: list[Finding] = list(catalog.findings)
    schemas = project_schemas(project, catalog)
    required = project.schemas_required
    for package in catalog.packages.values():
        for resource in package.resources.values():
            findings.extend(resource_pin_findings(resource))  # first: what follows is about other bytes
            findings.extend(check(resource, schemas.get((package.name, resource.name)), required))
    for (package_name, resource_name), schema in schemas.items():
        if catalog.resource(package_name, resource_name) is None and package_name not in catalog.unreadable:
            findings.append(Finding(
                SC.SCHEMA_INVALID, f"the schema is for resource {resource_name!r} of package "
                f"{package_name!r}, which does not exist", path=schema.display))
    return findings


def validate_resource(resource: Resource, schema: SchemaFile | None, required: bool = False) -> list[Finding]:
    """Every finding about one resource: its table, its keys, its locators, its pandera
    schema (whose absence is an error when ``required``, else a note)."""
    if not resource.usable:
        return []
    return validate_table_of(resource, resource.table, schema, required)


def no_schema(resource: Resource, required: bool) -> Finding:
    """SC204 when the project requires a pandera schema, else the note SC202."""
    name = f"{resource.package.name}.{resource.name}"
    return Finding(SC.SCHEMA_REQUIRED if required else SC.SCHEMA_MISSING,
                   f"resource {name} has no pandera schema ({name}.yaml in the schemas folder)",
                   path=resource.display)


def validate_table_of(resource: Resource, table: TableResult, schema: SchemaFile | None,
                      required: bool = False) -> list[Finding]:
    """:func:`validate_resource`, given what reading and checking its table gave."""
    findings = list(table.findings)
    findings.extend(check_foreign_keys(
        table.frame, resource.schema, display=resource.display, first_row=table.first_row,
        reference=lambda name: _frame_of(resource, name)))
    findings.extend(_locator_findings(resource, table))
    if schema is None:
        return [*findings, no_schema(resource, required)]
    loaded, problem = load_schema(schema)
    if loaded is None:
        return [*findings, *([problem] if problem is not None else [])]
    findings.extend(run_schema(loaded, table.frame, resource.display, table.blank, table.first_row))
    return findings


def resource_pin_findings(resource: Resource) -> list[Finding]:
    """The finding about a local resource file that is not the one its ``hash`` or ``bytes``
    pins (none for a missing or unreadable file: reading it says why)."""
    if not resource.usable or not isinstance(resource.path, Path) or not (
            HASH in resource.descriptor or BYTES in resource.descriptor):
        return []
    try:
        data: bytes | None = read_regular(resource.path, limits.current().file_size)
    except (NotReadable, OSError):
        data = None
    return pin_findings(resource.name, resource.descriptor, data, resource.display)


def _frame_of(resource: Resource, name: str) -> pd.DataFrame | None:
    """The typed frame of resource ``name`` of the same package ("" is ``resource``)."""
    if not name:
        return resource.frame
    other = resource.package.resources.get(name)
    return other.frame if other is not None and other.usable else None


def row_locators(resource: Resource) -> list[Finding] | None:
    """Every row must say where in the source its figure stands: in its ``locator`` cell, or
    through the resource's own ``locator`` (one place for the whole table, a raw table's file).
    None when each row's cell must be looked at; else the findings, which need no row."""
    if resource_locator(resource.descriptor) is not None:
        return []
    if LOCATOR not in resource.fields:
        return [Finding(SC.PROVENANCE_MISSING, f"the resource has no {LOCATOR!r} column saying where in the "
                        f"source each row's figure stands, and no {LOCATOR!r} of its own",
                        path=resource.display)]
    return None


def _locator_findings(resource: Resource, table: TableResult) -> list[Finding]:
    without_rows = row_locators(resource)
    if without_rows is not None:
        return without_rows
    empty = table.empty.get(LOCATOR)
    if empty is None:
        return []
    if table.blank is not None and len(table.blank) == len(empty):
        empty = empty & ~table.blank
    return [Finding(SC.PROVENANCE_MISSING, "the row does not say where in the source its figure stands",
                    path=resource.display, row=int(i) + table.first_row, field=LOCATOR)
            for i in np.flatnonzero(empty)]
