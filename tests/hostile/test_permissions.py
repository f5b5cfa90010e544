"""Files and folders the user may not read: a clear message naming them, never a traceback
(issue 15, item 8).  Root reads anything, so as root each case runs in a process without
the capabilities that let it (``setpriv`` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH):
the permission cases run on every machine, none is skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from example_project import copy_example

ROOT = Path(__file__).resolve().parents[2]
SLUG = "russen-in-servie"


def _sourcecheck(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sourcecheck", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test permissions as root"
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


def test_the_process_cannot_read_what_it_may_not(project):
    """Without this the cases below would prove nothing."""
    secret = project / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    secret.chmod(0)
    done = _sourcecheck("extract", str(secret), "--lang", "nl")
    assert done.returncode == 2 and "secret.txt" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("target", "names"), [
    (f"articles/{SLUG}/claims.yaml", "claims.yaml"),
    (f"articles/{SLUG}/article.nl.txt", "article.nl.txt"),
    (f"articles/{SLUG}", SLUG),
    ("articles", "articles"),
])
def test_an_unreadable_article_ledger_or_folder_is_exit_2_naming_it(project, target, names):
    path = project / target
    path.chmod(0)
    try:
        done = _sourcecheck("check", str(project), "--no-cache")
    finally:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert done.returncode == 2, done.stderr + done.stdout
    assert names in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("target", "names"), [
    ("datapackages/bcsp-2025/shares.csv", "shares.csv"),
    ("datapackages/bcsp-2025/datapackage.json", "bcsp-2025"),
    ("datapackages/bcsp-2025", "bcsp-2025"),
    ("schemas/bcsp-2025.shares.yaml", "bcsp-2025.shares.yaml"),
    ("datapackages", "datapackages"),
    ("schemas", "schemas"),
])
def test_an_unreadable_data_file_or_package_folder_is_a_finding_naming_it(project, target, names):
    path = project / target
    path.chmod(0)
    try:
        done = _sourcecheck("validate", str(project))
    finally:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert done.returncode in (1, 2), done.stderr + done.stdout
    assert names in (done.stdout if done.returncode == 1 else done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
