"""Issue 19, item 4: `sourcecheck import eurostat` against a Statistics API server on 127.0.0.1,
and the JSON-stat converter's reading of a cube."""

from __future__ import annotations

import csv
import io
import json
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sourcecheck
from example_project import empty_project
from importers.served import eurostat_answers, serving
from sourcecheck.cli import main
from sourcecheck.upstream import jsonstat
from sourcecheck.upstream.formats import FormatError, converter


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return empty_project(tmp_path / "newsroom", "en")


def run_import(project: Path, base: str, *extra: str) -> int:
    return main(["import", "eurostat", "demo_pjan", "population", str(project), "--base-url", f"{base}/data",
                 *extra])


def test_the_dataset_becomes_a_valid_package_of_cells_and_labels(project):
    answers = eurostat_answers()
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote", "--filter", "geo=NL", "--filter", "geo=BE") == 0
    assert answers.requests == [("/data/demo_pjan", {"geo": ["NL", "BE"], "format": ["JSON"], "lang": ["EN"]})]
    folder = project / "datapackages" / "population"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "Population on 1 January by age and sex"
    assert descriptor["publisher"] == "Eurostat"
    assert descriptor["modified"] == "2024-03-28T23:00:00+0100"
    assert descriptor["sources"][0]["path"] == "https://ec.europa.eu/eurostat/databrowser/view/demo_pjan/default/table"
    data, labels = descriptor["resources"]
    # a dimension filtered to two codes: the filters are in the address, params hold one value a name
    assert data["upstream"] == {"url": f"{base}/data/demo_pjan?geo=NL&geo=BE",
                                "params": {"format": "JSON", "lang": "EN"}, "format": "eurostat-json-stat"}
    assert labels["upstream"]["format"] == "eurostat-json-stat-labels"
    assert data["locator"] == f"{base}/data/demo_pjan?geo=NL&geo=BE&format=JSON&lang=EN"
    fields = {spec["name"]: spec for spec in data["schema"]["fields"]}
    assert list(fields) == ["freq", "unit", "sex", "age", "geo", "time", "value", "status"]
    assert fields["value"]["unit"] == "count"  # the one unit, "Number"
    assert fields["geo"]["title"] == "Geopolitical entity (reporting)"
    assert data["schema"]["primaryKey"] == ["freq", "unit", "sex", "age", "geo", "time"]
    assert labels["schema"]["primaryKey"] == ["dimension", "code"]
    rows = list(csv.DictReader(io.StringIO((folder / "data.csv").read_text(encoding="utf-8"))))
    assert [(row["geo"], row["time"], row["value"], row["status"]) for row in rows] == [
        ("NL", "2023", "17811291", ""), ("NL", "2024", "17942942", "p"),
        ("BE", "2023", "11742796", ""), ("BE", "2024", "11832049", "p")]
    label_rows = list(csv.reader(io.StringIO((folder / "labels.csv").read_text(encoding="utf-8"))))
    assert ["geo", "NL", "Netherlands"] in label_rows and ["unit", "NR", "Number"] in label_rows
    assert sourcecheck.validate(project).exit_code == 0


def test_the_upstream_formats_turn_the_same_answer_into_the_same_files(project):
    answers = eurostat_answers()
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote") == 0
    folder = project / "datapackages" / "population"
    for resource in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        body = answers.bodies["/data/demo_pjan"]
        assert converter(resource["upstream"]["format"])(body, resource) == (folder / resource["path"]).read_bytes()


def test_without_allow_remote_nothing_is_asked(project):
    answers = eurostat_answers()
    with serving(answers) as base:
        assert run_import(project, base) == 2
    assert answers.requests == []


def test_an_error_answer_is_an_error_and_writes_nothing(project, capsys):
    answers = eurostat_answers()
    answers.statuses["/data/demo_pjan"] = 400
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote") == 2
    assert "HTTP error 400" in capsys.readouterr().err
    assert not (project / "datapackages").exists()


@pytest.mark.parametrize("bad", ["geo", "=NL", "geo=", "1x=NL"])
def test_a_malformed_filter_is_refused_before_anything_is_asked(project, bad, capsys):
    answers = eurostat_answers()
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote", "--filter", bad) == 2
    assert answers.requests == [] and "--filter" in capsys.readouterr().err


def test_a_changed_dimension_is_a_format_error_naming_it():
    body = (Path(__file__).parent / "fixtures" / "eurostat" / "demo_pjan.json").read_bytes()
    resource = {"schema": {"fields": [{"name": "geo"}, {"name": "citizen"}, {"name": "value"}]}}
    with pytest.raises(FormatError, match="'citizen'"):
        jsonstat.convert(body, resource)


@st.composite
def cubes(draw):
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    cells = 1
    for size in sizes:
        cells *= size
    filled = draw(st.sets(st.integers(0, cells - 1)))
    values = {str(position): draw(st.integers(-10**6, 10**6)) for position in filled}
    dense = draw(st.booleans())
    dimensions = {f"d{number}": {"category": {"index": draw(st.permutations([f"c{i}" for i in range(size)])) if dense
                                              else {f"c{i}": i for i in range(size)}}}
                  for number, size in enumerate(sizes)}
    document = {"version": "2.0", "class": "dataset", "id": list(dimensions), "size": sizes,
                "dimension": dimensions,
                "value": [values.get(str(p)) for p in range(cells)] if dense else values}
    return document, values


@given(cubes())
def test_every_cell_is_one_row_whose_codes_give_back_its_position(cube):
    """Row-major order, the last dimension fastest: the codes of a row locate its value."""
    document, values = cube
    rows = list(csv.reader(io.StringIO(jsonstat.convert(json.dumps(document).encode(), {}).decode())))
    header, body = rows[0], rows[1:]
    assert header == [*document["id"], "value", "status"]
    assert len(body) == len(values)
    indexes = []
    for name in document["id"]:
        index = document["dimension"][name]["category"]["index"]
        indexes.append({code: position for position, code in enumerate(index)} if isinstance(index, list) else index)
    every = list(product(*(range(size) for size in document["size"])))
    for row in body:
        coordinates = tuple(index[code] for index, code in zip(indexes, row, strict=False))
        assert values[str(every.index(coordinates))] == int(row[len(document["id"])])
