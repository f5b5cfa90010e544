"""Issue 2, item 6: every bad input gets a clear finding or error naming the file and
the position, the right exit code, and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from package_builder import CSV, PACKAGE_CSV, PACKAGE_JSON, make_project

from sourcecheck.cli import main
from sourcecheck.run.validate import validate
from sourcecheck.sources import read


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def findings_of(capsys: pytest.CaptureFixture[str], project: Path,
                *options: str) -> tuple[int, list[dict]]:
    code, out, _ = run_cli(capsys, str(project), "--format", "json", *options)
    return code, json.loads(out)["findings"]


def test_a_clean_fixture_project_passes(tmp_path, capsys):
    code, out, err = run_cli(capsys, str(make_project(tmp_path)))
    assert (code, err) == (0, "")
    assert out.strip() == "0 findings, 0 failing"


def test_descriptor_not_json_names_line_and_column(tmp_path, capsys):
    broken = '{\n  "name": "demo",\n  "resources": [\n    {"name": "answers",}\n  ]\n}\n'
    project = make_project(tmp_path, descriptor_text=broken)
    code, findings = findings_of(capsys, project)
    assert code == 1
    [finding] = findings
    assert (finding["code"], finding["path"]) == ("SC101", PACKAGE_JSON)
    assert (finding["line"], finding["column"]) == (4, 24)
    code, out, _ = run_cli(capsys, str(project))
    assert f"{PACKAGE_JSON}:4:24: SC101 not valid JSON" in out


def test_missing_csv(tmp_path, capsys):
    code, findings = findings_of(capsys, make_project(tmp_path, csv=None))
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [("SC102", PACKAGE_CSV)]


def test_wrong_type_in_a_cell_names_row_and_field(tmp_path, capsys):
    csv = CSV + "3,maybe,forty,page 4\n"
    code, findings = findings_of(capsys, make_project(tmp_path, csv=csv))
    assert code == 1
    assert [(f["code"], f["path"], f["row"], f["field"]) for f in findings] == [
        ("SC120", PACKAGE_CSV, 4, "share")]
    code, out, _ = run_cli(capsys, str(tmp_path))
    assert f"{PACKAGE_CSV}:4:share: SC120 'forty' is not a valid number" in out


@pytest.mark.parametrize("path", ["../answers.csv", "sub/../../answers.csv"])
def test_path_climbing_out_is_rejected(tmp_path, capsys, path):
    (tmp_path / "datapackages").mkdir()
    (tmp_path / "datapackages" / "answers.csv").write_text(CSV, encoding="utf-8")
    project = tmp_path / "project"
    make_project(project, path=path)
    (project / "datapackages" / "answers.csv").write_text(CSV, encoding="utf-8")
    code, findings = findings_of(capsys, project)
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [("SC104", PACKAGE_JSON)]
    assert ".." in findings[0]["message"]
    # the position of the offending path in the descriptor
    lines = (project / PACKAGE_JSON).read_text(encoding="utf-8").splitlines()
    line, column = findings[0]["line"], findings[0]["column"]
    assert lines[line - 1][column - 1:].startswith(json.dumps(path))


def test_absolute_path_is_rejected(tmp_path, capsys):
    outside = tmp_path / "outside.csv"
    outside.write_text(CSV, encoding="utf-8")
    code, findings = findings_of(capsys, make_project(tmp_path / "p", path=str(outside)))
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [("SC104", PACKAGE_JSON)]
    assert "absolute" in findings[0]["message"]


def test_symlink_out_of_the_package_is_rejected(tmp_path, capsys):
    outside = tmp_path / "secret.csv"
    outside.write_text(CSV, encoding="utf-8")
    project = make_project(tmp_path / "p", path="link.csv")
    os.symlink(outside, project / "datapackages" / "demo" / "link.csv")
    code, findings = findings_of(capsys, project)
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [("SC104", PACKAGE_JSON)]
    assert "symlink" in findings[0]["message"]


def test_symlink_inside_the_package_is_fine(tmp_path, capsys):
    project = make_project(tmp_path, path="link.csv")
    os.symlink("answers.csv", project / "datapackages" / "demo" / "link.csv")
    code, findings = findings_of(capsys, project)
    assert (code, findings) == (0, [])


def test_remote_address_is_not_fetched_without_allow_remote(tmp_path, capsys, monkeypatch):
    def no_network(url):
        raise AssertionError(f"fetched {url}")
    monkeypatch.setattr(read, "fetch_remote", no_network)
    project = make_project(tmp_path, path="https://example.org/answers.csv")
    code, findings = findings_of(capsys, project)
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [("SC105", PACKAGE_JSON)]
    assert "--allow-remote" in findings[0]["message"]


def test_remote_address_is_read_with_allow_remote(tmp_path, capsys, monkeypatch):
    fetched = []

    def fake_fetch(url):  # stands in for the network
        fetched.append(url)
        return CSV.encode("utf-8")
    monkeypatch.setattr(read, "fetch_remote", fake_fetch)
    project = make_project(tmp_path, path="https://example.org/answers.csv")
    code, findings = findings_of(capsys, project, "--allow-remote")
    assert fetched == ["https://example.org/answers.csv"]
    assert (code, findings) == (0, [])


def test_remote_fetch_failure_is_a_finding(tmp_path, capsys, monkeypatch):
    def offline(url):
        raise OSError("network is unreachable")
    monkeypatch.setattr(read, "fetch_remote", offline)
    project = make_project(tmp_path, path="https://example.org/answers.csv")
    code, findings = findings_of(capsys, project, "--allow-remote")
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [
        ("SC103", "https://example.org/answers.csv")]


def test_csv_in_latin_1_names_the_byte_and_line(tmp_path, capsys):
    csv = "id,answer,share,locator\n1,oui,40.2,page 3\n2,répondu,59.8,page 3\n"
    code, findings = findings_of(capsys, make_project(tmp_path, csv=csv.encode("latin-1")))
    assert code == 1
    [finding] = findings
    assert (finding["code"], finding["path"], finding["row"]) == ("SC103", PACKAGE_CSV, 3)
    position = csv.encode("latin-1").index("é".encode("latin-1"))
    assert f"byte 0xe9 at byte position {position}" in finding["message"]


def test_csv_in_latin_1_passes_when_the_descriptor_says_so(tmp_path, capsys):
    csv = "id,answer,share,locator\n1,oui,40.2,page 3\n2,répondu,59.8,page 3\n"
    project = make_project(tmp_path, csv=csv.encode("latin-1"), encoding="latin-1")
    assert findings_of(capsys, project) == (0, [])


def test_empty_file(tmp_path, capsys):
    code, findings = findings_of(capsys, make_project(tmp_path, csv=""))
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [("SC103", PACKAGE_CSV)]
    assert "empty" in findings[0]["message"]


def test_header_only_file_is_valid(tmp_path, capsys):
    assert findings_of(capsys, make_project(tmp_path, csv="id,answer,share,locator\n")) == (0, [])


def test_missing_project_is_exit_2(tmp_path, capsys):
    code, out, err = run_cli(capsys, str(tmp_path / "nowhere"))
    assert (code, out) == (2, "")
    assert err.startswith("sourcecheck: error: ") and "nowhere" in err


def test_no_datapackages_folder_is_exit_2(tmp_path, capsys):
    code, out, err = run_cli(capsys, str(tmp_path))
    assert (code, out) == (2, "")
    assert "datapackages" in err


def test_broken_config_is_exit_2(tmp_path, capsys):
    project = make_project(tmp_path)
    (project / "pyproject.toml").write_text("[tool.sourcecheck\n", encoding="utf-8")
    code, out, err = run_cli(capsys, str(project))
    assert (code, out) == (2, "")
    assert "pyproject.toml" in err


def test_library_raises_input_error_without_a_project(tmp_path):
    from sourcecheck.errors import InputError

    with pytest.raises(InputError):
        validate(tmp_path / "nowhere")


def test_validate_never_writes(tmp_path, capsys):
    project = make_project(tmp_path, csv=CSV + "3,x,140,p\n")
    before = {p: p.stat().st_mtime_ns for p in project.rglob("*")}
    run_cli(capsys, str(project))
    assert {p: p.stat().st_mtime_ns for p in project.rglob("*")} == before


def test_real_subprocess_reports_without_traceback(tmp_path):
    project = make_project(tmp_path, csv=CSV + "3,maybe,forty,page 4\n")
    result = subprocess.run([sys.executable, "-m", "sourcecheck", "validate", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{PACKAGE_CSV}:4:share: SC120 'forty' is not a valid number")
    missing = subprocess.run([sys.executable, "-m", "sourcecheck", "validate",
                              str(tmp_path / "nowhere")], capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "a", "x.csv", ",", "1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "fields", "type", "path", "csv", "delimiter"]), inner,
        max_size=3),
    max_leaves=8)
FIELD = st.fixed_dictionaries({"name": st.sampled_from(["id", "answer", "share", "locator"])},
                              optional={"type": st.sampled_from(
                                  ["integer", "number", "string", "date", "year", "bogus", 3]),
                                  "constraints": JSON, "missingValues": JSON,
                                  "format": st.sampled_from(["default", "any", "%Y", 5])})
SCHEMA = JSON | st.fixed_dictionaries({"fields": st.lists(FIELD | JSON, max_size=4)},
                                      optional={"primaryKey": JSON, "foreignKeys": JSON,
                                                "missingValues": JSON})
RESOURCE = st.fixed_dictionaries(
    {"name": st.sampled_from(["answers", "other"]) | JSON},
    optional={"path": st.sampled_from(["answers.csv", "../answers.csv", "/etc/hosts",
                                       "https://example.org/a.csv", "missing.csv"]) | JSON,
              "schema": SCHEMA, "dialect": JSON, "encoding": JSON})


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({}, optional={"name": JSON, "resources": st.lists(
    RESOURCE, max_size=2) | JSON, "sources": JSON, "$schema": JSON, "title": JSON}))
def test_property_any_descriptor_gives_findings_never_an_exception(descriptor):
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), descriptor_text=json.dumps(descriptor))
        report = validate(project)
    assert all(finding.path for finding in report.findings)
