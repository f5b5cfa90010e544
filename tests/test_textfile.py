import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck import ConfigError, InputError, LedgerError
from sourcecheck.textfile import decode_utf8


def test_a_bad_byte_is_named_by_line_and_column():
    with pytest.raises(InputError) as caught:
        decode_utf8("één\ntwee \xff drie".encode("latin-1"), "a.txt")
    # "één" is three latin-1 bytes, the first of them already invalid UTF-8
    assert (caught.value.line, caught.value.column) == (1, 1)
    with pytest.raises(InputError) as caught:
        decode_utf8(b"een\ntwee \xff drie", "a.txt")
    assert (caught.value.path, caught.value.line, caught.value.column) == ("a.txt", 2, 6)
    assert str(caught.value) == "a.txt:2:6: not UTF-8 (byte 9)"


@pytest.mark.parametrize("error", [ConfigError, LedgerError])
def test_the_caller_chooses_the_error(error):
    with pytest.raises(error):
        decode_utf8(b"\x80", "x", error)


@given(st.text())
def test_utf8_round_trips(text):
    assert decode_utf8(text.encode("utf-8"), "x") == text
