"""The outside test suite: Microsoft Recognizers-Text's Dutch and English Number and
Percent specs (shared/peer-specs), at least 90% of the cases of each file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _runner():
    spec = importlib.util.spec_from_file_location("peer_specs", ROOT / "scripts" / "peer_specs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["peer_specs"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


PEER = _runner()


FILES = [pytest.param(lang, model, id=f"{lang}/{model}") for lang, model in PEER.FILES]


@pytest.mark.parametrize(("lang", "model"), FILES)
def test_at_least_90_percent_of_each_spec_file_passes(shared: Path, lang: str, model: str):
    assert PEER.SPECS == shared / "peer-specs" / "recognizers-text"
    outcomes = PEER.run(lang, model)
    assert len(outcomes) > 10
    passed = sum(outcome.passed for outcome in outcomes)
    failures = [(o.input, o.expected, o.found) for o in outcomes if not o.passed]
    assert passed / len(outcomes) >= 0.9, f"{passed}/{len(outcomes)} passed; failing: {failures}"


def test_percent_words_without_a_number_are_mentions_without_a_value():
    """The three en/PercentModel cases whose percentage has no figure: found, value null."""
    outcomes = {o.input: o for o in PEER.run("en", "PercentModel")}
    for case in ("Only a small percent attain the top ranks",
                 "The table shows the % of increase in the last month",
                 "How do I calculate a percentage?"):
        outcome = outcomes[case]
        assert outcome.passed, (outcome.expected, outcome.found)
        assert [value for _, value in outcome.found] == ["null"]


def test_a_percent_sign_inside_a_web_address_is_no_vague_percentage():
    outcomes = [o for o in PEER.run("en", "PercentModel") + PEER.run("nl", "PercentModel")
                if "http" in o.input]
    assert len(outcomes) == 4
    assert all(o.passed and o.found == [] for o in outcomes)


def test_every_listed_difference_is_a_real_case_that_fails():
    """A deliberate difference must name an existing case, and we must still answer it differently."""
    differences = PEER.load_differences()
    assert differences
    outcomes = {f"{o.lang}/{o.model}:{o.input}": o
                for lang, model in PEER.FILES for o in PEER.run(lang, model)}
    for key in differences:
        assert key in outcomes, f"not a case of the specs: {key}"
        assert not outcomes[key].passed, f"listed as a difference but passes: {key}"


def test_a_dutch_thousands_dot_is_never_read_as_a_decimal_point():
    case = {"Input": "291.890", "Results": [{"Text": "291.890", "Resolution": {"value": "291890"}}]}
    assert PEER.check_case(case, "nl", "NumberModel", {}).passed
    english = {"Input": "291.890", "Results": [{"Text": "291.890", "Resolution": {"value": "291890"}}]}
    assert not PEER.check_case(english, "en", "NumberModel", {}).passed
