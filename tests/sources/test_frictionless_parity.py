"""Parity with frictionless: on the same broken file and the same Table Schema,
sourcecheck finds every error frictionless finds, at the same file, row and field.

The files are frictionless-py's own test data (``shared/peer-specs/frictionless/
data``: every CSV, every CSV with a Table Schema beside it, and every local CSV
resource of its resource and package descriptors) plus the broken files in
``fixtures/parity``.  For a bare CSV the schema, dialect and encoding are the ones
``frictionless.describe`` infers, given to both validators.

A frictionless error counts as matched when sourcecheck reports, for the same
file, a finding of the corresponding code at the same row and field.  Header
errors have no rowNumber in frictionless; sourcecheck puts them on the header row.
frictionless reports one ``extra-cell`` per surplus cell, sourcecheck one per row
(with the cells in the message); both carry no field name.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frictionless
import pytest

from sourcecheck.sources.table import validate_table

ROOT = Path(__file__).resolve().parents[2]
# resolved: frictionless refuses a basepath with ".." in it as unsafe
DATA = (ROOT.parent / "shared" / "peer-specs" / "frictionless" / "data").resolve()
FIXTURES = Path(__file__).parent / "fixtures" / "parity"

# frictionless error type -> the sourcecheck code that reports it
CODES = {
    "incorrect-label": "SC110", "missing-label": "SC110", "extra-label": "SC110",
    "blank-label": "SC111", "duplicate-label": "SC112",
    "extra-cell": "SC113", "missing-cell": "SC114", "blank-row": "SC115",
    "type-error": "SC120", "constraint-error": "SC121", "unique-error": "SC122",
    "primary-key": "SC123", "foreign-key": "SC124",
    "source-error": "SC103", "encoding-error": "SC103", "scheme-error": "SC102",
}

# Errors frictionless reports that sourcecheck deliberately does not, keyed by
# (file name, frictionless error type, row, field), each with its reason.  An entry
# excuses only an error sourcecheck really misses.
DELIBERATE_MISSES: dict[tuple[str, str, int | None, str | None], str] = {
    ("capital-invalid.csv", "missing-cell", 10, "name2"): (
        "package-1067.json gives this 3-column CSV a 2-field schema; frictionless invents "
        "a field 'name2' for the third column and checks its cells.  sourcecheck reports "
        "the column once (SC110, not a field of the Table Schema) and checks only the "
        "cells of fields the schema declares"),
    **{("whole-numbers.csv", "type-error", row, "count"): (
        "an integer written '1.0' or '1e3': pandas's C parser reads integer columns (that "
        "is what makes validation vectorised and fast) and accepts a whole number written "
        "with a decimal point or an exponent; frictionless calls int(), which does not. "
        "'1.5' is still a type error for both")
       for row in (3, 4)},
}

# Error types that are not about the table against its Table Schema.
OTHER_ERROR_TYPES = {
    "hash-count": "the file's hash against the descriptor's stats: integrity, not Table Schema",
    "byte-count": "the file's size against the descriptor's stats: integrity, not Table Schema",
}

# Findings sourcecheck reports where frictionless is silent, by (file name, code):
# places where sourcecheck is deliberately stricter.  The test checks that these
# are the only extra findings, so a new difference cannot slip in unnoticed.
DELIBERATE_EXTRAS: dict[tuple[str, str], str] = {
    ("issue-493.csv", "SC120"): (
        "'2020_10' in an integer column: frictionless calls Python's int(), which "
        "accepts digit-group underscores; Table Schema integers are digits only"),
}

# Files frictionless itself cannot open as a table, so there is nothing to compare.
NOT_COMPARABLE = {
    "[table].csv": "frictionless reads the brackets in the name as a package pattern",
}


@dataclass
class Case:
    name: str            # how the case is shown: the CSV's file name (and descriptor)
    csv: Path
    schema: dict[str, Any]
    dialect: dict[str, Any] | None
    encoding: str | None
    errors: list[tuple[str, int | None, str | None]]  # frictionless: type, row, field


def _errors(report: frictionless.Report) -> list[tuple[str, int | None, str | None]]:
    errors = [error for task in report.tasks for error in task.errors] + list(report.errors)
    return [(error.type, getattr(error, "row_number", None), getattr(error, "field_name", None))
            for error in errors]


def _csv_cases() -> list[Case]:
    cases = []
    for csv in sorted([*DATA.glob("*.csv"), *DATA.glob("*.tsv")]):
        if csv.name in NOT_COMPARABLE:
            continue
        described = frictionless.describe(str(csv.name), basepath=str(DATA))
        resource = frictionless.Resource(described.to_descriptor(), basepath=str(DATA))
        cases.append(Case(csv.name, csv, described.schema.to_descriptor(),
                          described.dialect.to_descriptor(), described.encoding,
                          _errors(resource.validate())))
    return cases


def _paired_schema_cases(folder: Path) -> list[Case]:
    """X.csv validated against X.json / X.schema.json when that is a Table Schema."""
    cases = []
    for csv in sorted(folder.glob("*.csv")):
        for candidate in (csv.with_suffix(".json"), csv.with_suffix(".schema.json")):
            if not candidate.is_file():
                continue
            try:
                schema = json.loads(candidate.read_text(encoding="utf-8"))
            except ValueError:
                continue  # e.g. frictionless's invalid.json: not a schema at all
            if not isinstance(schema, dict) or "fields" not in schema:
                continue
            resource = frictionless.Resource(path=csv.name, basepath=str(folder),
                                             schema=frictionless.Schema.from_descriptor(schema))
            cases.append(Case(f"{csv.name} + {candidate.name}", csv, schema, None, None,
                              _errors(resource.validate())))
    return cases


def _descriptor_cases() -> list[Case]:
    """Every local CSV resource with a Table Schema in frictionless's descriptors."""
    cases, seen = [], set()
    for descriptor in sorted([*DATA.glob("*.json"), *DATA.glob("*.yaml")]):
        text = descriptor.read_text(encoding="utf-8", errors="replace")
        if "://" in text or ".csv" not in text:
            continue  # nothing remote is ever opened, and only CSV resources compare
        resources = []
        for kind in (frictionless.Package, frictionless.Resource):
            try:
                loaded = kind(descriptor.name, basepath=str(DATA))
                resources = loaded.resources if kind is frictionless.Package else [loaded]
                break
            except Exception:  # noqa: BLE001 - not this kind of descriptor
                continue
        for resource in resources:
            path = resource.path if isinstance(resource.path, str) else None
            if not path or not path.endswith(".csv") or not (DATA / path).is_file():
                continue
            try:
                schema = resource.schema.to_descriptor()
            except Exception:  # noqa: BLE001 - a schema frictionless cannot express
                continue
            if not schema.get("fields"):
                continue
            key = (path, json.dumps(schema, sort_keys=True))
            if key in seen:
                continue
            seen.add(key)
            errors = _errors(resource.validate())
            with resource:  # the dialect frictionless settled on (it detects header rows)
                dialect = resource.dialect.to_descriptor()
            cases.append(Case(f"{path} ({descriptor.name})", DATA / path, schema, dialect,
                              resource.encoding, errors))
    return cases


