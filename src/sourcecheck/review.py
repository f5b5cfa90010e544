"""``sourcecheck accept CLAIM-ID ...``: a person has reviewed proposed links; trust them.

A claim marked ``review: pending`` (a link proposed by a tool, not yet checked by a
person) fails the check with SC410 ``link-unreviewed``.  Accepting it removes the marker
from the ledger and changes nothing else: every other byte of the file (comments, order,
quoting, line endings) stays as it was.  The marker's place is read from the YAML nodes
of the file; the text is cut there, never re-serialised.  The ledger is written atomically.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, LedgerError, UsageError
from .ledger.load import load_ledger
from .ledger.model import LEDGER_NAME, Ledger
from .project import Project
from .run.articles import article_folders, ledger_paths
from .textfile import decode_utf8, write_atomically
from .yamlfile import read_bytes

#: What a claim id looks like (the ledger schema's pattern): anything else given is a path.
CLAIM_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Accepted:
    """What ``accept`` did to one ledger."""

    ledger: Path
    accepted: tuple[str, ...]                 # ids whose marker was removed
    not_pending: tuple[str, ...] = field(default=())  # ids named that had no marker

    def summary(self) -> str:
        lines = []
        if self.accepted:
            lines.append(f"{self.ledger}: accepted {len(self.accepted)} claim(s): {', '.join(self.accepted)}")
        if self.not_pending:
            lines.append(f"{self.ledger}: not pending review (nothing to do): {', '.join(self.not_pending)}")
        return "".join(line + "\n" for line in lines)


def accept(ids: Sequence[str], path: str | os.PathLike[str] = ".", *, every: bool = False) -> list[Accepted]:
    """Remove the ``review: pending`` marker of the claims ``ids`` (or of every pending
    claim, ``every``) from the ledgers at ``path``: a ledger file, an article, an article's
    folder, or a project (all its ledgers).  An id no ledger holds, or one that two ledgers
    hold, is a UsageError and nothing is written."""
    if not ids and not every:
        raise UsageError("name the claims to accept (their ids), or pass --all", os.fspath(path))
    ledgers = [(ledger_path, _read(ledger_path)) for ledger_path in _ledgers_at(Path(path))]
    wanted: dict[Path, list[str]] = {ledger_path: [] for ledger_path, _ in ledgers}
    for claim_id in dict.fromkeys(ids):
        holders = [ledger_path for ledger_path, (ledger, _) in ledgers
                   if any(claim.id == claim_id for claim in ledger.claims)]
        if not holders:
            raise UsageError(f"no claim has the id {claim_id!r} (looked in "
                             f"{', '.join(map(str, wanted)) or 'no ledger'})", os.fspath(path))
        if len(holders) > 1:
            raise UsageError(f"the claim id {claim_id!r} is in {len(holders)} ledgers "
                             f"({', '.join(map(str, holders))}): give the article's folder", os.fspath(path))
        wanted[holders[0]].append(claim_id)
    done = []
    for ledger_path, (ledger, text) in ledgers:
        pending = {claim.id for claim in ledger.claims if claim.pending}
        named = wanted[ledger_path]
        chosen = [claim.id for claim in ledger.claims if claim.pending and (every or claim.id in named)]
        if not chosen and not named:
            continue
        if chosen:
            changed = remove_markers(text, set(chosen))
            _same_but_reviewed(text, changed, set(chosen))
            _write(ledger_path, changed)
        done.append(Accepted(ledger_path, tuple(chosen), tuple(i for i in named if i not in pending)))
    return done


def remove_markers(text: str, ids: set[str]) -> str:
    """``text`` (a valid ledger) without the ``review`` entries of the claims ``ids``:
    the whole line of an entry that stands on its own line(s), else just the entry."""
    cuts = [_cut(text, mapping, index) for mapping, index in _markers(text, ids)]
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + text[end:]
    return text


def _markers(text: str, ids: set[str]) -> list[tuple[yaml.MappingNode, int]]:
    """The claims among ``ids`` that carry a ``review`` entry, with its index in the claim."""
    # the pure-Python parser: its marks count characters (libyaml's may count bytes)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    claims = _value_of(root, "claims")
    found = []
    for claim in claims.value if isinstance(claims, yaml.SequenceNode) else []:
        keys = [key.value for key, _ in claim.value]
        if "review" in keys and _scalar(_value_of(claim, "id")) in ids:
            found.append((claim, keys.index("review")))
    return found


def _cut(text: str, mapping: yaml.MappingNode, index: int) -> tuple[int, int]:
    """The span of ``text`` to remove for the entry ``index`` of ``mapping``."""
    key, value = mapping.value[index]
    start, end = key.start_mark.index, value.end_mark.index
    following = mapping.value[index + 1][0].start_mark.index if index + 1 < len(mapping.value) else None
    if mapping.flow_style:  # {id: a, review: pending, ...}: the entry and one comma
        if following is not None:
            return start, following
        return mapping.value[index - 1][1].end_mark.index, end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = end if text[end - 1:end] == "\n" else _end_of_line(text, end)
    if not text[line_start:start].strip():  # the entry has its line(s) to itself
        return line_start, line_end
    # the entry follows "- " (the claim's first): the next entry moves up in its place,
    # unless comments stand between them, which stay where they are
    if following is not None and "#" not in text[line_end:following]:
        return start, following
    line_break = len(text[:line_end]) - len(text[:line_end].rstrip("\r\n"))
    return len(text[:start].rstrip(" ")), line_end - line_break  # "-" alone on its line


def _same_but_reviewed(before: str, after: str, ids: set[str]) -> None:
    """The ledger ``after`` must read as ``before`` without the markers of ``ids`` (a
    difference is a bug here, never written to the user's file)."""
    expected = yaml.safe_load(before)
    for claim in expected["claims"]:
        if claim["id"] in ids:
            del claim["review"]
    if yaml.safe_load(after) != expected:
        raise AssertionError("removing the review markers would change the ledger otherwise")


def _end_of_line(text: str, at: int) -> int:
    newline = text.find("\n", at)
    return len(text) if newline < 0 else newline + 1


def _value_of(mapping: Any, name: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((value for key, value in mapping.value if key.value == name), None)


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _ledgers_at(path: Path) -> list[Path]:
    """The ledgers ``path`` names: itself, its article's or folder's, or its project's."""
    if path.is_file():
        return [path if path.suffix in (".yaml", ".yml") else path.parent / LEDGER_NAME]
    if (path / LEDGER_NAME).is_file():
        return [path / LEDGER_NAME]
    if not path.exists():
        raise InputError("no such file or folder", path)
    return ledger_paths(article_folders(Project.find(path)))


def _read(path: Path) -> tuple[Ledger, str]:
    data = read_bytes(path, LedgerError)
    return load_ledger(path, data), decode_utf8(data, path, LedgerError)


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text, overwrite=True)
    except OSError as error:
        raise InputError(f"cannot write the ledger: {error.strerror}", path) from None
