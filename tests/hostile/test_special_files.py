"""Pipes, devices and symbolic link loops where a file should be (issue 15, items 6 and 8).

Only regular files are read: a pipe (reading one blocks until someone writes), a device
(``/dev/zero`` never ends) or a loop of symbolic links is named in a finding, or in an
error (exit 2), never a hang, a MemoryError or a traceback.  What might hang runs in a
child process with a timeout (and a cap on its memory).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecheck.cli import main
from sources import package_builder  # tests/sources/package_builder.py

SCHEMA, make_project = package_builder.SCHEMA, package_builder.make_project
TIMEOUT = 60  # seconds: a hang is what this catches, not slowness
MEMORY = 1 << 30  # bytes of address space for a child: a run of a small project needs a quarter
ARTICLE = "articles/poll/article.nl.txt"
LEDGER = "articles/poll/claims.yaml"
PANDERA = "schemas/demo.answers.yaml"
PACKAGE = "datapackages/demo"
LEDGER_TEXT = """\
claims:
  - id: yes-share
    anchor:
      prefix: "zei "
      exact: "40,2 procent"
      suffix: " ja"
    source:
      package: demo
      resource: answers
      key: 1
      field: share
      value: "40.2"
"""

_CHILD = """\
import resource, sys
cap = int(sys.argv[1])
if cap:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from sourcecheck.cli import main
sys.exit(main(sys.argv[2:]))
"""

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def check_project(root: Path, *, config: str = "", **resource: object) -> Path:
    """The demo package of package_builder, and one article whose one claim it holds."""
    make_project(root, **resource)
    (root / "pyproject.toml").write_text(f'[tool.sourcecheck]\nlang = "nl"\n{config}', encoding="utf-8")
    (root / ARTICLE).parent.mkdir(parents=True)
    (root / ARTICLE).write_text("Van de ondervraagden zei 40,2 procent ja.\n", encoding="utf-8")
    (root / LEDGER).write_text(LEDGER_TEXT, encoding="utf-8")
    return root


def run_child(*argv: str, memory: int = MEMORY, timeout: int = TIMEOUT) -> tuple[int, str]:
    """``main(argv)`` in a child process with at most ``memory`` bytes of address space:
    its exit code and its output (stdout and stderr), failing on a hang or a traceback."""
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(memory), *argv], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(argv)}: no answer within {timeout} s (a hang)")
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    return done.returncode, output


def run_here(*argv: str) -> tuple[int, str]:
    """``main(argv)`` in this process (for what cannot hang): exit code and output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(argv))
    assert "internal error" not in out.getvalue(), out.getvalue()
    return code, out.getvalue()


def _fifo(path: Path) -> None:
    if path.exists():
        path.unlink()
    os.mkfifo(path)


def _loop(path: Path) -> None:
    """``path`` made a symbolic link to itself."""
    if path.is_dir():
        for inner in sorted(path.rglob("*"), reverse=True):
            inner.rmdir() if inner.is_dir() else inner.unlink()
        path.rmdir()
    elif path.exists():
        path.unlink()
    path.symlink_to(path.name)


def _as_if_missing(tmp_path: Path, rel: str, code: int, output: str, root: Path, **resource: object) -> None:
    """A check answers as it does when the file at ``rel`` is missing: a data-package file
    that cannot be read is what the check's claims make of a missing one (``validate`` names
    the file)."""
    other = check_project(tmp_path / "missing", **resource)
    (other / rel).unlink(missing_ok=True)
    expected, said = run_here("check", str(other), "--no-cache")
    assert (code, output.replace(str(root), "<root>")) == (expected, said.replace(str(other), "<root>"))


def _finding_line(output: str, name: str) -> str:
    lines = [line for line in output.splitlines() if name in line]
    assert lines, output[-2000:]
    return lines[0]


# --- pipes and devices in a data package and its schemas ----------------------------------


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_pandera_schema_that_is_a_pipe_is_a_finding(tmp_path, command):
    root = check_project(tmp_path / "p")
    _fifo(root / PANDERA)
    code, output = run_child(command, str(root), *(["--no-cache"] if command == "check" else []))
    assert code == 1, output
    if command == "validate":
        line = _finding_line(output, "demo.answers.yaml")
        assert "SC203" in line and "not a regular file" in line
    else:  # the claim's resource fails its schema: see `sourcecheck validate`
        assert "SC304" in output and "sourcecheck validate" in output


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("what", ["schema", "dialect"])
def test_a_table_schema_or_dialect_file_that_is_a_pipe_is_a_finding(tmp_path, command, what):
    name = f"answers.{what}.json"
    root = check_project(tmp_path / "p", **{what: name})
    _fifo(root / PACKAGE / name)
    code, output = run_child(command, str(root), *(["--no-cache"] if command == "check" else []))
    if command == "validate":
        assert code == 1, output
        line = _finding_line(output, name)
        assert "SC101" in line and "not a regular file" in line
    else:
        _as_if_missing(tmp_path, f"{PACKAGE}/{name}", code, output, root, **{what: name})


@pytest.mark.parametrize("kind", ["pandera", "table-schema", "dialect"])
def test_a_schema_linked_to_dev_zero_is_a_finding(tmp_path, kind):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    if kind == "pandera":
        root, link, name = check_project(tmp_path / "p"), PANDERA, "demo.answers.yaml"
    else:
        what = "schema" if kind == "table-schema" else "dialect"
        name = f"answers.{what}.json"
        root = check_project(tmp_path / "p", **{what: name})
        link = f"{PACKAGE}/{name}"
    (root / link).unlink(missing_ok=True)
    (root / link).symlink_to("/dev/zero")
    code, output = run_child("validate", str(root))
    assert code == 1, output
    line = _finding_line(output, name)  # refused unread: it leads outside the package, or is no file
    assert "not a regular file" in line or "resolves outside the package folder" in line


