"""The data packages as a claims check reads them, each read once and cached by content.

The catalog (descriptors, loaded when first needed), the number of failing
validation findings of each resource a claim rests on (what the claim is told,
SC304), and the source record of every reference of a ledger.  The records of an
article are cached on its ledger's bytes and every file of the packages it names, so
that an edited article whose ledger and sources did not change is checked without
reading a CSV or importing a data library.  Many resources are read and validated by
worker processes (:meth:`Sources.prepare`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..cache import Cache, Fingerprints
from ..cache import key as _cache_key
from ..errors import LedgerError, PackageError, SourcecheckError
from ..findings import Finding
from ..project import Project
from ..workers import in_worker, run_each
from .articles import Article
from .ledger import Claim, Ledger, Reference
from .verdict import posix


class Sources:
    """The data of one check: the catalog, failure counts and records, each made once."""

    def __init__(self, project: Project, allow_remote: bool, cache: Cache, fingerprints: Fingerprints) -> None:
        self.project = project
        self.allow_remote = allow_remote
        self.cache = cache
        self.fingerprints = fingerprints
        self._catalog: Any = None
        self._schema_problems: dict[tuple[str, str], int] = {}
        self._schema_files: dict[tuple[str, str], Any] | None = None
        self._full_validation: list[Finding] | None = None
        self._packages_stored: dict[str, bool] = {}
        self._packages_restored: dict[str, Any] = {}

    @property
    def catalog(self) -> Any:
        """The project's data packages (descriptors; each CSV is read when first needed)."""
        if self._catalog is None:
            from ..data import load_catalog
            self._catalog = load_catalog(self.project, allow_remote=self.allow_remote, cache=self.cache)
        return self._catalog

    def preload(self) -> None:
        """Import the data library and load the catalog now (while workers parse ledgers)
        rather than when the first claim needs them; and read and validate one local
        resource, since the first costs about a second of imports and set-up in the data
        libraries, which the workers forked later then need not each repeat."""
        try:
            catalog = self.catalog
            first = next((resource for package in catalog.packages.values()
                          for resource in package.resources.values()
                          if resource.usable and isinstance(resource.path, Path)), None)
            if first is not None:
                self.schema_problems(first)
                first.lookup_tables()
        except SourcecheckError:
            pass  # raised again when a claim needs the data, after any ledger's error

    def schema_problems(self, resource: Any) -> int:
        """Failing validation findings of one resource (its CSV, its schema, its descriptor).

        Only the resources claims rest on are validated, each once, with the data
        library's own per-resource validation (what ``sourcecheck validate`` runs for
        each resource).  Should that internal step move, the whole project is validated
        once instead and its findings are counted per file: slower, same answer.
        """
        key = (resource.package.name, resource.name)
        if key not in self._schema_problems:
            count_key = _cache_key("problems", *key, self.fingerprints.package(key[0]))
            stored = self.cache.get("problems", count_key)
            if isinstance(stored, int) and not isinstance(stored, bool) and stored >= 0:
                self._schema_problems[key] = stored
                return stored
            resource = self.catalog.resource(*key) or resource  # the real one, not a stored record's
            self._schema_problems[key] = self._count_problems(resource, key)
            self.cache.put("problems", count_key, self._schema_problems[key])
        return self._schema_problems[key]

    def _count_problems(self, resource: Any, key: tuple[str, str]) -> int:
        validators = _per_resource_validation()
        if validators is None:
            return self._problems_from_full_validation(resource)
        schema_files, validate_resource = validators
        if self._schema_files is None:
            self._schema_files = {(f.package, f.resource): f for f in
                                  schema_files(self.project.schemas, self.catalog.relative)}
        findings = self._validation(resource, validate_resource, self._schema_files.get(key))
        descriptor = self.catalog.relative(resource.package.path / "datapackage.json")
        findings += [f for f in self.catalog.findings if f.path == descriptor]
        return sum(1 for f in findings if f.fails)

    def _validation(self, resource: Any, validate_resource: Any, schema_file: Any) -> list[Finding]:
        """One resource's validation findings, from the cache when its package and schemas
        (every file of them) are what they were."""
        from .stored import finding_data, finding_from, round_trips

        entry_key = _cache_key("resource", resource.package.name, resource.name,
                        self.fingerprints.package(resource.package.name))
        stored = self.cache.get("resource", entry_key)
        if isinstance(stored, list):
            try:
                return [finding_from(item) for item in stored]
            except (TypeError, KeyError, ValueError):
                pass  # a corrupt entry: validate afresh
        findings = list(validate_resource(resource, schema_file))
        data = [finding_data(f) for f in findings]
        if self.cache.enabled and round_trips(data, findings, lambda d: [finding_from(i) for i in d]):
            self.cache.put("resource", entry_key, data)
        return findings

    def _problems_from_full_validation(self, resource: Any) -> int:
        if self._full_validation is None:
            from ..data import validate
            self._full_validation = validate(self.project.root, allow_remote=self.allow_remote).failures
        descriptor = self.catalog.relative(resource.package.path / "datapackage.json")
        return sum(1 for f in self._full_validation if f.path in (resource.display, descriptor))

    def prepare(self, stale: list[Article], workers: int) -> None:
        """Read, index and validate every resource of the packages ``stale`` articles cite,
        in up to ``workers`` processes, before those articles are checked (by workers
        forked after this, which then find it all done)."""
        names = sorted({name for article in stale for name in article.packages})
        catalog = self.catalog  # loaded here, before the workers fork
        for name in names:
            self.fingerprints.package(name)  # hashed once, here
        resources = [resource for name in names if name in catalog.packages
                     for resource in catalog.packages[name].resources.values()]
        prepared = run_each(self._prepare_resource, resources, workers)
        for resource, outcome in zip(resources, prepared):
            if isinstance(outcome, SourcecheckError):
                continue  # raised again, in article order, by the article that needs it
            problems, tables, entries = outcome
            self.cache.adopt(entries)
            self._schema_problems[(resource.package.name, resource.name)] = problems
            resource.adopt_lookup_tables(tables)

    def _prepare_resource(self, resource: Any) -> tuple[int, Any, Any]:
        """A task of :func:`run_each`: a resource's failing findings, its look-up tables and
        a worker's new cache entries (in this process, they are its own already)."""
        problems, tables = self.schema_problems(resource), resource.lookup_tables()
        return problems, tables, self.cache.take_pending() if in_worker() else []

    def records(self, claim: Claim, ledger: Ledger) -> list[Any | None]:
        return [self.lookup(ref, ledger) for ref in claim.references]

    def article_records(self, article: Article, ledger: Ledger) -> dict[str, list[Any | None]]:
        """The source record of every reference of the ledger, by claim id.

        Cached per article, on the ledger's bytes and every file of the packages it names:
        an edited article whose ledger and sources did not change is then checked without
        reading a CSV or importing a data library.  Ranks read the whole resource and are
        always looked up.
        """
        if not self.cache.enabled or not article.ledger_digest:
            return {claim.id: self.records(claim, ledger) for claim in ledger.claims}
        entry_key = _cache_key("records", article.ledger_digest,
                               {name: self.fingerprints.package(name) for name in article.packages})
        restored = self._restore_records(self.cache.get("records", entry_key), ledger)
        if restored is not None:
            return restored
        records = {claim.id: self.records(claim, ledger) for claim in ledger.claims}
        self._store_records(entry_key, ledger, records)
        return records

    def _restore_records(self, stored: Any, ledger: Ledger) -> dict[str, list[Any | None]] | None:
        from .stored import record_from

        if not isinstance(stored, dict):
            return None
        try:
            packages = {name: self._restore_package(name) for name in stored["packages"]}
            if None in packages.values():
                return None
            records: dict[str, list[Any | None]] = {}
            for claim in ledger.claims:
                entries = stored["claims"][claim.id]
                if entries == "lookup":
                    records[claim.id] = self.records(claim, ledger)
                    continue
                if len(entries) != len(claim.references):
                    return None
                records[claim.id] = [None if entry is None else record_from(entry, packages[ref.package])
                                     for ref, entry in zip(claim.references, entries)]
        except (TypeError, KeyError, ValueError, AttributeError):
            return None  # a corrupt entry: look the records up afresh
        return records

    def _store_records(self, entry_key: str, ledger: Ledger, records: dict[str, list[Any | None]]) -> None:
        from .stored import record_data

        packages: dict[str, Any] = {}
        claims: dict[str, Any] = {}
        for claim in ledger.claims:
            if claim.derive is not None and claim.derive.op == "rank":
                claims[claim.id] = "lookup"  # a rank reads every row of its resource
                continue
            claims[claim.id] = [None if record is None else record_data(record) for record in records[claim.id]]
            for record in records[claim.id]:
                if record is not None:
                    packages[record.resource.package.name] = record.resource.package
        if not all(self._store_package(package) for package in packages.values()):
            return
        # record_data gives text and numbers only: no need to walk it with plain()
        self.cache.put("records", entry_key, {"packages": sorted(packages), "claims": claims})

    def _store_package(self, package: Any) -> bool:
        """Cache what a stored record needs of its package (its descriptor, its provenance),
        once per package and run rather than in every article's records; False when it
        cannot be stored as plain JSON."""
        from .stored import package_data, plain

        if package.name not in self._packages_stored:
            data = package_data(package)
            stored = plain(data)
            if stored:
                self.cache.put("package", self._package_key(package.name), data)
            self._packages_stored[package.name] = stored
        return self._packages_stored[package.name]

    def _restore_package(self, name: str) -> Any | None:
        """A package's stored part (see :meth:`_store_package`), read once per run; None when missing."""
        from .stored import package_from

        if name not in self._packages_restored:
            stored = self.cache.get("package", self._package_key(name))
            try:
                self._packages_restored[name] = package_from(stored) if isinstance(stored, dict) else None
            except (TypeError, KeyError, ValueError):
                self._packages_restored[name] = None  # a corrupt entry: look the records up afresh
        return self._packages_restored[name]

    def _package_key(self, name: str) -> str:
        return _cache_key("package", name, self.fingerprints.package(name))

    def lookup(self, ref: Reference, ledger: Ledger) -> Any | None:
        """The record ``ref`` names, None when missing; a LedgerError when it names nothing known."""
        package = self.catalog.packages.get(ref.package)
        if package is None:
            if ref.package in self.catalog.unreadable:  # the ledger is right, the package broken
                raise PackageError(f"package {ref.package!r} cannot be read: "
                                   f"{self._load_problem(ref.package)} "
                                   "(run `sourcecheck validate`)", ledger.path, ref.line)
            known = ", ".join(sorted(self.catalog.packages)) or "none"
            raise LedgerError(f"unknown package {ref.package!r} (known: {known})", ledger.path, ref.line)
        resource = self.catalog.resource(ref.package, ref.resource)
        if resource is None:
            known = ", ".join(sorted(package.resources)) or "none"
            raise LedgerError(f"package {ref.package!r} has no resource {ref.resource!r} (known: {known})",
                              ledger.path, ref.line)
        if ref.field not in resource.fields:
            raise LedgerError(f"{ref.package}/{ref.resource} has no field {ref.field!r} "
                              f"(fields: {', '.join(resource.fields)})", ledger.path, ref.line)
        key = ref.key
        if isinstance(key, dict):
            unknown = [name for name in key if name not in resource.fields]
            if unknown:
                raise LedgerError(f"{ref.package}/{ref.resource} key names unknown field(s) "
                                  f"{', '.join(unknown)}", ledger.path, ref.line)
        try:
            return resource.lookup(list(key) if isinstance(key, tuple) else key)
        except (KeyError, ValueError, TypeError) as error:
            raise LedgerError(f"{ref.package}/{ref.resource}: key {key!r} does not fit the primary key "
                              f"{resource.primary_key}: {error}", ledger.path, ref.line) from None

    def _load_problem(self, package: str) -> str:
        """The first finding that kept ``package``'s descriptor from loading, as one line."""
        folder = f"{self.catalog.relative(self.project.datapackages / package)}/"
        for finding in self.catalog.findings:
            if (finding.path or "").startswith(folder):
                return f"{finding.location}: {finding.code} {finding.message}"
        return "its descriptor did not load"

    def problems_for(self, records: list[Any | None]) -> dict[str, int]:
        """Validation findings per CSV path of the resources these records belong to."""
        problems = {}
        for record in records:
            if record is not None:
                resource = record.resource
                problems[posix(resource.display)] = self.schema_problems(resource)
        return problems


def _per_resource_validation() -> tuple[Any, Any] | None:
    """The data library's schema-file finder and per-resource validation, if it has them."""
    try:
        from ..data.pandera_schemas import schema_files
        from ..data.validate import _validate_resource
    except ImportError:
        return None
    return schema_files, _validate_resource


