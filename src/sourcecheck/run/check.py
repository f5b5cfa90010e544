"""``sourcecheck check``: the runner around the pure core (``sourcecheck.compare``).

For each article the runner reads the text and gets its numbers (``numbers``), its ledger
(``ledger``) and the source records the ledger names (``data.py``), and hands them to
:func:`~sourcecheck.compare.check_article`.  Around that it owns what the core knows
nothing of: finding the articles, the content-hash cache (an article whose text, ledger,
packages and config did not change is not checked again), and worker processes for many
articles.  The report is the same whatever came from the cache or from a worker.

A broken ledger stops the run with a :class:`~sourcecheck.errors.LedgerError` (exit 2);
everything else is a finding.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from os import PathLike
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import limits, numbers
from ..compare.article import ArticleInput, check_article
from ..compare.outcome import ArticleOutcome, Coverage
from ..config import claims_config, engine_options
from ..errors import SourcecheckError
from ..findings import Finding
from ..numbers.mention import Mention
from ..project import Project
from ..prose import Prose, format_of
from ..prose.mentions import placed
from ..report import ArticleText, Report
from ..textfile import keep_read_log, read_log
from . import codec
from .articles import (
    Article,
    LedgerFacts,
    LedgerRead,
    article_bytes,
    article_folders,
    article_prose,
    ledger_digest,
    ledger_paths,
    read_ledger,
    readable_ledgers,
    resolve_articles,
)
from .cache import Row, open_cache
from .data import SourceData
from .fingerprints import Fingerprints, digest_bytes, key
from .oncluster import WorkerSetup, check_on_worker, worker_setup
from .pins import pinned_file_findings
from .workers import available_cpus, in_worker, run_each

if TYPE_CHECKING:
    from ..sources.catalog import Resource
    from .engine import Engine

# Below this many articles (or ledgers to parse), forking workers costs more than it saves.
PARALLEL_ARTICLES = 32


def check(path: str | PathLike[str] = ".", *, allow_remote: bool = False, cache: bool = True,
          workers: int | None = 1, texts: bool = False, scheduler: str | None = None,
          memory_budget: int | None = None) -> Report:
    """Check every claim of every article in the project at ``path``.

    Results whose inputs have not changed come from the project's cache unless ``cache``
    is False; with ``allow_remote`` nothing is cached, since a remote resource cannot be
    fingerprinted without fetching it.  Up to ``workers`` processes share a large
    project's work (None: one per CPU); the report is the same whatever their number.
    ``texts`` adds each article's text and numbers and each package's provenance to the
    report, for the reports that show them (HTML, JUnit).  ``scheduler``, ``memory_budget``:
    resources validated in blocks, articles checked on the cluster's workers (docs/scale.md).
    """
    with Checker(path, allow_remote=allow_remote, cache=cache, scheduler=scheduler,
                 memory_budget=memory_budget) as checker:
        return checker.run(1 if checker.engine is not None else workers, texts=texts)


class _Checked(NamedTuple):
    outcome: ArticleOutcome
    stored_under: str | None     # the key of its cache entry, when it has one
    text: ArticleText | None     # when the report shows the texts


class Checker:
    """The check of one project, run as often as asked: what it read of the data packages
    is kept between runs (:meth:`forget` drops what an edited file gave).  A context
    manager; :func:`check` runs it once."""

    def __init__(self, path: str | PathLike[str] = ".", *, allow_remote: bool = False, cache: bool = True,
                 scheduler: str | None = None, memory_budget: int | None = None) -> None:
        project = Project.load(path)
        limits.apply(project)
        engine = _engine(*engine_options(project, scheduler, memory_budget))
        self._start(project, allow_remote, cache, engine, engine.scans if engine is not None else None)

    def _start(self, project: Project, allow_remote: bool, cache: bool, engine: Engine | None,
               scans: Callable[[Resource], bool] | None) -> None:
        self.project = project
        self.config = claims_config(project)
        self.engine = engine
        self.cache = open_cache(project, cache and not allow_remote)
        self.fingerprints = Fingerprints(project)
        self.data = SourceData(project, allow_remote, self.cache, self.fingerprints,
                               engine.check if engine is not None else None, scans)
        self._root = project.root.resolve()
        self._texts = False

    @classmethod
    def _worker_checks(cls, setup: WorkerSetup) -> Callable[[Article], _Checked]:
        """How a cluster's worker checks an article in one run: no cache (the driver's), no
        engine; the driver's validation counts and its keys, found in one scan a resource."""
        checker = cls.__new__(cls)
        project = Project.load(setup.root)
        limits.apply(project)
        checker._start(project, False, False, None, lambda resource: resource.display in setup.scanned)
        checker._texts = setup.texts
        checker.data.adopt_problems(setup.problems)
        checker.data.prefetch(setup.keys)
        return checker._check_one

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Write out the cache's new entries; close the cluster the run started."""
        self.cache.close()
        if self.engine is not None:
            self.engine.close()

    def forget(self, path: Path) -> None:
        """``path`` changed: what was read of it is read again on the next run."""
        self.data.forget(path)

    def run(self, workers: int | None = 1, *, texts: bool = False) -> Report:
        """Check every article; a :class:`Report` of every result, finding and number."""
        count = available_cpus() if workers is None else max(1, workers)
        self._texts = texts
        keep_read_log(self.cache.enabled)  # only what is stored must be checked against its key
        self.fingerprints.watch_reads()
        articles = self.articles(count, meanwhile=self._preload)
        report = Report("check", coverage=Coverage())
        report.findings.extend(self._pinned_files(articles))
        coverage = report.coverage
        assert coverage is not None
        for article, checked in zip(articles, self._check_all(articles, count), strict=True):
            report.claims.extend(checked.outcome.results)
            report.findings.extend(checked.outcome.findings)
            coverage.add(checked.outcome.coverage)
            if texts:
                report.articles.append(checked.text or self._article_text(article))
        if texts:
            report.sources = self.data.describe()
        return report

    # --- the articles

    def articles(self, workers: int = 1, meanwhile: Callable[[], None] | None = None) -> list[Article]:
        """Every article of the project.  The facts of a ledger whose bytes were read before
        come from the cache; the ledgers to parse are parsed by up to ``workers`` processes
        when there are many, while this one runs ``meanwhile``."""
        folders = article_folders(self.project)
        paths = ledger_paths(folders)
        read: dict[Path, LedgerRead] = {}
        to_parse = paths
        if self.cache.holds("ledger"):  # else none can be stored: each is hashed where it is parsed
            hashing = workers if len(paths) >= PARALLEL_ARTICLES else 1
            digests = dict(zip(paths, run_each(ledger_digest, paths, hashing), strict=True))
            keys = {path: key("ledger", digest) for path, digest in digests.items() if digest}
            stored = self.cache.get_many("ledger", list(keys.values()))
            to_parse = []
            for path in paths:
                facts = codec.decoded(LedgerFacts.from_data, stored.get(keys[path])) if path in keys else None
                if facts is not None:
                    read[path] = facts, None
                else:
                    to_parse.append(path)
        if len(to_parse) < PARALLEL_ARTICLES:
            workers, meanwhile = 1, None
        for path, outcome in zip(to_parse, run_each(read_ledger, to_parse, workers, meanwhile), strict=True):
            if not isinstance(outcome, SourcecheckError) and outcome[0].digest:
                self.cache.put("ledger", key("ledger", outcome[0].digest), outcome[0].to_data())
            read[path] = outcome
        return resolve_articles(self.project, folders, read)

    def _pinned_files(self, articles: list[Article]) -> list[Finding]:
        """SC106 for the cited packages' files; hashed once, with the cache keys, when cached."""
        packages = sorted({name for article in articles for name in article.packages})
        if self.cache.enabled:
            for name in packages:
                self.fingerprints.package(name)
        return pinned_file_findings(self.project, packages, self.fingerprints.files if self.cache.enabled else None)

    def _preload(self) -> None:
        """Work every worker would otherwise repeat, done once while workers parse ledgers:
        the data libraries, and the extractor's tables (a first text per language)."""
        self.data.preload()
        numbers.warm_up()  # (loads the extractor: not for a cached check)

    # --- many articles, from the cache and in worker processes

    def _check_all(self, articles: list[Article], workers: int) -> list[_Checked]:
        """Every article checked, in order: the same outcomes and the same first error
        whatever the number of ``workers``.

        Cached outcomes are read in a few queries and restored here.  The other, stale,
        articles are checked here; or, when ``workers`` > 1 and there are many articles, in
        forked worker processes while this one restores the cached outcomes.  Before many
        stale articles are shared out, the resources they cite are read and validated by
        workers and handed back, so that the workers forked after that find it all done.
        """
        if self.cache.holds("verdicts"):
            keys = self._stored_keys(articles, workers)
        else:  # a first check: every article is checked (and works out its key itself)
            keys = [None] * len(articles)
        present = self.cache.have("verdicts", [k for k in keys if k is not None])
        checked: list[_Checked | SourcecheckError | None] = [None] * len(articles)
        cached = [index for index, k in enumerate(keys) if k in present]
        stale = [index for index, k in enumerate(keys) if k not in present]

        def restore() -> None:  # while the workers check the stale ones
            wanted = [k for k in (keys[index] for index in cached) if k is not None]
            for index, outcome in zip(cached, self._restored(wanted), strict=True):
                if outcome is not None:  # else corrupt: checked below
                    checked[index] = _Checked(outcome, keys[index], None)

        if self.engine is not None and self.engine.on_cluster and stale:  # sent to the cluster's workers
            restore()
            setup = worker_setup(self._root, self._texts, self.data, [articles[index] for index in stale])
            task = partial(check_on_worker, Checker._worker_checks, setup)
            for index, outcome in zip(stale, self.engine.map(task, [articles[i] for i in stale]), strict=True):
                checked[index] = self._adopted(articles[index], keys[index], *outcome) if isinstance(outcome, tuple) \
                    else outcome
        elif workers > 1 and stale and max(len(stale), len(cached)) >= PARALLEL_ARTICLES:
            if len(stale) >= PARALLEL_ARTICLES:
                self.data.prepare(sorted({name for index in stale for name in articles[index].packages}), workers)
            computed = run_each(self._in_worker, [articles[index] for index in stale], workers,
                                meanwhile=restore, then=self._received)
            for index, outcome in zip(stale, computed, strict=True):
                checked[index] = outcome
        else:
            restore()
            if self.engine is not None and stale:  # one scan of a large resource for all their claims
                self.data.prefetch(self.data.scanned_keys(readable_ledgers([articles[index] for index in stale])))
        done = []
        for article, outcome in zip(articles, checked, strict=True):
            if isinstance(outcome, SourcecheckError):
                raise outcome
            done.append(outcome if outcome is not None else self._check_one(article))
        return done

    def _adopted(self, article: Article, entry_key: str | None, outcome: ArticleOutcome,
                 text: ArticleText | None) -> _Checked:
        """An article checked on the cluster, its outcome stored here under its key."""
        if (entry_key := entry_key or self._stored_key(article)) is None or not codec.storable(outcome):
            return _Checked(outcome, None, text)
        verdicts, details = codec.outcome_data(outcome)
        self.cache.put("details", entry_key, details)
        self.cache.put("verdicts", entry_key, verdicts)
        return _Checked(outcome, entry_key if self.cache.has("verdicts", entry_key) else None, text)

    def _restored(self, keys: list[str]) -> list[ArticleOutcome | None]:
        """The cached outcomes under ``keys``; None for one missing or corrupt."""
        stored = self.cache.get_many("verdicts", keys)
        details = self.cache.get_many_unread("details", keys)
        return [codec.decoded(partial(codec.outcome_from, details=details[k]), stored.get(k))
                if k in details else None for k in keys]

    def _in_worker(self, article: Article) -> tuple[Any, ...]:
        """A task of :func:`run_each`: one article checked, and a worker's new cache
        entries.  When the outcome is in one of those entries only its key travels with
        them (docs/performance.md, "Worker processes")."""
        checked = self._check_one(article)
        if not in_worker():
            return checked, []  # its entries are this process's own, written as they come
        entries = self.cache.take_pending()
        if checked.stored_under is not None and any(kind == "verdicts" and k == checked.stored_under
                                                    for kind, k, _, _ in entries):
            return checked.stored_under, entries, checked.text
        return checked, entries

    def _received(self, sent: Any) -> _Checked | SourcecheckError | None:
        """What a worker sent back for one article, made a :class:`_Checked` (here, while the
        workers go on): its new cache entries are adopted for writing, and an outcome sent
        as the key of its entry is restored from there.  None: check it here after all."""
        if isinstance(sent, SourcecheckError):
            return sent
        entries: list[Row] = sent[1]
        self.cache.adopt(entries)
        if len(sent) == 3:
            outcome = self._restored([sent[0]])[0]
            return None if outcome is None else _Checked(outcome, sent[0], sent[2])
        checked: _Checked = sent[0]
        return checked

    def _stored_keys(self, articles: list[Article], workers: int) -> list[str | None]:
        """The key of each article's cached outcome, worked out by up to ``workers``
        processes when there are many (reading and hashing a thousand texts is most of a
        re-check); the packages are hashed first, here, so that no worker repeats it."""
        for name in sorted({name for article in articles for name in article.packages}):
            self.fingerprints.package(name)
        return run_each(self._stored_key, articles, workers if len(articles) >= PARALLEL_ARTICLES else 1)

    def _stored_key(self, article: Article) -> str | None:
        try:
            data = article_bytes(article.path)
        except SourcecheckError:
            return None  # checking it says what is wrong
        return self._verdicts_key(article, digest_bytes(data))

    def _verdicts_key(self, article: Article, text_digest: str) -> str | None:
        if not self.cache.enabled or (article.ledger_path is not None and not article.ledger_digest):
            return None
        packages = {name: self.fingerprints.package(name) for name in article.packages}
        root = self.project.root  # the paths as found under it (resolving each costs a system call)
        return key("verdicts", article.path.relative_to(root).as_posix(), article.lang, text_digest,
                   article.ledger_path.relative_to(root).as_posix() if article.ledger_path else None,
                   article.ledger_digest, packages, self.project.config)

    # --- one article

    def _check_one(self, article: Article) -> _Checked:
        """Check one article, or take its whole outcome from the cache when its text, its
        ledger, every package the ledger names and the config are what they were."""
        data = article_bytes(article.path)
        text_digest = digest_bytes(data)
        entry_key = self._verdicts_key(article, text_digest)
        if entry_key is not None:
            restored = self._restored([entry_key])[0]
            if restored is not None:
                return _Checked(restored, entry_key, None)
        prose = article_prose(data, article.path)
        mentions = self._mentions(prose, article, text_digest)
        ledger = article.ledger
        records = self.data.records(ledger, article.packages, article.ledger_digest) if ledger else {}
        path = self._relative(article.path)
        outcome = check_article(ArticleInput(path, prose.text, self._relative(ledger.path) if ledger else "", prose),
                                mentions, ledger, records, self.data.problems_for(records), self.config)
        shown = ArticleText(path, prose.text, article.lang, list(mentions)) if self._texts else None
        if entry_key is None or not codec.storable(outcome) or not self._read_as_keyed(article):
            return _Checked(outcome, None, shown)
        verdicts, details = codec.outcome_data(outcome)
        self.cache.put("details", entry_key, details)
        self.cache.put("verdicts", entry_key, verdicts)
        return _Checked(outcome, entry_key if self.cache.has("verdicts", entry_key) else None, shown)

    def _read_as_keyed(self, article: Article) -> bool:
        """Whether the ledger and the data files this check read are the bytes its key was
        made of (a file edited meanwhile: the outcome is reported, not stored)."""
        if article.ledger_path is not None:
            read = read_log().get(os.path.abspath(article.ledger_path), article.ledger_digest)
            if read != article.ledger_digest:
                return False
        return self.data.read_as_hashed()

    def _mentions(self, prose: Prose, article: Article, text_digest: str) -> Sequence[Mention]:
        """The numbers of an article's reader text, placed in its file, from the cache when
        the file was read before in its format; an InputError when they are more than the
        article-numbers limit (before any is stored)."""
        entry_key = key("mentions", article.lang, format_of(article.path), text_digest)
        stored = codec.decoded(codec.mentions_from, self.cache.get("mentions", entry_key))
        if stored is not None:
            article.within_number_limit(len(stored))
            return stored
        mentions = placed(prose, numbers.extract(prose.text, article.lang))
        article.within_number_limit(len(mentions))
        if self.cache.enabled:
            self.cache.put("mentions", entry_key, codec.mentions_data(mentions))
        return mentions

    def _article_text(self, article: Article) -> ArticleText:
        """An article as the report shows it, for one whose outcome came from the cache."""
        data = article_bytes(article.path)
        prose = article_prose(data, article.path)
        mentions = self._mentions(prose, article, digest_bytes(data))
        return ArticleText(self._relative(article.path), prose.text, article.lang, list(mentions))

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self._root).as_posix()
        except ValueError:
            return path.as_posix()


def _engine(scheduler: str | None, memory_budget: int | None) -> Engine | None:
    """The engine that validates resources in blocks, when the run asks for one."""
    if scheduler is None and memory_budget is None:
        return None
    from .engine import Engine  # pandas and pandera, and dask for a scheduler: only then

    return Engine(scheduler, memory_budget)
