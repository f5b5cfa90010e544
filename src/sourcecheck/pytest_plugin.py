"""A pytest plugin: ``pytest --sourcecheck`` runs every claim of a project as a test.

Registered through the ``pytest11`` entry point, it stays idle unless asked.  With
``--sourcecheck`` it checks the project once (``--sourcecheck-path``, default the
rootdir) and collects one item per claim, named ``<article>::<claim id>``, which
fails with the messages of the claim's failing findings.  Per article, one more
item, ``<article>::[numbers]``, fails when a statistic has no claim or a waiver no
longer finds its number.  One item ``sourcecheck::[data]``, only when there is something
to say, fails with the findings about data files (a file no longer the one its descriptor
pins).  Acknowledged findings pass.  A project that cannot be
checked at all (a broken ledger, say) is a collection error with its message.

Every item carries the ``sourcecheck`` marker: ``pytest --sourcecheck -m sourcecheck``
runs only the claims.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .errors import SourcecheckError

NUMBERS_ITEM = "[numbers]"
DATA_ITEM = "[data]"  # the findings about data files a check reports (a changed pinned file)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sourcecheck", "check the claims of a sourcecheck project")
    group.addoption("--sourcecheck", action="store_true", default=False,
                    help="collect every claim of the project as a test item")
    group.addoption("--sourcecheck-path", metavar="PATH", default=None,
                    help="the project folder to check (default: the rootdir)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sourcecheck: a claim checked by sourcecheck")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    if config.getoption("sourcecheck"):
        project = Path(config.getoption("sourcecheck_path") or config.rootpath)
        items.extend(collect_claims(session, project))


def collect_claims(session: pytest.Session, project: Path) -> list[pytest.Item]:
    """One item per claim of every article of ``project``, plus one per article for its
    unlinked numbers; a single failing item when the project cannot be checked."""
    from .run.check import check  # the whole runner: only when the option asks for it

    try:
        report = check(project)
    except SourcecheckError as error:
        item = ClaimItem.from_parent(session, name="sourcecheck", nodeid="sourcecheck",
                                     path=project, findings=[], where=None,
                                     error=f"sourcecheck could not check {project}: {error}")
        item.add_marker("sourcecheck")
        return [item]
    by_article: dict[str, list[Any]] = {}
    for claim in report.claims:
        by_article.setdefault(_slug(claim.to_dict().get("article")), []).append(claim)
    for finding in report.findings:  # an article without a ledger has only unlinked numbers
        if finding.claim is None and finding.code.startswith("SC4"):
            by_article.setdefault(_slug(finding.details.get("article") or finding.path), [])
    items: list[pytest.Item] = []
    for slug in sorted(by_article):
        article = ArticleNode.from_parent(session, name=slug, nodeid=slug, path=project)
        collected = _article_items(article, by_article[slug], report)
        for each in collected:
            each.add_marker("sourcecheck")
        # tell the reporters, so that "collected N items" counts the claims too
        reported: list[pytest.Item | pytest.Collector] = list(collected)
        session.ihook.pytest_collectreport(report=pytest.CollectReport(article.nodeid, "passed", None, reported))
        items.extend(collected)
    # a data file that is no longer the one its descriptor pins (SC1xx): no article's, one item
    data = [finding for finding in report.findings if finding.claim is None and finding.code.startswith("SC1")]
    if data:
        item = ClaimItem.from_parent(session, name=DATA_ITEM, nodeid=f"sourcecheck::{DATA_ITEM}", path=project,
                                     findings=data, where=None)
        item.add_marker("sourcecheck")
        items.append(item)
    return items


def _article_items(article: ArticleNode, claims: list[Any], report: Any) -> list[pytest.Item]:
    items: list[pytest.Item] = []
    waivers: set[str] = set()
    for claim in claims:
        if claim.verdict == "waived" or claim.to_dict().get("reason") is not None:
            waivers.add(claim.id)  # a waiver is no claim; its findings go to [numbers]
            continue
        items.append(ClaimItem.from_parent(article, name=claim.id, findings=list(claim.findings),
                                           where=_where(claim)))
    loose = [finding for finding in report.findings
             if _slug(finding.details.get("article") or finding.path) == article.name
             and (finding.claim is None or finding.claim in waivers)]
    items.append(ClaimItem.from_parent(article, name=NUMBERS_ITEM, findings=loose, where=None))
    return items


class ArticleNode(pytest.Collector):
    """An article: the parent of its claims' items (built directly, never collected)."""

    def collect(self) -> list[pytest.Item]:
        return []


class ClaimFailed(Exception):
    """A claim's failing findings."""


class ClaimItem(pytest.Item):
    """One claim (or an article's unlinked numbers): fails with its failing findings."""

    def __init__(self, *, findings: list[Any], where: tuple[str, int] | None,
                 error: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.findings = findings
        self.where = where
        self.error = error

    def runtest(self) -> None:
        if self.error is not None:
            raise ClaimFailed(self.error)
        failing = [finding for finding in self.findings if finding.fails]
        for finding in self.findings:
            if finding.acknowledged is not None:
                self.add_report_section("call", "acknowledged",
                                        f"{finding.code} {finding.message}\n  ({finding.acknowledged})")
        if failing:
            raise ClaimFailed("\n".join(
                f"{finding.location}: {finding.code} {finding.name}: {finding.message}"
                for finding in failing))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, ClaimFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path | str, int | None, str]:
        if self.where is not None:
            path, line = self.where
            return path, line - 1, self.nodeid
        return self.path, None, self.nodeid


def _slug(path: str | None) -> str:
    """An article's folder name from its path (``articles/<slug>/article.nl.txt``)."""
    if not path:
        return "articles"
    parts = Path(path).parts
    return parts[-2] if len(parts) >= 2 else parts[-1]


def _where(claim: Any) -> tuple[str, int] | None:
    data = claim.to_dict()
    text = data.get("text")
    if text and data.get("article"):
        return str(data["article"]), int(text["line"])
    return None
