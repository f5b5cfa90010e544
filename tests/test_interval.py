from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck import Interval

decimals = st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, places=3)


def test_half_open_precision_interval():
    forty_four = Interval(D("43.5"), D("44.5"), high_closed=False)
    assert D("43.5") in forty_four
    assert D("44.4999") in forty_four
    assert D("44.5") not in forty_four
    assert D("43.4999") not in forty_four


def test_open_bound_excludes_its_end():
    more_than = Interval(D(4700), None, low_closed=False)
    assert D(4700) not in more_than
    assert D("4700.001") in more_than
    assert more_than.overlaps(Interval(D(4000), D(4700)))is False
    assert more_than.overlaps(Interval(D(4000), D(4701)))


def test_unbounded_meets_everything_on_its_side():
    assert Interval(None, None).overlaps(Interval.point(D(-5)))
    assert Interval(None, D(0)).overlaps(Interval(D(-1), None))


def test_empty_interval_is_refused():
    with pytest.raises(ValueError):
        Interval(D(2), D(1))


@given(decimals, decimals, decimals, decimals)
def test_overlap_is_symmetric_and_matches_a_common_point(a, b, c, d):
    x = Interval(min(a, b), max(a, b))
    y = Interval(min(c, d), max(c, d))
    assert x.overlaps(y) == y.overlaps(x)
    common = max(x.low, y.low)
    assert x.overlaps(y) == (common in x and common in y)
