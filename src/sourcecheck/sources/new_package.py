"""``sourcecheck package new``: a data package made from raw tables, valid as it is written.

    datapackages/NAME/datapackage.json   Table Schemas inferred (inference.py), provenance given
    datapackages/NAME/RESOURCE.csv       a copy of each table, byte for byte
    schemas/NAME.RESOURCE.yaml           a pandera schema stub per table

Each resource's ``locator`` (where in the source its rows stand) is the name of the file
it came from; a per-row ``locator`` column may be added later.  A field one of whose
cells does not fit the type frictionless inferred becomes a string, so the package
validates as it is written; a table that is not a rectangle of cells under one header
(a blank or repeated column name, a ragged or blank row) is refused, naming the row.

Nothing is overwritten unless asked (``force``).  The package is built in a temporary
folder beside its place, then renamed into it; a package it replaces is first moved
aside, and removed once the new one stands.  Each schema file is written atomically.
Nothing is fetched: the source's address is recorded, not read.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .. import limits, textfile
from ..codes import SC
from ..errors import InputError, UsageError
from ..project import Project
from .catalog import DESCRIPTOR
from .inference import (
    Table,
    add_foreign_keys,
    add_required_and_primary_key,
    decimal_comma_fields,
    demote,
    describe,
    pandera_stub,
    use_decimal_comma,
)
from .table import check_csv

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# A package name is its folder's name and the first part of its schemas' names
# (<package>.<resource>.yaml): no dot, no separator, nothing to escape.
_SAFE_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_MAX_NAME = 100


@dataclass(frozen=True)
class Provenance:
    """Where the tables come from, as ``package new`` is told."""

    title: str
    publisher: str
    source: str                    # the address of the publication (recorded, never fetched)
    retrieved: str | None = None   # ISO date; today when not given
    doi: str | None = None


@dataclass(frozen=True)
class WrittenResource:
    """One table of the new package, as the summary tells it."""

    name: str
    origin: str  # the file it was copied from
    fields: int
    primary_key: tuple[str, ...]
    foreign_keys: tuple[str, ...]  # "field -> resource.field"
    strings: tuple[str, ...]  # fields made strings because a cell did not fit the inferred type


@dataclass(frozen=True)
class NewPackage:
    """What ``package new`` wrote."""

    path: Path
    resources: tuple[WrittenResource, ...]
    schemas: tuple[Path, ...]
    root: Path

    def summary(self) -> str:
        lines = [f"wrote {self._shown(self.path)}/ with {len(self.resources)} "
                 f"table{'s' if len(self.resources) != 1 else ''}:"]
        for resource in self.resources:
            parts = [f"{resource.fields} fields"]
            parts.append(f"primary key {', '.join(resource.primary_key)}" if resource.primary_key
                         else "no primary key (no column is unique and complete)")
            parts += [f"foreign key {key}" for key in resource.foreign_keys]
            if resource.strings:
                parts.append(f"read as text: {', '.join(resource.strings)}")
            lines.append(f"  {resource.name} (from {resource.origin}): {'; '.join(parts)}")
        lines.append("and the pandera schema stubs " + ", ".join(self._shown(p) for p in self.schemas))
        lines.append("check them with `sourcecheck validate`")
        return "\n".join(lines) + "\n"

    def _shown(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)


def new_package(name: str, tables: Sequence[str | os.PathLike[str]], provenance: Provenance, *,
                project: Project | str | os.PathLike[str] = ".", force: bool = False) -> NewPackage:
    """Write ``datapackages/<name>/`` from ``tables`` (CSV files) and a pandera schema stub
    per table in the project at ``project`` (found as ``check`` finds it).

    Raises :class:`UsageError` for a bad name, bad options or a package that exists
    (without ``force``), :class:`InputError` naming the file for a table that cannot be read.
    """
    check_name(name)
    if not tables:
        raise UsageError("name at least one CSV file to package")
    retrieved = _check_provenance(provenance)
    if not isinstance(project, Project):
        project = Project.find(project)
    root = project.root.resolve()
    datapackages, schemas = _inside(root, project.datapackages), _inside(root, project.schemas)
    read = _read_tables([Path(table) for table in tables])
    target = datapackages / name
    replaced = sorted(schemas.glob(f"{name}.*.yaml")) if schemas.is_dir() else []
    if not force and (os.path.lexists(target) or replaced):
        existing = target if os.path.lexists(target) else replaced[0]
        raise UsageError(f"{_relative(existing, root)} already exists; use --force to replace the package",
                         existing)
    made = [folder for folder in (datapackages, schemas) if not folder.exists()]
    try:
        for folder in made:
            folder.mkdir(parents=True)
        building = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".new", dir=datapackages))
    except OSError as error:
        raise InputError(f"cannot write the package: {error.strerror}", datapackages) from None
    written = False
    try:
        described = [_describe_copy(building, resource, data, origin) for resource, (origin, data) in read.items()]
        add_foreign_keys([table for table, _ in described])
        descriptor = _descriptor(name, provenance, retrieved, described, read)
        (building / DESCRIPTOR).write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
        stubs = {schemas / f"{name}.{table.name}.yaml": pandera_stub(table, name, _relative(
            target / f"{table.name}.csv", root)) for table, _ in described}
        _put_in_place(building, target, force)
        written = True
    except OSError as error:
        raise InputError(f"cannot write the package: {error.strerror}", target) from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
        for folder in made if not written else ():
            with contextlib.suppress(OSError):  # made for this package: left only if someone wrote there
                folder.rmdir()
    for old in replaced:
        if old not in stubs:
            old.unlink(missing_ok=True)  # a schema of a resource the new package lacks would be an orphan
    for path, text in stubs.items():
        try:
            textfile.write_atomically(path, text, overwrite=force)
        except FileExistsError:
            raise UsageError("the schema file appeared while the package was written; use --force",
                             path) from None
        except OSError as error:
            raise InputError(f"cannot write the schema: {error.strerror}", path) from None
    resources = tuple(_written(table, strings, read[table.name][0].name) for table, strings in described)
    return NewPackage(target, resources, tuple(stubs), root)


def check_name(name: str) -> None:
    if len(name) > _MAX_NAME or not _SAFE_NAME.fullmatch(name):
        raise UsageError(f"{name!r} is not a safe package name: use lower-case letters and digits, "
                         f"words joined by '-' or '_' (at most {_MAX_NAME} characters), e.g. cbs-births-2024")


def _check_provenance(provenance: Provenance) -> str:
    """The retrieval date (today's when not given); a UsageError for an empty or malformed option."""
    for option, value in (("--title", provenance.title), ("--publisher", provenance.publisher),
                          ("--source", provenance.source)):
        if not value.strip():
            raise UsageError(f"{option} must not be empty: a package says where its figures come from")
    if provenance.doi is not None and not provenance.doi.strip():
        raise UsageError("--doi must not be empty when given")
    if provenance.retrieved is None:
        return datetime.datetime.now(datetime.UTC).date().isoformat()
    try:
        return datetime.date.fromisoformat(provenance.retrieved).isoformat()
    except ValueError:
        raise UsageError(f"--retrieved must be a date written YYYY-MM-DD, not {provenance.retrieved!r}") from None


def _inside(root: Path, folder: Path) -> Path:
    """``folder`` when it (or the place a link there leads to) lies inside the project."""
    resolved = folder.resolve()
    if not resolved.is_relative_to(root):
        raise UsageError("the folder leads outside the project; packages are written inside it", folder)
    return resolved


def _read_tables(paths: Sequence[Path]) -> dict[str, tuple[Path, bytes]]:
    """Each table's bytes (a regular UTF-8 file within file-size), by its resource name."""
    read: dict[str, tuple[Path, bytes]] = {}
    for path in paths:
        try:
            data = textfile.read_regular(path, limits.current().file_size)
        except textfile.NotReadable as problem:
            raise InputError(f"cannot read the table: {problem}", path) from None
        except FileNotFoundError:
            raise InputError("cannot read the table: no such file", path) from None
        except OSError as error:
            raise InputError(f"cannot read the table: {error.strerror}", path) from None
        try:
            data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError as bad:
            raise InputError(f"the table is not UTF-8 (byte {bad.start} does not decode): save it as UTF-8, "
                             "then run again", path) from None
        name = _resource_name(path)
        if name in read:
            raise UsageError(f"{read[name][0]} and {path} would both be resource {name!r}: "
                             "rename one of the files", path)
        read[name] = (path, data)
    return read


def _resource_name(path: Path) -> str:
    """A resource name from a file's name: lower-case ASCII words joined by '-'."""
    ascii_name = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:_MAX_NAME].strip("-") or "table"


