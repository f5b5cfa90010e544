"""One claim judged: anchor -> mention, references -> source value, compare -> findings.

The verdict of a claim is ``holds`` when it has no finding, else the name of its first
failing finding (``text-mismatch``, ``data-changed``, ``anchor-lost`` ...).  An
acknowledged finding keeps its verdict but does not fail; the acknowledgement only applies
while the text at the anchor reads as it did (the same words, or words with the same
reading) and the source value is what it was when it was written.

An edit of the number is judged by its meaning (``reading.py``): one that keeps the
reading is a note (SC409 ``text-reworded``) and the claim holds; one that changes it
fails (SC405 ``text-changed``) until the ledger records the new text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from ..codes import SC, Severity
from ..findings import Finding
from ..ledger.model import Acknowledgement, Claim, Key, Reference
from ..sources.record import LOCATOR, Record
from .anchor import AnchorStatus, Located
from .derive import SourceValue, cell_value, derive, matches_recorded, written_value
from .intervals import show, text_interval
from .outcome import ClaimResult
from .reading import Reading, reading_of, recorded_reading, side_by_side
from .units import in_source_unit, mismatch


@dataclass(frozen=True)
class ClaimContext:
    """What judging a claim needs to know about its article and sources."""

    article: str            # article path, relative to the project root
    ledger: str             # ledger path, relative to the project root
    slack: dict[str, Decimal]
    records: Sequence[Record | None]   # one per reference, None when missing
    schema_problems: Mapping[str, int]  # resource CSV path -> number of validation findings


@dataclass(frozen=True)
class _Edit:
    """The number at the anchor no longer stands as the ledger recorded it: both readings."""

    was: Reading | None  # of the anchor's ``exact`` (None: no number is read in it)
    now: Reading

    @property
    def reworded(self) -> bool:
        """Whether only the wording changed: the new text reads as the recorded one."""
        return self.was == self.now


@dataclass
class _Findings:
    """The findings about one claim, each placed at its number (or, without one, at the claim)."""

    claim: Claim
    located: Located
    context: ClaimContext
    found: list[Finding] = field(default_factory=list)

    def add(self, code: SC, message: str) -> None:
        mention, context = self.located.mention, self.context
        if mention is not None:
            place: dict[str, Any] = {"path": context.article, "line": mention.line, "column": mention.column}
        else:
            place = {"path": context.ledger, "line": self.claim.line}
        self.found.append(Finding(code, message, claim=self.claim.id, details={"article": context.article}, **place))


def judge(claim: Claim, located: Located, context: ClaimContext) -> ClaimResult:
    """Every finding about ``claim`` (acknowledgements are applied later, by :func:`settle`)."""
    result = ClaimResult(claim.id, "holds", context.article, context.ledger)
    findings = _Findings(claim, located, context)
    if located.status is AnchorStatus.LOST:
        findings.add(SC.ANCHOR_LOST, f"the words around {claim.anchor.exact!r} are no longer in the text "
                                     f"(prefix {claim.anchor.prefix!r}, suffix {claim.anchor.suffix!r})")
    elif located.status is AnchorStatus.AMBIGUOUS:
        findings.add(SC.ANCHOR_AMBIGUOUS, f"the words around {claim.anchor.exact!r} stand in "
                                          f"{len(located.places)} places; lengthen the prefix or suffix")
    elif located.status is AnchorStatus.NO_NUMBER:
        findings.add(SC.ANCHOR_WITHOUT_NUMBER, f"no number stands where {claim.anchor.exact!r} was; "
                                               f"the text there reads {located.text!r}")
    result.mention = located.mention
    edit = None
    if result.mention is not None:
        result.text_interval = text_interval(result.mention, context.slack, claim.slack, claim.precision)
        edit = _edit(claim, located, context)
    if edit is not None and edit.reworded:
        findings.add(SC.TEXT_REWORDED, f"the text now says {located.text!r} where the ledger recorded "
                                       f"{claim.anchor.exact!r}; both read {edit.now}: the claim holds "
                                       "(record the new wording as the anchor's exact at will)")

    source = _source_value(claim, context, result, findings)
    if source is not None:
        result.source_interval = source.interval
        if result.source is not None:
            result.source["interval"] = show(source.interval)
        if result.mention is not None and (problem := mismatch(result.mention, source.unit)):
            findings.add(SC.UNIT_MISMATCH, f"{located.text!r}: {problem}; not compared")
            result.text_interval = None  # in another unit: no interval to compare or report
        elif result.mention is not None and result.text_interval is not None:
            result.text_interval = in_source_unit(result.text_interval, result.mention, source.unit)
        _compare(claim, located, edit, result, source, findings)
    _check_attribution(claim, context, findings)
    if claim.pending:  # a claim that holds otherwise gets this as its verdict
        findings.add(SC.LINK_UNREVIEWED, f"claim {claim.id} is a proposed link no person has reviewed: check "
                                         "its source, then remove its `review: pending` (or run "
                                         f"`sourcecheck accept {claim.id}`)")
    result.findings = findings.found
    result.found_text = located.text
    if source is not None:
        result.source_written = source.written
    return result


def settle(result: ClaimResult, claim: Claim, slack: dict[str, Decimal]) -> None:
    """Apply the ledger's acknowledgements to ``result``'s findings and set its verdict.

    Called once every finding about the claim is known (contradictions between claims
    come after each claim is judged); ``slack`` is the project's, to read an
    acknowledgement's text as the claim's number is read.
    """
    # an unreviewed link is named last: any finding about the figure itself goes first
    result.findings.sort(key=lambda finding: finding.code == SC.LINK_UNREVIEWED)
    result.findings = _acknowledge(result.findings, claim, result, slack)
    failing = [f for f in result.findings if f.severity is not Severity.NOTE]
    result.verdict = failing[0].name if failing else "holds"


def _edit(claim: Claim, located: Located, context: ClaimContext) -> _Edit | None:
    """Both readings when the text at the anchor differs from its ``exact``, else None."""
    mention = located.mention
    if not located.changed or mention is None:
        return None
    was = recorded_reading(claim.anchor, claim.anchor.exact, mention.lang, context.slack, claim.slack)
    return _Edit(was, reading_of(mention, context.slack, claim.slack))


def _source_value(claim: Claim, context: ClaimContext, result: ClaimResult,
                  findings: _Findings) -> SourceValue | None:
    """The current source value, after reporting missing records, schema and status problems."""
    records = context.records
    missing = [ref for ref, record in zip(claim.references, records, strict=True) if record is None]
    for ref in missing:
        findings.add(SC.SOURCE_RECORD_MISSING, f"{ref.package}/{ref.resource} has no record {_key_text(ref.key)}")
    first = next((r for r in records if r is not None), None)
    ref = claim.references[0]
    if first is not None:
        result.source = {"package": ref.package, "resource": ref.resource, "path": first.path,
                         "row": first.row, "line": first.row_number, "field": ref.field,
                         "value": written_value(first, ref.field)}
        result.locator = first.raw.get(LOCATOR) or first.package.locator(first.resource)
    for operand, record in zip(claim.references, records, strict=True):
        if record is None:
            continue
        problems = context.schema_problems.get(record.path, 0)
        if problems:
            findings.add(SC.SOURCE_FAILS_SCHEMA, f"{record.path} has {problems} validation finding(s); "
                                                 "see `sourcecheck validate`")
        if str(record.raw.get("status", "") or "").strip() == "unverified":
            findings.add(SC.UNVERIFIED_SOURCE, f"{operand.package}/{operand.resource} {_key_text(operand.key)} "
                                               "is marked unverified: no public source was found for it")
    present = [record for record in records if record is not None]
    if missing or not present:
        return None
    if claim.derive is None:
        # compared as written, before any parsing: a cell that no longer parses has changed too
        result.source_written = written_value(present[0], ref.field)
        if result.source_written != (claim.value or "").strip():
            findings.add(SC.DATA_CHANGED, f"the source value is now {result.source_written!r}; the claim was "
                                          f"checked against {claim.value!r}")
    try:
        if claim.derive is not None:
            value = derive(claim.derive, present, context.slack)
            result.derived = {"op": claim.derive.op, "value": value.written, "interval": show(value.interval),
                              "operands": [_operand(r, record) for r, record in
                                           zip(claim.references, present, strict=True)]}
            return value
        return cell_value(present[0], ref.field, context.slack)
    except ValueError as error:
        findings.add(SC.SOURCE_VALUE_UNREADABLE, f"{ref.package}/{ref.resource} {_key_text(ref.key)} "
                                                 f"{ref.field}: {error}")
        return None


def _compare(claim: Claim, located: Located, edit: _Edit | None, result: ClaimResult, source: SourceValue,
             findings: _Findings) -> None:
    recorded = claim.recorded_value
    if claim.derive is not None:
        data_changed = not matches_recorded(source.value, recorded)
        if data_changed:
            findings.add(SC.DATA_CHANGED, f"the derived value is now {source.written}; the claim was checked "
                                          f"against {recorded}")
    else:
        data_changed = source.written != recorded.strip()  # reported by _source_value
    if result.text_interval is None:
        return
    agree = result.text_interval.overlaps(source.interval)
    said = f"the text says {located.text!r} {show(result.text_interval)}"
    meaning_changed = edit is not None and not edit.reworded
    source_says = f"the source says {source.written} {show(source.interval)}"
    if not agree and (meaning_changed or not data_changed):
        was = f" (was {claim.anchor.exact!r})" if meaning_changed else ""
        findings.add(SC.TEXT_MISMATCH, f"{said}{was}; {source_says}")
    elif agree and edit is not None and meaning_changed:
        findings.add(SC.TEXT_CHANGED, f"{side_by_side(claim.anchor.exact, edit.was, located.text, edit.now)}; "
                                      f"{source_says}. The reading changed: check the new text against the "
                                      "source, then record it as the anchor's exact")
    if source.tied_with:
        findings.add(SC.RANK_TIED, f"rank {source.written} is shared with {', '.join(source.tied_with)} "
                                   f"(rank {show(source.interval)})")


def _check_attribution(claim: Claim, context: ClaimContext, findings: _Findings) -> None:
    """What the text says the source is (``attribution:``) against the record and its package."""
    record = next((r for r in context.records if r is not None), None)
    if record is None or not claim.attribution:
        return
    package = record.package
    known = {**package.descriptor, **package.provenance,
             **{k: v for k, v in record.raw.items() if v not in (None, "")}}
    for name, said in claim.attribution.items():
        actual = known.get(name)
        if actual is None:
            findings.add(SC.ATTRIBUTION_MISMATCH, f"the text presents the source's {name} as {said!r}; "
                                                  f"{package.name} does not record its {name}")
        elif _fold(str(actual)) != _fold(said):
            findings.add(SC.ATTRIBUTION_MISMATCH, f"the text presents the source's {name} as {said!r}; "
                                                  f"{package.name} records {actual!r}")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _acknowledge(findings: list[Finding], claim: Claim, result: ClaimResult,
                 slack: dict[str, Decimal]) -> list[Finding]:
    """Mark the findings the ledger acknowledges, as long as the text reads the same (the
    same words, or a rewording with the same reading) and the value is unchanged."""
    value, text = result.source_written, result.found_text
    same_text = _same_text(claim, result, slack)
    used: set[int] = set()
    marked = []
    for finding in findings:
        ack = _matching(claim.acknowledge, finding.code, same_text, value, used)
        marked.append(replace(finding, acknowledged=ack.reason) if ack else finding)
    for index, ack in enumerate(claim.acknowledge):
        if index not in used:
            marked.append(Finding(
                SC.ACKNOWLEDGEMENT_UNUSED,
                f"acknowledged {ack.code} no longer applies: the ledger recorded text {ack.text!r} "
                f"and value {ack.value!r}; now the text reads {text!r} and the value {value!r}",
                path=result.ledger, line=ack.line, claim=claim.id, details={"article": result.article}))
    return marked


def _same_text(claim: Claim, result: ClaimResult, slack: dict[str, Decimal]) -> Callable[[str], bool]:
    """Whether a text the ledger recorded (an acknowledgement's) still stands at the anchor:
    the same words, or other words with the same reading (each read once)."""
    text, mention = result.found_text, result.mention
    now = reading_of(mention, slack, claim.slack) if mention is not None else None
    readings: dict[str, Reading | None] = {}

    def same(recorded: str) -> bool:
        if recorded == text:
            return True
        if now is None or mention is None:
            return False
        if recorded not in readings:
            readings[recorded] = recorded_reading(claim.anchor, recorded, mention.lang, slack, claim.slack)
        return readings[recorded] == now
    return same


def _matching(acks: tuple[Acknowledgement, ...], code: str, same_text: Callable[[str], bool], value: str,
              used: set[int]) -> Acknowledgement | None:
    for index, ack in enumerate(acks):
        if ack.code == code and ack.value.strip() == value and same_text(ack.text):
            used.add(index)
            return ack
    return None


def _operand(ref: Reference, record: Record) -> dict[str, Any]:
    return {"package": ref.package, "resource": ref.resource, "path": record.path,
            "row": record.row, "line": record.row_number, "field": ref.field,
            "value": str(record.raw.get(ref.field, ""))}


def _key_text(key: Key) -> str:
    if isinstance(key, dict):
        return ", ".join(f"{k}={v}" for k, v in key.items())
    if isinstance(key, tuple):
        return "/".join(map(str, key))
    return str(key)
