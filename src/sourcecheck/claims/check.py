"""``sourcecheck check``: every article of a project against its ledger and its data.

For each ``articles/<slug>/`` holding an article text (``article.<lang>.txt`` or
``.md``): extract the numbers, load ``claims.yaml`` (if any), judge every claim, look
for claims on one record that contradict each other, and report every statistic no
claim or waiver covers.  A broken ledger stops the run with a
:class:`~sourcecheck.errors.LedgerError` (exit 2); everything else is a finding.
"""

from __future__ import annotations

from collections import defaultdict
from os import PathLike
from pathlib import Path
from typing import Any

from ..cache import NO_CACHE, Cache, Fingerprints, digest_bytes, open_cache
from ..cache import key as _cache_key
from ..config import ClaimsConfig, claims_config
from ..errors import LedgerError, PackageError, SourcecheckError
from ..findings import Finding
from ..numbers.mention import Mention
from ..project import Project
from ..report import Coverage, Report
from ..textfile import decode_utf8
from ..workers import available_cpus, run_each
from .anchor import AnchorStatus, Located, locate
from .articles import Article, find_articles
from .ledger import Claim, Ledger, Reference
from .rules import show
from .verdict import ClaimContext, ClaimResult, judge, posix, relative, settle

__all__ = ["Article", "check", "find_articles"]

# Below this many articles, forking workers costs more than it saves.
PARALLEL_ARTICLES = 32

# What checking one article adds to a run: its results, its findings, its coverage.
_Outcome = tuple[list[ClaimResult], list[Finding], dict[str, int]]
_COUNTS = ("linked", "waived", "unlinked")


def check(path: str | PathLike[str] = ".", *, allow_remote: bool = False, cache: bool = True,
          workers: int | None = 1) -> Report:
    """Check every claim of every article in the project at ``path``.

    Results whose inputs have not changed come from the project's cache
    (``sourcecheck.cache``) unless ``cache`` is False; with ``allow_remote`` nothing is
    cached, since a remote resource cannot be fingerprinted without fetching it.
    Up to ``workers`` processes share a large project's work (None: one per CPU; see
    ``sourcecheck.workers``); the report is the same whatever their number.
    """
    project = Project.load(path)
    config = claims_config(project)
    store = open_cache(project, cache and not allow_remote)
    count = available_cpus() if workers is None else max(1, workers)
    run = _Run(project, config, allow_remote, store)
    try:
        articles = find_articles(project, store, count, meanwhile=run.preload_data)
        run.check_articles(articles, count)
    finally:
        store.close()
    return Report("check", run.findings, run.results, run.coverage)


