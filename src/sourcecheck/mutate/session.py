"""A scratch copy of a project, and the claims check run on it again and again.

Every mutant is written into one temporary copy of the project (never the project
itself), checked, and undone.  A full check spends nearly all its time reading and
validating the data packages, which a text mutant does not touch and a cell mutant
touches in one resource only; so the session keeps the loaded catalog and the
per-resource validation counts between runs and forgets just the resource a mutant
edited.  Should the check's internals move, every mutant runs the plain public
``check`` instead: slower, same answer.
"""

from __future__ import annotations

import functools
import importlib
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from ..config import claims_config
from ..errors import InputError, SourcecheckError
from ..project import Project
from ..report import Report


class Session:
    """A temporary copy of the project at ``source``; use as a context manager."""

    def __init__(self, source: str | Path) -> None:
        original = Project.load(source)
        self._tmp = tempfile.TemporaryDirectory(prefix="sourcecheck-mutate-")
        self.root = Path(self._tmp.name) / "project"
        _copy_project(original, self.root)
        self.project = Project.load(self.root)
        self._config = claims_config(self.project)
        self._engine = importlib.import_module("sourcecheck.claims.check")
        self._fast = all(hasattr(self._engine, name) for name in ("_Run", "find_articles"))
        self._catalog: Any = None
        self._schema_problems: dict[Any, int] = {}
        self._schema_files: Any = None
        self._seen: dict[tuple[Path, bytes], Report | SourcecheckError] = {}

    def __enter__(self) -> Session:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._tmp.cleanup()

    def check(self) -> Report:
        """The claims check of the copy as it stands now."""
        if not self._fast:
            return self._engine.check(self.root)
        run = self._engine._Run(self.project, self._config, False)
        sources = getattr(run, "sources", None)
        if not all(hasattr(sources, name) for name in ("_catalog", "_schema_problems", "_schema_files")):
            self._fast = False
            return self._engine.check(self.root)
        sources._catalog = self._catalog
        sources._schema_problems = self._schema_problems
        sources._schema_files = self._schema_files
        for article in self._engine.find_articles(self.project):
            run.article(article)
        self._catalog, self._schema_files = sources._catalog, sources._schema_files
        return Report("check", run.findings, run.results, run.coverage)

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
    def catalog(self) -> Any:
        """The data packages of the copy (loaded once)."""
        if self._catalog is None:
            from ..data import load_catalog

            self._catalog = load_catalog(self.project)
        return self._catalog

    def forget(self, path: Path) -> None:
        """Drop everything read from ``path`` (a CSV of the copy), so it is read again."""
        if self._catalog is None:
            return
        for package in self._catalog.packages.values():
            for resource in package.resources.values():
                if isinstance(resource.path, Path) and resource.path == path:
                    _clear_cached(resource)
                    self._schema_problems.pop((package.name, resource.name), None)


def _clear_cached(resource: Any) -> None:
    for klass in type(resource).__mro__:
        for name, attribute in vars(klass).items():
            if isinstance(attribute, functools.cached_property):
                resource.__dict__.pop(name, None)


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
        shutil.copytree(folder, target / relative, symlinks=True)
