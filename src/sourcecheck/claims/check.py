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
from ..errors import LedgerError, SourcecheckError
from ..findings import Finding
from ..numbers.mention import Mention
from ..project import Project
from ..report import Coverage, Report
from ..textfile import decode_utf8
from ..workers import available_cpus, in_worker, run_each
from .anchor import AnchorStatus, Located, locate
from .articles import Article, find_articles
from .ledger import Claim, Ledger
from .rules import show
from .sources import Sources
from .verdict import ClaimContext, ClaimResult, judge, relative, settle

__all__ = ["Article", "check", "find_articles"]

# Below this many articles, forking workers costs more than it saves.
PARALLEL_ARTICLES = 32

# What checking one article adds to a run: its results, its findings, its coverage.
_Outcome = tuple[list[ClaimResult], list[Finding], dict[str, int]]
_COUNTS = ("linked", "waived", "unlinked")
_WARM_UP = {"nl": "Ruim 1,5 miljoen, 44 procent en twee op de drie.",
            "en": "Over 1.5 million, 44 per cent and two in three."}


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
        articles = find_articles(project, store, count, meanwhile=run.preload)
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
        self.sources = Sources(project, allow_remote, cache, self.fingerprints)
        self._resolved_root: Path | None = None

    def preload(self) -> None:
        """Work every worker would otherwise repeat, done once here while workers parse the
        ledgers: setting up the data libraries (:meth:`Sources.preload`) and the number
        extractor (importing it compiles its patterns; a first text per language fills
        its tables)."""
        self.sources.preload()
        from ..numbers import extract

        for lang, text in _WARM_UP.items():
            extract(text, lang)

    def rel(self, path: Path) -> str:
        if self._resolved_root is None:
            self._resolved_root = self.project.root.resolve()
        return relative(path, self.project.root, self._resolved_root)

    def article(self, article: Article) -> str | None:
        """Check one article, or take its whole outcome from the cache when its text, its
        ledger, every package the ledger names and the config are what they were.  The key
        of its outcome's cache entry, when there is one."""
        data = article.path.read_bytes()
        text = decode_utf8(data, article.path)
        text_digest = digest_bytes(data)
        entry_key = self._verdicts_key(article, text_digest)
        restored = self._restored_from_cache(entry_key) if entry_key is not None else None
        if restored is not None:
            self._merge(restored)
            return entry_key
        before = (len(self.results), len(self.findings), self.coverage.to_dict())
        self._check_article(article, text, self._mentions(text, article.lang, text_digest))
        if entry_key is not None:
            self._store(entry_key, before)
            if self.cache.has("verdicts", entry_key):
                return entry_key
        return None

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

    def _restored_from_cache(self, entry_key: str) -> _Outcome | None:
        return self._restored(self.cache.get("verdicts", entry_key),
                              self.cache.get_many_unread("details", [entry_key]).get(entry_key))

    def _restored(self, stored: Any, details: Any) -> _Outcome | None:
        """A cached article outcome (its verdicts entry, and its details entry, unread);
        None when unusable (missing or corrupt)."""
        from .stored import Details, finding_from, result_from

        if not isinstance(stored, dict) or details is None:
            return None
        try:
            shared = Details(details)
            results = [result_from(item, shared, index) for index, item in enumerate(stored["results"])]
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
        if not storable(results, findings):
            return
        parts = [result_data(r) for r in results]
        self.cache.put("details", entry_key, [detail for _, detail in parts])
        self.cache.put("verdicts", entry_key, {"results": [summary for summary, _ in parts],
                                               "findings": [finding_data(f) for f in findings],
                                               "coverage": coverage})

    def _added(self, before: tuple[int, int, dict[str, int]]) -> _Outcome:
        now = self.coverage.to_dict()
        return (self.results[before[0]:], self.findings[before[1]:],
                {name: now[name] - before[2][name] for name in _COUNTS})

    # --- many articles in worker processes (sourcecheck.workers)

    def check_articles(self, articles: list[Article], workers: int = 1) -> None:
        """Check ``articles``, in order: the same results, in the same order, and the same
        first error whatever the number of ``workers``.

        The cached outcomes are read in a few queries and restored here (sending a result
        back from a worker costs more than restoring it).  The other, stale, articles are
        checked here; or, when ``workers`` > 1 and there are many articles, in forked
        worker processes while this one restores the cached outcomes.  Before many stale
        articles are shared out, the resources they cite are read, indexed and validated
        by workers and handed back, so that the workers checking the articles, forked
        after that, find it all done.
        """
        if self.cache.holds("verdicts"):
            keys = self._stored_keys(articles, workers)
        else:  # a first check: every article is checked (and works out its key itself)
            keys = [None] * len(articles)
        present = self.cache.have("verdicts", [key for key in keys if key is not None])
        outcomes: list[Any] = [None] * len(articles)
        cached = [index for index, key in enumerate(keys) if key in present]
        stale = [index for index, key in enumerate(keys) if key not in present]

        def restore() -> None:  # read and restored while the workers check the stale ones
            wanted = [keys[index] for index in cached]
            stored = self.cache.get_many("verdicts", wanted)
            details = self.cache.get_many_unread("details", wanted)
            for index in cached:  # None: corrupt, checked below
                outcomes[index] = self._restored(stored.get(keys[index]), details.get(keys[index]))

        if workers > 1 and stale and max(len(stale), len(cached)) >= PARALLEL_ARTICLES:
            if len(stale) >= PARALLEL_ARTICLES:
                self.sources.prepare([articles[index] for index in stale], workers)
            computed = run_each(self._outcome, [articles[index] for index in stale], workers,
                                meanwhile=restore, then=self._received)
            for index, outcome in zip(stale, computed):
                outcomes[index] = outcome
        else:
            restore()
        for article, outcome in zip(articles, outcomes):
            if outcome is None:
                self.article(article)  # checked here
            elif isinstance(outcome, SourcecheckError):
                raise outcome
            else:
                self._merge(outcome)

    def _outcome(self, article: Article) -> tuple[Any, ...]:
        """A task of :func:`run_each`: what checking ``article`` adds (taken back out of
        this run, which merges it in article order), and a worker's new cache entries.
        When the outcome is in one of those entries, only its key travels with them:
        restoring it from the entry costs the parent less than pickling the results
        costs the worker."""
        before = (len(self.results), len(self.findings), self.coverage.to_dict())
        try:
            stored_under = self.article(article)
            outcome = self._added(before)
        finally:  # the run as it was, even when the article could not be checked
            del self.results[before[0]:], self.findings[before[1]:]
            self.coverage = Coverage(*(before[2][name] for name in _COUNTS))
        if not in_worker():
            return (*outcome, [])  # its entries are this process's own, written as they come
        entries = self.cache.take_pending()
        if stored_under is not None and any(kind == "verdicts" and key == stored_under
                                            for kind, key, _, _ in entries):
            return stored_under, entries
        return (*outcome, entries)

    def _received(self, outcome: Any) -> Any:
        """What a worker sent back for one article, made an outcome to merge (here, while the
        workers go on): its new cache entries are adopted for writing, and an outcome sent
        as the key of its entry is restored from there.  None (check it here) should the
        cache not have taken the entry after all."""
        if isinstance(outcome, SourcecheckError):
            return outcome
        self.cache.adopt(outcome[-1])
        if len(outcome) == 2:
            return self._restored_from_cache(outcome[0])
        return outcome[:3]

    def _stored_keys(self, articles: list[Article], workers: int) -> list[str | None]:
        """The key of each article's cached outcome, worked out by up to ``workers``
        processes when there are many (reading and hashing a thousand texts is most of a
        re-check); the packages are hashed first, here, so that no worker repeats it."""
        for name in sorted({name for article in articles for name in article.packages}):
            self.fingerprints.package(name)
        return run_each(self._stored_key, articles, workers if len(articles) >= PARALLEL_ARTICLES else 1)

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

    def _check_article(self, article: Article, text: str, mentions: list[Mention]) -> None:
        ledger = article.ledger
        covered: dict[int, str] = {}  # mention start -> "linked" / "waived"
        article_rel = self.rel(article.path)
        if ledger is not None:
            ledger_rel = self.rel(ledger.path)
            records = self.sources.article_records(article, ledger)
            judged: list[tuple[Claim, ClaimResult]] = []
            for claim in ledger.claims:
                located = locate(text, claim.anchor, mentions)
                context = ClaimContext(self.project.root, article_rel, ledger_rel, self.config.slack,
                                       records[claim.id], self.sources.problems_for(records[claim.id]))
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
