"""``--format text``: one line per finding, grouped by article (check) or file, for people and grep."""

from __future__ import annotations

from itertools import groupby

from ..findings import Finding
from ..report import Report
from .base import Formatter
from .common import article_of, visible


class TextFormatter(Formatter):
    name = "text"

    def format(self, report: Report) -> str:
        if report.command == "check":
            return _check(report)
        lines: list[str] = []
        ordered = sorted(report.findings, key=lambda f: (f.path or "", f.line or 0, f.row or 0))
        for _path, group in groupby(ordered, key=lambda f: f.path):
            for finding in group:
                status = f" (acknowledged: {finding.acknowledged})" if finding.acknowledged else ""
                lines.append(f"{finding.location}: {finding.code} {finding.message}{status}")
        failing = len(report.failures)
        lines.append(f"{len(report.findings)} findings, {failing} failing")
        return "".join(visible(line) + "\n" for line in lines)


def _check(report: Report) -> str:
    """Findings grouped by article; each acknowledged one with its reason; coverage last."""
    lines: list[str] = []

    def article(finding: Finding) -> str:
        slug = finding.details.get("article") if finding.details else None
        return (article_of(slug) if isinstance(slug, str) else article_of(finding.path)) or ""

    def order(finding: Finding) -> tuple[str, int, str, int, int]:
        in_text = 0 if finding.path and not finding.path.endswith(".yaml") else 1
        return (article(finding), in_text, finding.path or "", finding.line or 0, finding.column or 0)

    for slug, group in groupby(sorted(report.findings, key=order), key=article):
        found = list(group)
        failing = sum(1 for f in found if f.fails)
        acknowledged = sum(1 for f in found if f.acknowledged)
        lines.append(f"{slug or '(no article)'}: {len(found)} findings, {failing} failing, "
                     f"{acknowledged} acknowledged")
        for finding in found:
            claim = f" [{finding.claim}]" if finding.claim else ""
            lines.append(f"  {finding.location}: {finding.code} {finding.name} "
                         f"({finding.severity}){claim}: {finding.message}")
            if finding.acknowledged:
                lines.append(f"      acknowledged: {finding.acknowledged}")
    claims = [c for c in report.claims if getattr(c, "verdict", None) != "waived"]
    holds = sum(1 for c in claims if c.verdict == "holds")
    failing_claims = sum(1 for c in claims if any(f.fails for f in getattr(c, "findings", [])))
    verdict = "OK" if report.valid else "FAILED"
    lines.append(f"{verdict}: {len(report.findings)} findings, {len(report.failures)} failing; "
                 f"{len(claims)} claims: {holds} hold, {len(claims) - holds - failing_claims} "
                 f"acknowledged, {failing_claims} failing")
    if report.coverage is not None:
        lines.append(f"coverage: {report.coverage}")
    return "".join(visible(line) + "\n" for line in lines)
