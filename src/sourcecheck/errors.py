"""Exceptions: sourcecheck could not run.

A problem *found* in an article, a ledger or a data package is a
:class:`~sourcecheck.findings.Finding`, not an exception.  An exception means the
check could not be carried out at all, and the CLI turns it into exit code 2.

    SourcecheckError            could not run; carries the file and position
    ├── InputError              a file is unreadable or malformed
    │   ├── ConfigError         [tool.sourcecheck] in pyproject.toml
    │   ├── LedgerError         an article's claims.yaml
    │   └── PackageError        a data package descriptor or resource
    │       └── UnsafePathError a resource path leaving its package, or remote
    └── UsageError              the caller asked for something impossible
"""

from __future__ import annotations

from pathlib import Path


class SourcecheckError(Exception):
    """sourcecheck could not run.  ``str()`` gives ``path:line:column: message``."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        place = [str(part) for part in (self.path, self.line, self.column) if part is not None]
        return ":".join([*place, " " + self.message]) if place else self.message


class InputError(SourcecheckError):
    """A file sourcecheck reads is unreadable or malformed."""


class ConfigError(InputError):
    """The ``[tool.sourcecheck]`` table of pyproject.toml is malformed."""


class LedgerError(InputError):
    """An article's claims ledger is malformed."""


class PackageError(InputError):
    """A data package descriptor or one of its resources cannot be read."""


class UnsafePathError(PackageError):
    """A resource path leaves its package folder, or is remote and remote access is off."""


class UsageError(SourcecheckError):
    """The caller asked for something that cannot be done (an unknown format, say)."""
