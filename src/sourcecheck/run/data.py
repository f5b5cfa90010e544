"""The data packages as one run reads them: each read once, and cached by content.

The catalog (descriptors), the number of failing validation findings of each resource a
claim rests on (what the claim is told, SC304), and the source record of every
reference of a ledger.  The records of an article are cached on its ledger's bytes and
every file of the packages it names, so that an edited article whose ledger and sources
did not change is checked without reading a CSV or importing a data library (pandas,
frictionless and pandera are imported only when a package must be read).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SourcecheckError
from ..findings import Finding
from ..ledger.model import Claim, Ledger
from ..project import Project
from ..report import SourceInfo
from ..sources.descriptor import frictionless_findings
from ..sources.lookup import find_record
from ..sources.record import PackageInfo, Record
from . import codec, recordcodec
from .cache import Cache, Row
from .fingerprints import Fingerprints, key
from .workers import in_worker, run_each

if TYPE_CHECKING:
    from ..sources.catalog import Catalog, Resource
    from ..sources.schemas import SchemaFile
    from ..sources.validate import ResourceCheck

#: a claim's records: one per reference (None when missing)
Records = list[Record | None]
#: the keys looked up in resources found by scans: (package, resource) -> one tuple of parts a key
ScannedKeys = dict[tuple[str, str], list[tuple[Any, ...]]]


class SourceData:
    """The data of one project: its catalog, failure counts and records, each made once."""

    def __init__(self, project: Project, allow_remote: bool, cache: Cache, fingerprints: Fingerprints,
                 validator: ResourceCheck | None = None, scans: Callable[[Resource], bool] | None = None) -> None:
        self.project = project
        self.validator = validator  # the engine's (run/engine.py); None: validate_resource
        self.scans = scans          # the engine's: whether a resource's records are found by a scan
        self.allow_remote = allow_remote
        self.cache = cache
        self.fingerprints = fingerprints
        self._catalog: Catalog | None = None
        self._schemas: dict[tuple[str, str], SchemaFile] | None = None
        self._problems: dict[str, int] = {}  # by the resource's CSV path
        self._packages_stored: dict[str, bool] = {}
        self._packages_restored: dict[str, PackageInfo | None] = {}

    @property
    def catalog(self) -> Catalog:
        """The project's data packages (descriptors; each CSV is read when first needed)."""
        if self._catalog is None:
            from ..sources.catalog import load_catalog  # pandas: only when a package is read

            self._catalog = load_catalog(self.project, allow_remote=self.allow_remote,
                                         check_descriptor=self._descriptor_findings)
            if self.scans is not None:
                for package in self._catalog.packages.values():
                    for resource in package.resources.values():
                        resource.scanned = self.scans(resource)
        return self._catalog

    def _descriptor_findings(self, descriptor: dict[str, Any], display: str) -> list[Finding]:
        """frictionless's checks of a descriptor, from the cache when it was checked before."""
        if not self.cache.enabled or not codec.plain(descriptor):
            return frictionless_findings(descriptor, display)
        entry_key = key("descriptor", display, descriptor)
        stored = codec.decoded(codec.findings_from, self.cache.get("descriptor", entry_key))
        if stored is not None:
            return stored
        findings = frictionless_findings(descriptor, display)
        self._put_findings("descriptor", entry_key, findings)
        return findings

    def preload(self) -> None:
        """Load the catalog and read and validate one local resource now (while workers
        parse ledgers), so that the data libraries are set up once, before any fork."""
        try:
            first = next((resource for package in self.catalog.packages.values()
                          for resource in package.resources.values()
                          if resource.usable and isinstance(resource.path, Path)), None)
            if first is not None:
                self.problems(first)
                first.lookup_tables()
        except SourcecheckError:
            pass  # raised again when a claim needs the data, after any ledger's error

    def problems(self, resource: Resource) -> int:
        """Failing validation findings of one resource (its CSV, schemas and descriptor)."""
        return self._problems_of(resource.package.name, resource.name, resource.display.replace("\\", "/"))

    def _problems_of(self, package: str, name: str, path: str) -> int:
        """:meth:`problems` of the resource ``name`` of ``package``, whose CSV is at ``path``:
        from the cache when its package is unchanged, without loading the catalog."""
        if path not in self._problems:
            count_key = key("problems", package, name, self.fingerprints.package(package),
                            self.project.schemas_required)
            stored = self.cache.get("problems", count_key)
            if type(stored) is int and stored >= 0:
                self._problems[path] = stored
                return stored
            resource = self.catalog.resource(package, name)
            count = 0
            if resource is not None:
                findings = self._validation(resource)
                descriptor = self.catalog.relative(resource.package.path / "datapackage.json")
                findings += [f for f in self.catalog.findings if f.path == descriptor]
                count = sum(1 for f in findings if f.fails)
            self._problems[path] = count
            if self.read_as_hashed():
                self.cache.put("problems", count_key, count)
        return self._problems[path]

    def _validation(self, resource: Resource) -> list[Finding]:
        """One resource's validation findings, from the cache when its package and schemas
        (every file of them) are what they were."""
        from ..sources.validate import project_schemas, validate_resource  # pandera

        required = self.project.schemas_required
        entry_key = key("resource", resource.package.name, resource.name,
                        self.fingerprints.package(resource.package.name), required)
        stored = codec.decoded(codec.findings_from, self.cache.get("resource", entry_key))
        if stored is not None:
            return stored
        if self._schemas is None:
            self._schemas = project_schemas(self.project, self.catalog)
        findings = (self.validator or validate_resource)(
            resource, self._schemas.get((resource.package.name, resource.name)), required)
        self._put_findings("resource", entry_key, findings)
        return findings

    def _put_findings(self, kind: str, entry_key: str, findings: list[Finding]) -> None:
        data = codec.findings_data(findings)
        if self.cache.enabled and self.read_as_hashed() and codec.round_trips(data, findings, codec.findings_from):
            self.cache.put(kind, entry_key, data)

    def prepare(self, packages: Sequence[str], workers: int) -> None:
        """Read, index and validate every resource of ``packages`` in up to ``workers``
        processes, before the articles citing them are checked (by workers forked after
        this, which then find it all done)."""
        catalog = self.catalog  # loaded here, before the workers fork
        for name in packages:
            self.fingerprints.package(name)  # hashed once, here
        resources = [resource for name in packages if name in catalog.packages
                     for resource in catalog.packages[name].resources.values()]
        prepared = run_each(self._prepare_resource, resources, workers)
        for resource, outcome in zip(resources, prepared, strict=True):
            if isinstance(outcome, SourcecheckError):
                continue  # raised again, in article order, by the article that needs it
            problems, tables, entries = outcome
            self.cache.adopt(entries)
            self._problems[resource.display.replace("\\", "/")] = problems
            resource.adopt_lookup_tables(tables)

    def _prepare_resource(self, resource: Resource) -> tuple[int, Any, list[Row]]:
        """A task of :func:`run_each`: a resource's failing findings, its look-up tables and
        a worker's new cache entries (in this process, they are its own already)."""
        problems, tables = self.problems(resource), resource.lookup_tables()
        return problems, tables, self.cache.take_pending() if in_worker() else []

    def problem_counts(self, packages: Sequence[str]) -> dict[str, int]:
        """:meth:`problems` of every resource of ``packages``, by CSV path: what a cluster's
        workers are given, so that none validates a resource again."""
        catalog = self.catalog
        counts = {}
        for resource in (r for name in packages if name in catalog.packages
                         for r in catalog.packages[name].resources.values()):
            try:
                counts[resource.display.replace("\\", "/")] = self.problems(resource)
            except SourcecheckError:
                continue  # raised again, in article order, by the worker whose article needs it
        return counts

    def adopt_problems(self, counts: dict[str, int]) -> None:
        """Take the :meth:`problem_counts` another process worked out."""
        self._problems.update(counts)

    def scanned_keys(self, ledgers: Sequence[Ledger]) -> ScannedKeys:
        """The keys the claims of ``ledgers`` look up in resources found by scans (too large
        to read whole), by package and resource: for :meth:`prefetch`."""
        if self.scans is None:
            return {}
        catalog = self.catalog
        keys: ScannedKeys = {}
        for ref in (ref for ledger in ledgers for claim in ledger.claims for ref in claim.references):
            resource = catalog.resource(ref.package, ref.resource)
            if resource is not None and resource.scanned and ref.field in resource.fields:
                try:
                    parts = resource.key_parts(ref.key)
                except (KeyError, ValueError, TypeError):
                    continue  # the reference is wrong: its lookup says how
                if parts is not None:
                    keys.setdefault((ref.package, ref.resource), []).append(parts)
        return keys

    def prefetch(self, keys: ScannedKeys) -> None:
        """Find the records of ``keys`` (:meth:`scanned_keys`), one scan a resource for all
        the claims of a run rather than one a claim."""
        for (package, name), wanted in keys.items():
            resource = self.catalog.resource(package, name)
            if resource is not None and resource.scanned:
                resource.scanner.prefetch(wanted)

    def read_as_hashed(self) -> bool:
        """Whether every data file read so far had the bytes its cache key was made of: a
        file edited between the hashing and the reading must not have its new data's
        results stored under its old data's key (nor the other way round)."""
        return self.fingerprints.agree()

    # --- records

    def records(self, ledger: Ledger, packages: Sequence[str], ledger_digest: str) -> dict[str, Records]:
        """The source record of every reference of ``ledger``, by claim id.

        Cached on the ledger's bytes and every file of the ``packages`` it names; ranks read
        the whole resource and are always looked up.
        """
        if not self.cache.enabled or not ledger_digest:
            return {claim.id: self._look_up(claim, ledger) for claim in ledger.claims}
        entry_key = key("records", ledger_digest, {name: self.fingerprints.package(name) for name in packages})
        restored = codec.decoded(lambda stored: recordcodec.records_from(stored, ledger, self._packages_of(stored)),
                                 self.cache.get("records", entry_key))
        if restored is not None:
            return {claim.id: self._look_up(claim, ledger) if isinstance(stored, str) else stored
                    for claim in ledger.claims for stored in (restored[claim.id],)}
        records = {claim.id: self._look_up(claim, ledger) for claim in ledger.claims}
        ranks = {claim.id for claim in ledger.claims if claim.derive is not None and claim.derive.op == "rank"}
        data, infos = recordcodec.records_data(ledger, records, ranks.__contains__)
        if all(self._store_package(info) for info in infos.values()) and self.read_as_hashed():
            self.cache.put("records", entry_key, data)  # text and numbers only: plain by construction
        return records

    def _look_up(self, claim: Claim, ledger: Ledger) -> Records:
        return [find_record(self.catalog, ref, str(ledger.path)) for ref in claim.references]

    def _packages_of(self, stored: Any) -> dict[str, PackageInfo]:
        packages = {}
        for name in stored["packages"]:
            info = self._restore_package(name)
            if info is None:
                raise codec.CorruptEntry(f"package {name!r} is not stored")
            packages[name] = info
        return packages

    def _store_package(self, info: PackageInfo) -> bool:
        """Cache what a stored record needs of its package, once per package and run; False
        when it cannot be stored as plain JSON."""
        if info.name not in self._packages_stored:
            data = recordcodec.package_data(info)
            self._packages_stored[info.name] = stored = codec.plain(data) and self.read_as_hashed()
            if stored:
                self.cache.put("package", self._package_key(info.name), data)
        return self._packages_stored[info.name]

    def _restore_package(self, name: str) -> PackageInfo | None:
        if name not in self._packages_restored:
            self._packages_restored[name] = codec.decoded(recordcodec.package_from,
                                                          self.cache.get("package", self._package_key(name)))
        return self._packages_restored[name]

    def _package_key(self, name: str) -> str:
        return key("package", name, self.fingerprints.package(name))

    def problems_for(self, records: dict[str, Records]) -> dict[str, int]:
        """Failing validation findings per CSV path of the resources these records belong to."""
        problems: dict[str, int] = {}
        for claim_records in records.values():
            for record in claim_records:
                if record is not None and record.path not in problems:
                    problems[record.path] = self._problems_of(record.package.name, record.resource, record.path)
        return problems

    # --- what reports show, and what changed

    def describe(self) -> list[SourceInfo]:
        """Every data package with its provenance and resource paths; none when the data
        cannot be loaded (the findings say why)."""
        try:
            return describe_sources(self.catalog)
        except SourcecheckError:
            return []

    def forget(self, path: Path) -> None:
        """Drop everything read from ``path`` (a CSV that changed), so it is read again."""
        self.fingerprints.forget()
        if self._catalog is None:
            return
        for package in self._catalog.packages.values():
            for resource in package.resources.values():
                if isinstance(resource.path, Path) and resource.path == path:
                    resource.reread()
                    self._problems.pop(resource.display.replace("\\", "/"), None)


def describe_sources(catalog: Catalog) -> list[SourceInfo]:
    """Every data package of ``catalog`` with its provenance and resource paths."""
    root = catalog.root
    return [SourceInfo(package.name, _relative(package.path, root), dict(package.provenance),
                       {name: _relative(Path(resource.path), root) for name, resource in package.resources.items()})
            for package in sorted(catalog.packages.values(), key=lambda package: package.name)]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
