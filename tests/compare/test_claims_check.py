"""`sourcecheck check` on edited copies of the example: ledger errors stop with exit 2 and a
file:line (never a traceback); config and per-claim slack; data problems under a claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcecheck import cli
from sourcecheck.run.check import check

ARTICLE = "articles/russen-in-servie/article.nl.txt"
LEDGER = "articles/russen-in-servie/claims.yaml"


def edit(project: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(project: Path, name: str, needle: str) -> int:
    lines = (project / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def run_cli(project: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("old,new,needle", [
    ("package: bcsp-2025\n", "package: bcsp-2052\n", "package: bcsp-2052"),
    ("resource: shares\n      key: disapprove", "resource: sharez\n      key: disapprove", "resource: sharez"),
    ("field: share\n      value: \"44\"", "field: shares\n      value: \"44\"", "field: shares"),
])
def test_unknown_package_resource_or_field_is_exit_2_with_file_and_line(project, capsys, old, new, needle):
    edit(project, LEDGER, old, new)
    code, out, err = run_cli(project, capsys)
    assert code == 2 and out == ""
    # the reference starts a few lines above the wrong entry: the error names the reference
    line = int(err.split("claims.yaml:")[1].split(":")[0])
    assert line_of(project, LEDGER, needle) - 5 <= line <= line_of(project, LEDGER, needle)
    assert "Traceback" not in err and "sourcecheck: error:" in err


def test_a_claim_on_a_package_whose_descriptor_is_broken_names_the_descriptor(project, capsys):
    (project / "datapackages/bcsp-2025/datapackage.json").write_text('{"name": ', encoding="utf-8")
    code, out, err = run_cli(project, capsys, "--no-cache")
    assert code == 2 and out == ""
    assert "package 'bcsp-2025' cannot be read" in err
    assert "datapackages/bcsp-2025/datapackage.json:1:" in err and "SC101" in err
    assert "unknown package" not in err and "Traceback" not in err


def test_bad_yaml_is_exit_2_with_its_line(project, capsys):
    edit(project, LEDGER, "exact: \"44%\"", "exact: \"44%")
    code, _, err = run_cli(project, capsys)
    assert code == 2 and "claims.yaml:" in err and "not valid YAML" in err


def test_a_derivation_that_tries_to_call_code_is_exit_2(project, capsys):
    edit(project, LEDGER, "op: share", "op: \"__import__('os').system('touch pwned')\"")
    code, _, err = run_cli(project, capsys)
    assert code == 2
    assert f"claims.yaml:{line_of(project, LEDGER, '__import__')}:" in err
    assert not (project / "pwned").exists() and not Path("pwned").exists()


def test_python_object_tag_is_exit_2(project, capsys):
    edit(project, LEDGER, 'value: "44"\n', 'value: !!python/object/apply:os.system ["touch pwned"]\n')
    code, _, err = run_cli(project, capsys)
    assert code == 2 and f"claims.yaml:{line_of(project, LEDGER, 'python/object')}:" in err
    assert not (project / "pwned").exists()


def test_an_article_without_a_ledger_has_every_statistic_unlinked(project):
    (project / LEDGER).unlink()
    report = check(project)
    assert report.exit_code == 1
    unlinked = [f for f in report.findings if f.code == "SC401"]
    assert len(unlinked) == report.coverage.unlinked > 0
    assert report.coverage.linked == 0
    assert {f.path for f in unlinked} == {ARTICLE}
    assert any("44%" in f.message for f in unlinked)
    assert not any("2018" in f.message for f in unlinked)  # a year: waived by default


def test_waive_kinds_can_be_configured(project):
    edit(project, "pyproject.toml", 'lang = "nl"', 'lang = "nl"\nwaive-kinds = ["date", "time", "duration", "age"]')
    report = check(project)
    unlinked = [f for f in report.failures if f.code == "SC401"]
    assert unlinked and all("(year)" in f.message for f in unlinked)
    assert any("'1999'" in f.message for f in unlinked)


def test_slack_from_the_config_and_per_claim(project):
    # tie "ongeveer 4.700" to the official count of 4,726 ballots
    edit(project, LEDGER, "key: cast-embassy\n      field: votes\n      value: \"4700\"",
         "key: cast\n      field: votes\n      value: \"4726\"")
    edit(project, LEDGER, "        text: \"ongeveer 4.700\"\n        value: \"4700\"",
         "        text: \"ongeveer 4.700\"\n        value: \"4726\"")
    assert check(project).exit_code == 0  # 4,726 is "about 4,700" with the default 10%
    edit(project, "pyproject.toml", 'lang = "nl"', 'lang = "nl"\n\n[tool.sourcecheck.slack]\nnear = "0.001"')
    report = check(project)
    assert [f.claim for f in report.failures] == ["belgrade-voters"]
    assert report.failures[0].code == "SC301"
    edit(project, LEDGER, "  - id: belgrade-voters\n", "  - id: belgrade-voters\n    slack: \"0.01\"\n")
    assert check(project).exit_code == 0


def test_a_malformed_slack_is_exit_2(project, capsys):
    edit(project, "pyproject.toml", 'lang = "nl"', 'lang = "nl"\n\n[tool.sourcecheck.slack]\nnearly = "0.1"')
    code, _, err = run_cli(project, capsys)
    assert code == 2 and "pyproject.toml" in err and "nearly" in err


def test_a_missing_record_is_reported(project):
    path = project / "datapackages/vote-abroad-2024/putin-share.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("serbia,")), encoding="utf-8")
    report = check(project)
    missing = {f.claim for f in report.failures if f.code == "SC303"}
    assert missing == {"putin-exit-poll-share", "second-in-opposition-votes", "second-most-putin-critical"}


def test_a_resource_failing_its_schema_is_reported_on_its_claims(project):
    # another row of the resource breaks a Table Schema constraint; the claim's own cell is intact
    edit(project, "datapackages/bcsp-2025/shares.csv", "Russia is heading in the wrong direction,51.9,",
         "Russia is heading in the wrong direction,151.9,")
    report = check(project)
    failing = {f.claim for f in report.failures if f.code == "SC304"}
    assert failing == {"disapprove-putin-policy"}


def test_a_duplicated_sentence_makes_the_anchor_ambiguous(project):
    sentence = "In bovenstaande grafiek is te zien dat 44% het Poetin-beleid niet goedkeurt."
    edit(project, ARTICLE, sentence, sentence + " " + sentence)
    report = check(project)
    codes = [f.code for f in report.failures if f.claim == "disapprove-putin-policy"]
    assert codes[0] == "SC403"
    # which 44% the claim means cannot be told, so neither is linked
    assert len([f for f in report.failures if f.code == "SC401" and "44%" in f.message]) == 2


def test_an_edit_that_still_agrees_is_text_changed_not_a_mismatch(project):
    edit(project, ARTICLE, "stemden ongeveer 4.700 Russische", "stemden ongeveer 4.710 Russische")
    report = check(project)
    codes = [f.code for f in report.failures if f.claim == "belgrade-voters"]
    assert "SC405" in codes and "SC301" not in codes


def test_json_output_from_the_cli(project, capsys):
    code, out, _ = run_cli(project, capsys, "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["valid"] is True
    assert document["coverage"]["unlinked"] == 0


def test_rank_within_an_unknown_field_is_exit_2_with_the_ledger(project, capsys):
    edit(project, LEDGER, "      op: rank\n      order: ascending\n",
         "      op: rank\n      order: ascending\n      within: {continent: Europe}\n")
    code, _, err = run_cli(project, capsys)
    assert code == 2 and "claims.yaml:" in err and "continent" in err
