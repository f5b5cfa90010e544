"""--format junit: one testcase per claim and per resource, parsed back with xml.etree."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from report_samples import checked_fixture, validated_fixture  # noqa: F401 (fixtures)

from sourcecheck.findings import Finding
from sourcecheck.formats import get_formatter
from sourcecheck.report import Report, SourceInfo


def junit(report: Report) -> ET.Element:
    return ET.fromstring(get_formatter("junit").format(report).encode("utf-8"))


def cases(root: ET.Element, suite: str) -> dict[str, ET.Element]:
    found = root.find(f"testsuite[@name='{suite}']")
    assert found is not None, f"no testsuite {suite!r}"
    return {case.get("name"): case for case in found.findall("testcase")}


def test_one_testcase_per_claim_with_its_outcome(checked):
    article = cases(junit(checked), "article demo")
    assert {"afkeuring", "stemmers", "poetin", "jaar"} <= set(article)
    assert list(article["afkeuring"]) == []                      # holds: passes
    failure = article["stemmers"].find("failure")
    assert failure.get("message") == "SC301 4.700 in the text, 4500 in bcsp/attitudes row 3"
    assert failure.get("type") == "SC301 text-mismatch"
    assert article["poetin"].find("failure") is None             # acknowledged: passes ...
    assert "the source rounds differently" in article["poetin"].find("system-out").text
    assert article["jaar"].find("skipped").get("message") == "waived: a year, not a statistic"
    assert article["stemmers"].get("classname") == "demo"
    assert article["stemmers"].get("file") == "articles/demo/article.nl.txt"


def test_an_unlinked_number_is_a_failing_case_of_its_article(checked):
    article = cases(junit(checked), "article demo")
    unlinked = [case for name, case in article.items() if name.startswith("SC401")]
    assert len(unlinked) == 1
    assert unlinked[0].find("failure").get("message") == "SC401 12 is not covered by a claim or a waiver"


def test_one_testcase_per_resource_even_when_it_passes(validated):
    data = cases(junit(validated), "data")
    assert data["b"].find("failure").get("type") == "SC120 type-error"
    assert list(data["c"]) == []           # the resource without findings passes
    # the schema file's finding lands on the resource it checks
    assert "SC211" in data["b"].find("failure").text
    assert data["datapackage.json"].find("failure").get("type") == "SC101 descriptor-invalid"


def test_counts_add_up_and_coverage_is_a_property(checked):
    root = junit(checked)
    suites = root.findall("testsuite")
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == 3  # stemmers, the unlinked 12, the schema failure
    properties = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert properties["coverage.linked"] == "3" and properties["coverage.unlinked"] == "1"
    assert properties["valid"] == "false"


def test_a_clean_report_passes_every_case():
    report = Report("validate", sources=[SourceInfo("a", resources={"b": "a/b.csv"})])
    root = junit(report)
    assert root.get("failures") == "0" and root.get("tests") == "1"


@settings(deadline=None)
@given(st.lists(st.builds(Finding, code=st.sampled_from(["SC120", "SC301", "SC401", "SC406"]),
                          message=st.text(min_size=1), path=st.none() | st.text(min_size=1),
                          line=st.none() | st.integers(1, 999), row=st.none() | st.integers(1, 999),
                          claim=st.none() | st.text(min_size=1),
                          acknowledged=st.none() | st.text()), max_size=6))
def test_any_report_gives_well_formed_xml_that_counts_every_failing_finding(found):
    root = junit(Report("check", findings=found))
    failing_texts = "".join(f.text or "" for f in root.iter("failure"))
    assert root.get("failures") == str(len(list(root.iter("failure"))))
    assert failing_texts.count(": SC") >= sum(finding.fails for finding in found)
