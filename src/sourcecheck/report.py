"""The result of a run: findings, and for ``check`` the claims and the coverage.

A report round-trips to a plain dict (``to_dict``) and decides the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .findings import Finding

REPORT_VERSION = 1


class ClaimResult(Protocol):
    """What a report needs of a checked claim (see ``sourcecheck.claims``)."""

    id: str
    verdict: str

    def to_dict(self) -> dict[str, Any]: ...


@dataclass
class Coverage:
    """How many numbers of the articles are linked to data, waived, or unlinked."""

    linked: int = 0
    waived: int = 0
    unlinked: int = 0

    @property
    def total(self) -> int:
        return self.linked + self.waived + self.unlinked

    def to_dict(self) -> dict[str, int]:
        return {"linked": self.linked, "waived": self.waived,
                "unlinked": self.unlinked, "total": self.total}

    def __str__(self) -> str:
        return (f"{self.total} numbers: {self.linked} linked, "
                f"{self.waived} waived, {self.unlinked} unlinked")


@dataclass
class ArticleText:
    """An article as it was checked, for reports that show the text (``--format html``)."""

    path: str  # relative to the project root
    text: str
    lang: str | None = None
    mentions: list[Any] = field(default_factory=list)  # every number (numbers.Mention), in order


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
    claims: list[Any] = field(default_factory=list)
    coverage: Coverage | None = None
    # Context for reports that show more than findings (html, junit); optional, and
    # filled in by sourcecheck.formats.context.attach when the check left them empty.
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
