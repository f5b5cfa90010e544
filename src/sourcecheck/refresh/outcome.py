"""What a refresh found, per resource with an upstream, and its exit code.

    0  nothing changed upstream (or, without ``--check``, the new versions were written)
    1  ``--check``: a resource changed upstream, or a claim would break
    2  an upstream could not be fetched (the others are still reported)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from .cells import TableChanges

NOT_MODIFIED, UNCHANGED, CHANGED, FAILED = "not modified", "unchanged", "changed", "failed"


@dataclass(frozen=True)
class BrokenClaim:
    """A claim that holds (or is acknowledged) now and would fail on the new version."""

    id: str
    article: str
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "article": self.article,
                "findings": [{"code": f.code, "name": f.name, "message": f.message} for f in self.findings]}


@dataclass
class ResourceRefresh:
    descriptor: str       # the descriptor's path, relative to the project
    resource: str
    url: str
    status: str           # NOT_MODIFIED, UNCHANGED, CHANGED or FAILED
    reason: str = ""      # why it failed
    old_size: int | None = None
    new_size: int | None = None
    changes: TableChanges = field(default_factory=TableChanges)
    invalid: list[Finding] = field(default_factory=list)  # the new version's failing validation findings
    broken: list[BrokenClaim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"descriptor": self.descriptor, "resource": self.resource, "url": self.url,
                                "status": self.status}
        if self.reason:
            data["reason"] = self.reason
        if self.status == CHANGED:
            data.update(old_bytes=self.old_size, new_bytes=self.new_size, changes=self.changes.to_dict(),
                        invalid=[{"code": f.code, "name": f.name, "location": f.location, "message": f.message}
                                 for f in self.invalid],
                        broken_claims=[claim.to_dict() for claim in self.broken])
        return data

    def to_text(self) -> str:
        head = f"{self.descriptor}: {self.resource}: {self.status}"
        if self.status == FAILED:
            return f"{head}: {self.reason}\n"
        if self.status != CHANGED:
            return f"{head} ({self.url})\n"
        changes = self.changes
        lines = [f"{head}: {len(changes.cells)} cell(s) changed, {len(changes.added)} row(s) added, "
                 f"{len(changes.removed)} removed ({self.old_size} -> {self.new_size} bytes)"]
        lines += [f"  {cell.row} {cell.field}: {cell.old!r} -> {cell.new!r}" for cell in changes.cells]
        lines += [f"  row added: {row}" for row in changes.added]
        lines += [f"  row removed: {row}" for row in changes.removed]
        lines += [f"  field added: {name}" for name in changes.fields_added]
        lines += [f"  field removed: {name}" for name in changes.fields_removed]
        lines += [f"  the new version fails validation: {f.location}: {f.code} {f.name}: {f.message}"
                  for f in self.invalid]
        for claim in self.broken:
            lines.append(f"  would break claim {claim.id} ({claim.article})")
            lines += [f"    {f.code} {f.name}: {f.message}" for f in claim.findings]
        return "".join(line + "\n" for line in lines)


@dataclass
class RefreshReport:
    resources: list[ResourceRefresh] = field(default_factory=list)
    written: bool = False  # whether the new versions replaced the local copies

    def of(self, status: str) -> list[ResourceRefresh]:
        return [item for item in self.resources if item.status == status]

    @property
    def broken(self) -> list[BrokenClaim]:
        return [claim for item in self.resources for claim in item.broken]

    @property
    def exit_code(self) -> int:
        if self.of(FAILED):
            return 2
        if not self.written and self.of(CHANGED):
            return 1
        return 0

    def summary(self) -> str:
        if not self.resources:
            return "no resource names an upstream: nothing to refresh\n"
        changed = self.of(CHANGED)
        return (f"{len(self.resources)} upstream(s): {len(changed)} changed, "
                f"{len(self.of(NOT_MODIFIED)) + len(self.of(UNCHANGED))} unchanged, {len(self.of(FAILED))} "
                f"could not be fetched; {len(self.broken)} claim(s) would break"
                + ("; the local copies were updated" if self.written and changed else "")
                + ("" if self.written or not changed else "; nothing written (--check)") + "\n")

    def to_text(self) -> str:
        return "".join(item.to_text() for item in self.resources) + self.summary()

    def to_dict(self) -> dict[str, Any]:
        return {"resources": [item.to_dict() for item in self.resources], "written": self.written,
                "broken_claims": len(self.broken), "exit_code": self.exit_code}
