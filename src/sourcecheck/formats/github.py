"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=articles/x/article.nl.txt,line=3,col=12,title=SC301 value-drift::44% ...

Errors and warnings keep their severity; notes and acknowledged findings are notices.
GitHub shows only the first few annotations of each type per step, so when there
are more, a notice that says so comes first (it is the one annotation sure to be shown),
and the last line is a plain summary for the log.
"""

from __future__ import annotations

from collections import Counter

from ..findings import Finding
from ..report import Report
from .base import Formatter
from .common import level, message_with_status, ordered, totals, visible

# GitHub displays at most this many annotations of each type (error, warning, notice) per step.
SHOWN_PER_TYPE = 10

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's escapeData)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (GitHub's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties: list[tuple[str, object]] = []
    if finding.path:
        properties.append(("file", finding.path))
        # a CSV row is counted like a line (header = 1), so it points at the right line
        line = finding.line if finding.line is not None else finding.row
        if line is not None:
            properties.append(("line", line))
            if finding.column is not None:
                properties.append(("col", finding.column))
    properties.append(("title", f"{finding.code} {finding.name}"))
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{_COMMAND[level(finding)]} {rendered}::{escape_data(message_with_status(finding))}"


class GitHubFormatter(Formatter):
    name = "github"

    def format(self, report: Report) -> str:
        findings = ordered(report.findings)
        lines = [annotation(finding) for finding in findings]
        per_type = Counter(_COMMAND[level(finding)] for finding in findings)
        if any(count > SHOWN_PER_TYPE for count in per_type.values()):
            # the summary is a notice itself, so it takes one of the notices' places
            room = {kind: SHOWN_PER_TYPE - (kind == "notice") for kind in per_type}
            unseen = ", ".join(f"{count - room[kind]} {kind}s"
                               for kind, count in sorted(per_type.items()) if count > room[kind])
            detail = ", ".join(f"{count} {kind}s" for kind, count in sorted(per_type.items()))
            text = (f"{len(findings)} findings ({detail}); GitHub shows {SHOWN_PER_TYPE} "
                    f"annotations of each type, so {unseen} are not annotated: see the job log.")
            lines.insert(0, f"::notice title={escape_property('sourcecheck summary')}::"
                            f"{escape_data(text)}")
        lines.append(f"sourcecheck {report.command}: {totals(report)}")
        return "\n".join(lines) + "\n"
