"""``sourcecheck mutate``: does the check catch small edits of every linked number?

For every claim of every ledger, one edit at a time, in a temporary copy of the
project (never in place): the number as it stands in the text (see
:mod:`.operators`) and each source cell the claim rests on.  A mutant is *caught*
when the check of the edited copy has a failing finding on that claim (or cannot run
at all: CI is red either way).  A survivor is a weakness, unless a rule of
:mod:`.equivalent` shows the edit keeps the meaning.

    report = sourcecheck.mutate.run(".")
    report.score          # caught / (mutants - meaning-preserving)
    report.exit_code      # 0 when every survivor keeps the meaning, 1 otherwise
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ..codes import SC
from ..compare.anchor import AnchorStatus, locate
from ..errors import SourcecheckError, UsageError
from ..findings import Finding
from ..ledger.model import Reference
from ..numbers import extract
from ..prose import format_of, read_prose
from ..prose.mentions import placed
from .equivalent import EQUIVALENCES, Equivalence, classify
from .operators import Edit, cell_edits, text_edits
from .session import Session

CAUGHT, SURVIVED, EQUIVALENT = "caught", "survived", "meaning-preserving"


@dataclass
class Mutant:
    """One edit of one claim's number or source cell, and what the check made of it."""

    claim: str
    target: str       # "text" or "cell"
    operator: str
    where: str        # article:line:column, or package/resource.csv row N field
    before: str
    after: str
    derive_op: str | None = None
    status: str = ""
    evidence: str = ""           # the finding (or error) that caught it
    equivalence: Equivalence | None = None
    notes: tuple[str, ...] = ()  # codes of the notes the check made on the claim (SC409: same reading)

    @property
    def description(self) -> str:
        return f"[{self.claim}] {self.operator}: {self.where} {self.before!r} -> {self.after!r}"

    def to_dict(self) -> dict[str, Any]:
        data = {"claim": self.claim, "target": self.target, "operator": self.operator,
                "where": self.where, "before": self.before, "after": self.after,
                "status": self.status, "evidence": self.evidence}
        if self.equivalence is not None:
            data["reason"] = self.equivalence.reason
        return data


@dataclass
class MutationReport:
    mutants: list[Mutant] = field(default_factory=list)

    def _with(self, status: str) -> list[Mutant]:
        return [m for m in self.mutants if m.status == status]

    @property
    def caught(self) -> list[Mutant]:
        return self._with(CAUGHT)

    @property
    def survivors(self) -> list[Mutant]:
        """Surviving mutants that change the meaning: weaknesses of the check."""
        return self._with(SURVIVED)

    @property
    def equivalent(self) -> list[Mutant]:
        """Surviving mutants shown to keep the meaning."""
        return self._with(EQUIVALENT)

    @property
    def score(self) -> float:
        """Caught mutants as a share of those that change the meaning (1.0 when none do)."""
        counted = len(self.mutants) - len(self.equivalent)
        return len(self.caught) / counted if counted else 1.0

    @property
    def exit_code(self) -> int:
        return 0 if not self.survivors else 1

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "mutants": len(self.mutants), "caught": len(self.caught),
                "survived": len(self.survivors), "meaning_preserving": len(self.equivalent),
                "details": [m.to_dict() for m in self.mutants]}

    def to_text(self, every: bool = False) -> str:
        lines = [f"mutation score: {self.score:.1%} ({len(self.caught)} of "
                 f"{len(self.mutants) - len(self.equivalent)} mutants caught; {len(self.mutants)} made, "
                 f"{len(self.equivalent)} meaning-preserving, {len(self.survivors)} surviving)"]
        if self.survivors:
            lines.append("survivors (the check misses these edits):")
            lines += [f"  {m.description}" for m in self.survivors]
        if self.equivalent:
            lines.append("meaning-preserving survivors:")
            for m in self.equivalent:
                assert m.equivalence is not None
                lines.append(f"  {m.description}")
                lines.append(f"      {m.equivalence.name}: {m.equivalence.reason}")
        if every:
            lines.append("caught:")
            lines += [f"  {m.description}\n      by {m.evidence}" for m in self.caught]
        return "".join(line + "\n" for line in lines)


