"""``sourcecheck init ARTICLE --link``: a ledger drafted, or extended, with proposed sources.

The best candidate of each number (linking.py) becomes a real claim marked ``review:
pending`` (SC410 fails the check until a person accepts it), with its evidence as a comment:
the cell's value, the words that matched, the runner-up.  A number with two equally good
cells, or with cells of its value but no words in common, gets a commented stub that lists
them; one with none, a plain stub.  Numbers of waived kinds (years, dates...) are left out,
as ``init`` leaves them out.

On an existing ledger only the numbers no claim or waiver covers yet get a proposal (a number
whose stub an earlier ``init`` left commented out gets a claim, never a second stub).  Proposed
claims go into the ``claims:`` list, right after its last item (or a new ``claims:`` block at
the end when there is none; as comments when ``claims:`` is a flow list); stubs are appended
at the end.  Every other byte of the ledger stays as it was, and the result is loaded before
it is written.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from .compare.intervals import show
from .config import claims_config
from .errors import InputError, LedgerError, UsageError
from .existing_ledger import read_existing
from .ledger.load import load_ledger
from .ledger.model import LEDGER_NAME
from .linking import Cell, Proposal, numeric_cells, propose
from .numbers import extract
from .project import Project
from .prose import Prose
from .prose.mentions import placed
from .scaffold import (
    _install_schema,
    _lang_of,
    _project_of,
    _quote,
    _read_article,
    _schema_place,
    _stub_lines,
    _waived_kinds,
    draft_stubs,
    render,
    write_atomically,
)
from .sources.catalog import load_catalog


@dataclass(frozen=True)
class Linked:
    """What ``init --link`` wrote (or, ``dry_run``, would write)."""

    path: Path
    proposals: tuple[Proposal, ...]
    text: str  # the whole ledger, or what is added to an existing one
    appended: bool
    dry_run: bool = False
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        if self.dry_run:
            return self.text
        claims = sum(1 for p in self.proposals if p.best is not None)
        stubs = len(self.proposals) - claims
        verb = "added to" if self.appended else "drafted"
        said = (f"{verb} {self.path}: {claims} proposed claims marked `review: pending` (check each one's "
                f"source, then `sourcecheck accept`), {stubs} stubs to fill in or waive")
        if self.appended and not self.proposals:
            said = f"{self.path}: nothing to add: every number has a claim, a waiver or a stub"
        return "".join(line + "\n" for line in (said, *self.notes))


def link_ledger(article: str | os.PathLike[str], *, lang: str | None = None, force: bool = False,
                dry_run: bool = False) -> Linked:
    """Draft (or extend) the ledger of ``article`` with a proposed source for each number."""
    path = Path(article)
    ledger_path = path.parent / LEDGER_NAME
    prose = _read_article(path)
    text = prose.text
    project = _project_of(path) or Project.find(path.parent)
    try:
        catalog = load_catalog(project)
    except InputError as error:
        raise UsageError(f"--link proposes cells of the project's data packages: {error.message}",
                         project.datapackages) from None
    slack = claims_config(project).slack
    cells = list(numeric_cells(catalog, slack))
    if ledger_path.exists() and not force:
        return _extend(path, ledger_path, prose, lang, cells, slack, dry_run)
    lang = lang or _lang_of(path, prose)
    mentions = placed(prose, extract(prose.text, lang))
    stubs, left_out = draft_stubs(text, lang, _waived_kinds(path), mentions=mentions)
    proposals = propose(text, mentions, stubs, cells, slack)
    schema = Path(os.path.relpath(_schema_place(path), ledger_path.parent)).as_posix()
    draft = _render_new(path.name, lang, proposals, left_out, schema)
    _must_load(ledger_path, draft)
    notes: tuple[str, ...] = ()
    if not dry_run:
        write_atomically(ledger_path, draft, overwrite=force)
        notes = _install_schema(_schema_place(path))
    return Linked(ledger_path, tuple(proposals), draft, appended=False, dry_run=dry_run, notes=notes)


def _extend(path: Path, ledger_path: Path, prose: Prose, lang: str | None, cells: Sequence[Cell],
            slack: dict[str, Decimal], dry_run: bool) -> Linked:
    existing = read_existing(ledger_path, prose, lang, lambda: _lang_of(path, prose))
    old, text = existing.text, prose.text
    stubs, _ = draft_stubs(text, existing.lang, _waived_kinds(path), mentions=existing.mentions,
                           covered=existing.covered, taken=existing.taken)
    # a number whose stub an earlier init left commented out gets a claim, but no second stub
    proposals = [proposal for proposal in propose(text, existing.mentions, stubs, cells, slack)
                 if proposal.best is not None or proposal.stub.start not in existing.commented]
    if not proposals:
        return Linked(ledger_path, (), "", appended=True, dry_run=dry_run)
    new = add_proposals(old, proposals)
    _must_load(ledger_path, new)
    if not dry_run:
        write_atomically(ledger_path, new, overwrite=True)
    return Linked(ledger_path, tuple(proposals), _added(old, new), appended=True, dry_run=dry_run)


def add_proposals(old: str, proposals: Sequence[Proposal]) -> str:
    """``old`` (a ledger's text) with the proposed claims in its ``claims:`` list and the
    stubs at its end; every byte of ``old`` kept, in order."""
    newline = "\r\n" if "\r\n" in old else "\n"
    claims = [p for p in proposals if p.best is not None]
    stubs = [p for p in proposals if p.best is None]
    at, dash, opener = _claims_place(old)
    if claims and at is None:  # a `claims:` this cannot add to in place: the proposals stay comments
        stubs, claims = list(proposals), []
    head, tail = (old, "") if at is None else (old[:at], old[at:])
    if claims:
        if head and not head.endswith("\n"):
            head += newline
        lines = [opener] if opener else []
        for proposal in claims:
            lines += _claim_lines(proposal, dash)
        head += newline.join(lines) + newline
    text = head + tail
    if stubs:
        lines = ["", f"# Added by `sourcecheck init --link`: {len(stubs)} numbers with no single good source cell.",
                 "# Fill in each one's source and uncomment it into the `claims:` list, or waive the number."]
        for proposal in stubs:
            lines += _stub_with_candidates(proposal)
        text += ("" if not text or text.endswith("\n") else newline) + newline.join(lines) + newline
    return text


def _claims_place(text: str) -> tuple[int | None, int, str]:
    """Where new claim items go in ``text``, their dash's column, and the line to open the
    list with (``claims:`` when there is none); no place (None) when ``claims:`` holds a
    flow list or an explicit null, which items cannot follow."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # pure Python: marks count characters
    if root is None:
        return len(text), 2, "claims:"
    if not isinstance(root, yaml.MappingNode):
        raise LedgerError("the ledger is not a mapping", None)
    for key, value in root.value:
        if key.value != "claims":
            continue
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            last = value.value[-1]
            line_start = text.rfind("\n", 0, last.start_mark.index) + 1
            dash = text.rfind("-", line_start, last.start_mark.index)
            return _after_node(text, last), max(dash - line_start, 0), ""
        if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null") and value.value == "":
            line_end = text.find("\n", key.end_mark.index)
            return (len(text) if line_end < 0 else line_end + 1), key.start_mark.column + 2, ""
        return None, 0, ""
    return len(text), 2, "claims:"


def _after_node(text: str, node: yaml.Node) -> int:
    """The start of the line after the last line ``node`` stands on."""
    leaf = node
    while isinstance(leaf, (yaml.MappingNode, yaml.SequenceNode)) and leaf.value:
        last = leaf.value[-1]
        leaf = last[1] if isinstance(leaf, yaml.MappingNode) else last
    end = leaf.end_mark.index
    if end > 0 and text[end - 1] == "\n":  # a block scalar ends with its line
        return end
    line_end = text.find("\n", end)
    return len(text) if line_end < 0 else line_end + 1


def _claim_lines(proposal: Proposal, dash: int) -> list[str]:
    best = proposal.best
    assert best is not None
    cell, stub, pad = best.cell, proposal.stub, " " * dash
    runner_up = proposal.candidates[1].describe() if len(proposal.candidates) > 1 else "none"
    key = _quote(cell.key[0]) if len(cell.key) == 1 else "[" + ", ".join(_quote(k) for k in cell.key) + "]"
    return [
        f"{pad}- id: {stub.id}",
        f"{pad}  review: pending   # proposed by `sourcecheck init --link`: check it, then `sourcecheck accept "
        f"{stub.id}`",
        f'{pad}  # evidence: line {stub.line} reads {_quote(stub.exact)}; the cell holds "{cell.written}" '
        f"{show(cell.interval)}; matching words: {', '.join(best.words)}",
        f"{pad}  # runner-up: {runner_up}",
        f"{pad}  anchor:",
        f"{pad}    prefix: {_quote(stub.prefix)}",
        f"{pad}    exact: {_quote(stub.exact)}",
        f"{pad}    suffix: {_quote(stub.suffix)}",
        f"{pad}  source:",
        f"{pad}    package: {_quote(cell.package)}",
        f"{pad}    resource: {_quote(cell.resource)}",
        f"{pad}    key: {key}",
        f"{pad}    field: {_quote(cell.field)}",
        f"{pad}    value: {_quote(cell.written)}",
        "",
    ]


def _stub_with_candidates(proposal: Proposal) -> list[str]:
    """A commented stub, after a comment that names the cells that could hold its number."""
    candidates = proposal.candidates
    if len(candidates) > 1 and candidates[0].score == candidates[1].score and candidates[0].described:
        said = ["#   # two cells fit equally well; pick one:"]
    elif candidates:
        said = ["#   # cells with this value, but too few words in common to propose one:"]
    else:
        said = []
    said += [f"#   #   {candidate.describe()}" for candidate in candidates]
    return said + _stub_lines(proposal.stub)


def _render_new(article_name: str, lang: str, proposals: Sequence[Proposal], left_out: int, schema: str) -> str:
    """A new ledger: the proposed claims in its ``claims:`` list, the other numbers as stubs."""
    stubs = [p for p in proposals if p.best is None]
    claims = [p for p in proposals if p.best is not None]
    head = render(article_name, lang, [], left_out, schema).replace("# claims:\n", "")
    head = head.replace("# Each of the 0 numbers below needs a source.",
                        f"# {len(claims)} claims below are proposed, marked `review: pending`; "
                        f"{len(stubs)} numbers below\n# need a source.")
    return add_proposals(head, proposals)


def _added(old: str, new: str) -> str:
    """The lines ``new`` adds to ``old``, as a dry run prints them."""
    return "".join(line[2:] for line in difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True))
                   if line.startswith("+ "))


def _must_load(path: Path, text: str) -> None:
    """The ledger ``text`` loads: a proposal that would break the user's file is a bug."""
    try:
        load_ledger(path, text.encode("utf-8"))
    except LedgerError as error:
        raise AssertionError(f"init --link drafted a ledger that does not load: {error}") from error
