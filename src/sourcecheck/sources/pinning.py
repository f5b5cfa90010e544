"""A resource pinned to its bytes: the Data Package ``hash`` and ``bytes`` properties.

``sourcecheck lock`` writes ``"hash": "sha256:<hex>"`` (the Data Package v2 form) and
``"bytes"`` into each resource; a local file that no longer has them is reported before
anything else about it (SC106), naming what the descriptor pins and what the file is.
A hash written by hand in another algorithm is read too: ``"md5:<hex>"``, ``"sha1:..."``,
``"sha512:..."``, and a bare hex digest, which Data Package v1 defines as MD5.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..codes import SC
from ..findings import Finding

HASH, BYTES = "hash", "bytes"
ALGORITHM = "sha256"
_ALGORITHMS = {"md5": 32, "sha1": 40, "sha256": 64, "sha512": 128}
_PINNED = re.compile(r"(?:(?P<algorithm>[a-z0-9]+):)?(?P<digest>[0-9a-fA-F]+)")


def content_hash(data: bytes, algorithm: str = ALGORITHM) -> str:
    """``data``'s hash as a descriptor writes it: ``<algorithm>:<hex>``."""
    return f"{algorithm}:{hashlib.new(algorithm, data).hexdigest()}"


@dataclass(frozen=True)
class Pin:
    """What a descriptor pins a resource to: a hash (algorithm and hex digest) and/or a size."""

    algorithm: str | None = None
    digest: str | None = None
    size: int | None = None

    def mismatch(self, data: bytes) -> str | None:
        """Why ``data`` is not the pinned file, in words; None when it is."""
        actual = None if self.algorithm is None else hashlib.new(self.algorithm, data).hexdigest()
        return self.mismatch_of(actual, len(data))

    def mismatch_of(self, actual: str | None, size: int) -> str | None:
        """:meth:`mismatch` of a file whose digest in the pin's algorithm is ``actual`` and
        whose size is ``size``."""
        problems = []
        if self.algorithm is not None and self.digest is not None:
            if actual != self.digest:
                problems.append(f"its {self.algorithm} is {actual}, the descriptor pins {self.digest}")
        if self.size is not None and self.size != size:
            problems.append(f"it has {size:,} bytes, the descriptor pins {self.size:,}")
        return "; ".join(problems) or None


class PinInvalid(ValueError):
    """A ``hash`` or ``bytes`` that cannot be read, in words for the user."""


def pin_of(resource: Mapping[str, Any]) -> Pin | None:
    """The pin of a resource descriptor (None when it has neither ``hash`` nor ``bytes``)."""
    written, size = resource.get(HASH), resource.get(BYTES)
    if written is None and size is None:
        return None
    if size is not None and (type(size) is not int or size < 0):
        raise PinInvalid(f"bytes must be a whole number of bytes, not {size!r}")
    if written is None:
        return Pin(size=size)
    found = _PINNED.fullmatch(written) if isinstance(written, str) else None
    if found is None:
        raise PinInvalid(f"hash must be '<algorithm>:<hex digest>', not {str(written)[:100]!r}")
    algorithm = found.group("algorithm") or "md5"  # Data Package v1: a bare digest is MD5
    if algorithm not in _ALGORITHMS:
        raise PinInvalid(f"hash algorithm {algorithm!r} is not one of {', '.join(_ALGORITHMS)}")
    digest = found.group("digest").lower()
    if len(digest) != _ALGORITHMS[algorithm]:
        raise PinInvalid(f"a {algorithm} hash has {_ALGORITHMS[algorithm]} hex digits, not {len(digest)}")
    return Pin(algorithm, digest, size)


def pin_findings(name: str, descriptor: Mapping[str, Any], data: bytes | None, display: str, *,
                 sha256: str | None = None, size: int | None = None) -> list[Finding]:
    """The finding about resource ``name`` whose file holds ``data`` (None: unreadable, which
    its reader reports) when its descriptor pins other bytes.  A caller that hashed the file
    already gives its ``sha256`` hex digest and ``size`` instead of ``data``."""
    try:
        pin = pin_of(descriptor)
    except PinInvalid as problem:
        return [Finding(SC.DESCRIPTOR_INVALID, f"resource {name!r}: {problem}", path=display)]
    if pin is None:
        return []
    algorithm = pin.algorithm or ALGORITHM
    if data is not None:
        actual, size = hashlib.new(algorithm, data).hexdigest(), len(data)
    elif sha256 is not None and size is not None and algorithm == ALGORITHM:
        actual = sha256
    else:
        return []
    why = pin.mismatch_of(actual if pin.algorithm else None, size)
    if why is None:
        return []
    return [Finding(SC.HASH_MISMATCH, f"the file is not the one its descriptor pins: {why} (review the change, "
                    "then run `sourcecheck lock`)", path=display,
                    details={"expected": descriptor.get(HASH), "actual": f"{algorithm}:{actual}",
                             "expected_bytes": descriptor.get(BYTES), "actual_bytes": size})]
