"""The cells a revision changed: what ``table_changes`` lists is exactly the difference
between the two tables (a property, over random tables keyed by ``id``)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.refresh.cells import table_changes

_CELL = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=4)
_ROWS = st.dictionaries(st.integers(0, 30).map(str), st.tuples(_CELL, _CELL), max_size=12)


def _table(rows: dict[str, tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame([[key, *cells] for key, cells in rows.items()], columns=["id", "a", "b"], dtype=object)


@settings(max_examples=200, deadline=None)
@given(old=_ROWS, new=_ROWS)
def test_the_changes_turn_the_old_table_into_the_new_one(old, new):
    changes = table_changes(_table(old), _table(new), ["id"])
    assert sorted(changes.added) == sorted(f"id={key}" for key in new.keys() - old.keys())
    assert sorted(changes.removed) == sorted(f"id={key}" for key in old.keys() - new.keys())
    rebuilt = {key: dict(zip(("a", "b"), cells, strict=True)) for key, cells in old.items() if key in new}
    for change in changes.cells:
        key = change.row.removeprefix("id=")
        assert rebuilt[key][change.field] == change.old != change.new
        rebuilt[key][change.field] = change.new
    assert rebuilt == {key: dict(zip(("a", "b"), cells, strict=True)) for key, cells in new.items() if key in old}
    assert bool(changes) == (old != new)


def test_a_table_without_a_key_is_matched_row_by_row():
    old = pd.DataFrame([["x", "1"], ["y", "2"]], columns=["name", "n"])
    new = pd.DataFrame([["x", "1"], ["y", "3"], ["z", "4"]], columns=["name", "n"])
    changes = table_changes(old, new, [])
    assert [(c.row, c.field, c.old, c.new) for c in changes.cells] == [("row 3", "n", "2", "3")]
    assert changes.added == ["row 4"] and changes.removed == []
