"""The content-hash cache of a check: one SQLite file of JSON entries.

What is cached, and on what it is keyed (``fingerprints.py`` makes the keys): see the
table in docs/performance.md, "The result cache".

The entries live in ``cache.sqlite3`` in the folder ``.sourcecheck-cache/`` of the
project root (``[tool.sourcecheck] cache = "<folder>"`` moves it, ``cache = false`` or
``--no-cache`` switches it off); one file rather than a file per entry (docs/performance.md,
"Why one SQLite file").  It may be deleted at
any time.  The file holds the entries of one code version: a run of another version
empties it first; and it is kept under ``cache-size`` megabytes (default 256) by
dropping the entries written longest ago.

Reading never fails a run: a missing, unreadable or corrupt entry (each carries the
hash of its body) is computed afresh, and a file that is no SQLite database of ours is
replaced.  Writing never fails a run either: on a read-only project the check simply
runs without a cache.  New entries are written in batches, each one transaction, so
a reader never sees half an entry; bodies are JSON, never pickle, so a cache from
someone else cannot run code.  Before a fork (``workers.py``) every cache of the
process is written out and its connection closed; a worker hands its new entries back
with its result, for its parent to write (:meth:`Cache.take_pending`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import weakref
from pathlib import Path
from typing import Any

import orjson

from ..errors import ConfigError
from ..project import Project
from .fingerprints import code_version
from .signing import sign, signing_key, verify

DEFAULT_FOLDER = ".sourcecheck-cache"
DATABASE = "cache.sqlite3"
DEFAULT_SIZE_MB = 256
_FORMAT = 2  # PRAGMA user_version of the file layout below
_BATCH = 512  # entries written per transaction (and held in memory until then)
_TABLES = ("CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, digest TEXT NOT NULL, "
           "body BLOB NOT NULL, stamp INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID",
           "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")

Row = tuple[str, str, str, bytes]  # kind, key, digest, body


class Cache:
    """The cache of one project (or none: every lookup misses, nothing is written)."""

    def __init__(self, folder: Path | None, size_mb: int = DEFAULT_SIZE_MB) -> None:
        self.folder = folder
        self.size_mb = size_mb
        self._usable = folder is not None
        self._wrote = False
        self._connection: sqlite3.Connection | None = None
        self._pending: dict[tuple[str, str], tuple[str, bytes]] = {}
        # (kind, key) of every entry in the file, read once: a look-up of a key that is not
        # there (all of them, in a first check) then costs no query.  An entry another
        # process writes meanwhile is not seen; it is computed again, to the same value.
        self._written: set[tuple[str, str]] | None = None
        if folder is not None:
            _open_caches.add(self)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under ``key``, or None (missing, unreadable or corrupt)."""
        return self.get_many(kind, [key]).get(key)

    def get_many(self, kind: str, keys: list[str]) -> dict[str, Any]:
        """The values stored under those of ``keys`` that have a sound entry, in a few
        queries rather than one per key (a newsroom has thousands)."""
        found = {}
        for key, digest, body in self._entries(kind, keys):
            value = _value(key, digest, body)
            if value is not None:
                found[key] = value
        return found

    def get_many_unread(self, kind: str, keys: list[str]) -> dict[str, Unread]:
        """Like :meth:`get_many`, for values that may never be needed: each sound entry
        (its hash is checked now) is decoded only when its :meth:`Unread.value` is asked for."""
        return {key: Unread(key, body) for key, digest, body in self._entries(kind, keys) if _sound(digest, body)}

    def _entries(self, kind: str, keys: list[str]) -> list[tuple[Any, ...]]:
        """(key, digest, body) of the entries under ``keys``: held in memory, or written."""
        rows = [(key, *self._pending[kind, key]) for key in keys if (kind, key) in self._pending]
        return rows + self._stored(kind, keys, "key, digest, body")

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is stored under ``key`` (not checked: it may still prove corrupt)."""
        return key in self.have(kind, [key])

    def have(self, kind: str, keys: list[str]) -> set[str]:
        """Those of ``keys`` with an entry (not read: some may still prove corrupt), in a few
        queries."""
        found = {key for key in keys if (kind, key) in self._pending}
        found.update(key for (key,) in self._stored(kind, keys, "key"))
        return found

    def holds(self, kind: str) -> bool:
        """Whether any entry of ``kind`` is stored (a first check can skip working out the
        keys of entries that cannot be there)."""
        if any(pending == kind for pending, _ in self._pending):
            return True
        self._connect()
        return self._written is not None and any(stored == kind for stored, _ in self._written)

    def _stored(self, kind: str, keys: list[str], columns: str) -> list[tuple[Any, ...]]:
        """``columns`` of the written entries of ``kind`` under ``keys`` not held in memory,
        a query per batch; what cannot be read counts as missing (computed afresh)."""
        connection = self._connect()
        rows: list[tuple[Any, ...]] = []
        if connection is None or self._written is None:
            return rows
        written = self._written
        wanted = sorted({key for key in keys if (kind, key) in written and (kind, key) not in self._pending})
        try:
            for start in range(0, len(wanted), _BATCH):
                chunk = wanted[start:start + _BATCH]
                rows += connection.execute(
                    f"SELECT {columns} FROM entries WHERE kind = ? AND key IN ({','.join('?' * len(chunk))})",
                    (kind, *chunk)).fetchall()
        except sqlite3.Error:
            pass  # what was read so far still counts
        return rows

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` (plain JSON data) under ``key``: in memory now, on disk with the
        next :meth:`flush` (every few hundred entries, and at the end of a check)."""
        if not self._usable:
            return
        body = _encode({"key": key, "value": value})
        self._pending[kind, key] = (sign(body), body)
        if len(self._pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the entries held in memory, in one transaction; silently nothing when
        the cache cannot be written (a read-only checkout, a full disk)."""
        if not self._pending:
            return
        stamp = int(time.time())
        rows = [(kind, key, digest, body, stamp) for (kind, key), (digest, body) in self._pending.items()]
        self._pending.clear()
        connection = self._connect()
        if connection is None:
            return
        try:
            with connection:
                connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:
            self._usable = False  # read-only or full: run on without writing
            return
        self._wrote = True
        if self._written is not None:
            self._written.update((kind, key) for kind, key, _, _, _ in rows)

    def take_pending(self) -> list[Row]:
        """The entries not yet written, handed over (and forgotten here): a worker process
        returns them with its result, and its parent writes them (:meth:`adopt`), so that
        the database has one writer and nobody waits for its lock."""
        rows = [(kind, key, digest, body) for (kind, key), (digest, body) in self._pending.items()]
        self._pending.clear()
        return rows

    def adopt(self, rows: list[Row]) -> None:
        """Entries :meth:`take_pending` handed over, to be written with this cache's own."""
        if not self._usable:
            return
        for kind, key, digest, body in rows:
            self._pending[kind, key] = (digest, body)
        if len(self._pending) >= _BATCH:
            self.flush()

    def close(self) -> None:
        """Write what is pending and close the database (it reopens when used again)."""
        self.flush()
        if self._wrote and self._connection is not None:
            self._wrote = False
            try:
                _bound(self._connection, self.size_mb << 20)
            except sqlite3.Error:
                pass  # too large for now; tried again after the next write
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or not self._usable:
            return self._connection
        assert self.folder is not None
        path = os.path.join(self.folder, DATABASE)
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.lexists(ignore):  # as .pytest_cache does: git never sees the cache
                with open(ignore, "w", encoding="utf-8") as file:
                    file.write("# written by sourcecheck: the cache is never committed\n*\n")
            for name in (path, path + "-wal", path + "-shm", path + "-journal"):
                # written through, a link would write elsewhere: only a plain file will do
                if os.path.islink(name) or (os.path.lexists(name) and not os.path.isfile(name)):
                    raise OSError(f"{name} is not a plain file")
            connection = _open_database(path)
            try:
                _same_version(connection)
                if self._written is None:
                    self._written = set(connection.execute("SELECT kind, key FROM entries"))
            except sqlite3.Error:
                connection.close()
                raise
            self._connection = connection
        except (OSError, sqlite3.Error):
            self._usable = False
        return self._connection


# Bodies are encoded with orjson (docs/performance.md) unless it cannot keep a value
# exactly: it refuses integers beyond 64 bits, so such a body is written by the json
# module, marked with a leading "J", and read back by it.
_EXACT = b"J"


def _encode(entry: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(entry)
    except TypeError:  # orjson.JSONEncodeError: an integer beyond 64 bits, a lone surrogate
        return _EXACT + json.dumps(entry, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _decode(body: bytes) -> Any:
    if body.startswith(_EXACT):
        return json.loads(body[1:])
    return orjson.loads(body)  # its JSONDecodeError is a ValueError


def _value(key: str, digest: Any, body: Any) -> Any | None:
    """The value of a stored entry, or None when its body is not what its hash says."""
    return _entry_value(key, body) if _sound(digest, body) else None


def _sound(digest: Any, body: Any) -> bool:
    return isinstance(body, bytes) and isinstance(digest, str) and verify(body, digest)


def _entry_value(key: str, body: bytes) -> Any | None:
    try:
        entry = _decode(body)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    return entry.get("value")


class Unread:
    """A sound entry (its hash checked) whose body is decoded when first asked for."""

    __slots__ = ("_key", "_body", "_value")

    def __init__(self, key: str, body: bytes) -> None:
        self._key, self._body, self._value = key, body, None

    def value(self) -> Any | None:
        """The stored value; None if the body does not decode as the entry of its key
        (which its hash rules out unless it was forged too)."""
        if self._body:
            self._value, self._body = _entry_value(self._key, self._body), b""
        return self._value


def _open_database(path: str) -> sqlite3.Connection:
    try:
        return _configure(sqlite3.connect(path, isolation_level=None, check_same_thread=False))
    except sqlite3.DatabaseError:
        # not a database (truncated, overwritten): the cache is ours to replace
        for name in (path, path + "-wal", path + "-shm", path + "-journal"):
            if os.path.lexists(name):
                os.unlink(name)
        return _configure(sqlite3.connect(path, isolation_level=None, check_same_thread=False))


def _configure(connection: sqlite3.Connection) -> sqlite3.Connection:
    try:
        # WAL: readers never wait for a writer (worker processes write side by side);
        # NORMAL: no sync per transaction, still safe when a process dies mid-write.
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=30000")
        if connection.execute("PRAGMA user_version").fetchone()[0] != _FORMAT:
            with connection:  # an older layout, or a new file: start afresh
                connection.execute("DROP TABLE IF EXISTS entries")
                connection.execute("DROP TABLE IF EXISTS meta")
                for table in _TABLES:
                    connection.execute(table)
                connection.execute(f"PRAGMA user_version = {_FORMAT}")
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


def _same_version(connection: sqlite3.Connection) -> None:
    """Empty the file when another code version wrote it: none of its entries can be found."""
    version = code_version()
    stored = connection.execute("SELECT value FROM meta WHERE name = 'code'").fetchone()
    if stored is None or stored[0] != version:
        with connection:
            connection.execute("DELETE FROM entries")
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (version,))


def _bound(connection: sqlite3.Connection, limit: int) -> None:
    """Drop the entries written longest ago until the file holds at most ``limit`` bytes."""
    def size() -> int:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
        return int((pages - free) * connection.execute("PRAGMA page_size").fetchone()[0])

    if size() <= limit:
        return
    while size() > limit * 3 // 4:
        with connection:
            removed = connection.execute(
                "DELETE FROM entries WHERE (kind, key) IN (SELECT kind, key FROM entries "
                "ORDER BY stamp LIMIT max(1, (SELECT count(*) FROM entries) / 4))").rowcount
        if not removed:
            break
    connection.execute("VACUUM")


# Every cache of this process, written out and closed before a fork: a SQLite
# connection must not cross into a child, and entries still in memory would be
# written twice.
_open_caches: weakref.WeakSet[Cache] = weakref.WeakSet()


def _before_fork() -> None:
    for store in list(_open_caches):
        store.close()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork)


NO_CACHE = Cache(None)

def open_cache(project: Project, enabled: bool = True) -> Cache:
    """The project's cache: ``[tool.sourcecheck] cache`` (a folder, or false), else the
    default folder; :data:`NO_CACHE` when ``enabled`` is False or the config says so."""
    setting = project.config.get("cache", True)
    where = project.root / "pyproject.toml"
    size_mb = project.config.get("cache-size", DEFAULT_SIZE_MB)
    if type(size_mb) is not int or size_mb < 1:
        raise ConfigError("[tool.sourcecheck] cache-size must be a whole number of megabytes (at least 1)", where)
    if setting is True:
        setting = DEFAULT_FOLDER
    elif setting is False:
        return NO_CACHE
    if not isinstance(setting, str) or not setting.strip():
        raise ConfigError("[tool.sourcecheck] cache must be a folder name or false", where)
    if os.path.isabs(setting) or ".." in Path(setting).parts:
        raise ConfigError(f"[tool.sourcecheck] cache {setting!r} must be a folder inside the project", where)
    folder = project.root / setting
    parts = Path(setting).parts
    if any((project.root.joinpath(*parts[:depth])).is_symlink() for depth in range(1, len(parts) + 1)):
        raise ConfigError(f"the cache folder {setting!r} is a symbolic link (or lies under one): "
                              "remove it, or set cache = false", where)
    try:
        resolved = folder.resolve()
        inputs_of = {name: project.folder(name).resolve() for name in ("articles", "datapackages", "schemas")}
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        raise ConfigError("a project folder (articles, datapackages or schemas) is a loop of symbolic "
                          "links", where) from None
    for name, inputs in inputs_of.items():
        if resolved == inputs or inputs in resolved.parents or resolved in inputs.parents:
            raise ConfigError(f"[tool.sourcecheck] cache {setting!r} must not be in or around "
                              f"the {name} folder (the cache never touches a source)", where)
    if not enabled or not signing_key():
        return NO_CACHE
    return Cache(folder, size_mb)


