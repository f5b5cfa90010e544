"""``sourcecheck refresh``: fetch every resource's upstream again and say what a revision
would change and break.

For each resource with an ``upstream`` (:mod:`sourcecheck.upstream.spec`), a conditional
request (the ETag and Last-Modified of its retrieval record); a 304, or the same bytes,
is "unchanged".  The changed resources are tried out together in a temporary copy of the
project (:mod:`.trial`): the new version validated, every claim checked, and compared
with the project as it is: the cells that changed (row key, field, old -> new) and the
claims that would break (id, article), per resource.

With ``check_only`` nothing is written.  Without it, each changed local copy is replaced
atomically, then its descriptor gets the new ``hash``, ``bytes`` and retrieval record
(every other byte of it as it was); a crash between the two leaves a file that no longer
matches its hash, which ``check`` reports (SC106).  Without ``allow_remote`` nothing is
sent and the run stops (exit 2).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import InputError, UnsafePathError, UsageError
from ..project import Project
from ..sources.catalog import load_catalog
from ..sources.descriptor import DescriptorProblem, as_list, read_json_text
from ..sources.jsonedit import set_members
from ..sources.lock import descriptors_at
from ..sources.paths import is_remote, resolve_inside
from ..sources.pinning import BYTES, HASH, PinInvalid, content_hash, pin_of
from ..textfile import NotReadable, read_regular, write_atomically
from ..upstream.fetch import FetchFailed, fetch_upstream
from ..upstream.retrieval import RETRIEVED, Retrieval, retrieval_of
from ..upstream.spec import Upstream, UpstreamInvalid, upstream_of
from .cells import cells_as_written, table_changes
from .outcome import CHANGED, FAILED, NOT_MODIFIED, UNCHANGED, RefreshReport, ResourceRefresh
from .trial import broken_claims, run_both, trial_copy

REFUSED = ("refresh fetches each resource's upstream over the network: give --allow-remote to let it "
           "(nothing was sent)")


@dataclass
class _Resource:
    """One resource with an upstream, as the run goes."""

    descriptor_path: Path
    index: int
    package: str
    name: str
    local: Path
    upstream: Upstream
    entry: dict[str, Any]
    old: bytes | None
    outcome: ResourceRefresh
    new: bytes | None = None
    retrieval: Retrieval = field(default_factory=Retrieval)


def refresh(path: str | PathLike[str] = ".", *, allow_remote: bool = False, check_only: bool = False,
            today: str | None = None) -> RefreshReport:
    """Refresh the resources of the project (or package) at ``path`` from their upstreams."""
    if not allow_remote:
        raise UsageError(REFUSED)
    project, descriptors = descriptors_at(path)
    limits.apply(project)
    today = today or datetime.datetime.now(datetime.UTC).date().isoformat()
    texts: dict[Path, str] = {}
    resources: list[_Resource] = []
    for descriptor_path in descriptors:
        shown = _shown(project, descriptor_path)
        try:
            document, texts[descriptor_path] = read_json_text(descriptor_path, shown)
        except DescriptorProblem as problem:
            raise InputError(problem.finding.message, shown, problem.finding.line) from None
        resources += _with_upstream(document, descriptor_path, shown)
    report = RefreshReport(resources=[item.outcome for item in resources])
    for item in resources:
        _fetch(item, today)
    changed = [item for item in resources if item.outcome.status == CHANGED]
    if changed:
        _try_out(project, changed, texts)
    if not check_only:
        _write(resources, texts)
        report.written = True
    return report


def _with_upstream(document: Any, descriptor_path: Path, shown: str) -> list[_Resource]:
    found = []
    entries = as_list(document.get("resources")) if isinstance(document, dict) else []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        name = str(entry.get("name", index))
        try:
            upstream = upstream_of(entry)
        except UpstreamInvalid as problem:
            raise InputError(f"resource {name!r}: {problem}", shown) from None
        if upstream is None:
            continue
        reference = entry.get("path")
        if not isinstance(reference, str) or is_remote(reference):
            raise InputError(f"resource {name!r}: an upstream needs a local path to keep its copy in", shown)
        try:
            local = resolve_inside(descriptor_path.parent, reference)
        except UnsafePathError as error:
            raise InputError(f"resource {name!r}: {error.message}", shown) from None
        try:
            old: bytes | None = read_regular(local, limits.current().file_size)
        except (NotReadable, OSError):
            old = None  # fetched whole, and written
        outcome = ResourceRefresh(shown, name, upstream.address, UNCHANGED, old_size=None if old is None else len(old))
        found.append(_Resource(descriptor_path, index, descriptor_path.parent.name, name, local, upstream,
                               entry, old, outcome))
    return found


def _fetch(item: _Resource, today: str) -> None:
    """Fetch one upstream; its outcome says whether it changed."""
    previous = retrieval_of(item.entry)
    try:
        pin = pin_of(item.entry)
    except PinInvalid:
        pin = None
    # a local copy edited since its retrieval is no "not modified": ask for the whole
    conditional = item.old is not None and (pin is None or pin.mismatch(item.old) is None)
    try:
        fetched = fetch_upstream(item.upstream, item.entry, previous, conditional=conditional, today=today)
    except FetchFailed as failure:
        item.outcome.status, item.outcome.reason = FAILED, str(failure)
        return
    item.retrieval = fetched.retrieval
    if fetched.data is None:
        item.outcome.status = NOT_MODIFIED
    elif fetched.data == item.old:
        item.outcome.status = UNCHANGED
    else:
        item.new = fetched.data
        item.outcome.status, item.outcome.new_size = CHANGED, len(fetched.data)


def _edited(item: _Resource, text: str) -> str:
    """The descriptor ``text`` with this resource's new pin and retrieval record."""
    changes: dict[str, Any] = {RETRIEVED: item.retrieval.to_descriptor()}
    if item.new is not None:
        changes.update({HASH: content_hash(item.new), BYTES: len(item.new)})
    return set_members(text, ["resources", item.index], changes)


