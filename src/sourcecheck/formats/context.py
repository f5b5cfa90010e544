"""Context for reports that show more than findings: the articles and the sources.

``sourcecheck check`` reports findings and claims; the HTML report also shows the
article text with its numbers, each source's provenance and the interval a source
value allows, and the JUnit report lists every resource, failing or not.
:func:`attach` fills in whatever of that the run left out, reading the project
(read only, like everything else).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import SourcecheckError
from ..project import Project
from ..report import ArticleText, Report, SourceInfo


def attach(report: Report, path: str | os.PathLike[str] = ".") -> Report:
    """Fill ``report.sources``, ``report.articles`` and claims' source details from ``path``.

    Whatever the report already carries is kept.  A project whose data cannot be
    loaded simply gets no sources: its findings already say why.
    """
    project = Project.load(path)
    catalog = _catalog(project)
    if not report.sources and catalog is not None:
        report.sources = describe_sources(catalog, project.root)
    if report.command == "check":
        if not report.articles:
            report.articles = read_articles(project)
        if catalog is not None:
            _add_source_details(report, catalog, project)
    return report


def _catalog(project: Project) -> Any:
    from ..data import load_catalog

    try:
        return load_catalog(project)
    except SourcecheckError:
        return None


def describe_sources(catalog: Any, root: Path) -> list[SourceInfo]:
    """Every data package of ``catalog`` with its provenance and resource paths."""
    return [
        SourceInfo(package.name, _relative(Path(package.path), root), dict(package.provenance),
                   {name: _relative(Path(resource.path), root)
                    for name, resource in package.resources.items()})
        for package in sorted(catalog.packages.values(), key=lambda package: package.name)
    ]


def read_articles(project: Project) -> list[ArticleText]:
    """Every article of the project with its text and the numbers in it."""
    from ..claims import find_articles
    from ..numbers import extract

    articles = []
    for article in find_articles(project):
        try:
            text = article.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the check itself reports an unreadable article
        articles.append(ArticleText(_relative(article.path, project.root), text, article.lang,
                                    extract(text, article.lang)))
    return articles


def _add_source_details(report: Report, catalog: Any, project: Project) -> None:
    """Give each claim's source the interval its cell allows (precision and ``bound``) and
    the row's ``locator`` (where in the source the figure stands), when the check did not."""
    from ..claims import source_interval
    from ..config import claims_config

    slack = claims_config(project).slack
    for claim in report.claims:
        source = getattr(claim, "source", None)
        if not isinstance(source, dict) or source.get("row") is None:
            continue
        resource = catalog.resource(source.get("package"), source.get("resource"))
        if resource is None:
            continue
        try:
            row = resource.raw.iloc[int(source["row"]) - 1]  # the record's 1-based data row
        except (IndexError, ValueError, TypeError):
            continue
        if "locator" not in source and "locator" in resource.raw.columns and row["locator"]:
            source["locator"] = str(row["locator"])
        if "interval" not in source:
            bound = row["bound"] if "bound" in resource.raw.columns else None
            try:
                source["interval"] = str(source_interval(str(source.get("value", "")),
                                                         None if bound is None else str(bound), slack))
            except (ValueError, ArithmeticError):
                pass  # an unreadable value is a finding of the check already


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
