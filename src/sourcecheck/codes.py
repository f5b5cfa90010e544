"""The registry of finding codes: the single list every report, the SARIF rule
metadata, ``sourcecheck rules`` and docs/codes.md are generated from.

Blocks:  SC1xx data packages  SC2xx schemas  SC3xx claims against data
         SC4xx text           SC5xx consistency between claims

A code, once published, never changes meaning; retire it instead of reusing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"      # fails the check
    WARNING = "warning"  # fails the check too, but is about trust, not about a wrong figure
    NOTE = "note"        # informational: never fails the check

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


def _codes(*codes: Code) -> dict[str, Code]:
    return {code.code: code for code in codes}


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE

CODES: dict[str, Code] = _codes(
    # SC1xx data packages: descriptors, resources, Table Schema
    Code("SC101", "descriptor-invalid", E, "A datapackage.json is not valid Data Package JSON."),
    Code("SC102", "resource-missing", E, "A resource file named by a descriptor does not exist."),
    Code("SC103", "resource-unreadable", E, "A resource file cannot be decoded or parsed as CSV."),
    Code("SC104", "path-unsafe", E, "A resource path leaves its package folder (../, absolute, symlink)."),
    Code("SC105", "path-remote", E, "A resource is a remote address and remote access is off."),
    Code("SC110", "header-mismatch", E, "The CSV header does not match the Table Schema fields."),
    Code("SC111", "blank-header", E, "A header cell is empty."),
    Code("SC112", "duplicate-header", E, "Two header cells have the same name."),
    Code("SC113", "extra-cell", E, "A row has more cells than the header."),
    Code("SC114", "missing-cell", E, "A row has fewer cells than the header."),
    Code("SC115", "blank-row", E, "A row is empty."),
    Code("SC120", "type-error", E, "A cell does not parse as its field's Table Schema type."),
    Code("SC121", "constraint-error", E, "A cell breaks a Table Schema constraint (required, minimum, enum, pattern...)."),
    Code("SC122", "unique-error", E, "A value in a unique field appears twice."),
    Code("SC123", "primary-key-error", E, "A primary key value appears twice or is empty."),
    Code("SC124", "foreign-key-error", E, "A foreign key points to no row of its reference."),
    Code("SC130", "provenance-missing", E, "A package or row lacks the provenance sourcecheck requires."),
    # SC2xx pandera schemas
    Code("SC201", "schema-check-failed", E, "A value fails a check of the resource's pandera schema."),
    Code("SC202", "schema-missing", E, "A resource has no pandera schema in schemas/."),
    Code("SC203", "schema-invalid", E, "A pandera schema file cannot be loaded."),
    Code("SC211", "shares-do-not-add-up", E, "The shares of one question do not add up to 100 within rounding."),
    Code("SC212", "count-invalid", E, "A count is negative or not whole."),
    Code("SC213", "votes-exceed-ballots", E, "Votes for candidates plus invalid ballots exceed the ballots cast."),
    Code("SC214", "fieldwork-after-publication", E, "Fieldwork ends after the source was published."),
    Code("SC215", "range-reversed", E, "The high end of a range lies below its low end."),
    Code("SC216", "rank-out-of-order", E, "A ranking contradicts the values it ranks."),
    # SC3xx claims against data
    Code("SC301", "text-mismatch", E, "The number in the text does not agree with its source value: their intervals do not overlap."),
    Code("SC302", "data-changed", E, "The source value is no longer the one the claim was checked against."),
    Code("SC303", "source-record-missing", E, "The record a claim refers to is not in its resource."),
    Code("SC304", "source-fails-schema", E, "The resource a claim rests on has validation findings."),
    Code("SC305", "unverified-source", W, "The claim rests on a figure its data package marks as unverified."),
    Code("SC306", "source-value-unreadable", E, "The source cell a claim refers to is empty or not a number."),
    Code("SC307", "attribution-mismatch", W, "The text says the figure comes from a kind of source its provenance contradicts."),
    Code("SC308", "rank-tied", W, "A rank in the text rests on a tie: other rows of the resource hold the same value."),
    # SC4xx text: numbers and anchors
    Code("SC401", "unlinked-statistic", E, "A statistic in the text is covered by no claim and no waiver."),
    Code("SC402", "anchor-lost", E, "The words around a claim or waiver are no longer in the text."),
    Code("SC403", "anchor-ambiguous", E, "The words around a claim or waiver stand in more than one place in the text."),
    Code("SC404", "anchor-without-number", E, "The words around a claim are in the text, but no number stands between them."),
    Code("SC405", "text-changed", W, "The number at a claim or waiver was edited (a claim's still agrees with its source): update the ledger."),
    Code("SC406", "acknowledgement-unused", N, "An acknowledgement in the ledger matches no finding (fixed, or the text or value changed)."),
    Code("SC407", "vague-statistic", N, "A percentage or amount is stated without a figure."),
    # SC5xx consistency between claims
    Code("SC501", "claims-contradict", E, "Two claims on one source record state intervals that cannot both hold."),
)

del E, W, N


def lookup(code: str) -> Code:
    """The registered code; a KeyError for an unknown one is a programming error."""
    return CODES[code]
