"""Issue 19, item 4: `sourcecheck import cbs` against a CBS OData server on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
import yaml

import sourcecheck
from example_project import empty_project
from importers.served import cbs_answers, serving
from sourcecheck.cli import main
from sourcecheck.upstream import cbs_odata
from sourcecheck.upstream.formats import FormatError, converter


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return empty_project(tmp_path / "newsroom", "nl")


def run_import(project: Path, base: str, *extra: str, name: str = "bevolking") -> int:
    return main(["import", "cbs", "37296ned", name, str(project), "--base-url", f"{base}/odata", *extra])


def test_the_table_becomes_a_valid_package_with_units_keys_and_provenance(project):
    answers = cbs_answers()
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote") == 0
    folder = project / "datapackages" / "bevolking"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "Bevolking; kerncijfers"
    assert descriptor["publisher"].startswith("Centraal Bureau voor de Statistiek")
    assert descriptor["modified"] == "2024-06-27T02:00:00"
    source = descriptor["sources"][0]
    assert source["path"] == "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/37296ned/table"
    assert source["delivery"] == "Actualisering" and source["retrieved"] == descriptor["retrieved"]
    data, periods = descriptor["resources"]
    assert (data["name"], periods["name"]) == ("data", "perioden")
    assert data["upstream"] == {"url": f"{base}/odata/37296ned/TypedDataSet", "params": {"$format": "json"},
                                "format": "cbs-odata"}
    assert data["locator"] == f"{base}/odata/37296ned/TypedDataSet?$format=json"
    fields = {spec["name"]: spec for spec in data["schema"]["fields"]}
    assert list(fields) == ["Perioden", "TotaleBevolking_1", "JongerDan20Jaar_10", "Huishoudens_21"]
    assert fields["TotaleBevolking_1"]["unit"] == "count"
    assert fields["JongerDan20Jaar_10"]["unit"] == "percent"
    assert fields["Huishoudens_21"]["unit"] == "x 1 000"  # kept as CBS writes it: a scale, not judged
    assert fields["TotaleBevolking_1"]["title"] == "Totale bevolking"
    assert fields["TotaleBevolking_1"]["description"] == "Bevolking op 1 januari."
    assert data["schema"]["primaryKey"] == ["Perioden"]
    assert "required" not in fields["TotaleBevolking_1"].get("constraints", {})  # a revision may empty a cell
    assert data["schema"]["foreignKeys"] == [{"fields": ["Perioden"],
                                             "reference": {"resource": "perioden", "fields": ["Key"]}}]
    assert periods["schema"]["primaryKey"] == ["Key"]
    rows = list(csv.DictReader(io.StringIO((folder / "data.csv").read_text(encoding="utf-8"))))
    assert [row["Perioden"] for row in rows] == ["2021JJ00", "2022JJ00", "2023JJ00"]
    assert rows[2]["JongerDan20Jaar_10"] == "21.40"  # the digits CBS wrote, not a float's
    assert rows[2]["Huishoudens_21"] == ""
    assert "ID" not in rows[0]  # CBS's row number is no key: it moves when rows are added
    stub = yaml.safe_load((project / "schemas" / "bevolking.data.yaml").read_text(encoding="utf-8"))
    assert all("greater_than_or_equal_to" not in column for column in stub["columns"].values())
    assert sourcecheck.validate(project).exit_code == 0
    asked = [path for path, _ in answers.requests]
    assert asked == [f"/odata/37296ned/{endpoint}" for endpoint in
                     ("TableInfos", "DataProperties", "TypedDataSet", "Perioden")]
    assert all(query == {"$format": ["json"]} for _, query in answers.requests)


def test_the_upstream_format_turns_the_same_answer_into_the_same_file(project):
    """What `refresh` does with each resource's upstream gives the imported bytes again."""
    answers = cbs_answers()
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote") == 0
    folder = project / "datapackages" / "bevolking"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        upstream = resource["upstream"]
        body = answers.bodies[upstream["url"].removeprefix(base)]
        assert converter(upstream["format"])(body, resource) == (folder / resource["path"]).read_bytes()


def test_without_allow_remote_nothing_is_asked_and_the_exit_is_2(project, capsys):
    answers = cbs_answers()
    with serving(answers) as base:
        assert run_import(project, base) == 2
    assert answers.requests == []
    assert "--allow-remote" in capsys.readouterr().err
    assert not (project / "datapackages").exists()


def test_an_answer_that_is_one_page_of_many_is_refused(project, capsys):
    answers = cbs_answers()
    page = json.loads(answers.bodies["/odata/37296ned/TypedDataSet"])
    page["odata.nextLink"] = "https://opendata.cbs.nl/ODataFeed/odata/37296ned/TypedDataSet?$skip=3"
    answers.bodies["/odata/37296ned/TypedDataSet"] = json.dumps(page).encode()
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote") == 2
    err = capsys.readouterr().err
    assert "next page" in err and "TypedDataSet" in err and "Traceback" not in err
    assert not (project / "datapackages" / "bevolking").exists()


