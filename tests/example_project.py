"""A copy of the bundled example project, for tests that change one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# the members `sourcecheck lock` adds after a resource's last member
_PIN = re.compile(r',\n[ \t]*"hash": "sha256:[0-9a-f]{64}",\n[ \t]*"bytes": \d+(?=\n)')


def copy_example(target: Path, *, pinned: bool = True) -> Path:
    """A copy of the bundled example project at ``target`` (without the repository's cache);
    ``pinned=False`` drops the pins `sourcecheck lock` wrote (see :func:`unpin`)."""
    target.mkdir(parents=True)
    for name in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    if not pinned:
        unpin(target)
    return target


def unpin(project: Path) -> None:
    """The project's descriptors without their pins: for a test that changes a data file to
    see how it is read, not to see that it is no longer the locked one (tests/sources/test_lock.py)."""
    for descriptor in project.glob("datapackages/*/datapackage.json"):
        descriptor.write_text(_PIN.sub("", descriptor.read_text(encoding="utf-8")), encoding="utf-8")


def empty_project(root: Path, lang: str) -> Path:
    """A project folder with nothing but its ``[tool.sourcecheck]`` table (``lang``)."""
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text(f"[tool.sourcecheck]\nlang = \"{lang}\"\n", encoding="utf-8")
    return root