def test_a_table_schema_file_still_reads(tmp_path):
    """The file reading is no stricter for a regular file."""
    root = check_project(tmp_path / "p", schema="answers.schema.json")
    (root / PACKAGE / "answers.schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    code, output = run_here("validate", str(root))
    assert code == 0, output


# --- pipes and devices as articles -------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "init"])
def test_extract_and_init_refuse_a_pipe(tmp_path, command):
    article = tmp_path / "article.nl.txt"
    os.mkfifo(article)
    code, output = run_child(command, str(article), "--lang", "nl")
    assert code == 2, output
    assert str(article) in output and "not a regular file" in output
    assert not (tmp_path / "claims.yaml").exists()


@pytest.mark.parametrize("command", ["extract", "init"])
def test_extract_and_init_refuse_a_device(tmp_path, command):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    article = tmp_path / "article.nl.txt"
    article.symlink_to("/dev/zero")
    code, output = run_child(command, str(article), "--lang", "nl")
    assert code == 2, output
    assert str(article) in output and "not a regular file" in output


def test_extract_refuses_dev_zero_itself():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    code, output = run_child("extract", "/dev/zero", "--lang", "nl")
    assert code == 2, output
    assert "/dev/zero" in output and "not a regular file" in output


def test_a_ledger_that_is_a_pipe_is_an_error(tmp_path):
    root = check_project(tmp_path / "p")
    _fifo(root / LEDGER)
    code, output = run_child("check", str(root), "--no-cache")
    assert code == 2, output
    assert "claims.yaml" in output


# --- loops of symbolic links -------------------------------------------------------------


def test_an_article_that_is_a_link_loop_is_an_error(tmp_path):
    root = check_project(tmp_path / "p")
    _loop(root / ARTICLE)
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "article.nl.txt" in output and "loop of symbolic links" in output


def test_an_article_that_is_a_link_loop_without_a_ledger_is_an_error(tmp_path):
    root = check_project(tmp_path / "p")
    (root / LEDGER).unlink()
    _loop(root / ARTICLE)
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "article.nl.txt" in output and "loop of symbolic links" in output


def test_a_ledger_that_is_a_link_loop_is_an_error(tmp_path):
    root = check_project(tmp_path / "p")
    _loop(root / LEDGER)
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "claims.yaml" in output and "loop of symbolic links" in output


def test_an_article_folder_that_is_a_link_loop_is_an_error(tmp_path):
    root = check_project(tmp_path / "p")
    _loop(root / "articles" / "poll")
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "poll" in output and "loop of symbolic links" in output


def test_the_articles_folder_a_link_loop_is_an_error(tmp_path):
    root = check_project(tmp_path / "p", config="cache = false\n")
    _loop(root / "articles")
    code, output = run_here("check", str(root))
    assert code == 2, output
    assert "articles" in output and "loop of symbolic links" in output


def test_the_articles_folder_a_link_loop_is_an_error_with_the_cache(tmp_path):
    root = check_project(tmp_path / "p")
    _loop(root / "articles")
    code, output = run_here("check", str(root))
    assert code == 2, output
    assert "articles" in output and "loop of symbolic links" in output


@pytest.mark.parametrize("what", ["schema", "dialect"])
def test_a_table_schema_or_dialect_file_that_is_a_link_loop_is_a_finding(tmp_path, what):
    name = f"answers.{what}.json"
    root = check_project(tmp_path / "p", **{what: name})
    _loop(root / PACKAGE / name)
    code, output = run_here("validate", str(root))
    assert code == 1, output
    assert "loop" in _finding_line(output, name).lower()


def test_a_pandera_schema_that_is_a_link_loop_is_a_finding(tmp_path):
    root = check_project(tmp_path / "p")
    _loop(root / PANDERA)
    code, output = run_here("validate", str(root))
    assert code == 1, output
    line = _finding_line(output, "demo.answers.yaml")
    assert "SC203" in line and "loop of symbolic links" in line


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_resource_that_is_a_link_loop_is_a_finding(tmp_path, command):
    root = check_project(tmp_path / "p")
    _loop(root / PACKAGE / "answers.csv")
    if command == "validate":
        code, output = run_here("validate", str(root))
        assert code == 1, output
        assert "loop" in _finding_line(output, "answers.csv").lower()
    else:
        code, output = run_here("check", str(root), "--no-cache")
        _as_if_missing(tmp_path, f"{PACKAGE}/answers.csv", code, output, root)


def test_a_package_folder_that_is_a_link_loop_is_a_finding(tmp_path):
    root = check_project(tmp_path / "p")
    _loop(root / PACKAGE)
    code, output = run_here("validate", str(root))
    assert code == 1, output
    assert "loop of symbolic links" in _finding_line(output, PACKAGE)


def test_limits_of_the_child_are_enough_for_a_run(tmp_path):
    """The memory cap of :func:`run_child` leaves a plain run room (so a failure under it
    is the input's doing)."""
    root = check_project(tmp_path / "p")
    code, output = run_child("check", str(root), "--no-cache")
    assert code == 0, output
