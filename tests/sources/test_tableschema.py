"""Table Schema checks on one CSV: types, missing values, constraints, keys, structure."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecheck.sources.fieldtypes import convert, convert_value
from sourcecheck.sources.read import Dialect, read_table
from sourcecheck.sources.table import check_csv, validate_table


def write(folder: Path, rows: list[list[str]], name: str = "t.csv") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path = folder / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def found(path: Path, schema: dict[str, Any]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.row, f.field) for f in validate_table(path, schema)]


TYPES = [
    # type, extra field properties, cells that parse, cells that do not
    ("integer", {}, ["0", "-7", "+3", "12345678901"], ["1.5", "x", "1,000", "0x10"]),
    ("number", {}, ["0", "-7.25", "1e3", "NaN", "INF", "-INF", ".5"], ["1,5", "abc", "1.2.3"]),
    ("number", {"decimalChar": ",", "groupChar": "."}, ["1.234,5", "7"], ["1,2,3"]),
    ("number", {"bareNumber": False}, ["€ 12", "40%"], ["abc"]),
    ("boolean", {}, ["true", "False", "1", "0", "TRUE"], ["yes", "2", "t"]),
    ("boolean", {"trueValues": ["ja"], "falseValues": ["nee"]}, ["ja", "nee"], ["true"]),
    ("date", {}, ["2024-06-30", "2024-02-29"], ["2023-02-29", "30/06/2024", "2024-06"]),
    ("date", {"format": "%d/%m/%Y"}, ["30/06/2024"], ["2024-06-30"]),
    ("datetime", {}, ["2024-06-30T10:00:00", "2024-06-30T10:00:00Z"], ["2024-06-30", "noon"]),
    ("time", {}, ["10:00:00", "23:59:59"], ["25:00:00", "10h"]),
    ("year", {}, ["2024", "1999"], ["24", "20x4"]),
    ("yearmonth", {}, ["2024-06"], ["2024-13", "2024"]),
    ("duration", {}, ["P1Y2M", "PT10M", "P3D"], ["P", "1 day"]),
    ("object", {}, ['{"a": 1}'], ["[1]", "{bad"]),
    ("array", {}, ["[1, 2]"], ['{"a": 1}']),
    ("string", {"format": "email"}, ["a@b.org"], ["not an address"]),
    ("string", {}, ["anything", "42"], []),
    ("any", {}, ["anything"], []),
]


@pytest.mark.parametrize(("kind", "extra", "good", "bad"), TYPES,
                         ids=[f"{t[0]}-{i}" for i, t in enumerate(TYPES)])
def test_each_type_flags_exactly_the_bad_cells(tmp_path, kind, extra, good, bad):
    path = write(tmp_path, [["v"], *[[cell] for cell in good + bad]])
    schema = {"fields": [{"name": "v", "type": kind, **extra}]}
    expected = [("SC120", len(good) + 2 + i, "v") for i in range(len(bad))]
    assert found(path, schema) == expected


def test_typed_frame(tmp_path):
    path = write(tmp_path, [["i", "n", "b", "d", "s"], ["1", "2.5", "true", "2024-06-30", "x"],
                            ["", "", "", "", ""], ["3", "4", "false", "2024-07-01", "y"]])
    schema = {"fields": [{"name": "i", "type": "integer"}, {"name": "n", "type": "number"},
                         {"name": "b", "type": "boolean"}, {"name": "d", "type": "date"},
                         {"name": "s", "type": "string"}]}
    table = check_csv(path, schema, display="t.csv")
    frame = table.frame
    assert [str(frame[name].dtype) for name in "inb"] == ["Int64", "Float64", "boolean"]
    assert frame["d"].dtype.kind == "M"
    assert frame["i"].tolist()[0] == 1 and frame["n"].tolist()[2] == 4.0
    assert frame["b"].tolist()[0] is True
    assert str(frame["d"].iloc[2].date()) == "2024-07-01"
    assert [(f.code, f.row) for f in table.findings] == [("SC115", 3)]


def test_fast_and_careful_paths_give_the_same_frame(tmp_path):
    """A bad cell anywhere sends the whole file down the string path; the values of
    the good cells must not change with it."""
    rows = [["i", "n"], ["1", "2.5"], ["2", "-3"], ["3", "1e2"]]
    fast = check_csv(write(tmp_path, rows, "a.csv"), {"fields": [
        {"name": "i", "type": "integer"}, {"name": "n", "type": "number"}]}, display="a")
    careful = check_csv(write(tmp_path, [*rows, ["oops", "1"]], "b.csv"), {"fields": [
        {"name": "i", "type": "integer"}, {"name": "n", "type": "number"}]}, display="b")
    assert fast.frame["n"].tolist() == careful.frame["n"].tolist()[:3]
    assert fast.frame["i"].tolist() == careful.frame["i"].tolist()[:3]
    assert [(f.code, f.row, f.field) for f in careful.findings] == [("SC120", 5, "i")]


def test_missing_values_schema_and_field_level(tmp_path):
    path = write(tmp_path, [["a", "b"], ["NA", "-"], ["", "x"], ["-", "NA"]])
    schema = {"missingValues": ["NA", ""], "fields": [
        {"name": "a", "type": "integer", "constraints": {"required": True}},
        {"name": "b", "type": "string", "missingValues": ["-"],
         "constraints": {"required": True}}]}
    # row 2 holds only missing values: a blank row, as frictionless counts it
    assert found(path, schema) == [("SC115", 2, None), ("SC121", 3, "a"), ("SC120", 4, "a")]


@pytest.mark.parametrize(("constraint", "cells", "failing"), [
    ({"minimum": 10}, ["10", "9", "11"], [3]),
    ({"maximum": 10}, ["10", "11"], [3]),
    ({"exclusiveMinimum": 10}, ["10", "11"], [2]),
    ({"exclusiveMaximum": 10}, ["10", "9"], [2]),
    ({"enum": [1, 2]}, ["1", "3", "2"], [3]),
])
def test_numeric_constraints(tmp_path, constraint, cells, failing):
    path = write(tmp_path, [["v"], *[[cell] for cell in cells]])
    schema = {"fields": [{"name": "v", "type": "integer", "constraints": constraint}]}
    assert found(path, schema) == [("SC121", row, "v") for row in failing]


@pytest.mark.parametrize(("constraint", "cells", "failing"), [
    ({"minLength": 2}, ["ab", "a", "abc"], [3]),
    ({"maxLength": 2}, ["ab", "abc"], [3]),
    ({"pattern": "[a-z]+-[0-9]"}, ["ab-1", "ab-12", "x-1"], [3]),
    ({"enum": ["yes", "no"]}, ["yes", "maybe"], [3]),
])
def test_string_constraints(tmp_path, constraint, cells, failing):
    path = write(tmp_path, [["v"], *[[cell] for cell in cells]])
    schema = {"fields": [{"name": "v", "type": "string", "constraints": constraint}]}
    assert found(path, schema) == [("SC121", row, "v") for row in failing]


def test_date_bounds_are_compared_as_dates(tmp_path):
    path = write(tmp_path, [["d"], ["2024-01-01"], ["2023-12-31"]])
    schema = {"fields": [{"name": "d", "type": "date", "constraints": {"minimum": "2024-01-01"}}]}
    assert found(path, schema) == [("SC121", 3, "d")]


def test_unique_and_primary_keys(tmp_path):
    path = write(tmp_path, [["k", "y", "u"], ["a", "1", "x"], ["a", "2", "x"], ["a", "1", "z"],
                            ["", "", "w"]])
    schema = {"fields": [{"name": "k", "type": "string"}, {"name": "y", "type": "integer"},
                         {"name": "u", "type": "string", "constraints": {"unique": True}}],
              "primaryKey": ["k", "y"]}
    assert found(path, schema) == [("SC122", 3, "u"), ("SC123", 4, None), ("SC123", 5, None)]


def test_bad_constraint_values_are_descriptor_findings(tmp_path):
    path = write(tmp_path, [["v"], ["1"]])
    schema = {"fields": [{"name": "v", "type": "integer", "constraints": {"minimum": "x"}},
                         {"name": "w", "type": "integr"}]}
    codes = found(path, schema)
    assert ("SC101", None, "v") in codes and ("SC101", None, "w") in codes


def test_rows_are_records_not_lines(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\n1,"two\nlines"\nx,after\n', encoding="utf-8")
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "text", "type": "string"}]}
    assert found(path, schema) == [("SC120", 3, "id")]


def test_header_rows_and_delimiter_from_the_dialect(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("# a comment line\nid;name\n1;a\nx;b\n", encoding="utf-8")
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}
    findings = validate_table(path, schema, dialect={"headerRows": [2], "delimiter": ";"})
    assert [(f.code, f.row, f.field) for f in findings] == [("SC120", 4, "id")]


def test_a_byte_order_mark_is_not_part_of_the_first_label(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffid\n1\n".encode())
    assert found(path, {"fields": [{"name": "id", "type": "integer"}]}) == []


def test_read_table_keeps_cells_as_written():
    table = read_table("a,b\n007,\n", missing_values=[], dialect=Dialect())
    assert table.labels == ["a", "b"]
    assert table.cells.iloc[0].tolist() == ["007", ""]


ROWS = st.lists(st.tuples(st.integers(0, 100), st.sampled_from(["yes", "no", "maybe"])),
                min_size=1, max_size=40)
SCHEMA = {"fields": [
    {"name": "share", "type": "integer", "constraints": {"minimum": 0, "maximum": 100}},
    {"name": "answer", "type": "string", "constraints": {"enum": ["yes", "no", "maybe"]}}]}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ROWS)
def test_property_valid_rows_pass(tmp_path, rows):
    path = write(tmp_path, [["share", "answer"], *[[str(s), a] for s, a in rows]])
    assert found(path, SCHEMA) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ROWS, st.data())
def test_property_one_mutated_cell_is_found_at_its_row_and_field(tmp_path, rows, data):
    index = data.draw(st.integers(0, len(rows) - 1))
    field, bad, code = data.draw(st.sampled_from([
        ("share", "140", "SC121"), ("share", "-1", "SC121"), ("share", "4x", "SC120"),
        ("answer", "perhaps", "SC121")]))
    cells = [[str(s), a] for s, a in rows]
    cells[index][0 if field == "share" else 1] = bad
    path = write(tmp_path, [["share", "answer"], *cells])
    assert found(path, SCHEMA) == [(code, index + 2, field)]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=60) | st.text(alphabet=',"\n\r a1.-é\x00;', max_size=60)
       .map(lambda text: text.encode("utf-8")))
def test_property_any_bytes_give_findings_never_an_exception(tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    schema = {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "number"}],
              "primaryKey": ["a"]}
    findings = validate_table(path, schema)
    assert all(finding.path == str(path) for finding in findings)
    assert all(finding.row is None or finding.row >= 1 for finding in findings)


@given(value=st.text(max_size=12), fmt=st.sampled_from([None, "default", "email", "uri", "uuid", "binary"]))
def test_a_text_constraint_value_converts_as_a_one_cell_column_does(value, fmt):
    """convert_value skips the one-row Series for a text value of a plain string field;
    the answer (value, or refusal) must be what converting that one cell gives."""
    field = {"name": "f", "type": "string", **({"format": fmt} if fmt else {})}
    converted = convert(pd.Series([value], dtype=object), field)
    if bool(converted.invalid.iloc[0]):
        with pytest.raises(ValueError):
            convert_value(value, field)
    else:
        assert convert_value(value, field) == converted.values.iloc[0]
