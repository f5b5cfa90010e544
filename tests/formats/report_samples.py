"""Hand-built reports for the formatter tests: one of each kind of finding and verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from sourcecheck.findings import Finding
from sourcecheck.numbers import extract
from sourcecheck.report import ArticleText, Coverage, Report, SourceInfo

ARTICLE = "articles/demo/article.nl.txt"
LEDGER = "articles/demo/claims.yaml"
TEXT = "Zo'n 44% keurt het af. Meer dan 4.700 stemden. Slechts 3% koos Poetin. In 2022 vertrokken 12 mensen."


@dataclass
class FakeClaim:
    """A checked claim as the report protocol sees it (sourcecheck.report.ClaimResult)."""

    id: str
    verdict: str
    exact: str
    source: dict[str, Any] | None = None
    article: str = ARTICLE
    extra: dict[str, Any] = field(default_factory=dict)
    article_text: str = TEXT
    locator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        start = self.article_text.index(self.exact)
        return {"id": self.id, "verdict": self.verdict, "article": self.article,
                "text": {"start": start, "end": start + len(self.exact), "line": 1,
                         "column": start + 1, "text": self.exact, "low": "43.5", "high": "44.5"},
                "source": self.source, **self.extra}


def source(row: int, value: str) -> dict[str, Any]:
    return {"package": "bcsp", "resource": "attitudes", "path": "datapackages/bcsp/attitudes.csv",
            "row": row, "line": row + 1, "field": "share", "value": value}


def check_report() -> Report:
    claims = [
        FakeClaim("afkeuring", "holds", "Zo'n 44%", source(2, "44")),
        FakeClaim("stemmers", "text-mismatch", "Meer dan 4.700", source(3, "4500")),
        FakeClaim("poetin", "text-mismatch", "Slechts 3%", source(4, "2.6")),
        FakeClaim("jaar", "waived", "2022", None, extra={"reason": "a year, not a statistic"}),
    ]
    findings = [
        Finding("SC301", "4.700 in the text, 4500 in bcsp/attitudes row 3", path=ARTICLE,
                line=1, column=24, claim="stemmers"),
        Finding("SC301", "3% in the text, 2.6 in the source", path=ARTICLE, line=1, column=48,
                claim="poetin", acknowledged="the source rounds differently"),
        Finding("SC401", "12 is not covered by a claim or a waiver", path=ARTICLE, line=1,
                column=91),
        Finding("SC201", "share 104 is above 100", path="datapackages/bcsp/attitudes.csv",
                row=5, field="share"),
    ]
    return Report("check", findings=findings, claims=claims,
                  coverage=Coverage(linked=3, waived=1, unlinked=1),
                  articles=[ArticleText(ARTICLE, TEXT, "nl", extract(TEXT, "nl"))],
                  sources=[SourceInfo("bcsp", "datapackages/bcsp",
                                      {"title": "Non-Malign Influence", "publisher": "BCSP",
                                       "sampleSize": 300},
                                      {"attitudes": "datapackages/bcsp/attitudes.csv",
                                       "return": "datapackages/bcsp/return.csv"})])


def validate_report() -> Report:
    return Report("validate", findings=[
        Finding("SC120", 'not a number: "x"', path="datapackages/a/b.csv", row=3, field="share"),
        Finding("SC101", "bad descriptor, line: 2", path="datapackages/a/datapackage.json",
                line=2, column=5),
        Finding("SC211", "shares add up to 97", path="schemas/a.b.yaml", line=4),
    ], sources=[SourceInfo("a", "datapackages/a", {},
                           {"b": "datapackages/a/b.csv", "c": "datapackages/a/c.csv"})])


# Fixtures, imported by the test modules that use them (no conftest.py here: a second
# module named "conftest" shadows the top one for ``from conftest import ...``).
@pytest.fixture(name="checked")
def checked_fixture() -> Report:
    return check_report()


@pytest.fixture(name="validated")
def validated_fixture() -> Report:
    return validate_report()
