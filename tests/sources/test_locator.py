"""Where in the source a row's figure stands: its ``locator`` cell, or its resource's own
``locator`` (one place for a whole table); with neither, SC130."""

from __future__ import annotations

import copy

from package_builder import PACKAGE_CSV, SCHEMA, make_project

from sourcecheck.run.validate import validate

WITHOUT_COLUMN = copy.deepcopy(SCHEMA)
WITHOUT_COLUMN["fields"] = [f for f in SCHEMA["fields"] if f["name"] != "locator"]
CSV_WITHOUT_COLUMN = "id,answer,share\n1,yes,40.2\n2,no,59.8\n"
OPTIONAL_COLUMN = copy.deepcopy(SCHEMA)
OPTIONAL_COLUMN["fields"][-1].pop("constraints")
CSV_ONE_EMPTY = "id,answer,share,locator\n1,yes,40.2,page 3\n2,no,59.8,\n"


def provenance_findings(root) -> list[tuple[str | None, int | None]]:
    return [(f.path, f.row) for f in validate(root).findings if f.code == "SC130"]


def test_a_resource_with_neither_a_locator_column_nor_its_own_locator_lacks_provenance(tmp_path):
    root = make_project(tmp_path, csv=CSV_WITHOUT_COLUMN, schema=WITHOUT_COLUMN)
    assert provenance_findings(root) == [(PACKAGE_CSV, None)]


def test_a_resource_locator_stands_for_a_missing_column(tmp_path):
    root = make_project(tmp_path, csv=CSV_WITHOUT_COLUMN, schema=WITHOUT_COLUMN, locator="table 3, page 12")
    assert provenance_findings(root) == []
    assert validate(root).exit_code == 0


def test_a_resource_locator_stands_for_an_empty_cell(tmp_path):
    assert provenance_findings(make_project(tmp_path / "a", csv=CSV_ONE_EMPTY, schema=OPTIONAL_COLUMN)) == [
        (PACKAGE_CSV, 3)]
    assert provenance_findings(make_project(tmp_path / "b", csv=CSV_ONE_EMPTY, schema=OPTIONAL_COLUMN,
                                            locator="page 3")) == []


def test_a_blank_resource_locator_is_no_locator(tmp_path):
    root = make_project(tmp_path, csv=CSV_WITHOUT_COLUMN, schema=WITHOUT_COLUMN, locator="  ")
    assert provenance_findings(root) == [(PACKAGE_CSV, None)]
