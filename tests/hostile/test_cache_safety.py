"""The cache stays inside the project and cannot be forged (issue 15, items 4 and 11)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from example_project import copy_example
from sourcecheck import cli
from sourcecheck.run import signing as cache_module
from sourcecheck.run.cache import DATABASE, DEFAULT_FOLDER

ROOT = Path(__file__).resolve().parents[2]
SHARES = "datapackages/bcsp-2025/shares.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch):
    """This user's signing key, for the test alone."""
    monkeypatch.setenv(cache_module.KEY_VARIABLE, "the key of this user, kept out of the project")
    cache_module.signing_key.cache_clear()
    yield
    cache_module.signing_key.cache_clear()


def _configure(project: Path, line: str) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("[tool.sourcecheck]\n",
                                                                       f"[tool.sourcecheck]\n{line}\n", 1),
                         encoding="utf-8")


@pytest.mark.parametrize("setting", ["{outside}", "../elsewhere", "sub/../../elsewhere"])
def test_a_cache_folder_outside_the_project_is_refused(project, tmp_path, capsys, key, setting):
    outside = tmp_path / "outside"
    _configure(project, f"cache = {json.dumps(setting.format(outside=outside))}")
    assert cli.main(["check", str(project)]) == 2
    err = capsys.readouterr().err
    assert "inside the project" in err and "pyproject.toml" in err
    assert not outside.exists() and not (tmp_path / "elsewhere").exists()


def test_a_cache_folder_that_is_a_symbolic_link_is_refused(project, tmp_path, capsys, key):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / DATABASE).write_bytes(b"someone else's file")
    (project / DEFAULT_FOLDER).symlink_to(elsewhere, target_is_directory=True)
    assert cli.main(["check", str(project)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in elsewhere.iterdir()) == [DATABASE]
    assert (elsewhere / DATABASE).read_bytes() == b"someone else's file"


def _forge_a_pass(project: Path, sign) -> None:  # type: ignore[no-untyped-def]
    """Rewrite every stored outcome to say that nothing failed, signed by ``sign``."""
    with sqlite3.connect(project / DEFAULT_FOLDER / DATABASE) as database:
        rows = database.execute("SELECT key, body FROM entries WHERE kind = 'verdicts'").fetchall()
        assert rows
        for entry_key, body in rows:
            entry = json.loads(body)
            entry["value"]["findings"] = []
            entry["value"]["results"] = [[claim, "holds", []] for claim, _, _ in entry["value"]["results"]]
            new = json.dumps(entry).encode()
            database.execute("UPDATE entries SET digest = ?, body = ? WHERE kind = 'verdicts' AND key = ?",
                             (sign(new), new, entry_key))


@pytest.mark.parametrize("forger", ["a plain hash", "another key"])
def test_a_forged_cache_entry_does_not_pass_a_failing_check(project, capsys, key, forger):
    shares = project / SHARES
    shares.write_text(shares.read_text(encoding="utf-8").replace(
        "disapprove of Putin's policy,44,", "disapprove of Putin's policy,45,", 1), encoding="utf-8")
    assert cli.main(["check", str(project), "--format", "json"]) == 1
    honest = capsys.readouterr().out
    if forger == "a plain hash":
        _forge_a_pass(project, lambda body: hashlib.sha256(body).hexdigest())
    else:
        import hmac

        _forge_a_pass(project, lambda body: hmac.new(b"the forger's own key", body, hashlib.sha256).hexdigest())
    assert cli.main(["check", str(project), "--format", "json"]) == 1
    assert capsys.readouterr().out == honest


def test_entries_signed_with_this_users_key_are_served(project, capsys, key, monkeypatch):
    """Without this, the test above would prove nothing: a correctly signed entry is used."""
    import importlib

    runner = importlib.import_module("sourcecheck.run.check")
    assert cli.main(["check", str(project)]) == 0

    def no_work(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("checked again")

    monkeypatch.setattr(runner, "check_article", no_work)
    assert cli.main(["check", str(project)]) == 0
