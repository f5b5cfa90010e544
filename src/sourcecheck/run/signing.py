"""The key cache entries are signed with, kept out of the project.

An entry's digest is the HMAC-SHA256 of its body under this key, so that an entry
written elsewhere (a cache restored in CI from another branch) or forged does not verify
and is computed afresh: no one who can only write the project can make a failing check
pass.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache

#: the environment variable that holds the key entries are signed with (for CI: a secret)
KEY_VARIABLE = "SOURCECHECK_CACHE_KEY"


def sign(body: bytes) -> str:
    """The HMAC-SHA256 of an entry's body under this user's key (:func:`signing_key`): a
    cache restored from elsewhere, or forged, does not verify, and is computed afresh."""
    return hmac.new(signing_key(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, digest: str) -> bool:
    """Whether ``digest`` is :func:`sign` of ``body`` (compared in constant time)."""
    return hmac.compare_digest(sign(body), digest)


@cache
def signing_key() -> bytes:
    """``$SOURCECHECK_CACHE_KEY``, else a random key kept in the user's cache directory
    (``$XDG_CACHE_HOME/sourcecheck/cache-key``, made on first use, readable by the user
    alone): never in the project, so no one who can write the project can sign entries.
    Empty when neither is available: the run then keeps no cache."""
    given = os.environ.get(KEY_VARIABLE, "")
    if given:
        return given.encode("utf-8")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "sourcecheck", "cache-key")
    try:
        with open(path, "rb") as file:
            key = file.read(256)
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        key = secrets.token_hex(32).encode()
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(key)
        return key
    except FileExistsError:  # another process made it meanwhile
        with open(path, "rb") as file:
            return file.read(256)
    except OSError:
        return b""