def test_an_unknown_table_is_an_error_naming_the_address(project, capsys):
    with serving(cbs_answers("other")) as base:
        assert run_import(project, base, "--allow-remote") == 2
    err = capsys.readouterr().err
    assert "/odata/37296ned/TableInfos" in err and "404" in err


def test_an_answer_over_the_download_size_is_refused(project, capsys):
    (project / "pyproject.toml").write_text("[tool.sourcecheck]\nlang = \"nl\"\n\n"
                                           "[tool.sourcecheck.limits]\ndownload-size = 500\n", encoding="utf-8")
    with serving(cbs_answers()) as base:
        assert run_import(project, base, "--allow-remote") == 2
    assert "download-size" in capsys.readouterr().err


def test_a_bad_name_or_table_is_refused_before_anything_is_asked(project):
    answers = cbs_answers()
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote", name="Bad Name") == 2
        assert main(["import", "cbs", "../etc", "ok", str(project), "--base-url", base, "--allow-remote"]) == 2
    assert answers.requests == []


def test_an_existing_package_is_replaced_only_with_force(project):
    with serving(cbs_answers()) as base:
        assert run_import(project, base, "--allow-remote") == 0
        assert run_import(project, base, "--allow-remote") == 2
        assert run_import(project, base, "--allow-remote", "--force") == 0


def test_a_redirect_to_another_http_address_is_followed(project):
    answers = cbs_answers()
    answers.redirects["/odata/37296ned/TypedDataSet"] = "/moved/TypedDataSet"
    answers.bodies["/moved/TypedDataSet"] = answers.bodies.pop("/odata/37296ned/TypedDataSet")
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote") == 0
    assert ("/moved/TypedDataSet", {}) in answers.requests  # where the Location header pointed


def test_a_redirect_to_a_local_file_is_refused(project, capsys):
    answers = cbs_answers()
    answers.redirects["/odata/37296ned/TypedDataSet"] = "file:///etc/passwd"
    with serving(answers) as base:
        assert run_import(project, base, "--allow-remote") == 2
    assert "only http and https" in capsys.readouterr().err
    assert not (project / "datapackages" / "bevolking").exists()


def test_a_server_slower_than_the_deadline_is_cut_off(project, capsys):
    (project / "pyproject.toml").write_text("[tool.sourcecheck]\nlang = \"nl\"\n\n"
                                           "[tool.sourcecheck.limits]\ndownload-seconds = 1\n", encoding="utf-8")
    answers = cbs_answers()
    answers.delays["/odata/37296ned/TypedDataSet"] = 5
    with serving(answers) as base:
        started = time.monotonic()
        assert run_import(project, base, "--allow-remote") == 2
        assert time.monotonic() - started < 4
    assert "download-seconds" in capsys.readouterr().err


def test_padded_codes_are_stripped_in_the_data_and_in_the_codes():
    body = cbs_answers().bodies["/odata/37296ned/TypedDataSet"]
    assert b'"2023JJ00  "' in body
    table = cbs_odata.convert(body, {"schema": {"fields": [{"name": "Perioden"}, {"name": "JongerDan20Jaar_10"}]}})
    assert table.decode().splitlines()[-1] == "2023JJ00,21.40"


def test_an_odata_v4_answer_converts_the_same_way():
    """OData v4 (odata4.cbs.nl .../Observations) answers with rows under "value" too, and
    names its next page "@odata.nextLink"."""
    rows = [{"Id": 0, "Measure": "M001534", "ValueAttribute": "None", "Value": 17811291.0, "Perioden": "2023JJ00"}]
    resource = {"schema": {"fields": [{"name": "Measure"}, {"name": "Perioden"}, {"name": "Value"}]}}
    body = json.dumps({"@odata.context": "https://odata4.cbs.nl/CBS/37296ned/$metadata#Observations",
                       "value": rows}).encode()
    assert cbs_odata.convert(body, resource) == b"Measure,Perioden,Value\nM001534,2023JJ00,17811291.0\n"
    paged = json.dumps({"value": rows, "@odata.nextLink": "https://odata4.cbs.nl/CBS/37296ned/Observations?$skip=1"})
    with pytest.raises(FormatError, match="next page"):
        cbs_odata.convert(paged.encode(), resource)


@pytest.mark.parametrize("body", [b"<html>", b'{"value": 3}', b'{"value": [1]}', b"\xff\xfe", b"[]"])
def test_what_is_not_an_odata_answer_is_a_format_error(body):
    with pytest.raises(FormatError):
        cbs_odata.convert(body, {})
