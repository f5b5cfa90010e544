"""Every format on the bundled example's real reports (check and validate), and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from test_format_sarif import sarif

import sourcecheck
from sourcecheck.cli import main
from sourcecheck.formats import FORMATTERS, get_formatter
from sourcecheck.formats.github import SHOWN_PER_TYPE
from sourcecheck.formats.json import report_schema
from sourcecheck.run.validate import validate
from sourcecheck.sources.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example_check():
    return sourcecheck.check(ROOT, texts=True)


@pytest.fixture(scope="module")
def example_validate():
    return validate(ROOT, texts=True)


def test_json_of_the_example_is_valid(example_check, example_validate):
    validator = jsonschema.Draft202012Validator(report_schema())
    for report in (example_check, example_validate):
        validator.validate(json.loads(get_formatter("json").format(report)))


def test_sarif_of_the_example_is_valid(example_check, example_validate):
    for report in (example_check, example_validate):
        log = sarif(report)
        assert len(log["runs"][0]["results"]) == len(report.findings)


def test_junit_of_the_example_lists_every_claim_and_resource(example_check, example_validate):
    root = ET.fromstring(get_formatter("junit").format(example_check).encode("utf-8"))
    article = root.find("testsuite[@name='article russen-in-servie']")
    names = [case.get("name") for case in article.findall("testcase")]
    assert set(names) >= {claim.id for claim in example_check.claims}
    waived = [c for c in example_check.claims if c.verdict == "waived"]
    assert len(article.findall("testcase/skipped")) == len(waived)
    data = ET.fromstring(get_formatter("junit").format(example_validate).encode("utf-8"))
    resources = {(p.name, r) for p in load_catalog(ROOT).packages.values() for r in p.resources}
    cases = {(c.get("classname"), c.get("name")) for c in data.iter("testcase")}
    assert resources <= cases
    failing_cases = int(data.get("failures"))
    assert (failing_cases == 0) == example_validate.valid
    assert failing_cases <= len(example_validate.failures)


def test_github_annotations_of_the_example_say_when_some_are_hidden(example_check):
    lines = get_formatter("github").format(example_check).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    per_type = {kind: sum(line.startswith(f"::{kind} ") for line in commands)
                for kind in ("error", "warning", "notice")}
    hidden = any(count > SHOWN_PER_TYPE for count in per_type.values())
    assert commands[0].startswith("::notice title=sourcecheck summary::") == hidden
    assert len(commands) == len(example_check.findings) + hidden
    assert re.search(r"\d+ numbers: \d+ linked, \d+ waived, \d+ unlinked$", lines[-1])


def test_html_of_the_example_marks_as_many_numbers_as_the_coverage_counts(example_check):
    page = get_formatter("html").format(example_check)
    assert page.count('<a class="num v-') == example_check.coverage.total
    assert page.count('<tr><td><strong>') == len(load_catalog(ROOT).packages)


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_the_cli_writes_each_format_to_a_file(name, tmp_path, capsys):
    output = tmp_path / f"report.{name}"
    assert main(["validate", str(ROOT), "--format", name, "--output", str(output)]) == 0
    assert capsys.readouterr().out == ""
    assert output.read_text(encoding="utf-8").strip()