def run(path: str | PathLike[str] = ".") -> MutationReport:
    """Mutate every linked claim of the project at ``path`` and check each mutant."""
    report = MutationReport()
    with Session(Path(path)) as session:
        baseline = session.check()
        if baseline.exit_code != 0:
            raise UsageError(f"the project has {len(baseline.failures)} failing finding(s); mutants "
                             "only mean something once `sourcecheck check` passes", Path(path))
        for article in session.articles():
            if article.ledger is None:
                continue
            original = article.path.read_text(encoding="utf-8")
            prose = read_prose(original, format_of(article.path))  # anchors stand in the reader's text
            mentions = placed(prose, extract(prose.text, article.lang))
            rel = article.path.relative_to(session.root).as_posix()
            for claim in article.ledger.claims:
                located = locate(prose.text, claim.anchor, mentions)
                if located.status is not AnchorStatus.FOUND or located.mention is None:
                    continue
                assert located.start is not None and located.end is not None
                where = f"{rel}:{located.mention.line}:{located.mention.column}"
                start, end = prose.source_span(located.start, located.end)  # markup within it goes too
                for edit in text_edits(located.text, article.lang):
                    mutant = Mutant(claim.id, "text", edit.operator, where, located.text, edit.text)
                    edited = prose.source[:start] + edit.text + prose.source[end:]
                    _judge(mutant, session, article.path, original, edited.encode("utf-8"))
                    report.mutants.append(mutant)
                derive_op = claim.derive.op if claim.derive is not None else None
                for ref in claim.references:
                    for mutant, csv_path, before, after in _cell_mutants(session, claim.id, ref, derive_op):
                        _judge(mutant, session, csv_path, before, after)
                        report.mutants.append(mutant)
    return report


def _judge(mutant: Mutant, session: Session, path: Path, original: str | bytes, edited: bytes) -> None:
    """Write the edit, check, undo it; set the mutant's status."""
    restore = original.encode("utf-8") if isinstance(original, str) else original
    try:
        path.write_bytes(edited)
        session.forget(path)
        try:
            result = session.check_edit(path, edited)
        except SourcecheckError as error:
            mutant.status, mutant.evidence = CAUGHT, f"the check could not run: {error}"
            return
        failing = sorted((f for f in result.failures if f.claim == mutant.claim), key=_telling)
        if failing:
            codes = ", ".join(sorted({f.code for f in failing}))
            mutant.status, mutant.evidence = CAUGHT, f"{codes}: {failing[0].message}"
            return
        notes = [f for f in result.findings if f.claim == mutant.claim and f.code == SC.TEXT_REWORDED]
        mutant.notes = tuple(str(f.code) for f in notes)
        mutant.equivalence = classify(mutant)
        mutant.status = EQUIVALENT if mutant.equivalence else SURVIVED
        if mutant.status == EQUIVALENT and notes:
            mutant.evidence = f"{notes[0].code}: {notes[0].message}"
    finally:
        path.write_bytes(restore)
        session.forget(path)


# Which failing finding best explains a catch: the number or the data first, then the
# anchor, then an acknowledgement that lapsed because what it acknowledged changed.
_EXPLAINS = (SC.TEXT_MISMATCH, SC.DATA_CHANGED, SC.SOURCE_RECORD_MISSING, SC.SOURCE_VALUE_UNREADABLE,
             SC.SOURCE_FAILS_SCHEMA, SC.TEXT_CHANGED, SC.ANCHOR_LOST, SC.ANCHOR_AMBIGUOUS,
             SC.ANCHOR_WITHOUT_NUMBER, SC.CLAIMS_CONTRADICT)


def _telling(finding: Finding) -> int:
    return _EXPLAINS.index(finding.code) if finding.code in _EXPLAINS else len(_EXPLAINS)


def _cell_mutants(session: Session, claim: str, ref: Reference,
                  derive_op: str | None) -> Iterator[tuple[Mutant, Path, bytes, bytes]]:
    """(mutant, csv path, original bytes, edited bytes) for each edit of the cell ``ref`` names."""
    resource = session.catalog.resource(ref.package, ref.resource)
    if resource is None or not isinstance(resource.path, Path) or ref.field not in resource.fields:
        return
    record = resource.lookup(list(ref.key) if isinstance(ref.key, tuple) else ref.key)
    if record is None:
        return
    data = resource.path.read_bytes()
    encoding = resource.descriptor.get("encoding") or "utf-8"
    text = data.decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = resource.fields.index(ref.field)
    if record.row >= len(rows) or column >= len(rows[record.row]):
        return
    cell = rows[record.row][column]
    where = f"{resource.display} row {record.row_number} {ref.field}"
    for edit in cell_edits(cell):
        edited_rows = [list(row) for row in rows]
        edited_rows[record.row][column] = edit.text
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(edited_rows)
        yield (Mutant(claim, "cell", edit.operator, where, cell, edit.text, derive_op),
               resource.path, data, out.getvalue().encode(encoding))


__all__ = [
    "CAUGHT",
    "EQUIVALENCES",
    "EQUIVALENT",
    "SURVIVED",
    "Edit",
    "MutationReport",
    "Mutant",
    "cell_edits",
    "run",
    "text_edits",
]
