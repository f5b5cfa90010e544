"""The pinned resources of the packages a check reads: a local file that is not the one
its descriptor's ``hash`` or ``bytes`` pins is a finding of the check (SC106), as it is
of ``validate``.  Only descriptors are read (as JSON), and the pinned files' bytes: a
check whose results come from its cache loads no data library for this."""

from __future__ import annotations

from collections.abc import Iterable

from .. import limits
from ..errors import UnsafePathError
from ..findings import Finding
from ..project import Project
from ..sources.descriptor import DescriptorProblem, as_list, read_json
from ..sources.paths import is_remote, resolve_inside
from ..sources.pinning import BYTES, HASH, pin_findings
from ..textfile import NotReadable, read_regular


def pinned_file_findings(project: Project, packages: Iterable[str]) -> list[Finding]:
    """Every SC106 (and unreadable pin) of the local resources of ``packages``; a package
    or resource that cannot be read is left to the findings that say so."""
    findings = []
    root = project.root
    for name in sorted(set(packages)):
        folder = project.datapackages / name
        descriptor_path = folder / "datapackage.json"
        if not name or "/" in name or "\\" in name or name in (".", "..") or not descriptor_path.is_file():
            continue
        try:
            descriptor = read_json(descriptor_path, str(descriptor_path))
        except DescriptorProblem:
            continue
        for resource in as_list(descriptor.get("resources") if isinstance(descriptor, dict) else None):
            if not isinstance(resource, dict) or not (HASH in resource or BYTES in resource):
                continue
            reference = resource.get("path")
            if not isinstance(reference, str) or is_remote(reference):
                continue
            try:
                path = resolve_inside(folder, reference)
            except UnsafePathError:
                continue  # the catalog's finding
            try:
                data: bytes | None = read_regular(path, limits.current().file_size)
            except (NotReadable, OSError):
                data = None
            display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            findings.extend(pin_findings(str(resource.get("name")), resource, data, display))
    return findings
