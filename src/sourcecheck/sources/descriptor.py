"""Reading a ``datapackage.json``: JSON with positions, then frictionless's
Data Package checks, on a copy that cannot make frictionless read anything.

frictionless resolves a string ``schema`` or ``dialect`` by reading it (from the
network when it is an address) and fetches unknown ``$schema`` profiles.  The copy
it sees has those references inlined (local ones, read here) or removed, and
every resource path replaced by a harmless name: path safety is checked by
:mod:`sourcecheck.sources.paths`, never by opening the path.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from ..codes import SC
from ..errors import UnsafePathError
from ..findings import Finding
from .paths import is_remote, resolve_inside

# Profiles frictionless knows without fetching anything.
KNOWN_PROFILES = frozenset({
    "data-package", "tabular-data-package", "fiscal-data-package",
    "https://datapackage.org/profiles/2.0/datapackage.json",
    "https://datapackage.org/profiles/1.0/datapackage.json",
    "https://datapackage.org/profiles/2.0/tabledataresource.json",
    "https://datapackage.org/profiles/2.0/dataresource.json",
})
_PLACEHOLDER_PATH = "resource.csv"


class DescriptorProblem(Exception):
    """The descriptor cannot be used at all (internal: becomes one finding)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def read_json(path: Path, display: str) -> Any:
    """The parsed JSON of ``path``; a problem names the line and column."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, f"cannot read the descriptor: {error.strerror}",
                                        path=display)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DescriptorProblem(Finding(
            SC.DESCRIPTOR_INVALID, f"not UTF-8: byte 0x{data[error.start]:02x} at byte position {error.start} "
            "does not decode", path=display, line=line)) from None
    try:
        return json.loads(text, parse_constant=_not_json)
    except _NotJSON as error:
        place, column = _place(text, error.word)
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, f"not valid JSON: {error.word} is no JSON number",
                                        path=display, line=place, column=column)) from None
    except json.JSONDecodeError as error:
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, f"not valid JSON: {error.msg}", path=display,
                                        line=error.lineno, column=error.colno)) from None
    except ValueError as error:  # an integer over Python's 4300-digit limit
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, "not readable JSON: "
                                        + " ".join(str(error).split()[:8]), path=display)) from None
    except RecursionError:
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, "not readable JSON: nested too deeply",
                                        path=display)) from None


class _NotJSON(ValueError):
    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


def _not_json(word: str) -> Any:
    """NaN, Infinity and -Infinity: Python's json module reads them, JSON does not."""
    raise _NotJSON(word)


def _place(text: str, word: str) -> tuple[int | None, int | None]:
    found = re.search(rf"(?<![\w\"]){re.escape(word)}(?![\w\"])", text)
    if found is None:
        return None, None
    line = text.count("\n", 0, found.start()) + 1
    return line, found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1


def position_of(text: str, value: str) -> tuple[int | None, int | None]:
    """Line and column (1-based) where the JSON string ``value`` is written in ``text``."""
    at = text.find(json.dumps(value))
    if at < 0:
        at = text.find(json.dumps(value, ensure_ascii=False))
    if at < 0:
        return None, None
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def inline_reference(folder: Path, reference: Any, what: str, display: str,
                     allow_remote: bool) -> tuple[Any, list[Finding]]:
    """A resource's ``schema`` or ``dialect``: a dict as is, a local JSON file read.

    Returns the dict (or None when unusable) and the findings about it.
    """
    if not isinstance(reference, str):
        return reference, []
    if is_remote(reference):
        note = ("remote {what}s are not read" if not allow_remote else
                "remote {what}s are not supported; put the {what} in the descriptor")
        return None, [Finding(SC.PATH_REMOTE, f"{what} {reference!r}: " + note.format(what=what),
                              path=display)]
    try:
        local = resolve_inside(folder, reference)
    except UnsafePathError as error:
        return None, [Finding(SC.PATH_UNSAFE, f"{what}: {error}", path=display)]
    shown = str(Path(display).parent / reference)
    try:
        return read_json(local, shown), []
    except DescriptorProblem as problem:
        return None, [problem.finding]


def frictionless_findings(descriptor: dict[str, Any], display: str) -> list[Finding]:
    """frictionless's Data Package checks on a copy that reads and fetches nothing."""
    import frictionless  # heavy, and not needed for a descriptor checked before

    safe = copy.deepcopy(descriptor)
    findings = []
    for key in ("$schema", "profile"):
        if key in safe and not isinstance(safe[key], str):
            findings.append(Finding(SC.DESCRIPTOR_INVALID, f"{key} must be a profile name or address",
                                    path=display))
            del safe[key]
        elif key in safe and safe[key] not in KNOWN_PROFILES:
            del safe[key]  # an unknown profile would be fetched
    resources = safe.get("resources")
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        if "path" in resource:
            resource["path"] = _PLACEHOLDER_PATH
        for key in ("schema", "dialect", "$schema", "profile"):
            if isinstance(resource.get(key), str) and resource[key] not in KNOWN_PROFILES:
                del resource[key]
    try:
        report = frictionless.Package.validate_descriptor(safe)
        errors = [(error.type, error.note) for error in report.errors]
    except frictionless.FrictionlessException as error:
        errors = [(error.error.type, error.error.note)]
    except Exception as error:  # noqa: BLE001 - frictionless fails on some odd shapes
        errors = [("package-error", f"{type(error).__name__}: {error}")]
    return findings + [Finding(SC.DESCRIPTOR_INVALID, f"not a valid Data Package ({kind}): {note}", path=display,
                    details={"frictionless": kind})
            for kind, note in errors]