class _Run:
    """The state of one check: data loaded once, findings and coverage collected."""

    def __init__(self, project: Project, config: ClaimsConfig, allow_remote: bool,
                 cache: Cache = NO_CACHE) -> None:
        self.project = project
        self.config = config
        self.allow_remote = allow_remote
        self.cache = cache
        self.fingerprints = Fingerprints(project)
        self.findings: list[Finding] = []
        self.results: list[ClaimResult] = []
        self.coverage = Coverage()
        self._catalog: Any = None
        self._schema_problems: dict[tuple[str, str], int] = {}
        self._schema_files: dict[tuple[str, str], Any] | None = None
        self._full_validation: list[Finding] | None = None
        self._packages_stored: dict[str, bool] = {}
        self._packages_restored: dict[str, Any] = {}

    @property
    def catalog(self) -> Any:
        if self._catalog is None:
            from ..data import load_catalog
            self._catalog = load_catalog(self.project, allow_remote=self.allow_remote, cache=self.cache)
        return self._catalog

    def preload_data(self) -> None:
        """Import the data library and load the catalog now (while workers parse ledgers)
        rather than when the first claim needs them."""
        try:
            self.catalog
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

    def rel(self, path: Path) -> str:
        return relative(path, self.project.root)

    def article(self, article: Article) -> None:
        """Check one article, or take its whole outcome from the cache when its text, its
        ledger, every package the ledger names and the config are what they were."""
        data = article.path.read_bytes()
        text = decode_utf8(data, article.path)
        text_digest = digest_bytes(data)
        entry_key = self._verdicts_key(article, text_digest)
        restored = self._restored(self.cache.get("verdicts", entry_key)) if entry_key is not None else None
        if restored is not None:
            self._merge(restored)
            return
        before = (len(self.results), len(self.findings), self.coverage.to_dict())
        self._check_article(article, text, self._mentions(text, article.lang, text_digest))
        if entry_key is not None:
            self._store(entry_key, before)

    def _verdicts_key(self, article: Article, text_digest: str) -> str | None:
        if not self.cache.enabled or (article.ledger_path is not None and not article.ledger_digest):
            return None
        packages = {name: self.fingerprints.package(name) for name in article.packages}
        root = self.project.root  # the paths as found under it (resolving each costs a system call)
        return _cache_key("verdicts", article.path.relative_to(root).as_posix(), article.lang, text_digest,
                   article.ledger_path.relative_to(root).as_posix() if article.ledger_path else None,
                   article.ledger_digest, packages, self.project.config)

    def _mentions(self, text: str, lang: str, text_digest: str) -> list[Mention]:
        """The numbers of an article's text, from the cache when the text was read before."""
        from .stored import mention_data, mention_from

        entry_key = _cache_key("mentions", lang, text_digest)
        stored = self.cache.get("mentions", entry_key)
        if isinstance(stored, list):
            try:
                return [mention_from(item) for item in stored]
            except (TypeError, ValueError, KeyError, ArithmeticError):
                pass  # a corrupt entry: extract afresh
        from ..numbers import extract

        mentions = extract(text, lang)
        if self.cache.enabled:
            self.cache.put("mentions", entry_key, [mention_data(m) for m in mentions])
        return mentions

    def _restored(self, stored: Any) -> _Outcome | None:
        """A cached article outcome; None when unusable (missing or corrupt)."""
        from .stored import finding_from, result_from

        if not isinstance(stored, dict):
            return None
        try:
            results = [result_from(item) for item in stored["results"]]
            findings = [finding_from(item) for item in stored["findings"]]
            coverage = {name: int(stored["coverage"][name]) for name in _COUNTS}
        except (TypeError, ValueError, KeyError, ArithmeticError):
            return None
        return results, findings, coverage

    def _merge(self, outcome: _Outcome) -> None:
        """Add what one article's check gave to this run."""
        results, findings, coverage = outcome
        self.results.extend(results)
        self.findings.extend(findings)
        self.coverage.linked += coverage["linked"]
        self.coverage.waived += coverage["waived"]
        self.coverage.unlinked += coverage["unlinked"]

    def _store(self, entry_key: str, before: tuple[int, int, dict[str, int]]) -> None:
        """Cache what checking one article added to this run (only if it restores exactly)."""
        from .stored import finding_data, result_data, storable

        results, findings, coverage = self._added(before)
        data = {"results": [result_data(r) for r in results],
                "findings": [finding_data(f) for f in findings],
                "coverage": coverage}
        if storable(results, findings):
            self.cache.put("verdicts", entry_key, data)

    def _added(self, before: tuple[int, int, dict[str, int]]) -> _Outcome:
        now = self.coverage.to_dict()
        return (self.results[before[0]:], self.findings[before[1]:],
                {name: now[name] - before[2][name] for name in _COUNTS})

    # --- many articles in worker processes (sourcecheck.workers)

    def check_articles(self, articles: list[Article], workers: int = 1) -> None:
        """Check ``articles``, in order: the same results, in the same order, and the same
        first error whatever the number of ``workers``.

        The cached outcomes are read in a few queries and restored here (sending a result
        back from a worker costs more than restoring it).  The other articles are checked
        here, or, when there are many and ``workers`` > 1, in forked worker processes:
        first the resources they cite are read, indexed and validated, shared out among
        workers and handed back; then new workers, forked with all of that, check them.
        """
        keys = [self._stored_key(article) for article in articles]
        stored = self.cache.get_many("verdicts", [key for key in keys if key is not None])
        outcomes: list[Any] = [self._restored(stored.get(key)) if key is not None else None for key in keys]
        stale = [index for index, outcome in enumerate(outcomes) if outcome is None]
        if workers > 1 and len(stale) >= PARALLEL_ARTICLES:
            self._prepare_resources([articles[index] for index in stale], workers)
            for index, outcome in zip(stale, run_each(self._outcome, [articles[index] for index in stale], workers)):
                outcomes[index] = outcome
        for article, outcome in zip(articles, outcomes):
            if outcome is None:
                self.article(article)  # checked here
            elif isinstance(outcome, SourcecheckError):
                raise outcome
            else:
                if len(outcome) == 4:  # from a worker, with its new cache entries
                    self.cache.adopt(outcome[3])
                self._merge(outcome[:3])

    def _outcome(self, article: Article) -> tuple[Any, ...]:
        """A worker's task: what checking ``article`` adds, and its new cache entries."""
        before = (len(self.results), len(self.findings), self.coverage.to_dict())
        self.article(article)
        return (*self._added(before), self.cache.take_pending())

    def _stored_key(self, article: Article) -> str | None:
        """The key of the article's cached outcome; None without a cache or when the text
        cannot be read (checking it then says what is wrong)."""
        if not self.cache.enabled:
            return None
        try:
            data = article.path.read_bytes()
        except OSError:
            return None
        return self._verdicts_key(article, digest_bytes(data))

    def _prepare_resources(self, stale: list[Article], workers: int) -> None:
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
        """A worker's task: a resource's failing findings, its look-up tables and its new
        cache entries."""
        return self.schema_problems(resource), resource.lookup_tables(), self.cache.take_pending()

    def _check_article(self, article: Article, text: str, mentions: list[Mention]) -> None:
        ledger = article.ledger
        covered: dict[int, str] = {}  # mention start -> "linked" / "waived"
        article_rel = self.rel(article.path)
        if ledger is not None:
            ledger_rel = self.rel(ledger.path)
            records = self._article_records(article, ledger)
            judged: list[tuple[Claim, ClaimResult]] = []
            for claim in ledger.claims:
                located = locate(text, claim.anchor, mentions)
                context = ClaimContext(self.project.root, article_rel, ledger_rel, self.config.slack,
                                       records[claim.id], self._problems_for(records[claim.id]))
                try:
                    result = judge(claim, located, context)
                except LedgerError as error:  # raised deep in a derivation: name the ledger
                    error.path = error.path or str(ledger.path)
                    raise
                judged.append((claim, result))
                if located.status is AnchorStatus.FOUND and located.mention is not None:
                    covered[located.mention.start] = "linked"
            _contradictions(judged, article_rel)
            for claim, result in judged:
                settle(result, claim)
                self.results.append(result)
                self.findings.extend(result.findings)
            self._waivers(text, ledger, mentions, covered, article_rel, ledger_rel)
        self._unlinked(mentions, covered, article_rel)

    def _records(self, claim: Claim, ledger: Ledger) -> list[Any | None]:
        return [self._lookup(ref, ledger) for ref in claim.references]

    def _article_records(self, article: Article, ledger: Ledger) -> dict[str, list[Any | None]]:
        """The source record of every reference of the ledger, by claim id.

        Cached per article, on the ledger's bytes and every file of the packages it names:
        an edited article whose ledger and sources did not change is then checked without
        reading a CSV or importing a data library.  Ranks read the whole resource and are
        always looked up.
        """
        if not self.cache.enabled or not article.ledger_digest:
            return {claim.id: self._records(claim, ledger) for claim in ledger.claims}
        entry_key = _cache_key("records", article.ledger_digest,
                               {name: self.fingerprints.package(name) for name in article.packages})
        restored = self._restore_records(self.cache.get("records", entry_key), ledger)
        if restored is not None:
            return restored
        records = {claim.id: self._records(claim, ledger) for claim in ledger.claims}
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
                    records[claim.id] = self._records(claim, ledger)
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

        packages: set[str] = set()
        claims: dict[str, Any] = {}
        for claim in ledger.claims:
            if claim.derive is not None and claim.derive.op == "rank":
                claims[claim.id] = "lookup"  # a rank reads every row of its resource
                continue
            claims[claim.id] = [None if record is None else record_data(record) for record in records[claim.id]]
            for record in records[claim.id]:
                if record is not None:
                    packages.add(record.resource.package.name)
                    if not self._store_package(record.resource.package):
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

    def _lookup(self, ref: Reference, ledger: Ledger) -> Any | None:
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

    def _problems_for(self, records: list[Any | None]) -> dict[str, int]:
        """Validation findings per CSV path of the resources these records belong to."""
        problems = {}
        for record in records:
            if record is not None:
                resource = record.resource
                problems[posix(resource.display)] = self.schema_problems(resource)
        return problems

    def _waivers(self, text: str, ledger: Ledger, mentions: list[Mention], covered: dict[int, str],
                 article_rel: str, ledger_rel: str) -> None:
        for number, waiver in enumerate(ledger.waivers, start=1):
            waiver_id = waiver.id or f"waive-{number}"
            located = locate(text, waiver.anchor, mentions)
            result = ClaimResult(waiver_id, "waived", article_rel, ledger_rel,
                                 mention=located.mention, reason=waiver.reason)
            problem = _anchor_problem(located, waiver.anchor.exact)
            if problem is not None:
                code, message = problem
                result.verdict = _name(code)
                result.findings = [Finding(code, message, path=ledger_rel, line=waiver.line,
                                           claim=waiver_id, details={"article": article_rel})]
                self.findings.extend(result.findings)
            elif located.mention is not None and located.mention.start not in covered:
                covered[located.mention.start] = "waived"
            self.results.append(result)

    def _unlinked(self, mentions: list[Mention], covered: dict[int, str], article_rel: str) -> None:
        for mention in mentions:
            state = covered.get(mention.start)
            if mention.value is None:  # a percentage stated without a figure: not a number
                if str(mention.kind) not in self.config.waived_kinds:
                    self.findings.append(Finding(
                        "SC407", f"{mention.text!r} states a percentage without a figure: "
                                 "give the number, or say why not",
                        path=article_rel, line=mention.line, column=mention.column,
                        details={"article": article_rel}))
                continue
            if state == "linked":
                self.coverage.linked += 1
            elif state == "waived" or str(mention.kind) in self.config.waived_kinds:
                self.coverage.waived += 1
            else:
                self.coverage.unlinked += 1
                self.findings.append(Finding(
                    "SC401", f"{mention.text!r} ({mention.kind}) has no claim: link it to its source "
                             "in claims.yaml, or waive it with a reason",
                    path=article_rel, line=mention.line, column=mention.column,
                    details={"article": article_rel}))


