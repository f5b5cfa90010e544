"""The code registry feeds ``sourcecheck rules`` and docs/codes.md; the docs cannot go stale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sourcecheck.cli import main
from sourcecheck.codes import CODES, Code, Severity
from sourcecheck.errors import UsageError
from sourcecheck.formats.codelist import block_of, render

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "codes.md"
REGENERATE = "regenerate it: sourcecheck rules --format markdown > docs/codes.md"


def documented_codes() -> dict[str, tuple[str, str, str]]:
    """code -> (name, severity, summary) as the table rows of docs/codes.md say."""
    rows = re.findall(r"^\| (SC\d{3}) \| `([a-z0-9-]+)` \| (\w+) \| (.*) \|$",
                      DOC.read_text(encoding="utf-8"), flags=re.M)
    return {code: (name, severity, summary) for code, name, severity, summary in rows}


def test_every_code_is_documented_with_its_current_name_and_summary():
    documented = documented_codes()
    missing = sorted(set(CODES) - set(documented))
    assert not missing, f"docs/codes.md lacks {missing}; {REGENERATE}"
    stale = sorted(set(documented) - set(CODES))
    assert not stale, f"docs/codes.md lists retired or unknown codes {stale}; {REGENERATE}"
    for key, code in CODES.items():
        assert documented[key] == (code.name, str(code.severity), code.summary), \
            f"docs/codes.md is stale for {key}; {REGENERATE}"


def test_the_documentation_page_is_exactly_what_the_registry_renders():
    assert DOC.read_text(encoding="utf-8") == render("markdown"), REGENERATE


def test_rules_command_lists_every_code_once(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(CODES)
    for line in lines:
        code = CODES[line.split()[0]]
        assert line.split()[1] == code.name and line.endswith(code.summary)


def test_rules_as_json_round_trip_to_the_registry(capsys):
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {row["code"] for row in listed} == set(CODES)
    for row in listed:
        code = CODES[row["code"]]
        assert Code(row["code"], row["name"], Severity(row["severity"]), row["summary"]) == code
        assert row["block"] == block_of(code)


def test_markdown_groups_codes_by_block_in_order():
    page = render("markdown")
    headings = re.findall(r"^## (.+)$", page, flags=re.M)
    expected = []
    for key in sorted(CODES):
        if block_of(CODES[key]) not in expected:
            expected.append(block_of(CODES[key]))
    assert headings == expected


def test_markdown_escapes_pipes_in_summaries():
    code = Code("SC999", "odd-one", Severity.NOTE, "A | B.")
    assert "| A \\| B. |" in render("markdown", [code])
    assert block_of(code) == "Other"


def test_unknown_rules_format_is_a_usage_error():
    with pytest.raises(UsageError):
        render("yaml")
