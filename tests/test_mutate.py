"""sourcecheck mutate: the check catches every edit of a linked number on the example."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.cli import main
from sourcecheck.mutate import (
    CAUGHT,
    EQUIVALENCES,
    EQUIVALENT,
    SURVIVED,
    Mutant,
    MutationReport,
    cell_edits,
    run,
    text_edits,
)
from sourcecheck.mutate.equivalent import classify

ROOT = Path(__file__).resolve().parents[1]

EXAMPLE = [ROOT / "pyproject.toml", ROOT / "articles", ROOT / "datapackages", ROOT / "schemas"]


def _tree_digest(paths: list[Path]) -> dict[str, str]:
    digests = {}
    for top in paths:
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            digests[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


@pytest.fixture(scope="module")
def example_report() -> tuple[MutationReport, dict[str, str], dict[str, str]]:
    before = _tree_digest(EXAMPLE)
    report = run(ROOT)
    return report, before, _tree_digest(EXAMPLE)


def test_every_mutant_of_the_example_is_caught_or_meaning_preserving(example_report):
    report, _, _ = example_report
    assert report.survivors == [], "\n".join(m.description for m in report.survivors)
    assert report.score == 1.0
    assert report.exit_code == 0
    for mutant in report.equivalent:
        assert mutant.equivalence is not None and mutant.equivalence.reason


def test_every_linked_claim_gets_text_and_cell_mutants(example_report):
    report, _, _ = example_report
    from sourcecheck.ledger.load import load_ledger

    ledger = load_ledger(ROOT / "articles" / "russen-in-servie" / "claims.yaml")
    for claim in ledger.claims:
        mine = [m for m in report.mutants if m.claim == claim.id]
        assert {m.target for m in mine} == {"text", "cell"}, claim.id
    operators = {m.operator for m in report.mutants}
    # the edits the issue names, all exercised on the example
    assert {"last-digit", "magnitude", "separator-removed", "separator-moved", "decimal-mark-swapped",
            "percent-spelled", "qualifier-swapped", "qualifier-removed", "number-word",
            "cell-last-digit", "cell-magnitude"} <= operators
    assert len(report.mutants) >= 60


def test_the_project_is_never_edited_in_place(example_report):
    _, before, after = example_report
    assert before == after


def test_caught_mutants_name_the_finding_that_caught_them(example_report):
    report, _, _ = example_report
    for mutant in report.caught:
        assert mutant.evidence.startswith("SC"), mutant.description


def test_cli_prints_the_score_and_exits_0(capsys):
    assert main(["mutate", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("mutation score: 100.0% (")
    assert "0 surviving" in out


def test_cli_json_round_trips(example_report, monkeypatch, capsys):
    import sourcecheck.mutate as mutate_module

    monkeypatch.setattr(mutate_module, "run", lambda path: example_report[0])
    assert main(["mutate", str(ROOT), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["survived"] == 0
    assert data["caught"] + data["meaning_preserving"] == data["mutants"] == len(data["details"])


def _copy_example(tmp_path: Path) -> Path:
    for path in EXAMPLE:
        target = tmp_path / path.name
        if path.is_dir():
            shutil.copytree(path, target)
        else:
            shutil.copy2(path, target)
    return tmp_path


def test_a_real_survivor_is_listed_and_fails_the_run(example_report, monkeypatch, capsys):
    """A survivor that no rule explains is a weakness: listed, exit 1."""
    import sourcecheck.mutate as mutate_module

    weak = _mutant("last-digit", "30", "31")
    weak.claim = "visa-run-30-days"
    report = MutationReport([*example_report[0].mutants, weak])
    monkeypatch.setattr(mutate_module, "run", lambda path: report)
    assert main(["mutate", str(ROOT)]) == 1
    out = capsys.readouterr().out
    assert "survivors (the check misses these edits):" in out
    assert "[visa-run-30-days] last-digit: x '30' -> '31'" in out
    assert report.score < 1.0


def test_a_failing_project_cannot_be_mutated(tmp_path, capsys):
    project = _copy_example(tmp_path)
    article = project / "articles" / "russen-in-servie" / "article.nl.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("eens in de 30 dagen", "eens in de 31 dagen"),
                       encoding="utf-8")
    assert main(["mutate", str(project)]) == 2
    assert "failing finding" in capsys.readouterr().err


def test_operators_in_dutch():
    edits = {e.operator: e.text for e in text_edits("meer dan 4.700", "nl")}
    assert edits["last-digit"] == "meer dan 4.701"
    assert edits["magnitude"] == "meer dan 47.000"
    assert edits["separator-removed"] == "meer dan 4700"
    assert edits["separator-moved"] == "meer dan 47.00"
    assert edits["decimal-mark-swapped"] == "meer dan 4,700"
    assert edits["qualifier-swapped"] == "minder dan 4.700"
    assert edits["qualifier-removed"] == "4.700"
    percent = {e.operator: e.text for e in text_edits("44%", "nl")}
    assert percent["percent-spelled"] == "44 procent"
    assert {e.operator: e.text for e in text_edits("44 procent", "nl")}["percent-sign"] == "44%"
    assert {e.operator: e.text for e in text_edits("Bijna 40,2%", "nl")}["magnitude"] == "Bijna 402%"
    assert {e.operator: e.text for e in text_edits("Bijna 300", "nl")}["qualifier-swapped"] == "Ruim 300"


def test_operators_in_english():
    edits = {e.operator: e.text for e in text_edits("more than 4,700", "en")}
    assert edits["magnitude"] == "more than 47,000"
    assert edits["separator-removed"] == "more than 4700"
    assert edits["decimal-mark-swapped"] == "more than 4.700"
    assert edits["qualifier-swapped"] == "less than 4,700"
    assert {e.operator: e.text for e in text_edits("number two", "en")}["number-word"] == "number three"


def test_cell_operators():
    assert [(e.operator, e.text) for e in cell_edits("4726")] == [("cell-last-digit", "4727"),
                                                                  ("cell-magnitude", "47260")]
    assert [e.text for e in cell_edits("4000..6000")] == ["4000..6001", "40000..60000"]
    assert [e.text for e in cell_edits("2024-03-17")] == ["2024-03-18"]
    assert cell_edits("n/a") == []


@given(st.text(max_size=40), st.sampled_from(["nl", "en"]))
def test_text_edits_always_change_the_text(text, lang):
    for edit in text_edits(text, lang):
        assert edit.text != text
        assert edit.text.strip()


def _mutant(operator: str, before: str, after: str, target: str = "text", derive_op: str | None = None) -> Mutant:
    return Mutant("c", target, operator, "x", before, after, derive_op, status=SURVIVED)


def test_meaning_preserving_rules_are_narrow():
    assert classify(_mutant("percent-spelled", "44%", "44 procent")).name == "percent-word"
    assert classify(_mutant("qualifier-removed", "Slechts 3%", "3%")).name == "only"
    assert classify(_mutant("qualifier-removed", "ongeveer 4.700", "4.700")) is None
    assert classify(_mutant("cell-last-digit", "2024-03-17", "2024-03-18", "cell", "year")).name == "same-year"
    assert classify(_mutant("cell-last-digit", "2024-03-17", "2024-03-18", "cell", "share")) is None
    assert classify(_mutant("cell-last-digit", "2029", "2028", "cell", "year")) is None
    assert classify(_mutant("last-digit", "44%", "45%")) is None


def test_same_reading_needs_the_checks_note_and_a_text_edit():
    reworded = _mutant("separator-removed", "ongeveer 4.700", "ongeveer 4700")
    assert classify(reworded) is None  # a survivor the check said nothing about is a weakness
    reworded.notes = ("SC409",)
    assert classify(reworded).name == "same-reading"
    cell = _mutant("cell-last-digit", "4726", "4727", "cell")
    cell.notes = ("SC409",)
    assert classify(cell) is None


def test_meaning_preserving_edits_of_the_example_are_equivalent_not_caught(example_report):
    report, _, _ = example_report
    by_edit = {(m.claim, m.operator): m for m in report.mutants}
    for claim, before, after in [("belgrade-voters", "ongeveer 4.700", "ongeveer 4700"),
                                 ("community-more-than-200000", "meer dan 200.000", "meer dan 200000"),
                                 ("exit-poll-sample", "bijna 4.000", "bijna 4000")]:
        mutant = by_edit[(claim, "separator-removed")]
        assert (mutant.before, mutant.after) == (before, after)
        assert mutant.status == EQUIVALENT and mutant.equivalence.name == "same-reading", mutant.description
        assert mutant.evidence.startswith("SC409: ")
    # an edit that keeps agreeing with the source but reads differently is still caught
    swapped = by_edit[("community-just-under-200000", "qualifier-swapped")]
    assert swapped.after == "Ruim tweehonderdduizend" and swapped.status == CAUGHT
    assert swapped.evidence.startswith("SC405: the text said 'Een kleine tweehonderdduizend' [")
    assert len(report.equivalent) == len([m for m in report.mutants if m.equivalence is not None])
    assert report.score == len(report.caught) / (len(report.mutants) - len(report.equivalent))


def test_every_rule_is_documented():
    doc = (ROOT / "docs" / "mutation.md").read_text(encoding="utf-8")
    for rule in EQUIVALENCES:
        assert f"`{rule.name}`" in doc, rule.name
    assert "sourcecheck mutate" in doc


def test_statuses_are_the_three_documented():
    assert {CAUGHT, SURVIVED, EQUIVALENT} == {"caught", "survived", "meaning-preserving"}
