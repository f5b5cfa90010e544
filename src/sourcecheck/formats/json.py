"""``--format json``: the report as one stable JSON document."""

from __future__ import annotations

import json

from ..report import Report
from .base import Formatter


class JSONFormatter(Formatter):
    name = "json"

    def format(self, report: Report) -> str:
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
