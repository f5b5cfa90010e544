"""The articles of a project: each folder's text, its language and its ledger.

Finding the articles needs only a few facts of each ledger (the article it names, its
language, the packages it cites: :class:`LedgerFacts`).  :func:`find_articles` parses
every ledger for them; the runner (``check.py``) gets them from its cache or its worker
processes and hands them to :func:`resolve_articles`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import InputError, LedgerError, SourcecheckError
from ..ledger.model import LEDGER_NAME, Ledger
from ..numbers import language_from_name
from ..project import Project
from ..prose import Prose, format_of, read_prose
from ..prose.lang import declared_lang
from ..textfile import NotReadable, decode_utf8, read_regular
from .fingerprints import digest_bytes, digest_file

_ARTICLE = re.compile(r"^article(?:\.(?:nl|en))?\.(?:txt|md|markdown|html?|qmd)$")


@dataclass(frozen=True)
class LedgerFacts:
    """What finding the articles needs of a ledger; ``digest`` is its bytes' SHA-256."""

    article: str | None
    lang: str | None
    packages: tuple[str, ...]
    digest: str

    @classmethod
    def of(cls, ledger: Ledger, digest: str) -> LedgerFacts:
        packages = sorted({ref.package for claim in ledger.claims for ref in claim.references})
        return cls(ledger.article, ledger.lang, tuple(packages), digest)

    def to_data(self) -> dict[str, Any]:
        return {"article": self.article, "lang": self.lang, "packages": list(self.packages), "digest": self.digest}

    @classmethod
    def from_data(cls, data: Any) -> LedgerFacts:
        article, lang, packages, digest = data["article"], data["lang"], data["packages"], data["digest"]
        if not (all(isinstance(v, str | None) for v in (article, lang)) and isinstance(digest, str)
                and isinstance(packages, list) and all(isinstance(p, str) for p in packages)):
            raise ValueError("not the facts of a ledger")
        return cls(article, lang, tuple(packages), digest)


#: a ledger read: its facts and, when it was parsed, the ledger; or why it cannot be read
LedgerRead = tuple[LedgerFacts, Ledger | None] | SourcecheckError


@dataclass(frozen=True)
class Article:
    folder: Path
    path: Path
    lang: str
    ledger_path: Path | None = None
    ledger_digest: str = ""           # SHA-256 of the ledger's bytes ("" when unreadable)
    packages: tuple[str, ...] = ()    # the packages the ledger names
    loaded: Ledger | None = field(default=None, repr=False, compare=False)

    @cached_property
    def ledger(self) -> Ledger | None:
        """The ledger, parsed on first use (a cached check of an unchanged ledger never needs
        it).  Bytes whose digest a valid ledger's check recorded are not validated again."""
        if self.loaded is not None or self.ledger_path is None:
            return self.loaded
        data = _bytes(self.ledger_path)
        valid = data is not None and bool(self.ledger_digest) and digest_bytes(data) == self.ledger_digest
        return _parse(self.ledger_path, data, validated=valid)

    def within_number_limit(self, count: int) -> None:
        """An InputError naming this article when its ``count`` numbers are more than
        ``[tool.sourcecheck.limits] article-numbers``: checked once its numbers are read,
        before any finding is made of them (a finding for each costs far more)."""
        limit = limits.current().article_numbers
        if count > limit:
            raise InputError(f"{count:,} numbers, over the limit of {limit:,} "
                             "([tool.sourcecheck.limits] article-numbers)", self.path)


def article_folders(project: Project) -> dict[Path, dict[str, bool]]:
    """Every folder under ``articles/``, in order, with its entries (True for a file)."""
    folder = project.articles
    if not folder.is_dir():
        if os.path.islink(folder):  # a link to nothing or a loop: not silently no articles
            raise InputError(f"not a folder: {_why_unreadable(folder)}", folder)
        return {}
    # os.scandir: each entry's type comes with the listing (a stat only for a link)
    slugs = [folder / entry.name for entry in sorted(_entries(folder), key=lambda entry: entry.name)
             if _is_folder(entry)]
    return {slug: _files(slug) for slug in slugs}


def ledger_paths(folders: Mapping[Path, dict[str, bool]]) -> list[Path]:
    """The ledgers among ``folders`` that are files (the others are errors in :func:`resolve_articles`)."""
    return [slug / LEDGER_NAME for slug, files in folders.items() if files.get(LEDGER_NAME)]


def read_ledger(path: Path) -> tuple[LedgerFacts, Ledger]:
    """Parse the ledger at ``path``: its facts and itself (a LedgerError when it is broken)."""
    data = _bytes(path)
    ledger = _parse(path, data)
    return LedgerFacts.of(ledger, digest_bytes(data) if data is not None else ""), ledger


def find_articles(project: Project) -> list[Article]:
    """Every article of ``project``, its ledger parsed (the first problem raises)."""
    folders = article_folders(project)
    ledgers: dict[Path, LedgerRead] = {}
    for path in ledger_paths(folders):
        try:
            ledgers[path] = read_ledger(path)
        except SourcecheckError as error:
            ledgers[path] = error
    return resolve_articles(project, folders, ledgers)


