"""A file edited while a check reads it: what was made of the bytes read is never stored
under the key of the bytes hashed (issue 15, item 3: a cached false pass)."""

from __future__ import annotations

from pathlib import Path

import pytest

from example_project import copy_example
from sourcecheck import cli
from sourcecheck.run import fingerprints

ROOT = Path(__file__).resolve().parents[2]
SHARES = "datapackages/bcsp-2025/shares.csv"
RIGHT, WRONG = "disapprove of Putin's policy,44,", "disapprove of Putin's policy,45,"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # unpinned: with its pins, the flipped bytes are SC106 (changed since `lock`) in any order
    return copy_example(tmp_path / "project", pinned=False)


def _flip_while_hashed(monkeypatch: pytest.MonkeyPatch, csv: Path, hashed: bytes) -> None:
    """While the check hashes ``csv``'s package for its cache keys, the file holds ``hashed``;
    before and after, what it held: the check reads other bytes than it hashed."""
    original = fingerprints.digest_tree

    def flipped(folder: Path, seen: dict[str, str] | None = None) -> str:
        if Path(folder).resolve() != csv.parent.resolve():
            return original(folder, seen)
        before = csv.read_bytes()
        csv.write_bytes(hashed)
        try:
            return original(folder, seen)
        finally:
            csv.write_bytes(before)

    monkeypatch.setattr(fingerprints, "digest_tree", flipped)


@pytest.mark.parametrize("direction", ["false pass", "stale failure"])
def test_a_csv_edited_while_it_is_read_is_not_cached_under_its_old_key(project, monkeypatch, capsys, direction):
    csv = project / SHARES
    text = csv.read_text(encoding="utf-8")
    passing, failing = text.encode("utf-8"), text.replace(RIGHT, WRONG, 1).encode("utf-8")
    # the file ends up as ``final``; the first check hashed ``final`` but read the other
    final, read_then = (failing, passing) if direction == "false pass" else (passing, failing)
    expected = 1 if final is failing else 0
    csv.write_bytes(read_then)
    with monkeypatch.context() as patch:
        _flip_while_hashed(patch, csv, final)
        assert cli.main(["check", str(project), "--workers", "1"]) == 1 - expected  # what it read
    csv.write_bytes(final)
    capsys.readouterr()
    assert cli.main(["check", str(project), "--no-cache", "--workers", "1"]) == expected
    assert cli.main(["check", str(project), "--workers", "1"]) == expected  # the cache must not say otherwise
