"""A revision tried out: the project copied to a temporary folder with the new files in
place, then validated and checked there, the original untouched.

The copy holds the project's pyproject.toml and its articles, datapackages and schemas
folders; its files are hard links to the originals where the file system allows (a new
file replaces its link, never writes through it), copies elsewhere.  Both runs go without
a cache, so nothing is written to the project.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..compare.outcome import ClaimResult
from ..errors import InputError
from ..findings import Finding
from ..project import Project
from ..report import Report
from ..run.check import check
from ..run.validate import validate
from ..textfile import write_atomically
from .outcome import BrokenClaim


@contextmanager
def trial_copy(project: Project, new_files: Mapping[Path, bytes]) -> Iterator[Path]:
    """A temporary copy of ``project`` with ``new_files`` (original path -> bytes) written in
    it; removed when the block ends."""
    root = project.root.resolve()
    with tempfile.TemporaryDirectory(prefix="sourcecheck-refresh-") as folder:
        copy = Path(folder) / "project"
        copy.mkdir()
        if (root / "pyproject.toml").is_file():
            shutil.copy2(root / "pyproject.toml", copy / "pyproject.toml")
        for source in (project.articles, project.datapackages, project.schemas):
            inside = _inside(source.resolve(), root)
            if source.is_dir():
                shutil.copytree(source, copy / inside, symlinks=True, copy_function=_link_or_copy)
        for path, data in new_files.items():
            write_atomically(copy / _inside(path.resolve(), root), data, overwrite=True)
        yield copy


def _inside(path: Path, root: Path) -> Path:
    if not path.is_relative_to(root):
        raise InputError("refresh needs the project's folders inside the project folder", path)
    return path.relative_to(root)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def run_both(project: Project, copy: Path) -> tuple[Report, Report, Report]:
    """The check of the project as it is, the check and the validation of the copy."""
    return check(project.root, cache=False), check(copy, cache=False), validate(copy)


def broken_claims(before: Report, after: Report) -> list[tuple[BrokenClaim, set[tuple[str, str]]]]:
    """The claims that do not fail in ``before`` and fail in ``after``, with their failing
    findings there, and the resources (package, resource) each rests on."""
    failing_before = {(claim.article, claim.id) for claim in before.claims if _failing(claim)}
    return [(BrokenClaim(claim.id, claim.article, _failing(claim)), _rests_on(claim)) for claim in after.claims
            if _failing(claim) and (claim.article, claim.id) not in failing_before]


def _rests_on(claim: ClaimResult) -> set[tuple[str, str]]:
    places = [claim.source or {}, *((claim.derived or {}).get("operands") or [])]
    return {(str(place.get("package")), str(place.get("resource"))) for place in places if place}


def _failing(claim: ClaimResult) -> list[Finding]:
    return [finding for finding in claim.findings if finding.fails]
