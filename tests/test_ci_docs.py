"""docs/ci.md and .pre-commit-hooks.yaml name only commands and formats that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from sourcecheck.cli import _parser
from sourcecheck.formats import FORMATTERS

ROOT = Path(__file__).resolve().parents[1]


def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def sourcecheck_commands(text: str) -> list[list[str]]:
    commands = []
    for match in re.finditer(r"\bsourcecheck ([a-z]+[^|\n`]*)", text):
        words = shlex.split(match.group(1))
        if words[0] in {"check", "validate", "extract", "rules", "init"}:
            commands.append(words)
    return commands


def test_the_workflow_example_is_yaml_and_its_commands_parse():
    blocks = yaml_blocks(ROOT / "docs" / "ci.md")
    workflow = yaml.safe_load(blocks[0])
    steps = workflow["jobs"]["sourcecheck"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    commands = sourcecheck_commands(runs)
    assert len(commands) >= 4
    for words in commands:
        _parser().parse_args(words)  # exits (SystemExit) on an unknown command or option
    used = {words[words.index("--format") + 1] for words in commands if "--format" in words}
    assert used <= set(FORMATTERS)
    assert {"github", "sarif", "junit"} <= used


def test_the_docs_table_names_every_format():
    table = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for name in FORMATTERS:
        assert f"| `{name}` |" in table, f"docs/ci.md does not describe --format {name}"


def test_pre_commit_hooks_run_real_commands_on_the_project_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"] for hook in hooks} == {"sourcecheck", "sourcecheck-validate"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        program, *words = shlex.split(hook["entry"])
        assert program == "sourcecheck"
        _parser().parse_args(words)
        files = re.compile(hook["files"])
        assert files.search("datapackages/bcsp/attitudes.csv")
        assert files.search("schemas/bcsp.attitudes.yaml")
        assert not files.search("src/sourcecheck/cli.py")
    check = next(hook for hook in hooks if hook["id"] == "sourcecheck")
    assert re.search(check["files"], "articles/russen-in-servie/claims.yaml")
