"""A scratch copy of a project, and the claims check run on it again and again.

Every mutant is written into one temporary copy of the project (never the project
itself), checked, and undone.  A full check spends nearly all its time reading and
validating the data packages, which a text mutant does not touch and a cell mutant
touches in one resource only; so the session keeps one :class:`~sourcecheck.run.check.Checker`
(without a cache) for all its runs, which forgets just the file a mutant edited.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from ..errors import InputError, SourcecheckError
from ..project import Project
from ..report import Report
from ..run.articles import Article, find_articles
from ..run.check import Checker
from ..sources.catalog import Catalog


class Session:
    """A temporary copy of the project at ``source``; use as a context manager."""

    def __init__(self, source: str | Path) -> None:
        original = Project.load(source)
        self._tmp = tempfile.TemporaryDirectory(prefix="sourcecheck-mutate-")
        self.root = Path(self._tmp.name) / "project"
        _copy_project(original, self.root)
        self.project = Project.load(self.root)
        self._checker = Checker(self.root, cache=False)
        self._seen: dict[tuple[Path, bytes], Report | SourcecheckError] = {}

    def __enter__(self) -> Session:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._checker.close()
        self._tmp.cleanup()

    def check(self) -> Report:
        """The claims check of the copy as it stands now."""
        return self._checker.run()

    def articles(self) -> list[Article]:
        """The articles of the copy, their ledgers parsed."""
        return find_articles(self.project)

    def check_edit(self, path: Path, edited: bytes) -> Report:
        """The check with ``path`` holding ``edited`` (written by the caller); an edit
        seen before (one number under two claims, one cell under three) is not rechecked."""
        key = (path, edited)
        if key not in self._seen:
            try:
                self._seen[key] = self.check()
            except SourcecheckError as error:
                self._seen[key] = error
        outcome = self._seen[key]
        if isinstance(outcome, SourcecheckError):
            raise outcome
        return outcome

    @property
    def catalog(self) -> Catalog:
        """The data packages of the copy (loaded once)."""
        return self._checker.data.catalog

    def forget(self, path: Path) -> None:
        """Drop everything read from ``path`` (a file of the copy), so it is read again."""
        self._checker.forget(path)


def _copy_project(project: Project, target: Path) -> None:
    """The files a check reads: pyproject.toml and the three project folders."""
    target.mkdir(parents=True)
    pyproject = project.root / "pyproject.toml"
    if pyproject.is_file():
        shutil.copy2(pyproject, target / "pyproject.toml")
    for folder in (project.articles, project.datapackages, project.schemas):
        if not folder.is_dir():
            continue
        relative = folder.relative_to(project.root)
        if ".." in relative.parts:
            raise InputError("a project folder lies outside the project; mutate copies only the project",
                             folder)
        try:
            # links resolved into copies: a mutant is never written through one into a source,
            # so no signal mid-run can leave a source changed
            shutil.copytree(folder, target / relative, symlinks=False)
        except (shutil.Error, OSError) as error:
            raise InputError(f"cannot copy the project for mutation: {_first(error)}", folder) from None
    for path in target.rglob("*"):
        if path.is_symlink():  # copytree keeps none; checked all the same, before any edit
            raise InputError("the copy for mutation holds a symbolic link; mutate copies files only", path)


def _first(error: BaseException) -> str:
    """One line for a copy that failed (shutil.Error gathers one problem per file)."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list) and error.args[0]:
        source, _, why = error.args[0][0]
        return f"{source}: {why}"
    return str(error)
