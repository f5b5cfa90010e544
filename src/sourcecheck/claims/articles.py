"""The articles of a project: each folder's text, its language and its ledger.

A ledger is read here only for what finding the articles needs of it (the article it
names, its language, the packages it cites); that much is cached on the ledger's
bytes, so an unchanged ledger is not parsed again.  The ledgers that must be parsed
are parsed in worker processes when there are many (``sourcecheck.workers``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..cache import NO_CACHE, Cache, digest_bytes, digest_file
from ..cache import key as cache_key
from ..errors import InputError, LedgerError, SourcecheckError
from ..project import Project
from ..workers import run_each
from .ledger import LEDGER_NAME, Ledger, load_ledger

_ARTICLE = re.compile(r"^article(?:\.(?P<lang>nl|en))?\.(?:txt|md)$")

# Below this many ledgers to parse, forking workers costs more than it saves.
PARALLEL_LEDGERS = 32


@dataclass(frozen=True)
class Article:
    folder: Path
    path: Path
    lang: str
    ledger_path: Path | None = None
    ledger_digest: str = ""           # SHA-256 of the ledger's bytes
    packages: tuple[str, ...] = ()    # the packages the ledger names
    loaded: Ledger | None = field(default=None, repr=False, compare=False)

    @cached_property
    def ledger(self) -> Ledger | None:
        """The ledger, loaded on first use (a cached check of an unchanged ledger never needs
        it).  Not parsed in this run, its digest comes from the facts the cache holds for
        it, which a valid ledger's check stored: its schema is not checked again."""
        if self.loaded is not None or self.ledger_path is None:
            return self.loaded
        return load_ledger(self.ledger_path, valid_digest=self.ledger_digest)


def find_articles(project: Project, cache: Cache = NO_CACHE, workers: int = 1,
                  meanwhile: Callable[[], None] | None = None) -> list[Article]:
    """Every article folder of ``project`` with its text, language and ledger.

    The first problem in folder order stops the search (an error), whatever the
    number of ``workers`` parsing the ledgers.  ``meanwhile`` is run while workers
    parse ledgers (only then: many ledgers to parse mean many articles to check).
    """
    folder = project.articles
    if not folder.is_dir():
        return []
    # os.scandir: each entry's type comes with the listing (a stat only for a link)
    with os.scandir(folder) as entries:
        slugs = [folder / name for name in sorted(entry.name for entry in entries if entry.is_dir())]
    contents = {slug: _files(slug) for slug in slugs}
    ledgers = _read_ledgers([slug / LEDGER_NAME for slug in slugs if contents[slug].get(LEDGER_NAME)],
                            cache, workers, meanwhile)
    articles = []
    for slug in slugs:
        files = contents[slug]
        ledger_path = slug / LEDGER_NAME
        if files.get(LEDGER_NAME) is False:
            # a folder, a pipe (reading one blocks) or a broken link: not silently no ledger
            raise LedgerError("not a readable file (a folder, a pipe or a broken link)", ledger_path)
        facts, ledger = None, None
        if ledger_path in ledgers:
            read = ledgers[ledger_path]
            if isinstance(read, SourcecheckError):
                raise read
            facts, ledger = read
        texts = [slug / name for name in sorted(files) if files[name] and _ARTICLE.match(name)]
        if facts is not None and facts["article"]:
            texts = [slug / facts["article"]]
            if not texts[0].is_file():
                raise LedgerError(f"article {facts['article']!r} is not in {slug.name}/", ledger_path)
        if not texts:
            if facts is not None:
                raise LedgerError("no article text beside this ledger (article.<lang>.txt or .md)", ledger_path)
            continue
        if len(texts) > 1:
            where = ledger_path if facts is not None else slug
            raise InputError(f"{len(texts)} article texts in {slug.name}/; name one with `article:` "
                             "in its claims.yaml", where)
        text_path = texts[0]
        match = _ARTICLE.match(text_path.name)
        lang = (match.group("lang") if match else None) or (facts["lang"] if facts else None) or project.lang
        if lang is None:
            raise InputError("cannot tell the article's language: name it article.nl.txt or "
                             "article.en.txt, or set `lang` in the ledger or [tool.sourcecheck]", text_path)
        if facts is None:
            articles.append(Article(slug, text_path, lang))
        else:
            articles.append(Article(slug, text_path, lang, ledger_path, facts["digest"],
                                    tuple(facts["packages"]), ledger))
    return articles


def _files(folder: Path) -> dict[str, bool]:
    """Every entry of ``folder`` by name: True for a file (a link to one too), else False."""
    with os.scandir(folder) as entries:
        return {entry.name: entry.is_file() for entry in entries}


_Read = tuple[dict[str, Any], Ledger | None]


def _read_ledgers(paths: list[Path], cache: Cache, workers: int,
                  meanwhile: Callable[[], None] | None) -> dict[Path, _Read | SourcecheckError]:
    """For each ledger that is a file: its facts (from the cache when its bytes were read
    before) and the ledger when it had to be parsed; or the error that parsing it raised."""
    read: dict[Path, _Read | SourcecheckError] = {}
    to_parse = paths
    if cache.holds("ledger"):  # else none can be stored: each is hashed where it is parsed
        # many files to read and hash (a re-check's first step): shared among the workers
        hashing = workers if len(paths) >= PARALLEL_LEDGERS else 1
        digests = dict(zip(paths, run_each(_digest, paths, hashing)))
        keys = {path: cache_key("ledger", digest) for path, digest in digests.items() if digest}
        stored = cache.get_many("ledger", list(keys.values()))
        to_parse = []
        for path in paths:
            facts = stored.get(keys[path]) if path in keys else None
            if isinstance(facts, dict) and set(facts) == {"article", "lang", "packages", "digest"}:
                read[path] = facts, None
            else:
                to_parse.append(path)
    if len(to_parse) < PARALLEL_LEDGERS:
        workers, meanwhile = 1, None
    parsed = run_each(_parse, to_parse, workers, meanwhile)
    for path, outcome in zip(to_parse, parsed):
        if not isinstance(outcome, SourcecheckError) and outcome[0]["digest"]:
            cache.put("ledger", cache_key("ledger", outcome[0]["digest"]), outcome[0])
        read[path] = outcome
    return read


def _digest(path: Path) -> str:
    digest = digest_file(path)
    # unreadable: load_ledger says what is wrong; no digest, no cached verdicts
    return "" if digest == "missing" else digest


def _parse(path: Path) -> _Read:
    try:
        data = path.read_bytes()
    except OSError:
        data = None  # load_ledger says what is wrong
    ledger = load_ledger(path, data=data)
    return _facts(ledger, digest_bytes(data) if data is not None else ""), ledger


def _facts(ledger: Ledger, digest: str) -> dict[str, Any]:
    packages = sorted({ref.package for claim in ledger.claims for ref in claim.references})
    return {"article": ledger.article, "lang": ledger.lang, "packages": packages, "digest": digest}
