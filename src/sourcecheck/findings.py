"""A finding: one problem found, as data.  Exceptions are for "could not run"."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass
from typing import Any

from .codes import Severity, lookup


@dataclass(frozen=True)
class Finding:
    """One problem, with a stable code and the place it was found.

    ``line``/``column`` locate it in a text file (article, ledger, descriptor);
    ``row``/``field`` locate it in a CSV resource.  ``row`` counts like
    frictionless's ``rowNumber``: the header is row 1, the first data row is 2.
    """

    code: str
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    row: int | None = None
    field: str | None = None
    claim: str | None = None
    acknowledged: str | None = None  # the ledger's reason, when acknowledged
    details: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        return lookup(self.code).name

    @property
    def severity(self) -> Severity:
        return lookup(self.code).severity

    @property
    def fails(self) -> bool:
        """Whether this finding turns CI red."""
        return self.acknowledged is None and self.severity is not Severity.NOTE

    @property
    def location(self) -> str:
        """``path:line:column`` for text files, ``path:row:field`` for tables."""
        if self.row is not None or self.field is not None:
            parts = [self.path, self.row, self.field]
        else:
            parts = [self.path, self.line, self.column]
        return ":".join(str(part) for part in parts if part is not None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["name"] = self.name
        data["severity"] = str(self.severity)
        return data
