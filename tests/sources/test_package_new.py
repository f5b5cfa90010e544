"""``sourcecheck package new``: raw tables become a data package that validates as it is."""

from __future__ import annotations

import csv
import datetime
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sourcecheck
from example_project import empty_project
from sourcecheck.cli import main
from sourcecheck.errors import InputError, UsageError
from sourcecheck.sources import inference, new_package
from sourcecheck.sources.new_package import Provenance
from sourcecheck.sources.schemas import SchemaFile, load_schema, run_schema

REGIONS = ("code,name,population,share\n"
           "NL11,Groningen,586937,3.3\n"
           "NL12,Friesland,654000,3.7\n"
           "NL13,Drenthe,,2.8\n")
BIRTHS = ("region,year,births,rate\n"
          "NL11,2023,5000,8.5\n"
          "NL12,2023,6100,9.4\n"
          "NL11,2024,5000,8.4\n")
OPTIONS = ["--title", "Bevolking en geboorte per provincie", "--publisher", "CBS",
           "--source", "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/37230ned"]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """Two raw tables as a newsroom downloads them, outside the project."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "Regio's 2024.csv").write_text(REGIONS, encoding="utf-8")
    (folder / "births.csv").write_text(BIRTHS, encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return empty_project(tmp_path / "newsroom", "nl")


def package_new(raw: Path, project: Path, *extra: str, name: str = "cbs") -> int:
    return main(["package", "new", name, str(raw / "Regio's 2024.csv"), str(raw / "births.csv"),
                 *OPTIONS, *extra, str(project)])


def descriptor_of(project: Path, name: str = "cbs") -> dict:
    return json.loads((project / "datapackages" / name / "datapackage.json").read_text(encoding="utf-8"))


def validate_json(project: Path, capsys) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main(["validate", str(project), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def test_the_written_package_validates_as_it_is(raw, project, capsys):
    assert package_new(raw, project) == 0
    out = capsys.readouterr().out
    assert "datapackages/cbs/" in out and "foreign key region -> regio-s-2024.code" in out
    assert validate_json(project, capsys) == (0, [])
    package = project / "datapackages" / "cbs"
    assert sorted(p.name for p in package.iterdir()) == ["births.csv", "datapackage.json", "regio-s-2024.csv"]
    assert (package / "regio-s-2024.csv").read_text(encoding="utf-8") == REGIONS  # a copy, byte for byte


def test_types_required_cells_and_keys_are_inferred(raw, project):
    assert package_new(raw, project) == 0
    descriptor = descriptor_of(project)
    regions, births = resource(descriptor, "regio-s-2024"), resource(descriptor, "births")
    fields = {f["name"]: f for f in regions["schema"]["fields"]}
    assert {name: f["type"] for name, f in fields.items()} == {
        "code": "string", "name": "string", "population": "integer", "share": "number"}
    assert fields["code"]["constraints"] == {"required": True, "unique": True}
    assert "constraints" not in fields["population"]  # Drenthe's population is empty
    assert fields["share"]["constraints"] == {"required": True}
    assert regions["schema"]["primaryKey"] == ["code"]
    # no column of births is unique alone (5000 births twice): region and year together are
    assert births["schema"]["primaryKey"] == ["region", "year"]
    assert births["schema"]["foreignKeys"] == [
        {"fields": ["region"], "reference": {"resource": "regio-s-2024", "fields": ["code"]}}]
    assert "foreignKeys" not in regions["schema"]


def test_provenance_is_filled_from_the_options(raw, project):
    assert package_new(raw, project, "--retrieved", "2026-12-01", "--doi", "10.1234/cbs.37230") == 0
    descriptor = descriptor_of(project)
    assert descriptor["name"] == "cbs"
    assert descriptor["title"] == "Bevolking en geboorte per provincie"
    assert descriptor["publisher"] == "CBS" and descriptor["doi"] == "10.1234/cbs.37230"
    assert descriptor["retrieved"] == "2026-12-01"
    assert descriptor["sources"] == [{"title": "CBS", "path": OPTIONS[-1], "retrieved": "2026-12-01"}]
    # the place in the source of each table: the file it came from
    assert [r["locator"] for r in descriptor["resources"]] == ["Regio's 2024.csv", "births.csv"]


def test_retrieved_defaults_to_today(raw, project):
    assert package_new(raw, project) == 0
    assert descriptor_of(project)["retrieved"] == datetime.datetime.now(datetime.UTC).date().isoformat()


def test_the_pandera_stubs_load_and_hold_the_ranges_of_the_data(raw, project):
    assert package_new(raw, project) == 0
    package = new_package.Project.load(project)
    from sourcecheck.sources.catalog import load_catalog

    catalog = load_catalog(package)
    births = catalog.resource("cbs", "births")
    path = project / "schemas" / "cbs.births.yaml"
    text = path.read_text(encoding="utf-8")
    assert "docs/validation.md" in text and "# checks:" in text  # how to add a statistical rule
    loaded, problem = load_schema(SchemaFile(path, "schemas/cbs.births.yaml", "cbs", "births"))
    assert problem is None and loaded is not None
    assert {name: column.dtype for name, column in loaded.columns.items()} == dict.fromkeys(
        ["region", "year", "births", "rate"])
    births_checks = {check.name: check.statistics for check in loaded.columns["births"].checks}
    assert births_checks == {"greater_than_or_equal_to": {"min_value": 5000},
                             "less_than_or_equal_to": {"max_value": 6100}}
    regions, _ = load_schema(SchemaFile(project / "schemas" / "cbs.regio-s-2024.yaml", "x", "cbs", "regio-s-2024"))
    assert regions is not None
    assert regions.columns["population"].nullable and not regions.columns["code"].nullable
    assert run_schema(loaded, births.frame, "x") == []
    more = births.frame.copy()
    more.loc[1, "births"] = 7000
    assert [(f.code, f.row, f.field) for f in run_schema(loaded, more, "x")] == [("SC201", 3, "births")]


def test_an_existing_package_is_refused_without_force(raw, project, capsys):
    assert package_new(raw, project) == 0
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    (raw / "births.csv").write_text(BIRTHS.replace("6100", "6101"), encoding="utf-8")
    capsys.readouterr()
    assert package_new(raw, project) == 2
    assert "datapackages/cbs already exists; use --force" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_a_schema_left_by_an_earlier_package_is_refused_too(raw, project, capsys):
    (project / "schemas").mkdir()
    (project / "schemas" / "cbs.births.yaml").write_text("mine\n", encoding="utf-8")
    assert package_new(raw, project) == 2
    assert "schemas/cbs.births.yaml already exists" in capsys.readouterr().err
    assert not (project / "datapackages" / "cbs").exists()
    assert (project / "schemas" / "cbs.births.yaml").read_text(encoding="utf-8") == "mine\n"


def test_force_replaces_the_package_and_its_schemas(raw, project, capsys):
    assert package_new(raw, project) == 0
    (raw / "births.csv").unlink()
    (raw / "regions-2025.csv").write_text(REGIONS.replace("586937", "590000"), encoding="utf-8")
    assert main(["package", "new", "cbs", str(raw / "regions-2025.csv"), *OPTIONS, "--force", str(project)]) == 0
    assert [r["name"] for r in descriptor_of(project)["resources"]] == ["regions-2025"]
    assert sorted(p.name for p in (project / "datapackages" / "cbs").iterdir()) == [
        "datapackage.json", "regions-2025.csv"]
    # the old package's schemas went with it (an orphan schema would fail validate)
    assert sorted(p.name for p in (project / "schemas").iterdir()) == ["cbs.regions-2025.yaml"]
    assert sorted(p.name for p in (project / "datapackages").iterdir()) == ["cbs"]  # no temporary folder left
    assert validate_json(project, capsys) == (0, [])


def test_force_keeps_the_old_package_when_the_new_one_cannot_be_put_in_place(raw, project, monkeypatch):
    assert package_new(raw, project) == 0
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    rename = os.rename

    def failing(source, target):
        if Path(source).name.endswith(".new"):
            raise OSError(28, "No space left on device")
        rename(source, target)

    monkeypatch.setattr(new_package.os, "rename", failing)
    with pytest.raises(InputError, match="No space left on device"):
        new_package.new_package("cbs", [raw / "births.csv"], Provenance("T", "P", "https://x"),
                                project=project, force=True)
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in (project / "datapackages").iterdir()) == ["cbs"]


@pytest.mark.parametrize("name", ["", "..", ".", "a/b", "../up", "Capitals", "a.b", "a b", "-lead",
                                  "trail-", "ü", "x" * 101])
def test_an_unsafe_name_is_refused(raw, project, name):
    with pytest.raises(UsageError, match="not a safe package name"):
        new_package.new_package(name, [raw / "births.csv"], Provenance("T", "P", "https://x"), project=project)
    assert not (project / "datapackages").exists()


def test_an_unsafe_name_is_exit_2(raw, project, capsys):
    assert package_new(raw, project, name="../up") == 2
    assert "not a safe package name" in capsys.readouterr().err
    assert not (project / "datapackages").exists() and not (project.parent / "up").exists()


@pytest.mark.parametrize(("content", "says"), [
    (None, "no such file"),
    (b"", "no header row"),
    (b"naam,n\n\xc9\xe9n,1\n", "not UTF-8"),
    (b"a,b\n1,2\n3\n", "row 3"),
    (b"a,,c\n1,2,3\n", "header of column 2 is empty"),
])
def test_a_table_that_cannot_be_read_is_exit_2_naming_the_file(raw, project, capsys, content, says):
    bad = raw / "kapot.csv"
    if content is not None:
        bad.write_bytes(content)
    assert main(["package", "new", "cbs", str(raw / "births.csv"), str(bad), *OPTIONS, str(project)]) == 2
    err = capsys.readouterr().err
    assert "kapot.csv" in err and says in err
    assert not (project / "datapackages").exists() and not (project / "schemas").exists()


def test_bad_options_are_exit_2(raw, project, capsys):
    assert package_new(raw, project, "--retrieved", "yesterday") == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(UsageError, match="--publisher must not be empty"):
        new_package.new_package("cbs", [raw / "births.csv"], Provenance("T", " ", "https://x"), project=project)
    with pytest.raises(UsageError, match="would both be resource 'births'"):
        (raw / "sub").mkdir()
        (raw / "sub" / "Births.csv").write_text(BIRTHS, encoding="utf-8")
        new_package.new_package("cbs", [raw / "births.csv", raw / "sub" / "Births.csv"],
                                Provenance("T", "P", "https://x"), project=project)


def test_run_from_a_subfolder_writes_into_the_project(raw, project, monkeypatch, capsys):
    (project / "articles").mkdir()
    monkeypatch.chdir(project / "articles")
    assert main(["package", "new", "cbs", str(raw / "births.csv"), *OPTIONS]) == 0
    assert (project / "datapackages" / "cbs" / "births.csv").is_file()
    assert (project / "schemas" / "cbs.births.yaml").is_file()


def test_a_cell_beyond_the_sample_that_does_not_fit_makes_its_field_text(raw, project, monkeypatch, capsys):
    monkeypatch.setattr(inference, "SAMPLE_ROWS", 2)
    (raw / "late.csv").write_text("id,n\na,1\nb,2\nc,3\nd,n/a\n", encoding="utf-8")
    assert main(["package", "new", "late", str(raw / "late.csv"), *OPTIONS, str(project)]) == 0
    assert "read as text: n" in capsys.readouterr().out
    fields = resource(descriptor_of(project, "late"), "late")["schema"]["fields"]
    assert [f["type"] for f in fields] == ["string", "string"]
    assert validate_json(project, capsys) == (0, [])


def test_an_integer_column_is_no_foreign_key_unless_it_bears_the_key_name(raw, project):
    (raw / "wards.csv").write_text("ward,name\n1,Noord\n2,Zuid\n3,Oost\n", encoding="utf-8")
    (raw / "votes.csv").write_text("party,seats,ward\nA,1,1\nB,2,3\n", encoding="utf-8")
    assert main(["package", "new", "poll", str(raw / "wards.csv"), str(raw / "votes.csv"), *OPTIONS,
                 str(project)]) == 0
    keys = resource(descriptor_of(project, "poll"), "votes")["schema"]["foreignKeys"]
    assert keys == [{"fields": ["ward"], "reference": {"resource": "wards", "fields": ["ward"]}}]


def test_a_claim_on_the_new_package_holds_and_shows_the_resource_locator(raw, project, capsys):
    assert package_new(raw, project) == 0
    article = project / "articles" / "groningen"
    article.mkdir(parents=True)
    (article / "article.nl.txt").write_text("Groningen telde 586.937 inwoners.\n", encoding="utf-8")
    (article / "claims.yaml").write_text(
        "article: article.nl.txt\nlang: nl\nclaims:\n"
        "  - id: groningen\n    anchor: {prefix: \"Groningen telde \", exact: \"586.937\", suffix: \" inwoners\"}\n"
        "    source: {package: cbs, resource: regio-s-2024, key: NL11, field: population, value: \"586937\"}\n",
        encoding="utf-8")
    assert main(["check", str(project), "--no-cache"]) == 0
    report = sourcecheck.check(project, cache=False)
    assert [(c.id, c.verdict, c.locator) for c in report.claims] == [("groningen", "holds", "Regio's 2024.csv")]


def test_a_resource_without_any_locator_still_lacks_provenance(raw, project, capsys):
    assert package_new(raw, project) == 0
    path = project / "datapackages" / "cbs" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    del descriptor["resources"][1]["locator"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    code, findings = validate_json(project, capsys)
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [("SC130", "datapackages/cbs/births.csv")]


CELL = st.one_of(st.integers(-10**6, 10**6).map(str),
                 st.sampled_from(["", "x", "NL11", "1.5", "8,5", "1.234,5", "4,726", "2024-01-31", "2024-01",
                                  "true", "12:30:00", "P1D", '{"a": 1}', "[1]", "5.2, 52.1", "n/a"]),
                 st.text(st.characters(codec="utf-8", exclude_characters="\r\n", exclude_categories=["Cs"]),
                         max_size=6))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 4).flatmap(lambda width: st.lists(st.lists(CELL, min_size=width, max_size=width),
                                                        min_size=1, max_size=6)))
def test_any_rectangle_of_cells_becomes_a_package_that_validates(tmp_path, rows):
    root = tmp_path / f"p{len(list(tmp_path.iterdir()))}"
    root.mkdir()
    table = root / "table.csv"
    with table.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([f"c{i}" for i in range(len(rows[0]))])
        writer.writerows(row for row in rows if any(cell.strip() for cell in row))  # a blank row is refused
    new_package.new_package("t", [table], Provenance("T", "P", "https://x"), project=root)
    assert main(["validate", str(root)]) == 0


def test_a_dutch_table_with_semicolons_and_decimal_commas_is_typed_as_numbers(raw, project, capsys):
    (raw / "cbs.csv").write_bytes(
        '\ufeff"Regio\'s";"Perioden";"Geboortecijfer (per 1 000 inwoners)";"Bedrag"\r\n'
        '"Groningen (PV)";"2023";"8,5";"1.234,5"\r\n"Fryslân (PV)";"2023";"9,4";"12,25"\r\n'.encode())
    assert main(["package", "new", "cbs", str(raw / "cbs.csv"), *OPTIONS, str(project)]) == 0
    entry = resource(descriptor_of(project), "cbs")
    assert entry["dialect"] == {"csv": {"delimiter": ";"}}
    fields = {f["name"]: f for f in entry["schema"]["fields"]}
    assert [fields[name]["type"] for name in fields] == ["string", "integer", "number", "number"]
    assert fields["Bedrag"]["decimalChar"] == "," and fields["Bedrag"]["groupChar"] == "."
    assert validate_json(project, capsys) == (0, [])
    stub = (project / "schemas" / "cbs.cbs.yaml").read_text(encoding="utf-8")
    assert "greater_than_or_equal_to: 12.25\n    less_than_or_equal_to: 1234.5" in stub


def test_commas_that_may_group_thousands_are_not_guessed_to_be_decimal(raw, project, capsys):
    (raw / "votes.csv").write_text('candidate,votes\nDavankov,"3,185"\nPutin,"4,726"\n', encoding="utf-8")
    assert main(["package", "new", "votes", str(raw / "votes.csv"), *OPTIONS, str(project)]) == 0
    fields = resource(descriptor_of(project, "votes"), "votes")["schema"]["fields"]
    assert [f["type"] for f in fields] == ["string", "string"]
    assert validate_json(project, capsys) == (0, [])


def test_a_datapackages_folder_that_leads_outside_the_project_is_refused(raw, project, tmp_path, capsys):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "datapackages").symlink_to(outside)
    assert package_new(raw, project) == 2
    assert "leads outside the project" in capsys.readouterr().err
    assert list(outside.iterdir()) == [] and not (project / "schemas").exists()


def test_the_folders_the_project_names_are_used(raw, project, capsys):
    (project / "pyproject.toml").write_text('[tool.sourcecheck]\ndatapackages = "data"\nschemas = "rules"\n',
                                            encoding="utf-8")
    assert package_new(raw, project) == 0
    assert (project / "data" / "cbs" / "datapackage.json").is_file()
    assert sorted(p.name for p in (project / "rules").iterdir()) == ["cbs.births.yaml", "cbs.regio-s-2024.yaml"]
    assert validate_json(project, capsys) == (0, [])


def test_a_date_column_gets_its_range_as_dates(raw, project, capsys):
    (raw / "events.csv").write_text("event,day\nlaunch,2025-02-20\nreport,2024-11-30\nvote,\n", encoding="utf-8")
    assert main(["package", "new", "events", str(raw / "events.csv"), *OPTIONS, str(project)]) == 0
    fields = resource(descriptor_of(project, "events"), "events")["schema"]["fields"]
    assert [f["type"] for f in fields] == ["string", "date"]
    stub = (project / "schemas" / "events.events.yaml").read_text(encoding="utf-8")
    assert ("  day:\n    dtype: null\n    nullable: true\n    greater_than_or_equal_to: '2024-11-30'\n"
            "    less_than_or_equal_to: '2025-02-20'\n") in stub
    assert validate_json(project, capsys) == (0, [])
    copy = project / "datapackages" / "events" / "events.csv"
    copy.write_text(copy.read_text(encoding="utf-8").replace("2025-02-20", "2026-01-01"), encoding="utf-8")
    code, findings = validate_json(project, capsys)
    assert (code, [(f["code"], f["row"], f["field"]) for f in findings]) == (1, [("SC201", 2, "day")])