def _per_resource_validation() -> tuple[Any, Any] | None:
    """The data library's schema-file finder and per-resource validation, if it has them."""
    try:
        from ..data.pandera_schemas import schema_files
        from ..data.validate import _validate_resource
    except ImportError:
        return None
    return schema_files, _validate_resource


def _anchor_problem(located: Located, exact: str) -> tuple[str, str] | None:
    if located.status is AnchorStatus.LOST:
        return "SC402", f"the words around the waived {exact!r} are no longer in the text"
    if located.status is AnchorStatus.AMBIGUOUS:
        return "SC403", f"the words around the waived {exact!r} stand in {len(located.places)} places"
    if located.status is AnchorStatus.NO_NUMBER:
        return "SC404", f"no number stands where the waived {exact!r} was"
    if located.changed:
        return "SC405", f"the waived number was {exact!r} and now reads {located.text!r}; update the waiver"
    return None


def _contradictions(judged: list[tuple[Claim, ClaimResult]], article_rel: str) -> None:
    """Two claims on one record and field whose text intervals cannot both hold: SC501 on the later."""
    by_record: dict[tuple[str, str, str, str], list[tuple[Claim, ClaimResult]]] = defaultdict(list)
    for claim, result in judged:
        if claim.source is None or result.mention is None or result.text_interval is None:
            continue
        ref = claim.source
        by_record[(ref.package, ref.resource, repr(ref.key), ref.field)].append((claim, result))
    for group in by_record.values():
        group.sort(key=lambda pair: pair[1].mention.start if pair[1].mention else 0)
        for index, (later_claim, later) in enumerate(group):
            for earlier_claim, earlier in group[:index]:
                assert later.text_interval is not None and earlier.text_interval is not None
                if later.text_interval.overlaps(earlier.text_interval):
                    continue
                assert later.mention is not None and earlier.mention is not None
                later.findings.append(Finding(
                    "SC501",
                    f"{later.mention.text!r} {show(later.text_interval)} and {earlier.mention.text!r} "
                    f"{show(earlier.text_interval)} (claim {earlier_claim.id}, at {earlier.mention.line}:"
                    f"{earlier.mention.column}) "
                    "rest on one record and cannot both hold",
                    path=article_rel, line=later.mention.line, column=later.mention.column,
                    claim=later_claim.id, details={"article": article_rel}))


def _name(code: str) -> str:
    from ..codes import lookup
    return lookup(code).name