def _descriptor_texts(resources: list[_Resource], texts: dict[Path, str]) -> dict[Path, str]:
    """The descriptors as a write would leave them (only those that change)."""
    edited = dict(texts)
    for item in resources:
        if item.new is not None or _validators_changed(item):
            edited[item.descriptor_path] = _edited(item, edited[item.descriptor_path])
    return {path: text for path, text in edited.items() if text != texts[path]}


def _validators_changed(item: _Resource) -> bool:
    """Whether the server answered the same bytes with new validators (worth recording, so
    that the next request can be answered "not modified")."""
    old = retrieval_of(item.entry)
    return item.outcome.status == UNCHANGED and item.retrieval.date is not None and (
        (item.retrieval.etag, item.retrieval.last_modified) != (old.etag, old.last_modified))


def _try_out(project: Project, changed: list[_Resource], texts: dict[Path, str]) -> None:
    """Validate and check the new versions in a copy; each changed resource's outcome gets
    its changed cells, the new version's failing validation findings and the claims that
    would break."""
    new_files: dict[Path, bytes] = {item.local: item.new for item in changed if item.new is not None}
    new_files.update({path: text.encode("utf-8") for path, text in _descriptor_texts(changed, texts).items()})
    with trial_copy(project, new_files) as copy:
        before, after, validation = run_both(project, copy)
        old_catalog, new_catalog = load_catalog(project), load_catalog(copy)
        broken = broken_claims(before, after)
        for item in changed:
            old = old_catalog.resource(item.package, item.name)
            new = new_catalog.resource(item.package, item.name)
            if old is not None and new is not None:
                item.outcome.changes = table_changes(cells_as_written(old), cells_as_written(new), new.primary_key)
                display = new.display
                item.outcome.invalid = [finding for finding in validation.findings
                                        if finding.fails and finding.path == display]
            item.outcome.broken = [claim for claim, rests_on in broken if (item.package, item.name) in rests_on]
        attributed = {id(claim) for item in changed for claim in item.outcome.broken}
        changed[0].outcome.broken += [claim for claim, _ in broken if id(claim) not in attributed]


def _write(resources: list[_Resource], texts: dict[Path, str]) -> None:
    """Each new local copy, then the descriptors naming them, each atomically."""
    edited = _descriptor_texts(resources, texts)
    try:
        for item in resources:
            if item.new is not None:
                write_atomically(item.local, item.new, overwrite=True)
        for path, text in edited.items():
            write_atomically(path, text, overwrite=True)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", getattr(error, "filename", None)) from None


def _shown(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)
