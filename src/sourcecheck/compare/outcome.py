"""What checking an article gives: a result per claim and waiver, findings, coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..findings import Finding
from ..interval import Interval
from ..numbers.mention import Mention
from .intervals import show


@dataclass
class ClaimResult:
    """A checked claim (or waiver), as the report lists it."""

    id: str
    verdict: str
    article: str                       # the article's path, relative to the project
    ledger: str
    mention: Mention | None = None
    text_interval: Interval | None = None
    source_interval: Interval | None = None
    source: dict[str, Any] | None = None   # package, resource, path, row, field, value
    derived: dict[str, Any] | None = None  # op, value, operands (derived claims only)
    findings: list[Finding] = field(default_factory=list)
    reason: str | None = None          # waivers only
    found_text: str = ""               # what stands at the anchor now
    source_written: str = ""           # the source value now, as written or derived
    locator: str | None = None         # where in the source the figure stands (its row's ``locator``)

    def to_dict(self) -> dict[str, Any]:
        text = None
        if self.mention is not None:
            interval = self.text_interval or self.mention.interval
            text = {
                "start": self.mention.start, "end": self.mention.end,
                "line": self.mention.line, "column": self.mention.column,
                "text": self.mention.text,
                "low": _num(interval.low), "high": _num(interval.high),
                "interval": show(interval),
            }
        data: dict[str, Any] = {"id": self.id, "verdict": self.verdict, "article": self.article,
                                "text": text, "source": self.source}
        if self.derived is not None:
            data["derived"] = self.derived
        if self.reason is not None:
            data["reason"] = self.reason
        acknowledged = [f.acknowledged for f in self.findings if f.acknowledged]
        if acknowledged:
            data["acknowledged"] = acknowledged
        return data


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize() if value == value.to_integral() else value, "f")


@dataclass
class Coverage:
    """How many numbers of the articles are linked to data, waived, or unlinked."""

    linked: int = 0
    waived: int = 0
    unlinked: int = 0

    @property
    def total(self) -> int:
        return self.linked + self.waived + self.unlinked

    def add(self, other: Coverage) -> None:
        self.linked += other.linked
        self.waived += other.waived
        self.unlinked += other.unlinked

    def to_dict(self) -> dict[str, int]:
        return {"linked": self.linked, "waived": self.waived,
                "unlinked": self.unlinked, "total": self.total}

    def __str__(self) -> str:
        return (f"{self.total} numbers: {self.linked} linked, "
                f"{self.waived} waived, {self.unlinked} unlinked")


@dataclass
class ArticleOutcome:
    """Everything checking one article found.  ``findings`` holds every finding in the
    order the report lists them; a result's findings are the very same objects."""

    results: list[ClaimResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)
