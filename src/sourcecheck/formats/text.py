"""``--format text``: one line per finding, grouped by file, for people and grep."""

from __future__ import annotations

from itertools import groupby

from ..report import Report
from .base import Formatter


class TextFormatter(Formatter):
    name = "text"

    def format(self, report: Report) -> str:
        lines: list[str] = []
        ordered = sorted(report.findings, key=lambda f: (f.path or "", f.line or 0, f.row or 0))
        for path, group in groupby(ordered, key=lambda f: f.path):
            if report.command == "check" and path:
                lines.append(f"{path}")
            for finding in group:
                status = f" (acknowledged: {finding.acknowledged})" if finding.acknowledged else ""
                prefix = "  " if report.command == "check" and path else ""
                lines.append(f"{prefix}{finding.location}: {finding.code} {finding.message}{status}")
        failing = len(report.failures)
        summary = f"{len(report.findings)} findings, {failing} failing"
        if report.coverage is not None:
            summary += f"; {report.coverage}"
        lines.append(summary)
        return "\n".join(lines) + "\n"
