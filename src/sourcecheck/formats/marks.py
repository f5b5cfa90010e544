"""The numbers of an article as the HTML report marks them: each with its claims, its
findings and the verdict it shows (:func:`marks`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..codes import SC
from ..findings import Finding
from ..report import ArticleText, Report
from .common import article_of, claim_findings

VERDICTS = ("holds", "fails", "acknowledged", "waived", "unlinked")
# When claims on one number disagree, the number shows the most pressing verdict.
_PRECEDENCE = ("fails", "unlinked", "acknowledged", "holds", "waived")


@dataclass
class Mark:
    """One number of an article as the report shows it."""

    start: int | None
    end: int | None
    text: str
    verdict: str
    line: int | None = None
    column: int | None = None
    claims: list[Claimed] = field(default_factory=list)  # a number may carry several
    findings: list[Finding] = field(default_factory=list)  # of an unlinked number
    note: str = ""  # why a number is waived or unlinked
    anchor: str = ""  # the card's id

    @property
    def all_findings(self) -> list[Finding]:
        return self.findings + [finding for claimed in self.claims for finding in claimed.findings]


@dataclass
class Claimed:
    """A checked claim (or waiver) on a number, with its findings and its verdict."""

    data: dict[str, Any]
    findings: list[Finding]
    verdict: str


def verdict_of(claim: dict[str, Any], findings: list[Finding]) -> str:
    """holds, fails, acknowledged or waived, for a checked claim or waiver and its findings."""
    if any(finding.fails for finding in findings):
        return "fails"
    if claim.get("verdict") == "waived":
        return "waived"
    if any(finding.acknowledged is not None for finding in findings):
        return "acknowledged"
    return "holds"


def marks(report: Report, article: ArticleText) -> tuple[list[Mark], list[Mark]]:
    """The numbers of ``article`` in text order, and its claims not found in the text."""
    slug = article_of(article.path)
    by_start: dict[int, Mark] = {}
    lost: list[Mark] = []
    for claim in report.claims:
        data = claim.to_dict()
        if claim.locator and data.get("source"):
            data["source"] = {**data["source"], "locator": claim.locator}
        owner = data.get("article")
        if owner not in (None, article.path) and article_of(owner) != slug and owner != slug:
            continue
        found = list(getattr(claim, "findings", None) or claim_findings(report, slug, claim.id))
        claimed = Claimed(data, found, verdict_of(data, found))
        text = data.get("text")
        if text is None:
            lost.append(Mark(None, None, "", claimed.verdict, claims=[claimed],
                             note=str(data.get("reason") or "")))
            continue
        mark = by_start.setdefault(text["start"], Mark(text["start"], text["end"], text["text"],
                                                       claimed.verdict, text.get("line"),
                                                       text.get("column")))
        if claimed.verdict == "waived" and any(c.verdict != "waived" for c in mark.claims):
            continue  # a claim outranks a waiver on the same number
        if claimed.verdict != "waived":
            mark.claims = [c for c in mark.claims if c.verdict != "waived"]
        mark.claims.append(claimed)
        mark.verdict = min((c.verdict for c in mark.claims), key=_PRECEDENCE.index)
        reasons = [str(c.data["reason"]) for c in mark.claims if c.data.get("reason")]
        mark.note = "; ".join(reasons)
    unlinked = {(f.line, f.column): f for f in report.findings
                if f.code in (SC.UNLINKED_STATISTIC, SC.VAGUE_STATISTIC) and article_of(f.path) == slug}
    for mention in article.mentions:
        if mention.start in by_start:
            continue
        finding = unlinked.get((mention.line, mention.column))
        if mention.value is None:  # a percentage without a figure: a note, never a failure
            mark = Mark(mention.start, mention.end, mention.text, "waived", mention.line, mention.column,
                        findings=[finding] if finding is not None else [],
                        note=finding.message if finding is not None else "a percentage stated without a figure")
        elif finding is not None:
            mark = Mark(mention.start, mention.end, mention.text, "unlinked", mention.line,
                        mention.column, findings=[finding], note=finding.message)
        else:
            mark = Mark(mention.start, mention.end, mention.text, "waived", mention.line,
                        mention.column, note=f"a {mention.kind}: numbers of this kind need no claim")
        by_start[mention.start] = mark
    shown = sorted(by_start.values(), key=lambda mark: mark.start or 0)
    for number, mark in enumerate(shown + lost, start=1):
        mark.anchor = f"{slug}-n{number}"
    return shown, lost
