"""The check's values as cache entries (plain JSON data), and back.

Decimals are stored as their exact text, so a restored value compares equal to the one
that was stored.  Every decoder raises :class:`CorruptEntry` and nothing else when an
entry does not decode (:func:`decoded` turns that into None: the runner then computes
the value afresh); :func:`storable` and :func:`round_trips` let the runner store only
what comes back exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import fields
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from ..compare.outcome import ArticleOutcome, ClaimResult, Coverage
from ..errors import InputError
from ..findings import Finding
from ..interval import Interval
from ..numbers.mention import Kind, Mention, Qualifier

T = TypeVar("T")

#: what a stored entry that does not decode raises while it is decoded
_FAULTS = (TypeError, ValueError, KeyError, IndexError, AttributeError, ArithmeticError)


class Unread(Protocol):
    """A cache entry whose body is decoded when first asked for (``cache.Unread``)."""

    def value(self) -> Any: ...


class CorruptEntry(Exception):
    """A cache entry that does not decode into what it should hold."""


def decoded(decode: Callable[[Any], T], data: Any) -> T | None:
    """``decode(data)``, or None when the entry is missing (None) or does not decode."""
    if data is None:
        return None
    try:
        return decode(data)
    except (CorruptEntry, *_FAULTS):
        return None


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# --- mentions

# by value, a dict look-up (docs/performance.md, "Restoring from the cache")
_KINDS = {kind.value: kind for kind in Kind}
_QUALIFIERS = {qualifier.value: qualifier for qualifier in Qualifier}


def mention_data(mention: Mention) -> list[Any]:
    return [mention.start, mention.end, mention.line, mention.column, mention.text,
            _dec(mention.value), _dec(mention.low), _dec(mention.high), mention.kind.value,
            mention.qualifier.value, mention.lang, mention.ambiguous, mention.unit]


def _mention_values(data: list[Any]) -> tuple[Any, ...]:
    (start, end, line, column, text, value, low, high, kind, qualifier, lang, ambiguous, unit) = data
    return (start, end, line, column, text, _undec(value), _undec(low), _undec(high),
            _KINDS[kind], _QUALIFIERS[qualifier], lang, ambiguous, unit)


def _new_mention(*values: Any) -> Mention:
    return Mention._make(values)  # raises TypeError unless there are as many as fields


def mentions_data(mentions: Sequence[Mention]) -> list[list[Any]]:
    return [mention_data(m) for m in mentions]


def mentions_from(data: Any) -> list[Mention]:
    if type(data) is not list:
        raise CorruptEntry("not a list of mentions")
    return [_new_mention(*_mention_values(item)) for item in data]


# --- findings

_FINDING_FIELDS = tuple(item.name for item in fields(Finding))


def finding_data(finding: Finding) -> list[Any]:
    return [getattr(finding, name) for name in _FINDING_FIELDS]


def finding_from(data: list[Any]) -> Finding:
    if type(data) is not list or len(data) != len(_FINDING_FIELDS):
        raise CorruptEntry("not a stored finding")
    return Finding(*data)


def findings_data(findings: Sequence[Finding]) -> list[list[Any]]:
    return [finding_data(f) for f in findings]


def findings_from(data: Any) -> list[Finding]:
    if type(data) is not list:
        raise CorruptEntry("not a list of findings")
    return [finding_from(item) for item in data]


# --- an article's outcome: a "verdicts" entry that every report reads, and a "details"
# --- entry with the rest of each result, decoded only when a result's details are read


def outcome_data(outcome: ArticleOutcome) -> tuple[dict[str, Any], list[Any]]:
    """The verdicts entry and the details entry of ``outcome`` (see :func:`storable`).

    A result's findings are stored as their places in the outcome's findings, so that a
    restored result holds the very same finding objects as the restored outcome.
    """
    place = {id(f): index for index, f in enumerate(outcome.findings)}
    results = [[r.id, r.verdict, [place[id(f)] for f in r.findings]] for r in outcome.results]
    details = [[r.article, r.ledger, None if r.mention is None else mention_data(r.mention),
                _interval_data(r.text_interval), _interval_data(r.source_interval),
                r.source, r.derived, r.reason, r.found_text, r.source_written, r.locator]
               for r in outcome.results]
    coverage = outcome.coverage
    return ({"findings": findings_data(outcome.findings), "results": results,
             "coverage": [coverage.linked, coverage.waived, coverage.unlinked]}, details)


def outcome_from(stored: Any, details: Unread) -> ArticleOutcome:
    """An outcome from its verdicts entry and its details entry (unread until needed)."""
    if type(stored) is not dict:
        raise CorruptEntry("not a stored outcome")
    findings = findings_from(stored["findings"])
    linked, waived, unlinked = stored["coverage"]
    coverage = Coverage(int(linked), int(waived), int(unlinked))
    shared = _Details(details)
    results = [_restored(item, findings, shared, index) for index, item in enumerate(stored["results"])]
    return ArticleOutcome(results, findings, coverage)


def storable(outcome: ArticleOutcome) -> bool:
    """Whether ``outcome`` comes back from :func:`outcome_data` exactly: its typed parts
    always do; its free-form dicts must be plain JSON, and each result's findings must be
    among the outcome's."""
    places = {id(f) for f in outcome.findings}
    if not all(id(f) in places for r in outcome.results for f in r.findings):
        return False
    parts: list[Any] = []  # walked once, by one call
    for finding in outcome.findings:
        parts += (finding.details, finding.path, finding.line, finding.column, finding.row, finding.field,
                  finding.claim, finding.acknowledged)
    for result in outcome.results:
        parts += (result.source, result.derived, result.reason, result.found_text, result.source_written,
                  result.locator)
    return plain(parts)


