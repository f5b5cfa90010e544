"""Resource paths: a resource must stay inside its package folder, and remote
addresses are only read when the caller allows it, and then http and https ones only.

A descriptor is untrusted input.  ``"../../etc/passwd"``, ``"/etc/passwd"`` or a
symlink in the package folder pointing elsewhere would let a data package make
sourcecheck read any file on the machine, so every path is resolved (symlinks
included) and compared with the resolved package folder.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import UnsafePathError

# "http://", "https://", "ftp://", "s3://"...: any scheme of two letters or more
# (one letter would be a Windows drive such as "C:"); and "file:" and "data:", which
# need no "//" ("file:/etc/passwd", "data:text/csv,...").
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]+://|(?:file|data):)", re.IGNORECASE)
# what --allow-remote fetches; any other scheme is refused, even with it
_FETCHABLE = re.compile(r"^https?://", re.IGNORECASE)


def is_remote(reference: str) -> bool:
    """Whether a resource path is a remote address (``https://...``, ``file:...``)."""
    return bool(_REMOTE.match(reference))


def is_fetchable(reference: str) -> bool:
    """Whether ``--allow-remote`` may fetch the address: ``http://`` or ``https://`` only."""
    return bool(_FETCHABLE.match(reference))


def resolve_inside(folder: Path, reference: str) -> Path:
    """The local file ``reference`` names, relative to ``folder``.

    Raises :class:`UnsafePathError` when the path is absolute, climbs out with
    ``..``, or resolves (through symlinks) to a place outside ``folder``.  The file
    need not exist: a missing file is the reader's finding, not a safety problem.
    """
    if not reference:
        raise UnsafePathError("the resource path is empty")
    if "\0" in reference:  # no file name holds one; the OS would refuse it with a ValueError
        raise UnsafePathError(f"resource path {reference!r} holds a NUL character")
    if (PurePosixPath(reference).is_absolute() or PureWindowsPath(reference).is_absolute()
            or PureWindowsPath(reference).drive):
        raise UnsafePathError(f"resource path {reference!r} is absolute; it must be "
                              "relative to the package folder")
    if ".." in PurePosixPath(reference.replace("\\", "/")).parts:
        raise UnsafePathError(f"resource path {reference!r} leaves the package folder (..)")
    try:
        base = folder.resolve()
        target = (folder / reference).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # too long, a loop of links, no text (a lone surrogate)
        raise UnsafePathError(f"resource path {reference[:80]!r} cannot be resolved: "
                              f"{getattr(error, 'strerror', None) or error}") from None
    if not target.is_relative_to(base):
        raise UnsafePathError(f"resource path {reference!r} resolves outside the package "
                              f"folder (through a symlink, to {target})")
    return folder / reference
