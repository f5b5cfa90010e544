"""Hostile inputs: every damaged file ends in a clear message or a finding, never a
traceback, never a hang, never a changed file (see cases.py for the table)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from example_project import unpin
from sourcecheck.cli import main

from .builders import Case
from .cases import CASES

ROOT = Path(__file__).resolve().parents[2]
CACHE_FOLDER = ".sourcecheck-cache"  # the one folder a check may write (sourcecheck.run.cache)
TIMEOUT = 60  # seconds: generous; a hang is what this catches, not slowness


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project's files, copied once."""
    target = tmp_path_factory.mktemp("example") / "project"
    target.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    for name in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    unpin(target)
    # warm the content-hash cache once: every copy then recomputes only what its damage
    # touched (the cache is keyed by content, so a damaged file is never served stale)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", str(target)]) == 0
    return target


def _tree(root: Path) -> dict[str, str]:
    """Every file (and symlink, as its target) under ``root``, outside the cache folder."""
    digests = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != CACHE_FOLDER]
        for name in [*filenames, *[d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]]:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                digests[rel] = "-> " + os.readlink(path)
            elif path.is_fifo():
                digests[rel] = "fifo"
            else:
                digests[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


class _Hang(BaseException):
    """Raised by the alarm: the in-process run did not end in time."""


@contextlib.contextmanager
def _alarm(case: Case):
    """Fail an in-process run that takes longer than TIMEOUT (a hang), via SIGALRM."""

    def ring(signum, frame):
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        yield
    except _Hang:
        pytest.fail(f"{case.id}: no answer within {TIMEOUT} s (a hang)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run(case: Case, project: Path) -> tuple[int, str, str]:
    argv = [case.command, str(project)]
    if case.subprocess:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "sourcecheck", *argv],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                cwd=project.parent,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"{case.id}: no answer within {TIMEOUT} s (a hang)")
        return done.returncode, done.stdout, done.stderr
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _alarm(case):
        try:
            code = main(argv)
        except SystemExit as exit:  # argparse only
            code = int(exit.code or 0)
        except _Hang:
            raise
        except BaseException as error:  # noqa: BLE001 - any escape is the bug we look for
            pytest.fail(f"{case.id}: {type(error).__name__} escaped main(): {error!s:.300}")
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def data_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The damaged package alone (bcsp-2025 and its schemas): what `validate` cases need,
    at a seventh of the cost of validating every package of the example."""
    target = tmp_path_factory.mktemp("package") / "project"
    shutil.copytree(ROOT / "datapackages" / "bcsp-2025", target / "datapackages" / "bcsp-2025")
    (target / "schemas").mkdir()
    for schema in (ROOT / "schemas").glob("bcsp-2025.*"):
        shutil.copy2(schema, target / "schemas" / schema.name)
    unpin(target)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["validate", str(target)]) == 0
    return target


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(
    case: Case, template: Path, data_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(data_template if case.command == "validate" else template, project, symlinks=True)
    case.damage(project)
    before = _tree(project)
    monkeypatch.chdir(tmp_path)  # a stray relative write would land here, and be seen
    code, out, err = _run(case, project)

    assert "Traceback" not in err and "Traceback" not in out, f"{case.id}: a traceback\n{err[-2000:]}"
    assert code in case.expect, (
        f"{case.id}: exit {code}, expected {sorted(case.expect)}\nstderr: {err[-800:]}\nstdout: {out[-800:]}"
    )
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("sourcecheck: error: "), f"{case.id}: {err!r}"
        assert case.names in lines[0], f"{case.id}: the message does not name {case.names}: {lines[0]}"
    elif code == 1:
        assert case.names in out, f"{case.id}: no finding names {case.names}:\n{out[-1500:]}"
    assert _tree(project) == before, f"{case.id}: a file of the project changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["project", *(p.name for p in tmp_path.iterdir() if p.name.startswith("outside-"))]
    )
    assert not (tmp_path / "pwned").exists() and not (project / "pwned").exists()


def test_the_table_is_large_and_covers_every_file_kind() -> None:
    kinds = {c.kind for c in CASES}
    assert kinds == {"article", "ledger", "descriptor", "csv", "schema", "pyproject"}
    assert len(CASES) >= 100
    assert len({c.id for c in CASES}) == len(CASES)
