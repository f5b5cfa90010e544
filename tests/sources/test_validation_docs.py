"""docs/validation.md's schema file and rule table are what the code registers."""

from __future__ import annotations

import re
from pathlib import Path

import pandera.pandas as pa
import pytest

from sourcecheck.sources.statistics import RULES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "validation.md").read_text("utf-8")
SECTION = DOC.split("## A pandera schema file", 1)[1].split("\n## ", 1)[0]


def test_the_rule_table_lists_every_registered_rule_with_its_code():
    rows = re.findall(r"^\| `(\w+)` \| (SC\d+) \|", SECTION, flags=re.MULTILINE)
    assert {name: code for name, code in rows} == {name: str(rule.code) for name, rule in RULES.items()}


@pytest.mark.parametrize("block", re.findall(r"```yaml\n(.*?)```", SECTION, flags=re.DOTALL))
def test_every_yaml_example_names_registered_rules_and_the_full_file_loads(block):
    names = re.findall(r"check_name: (\w+)", block)
    assert names and all(name in RULES for name in names)
    if block.startswith("# schemas/"):
        schema = pa.DataFrameSchema.from_yaml(block)
        assert [check.name for check in schema.checks] == names
