"""The cache stays bounded: entries of another code version go, and the oldest go first
once the file outgrows ``cache-size``."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from sourcecheck import cli
from sourcecheck.run import cache as cache_module
from sourcecheck.run.cache import DATABASE, Cache


def _entries(folder: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(folder / DATABASE) as database:
        return set(database.execute("SELECT kind, key FROM entries"))


def test_entries_of_another_code_version_are_dropped(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    old = Cache(folder)
    old.put("mentions", "a", [1, 2, 3])
    old.close()
    assert _entries(folder) == {("mentions", "a")}
    monkeypatch.setattr(cache_module, "code_version", lambda: "another version")
    new = Cache(folder)
    assert new.get("mentions", "a") is None  # not served: another version wrote it
    new.put("mentions", "b", [4])
    new.close()
    assert _entries(folder) == {("mentions", "b")}


def test_the_oldest_entries_go_first_when_the_file_outgrows_its_bound(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    body = "x" * 10_000  # about 10 kB an entry: a batch is half the bound, four of them twice it
    for batch in range(4):
        monkeypatch.setattr(cache_module.time, "time", lambda batch=batch: 1_000_000 + batch)
        store = Cache(folder, size_mb=1)
        for number in range(50):
            store.put("details", f"{batch}-{number}", body)
        store.close()
    assert os.path.getsize(folder / DATABASE) <= 1 << 20
    kept = {key for _, key in _entries(folder)}
    assert {f"3-{number}" for number in range(50)} <= kept  # the last batch written stays
    assert not any(key.startswith("0-") for key in kept)  # the first went


def test_a_cache_within_its_bound_is_left_alone(tmp_path):
    folder = tmp_path / "cache"
    store = Cache(folder, size_mb=1)
    for number in range(10):
        store.put("mentions", str(number), [number])
    store.close()
    assert len(_entries(folder)) == 10


@pytest.mark.parametrize("setting", ["0", "-5", '"big"', "1.5", "true"])
def test_a_cache_size_that_is_no_whole_number_of_megabytes_is_exit_2(tmp_path, capsys, setting):
    (tmp_path / "pyproject.toml").write_text(f"[tool.sourcecheck]\ncache-size = {setting}\n", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    assert cli.main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cache-size" in err and "pyproject.toml" in err and "Traceback" not in err


def test_the_cache_folder_is_ignored_by_git(tmp_path):
    folder = tmp_path / "cache"
    store = Cache(folder)
    store.put("mentions", "a", [])
    store.close()
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
