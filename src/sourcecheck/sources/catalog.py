"""A project's data packages as objects: Catalog -> Package -> Resource -> Record.

Loading reads descriptors only; a resource's CSV is read the first time its
``frame`` (or ``raw``) is asked for, once.  Problems found while loading are
findings, kept on the catalog (``Catalog.findings``) for ``validate`` to report.
"""

from __future__ import annotations

import dataclasses
import errno
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..codes import SC
from ..errors import InputError, UnsafePathError
from ..findings import Finding
from ..project import Project
from .descriptor import (
    DescriptorProblem,
    as_list,
    frictionless_findings,
    inline_reference,
    position_of,
    provenance_findings,
    read_json,
)
from .paths import is_fetchable, is_remote, resolve_inside
from .read import UnreadableTable, decode, read_source, read_table
from .record import PackageInfo, Record
from .scan import Scanner
from .table import check_csv
from .tableschema import TableResult, usable_schema

#: frictionless's checks of a descriptor: (descriptor, its path as findings name it) -> findings
DescriptorCheck = Callable[[dict[str, Any], str], list[Finding]]

DESCRIPTOR = "datapackage.json"


@dataclass(eq=False)
class Resource:
    """A tabular resource: its CSV, its Table Schema and, on demand, its rows."""

    name: str
    package: Package
    path: Path | str  # a Path inside the package folder, or an allowed remote address
    schema: dict[str, Any]
    descriptor: dict[str, Any] = field(repr=False)
    usable: bool = True  # False when the path was rejected: nothing is read
    scanned: bool = False  # a record is looked up by a scan of the file (scan.py), never read whole

    @cached_property
    def fields(self) -> list[str]:
        """The field names, in order (asked for every claim: made once)."""
        return [str(spec.get("name", "")) for spec in self.schema.get("fields", [])]

    @property
    def primary_key(self) -> list[str]:
        key = self.schema.get("primaryKey") or []
        return [key] if isinstance(key, str) else list(key)

    @cached_property
    def display(self) -> str:
        """The CSV's path as findings name it (relative to the project root; worked out once)."""
        if isinstance(self.path, str):
            return self.path
        return self.package.catalog.relative(self.path)

    @cached_property
    def table(self) -> TableResult:
        """The typed frame and the Table Schema findings (read once)."""
        if not self.usable:
            return TableResult(pd.DataFrame(columns=self.fields), [])
        return check_csv(self.path, self.schema, display=self.display,
                         encoding=self.descriptor.get("encoding"),
                         dialect=self.descriptor.get("dialect"))

    @property
    def frame(self) -> pd.DataFrame:
        """The rows typed per the Table Schema; index 0..n-1 (row ``i`` is data row i+1)."""
        return self.table.frame

    @cached_property
    def raw(self) -> pd.DataFrame:
        """The cells as written (strings; empty cells are ``""``), one column per field."""
        if not self.usable:
            return pd.DataFrame(columns=self.fields)
        try:
            text = decode(read_source(self.path), self.descriptor.get("encoding") or "utf-8")
            table = read_table(text, missing_values=[])
        except UnreadableTable:
            return pd.DataFrame(columns=self.fields)
        # read as text, every cell is a str already (a short row's missing ones filled)
        cells = table.cells.iloc[:, : len(self.fields)].fillna("")
        cells.columns = self.fields[: cells.shape[1]]
        return cells

    @cached_property
    def _index(self) -> dict[tuple[Any, ...], int]:
        key = self.primary_key
        if not key or any(name not in self.frame.columns for name in key):
            return {}
        typed, cells, _ = self._columns
        raw = self.raw
        # the typed key of every row, then as written
        keys: list[Iterator[tuple[Any, ...]]] = [zip(*(typed[name] for name in key), strict=True)]
        if set(key) <= set(raw.columns):
            # a repeated field name selects all its columns in pandas, so no key matches it
            keys.append(raw[key].itertuples(index=False, name=None) if raw.columns.has_duplicates
                        else zip(*(cells[name] for name in key), strict=True))
        index: dict[tuple[Any, ...], int] = {}
        for parts in keys:
            for row, values in enumerate(parts):
                index.setdefault(values, row)
        return index

    def key_parts(self, key: Any) -> tuple[Any, ...] | None:
        """``key`` (a value, a tuple/list or a dict) as one part per primary key field."""
        names = self.primary_key
        if isinstance(key, dict):
            parts = tuple(key[name] for name in names) if set(key) == set(names) else ()
        else:
            parts = tuple(key) if isinstance(key, (list, tuple)) else (key,)
        return parts if names and len(parts) == len(names) else None

    def lookup(self, key: Any) -> Record | None:
        """The record whose primary key is ``key`` (a value, a tuple/list or a dict)."""
        parts = self.key_parts(key)
        if parts is None:
            return None
        if self.scanned:  # too large to read whole: found by a scan of its key columns
            return self.scanner.get(parts)
        row = self._index.get(tuple(_plain(part) for part in parts))
        if row is None:
            row = self._index.get(tuple(str(part) for part in parts))
        return None if row is None else self.record(row)

    @cached_property
    def scanner(self) -> Scanner:
        """The records found by scans of the file (when ``scanned``), many keys a scan."""
        return Scanner(self)

    def record(self, row: int) -> Record:
        """The record at 0-based frame position ``row``."""
        _, raw_cells, raw_rows = self._columns
        raw = {name: column[row] for name, column in raw_cells.items()} if row < raw_rows else {}
        return Record(self.package.info, self.name, self.display.replace("\\", "/"), row + 1, raw,
                      tuple(self.primary_key), raw_cells)

    @cached_property
    def _columns(self) -> tuple[dict[str, list[Any]], dict[str, list[Any]], int]:
        """The typed cells as plain Python values and the raw cells as text, in lists per
        column, made once, and the number of raw rows: a record is then a few list
        look-ups, not a pandas row (a newsroom looks up thousands)."""
        # by position: a repeated column name keeps its last column, as a pandas row does
        frame, raw = self.frame, self.raw
        typed = {str(name): [_plain(value) for value in frame.iloc[:, i].tolist()]
                 for i, name in enumerate(frame.columns)}
        cells = {str(name): [str(value) for value in raw.iloc[:, i].tolist()]
                 for i, name in enumerate(raw.columns)}
        return typed, cells, len(raw)

    def lookup_tables(self) -> tuple[Any, Any]:
        """What :meth:`lookup` and :meth:`record` read, as plain Python data (made here if
        not yet made), for :meth:`adopt_lookup_tables` in another process."""
        return self._index, self._columns

    def reread(self) -> None:
        """Forget the rows read so far: the CSV changed, and is read again when next asked."""
        for name in ("table", "raw", "_index", "_columns"):
            self.__dict__.pop(name, None)

    def adopt_lookup_tables(self, tables: tuple[Any, Any]) -> None:
        """Take the tables :meth:`lookup_tables` gave for this same resource (read by a
        worker process), so that looking records up here reads nothing again."""
        self.__dict__["_index"], self.__dict__["_columns"] = tables


