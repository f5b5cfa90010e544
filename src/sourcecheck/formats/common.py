"""What several formatters need to read from a report: findings grouped and ordered,
the article a finding or claim belongs to, one line of totals."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import PurePath
from typing import Any

from ..codes import Severity
from ..findings import Finding
from ..report import Report


def article_of(path: str | None) -> str | None:
    """The article slug of a file in ``articles/<slug>/`` (its folder name), else None."""
    if not path:
        return None
    parts = PurePath(path.replace("\\", "/")).parts
    if len(parts) >= 2:
        return parts[-2]
    return None


def claim_article(claim: Any) -> str | None:
    """The article a checked claim belongs to, from whatever the claim object says."""
    for name in ("article", "slug"):
        value = getattr(claim, name, None)
        if isinstance(value, str) and value:
            return article_of(value) if "/" in value else value
    data = claim.to_dict()
    for name in ("article", "slug"):
        if isinstance(data.get(name), str) and data[name]:
            return article_of(data[name]) if "/" in data[name] else data[name]
    return article_of(data.get("path") or data.get("ledger"))


def findings_by_claim(report: Report) -> dict[tuple[str | None, str], list[Finding]]:
    """Findings about a claim, keyed by (article, claim id)."""
    grouped: dict[tuple[str | None, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.claim is not None:
            grouped[(article_of(finding.path), finding.claim)].append(finding)
    return grouped


def claim_findings(report: Report, article: str | None, claim_id: str) -> list[Finding]:
    """The findings about one claim; an unknown article matches on the claim id alone."""
    grouped = findings_by_claim(report)
    if (article, claim_id) in grouped:
        return grouped[(article, claim_id)]
    if article is None:
        return [finding for (_, claim), found in grouped.items() if claim == claim_id
                for finding in found]
    return grouped.get((None, claim_id), [])


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def ordered(findings: list[Finding]) -> list[Finding]:
    """Failing findings first (errors, then warnings), then the rest; by place within."""
    return sorted(findings, key=lambda f: (not f.fails, _RANK[f.severity], f.path or "",
                                           f.line or 0, f.row or 0, f.column or 0, f.code))


def level(finding: Finding) -> str:
    """"error", "warning" or "note": an acknowledged finding is only a note."""
    return "note" if finding.acknowledged is not None else str(finding.severity)


def totals(report: Report) -> str:
    """One line: how many findings, how many fail, and the coverage when there is one."""
    line = f"{len(report.findings)} findings, {len(report.failures)} failing"
    acknowledged = sum(1 for finding in report.findings if finding.acknowledged is not None)
    if acknowledged:
        line += f", {acknowledged} acknowledged"
    if report.coverage is not None:
        line += f"; {report.coverage}"
    return line


def message_with_status(finding: Finding) -> str:
    """The finding's message, with the field of a table finding and an acknowledgement."""
    message = finding.message
    if finding.field is not None and finding.field not in message:
        message = f"{finding.field}: {message}"
    if finding.acknowledged is not None:
        message += f" (acknowledged: {finding.acknowledged})"
    return message


# Control characters and line breaks: from input, they must not start a line of their own
# in a log (a CI system reads "::error ...::" at a line's start as a command) nor reach a
# terminal (ESC, BEL).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` with every control character and line break written as an escape (``\\n``, ``\\x1b``)."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), _escape(m.group())), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
