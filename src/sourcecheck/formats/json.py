"""``--format json``: the report as one stable JSON document.

Its shape is published as a JSON Schema, ``report.schema.json`` beside this module
(:func:`report_schema`); the ``version`` key changes only when a key is removed or
changes meaning.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..report import Report
from .base import Formatter


@cache
def report_schema() -> dict[str, Any]:
    """The published JSON Schema of the JSON report."""
    text = resources.files(__package__).joinpath("report.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class JSONFormatter(Formatter):
    name = "json"

    def format(self, report: Report) -> str:
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