@dataclass(eq=False)
class Package:
    """A data package: a folder with a ``datapackage.json``."""

    name: str
    path: Path
    descriptor: dict[str, Any] = field(repr=False)
    catalog: Catalog = field(repr=False)
    resources: dict[str, Resource] = field(default_factory=dict)

    @cached_property
    def info(self) -> PackageInfo:
        """What a claim reads of the package."""
        units = {name: {str(spec["name"]): spec["unit"] for spec in resource.schema.get("fields", [])
                        if isinstance(spec, dict) and isinstance(spec.get("unit"), str) and "name" in spec}
                 for name, resource in self.resources.items()}
        return PackageInfo(self.name, self.descriptor, self.provenance, {k: v for k, v in units.items() if v})

    @property
    def provenance(self) -> dict[str, Any]:
        """Where the figures come from, from the descriptor (absent keys are None)."""
        d = self.descriptor
        sources = [s for s in as_list(d.get("sources")) if isinstance(s, dict)]
        first = sources[0] if sources else {}
        return {**{key: d.get(key) for key in ("title", "publisher")}, "url": first.get("path"),
                **{key: d.get(key) for key in ("doi", "published", "fieldwork", "sampleSize", "method", "retrieved")},
                "licenses": d.get("licenses", []), "sources": sources}