def _interval_data(interval: Interval | None) -> list[Any] | None:
    if interval is None:
        return None
    return [_dec(interval.low), _dec(interval.high), interval.low_closed, interval.high_closed]


def _interval_values(data: list[Any]) -> tuple[Any, ...]:
    low, high, low_closed, high_closed = data
    return _undec(low), _undec(high), low_closed, high_closed


def _new_interval(*values: Any) -> Interval:
    made = object.__new__(Interval)  # its fields checked when stored; the entry's hash since
    made.__dict__.update(zip(("low", "high", "low_closed", "high_closed"), values, strict=True))
    return made


class _Details:
    """The details entry of one outcome, decoded when a restored result first needs its own."""

    __slots__ = ("_unread", "_rows")

    def __init__(self, unread: Unread) -> None:
        self._unread: Unread = unread
        self._rows: list[Any] | None = None

    def row(self, index: int) -> Any:
        if self._rows is None:
            rows = self._unread.value()
            self._rows = rows if type(rows) is list else []
        return self._rows[index]


def _restored(data: Any, findings: list[Finding], details: _Details, index: int) -> ClaimResult:
    if type(data) is not list or len(data) != 3 or type(data[2]) is not list:
        raise CorruptEntry("not a stored result")
    made = object.__new__(_Restored)
    values = made.__dict__
    values["id"], values["verdict"] = data[0], data[1]
    values["findings"] = [findings[place] for place in data[2]]
    values["_detail"] = details, index
    return made


# a result's details, in outcome_data's order; mention and intervals wait in their JSON
# form under "_<name>" until first read
_LATER_FIELDS = ("article", "ledger", "_mention", "_text_interval", "_source_interval",
                 "source", "derived", "reason", "found_text", "source_written", "locator")


def _corrupt(values: dict[str, Any]) -> InputError:
    return InputError(f"the cache holds a corrupt result (claim {values.get('id')!r}); "
                      "delete the cache folder or check with --no-cache")


def _unpack(values: dict[str, Any]) -> None:
    """Read a restored result's stored details into its fields (those not set since)."""
    detail = values.pop("_detail", None)
    if detail is None:
        return
    details, index = detail
    try:
        row = details.row(index)
        if type(row) is not list or len(row) != len(_LATER_FIELDS):
            raise CorruptEntry("not stored details")
    except (CorruptEntry, *_FAULTS):
        values["_detail"] = detail
        raise _corrupt(values) from None
    for name, value in zip(_LATER_FIELDS, row, strict=True):
        values.setdefault(name, value)


def _read_on_use(name: str) -> Any:
    """A field of :class:`_Restored`, read from its stored details when first read."""
    def get(self: ClaimResult) -> Any:
        values = self.__dict__
        if name not in values:
            _unpack(values)
        return values[name]

    def set_(self: ClaimResult, value: Any) -> None:
        self.__dict__[name] = value

    return property(get, set_)


def _made_on_use(name: str, read: Callable[[Any], tuple[Any, ...]], make: Callable[..., Any]) -> Any:
    """A field of :class:`_Restored`, built from its stored JSON form when first read."""
    stored_as = f"_{name}"

    def get(self: ClaimResult) -> Any:
        values = self.__dict__
        if name not in values:
            _unpack(values)
            data = values.pop(stored_as, None)
            try:
                values[name] = None if data is None else make(*read(data))
            except _FAULTS:
                values[stored_as] = data
                raise _corrupt(values) from None
        return values[name]

    def set_(self: ClaimResult, value: Any) -> None:
        self.__dict__.pop(stored_as, None)
        self.__dict__[name] = value

    return property(get, set_)


class _Restored(ClaimResult):
    """A result restored from the cache whose fields beyond its id, verdict and findings
    are read from its stored details when first read: the text report reads none of them
    (docs/performance.md, "Restoring from the cache").  A field that then does not decode
    is an InputError naming the cache, not a traceback."""

    article = _read_on_use("article")
    ledger = _read_on_use("ledger")
    mention = _made_on_use("mention", _mention_values, _new_mention)
    text_interval = _made_on_use("text_interval", _interval_values, _new_interval)
    source_interval = _made_on_use("source_interval", _interval_values, _new_interval)
    source = _read_on_use("source")
    derived = _read_on_use("derived")
    reason = _read_on_use("reason")
    found_text = _read_on_use("found_text")
    source_written = _read_on_use("source_written")
    locator = _read_on_use("locator")

    def __eq__(self, other: object) -> bool:
        # the dataclass's __eq__ wants the very same class; a restored result equals the
        # result it was stored from (reached here too when that one is on the left)
        if not isinstance(other, ClaimResult):
            return NotImplemented
        return all(getattr(self, item.name) == getattr(other, item.name) for item in fields(ClaimResult))

    __hash__ = None  # type: ignore[assignment]  # mutable, as ClaimResult


# --- plain JSON data


def plain(value: Any) -> bool:
    """Whether ``value`` is JSON data that comes back from JSON as it went in (text keys,
    lists not tuples, finite numbers)."""
    pending = [value]  # a stack, not recursion: no nesting limit
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None:
            continue
        if isinstance(item, (str, bool, int)):
            continue
        if isinstance(item, float):
            if item != item or item in (_INFINITY, -_INFINITY):
                return False
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    return False
                pending.append(inner)
        else:
            return False
    return True


_INFINITY = float("inf")


def round_trips(data: Any, original: Any, restore: Callable[[Any], Any]) -> bool:
    """Whether ``restore(data)`` after a trip through JSON equals ``original`` (details too)."""
    again = decoded(restore, json.loads(json.dumps(data)))
    return again is not None and _same(again, original)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Finding) and isinstance(b, Finding):
        return a == b and a.details == b.details  # details do not take part in ==
    return bool(a == b)
