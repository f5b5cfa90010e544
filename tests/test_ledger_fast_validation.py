"""The fast ledger validator (fastjsonschema) never accepts what jsonschema refuses.

``claims/ledger.py`` lets the compiled validator accept a ledger and sends everything
it refuses to jsonschema; so the one property that matters is: fast-valid implies
jsonschema-valid, on ledgers near the valid ones and on anything at all.
"""

from __future__ import annotations

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.ledger.load import _fast_validator, ledger_schema

VALIDATOR = jsonschema.Draft202012Validator(ledger_schema())
FAST = _fast_validator()

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=8), st.sampled_from(["", "1", "40.2", "-3", "share", "rank", "SC301"]))
anything = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=12)


def maybe(value: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly the right shape, sometimes anything: so that both verdicts occur."""
    return st.one_of(value, value, value, value, value, value, value, anything)


anchor = st.fixed_dictionaries({"prefix": maybe(st.text(max_size=5)), "exact": maybe(st.text(max_size=5)),
                                "suffix": maybe(st.text(max_size=5))})
key = maybe(st.one_of(st.text(min_size=1, max_size=5), st.integers(),
                      st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=2),
                      st.dictionaries(st.text(max_size=3), st.one_of(st.text(max_size=3), st.integers()),
                                      max_size=2)))
reference = st.fixed_dictionaries({"package": maybe(st.text(max_size=4)), "resource": maybe(st.text(max_size=4)),
                                   "key": key, "field": maybe(st.text(max_size=4))})
source = st.fixed_dictionaries({"package": maybe(st.text(max_size=4)), "resource": maybe(st.text(max_size=4)),
                                "key": key, "field": maybe(st.text(max_size=4)),
                                "value": maybe(st.sampled_from(["44", "40.2", "4000..6000"]))})
derive = st.fixed_dictionaries(
    {"op": maybe(st.sampled_from(["share", "difference", "sum", "rank", "year", "eval"])),
     "of": maybe(st.lists(reference, max_size=2)), "value": maybe(st.sampled_from(["10.83", "1", "x"]))},
    optional={"order": maybe(st.sampled_from(["ascending", "descending"])), "within": anything})
claim = st.fixed_dictionaries(
    {"id": maybe(st.sampled_from(["a", "claim-1", "Bad Id", ""])), "anchor": maybe(anchor)},
    optional={"source": source, "derive": derive, "slack": maybe(st.sampled_from(["0.1", "0.01"])),
              "attribution": anything, "note": anything,
              "acknowledge": maybe(st.lists(st.fixed_dictionaries(
                  {"code": maybe(st.sampled_from(["SC301", "SC999"])), "reason": maybe(st.text(max_size=4)),
                   "text": maybe(st.text(max_size=4)), "value": maybe(st.text(max_size=4))}), max_size=2))})
ledger = st.fixed_dictionaries({}, optional={
    "claims": maybe(st.lists(claim, max_size=3)),
    "waive": maybe(st.lists(st.fixed_dictionaries({"anchor": maybe(anchor), "reason": maybe(st.text(max_size=4))},
                                                  optional={"id": anything}), max_size=2)),
    "article": maybe(st.sampled_from(["article.nl.txt", "../x.txt", "a/b"])),
    "lang": maybe(st.sampled_from(["nl", "en", "de"])),
    "extra": anything})


def test_the_fast_validator_is_installed():
    assert FAST is not None, "fastjsonschema is a dependency (pyproject.toml)"


@settings(max_examples=400, deadline=None)
@given(ledger)
def test_fast_valid_implies_jsonschema_valid_near_real_ledgers(document):
    if FAST(document):
        assert VALIDATOR.is_valid(document), document


@settings(max_examples=200, deadline=None)
@given(anything)
def test_fast_valid_implies_jsonschema_valid_on_anything(document):
    if FAST(document):
        assert VALIDATOR.is_valid(document), document


def test_both_accept_the_example_ledger():
    from pathlib import Path

    from sourcecheck.yamlfile import load_yaml

    root = Path(__file__).resolve().parents[1]
    document = load_yaml(root / "articles" / "russen-in-servie" / "claims.yaml")
    assert FAST(document) and VALIDATOR.is_valid(document)


def test_compiling_leaves_the_published_schema_alone():
    import json
    from importlib import resources

    text = resources.files("sourcecheck.ledger").joinpath("ledger.schema.json").read_text(encoding="utf-8")
    assert FAST is not None and ledger_schema() == json.loads(text)


@settings(max_examples=300)
@given(anything)
def test_a_key_may_be_any_of_its_shapes_as_if_one_of_them(value):
    # the schema says anyOf where the shapes (a value, a list, a mapping) exclude each other
    # by type, so that a validator may stop at the first that fits: the same verdicts as oneOf
    shapes = ledger_schema()["$defs"]["key"]["anyOf"]
    any_of = jsonschema.Draft202012Validator({"anyOf": shapes})
    one_of = jsonschema.Draft202012Validator({"oneOf": shapes})
    assert any_of.is_valid(value) == one_of.is_valid(value)
