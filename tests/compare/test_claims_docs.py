"""docs/claims.md cannot fall behind the code: every claims code, slack, bound and operation."""

from __future__ import annotations

import re

import pytest
from claims_support import ROOT

from sourcecheck.codes import CODES
from sourcecheck.compare.derive import OPERATIONS
from sourcecheck.compare.intervals import BOUNDS
from sourcecheck.config import DEFAULT_SLACK, DEFAULT_WAIVED_KINDS
from sourcecheck.numbers.mention import Qualifier

DOC = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
CLAIM_CODES = [code for code in CODES.values() if code.code[2] in "345"]


@pytest.mark.parametrize("code", CLAIM_CODES, ids=lambda c: c.code)
def test_every_claims_code_is_documented(code):
    assert re.search(rf"\| {code.code} \| `{code.name}` \|", DOC), f"{code.code} {code.name} missing"


@pytest.mark.parametrize("name", sorted(DEFAULT_SLACK))
def test_every_slack_default_is_documented(name):
    assert f"`{name}` = {DEFAULT_SLACK[name]:.2f}" in DOC or f"`{name}` slack, default {DEFAULT_SLACK[name]:.2f}" in DOC


@pytest.mark.parametrize("qualifier", [q.value for q in Qualifier])
def test_every_qualifier_is_documented(qualifier):
    assert f"\n| {qualifier} |" in DOC


@pytest.mark.parametrize("op", sorted(OPERATIONS))
def test_every_derivation_is_documented(op):
    assert f"| `{op}` |" in DOC


def test_bounds_and_waived_kinds_are_documented():
    for bound in BOUNDS:
        assert f"`{bound}`" in DOC
    waived = sorted(DEFAULT_WAIVED_KINDS, key=["year", "date", "time", "duration", "age"].index)
    assert str(waived).replace("'", '"') in DOC
