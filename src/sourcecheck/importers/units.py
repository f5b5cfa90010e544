"""A statistics office's unit in the words sourcecheck compares (compare/units.py): "%" is
percent, a plain number a count, euros EUR; any other unit ("x 1 000", "kg") is kept as
the office writes it, which the check reads but does not judge."""

from __future__ import annotations

_KNOWN = {
    "%": "percent", "percent": "percent", "percentage": "percent", "procent": "percent",
    "aantal": "count", "number": "count",
    "euro": "EUR", "euros": "EUR",
}


def unit(written: str | None) -> str:
    text = (written or "").strip()
    return _KNOWN.get(text.lower(), text)
