"""The pinned resources of the packages a check reads: a local file that is not the one
its descriptor's ``hash`` or ``bytes`` pins is a finding of the check (SC106), as it is
of ``validate``.  Only descriptors are read (as JSON), and the pinned files' bytes unless
the run hashed them already for its cache keys (their SHA-256 is then compared, and their
size): a check whose results come from its cache loads no data library for this."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from .. import limits
from ..errors import UnsafePathError
from ..findings import Finding
from ..project import Project
from ..sources.descriptor import DescriptorProblem, as_list, read_json
from ..sources.paths import is_remote, resolve_inside
from ..sources.pinning import BYTES, HASH, pin_findings
from ..textfile import NotReadable, read_regular


def pinned_file_findings(project: Project, packages: Iterable[str],
                         digests: Mapping[str, str] | None = None) -> list[Finding]:
    """Every SC106 (and unreadable pin) of the local resources of ``packages``; a package
    or resource that cannot be read is left to the findings that say so.  ``digests``: the
    SHA-256 of files hashed already, by absolute path."""
    findings = []
    root = project.root
    for name in sorted(set(packages)):
        folder = project.datapackages / name
        descriptor_path = folder / "datapackage.json"
        if not name or any(mark in name for mark in "/\\\0") or name in (".", "..") or not descriptor_path.is_file():
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
            display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            name_of = str(resource.get("name"))
            digest = (digests or {}).get(os.path.abspath(path), "missing")
            hashed = digest not in ("missing", "special") and str(resource.get(HASH, "sha256:")).startswith("sha256:")
            if hashed:  # hashed for the cache keys already: not read again
                try:
                    size = os.stat(path).st_size
                except OSError:
                    continue  # gone since it was hashed: reading it says so
                findings.extend(pin_findings(name_of, resource, None, display, sha256=digest, size=size))
                continue
            try:
                data: bytes | None = read_regular(path, limits.current().file_size)
            except (NotReadable, OSError):
                data = None
            findings.extend(pin_findings(name_of, resource, data, display))
    return findings