def _describe_copy(folder: Path, name: str, data: bytes, origin: Path) -> tuple[Table, tuple[str, ...]]:
    """The table copied to ``folder`` and described: its Table Schema checked against every
    row (a field a cell does not fit becomes a string), its required fields and primary key."""
    copy = folder / f"{name}.csv"
    copy.write_bytes(data)
    schema, dialect = describe(data, str(origin))
    strings: list[str] = []
    frame, empty = _checked(copy, schema, dialect, origin, strings)
    commas = decimal_comma_fields(schema, frame)
    if commas:
        use_decimal_comma(schema, commas)
        frame, empty = _checked(copy, schema, dialect, origin, strings)
    table = Table(name, schema, dialect, frame, empty)
    add_required_and_primary_key(table)
    return table, tuple(strings)


def _checked(copy: Path, schema: dict[str, Any], dialect: dict[str, Any] | None, origin: Path,
             strings: list[str]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The typed rows of ``copy`` once every cell fits ``schema``: a field with a cell that
    does not fit becomes a string (its name added to ``strings``); an InputError for a
    table that is not a rectangle of cells under one header."""
    for _ in range(len(schema["fields"]) + 1):  # each pass makes one field or more strings
        result = check_csv(copy, schema, display=str(origin), encoding="utf-8", dialect=dialect)
        wrong = {str(finding.field) for finding in result.findings if finding.code == SC.TYPE_ERROR}
        structural = [finding for finding in result.findings if finding.code != SC.TYPE_ERROR]
        if structural:
            first = structural[0]
            where = f"row {first.row}: " if first.row is not None else ""
            raise InputError(f"cannot be packaged as it is: {where}{first.message} "
                             f"(fix the table, then run again)", origin)
        if not wrong:
            break
        strings += sorted(wrong)
        demote(schema, wrong)
    return result.frame, result.empty


def _descriptor(name: str, provenance: Provenance, retrieved: str,
                described: list[tuple[Table, tuple[str, ...]]],
                read: dict[str, tuple[Path, bytes]]) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "$schema": PROFILE,
        "name": name,
        "title": provenance.title.strip(),
        "publisher": provenance.publisher.strip(),
        **({"doi": provenance.doi.strip()} if provenance.doi else {}),
        "retrieved": retrieved,
        "sources": [{"title": provenance.publisher.strip(), "path": provenance.source.strip(),
                     "retrieved": retrieved}],
        "resources": [],
    }
    for table, _ in described:
        descriptor["resources"].append({
            "name": table.name,
            "type": "table",
            "path": f"{table.name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "locator": read[table.name][0].name,
            **({"dialect": table.dialect} if table.dialect else {}),
            "schema": table.schema,
        })
    return descriptor


def _put_in_place(building: Path, target: Path, force: bool) -> None:
    """Rename the built package to ``target``; with ``force``, what stands there is moved
    aside first and removed once the new package is in place."""
    if not (force and os.path.lexists(target)):
        os.rename(building, target)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    old = aside / target.name
    os.rename(target, old)
    try:
        os.rename(building, target)
    except OSError:
        os.rename(old, target)  # the old package stays
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _written(table: Table, strings: tuple[str, ...], origin: str) -> WrittenResource:
    keys = tuple(f"{key['fields'][0]} -> {key['reference']['resource']}.{key['reference']['fields'][0]}"
                 for key in table.schema.get("foreignKeys", []))
    return WrittenResource(table.name, origin, len(table.fields), tuple(table.schema.get("primaryKey", [])),
                           keys, strings)


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
