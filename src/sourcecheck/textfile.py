"""Reading the text files sourcecheck is given (articles, ledgers, config) as UTF-8.

One place decides what a bad byte looks like to the user: the file, the line and
column of the first byte that is not UTF-8, and its offset.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError


def decode_utf8(data: bytes, path: str | Path, error: type[InputError] = InputError) -> str:
    """``data`` as text; ``error`` naming the file, line and column of a byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line = data.count(b"\n", 0, bad.start) + 1
        column = bad.start - (data.rfind(b"\n", 0, bad.start) + 1) + 1
        raise error(f"not UTF-8 (byte {bad.start})", path, line, column) from None


# The SHA-256 of every file read through read_regular, by absolute path as spelled, while
# a run keeps a log (keep_read_log): the runner checks that what it read is what it hashed.
_read_log: dict[str, str] | None = None
_read_order: list[tuple[str, str]] = []  # the same reads, in order (a file read twice: twice)


def keep_read_log(keep: bool = True) -> dict[str, str]:
    """Start a fresh log of the files :func:`read_regular` reads (absolute path -> SHA-256),
    or, with ``keep`` False, keep none."""
    global _read_log
    _read_log = {} if keep else None
    _read_order.clear()
    return _read_log if _read_log is not None else {}


def read_log() -> dict[str, str]:
    """The files read since :func:`keep_read_log` (empty when no log is kept)."""
    return _read_log if _read_log is not None else {}


def reads_since(count: int) -> list[tuple[str, str]]:
    """The reads after the first ``count`` of the log, in order: (absolute path, SHA-256)."""
    return _read_order[count:]


class NotReadable(Exception):
    """Why a file cannot be read, in words for the user (:func:`read_regular`)."""


def read_regular(path: str | Path, limit: int, setting: str = "file-size") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    A pipe, a device or a socket is refused without reading from it (reading one may
    block for ever or never end), so is a symbolic link loop, and so is a file larger
    than ``limit`` (``setting`` names the limit in ``[tool.sourcecheck.limits]``).
    Raises :class:`NotReadable`; FileNotFoundError and IsADirectoryError pass through,
    for the caller to word.
    """
    try:
        # O_NONBLOCK: opening a pipe that no one writes to must not wait
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotReadable("a loop of symbolic links") from None
        if isinstance(error, FileNotFoundError | IsADirectoryError):
            raise
        raise NotReadable(f"cannot read: {error.strerror}") from None
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(file.fileno())
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable("not a regular file (a pipe, a device or a socket): not read")
        if status.st_size > limit:
            raise NotReadable(f"{status.st_size:,} bytes, over the limit of {limit:,} "
                              f"([tool.sourcecheck.limits] {setting})")
        try:
            # the file's size, not the limit: read(n) reserves n bytes before it reads
            data = file.read(status.st_size + 1)
            if len(data) > status.st_size:  # it grows while it is read
                data += file.read(limit + 1 - len(data))
        except OSError as error:
            raise NotReadable(f"cannot read: {error.strerror}") from None
    if len(data) > limit:  # it grew while it was read
        raise NotReadable(f"over the limit of {limit:,} bytes ([tool.sourcecheck.limits] {setting})")
    if _read_log is not None:
        read = os.path.abspath(path), hashlib.sha256(data).hexdigest()
        _read_log[read[0]] = read[1]
        _read_order.append(read)
    return data


def write_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder, so
    that a crash or a full disk leaves the old file or the new one, never half of one.

    Without ``overwrite`` the file is put in place with a hard link, which raises
    FileExistsError if ``path`` appeared meanwhile; other failures raise OSError.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 is for the temporary only
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8", "backslashreplace"))  # a lone surrogate from input, shown
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
