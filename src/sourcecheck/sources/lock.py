"""``sourcecheck lock``: pin every local resource to its bytes.

Each resource of each package gets ``"hash": "sha256:<hex>"`` (the Data Package v2
form) and ``"bytes"``, written into its descriptor with every other byte of the file as
it was (:mod:`.jsonedit`); ``check`` and ``validate`` then report a file that changed
(SC106).  Remote resources are not pinned (their bytes are not here).  Every file is read
before any descriptor is written; a resource that cannot be read stops the run (exit 2)
with nothing written.  Each descriptor is written atomically, and only when it changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from .. import limits
from ..errors import InputError
from ..project import Project
from ..textfile import NotReadable, read_regular, write_atomically
from .descriptor import DescriptorProblem, as_list, read_json_text
from .jsonedit import set_members
from .paths import is_remote, resolve_inside
from .pinning import BYTES, HASH, content_hash

DESCRIPTOR = "datapackage.json"  # as catalog.py names it (importing it would load pandas)


@dataclass(frozen=True)
class Pinned:
    descriptor: str  # as the summary names it
    resource: str
    hash: str
    size: int
    status: str  # "pinned", "re-pinned" or "unchanged"


@dataclass
class LockResult:
    pinned: list[Pinned] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)  # "descriptor: resource", not pinned

    def summary(self) -> str:
        lines = [f"{item.descriptor}: {item.resource} {item.status} {item.hash[:19]}... ({item.size:,} bytes)\n"
                 for item in self.pinned if item.status != "unchanged"]
        lines += [f"{where}: not pinned (a remote address)\n" for where in self.remote]
        changed = sum(1 for item in self.pinned if item.status != "unchanged")
        lines.append(f"{changed} of {len(self.pinned)} resource(s) pinned anew, the rest as locked before\n")
        return "".join(lines)


def descriptors_at(path: str | PathLike[str]) -> tuple[Project, list[Path]]:
    """The project at ``path`` and the descriptors of its packages; or, when ``path`` is a
    package folder (or its descriptor), that package's alone and the project above it."""
    start = Path(path)
    if start.name == DESCRIPTOR and start.is_file():
        start = start.parent
    if (start / DESCRIPTOR).is_file() and not (start / "datapackages").is_dir():
        return Project.find(start.resolve().parent.parent), [start / DESCRIPTOR]
    project = Project.find(start)
    folder = project.datapackages
    if not folder.is_dir():
        raise InputError("no datapackages folder", folder)
    return project, sorted(entry / DESCRIPTOR for entry in folder.iterdir() if (entry / DESCRIPTOR).is_file())


def lock(path: str | PathLike[str] = ".") -> LockResult:
    """Pin every local resource of the packages at ``path`` (a project or one package)."""
    project, descriptors = descriptors_at(path)
    limits.apply(project)
    result = LockResult()
    edits: list[tuple[Path, str]] = []
    for descriptor_path in descriptors:
        shown = _shown(project, descriptor_path)
        try:
            document, text = read_json_text(descriptor_path, shown)
        except DescriptorProblem as problem:
            raise InputError(problem.finding.message, shown, problem.finding.line) from None
        edited = text
        for index, resource in enumerate(as_list(document.get("resources") if isinstance(document, dict) else None)):
            if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
                continue
            name = str(resource.get("name", index))
            if is_remote(resource["path"]):
                result.remote.append(f"{shown}: {name}")
                continue
            data = _bytes_of(descriptor_path.parent, resource["path"], f"{shown}: resource {name!r}")
            pinned = content_hash(data)
            status = "unchanged" if resource.get(HASH) == pinned and resource.get(BYTES) == len(data) else (
                "re-pinned" if HASH in resource or BYTES in resource else "pinned")
            if status != "unchanged":
                edited = set_members(edited, ["resources", index], {HASH: pinned, BYTES: len(data)})
            result.pinned.append(Pinned(shown, name, pinned, len(data), status))
        if edited != text:
            edits.append((descriptor_path, edited))
    for descriptor_path, edited in edits:
        try:
            write_atomically(descriptor_path, edited, overwrite=True)
        except OSError as error:
            raise InputError(f"cannot write: {error.strerror}", descriptor_path) from None
    return result


def _bytes_of(folder: Path, reference: str, where: str) -> bytes:
    try:
        return read_regular(resolve_inside(folder, reference), limits.current().file_size)
    except NotReadable as problem:
        raise InputError(f"{where}: cannot lock {reference}: {problem}") from None
    except OSError as error:
        raise InputError(f"{where}: cannot lock {reference}: {error.strerror}") from None


def _shown(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)
