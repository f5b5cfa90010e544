"""The ledger loader's own tag resolver answers exactly as PyYAML's does.

``claims/yamlfile.py`` replaces ``Resolver.resolve`` (called for every node) with a
shorter one that relies on a safe loader having no path resolvers; this holds it to
the original on any text, any node kind and either implicit flag.
"""

from __future__ import annotations

import datetime

import yaml
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.yamlfile import _LineLoader, _SafeBase

LIKELY = ["", "~", "null", "Null", "yes", "No", "on", "OFF", "true", "False", "1", "-3", "+7", "0x1f", "0o17",
          "1_000", "40.2", "-.5", ".inf", "-.Inf", ".nan", "1e3", "2024-06-20", "2024-06-20 22:00:00",
          "=", "<<", "190:20:30", "claim-01", "!", "&a", "*a", "10,5", "200.000"]
texts = st.one_of(st.sampled_from(LIKELY), st.text(max_size=12),
                  st.text(alphabet="0123456789.-+_:eE xXoO", max_size=10))


@given(kind=st.sampled_from([yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode]), value=texts,
       implicit=st.tuples(st.booleans(), st.booleans()))
def test_the_loaders_resolver_answers_as_pyyamls(kind, value, implicit):
    ours, theirs = _LineLoader(""), _SafeBase("")
    assert ours.resolve(kind, value, implicit) == theirs.resolve(kind, value, implicit)


@given(value=st.one_of(st.sampled_from(LIKELY), st.text(alphabet="0123456789.-+_eEnulyNoOfFtT~", max_size=8)))
def test_a_plain_value_loads_as_the_safe_loader_loads_it(value):
    document = f"value: {value}\nitems: [{value}]\n"
    try:
        expected = yaml.load(document, Loader=_SafeBase)  # noqa: S506
    except yaml.YAMLError:
        return
    loaded = yaml.load(document, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    if isinstance(expected["value"], datetime.date):  # a ledger keeps dates as written
        assert loaded == {"value": value, "items": [value]}
    else:
        assert repr(loaded) == repr(expected)  # repr: NaN is not equal to itself
