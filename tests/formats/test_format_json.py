"""--format json: the stable document, valid against its published schema."""

from __future__ import annotations

import json
from functools import cache

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_samples import checked_fixture, validated_fixture  # noqa: F401 (fixtures)

from sourcecheck.codes import CODES
from sourcecheck.findings import Finding
from sourcecheck.formats import get_formatter
from sourcecheck.formats.json import report_schema
from sourcecheck.report import REPORT_VERSION, Coverage, Report


@cache
def validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(report_schema())
    return jsonschema.Draft202012Validator(report_schema())


@pytest.mark.parametrize("name", ["checked", "validated"])
def test_reports_are_valid_against_the_schema(name, request):
    report = request.getfixturevalue(name)
    document = json.loads(get_formatter("json").format(report))
    validator().validate(document)
    assert document["version"] == REPORT_VERSION == 1
    assert document == report.to_dict()


def test_check_report_carries_claims_and_coverage(checked):
    document = json.loads(get_formatter("json").format(checked))
    assert [claim["id"] for claim in document["claims"]] == ["afkeuring", "stemmers", "poetin", "jaar"]
    assert document["coverage"] == {"linked": 3, "waived": 1, "unlinked": 1, "total": 5}


@pytest.mark.parametrize("break_it", [
    lambda d: d.pop("version"),
    lambda d: d.update(version=2),
    lambda d: d.update(command="lint"),
    lambda d: d["findings"][0].update(severity="fatal"),
    lambda d: d["findings"][0].pop("code"),
    lambda d: d.pop("coverage"),              # a check report must say its coverage
    lambda d: d["claims"][0].pop("verdict"),
    lambda d: d["coverage"].update(linked=-1),
])
def test_the_schema_rejects_broken_documents(checked, break_it):
    document = checked.to_dict()
    break_it(document)
    assert list(validator().iter_errors(document)), "the schema accepted a broken report"


findings = st.builds(
    Finding,
    code=st.sampled_from(sorted(CODES)),
    message=st.text(min_size=1),
    path=st.none() | st.text(min_size=1),
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 10**4),
    row=st.none() | st.integers(1, 10**6),
    field=st.none() | st.text(),
    claim=st.none() | st.text(min_size=1),
    acknowledged=st.none() | st.text(),
)


@settings(deadline=None)
@given(st.lists(findings, max_size=8), st.sampled_from(["check", "validate"]),
       st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_any_report_serialises_to_a_valid_document(found, command, linked, waived, unlinked):
    report = Report(command, findings=found,
                    coverage=Coverage(linked, waived, unlinked) if command == "check" else None)
    document = json.loads(get_formatter("json").format(report))
    validator().validate(document)
    assert document["valid"] == (report.exit_code == 0)


def test_the_schema_is_published_in_docs_as_shipped():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
    assert json.loads(docs.read_text(encoding="utf-8")) == report_schema(), \
        "docs/report.schema.json differs: cp src/sourcecheck/formats/report.schema.json docs/"


def test_a_claims_source_row_is_numbered_as_validate_numbers_rows():
    """``row`` counts data rows from 1; ``line`` is the row as every finding numbers it."""
    from pathlib import Path

    from sourcecheck import check

    report = check(Path(__file__).resolve().parents[2], cache=False)
    document = json.loads(get_formatter("json").format(report))
    sources = [claim["source"] for claim in document["claims"] if claim.get("source")]
    assert len(sources) >= 10
    assert all(source["line"] == source["row"] + 1 for source in sources)
