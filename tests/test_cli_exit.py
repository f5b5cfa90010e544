"""The ``sourcecheck`` command ends with ``os._exit`` (``cli.run``): its report must
still arrive whole, and its exit code must still be the report's."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _command(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sourcecheck", *argv], capture_output=True, text=True)


def test_the_report_arrives_whole_through_a_pipe(tmp_path):
    from sourcecheck.cli import main

    done = _command("check", str(ROOT), "--format", "json", "--no-cache")
    assert done.returncode == 0, done.stderr
    here = tmp_path / "report.json"
    assert main(["check", str(ROOT), "--format", "json", "--no-cache", "--output", str(here)]) == 0
    assert json.loads(done.stdout) == json.loads(here.read_text(encoding="utf-8"))  # all of it


def test_the_exit_code_is_the_reports(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "articles", project / "articles")
    shutil.copytree(ROOT / "datapackages", project / "datapackages")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    article = project / "articles" / "russen-in-servie" / "article.nl.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("44%", "45%", 1), encoding="utf-8")
    done = _command("check", str(project), "--no-cache")
    assert done.returncode == 1
    assert done.stdout.rstrip().splitlines()[-2].startswith("FAILED: ")
    unusable = _command("check", str(project / "nowhere"))
    assert unusable.returncode == 2 and unusable.stderr.startswith("sourcecheck: error: ")
