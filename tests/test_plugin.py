"""The pytest plugin: ``pytest --sourcecheck`` makes every claim a test item."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sourcecheck

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
SLUG = "russen-in-servie"


@pytest.fixture
def project(pytester: pytest.Pytester) -> Path:
    """A copy of the bundled example, to break in the ways a test needs."""
    for folder in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / folder, pytester.path / folder)
    shutil.copy(ROOT / "pyproject.toml", pytester.path / "pyproject.toml")
    return pytester.path


def collected_ids(result: pytest.RunResult) -> list[str]:
    return [line for line in result.outlines if "::" in line and not line.startswith(" ")]


def test_one_item_per_claim_of_the_example(pytester):
    result = pytester.runpytest_subprocess("--sourcecheck", f"--sourcecheck-path={ROOT}", "--collect-only", "-q",
                                "-p", "no:cacheprovider")
    report = sourcecheck.check(ROOT)
    claims = [claim.id for claim in report.claims if claim.verdict != "waived"]
    assert len(claims) >= 10
    expected = [f"{SLUG}::{claim}" for claim in claims] + [f"{SLUG}::[numbers]"]
    assert collected_ids(result) == expected
    result.stdout.fnmatch_lines([f"{len(expected)} tests collected*"])


def test_the_plugin_is_idle_unless_asked(pytester):
    result = pytester.runpytest_subprocess(f"--sourcecheck-path={ROOT}", "--collect-only", "-q",
                                "-p", "no:cacheprovider")
    assert collected_ids(result) == []
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_drifted_claim_and_an_unlinked_number_each_fail_their_item(pytester, project):
    article = project / "articles" / SLUG / "article.nl.txt"
    text = article.read_text(encoding="utf-8")
    assert text.count("44% het Poetin-beleid") == 1
    text = text.replace("44% het Poetin-beleid", "54% het Poetin-beleid")
    article.write_text(text + "\nVolgens een peiling wil 37% blijven.\n", encoding="utf-8")
    result = pytester.runpytest_subprocess("--sourcecheck", "-m", "sourcecheck", "-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == 2 and outcomes["passed"] >= 10
    result.stdout.fnmatch_lines([
        f"*_ {SLUG}::disapprove-putin-policy _*",
        "*SC301 text-mismatch: the text says '54%'*",
        f"*_ {SLUG}::[[]numbers[]] _*",
        "*SC401 unlinked-statistic*'37%'*",
        f"FAILED {SLUG}::disapprove-putin-policy*",
        f"FAILED {SLUG}::[[]numbers[]]*",
    ])
    assert "Traceback" not in result.stdout.str()


def test_a_broken_ledger_is_one_failing_item_with_its_place(pytester, project):
    ledger = project / "articles" / SLUG / "claims.yaml"
    ledger.write_text("claims:\n  - id: [unclosed\n", encoding="utf-8")
    result = pytester.runpytest_subprocess("--sourcecheck", "-m", "sourcecheck", "-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == 1 and "passed" not in outcomes
    result.stdout.fnmatch_lines(["*sourcecheck could not check*claims.yaml:*"])
    assert "Traceback" not in result.stdout.str()


def test_a_changed_pinned_data_file_fails_one_data_item(pytester, project):
    from sourcecheck.cli import main

    assert main(["lock", str(project)]) == 0
    rules = project / "datapackages" / "serbia-visa-rules" / "rules.csv"
    data = rules.read_bytes()
    assert data.count(b"(ordinary passports") == 1
    rules.write_bytes(data.replace(b"(ordinary passports", b"(ordinary passport"))  # no cell a claim reads
    result = pytester.runpytest_subprocess("--sourcecheck", "-m", "sourcecheck", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*_ sourcecheck::[[]data[]] _*", "*rules.csv: SC106 hash-mismatch: the file is not*"])
    assert result.parseoutcomes()["failed"] == 1
