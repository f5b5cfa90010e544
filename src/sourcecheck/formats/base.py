"""The base every formatter derives from: a report in, a string out."""

from __future__ import annotations

from ..report import Report


class Formatter:
    name = "base"

    def format(self, report: Report) -> str:
        raise NotImplementedError
