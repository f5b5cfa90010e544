"""Reading the text files sourcecheck is given (articles, ledgers, config) as UTF-8.

One place decides what a bad byte looks like to the user: the file, the line and
column of the first byte that is not UTF-8, and its offset.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def decode_utf8(data: bytes, path: str | Path, error: type[InputError] = InputError) -> str:
    """``data`` as text; ``error`` naming the file, line and column of a byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line = data.count(b"\n", 0, bad.start) + 1
        column = bad.start - (data.rfind(b"\n", 0, bad.start) + 1) + 1
        raise error(f"not UTF-8 (byte {bad.start})", path, line, column) from None