@dataclass(eq=False)
class Catalog:
    """Every data package of a project, by name, and the findings of loading them."""

    root: Path
    folder: Path  # the datapackages folder
    packages: dict[str, Package] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # package folders whose descriptor could not be read (their schemas are not orphans)
    unreadable: set[str] = field(default_factory=set)

    def resource(self, package: str, resource: str) -> Resource | None:
        found = self.packages.get(package)
        return found.resources.get(resource) if found else None

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root when inside it, else as given."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            try:
                return str(path.resolve().relative_to(self.root.resolve()))
            except ValueError:
                return str(path)


def load_catalog(project: Project | str | PathLike[str] = ".", *, allow_remote: bool = False,
                 check_descriptor: DescriptorCheck = frictionless_findings) -> Catalog:
    """Load every package in the project's ``datapackages`` folder (descriptors only).

    ``check_descriptor`` runs frictionless's checks of a descriptor (a caller may
    remember their findings for a descriptor it has seen).

    Raises :class:`InputError` when there is no project or no ``datapackages``
    folder; everything wrong inside a package is a finding on ``Catalog.findings``.
    """
    if not isinstance(project, Project):
        project = Project.load(project)
    folder = project.datapackages
    if not folder.is_dir():
        raise InputError("no datapackages folder to validate", folder)
    catalog = Catalog(project.root, folder)
    root = project.root.resolve()
    try:
        entries = sorted(folder.iterdir())
        package_folders = [p for p in entries if p.is_dir()]
    except OSError as error:
        raise InputError(f"cannot read the folder: {error.strerror}", folder) from None
    for broken in (p for p in entries if p.is_symlink() and not p.exists()):
        what = "a loop of symbolic links" if _loops(broken) else "a symbolic link to nothing"
        catalog.findings.append(Finding(SC.DESCRIPTOR_INVALID, f"{what} where a package folder should be",
                                        path=catalog.relative(broken)))
        catalog.unreadable.add(broken.name)
    for package_folder in package_folders:
        if package_folder.is_symlink() and not package_folder.resolve().is_relative_to(root):
            catalog.findings.append(Finding(SC.PATH_UNSAFE, "the package folder is a link to a folder outside "
                                            "the project; it is not read", path=catalog.relative(package_folder)))
            catalog.unreadable.add(package_folder.name)
            continue
        try:
            package = _load_package(package_folder, catalog, allow_remote, check_descriptor)
        except OSError as error:  # a folder or descriptor the user may not read
            catalog.findings.append(Finding(SC.DESCRIPTOR_INVALID, f"cannot read the package: {error.strerror}",
                                            path=catalog.relative(package_folder)))
            package = None
        if package is not None:
            catalog.packages[package.name] = package
        else:
            catalog.unreadable.add(package_folder.name)
    return catalog


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _load_package(folder: Path, catalog: Catalog, allow_remote: bool,
                  check_descriptor: DescriptorCheck) -> Package | None:
    path = folder / DESCRIPTOR
    display = catalog.relative(path)
    if not path.is_file():
        catalog.findings.append(Finding(SC.DESCRIPTOR_INVALID, f"the package folder has no {DESCRIPTOR}",
                                        path=catalog.relative(folder)))
        return None
    try:
        descriptor = read_json(path, display)
    except DescriptorProblem as problem:
        catalog.findings.append(problem.finding)
        return None
    if not isinstance(descriptor, dict):
        catalog.findings.append(Finding(SC.DESCRIPTOR_INVALID, "the descriptor must be a JSON object",
                                        path=display, line=1, column=1))
        return None
    findings = catalog.findings
    name = descriptor.get("name")
    if name != folder.name:
        findings.append(Finding(SC.DESCRIPTOR_INVALID, f"the package name {name!r} is not its folder's name "
                                f"{folder.name!r}", path=display))
    resolved = _inline_references(descriptor, folder, display, allow_remote, findings)
    findings.extend(check_descriptor(resolved, display))
    findings.extend(provenance_findings(descriptor, display))
    package = Package(folder.name, folder, descriptor, catalog)
    text = path.read_text(encoding="utf-8-sig")
    for entry in as_list(resolved.get("resources")):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            problems: list[Finding] = []
            resource = _resource(entry, package, display, allow_remote, problems)
            for found in problems:  # point at the resource's path in the descriptor
                line, column = position_of(text, str(entry.get("path", entry["name"])))
                findings.append(dataclasses.replace(found, line=line, column=column))
            package.resources[resource.name] = resource
    return package


