"""Reading a ``datapackage.json``: JSON with positions, then frictionless's
Data Package checks, on a copy that cannot make frictionless read anything.

frictionless resolves a string ``schema`` or ``dialect`` by reading it (from the
network when it is an address) and fetches unknown ``$schema`` profiles.  The copy
it sees has those references inlined (local ones, read here) or removed, and
every resource path replaced by a harmless name: path safety is checked by
:mod:`sourcecheck.sources.paths`, never by opening the path.

A JSON file (descriptor, Table Schema, dialect) is read only when it is a regular file
within ``file-size``, and used only when nested at most ``json-depth`` deep
(``[tool.sourcecheck.limits]``); anything else is a finding naming the file.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from .. import limits
from ..codes import SC
from ..errors import UnsafePathError
from ..findings import Finding
from ..textfile import NotReadable, read_regular
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
    return read_json_text(path, display)[0]


def read_json_text(path: Path, display: str) -> tuple[Any, str]:
    """The parsed JSON of ``path`` and its text, read once; a :class:`DescriptorProblem`
    (naming the file, and the line and column when there is one) if it is not a regular
    file within ``file-size``, not UTF-8, not JSON or nested deeper than ``json-depth``."""
    try:
        data = read_regular(path, limits.current().file_size)
    except NotReadable as problem:
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, f"cannot read {path.name}: {problem}",
                                        path=display)) from None
    except OSError as error:
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, f"cannot read {path.name}: {error.strerror}",
                                        path=display)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DescriptorProblem(Finding(
            SC.DESCRIPTOR_INVALID, f"not UTF-8: byte 0x{data[error.start]:02x} at byte position {error.start} "
            "does not decode", path=display, line=line)) from None
    depth = limits.current().json_depth
    too_deep = False
    try:
        document = json.loads(text, parse_constant=_not_json)
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
    except RecursionError:  # deeper than Python's recursion limit: deeper than any json-depth we allow
        document, too_deep = None, True
    if too_deep or _deeper(document, depth):
        deep_line, deep_column = _too_deep_at(text, depth)
        raise DescriptorProblem(Finding(SC.DESCRIPTOR_INVALID, f"nested more than {depth} levels deep "
                                        "(the limit [tool.sourcecheck.limits] json-depth)",
                                        path=display, line=deep_line, column=deep_column))
    return document, text


def _deeper(document: Any, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` deep in ``document`` (measured
    without recursion: the depth is what is in doubt; copy.deepcopy would not survive it)."""
    if type(document) is not dict and type(document) is not list:
        return False
    stack: list[tuple[Any, int]] = [(document, 1)]
    push, pop = stack.append, stack.pop
    while stack:
        value, depth = pop()
        if depth > limit:
            return True
        depth += 1
        for item in value.values() if type(value) is dict else value:
            if type(item) is dict or type(item) is list:
                push((item, depth))
    return False


_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _too_deep_at(text: str, limit: int) -> tuple[int | None, int | None]:
    """Line and column of the first bracket nested more than ``limit`` deep in JSON ``text``."""
    depth = 0
    for found in _STRING_OR_BRACKET.finditer(text):
        mark = found.group()
        if mark in "[{":
            depth += 1
            if depth > limit:
                at = found.start()
                return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        elif mark in "]}":
            depth -= 1
    return None, None


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


# The provenance a package must carry (docs/validation.md, "Provenance").
REQUIRED_PROVENANCE = ("title", "publisher", "retrieved")


def provenance_findings(descriptor: dict[str, Any], display: str) -> list[Finding]:
    """Where the figures come from must be said (docs/validation.md, "Provenance")."""
    findings = []
    for key in REQUIRED_PROVENANCE:
        if not descriptor.get(key):
            findings.append(Finding(SC.PROVENANCE_MISSING, f"the package has no {key!r}", path=display))
    sources = as_list(descriptor.get("sources"))
    has_address = descriptor.get("doi") or any(
        isinstance(source, dict) and source.get("path") for source in sources)
    if not has_address:
        findings.append(Finding(SC.PROVENANCE_MISSING, "the package names no address or DOI of its source "
                                "(sources[].path or doi)", path=display))
    return findings


def as_list(value: Any) -> list[Any]:
    """A descriptor property that should be a list; anything else counts as empty
    (frictionless's descriptor check reports the wrong type)."""
    return value if isinstance(value, list) else []
