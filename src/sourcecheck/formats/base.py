"""The base every formatter derives from: a report in, a string out."""

from __future__ import annotations

from ..report import Report


class Formatter:
    name = "base"
    # Whether the formatter shows the articles and sources (Report.articles, Report.sources),
    # which the runner then adds (check(texts=True), validate(texts=True)).
    needs_context = False

    def format(self, report: Report) -> str:
        raise NotImplementedError
