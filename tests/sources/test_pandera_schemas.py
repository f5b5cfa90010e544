"""The pandera half of validate: every resource has a schema, every schema a resource,
and failure cases become findings at the file, row and field."""

from __future__ import annotations

from package_builder import CSV, PACKAGE_CSV, make_project

from sourcecheck.run.validate import validate


def codes(project) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(f.code, f.path, f.row, f.field) for f in validate(project).findings]


def test_a_resource_without_a_schema_is_a_note(tmp_path):
    report = validate(make_project(tmp_path, pandera=None))
    assert [(f.code, f.path, f.row, f.field) for f in report.findings] == [("SC202", PACKAGE_CSV, None, None)]
    assert report.exit_code == 0


def test_a_resource_without_a_schema_is_an_error_when_the_project_requires_schemas(tmp_path):
    project = make_project(tmp_path, pandera=None)
    (project / "pyproject.toml").write_text("[tool.sourcecheck]\nrequire-schemas = true\n")
    report = validate(project)
    assert [(f.code, f.path) for f in report.findings] == [("SC204", PACKAGE_CSV)]
    assert report.exit_code == 1


def test_require_schemas_must_be_true_or_false(tmp_path):
    import pytest

    from sourcecheck.errors import ConfigError

    project = make_project(tmp_path, pandera=None)
    (project / "pyproject.toml").write_text('[tool.sourcecheck]\nrequire-schemas = "yes"\n')
    with pytest.raises(ConfigError, match="require-schemas must be true or false"):
        validate(project)


def test_a_schema_without_a_resource(tmp_path):
    project = make_project(tmp_path)
    (project / "schemas" / "demo.gone.yaml").write_text(
        (project / "schemas" / "demo.answers.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "schemas" / "nopackage.answers.yaml").write_text("columns: {}\n", encoding="utf-8")
    assert codes(project) == [("SC203", "schemas/demo.gone.yaml", None, None),
                              ("SC203", "schemas/nopackage.answers.yaml", None, None)]


def test_a_schema_that_does_not_load(tmp_path):
    project = make_project(tmp_path, pandera="columns: [unclosed\n")
    [finding] = validate(project).findings
    assert (finding.code, finding.path) == ("SC203", "schemas/demo.answers.yaml")
    project2 = make_project(tmp_path / "b", pandera="checks:\n- no_such_check: 1\n")
    assert [f.code for f in validate(project2).findings] == ["SC203"]


def test_a_builtin_check_failure_names_row_and_field(tmp_path):
    pandera = ("schema_type: dataframe\napi: pandas\ncolumns:\n  share:\n    dtype: null\n"
               "    checks:\n      less_than: 50\n")
    project = make_project(tmp_path, pandera=pandera)
    findings = validate(project).findings
    assert [(f.code, f.path, f.row, f.field) for f in findings] == [
        ("SC201", PACKAGE_CSV, 3, "share")]
    assert "59.8" in findings[0].message


def test_a_column_the_schema_expects_but_the_resource_lacks(tmp_path):
    pandera = "schema_type: dataframe\napi: pandas\ncolumns:\n  turnout:\n    dtype: null\n"
    [finding] = validate(make_project(tmp_path, pandera=pandera)).findings
    assert (finding.code, finding.field) == ("SC201", "turnout")


def test_blank_rows_are_not_checked_again_by_pandera(tmp_path):
    pandera = ("schema_type: dataframe\napi: pandas\ncolumns:\n  share:\n    dtype: null\n"
               "    nullable: false\n")
    project = make_project(tmp_path, pandera=pandera, csv=CSV + ",,,\n")
    assert codes(project) == [("SC115", PACKAGE_CSV, 4, None)]


def test_a_registered_check_reports_its_own_code(tmp_path):
    """checks.RULES maps a custom check to its code and blamed column."""
    from sourcecheck.sources.statistics import RULES

    pandera = ("schema_type: dataframe\napi: pandas\ncolumns:\n  answer:\n    dtype: null\n"
               "  share:\n    dtype: null\nchecks:\n- group: answer\n  share: share\n"
               "  complete: [all]\n  options:\n    check_name: shares_add_up\n")
    csv = "id,answer,share,locator\n1,all,40.2,p\n2,all,40.8,p\n"
    findings = validate(make_project(tmp_path, csv=csv, pandera=pandera)).findings
    code = RULES["shares_add_up"].code
    assert {(f.code, f.row, f.field) for f in findings} == {(code, 2, "share"), (code, 3, "share")}
