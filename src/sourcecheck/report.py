"""The result of a run: findings, and for ``check`` the claims and the coverage.

A report becomes a plain dict (``to_dict``, the JSON report) and decides the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .compare.outcome import ClaimResult, Coverage
from .findings import Finding
from .numbers.mention import Mention

REPORT_VERSION = 1


@dataclass
class ArticleText:
    """An article as it was checked, for reports that show the text (``--format html``)."""

    path: str  # relative to the project root
    text: str
    lang: str | None = None
    mentions: list[Mention] = field(default_factory=list)  # every number, in order


@dataclass
class SourceInfo:
    """A data package as reports show it: its provenance and where its resources are."""

    package: str
    path: str | None = None  # the package folder, relative to the project root
    provenance: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, str] = field(default_factory=dict)  # resource name -> CSV path


@dataclass
class Report:
    command: str  # "check" or "validate"
    findings: list[Finding] = field(default_factory=list)
    claims: list[ClaimResult] = field(default_factory=list)
    coverage: Coverage | None = None
    # for the reports that show more than findings (html, junit): check(texts=True)
    articles: list[ArticleText] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)

    @property
    def failures(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.fails]

    @property
    def valid(self) -> bool:
        return not self.failures

    @property
    def exit_code(self) -> int:
        return 0 if self.valid else 1

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "version": REPORT_VERSION,
            "command": self.command,
            "valid": self.valid,
            "findings": [finding.to_dict() for finding in self.findings],
        }
        if self.command == "check":
            data["claims"] = [claim.to_dict() for claim in self.claims]
            data["coverage"] = self.coverage.to_dict() if self.coverage else None
        return data
