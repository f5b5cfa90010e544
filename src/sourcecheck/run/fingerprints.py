"""Content hashes: what a cache entry is keyed on.

Each entry is keyed by the SHA-256 of everything its result depends on (file contents,
never dates), so an entry is either exactly right or never found: there is nothing to
invalidate.  Every key also holds the sourcecheck code and the installed libraries
(:func:`code_version`), so that an upgrade of either misses.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import sysconfig
from functools import cache
from pathlib import Path
from typing import Any

from ..project import Project
from ..textfile import read_log, reads_since

_CHUNK = 1 << 20


def key(*parts: Any) -> str:
    """The SHA-256 of ``parts`` (JSON data), with the code version mixed in."""
    # ASCII: a name that is no text (a lone surrogate from a file name) is escaped, not an error
    text = json.dumps([code_version(), *parts], sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str:
    """The SHA-256 of a file's bytes ("missing" when it cannot be read, "special" for a
    pipe, device or socket, which is never read from)."""
    hasher = hashlib.sha256()
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return "missing"
    with os.fdopen(handle, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return "special"
            while chunk := file.read(_CHUNK):
                hasher.update(chunk)
        except OSError:
            return "missing"
    return hasher.hexdigest()


def digest_tree(folder: Path, seen: dict[str, str] | None = None) -> str:
    """The SHA-256 of every file under ``folder`` (names and contents, symlinks not followed
    into other folders); "missing" when it is not a folder.  ``seen`` gets each file's
    digest, by absolute path as spelled (as the readers spell it: no system call)."""
    if not folder.is_dir():
        return "missing"
    hasher = hashlib.sha256()
    for parent, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(parent, name)
            digest = digest_file(path)
            if seen is not None:
                seen[os.path.abspath(path)] = digest
            hasher.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
            hasher.update(b"\0" + digest.encode() + b"\n")
    return hasher.hexdigest()


@cache
def code_version() -> str:
    """A fingerprint of this sourcecheck (its source files) and of the installed libraries
    (the names of the distributions beside it)."""
    hasher = hashlib.sha256(f"{sys.version_info[:3]}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes())
    for paths in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        try:
            hasher.update("\n".join(sorted(n for n in os.listdir(paths) if n.endswith(
                (".dist-info", ".egg-info")))).encode())
        except OSError:
            pass
    return hasher.hexdigest()


class Fingerprints:
    """The content hashes of one run, each computed once."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._packages: dict[str, str] = {}
        #: the digest of every file hashed so far, by absolute path
        self.files: dict[str, str] = {}
        self._reads_checked, self._agreed = 0, True

    def package(self, name: str) -> str:
        """Every file of package ``name`` and of its schemas (``schemas/<name>.*``)."""
        if name not in self._packages:
            if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
                self._packages[name] = "not-a-package-name"
            else:
                hashed: dict[str, str] = {}
                hasher = hashlib.sha256(digest_tree(self.project.datapackages / name, hashed).encode())
                schemas = self.project.schemas
                if schemas.is_dir():
                    for path in sorted(schemas.glob(f"{_glob_escape(name)}.*")):
                        digest = hashed[os.path.abspath(path)] = digest_file(path)
                        hasher.update(f"\n{path.name}:{digest}".encode())
                reads = read_log()  # a file read before it was hashed is compared now
                if any(reads.get(path, digest) != digest for path, digest in hashed.items()):
                    self._agreed = False
                self.files.update(hashed)
                self._packages[name] = hasher.hexdigest()
        return self._packages[name]

    def forget(self) -> None:
        """Hash every package again when next asked (its files may have changed)."""
        self._packages.clear()
        self.files.clear()

    def watch_reads(self) -> None:
        """Start checking the reads of a fresh read log (:func:`sourcecheck.textfile.keep_read_log`)."""
        self._reads_checked, self._agreed = 0, True

    def agree(self) -> bool:
        """Whether every file read so far that was hashed for a key was read with the bytes
        it was hashed with: only then may what was made of those reads be stored under a key
        made of those hashes.  Each read is compared once, here or when its file is hashed."""
        new = reads_since(self._reads_checked)
        self._reads_checked += len(new)
        files = self.files
        if self._agreed and any(files.get(path, digest) != digest for path, digest in new):
            self._agreed = False
        return self._agreed


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
