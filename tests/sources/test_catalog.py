"""load_catalog: packages, resources, typed frames and records looked up by key."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from package_builder import make_project

from sourcecheck.errors import InputError
from sourcecheck.project import Project
from sourcecheck.sources.catalog import Catalog, load_catalog
from sourcecheck.sources.record import Record

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


def test_the_bundled_packages_load_without_findings(catalog):
    names = sorted(p.name for p in (ROOT / "datapackages").iterdir()
                   if (p / "datapackage.json").is_file())
    assert sorted(catalog.packages) == names
    assert catalog.findings == []


def test_every_record_of_every_bundled_resource_is_found_by_its_key(catalog):
    checked = 0
    for package in catalog.packages.values():
        for resource in package.resources.values():
            assert resource.primary_key, f"{package.name}.{resource.name} has no primary key"
            with open(resource.path, encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            assert len(resource.frame) == len(rows)
            for number, row in enumerate(rows, start=1):
                key = [row[name] for name in resource.primary_key]
                record = resource.lookup(key[0] if len(key) == 1 else key)
                assert isinstance(record, Record)
                assert (record.row, record.raw) == (number, row)
                assert record.row_number == number + 1
                checked += 1
    assert checked > 20


def test_values_are_typed_and_raw_is_as_written(catalog):
    for package in catalog.packages.values():
        for resource in package.resources.values():
            for spec in resource.schema["fields"]:
                column = resource.frame[spec["name"]]
                if spec["type"] == "integer":
                    assert str(column.dtype) == "Int64"
                elif spec["type"] == "number":
                    assert str(column.dtype) == "Float64"
                    raw = resource.raw[spec["name"]]
                    for written, value in zip(raw, column.isna(), strict=True):
                        assert (written == "") == value
                    for written, value in zip(raw, column, strict=True):
                        if written:
                            assert float(written) == value


def test_provenance_comes_from_the_descriptor(catalog):
    for package in catalog.packages.values():
        descriptor = json.loads((package.path / "datapackage.json").read_text(encoding="utf-8"))
        provenance = package.provenance
        assert provenance["title"] == descriptor["title"]
        assert provenance["publisher"] == descriptor["publisher"]
        assert provenance["url"] == descriptor["sources"][0]["path"]
        assert provenance["retrieved"] == descriptor["retrieved"]
        assert provenance["doi"] == descriptor.get("doi")


def test_unknown_names_and_keys_give_none(catalog):
    package = next(iter(catalog.packages.values()))
    resource = next(iter(package.resources.values()))
    assert catalog.resource("no-such-package", resource.name) is None
    assert catalog.resource(package.name, "no-such-resource") is None
    assert resource.lookup("no-such-key-anywhere") is None
    assert resource.lookup({"not-the-key": "x"}) is None


def test_composite_keys_by_tuple_list_or_dict(tmp_path):
    schema = {"fields": [{"name": "country", "type": "string"},
                         {"name": "year", "type": "integer"},
                         {"name": "value", "type": "number"},
                         {"name": "locator", "type": "string"}],
              "primaryKey": ["country", "year"]}
    csv_text = "country,year,value,locator\nnl,2020,1.5,p1\nnl,2021,2.5,p2\nbe,2020,,p3\n"
    project = make_project(tmp_path, csv=csv_text, schema=schema, pandera=None)
    resource = load_catalog(project).resource("demo", "answers")
    assert resource is not None
    assert resource.fields == ["country", "year", "value", "locator"]
    for key in (("nl", 2021), ["nl", 2021], {"country": "nl", "year": 2021}, ("nl", "2021")):
        record = resource.lookup(key)
        assert record is not None and record.row == 2
        assert record.raw == {"country": "nl", "year": "2021", "value": "2.5", "locator": "p2"}
    empty = resource.lookup(("be", 2020))
    assert empty is not None and empty.raw["value"] == ""
    assert resource.lookup(("nl", 1999)) is None
    assert resource.lookup("nl") is None  # half a key


def test_load_catalog_accepts_a_project(tmp_path):
    project = make_project(tmp_path)
    assert list(load_catalog(Project.load(project)).packages) == ["demo"]


def test_a_project_without_datapackages_cannot_be_loaded(tmp_path):
    with pytest.raises(InputError, match="datapackages"):
        load_catalog(tmp_path)


def test_an_unsafe_resource_is_listed_but_never_read(tmp_path):
    project = make_project(tmp_path, path="../../etc/passwd")
    catalog = load_catalog(project)
    resource = catalog.resource("demo", "answers")
    assert resource is not None and not resource.usable
    assert resource.frame.empty and resource.lookup(1) is None
    assert [f.code for f in catalog.findings] == ["SC104"]


def test_provenance_is_required(tmp_path):
    from package_builder import descriptor

    text = descriptor()
    for key in ("publisher", "retrieved", "sources"):
        del text[key]
    project = make_project(tmp_path, descriptor_text=json.dumps(text))
    messages = [f.message for f in load_catalog(project).findings if f.code == "SC130"]
    assert len(messages) == 3
    assert any("publisher" in m for m in messages) and any("DOI" in m for m in messages)