@pytest.fixture(scope="module")
def cases(shared) -> list[Case]:
    assert DATA.is_dir(), f"frictionless's test data is missing: {DATA}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = (_csv_cases() + _paired_schema_cases(DATA) + _descriptor_cases()
                 + _paired_schema_cases(FIXTURES))
    return found


def _sourcecheck(case: Case) -> set[tuple[str, int | None, str | None]]:
    findings = validate_table(case.csv, case.schema, encoding=case.encoding,
                              dialect=case.dialect)
    return {(finding.code, finding.row, finding.field) for finding in findings}


def _header_row(case: Case) -> int:
    rows = (case.dialect or {}).get("headerRows") or [1]
    return int(rows[0])


def test_sourcecheck_finds_every_frictionless_error(cases):
    total, matched, excused, other = 0, 0, 0, 0
    misses = []
    for case in cases:
        ours = _sourcecheck(case)
        for kind, row, field in case.errors:
            total += 1
            if kind in OTHER_ERROR_TYPES:
                other += 1
                continue
            listed = (case.csv.name, kind, row, field) in DELIBERATE_MISSES
            if kind.endswith("-label"):
                row = _header_row(case)
            wanted = (CODES.get(kind, "?"), row, field or None)
            if kind in ("source-error", "encoding-error", "scheme-error"):
                found = any(code == wanted[0] for code, _, _ in ours)
            elif not field:  # a row error: sourcecheck may name the key field as well
                found = any((code, at) == wanted[:2] for code, at, _ in ours)
            else:
                found = wanted in ours
            if found:
                matched += 1
            elif listed:  # a deliberate difference only excuses what is really missed
                excused += 1
            else:
                misses.append(f"{case.name}: {kind} row {row} field {field!r}")
    summary = (f"sourcecheck matched {matched} of {total} frictionless errors in "
               f"{len(cases)} files ({excused} deliberately different, {other} about file "
               "integrity rather than the Table Schema)")
    print(summary)
    assert total > 150, summary  # the corpus is really there and really broken
    assert matched + excused + other == total, summary
    assert not misses, summary + "; missed:\n" + "\n".join(misses)