def resolve_articles(project: Project, folders: Mapping[Path, dict[str, bool]],
                     ledgers: Mapping[Path, LedgerRead]) -> list[Article]:
    """The article of each folder, from its entries and its ledger as read; the first
    problem in folder order raises."""
    articles = []
    for slug, files in folders.items():
        ledger_path = slug / LEDGER_NAME
        if files.get(LEDGER_NAME) is False:
            # a folder, a pipe (reading one blocks), a broken link or a loop: not silently no ledger
            raise LedgerError(f"not a readable file: {_why_unreadable(ledger_path)}", ledger_path)
        facts, ledger = None, None
        read = ledgers.get(ledger_path)
        if isinstance(read, SourcecheckError):
            raise read
        if read is not None:
            facts, ledger = read
        texts = [slug / name for name in sorted(files) if files[name] and _ARTICLE.match(name)]
        if facts is not None and facts.article:
            texts = [slug / facts.article]
            if not texts[0].is_file():
                raise LedgerError(f"article {facts.article!r} is not in {slug.name}/", ledger_path)
        if not texts:
            # an article-named entry that is no regular file (a pipe, a broken link, a loop)
            unreadable = [slug / name for name in sorted(files) if not files[name] and _ARTICLE.match(name)]
            if facts is not None:
                why = (f": {unreadable[0].name} is not a readable file ({_why_unreadable(unreadable[0])})"
                       if unreadable else " (article.<lang>.txt, .md, .html or .qmd)")
                raise LedgerError(f"no article text beside this ledger{why}", ledger_path)
            if unreadable:
                raise InputError(f"not a readable file: {_why_unreadable(unreadable[0])}", unreadable[0])
            continue
        if len(texts) > 1:
            where = ledger_path if facts is not None else slug
            raise InputError(f"{len(texts)} article texts in {slug.name}/; name one with `article:` "
                             "in its claims.yaml", where)
        text_path = texts[0]
        lang = (language_from_name(text_path) or _declared_lang(text_path) or (facts.lang if facts else None)
                or project.lang)
        if lang is None:
            raise InputError("cannot tell the article's language: name it article.nl.txt or "
                             "article.en.txt, or set `lang` in the ledger or [tool.sourcecheck]", text_path)
        if facts is None:
            articles.append(Article(slug, text_path, lang))
        else:
            articles.append(Article(slug, text_path, lang, ledger_path, facts.digest, facts.packages, ledger))
    if not articles:  # a run in the wrong folder must not pass having checked nothing
        raise InputError("no article found: looked for <slug>/article.<lang>.txt (or .md, .html, .qmd) in this "
                         "folder; run sourcecheck in the project (or below it) or pass its path",
                         project.articles.resolve())
    return articles


def _declared_lang(path: Path) -> str | None:
    """The language a Markdown or HTML article declares (``lang`` in its front matter,
    ``<html lang>``); None for a plain text or one that cannot be read (checking it says why)."""
    form = format_of(path)
    if form == "text":
        return None
    try:
        data = read_regular(path, limits.current().article_size, "article-size")
        return declared_lang(data.decode("utf-8"), form)
    except (OSError, NotReadable, UnicodeDecodeError):
        return None


def _parse(path: Path, data: bytes | None, validated: bool = False) -> Ledger:
    from ..ledger.load import load_ledger  # YAML and JSON Schema: not for a cached check

    return load_ledger(path, data, validated=validated)


def _files(folder: Path) -> dict[str, bool]:
    return {entry.name: _is_file(entry) for entry in _entries(folder)}


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a loop of symbolic links: not a readable file (the caller says why)
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether an entry of ``articles/`` is a folder; an InputError naming a loop of links."""
    try:
        return entry.is_dir()
    except OSError:
        path = Path(entry.path)
        raise InputError(f"not a folder: {_why_unreadable(path)}", path) from None


def _why_unreadable(path: Path) -> str:
    """What ``path`` is, for a message saying it cannot be read as a file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if isinstance(error, FileNotFoundError):
            return "a symbolic link to nothing" if os.path.islink(path) else "no such file"
        return f"cannot read: {error.strerror}"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "it changed while the folder was listed"
    return "a pipe, a device or a socket (not read)"


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of ``folder``; an InputError naming it when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as error:
        raise InputError(f"cannot read the folder: {error.strerror}", folder) from None


def _bytes(path: Path) -> bytes | None:
    try:
        return read_regular(path, limits.current().file_size)
    except (OSError, NotReadable):
        return None  # load_ledger says what is wrong


def article_bytes(path: Path) -> bytes:
    """An article's bytes: a regular file within the article-size limit, else an InputError."""
    try:
        return read_regular(path, limits.current().article_size, "article-size")
    except NotReadable as problem:
        raise InputError(str(problem), path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None


def article_prose(data: bytes, path: Path) -> Prose:
    """An article's bytes as its reader sees them, by the format its extension names."""
    return read_prose(decode_utf8(data, path), format_of(path))


def ledger_digest(path: Path) -> str:
    """The SHA-256 of a ledger's bytes; "" when it cannot be read (parsing it says what is
    wrong; no digest, no cached verdicts)."""
    digest = digest_file(path)
    return "" if digest == "missing" else digest


def readable_ledgers(articles: Sequence[Article]) -> list[Ledger]:
    """The ledgers of ``articles`` that can be read (checking the others says why)."""
    ledgers = []
    for article in articles:
        try:
            ledger = article.ledger
        except SourcecheckError:
            continue
        if ledger is not None:
            ledgers.append(ledger)
    return ledgers
