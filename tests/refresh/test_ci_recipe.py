"""Issue 19, item 5: docs/ci.md's nightly job is a workflow that runs on a schedule, asks
every upstream with ``refresh --check --allow-remote`` (a command that parses), and opens an
issue or fails on the exit codes refresh gives."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from sourcecheck.cli import _parser

CI = (Path(__file__).resolve().parents[2] / "docs" / "ci.md").read_text(encoding="utf-8")


def _nightly() -> dict:
    [block] = [block for block in re.findall(r"```yaml\n(.*?)```", CI, flags=re.S) if "refresh" in block]
    workflow: dict = yaml.safe_load(block)
    return workflow


def test_the_nightly_job_runs_on_a_schedule_and_may_open_issues():
    workflow = _nightly()
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert re.fullmatch(r"[\d*/,-]+ [\d*/,-]+ \* \* \*", triggers["schedule"][0]["cron"])
    assert workflow["permissions"]["issues"] == "write"


def test_its_refresh_command_parses_and_its_steps_follow_the_exit_codes():
    steps = next(iter(_nightly()["jobs"].values()))["steps"]
    runs = [step.get("run", "") for step in steps]
    [command] = [line.strip() for run in runs for line in run.splitlines() if line.strip().startswith("sourcecheck ")]
    words = shlex.split(command.split(">")[0])[1:]
    args = _parser().parse_args(words)
    assert args.command == "refresh" and args.check and args.allow_remote
    conditions = [step.get("if", "") for step in steps]
    assert conditions.count("steps.refresh.outputs.code == '1'") == 2
    assert any("gh issue create" in run for run in runs)
    assert any('test "$code" -le 1' in run for run in runs)  # exit 2 fails the job
    assert any("would break claim" in run for run in runs)
