"""The README cannot lie: its commands exist, its links resolve, and CI runs its two lines."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from sourcecheck.cli import _parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def subcommands() -> set[str]:
    parser = _parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)


def test_ci_runs_the_two_readme_commands():
    script = ROOT / ".ci" / "run"
    reader = re.search(r"^command_after\(\) \{.*?^\}", script.read_text(), flags=re.M | re.S)
    assert reader, ".ci/run reads the README through command_after()"
    for marker in ("<!-- main-command -->", "<!-- test-command -->"):
        shell = f"{reader.group(0)}\ncommand_after '{marker}'"
        read = subprocess.run(["bash", "-c", shell], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        block = README.split(marker, 1)[1].split("```")[1].splitlines()[1]
        assert read == block
    main = README.split("<!-- main-command -->", 1)[1].split("```")[1]
    test = README.split("<!-- test-command -->", 1)[1].split("```")[1]
    assert "sourcecheck check" in main
    assert "pytest" in test and ".[test]" in test


def test_every_command_is_documented_and_every_documented_command_parses():
    documented = re.findall(r"`sourcecheck ([a-z]+)([^`]*)`", README)
    assert {name for name, _ in documented} >= subcommands()
    for name, rest in documented:
        words = [name, *shlex.split(rest.replace("\\|", "|"))]
        # placeholders and alternatives become a plausible value
        words = [w.split("|")[0].strip("[]") for w in words]
        words = ["x" if w.isupper() else w for w in words]
        try:
            _parser().parse_args(words)
        except SystemExit as exit:  # argparse exits on an unknown command or option
            pytest.fail(f"README names `sourcecheck {name}{rest}`, which does not parse ({exit})")


def test_relative_links_resolve():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if "://" not in target:
            assert (ROOT / target).exists(), target
