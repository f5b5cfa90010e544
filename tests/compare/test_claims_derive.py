"""Derivations: whitelisted operations over source cells, with intervals carried through."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sourcecheck.compare.derive import OPERATIONS, cell_value, derive, matches_recorded
from sourcecheck.config import DEFAULT_SLACK
from sourcecheck.errors import LedgerError
from sourcecheck.interval import Interval
from sourcecheck.ledger import Derivation, Reference
from sourcecheck.sources.record import PackageInfo, Record

SLACK = dict(DEFAULT_SLACK)


def records(rows: list[dict[str, str]]) -> list[Record]:
    """The rows of one resource ``t`` with primary key ``id``, each a record as a claim reads it."""
    table = {name: [row.get(name, "") for row in rows] for name in rows[0]}
    package = PackageInfo("p", {}, {})
    return [Record(package, "t", "t.csv", index + 1, row, ("id",), table) for index, row in enumerate(rows)]


TALLY = records([
    {"id": "cast", "votes": "4726", "bound": ""},
    {"id": "putin", "votes": "512", "bound": ""},
    {"id": "invalid", "votes": "900", "bound": "approx"},
])


def ref(key: str, field_name: str = "votes") -> Reference:
    return Reference("p", "t", key, field_name)


def by_key(rows: list[Record], *keys: str) -> list[Record]:
    return [next(r for r in rows if r.raw["id"] == key) for key in keys]


def test_share_of_two_counts():
    result = derive(Derivation("share", (ref("putin"), ref("cast")), "10.83"), by_key(TALLY, "putin", "cast"), SLACK)
    assert result.value.quantize(D("0.01")) == D("10.83")
    assert result.interval.overlaps(Interval.point(D("10.83")))
    assert not result.interval.overlaps(Interval.point(D("3")))
    assert matches_recorded(result.value, "10.83") and matches_recorded(result.value, "10.8")
    assert not matches_recorded(result.value, "10.9")


def test_difference_and_sum_carry_the_approx_bound():
    diff = derive(Derivation("difference", (ref("cast"), ref("invalid")), "3826"),
                  by_key(TALLY, "cast", "invalid"), SLACK)
    assert diff.value == D(3826)
    # 900 is approximate (+-10%), so 4726 - 900 may be anything from about 3735 to 3916
    assert diff.interval.overlaps(Interval.point(D(3824)))
    assert diff.interval.overlaps(Interval.point(D(3900)))
    total = derive(Derivation("sum", (ref("putin"), ref("invalid")), "1412"), by_key(TALLY, "putin", "invalid"), SLACK)
    assert total.value == D(1412) and total.interval.low < D(1412) < total.interval.high


SHARES = records([
    {"id": "netherlands", "share": "2"},
    {"id": "serbia", "share": "3"},
    {"id": "montenegro", "share": "3"},
    {"id": "poland", "share": "3"},
    {"id": "vietnam", "share": "59"},
])


def test_rank_with_a_tie_is_an_interval_and_names_the_ties():
    result = derive(Derivation("rank", (ref("serbia", "share"),), "2"), by_key(SHARES, "serbia"), SLACK)
    assert result.value == 2 and result.interval == Interval(D(2), D(4))
    assert set(result.tied_with) == {"montenegro", "poland"}


def test_rank_descending_without_a_tie():
    result = derive(Derivation("rank", (ref("vietnam", "share"),), "1", order="descending"),
                    by_key(SHARES, "vietnam"), SLACK)
    assert result.interval == Interval(D(1), D(1)) and result.tied_with == ()


def test_rank_within_a_subset():
    rows = records([{"id": "a", "g": "x", "v": "1"}, {"id": "b", "g": "y", "v": "0"},
                    {"id": "c", "g": "x", "v": "5"}])
    result = derive(Derivation("rank", (ref("c", "v"),), "2", within={"g": "x"}), by_key(rows, "c"), SLACK)
    assert result.value == 2


def test_year_of_a_date():
    rows = records([{"id": "exit-polls", "fieldwork_end": "2024-03-17"}])
    result = derive(Derivation("year", (ref("exit-polls", "fieldwork_end"),), "2024"), rows, SLACK)
    assert result.interval == Interval.point(D(2024))
    assert not result.interval.overlaps(Interval(D("2017.5"), D("2018.5")))


def test_a_range_cell_uses_its_high_column():
    rows = records([{"id": "d", "value": "4000", "value_high": "6000", "bound": ""}])
    value = cell_value(rows[0], "value", SLACK)
    assert value.written == "4000..6000"
    assert value.interval.low == D("3999.5") and value.interval.high == D("6000.5")


def test_unknown_operation_is_a_ledger_error_with_its_line():
    with pytest.raises(LedgerError) as caught:
        derive(Derivation("__import__", (ref("cast"),), "1", line=7), TALLY[:1], SLACK)
    assert caught.value.line == 7
    assert "__import__" not in OPERATIONS


def test_wrong_number_of_operands_is_a_ledger_error():
    with pytest.raises(LedgerError):
        derive(Derivation("share", (ref("cast"),), "1", line=3), TALLY[:1], SLACK)


def test_share_of_a_zero_whole_is_not_a_number():
    rows = records([{"id": "a", "votes": "1"}, {"id": "b", "votes": "0"}])
    with pytest.raises(ValueError):
        derive(Derivation("share", (ref("a"), ref("b")), "1"), rows, SLACK)
