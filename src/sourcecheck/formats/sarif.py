"""``--format sarif``: SARIF 2.1.0 for code scanning.

One run; the rules are every code of the registry (so a result's ``ruleIndex``
is stable); each finding is a result with a relative file location.  Code scanning
tracks an alert across runs by ``partialFingerprints``: a claim's finding is keyed
on its article and claim id, which survive edits around it, and any other finding
on a hash of its code and place (path, field, row; the line and column for text
files, where nothing steadier is known).  An acknowledged finding is a result with
a suppression that carries the ledger's reason.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..codes import CODES, Code
from ..findings import Finding
from ..report import Report
from .base import Formatter
from .codelist import block_of
from .codelist import ordered as ordered_codes
from .common import article_of, message_with_status

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
CLAIM_FINGERPRINT = "sourcecheckClaim/v1"
FINDING_FINGERPRINT = "sourcecheckFinding/v1"


def rule(code: Code) -> dict[str, Any]:
    """The SARIF reportingDescriptor of one registered code."""
    return {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": code.summary},
        "defaultConfiguration": {"level": str(code.severity)},
        "properties": {"tags": ["sourcecheck", block_of(code).lower()]},
    }


def fingerprints(finding: Finding) -> dict[str, str]:
    """Stable identity of a finding across runs (see the module docstring)."""
    if finding.claim is not None:
        article = article_of(finding.path) or ""
        return {CLAIM_FINGERPRINT: f"{article}/{finding.claim}"}
    place: list[object] = [finding.code, finding.path, finding.field, finding.row]
    if finding.row is None and finding.field is None:
        place += [finding.line, finding.column]
    key = "\x1f".join("" if part is None else str(part) for part in place)
    return {FINDING_FINGERPRINT: hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]}


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference; an absolute one as a file: URI."""
    if PureWindowsPath(path).is_absolute() and not path.startswith("/"):
        return PureWindowsPath(path).as_uri()
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return posix.as_uri()
    return quote(posix.as_posix(), safe="/")


def result(finding: Finding, rule_index: int) -> dict[str, Any]:
    """The SARIF result of one finding."""
    data: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": str(finding.severity),  # an acknowledged one is suppressed, not downgraded
        "message": {"text": message_with_status(finding)},
        "partialFingerprints": fingerprints(finding),
    }
    if finding.path:
        location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.path)}}
        line = finding.line if finding.line is not None else finding.row
        if line is not None:
            region: dict[str, Any] = {"startLine": line}
            if finding.column is not None:
                region["startColumn"] = finding.column
            location["region"] = region
        data["locations"] = [{"physicalLocation": location}]
    if finding.acknowledged is not None:
        data["suppressions"] = [{"kind": "external", "status": "accepted",
                                 "justification": finding.acknowledged}]
    properties = {key: value for key, value in (("claim", finding.claim), ("row", finding.row),
                                                ("field", finding.field)) if value is not None}
    if properties:
        data["properties"] = properties
    return data


def sarif_log(report: Report) -> dict[str, Any]:
    """The whole SARIF log of a report, as a plain dict."""
    codes = ordered_codes(CODES.values())
    index = {code.code: position for position, code in enumerate(codes)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "sourcecheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [rule(code) for code in codes],
        }},
        "automationDetails": {"id": f"sourcecheck/{report.command}/"},
        "columnKind": "unicodeCodePoints",
        "results": [result(finding, index[finding.code]) for finding in report.findings],
        "invocations": [{"executionSuccessful": True,
                         "exitCode": report.exit_code}],
        "properties": {"command": report.command, "valid": report.valid},
    }
    if report.coverage is not None:
        run["properties"]["coverage"] = report.coverage.to_dict()
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class SARIFFormatter(Formatter):
    name = "sarif"

    def format(self, report: Report) -> str:
        return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"
