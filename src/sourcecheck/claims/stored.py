"""The check's results as plain JSON data, for the cache (``sourcecheck.cache``), and back.

Decimals are stored as their exact text, so a restored result compares equal to the
one that was stored; :func:`round_trips` lets the caller store only what does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..findings import Finding
from ..interval import Interval
from ..numbers.mention import Kind, Mention, Qualifier
from .verdict import ClaimResult

_FINDING_FIELDS = ("code", "message", "path", "line", "column", "row", "field", "claim",
                   "acknowledged", "details")


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def mention_data(mention: Mention) -> list[Any]:
    return [mention.start, mention.end, mention.line, mention.column, mention.text,
            str(mention.value), _dec(mention.low), _dec(mention.high), mention.kind.value,
            mention.qualifier.value, mention.lang, mention.ambiguous]


def mention_from(data: list[Any]) -> Mention:
    (start, end, line, column, text, value, low, high, kind, qualifier, lang, ambiguous) = data
    return Mention(start, end, line, column, text, Decimal(value), _undec(low), _undec(high),
                   Kind(kind), Qualifier(qualifier), lang, ambiguous)


def finding_data(finding: Finding) -> dict[str, Any]:
    return {name: getattr(finding, name) for name in _FINDING_FIELDS}


def finding_from(data: dict[str, Any]) -> Finding:
    return Finding(**{name: data[name] for name in _FINDING_FIELDS})


def _interval_data(interval: Interval | None) -> list[Any] | None:
    if interval is None:
        return None
    return [_dec(interval.low), _dec(interval.high), interval.low_closed, interval.high_closed]


def _interval_from(data: list[Any] | None) -> Interval | None:
    if data is None:
        return None
    low, high, low_closed, high_closed = data
    return Interval(_undec(low), _undec(high), low_closed, high_closed)


def result_data(result: ClaimResult) -> dict[str, Any]:
    return {
        "id": result.id, "verdict": result.verdict, "article": result.article,
        "ledger": result.ledger,
        "mention": None if result.mention is None else mention_data(result.mention),
        "text_interval": _interval_data(result.text_interval),
        "source_interval": _interval_data(result.source_interval),
        "source": result.source, "derived": result.derived,
        "findings": [finding_data(f) for f in result.findings],
        "reason": result.reason, "found_text": result.found_text,
        "source_written": result.source_written,
    }


def result_from(data: dict[str, Any]) -> ClaimResult:
    return ClaimResult(
        id=data["id"], verdict=data["verdict"], article=data["article"], ledger=data["ledger"],
        mention=None if data["mention"] is None else mention_from(data["mention"]),
        text_interval=_interval_from(data["text_interval"]),
        source_interval=_interval_from(data["source_interval"]),
        source=data["source"], derived=data["derived"],
        findings=[finding_from(f) for f in data["findings"]],
        reason=data["reason"], found_text=data["found_text"],
        source_written=data["source_written"])


def round_trips(data: Any, original: Any, restore: Any) -> bool:
    """Whether ``restore(data)`` after a trip through JSON equals ``original`` (details too)."""
    import json

    try:
        again = restore(json.loads(json.dumps(data)))
    except (TypeError, ValueError, KeyError):
        return False
    return _same(again, original)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, ClaimResult) and isinstance(b, ClaimResult):
        return a == b and _same(a.findings, b.findings)
    if isinstance(a, Finding) and isinstance(b, Finding):
        return a == b and a.details == b.details  # details do not take part in ==
    return bool(a == b)