def _inline_references(descriptor: dict[str, Any], folder: Path, display: str,
                       allow_remote: bool, findings: list[Finding]) -> dict[str, Any]:
    resolved = dict(descriptor)
    resources = []
    for entry in as_list(descriptor.get("resources")):
        if isinstance(entry, dict):
            entry = dict(entry)
            for key in ("schema", "dialect"):
                if key in entry:
                    entry[key], problems = inline_reference(folder, entry[key], key, display,
                                                            allow_remote)
                    findings.extend(problems)
                    if entry[key] is None:
                        del entry[key]
        resources.append(entry)
    if "resources" in descriptor:
        resolved["resources"] = resources
    return resolved


def _resource(entry: dict[str, Any], package: Package, display: str, allow_remote: bool,
              findings: list[Finding]) -> Resource:
    name = entry["name"]
    reference = entry.get("path")
    schema = usable_schema(entry.get("schema"))
    if not isinstance(reference, str):
        findings.append(Finding(SC.DESCRIPTOR_INVALID, f"resource {name!r}: path must be one local file name "
                                "(inline data and multipart paths are not supported)",
                                path=display))
        return Resource(name, package, package.path, schema, entry, usable=False)
    if is_remote(reference):
        if not allow_remote:
            findings.append(Finding(SC.PATH_REMOTE, f"resource {name!r} is a remote address "
                                    f"({reference}); it is not fetched without --allow-remote",
                                    path=display))
            return Resource(name, package, reference, schema, entry, usable=False)
        if not is_fetchable(reference):
            findings.append(Finding(SC.PATH_REMOTE, f"resource {name!r} is a remote address ({reference[:200]}); "
                                    "only http and https addresses are fetched", path=display))
            return Resource(name, package, reference, schema, entry, usable=False)
        return Resource(name, package, reference, schema, entry)
    try:
        local = resolve_inside(package.path, reference)
    except UnsafePathError as error:
        findings.append(Finding(SC.PATH_UNSAFE, f"resource {name!r}: {error.message}", path=display))
        return Resource(name, package, package.path / "<unsafe>", schema, entry, usable=False)
    return Resource(name, package, local, schema, entry)


_ALREADY_PLAIN = frozenset({str, int, bool})
_NA, _NAT = pd.NA, pd.NaT


def _plain(value: Any) -> Any:
    """A frame cell as a plain Python value (None for missing)."""
    if type(value) in _ALREADY_PLAIN:  # most cells: nothing to check
        return value
    if value is None or value is _NA or value is _NAT:
        return None
    if isinstance(value, float):  # Python's or numpy's
        return None if math.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
