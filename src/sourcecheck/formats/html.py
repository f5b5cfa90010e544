"""``--format html``: the article with every number marked by verdict, in one file.

Each number of the text is a link coloured by its verdict (holds, fails,
acknowledged, waived, unlinked).  A click, a tap or a hover shows its card in a
panel: the claim, the source record and value, the two intervals compared, the
source's provenance and the findings.  The same cards are listed under the
article, so the page also reads without its script and prints whole.  A table of
sources and one of the remaining findings follow.

The page is self-contained: its CSS and script are inlined (``html.css`` and
``html.js`` beside this module), it loads no font, image or script from anywhere,
and every piece of text from the project is escaped.  The article text and the
sources come from ``Report.articles`` and ``Report.sources`` (``check(texts=True)``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from .. import __version__
from ..findings import Finding
from ..interval import Interval
from ..report import ArticleText, Report, SourceInfo
from .base import Formatter
from .common import article_of, ordered, totals
from .marks import VERDICTS, Claimed, Mark, marks

_EXPLAIN = {
    "holds": "the text agrees with its source",
    "fails": "the text and its source disagree, or the claim cannot be checked",
    "acknowledged": "a known discrepancy, acknowledged in the ledger",
    "waived": "needs no source (not a statistic)",
    "unlinked": "a statistic without a claim",
}


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


class HTMLFormatter(Formatter):
    name = "html"
    needs_context = True

    def format(self, report: Report) -> str:
        sources = {source.package: source for source in report.sources}
        lang = report.articles[0].lang if report.articles and report.articles[0].lang else "en"
        parts = [f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
                 '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                 f"<title>sourcecheck {escape(report.command)} report</title>\n"
                 f"<style>\n{_asset('html.css')}</style>\n</head>\n<body>\n"]
        parts.append(self._header(report))
        parts.append("<main>\n")
        shown_findings: set[int] = set()
        if report.command == "check" and not report.articles:
            parts.append('<p class="meta">This report carries no article text; '
                         "sourcecheck.check(path, texts=True) adds it.</p>\n")
        for article in report.articles:
            numbers, lost = marks(report, article)
            shown_findings.update(id(f) for mark in numbers + lost for f in mark.all_findings)
            parts.append(self._article(article, numbers, lost, sources))
        parts.append(self._sources(report.sources))
        rest = [finding for finding in ordered(report.findings) if id(finding) not in shown_findings]
        parts.append(self._findings(rest))
        parts.append("</main>\n")
        parts.append('<aside id="panel" class="panel" role="dialog" aria-live="polite" hidden>'
                     '<button type="button" class="close" aria-label="Close">&times;</button>'
                     '<div class="panel-body"></div></aside>\n')
        parts.append(f"<footer>Made by sourcecheck {escape(__version__)}. "
                     "Click, tap or point at a number to see where it comes from.</footer>\n")
        parts.append(f"<script>\n{_asset('html.js')}</script>\n</body>\n</html>\n")
        return "".join(parts)

    def _header(self, report: Report) -> str:
        status = ('<span class="status-ok">all clear</span>' if report.valid
                  else '<span class="status-failing">failing</span>')
        html = [f"<header>\n<h1>sourcecheck {escape(report.command)}</h1>\n"
                f'<p class="meta">{status}: {escape(totals(report))}</p>\n']
        if report.coverage is not None:
            cov = report.coverage
            html.append(f'<dl class="coverage" data-linked="{cov.linked}" data-waived="{cov.waived}" '
                        f'data-unlinked="{cov.unlinked}" data-total="{cov.total}">'
                        f"<div><dt>numbers</dt><dd>{cov.total}</dd></div>"
                        f"<div><dt>linked</dt><dd>{cov.linked}</dd></div>"
                        f"<div><dt>waived</dt><dd>{cov.waived}</dd></div>"
                        f"<div><dt>unlinked</dt><dd>{cov.unlinked}</dd></div></dl>\n")
        if report.articles:
            html.append('<ul class="legend">' + "".join(
                f'<li><span class="num v-{verdict}" title="{escape(_EXPLAIN[verdict])}">{verdict}</span></li>'
                for verdict in VERDICTS) + "</ul>\n")
        html.append("</header>\n")
        return "".join(html)

    def _article(self, article: ArticleText, numbers: list[Mark], lost: list[Mark],
                 sources: dict[str, SourceInfo]) -> str:
        counts = {verdict: sum(mark.verdict == verdict for mark in numbers) for verdict in VERDICTS}
        summary = ", ".join(f"{count} {verdict}" for verdict, count in counts.items() if count)
        html = [f'<section class="article" id="{escape(_slug(article))}">\n'
                f"<h2>{escape(article.path)}</h2>\n"
                f'<p class="meta">{len(numbers)} numbers: {escape(summary or "none")}</p>\n'
                f'<div class="text">\n{_text(article.text, numbers)}</div>\n'
                "<h2>Numbers and their sources</h2>\n<div class=\"cards\">\n"]
        html += [_card(mark, sources) for mark in numbers]
        html.append("</div>\n")
        if lost:
            html.append("<h2>Claims not found in the text</h2>\n<div class=\"cards\">\n")
            html += [_card(mark, sources) for mark in lost]
            html.append("</div>\n")
        html.append("</section>\n")
        return "".join(html)

    def _sources(self, sources: list[SourceInfo]) -> str:
        if not sources:
            return ""
        rows = []
        for source in sources:
            p = source.provenance
            cells = [("publisher", escape(str(p.get("publisher") or "—"))), ("address", _address(p)),
                     ("published", escape(str(p.get("published") or "—"))),
                     ("fieldwork", escape(_fieldwork(p))), ("sample size", escape(_sample(p))),
                     ("retrieved", escape(str(p.get("retrieved") or "—"))),
                     ("resources", escape(", ".join(sorted(source.resources))))]
            rows.append(f"<tr><td><strong>{escape(source.package)}</strong><br>"
                        f"{escape(str(p.get('title') or ''))}</td>"
                        + "".join(f'<td data-label="{label}">{value}</td>' for label, value in cells)
                        + "</tr>\n")
        return ('<section class="sources"><h2>Sources</h2>\n<div class="table-wrap"><table>\n'
                "<thead><tr><th>package</th><th>publisher</th><th>address</th><th>published</th>"
                "<th>fieldwork</th><th>sample size</th><th>retrieved</th><th>resources</th></tr></thead>\n"
                f"<tbody>\n{''.join(rows)}</tbody></table></div></section>\n")

    def _findings(self, findings: list[Finding]) -> str:
        if not findings:
            return ""
        rows = "".join(
            f'<tr class="v-{"fails" if f.fails else "acknowledged" if f.acknowledged else "waived"}">'
            f'<td data-label="where">{escape(f.location)}</td>'
            f'<td data-label="code">{escape(f.code)} {escape(f.name)}</td>'
            f'<td data-label="message">{escape(f.message)}{_ack(f)}</td></tr>\n' for f in findings)
        return ('<section class="findings"><h2>Other findings</h2>\n<div class="table-wrap"><table>\n'
                "<thead><tr><th>where</th><th>code</th><th>message</th></tr></thead>\n"
                f"<tbody>\n{rows}</tbody></table></div></section>\n")


def _slug(article: ArticleText) -> str:
    return f"article-{article_of(article.path) or 'text'}"


def _text(text: str, numbers: list[Mark]) -> str:
    """The article as paragraphs, each number a link to its card."""
    pieces: list[str] = []
    position = 0
    for mark in numbers:
        assert mark.start is not None and mark.end is not None
        if mark.start < position:  # overlapping spans: keep the first
            continue
        pieces.append(escape(text[position:mark.start]))
        title = f"{mark.verdict}: {_EXPLAIN[mark.verdict]}"
        ids = " ".join(c.data["id"] for c in mark.claims if c.verdict != "waived")
        claim = f' data-claim="{escape(ids)}"' if ids else ""
        pieces.append(f'<a class="num v-{mark.verdict}" href="#{escape(mark.anchor)}" '
                      f'data-verdict="{mark.verdict}" data-start="{mark.start}" data-end="{mark.end}"'
                      f'{claim} title="{escape(title)}">{escape(text[mark.start:mark.end])}</a>')
        position = mark.end
    pieces.append(escape(text[position:]))
    paragraphs = [line for line in "".join(pieces).split("\n") if line.strip()]
    return "".join(f"<p>{line}</p>\n" for line in paragraphs)


def _card(mark: Mark, sources: dict[str, SourceInfo]) -> str:
    rows: list[tuple[str, str]] = []
    if mark.line is not None:
        rows.append(("where", f"line {mark.line}, column {mark.column}"))
    if mark.note:
        rows.append(("waived" if mark.verdict == "waived" else "note", escape(mark.note)))
    if mark.findings:
        rows.append(("findings", _finding_list(mark.findings)))
    body = [f"<dl>{_rows(rows)}</dl>"] if rows else []
    for claimed in mark.claims:
        if claimed.verdict == "waived" and not claimed.findings:
            continue  # its reason is the note above
        body.append(_claim_block(claimed, sources, several=len(mark.claims) > 1))
    title = mark.text or (mark.claims[0].data.get("id", "") if mark.claims else "")
    return (f'<article class="card v-{mark.verdict}" id="{escape(mark.anchor)}" '
            f'data-verdict="{mark.verdict}">'
            f'<h3><span class="quote">“{escape(title)}”</span> '
            f'<span class="badge num v-{mark.verdict}">{mark.verdict}</span></h3>'
            f"{''.join(body)}</article>\n")


def _claim_block(claimed: Claimed, sources: dict[str, SourceInfo], several: bool) -> str:
    claim = claimed.data
    rows: list[tuple[str, str]] = [("claim", f"<code>{escape(str(claim['id']))}</code>"
                                    + (f' <span class="badge num v-{claimed.verdict}">'
                                       f"{claimed.verdict}</span>" if several else ""))]
    text = claim.get("text") or {}
    source = claim.get("source") or {}
    derived = claim.get("derived") or {}
    text_interval = text.get("interval") or _pair(text.get("low"), text.get("high"))
    source_interval = derived.get("interval") or source.get("interval")
    if source:
        record = f"{source.get('package')}/{source.get('resource')}"
        if source.get("line") is not None:  # numbered as validate's findings are (header = 1)
            record += f", row {source['line']}"
        if source.get("field"):
            record += f", field {source['field']}"
        rows.append(("record", escape(record) + (f"<br><small>{escape(str(source['path']))}</small>"
                                                 if source.get("path") else "")))
        if source.get("locator"):
            rows.append(("in the source", escape(str(source["locator"]))))
        rows.append(("source value", f"<strong>{escape(str(source.get('value', '')))}</strong>"))
    if derived:
        operands = ", ".join(f"{o.get('resource')} row {o.get('row')} {o.get('field')} = {o.get('value')}"
                             for o in derived.get("operands", []))
        rows.append(("derived", escape(f"{derived.get('op')} of {operands} = {derived.get('value')}")))
    if text_interval and (source_interval or source):
        rows.append(("comparison", _comparison(str(text_interval), source_interval)))
    package = sources.get(str(source.get("package"))) if source else None
    if package is not None:
        rows.append(("provenance", _provenance(package)))
    if claimed.findings:
        rows.append(("findings", _finding_list(claimed.findings)))
    return f'<dl class="claim">{_rows(rows)}</dl>'


def _rows(rows: list[tuple[str, str]]) -> str:
    return "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)


def _finding_list(findings: list[Finding]) -> str:
    items = "".join(f"<li><strong>{escape(f.code)} {escape(f.name)}</strong>: "
                    f"{escape(f.message)}{_ack(f)}</li>" for f in ordered(findings))
    return f"<ul>{items}</ul>"


def _comparison(text_interval: str, source_interval: str | None) -> str:
    said = f"text {escape(text_interval)}"
    if source_interval is None:
        return f'<span class="compare">{said}</span>'
    left, right = _parse_interval(text_interval), _parse_interval(source_interval)
    outcome = ""
    if left is not None and right is not None:
        outcome = " — they overlap" if left.overlaps(right) else " — they do not overlap"
    return f'<span class="compare">{said} against source {escape(source_interval)}{outcome}</span>'


_INTERVAL = re.compile(r"^([\[(])\s*(-inf|[-+0-9.Ee]+)\s*,\s*(\+inf|[-+0-9.Ee]+)\s*([\])])$")


def _parse_interval(text: str) -> Interval | None:
    """An interval as ``str(Interval)`` writes it, or None."""
    match = _INTERVAL.match(text.strip())
    if not match:
        return None
    try:
        low = None if match.group(2) == "-inf" else Decimal(match.group(2))
        high = None if match.group(3) == "+inf" else Decimal(match.group(3))
        return Interval(low, high, match.group(1) == "[", match.group(4) == "]")
    except (InvalidOperation, ValueError):
        return None


def _pair(low: Any, high: Any) -> str | None:
    if low is None and high is None:
        return None
    return f"[{'-inf' if low is None else low}, {'+inf' if high is None else high}]"


def _provenance(source: SourceInfo) -> str:
    p = source.provenance
    facts = [("title", escape(str(p.get("title") or ""))),
             ("publisher", escape(str(p.get("publisher") or "—"))),
             ("address", _address(p)),
             ("published", escape(str(p.get("published") or "—"))),
             ("fieldwork", escape(_fieldwork(p))),
             ("sample size", escape(_sample(p)))]
    if p.get("method"):
        facts.append(("method", escape(str(p["method"]))))
    if p.get("retrieved"):
        facts.append(("retrieved", escape(str(p["retrieved"]))))
    items = "".join(f"<li><span class=\"label\">{label}:</span> {value}</li>" for label, value in facts)
    return f'<ul class="provenance">{items}</ul>'


def _address(provenance: dict[str, Any]) -> str:
    links = []
    url = provenance.get("url")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        links.append(f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>')
    doi = provenance.get("doi")
    if isinstance(doi, str) and doi:
        links.append(f"doi:{escape(doi)}")
    return "<br>".join(links) or "—"


def _fieldwork(provenance: dict[str, Any]) -> str:
    fieldwork = provenance.get("fieldwork")
    if isinstance(fieldwork, dict):
        start, end = fieldwork.get("start"), fieldwork.get("end")
        return str(start) if start == end else f"{start or '?'} to {end or '?'}"
    return str(fieldwork) if fieldwork else "not recorded"


def _sample(provenance: dict[str, Any]) -> str:
    size = provenance.get("sampleSize")
    return f"{size:,}" if isinstance(size, int) else (str(size) if size else "not recorded")


def _ack(finding: Finding) -> str:
    if finding.acknowledged is None:
        return ""
    return f' <em>(acknowledged: {escape(finding.acknowledged)})</em>'
