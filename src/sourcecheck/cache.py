"""A content-hash cache of the check's expensive, pure steps.

Each entry is a JSON file named by the SHA-256 of everything its result depends on
(file contents, never dates), so an entry is either exactly right or never found:
there is nothing to invalidate.  What is cached, and on what it is keyed:

    resource    a resource's validation findings: its package (every file in the
                package folder, its schemas) + the resource's name
    descriptor  frictionless's checks of a descriptor: the descriptor as checked
    mentions    the numbers of an article: its text + its language
    ledger      what a ledger names (article, lang, packages): its bytes
    verdicts    an article's claims, findings and coverage: its text, its ledger,
                its language, every package the ledger names, the config

and every key also holds the sourcecheck code and the installed libraries
(:func:`code_version`).  The folder is ``.sourcecheck-cache/`` in the project root
(``[tool.sourcecheck] cache = "<folder>"`` moves it, ``cache = false`` or
``--no-cache`` switches it off).  It may be deleted at any time.

Reading never fails a run: a missing, unreadable or corrupt entry (each file
carries the hash of its body) is computed afresh.  Writing never fails a run
either: on a read-only project the check simply runs without a cache.  Writes go
to a temporary file first and are moved into place with :func:`os.replace`, so a
reader never sees half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .project import Project

DEFAULT_FOLDER = ".sourcecheck-cache"
_CHUNK = 1 << 20


class Cache:
    """The cache folder of one project (or none: every lookup misses, nothing is written)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._writable = folder is not None
        self._made: set[str] = set()  # sub-folders known to exist (one mkdir each, not one per entry)
        self._written = 0  # numbers this process's temporary files

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under ``key``, or None (missing, unreadable or corrupt)."""
        if self.folder is None:
            return None
        try:
            with open(self._path(kind, key), "rb") as file:
                data = file.read()
        except OSError:
            return None
        digest, _, body = data.partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return None
        try:
            entry = json.loads(body)
        except ValueError:
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        return entry.get("value")

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` (plain JSON data) under ``key``; silently nothing when the folder
        cannot be written (a read-only checkout)."""
        if self.folder is None or not self._writable:
            return
        body = json.dumps({"key": key, "value": value}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        path = self._path(kind, key)
        parent = os.path.dirname(path)
        temporary = None
        try:
            if parent not in self._made:
                os.makedirs(parent, exist_ok=True)
                self._made.add(parent)
            # A name no other process uses (pid) nor this one reused (counter), created
            # exclusively; cheaper than tempfile.mkstemp's random names, just as safe.
            self._written += 1
            temporary = os.path.join(parent, f".tmp-{os.getpid()}-{self._written}")
            try:
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # left by a crashed run that had this pid
                temporary = None
                handle, temporary = tempfile.mkstemp(dir=parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                file.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(temporary, path)
            temporary = None
        except OSError:
            self._writable = False  # read-only or full: run on without a cache
        finally:
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass

    def _path(self, kind: str, key: str) -> str:
        assert self.folder is not None
        return os.path.join(self.folder, kind, key[:2], f"{key}.json")


NO_CACHE = Cache(None)


def open_cache(project: Project, enabled: bool = True) -> Cache:
    """The project's cache: ``[tool.sourcecheck] cache`` (a folder, or false), else the
    default folder; :data:`NO_CACHE` when ``enabled`` is False or the config says so."""
    setting = project.config.get("cache", True)
    where = project.root / "pyproject.toml"
    if setting is True:
        setting = DEFAULT_FOLDER
    elif setting is False:
        return NO_CACHE
    if not isinstance(setting, str) or not setting.strip():
        raise ConfigError("[tool.sourcecheck] cache must be a folder name or false", where)
    folder = project.root / setting
    resolved = folder.resolve()
    for name in ("articles", "datapackages", "schemas"):
        inputs = project.folder(name).resolve()
        if resolved == inputs or inputs in resolved.parents or resolved in inputs.parents:
            raise ConfigError(f"[tool.sourcecheck] cache {setting!r} must not be in or around "
                              f"the {name} folder (the cache never touches a source)", where)
    return Cache(folder) if enabled else NO_CACHE


def key(*parts: Any) -> str:
    """The SHA-256 of ``parts`` (JSON data), with the code version mixed in."""
    text = json.dumps([code_version(), *parts], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str:
    """The SHA-256 of a file's bytes ("missing" when it cannot be read)."""
    hasher = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                hasher.update(chunk)
    except OSError:
        return "missing"
    return hasher.hexdigest()


def digest_tree(folder: Path) -> str:
    """The SHA-256 of every file under ``folder`` (names and contents, symlinks not followed
    into other folders); "missing" when it is not a folder."""
    if not folder.is_dir():
        return "missing"
    hasher = hashlib.sha256()
    for parent, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(parent, name)
            hasher.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
            hasher.update(b"\0" + digest_file(path).encode() + b"\n")
    return hasher.hexdigest()


@cache
def code_version() -> str:
    """A fingerprint of this sourcecheck (its source files) and of the installed libraries
    (the names of the distributions beside it), so that an upgrade of either misses."""
    hasher = hashlib.sha256(f"{sys.version_info[:3]}".encode())
    package = Path(__file__).resolve().parent
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

    def package(self, name: str) -> str:
        """Every file of package ``name`` and of its schemas (``schemas/<name>.*``)."""
        if name not in self._packages:
            if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
                self._packages[name] = "not-a-package-name"
            else:
                hasher = hashlib.sha256(digest_tree(self.project.datapackages / name).encode())
                schemas = self.project.schemas
                if schemas.is_dir():
                    for path in sorted(schemas.glob(f"{_glob_escape(name)}.*")):
                        hasher.update(f"\n{path.name}:{digest_file(path)}".encode())
                self._packages[name] = hasher.hexdigest()
        return self._packages[name]


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