def test_the_only_extra_findings_are_the_listed_ones(cases):
    extras = {}
    for case in cases:
        theirs = {CODES.get(kind) for kind, _, _ in case.errors}
        for code, row, field in _sourcecheck(case):
            if code not in theirs:
                extras.setdefault((case.csv.name, code), []).append((row, field))
    unexplained = {key: rows for key, rows in extras.items() if key not in DELIBERATE_EXTRAS}
    print(f"sourcecheck's extra findings: {sorted(extras)}")
    assert not unexplained
    assert set(extras) == set(DELIBERATE_EXTRAS)  # and every listed difference still exists


def test_the_corpus_covers_every_kind_of_table_error(cases):
    kinds = {kind for case in cases for kind, _, _ in case.errors}
    assert {"blank-label", "duplicate-label", "incorrect-label", "missing-label", "extra-cell",
            "missing-cell", "blank-row", "type-error", "constraint-error", "unique-error",
            "primary-key", "foreign-key", "source-error"} <= kinds


def test_the_frictionless_command_agrees_with_its_python_api(shared):
    """The parity test calls frictionless.validate; the CLI reports the same errors."""
    command = Path(sys.executable).parent / "frictionless"
    assert command.exists(), command
    result = subprocess.run([str(command), "validate", "--json", "capital-invalid.csv"],
                            cwd=DATA, capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    from_cli = [(error["type"], error.get("rowNumber"), error.get("fieldName"))
                for task in report["tasks"] for error in task["errors"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resource = frictionless.Resource("capital-invalid.csv", basepath=str(DATA))
        from_api = _errors(frictionless.validate(resource))
    assert from_cli == from_api
    assert len(from_cli) == 5
    schema = frictionless.describe("capital-invalid.csv", basepath=str(DATA)).schema
    ours = validate_table(DATA / "capital-invalid.csv", schema.to_descriptor())
    assert [(f.code, f.row, f.field) for f in ours] == [
        ("SC112", 1, "name2"), ("SC114", 10, "name2"), ("SC115", 11, None),
        ("SC120", 12, "id"), ("SC113", 12, None)]


def _schema_files() -> list[Path]:
    return sorted([*DATA.glob("schema*.json"), *DATA.glob("*schema.json"),
                   *DATA.glob("*.schema.yaml")])


def test_a_schema_frictionless_rejects_is_a_descriptor_finding(shared, tmp_path):
    """frictionless's broken Table Schemas, put inline in a package: sourcecheck reports
    SC101 on the descriptor exactly when frictionless finds the schema invalid."""
    import yaml

    from sourcecheck.run.validate import validate

    compared = 0
    for number, path in enumerate(_schema_files()):
        text = path.read_text(encoding="utf-8")
        try:
            schema = yaml.safe_load(text) if path.suffix == ".yaml" else json.loads(text)
        except ValueError:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            invalid = not frictionless.Schema.validate_descriptor(schema).valid
        fields = schema.get("fields") if isinstance(schema, dict) else None
        names = [f["name"] for f in fields if isinstance(f, dict) and "name" in f] \
            if isinstance(fields, list) else []
        project = tmp_path / str(number)
        package = project / "datapackages" / "p"
        package.mkdir(parents=True)
        (package / "t.csv").write_text(",".join(names or ["a"]) + "\n", encoding="utf-8")
        (package / "datapackage.json").write_text(json.dumps({
            "name": "p", "title": "t", "publisher": "p", "retrieved": "2026-01-01",
            "sources": [{"title": "s", "path": "https://example.org"}],
            "resources": [{"name": "t", "path": "t.csv", "schema": schema}]}), encoding="utf-8")
        findings = validate(project).findings
        descriptor_findings = [f for f in findings if f.code == "SC101"
                               and f.path == "datapackages/p/datapackage.json"]
        assert bool(descriptor_findings) == invalid, (path.name, findings)
        compared += 1
    assert compared >= 20
