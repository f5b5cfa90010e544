"""The registry of finding codes: the single list every report, the SARIF rule
metadata, ``sourcecheck rules`` and docs/codes.md are generated from.

Blocks:  SC1xx data packages  SC2xx schemas  SC3xx claims against data
         SC4xx text           SC5xx consistency between claims

Code that reports a finding names its code by constant (``SC.TEXT_MISMATCH``, which is
the string "SC301"); the constant's name, in kebab case, is the code's name.
A code, once published, never changes meaning; retire it instead of reusing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"      # fails the check
    WARNING = "warning"  # fails the check too, but is about trust, not about a wrong figure
    NOTE = "note"        # informational: never fails the check


class SC(StrEnum):
    """Every finding code by name."""

    # SC1xx data packages: descriptors, resources, Table Schema
    DESCRIPTOR_INVALID = "SC101"
    RESOURCE_MISSING = "SC102"
    RESOURCE_UNREADABLE = "SC103"
    PATH_UNSAFE = "SC104"
    PATH_REMOTE = "SC105"
    HASH_MISMATCH = "SC106"
    HEADER_MISMATCH = "SC110"
    BLANK_HEADER = "SC111"
    DUPLICATE_HEADER = "SC112"
    EXTRA_CELL = "SC113"
    MISSING_CELL = "SC114"
    BLANK_ROW = "SC115"
    TYPE_ERROR = "SC120"
    CONSTRAINT_ERROR = "SC121"
    UNIQUE_ERROR = "SC122"
    PRIMARY_KEY_ERROR = "SC123"
    FOREIGN_KEY_ERROR = "SC124"
    PROVENANCE_MISSING = "SC130"
    # SC2xx pandera schemas
    SCHEMA_CHECK_FAILED = "SC201"
    SCHEMA_MISSING = "SC202"
    SCHEMA_INVALID = "SC203"
    SCHEMA_REQUIRED = "SC204"
    SHARES_DO_NOT_ADD_UP = "SC211"
    COUNT_INVALID = "SC212"
    VOTES_EXCEED_BALLOTS = "SC213"
    FIELDWORK_AFTER_PUBLICATION = "SC214"
    RANGE_REVERSED = "SC215"
    RANK_OUT_OF_ORDER = "SC216"
    # SC3xx claims against data
    TEXT_MISMATCH = "SC301"
    DATA_CHANGED = "SC302"
    SOURCE_RECORD_MISSING = "SC303"
    SOURCE_FAILS_SCHEMA = "SC304"
    UNVERIFIED_SOURCE = "SC305"
    SOURCE_VALUE_UNREADABLE = "SC306"
    ATTRIBUTION_MISMATCH = "SC307"
    RANK_TIED = "SC308"
    UNIT_MISMATCH = "SC309"
    # SC4xx text: numbers and anchors
    UNLINKED_STATISTIC = "SC401"
    ANCHOR_LOST = "SC402"
    ANCHOR_AMBIGUOUS = "SC403"
    ANCHOR_WITHOUT_NUMBER = "SC404"
    TEXT_CHANGED = "SC405"
    ACKNOWLEDGEMENT_UNUSED = "SC406"
    VAGUE_STATISTIC = "SC407"
    DIGITS_NOT_READ = "SC408"
    TEXT_REWORDED = "SC409"
    LINK_UNREVIEWED = "SC410"
    COMPUTED_NUMBER = "SC411"
    # SC5xx consistency between claims
    CLAIMS_CONTRADICT = "SC501"


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE

_ABOUT: dict[SC, tuple[Severity, str]] = {
    SC.DESCRIPTOR_INVALID: (E, "A datapackage.json is not valid Data Package JSON."),
    SC.RESOURCE_MISSING: (E, "A resource file named by a descriptor does not exist."),
    SC.RESOURCE_UNREADABLE: (E, "A resource file cannot be decoded or parsed as CSV."),
    SC.PATH_UNSAFE: (E, "A resource path leaves its package folder (../, absolute, symlink)."),
    SC.PATH_REMOTE: (E, "A resource is a remote address and remote access is off."),
    SC.HASH_MISMATCH: (E, "A resource file is not the one its descriptor pins (hash or bytes, written by "
                          "`sourcecheck lock`): it changed since it was locked."),
    SC.HEADER_MISMATCH: (E, "The CSV header does not match the Table Schema fields."),
    SC.BLANK_HEADER: (E, "A header cell is empty."),
    SC.DUPLICATE_HEADER: (E, "Two header cells have the same name."),
    SC.EXTRA_CELL: (E, "A row has more cells than the header."),
    SC.MISSING_CELL: (E, "A row has fewer cells than the header."),
    SC.BLANK_ROW: (E, "A row is empty."),
    SC.TYPE_ERROR: (E, "A cell does not parse as its field's Table Schema type."),
    SC.CONSTRAINT_ERROR: (E, "A cell breaks a Table Schema constraint (required, minimum, enum, pattern...)."),
    SC.UNIQUE_ERROR: (E, "A value in a unique field appears twice."),
    SC.PRIMARY_KEY_ERROR: (E, "A primary key value appears twice or is empty."),
    SC.FOREIGN_KEY_ERROR: (E, "A foreign key points to no row of its reference."),
    SC.PROVENANCE_MISSING: (E, "A package or row lacks the provenance sourcecheck requires."),
    SC.SCHEMA_CHECK_FAILED: (E, "A value fails a check of the resource's pandera schema."),
    SC.SCHEMA_MISSING: (N, "A resource has no pandera schema in schemas/: only its Table Schema is checked."),
    SC.SCHEMA_INVALID: (E, "A pandera schema file cannot be loaded."),
    SC.SCHEMA_REQUIRED: (E, "A resource has no pandera schema and the project requires one (require-schemas)."),
    SC.SHARES_DO_NOT_ADD_UP: (E, "The shares of one question do not add up to 100 within rounding."),
    SC.COUNT_INVALID: (E, "A count is negative or not whole."),
    SC.VOTES_EXCEED_BALLOTS: (E, "Votes for candidates plus invalid ballots exceed the ballots cast."),
    SC.FIELDWORK_AFTER_PUBLICATION: (E, "Fieldwork ends after the source was published."),
    SC.RANGE_REVERSED: (E, "The high end of a range lies below its low end."),
    SC.RANK_OUT_OF_ORDER: (E, "A ranking contradicts the values it ranks."),
    SC.TEXT_MISMATCH: (E, "The number in the text does not agree with its source value: their intervals do not "
                          "overlap."),
    SC.DATA_CHANGED: (E, "The source value is no longer the one the claim was checked against."),
    SC.SOURCE_RECORD_MISSING: (E, "The record a claim refers to is not in its resource."),
    SC.SOURCE_FAILS_SCHEMA: (E, "The resource a claim rests on has validation findings."),
    SC.UNVERIFIED_SOURCE: (W, "The claim rests on a figure its data package marks as unverified."),
    SC.SOURCE_VALUE_UNREADABLE: (E, "The source cell a claim refers to is empty or not a number."),
    SC.ATTRIBUTION_MISMATCH: (W, "The text says the figure comes from a kind of source its provenance contradicts."),
    SC.RANK_TIED: (W, "A rank in the text rests on a tie: other rows of the resource hold the same value."),
    SC.UNIT_MISMATCH: (E, "The text and its source value are in different units (percent and percentage points, "
                          "money and a count, two currencies): they are not compared."),
    SC.UNLINKED_STATISTIC: (E, "A statistic in the text is covered by no claim and no waiver."),
    SC.ANCHOR_LOST: (E, "The words around a claim or waiver are no longer in the text."),
    SC.ANCHOR_AMBIGUOUS: (E, "The words around a claim or waiver stand in more than one place in the text."),
    SC.ANCHOR_WITHOUT_NUMBER: (E, "The words around a claim are in the text, but no number stands between them."),
    SC.TEXT_CHANGED: (E, "The number at a claim or waiver was edited and now reads differently (a claim's still "
                         "agrees with its source): check it, then update the ledger."),
    SC.ACKNOWLEDGEMENT_UNUSED: (N, "An acknowledgement in the ledger matches no finding (fixed, or the text or value "
                                   "changed)."),
    SC.VAGUE_STATISTIC: (N, "A percentage or amount is stated without a figure."),
    SC.DIGITS_NOT_READ: (N, "The text holds digits of a script other than 0-9 glued inside a word, where no "
                            "number is read: a number no claim can check (digits of any script standing alone "
                            "are read like 0-9)."),
    SC.TEXT_REWORDED: (N, "The number at a claim or waiver was reworded and reads as the ledger recorded it (the same "
                          "interval, kind, unit and qualifier): it still holds."),
    SC.LINK_UNREVIEWED: (E, "A claim marked `review: pending` (a proposed link) has not been reviewed by a person "
                            "yet."),
    SC.COMPUTED_NUMBER: (N, "A number of a Quarto article is computed by an inline expression when the document "
                            "renders: it is not checked in the source; check the rendered HTML instead."),
    SC.CLAIMS_CONTRADICT: (E, "Two claims on one source record state intervals that cannot both hold."),
}

del E, W, N

CODES: dict[str, Code] = {
    code.value: Code(code.value, code.name.lower().replace("_", "-"), severity, summary)
    for code, (severity, summary) in _ABOUT.items()
}


def lookup(code: str) -> Code:
    """The registered code; a KeyError for an unknown one is a programming error."""
    return CODES[code]
