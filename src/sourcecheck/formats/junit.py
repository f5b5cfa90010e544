"""``--format junit``: JUnit XML, so that CI test tabs list every claim and resource.

    <testsuites name="sourcecheck check" tests=... failures=... skipped=...>
      <testsuite name="sourcecheck">          properties: command, valid, coverage
      <testsuite name="article <slug>">       one testcase per claim; a waived one is
                                              skipped; other findings in the article's
                                              files (unlinked numbers...) one case each
      <testsuite name="data">                 one testcase per resource (and per other
                                              file with findings), failing with them

An acknowledged finding does not fail its testcase; it is written to system-out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

from ..findings import Finding
from ..report import Report
from .base import Formatter
from .common import article_of, claim_article, message_with_status, ordered, totals

WAIVED = "waived"


@dataclass
class _Case:
    classname: str
    name: str
    file: str | None = None
    line: int | None = None
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None

    def element(self) -> ET.Element:
        case = ET.Element("testcase", classname=self.classname, name=self.name)
        if self.file:
            case.set("file", self.file)
        if self.line is not None:
            case.set("line", str(self.line))
        failing = [finding for finding in ordered(self.findings) if finding.fails]
        if failing:
            first = failing[0]
            failure = ET.SubElement(case, "failure", message=f"{first.code} {first.message}",
                                    type=f"{first.code} {first.name}")
            failure.text = "\n".join(_line(finding) for finding in failing)
        elif self.skipped is not None:
            ET.SubElement(case, "skipped", message=self.skipped)
        passing = [finding for finding in ordered(self.findings) if not finding.fails]
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in passing)
        return case


def _line(finding: Finding) -> str:
    return f"{finding.location}: {finding.code} {finding.name}: {message_with_status(finding)}"


# XML 1.0 cannot carry most control characters, not even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _suite(name: str, cases: list[_Case]) -> ET.Element:
    elements = [case.element() for case in cases]
    suite = ET.Element("testsuite", name=name, tests=str(len(elements)),
                       failures=str(sum(e.find("failure") is not None for e in elements)),
                       errors="0",
                       skipped=str(sum(e.find("skipped") is not None for e in elements)))
    suite.extend(elements)
    return suite


def _claim_cases(report: Report) -> tuple[dict[str, list[_Case]], set[int]]:
    """Testcases per article for every claim, and the ids of the findings they took."""
    by_article: dict[str, list[_Case]] = defaultdict(list)
    taken: set[int] = set()
    claim_findings: dict[tuple[str | None, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.claim is not None:
            claim_findings[(article_of(finding.path), finding.claim)].append(finding)
    for claim in report.claims:
        data = claim.to_dict()
        article = claim_article(claim)
        key = (article, claim.id)
        if key not in claim_findings:  # the claim object may not know its article
            key = next((k for k in claim_findings if k[1] == claim.id), key)
            article = article or key[0]
        found = claim_findings.pop(key, [])
        taken.update(id(finding) for finding in found)
        text = data.get("text") or {}
        path = data.get("article") if isinstance(data.get("article"), str) else None
        path = path or (found[0].path if found else None)
        case = _Case(article or "claims", claim.id, path, text.get("line"), found,
                     skipped=f"waived: {_waiver_reason(data)}" if claim.verdict == WAIVED else None)
        by_article[article or "claims"].append(case)
    # findings about claims the report does not list (a hand-built report, say)
    for (article, claim_id), found in claim_findings.items():
        taken.update(id(finding) for finding in found)
        by_article[article or "claims"].append(
            _Case(article or "claims", claim_id, found[0].path, found[0].line, found))
    return by_article, taken


def _waiver_reason(data: dict[str, object]) -> str:
    reason = data.get("reason") or data.get("waived")
    return str(reason) if reason else "no claim needed"


def _resource_cases(report: Report, findings: list[Finding]) -> list[_Case]:
    """One testcase per resource of every source, plus one per other file with findings."""
    cases: dict[str, _Case] = {}
    schema_of: dict[str, str] = {}  # "package.resource" -> the resource's path
    for source in report.sources:
        for resource, path in source.resources.items():
            cases[path] = _Case(source.package, resource, path)
            schema_of[f"{source.package}.{resource}"] = path
    for finding in findings:
        path = finding.path or ""
        stem = PurePosixPath(path.replace("\\", "/")).name.rsplit(".", 1)[0]
        target = schema_of.get(stem, path)  # schemas/<package>.<resource>.yaml -> resource
        if target not in cases:
            folder = PurePosixPath(target.replace("\\", "/"))
            cases[target] = _Case(folder.parent.name or "project", folder.name or "(no file)",
                                  target or None)
        cases[target].findings.append(finding)
    return sorted(cases.values(), key=lambda case: (case.classname, case.name))


class JUnitFormatter(Formatter):
    name = "junit"
    needs_context = True  # to list the resources that pass, too

    def format(self, report: Report) -> str:
        by_article, taken = _claim_cases(report)
        article_files = {article.path for article in report.articles}
        loose: dict[str, list[_Case]] = defaultdict(list)
        data_findings: list[Finding] = []
        for finding in report.findings:
            if id(finding) in taken:
                continue
            if finding.code[2] in "345" or finding.path in article_files:
                # about an article's text or ledger, but no claim: unlinked numbers and such
                article = article_of(finding.path) or "claims"
                loose[article].append(_Case(article, f"{finding.code} {finding.location}",
                                            finding.path, finding.line or finding.row, [finding]))
            else:
                data_findings.append(finding)

        root = ET.Element("testsuites", name=f"sourcecheck {report.command}")
        summary = ET.SubElement(root, "testsuite", name="sourcecheck", tests="0", failures="0",
                                errors="0", skipped="0")
        properties = ET.SubElement(summary, "properties")
        facts = {"command": report.command, "valid": str(report.valid).lower()}
        if report.coverage is not None:
            facts.update({f"coverage.{key}": str(value)
                          for key, value in report.coverage.to_dict().items()})
        for key, value in facts.items():
            ET.SubElement(properties, "property", name=key, value=value)
        ET.SubElement(summary, "system-out").text = totals(report)

        for article in sorted(set(by_article) | set(loose)):
            root.append(_suite(f"article {article}", by_article[article] + loose[article]))
        if report.command == "validate" or report.sources or data_findings:
            root.append(_suite("data", _resource_cases(report, data_findings)))

        suites = root.findall("testsuite")
        for attribute in ("tests", "failures", "errors", "skipped"):
            root.set(attribute, str(sum(int(suite.get(attribute, "0")) for suite in suites)))
        for element in root.iter():  # names and ids come from user files, too
            element.attrib = {key: _xml_safe(value) for key, value in element.attrib.items()}
            if element.text:
                element.text = _xml_safe(element.text)
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
