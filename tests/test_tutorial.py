"""docs/tutorial.md runs as written: its files are written, its commands run in order in an
empty folder, each with the exit code the tutorial gives it, and its excerpts are found."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from sourcecheck.cli import main

TUTORIAL = Path(__file__).parent.parent / "docs" / "tutorial.md"
README = Path(__file__).parent.parent / "README.md"
# a fenced block: its info string (language, then what to do with it) and its text
BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EXITS = re.compile(r"\s+#\s*exits (\d+)\s*$")


def steps(markdown: str) -> list[tuple[str, str, str]]:
    """The tutorial's blocks in order: ("sh", "", commands), ("file" | "append" | "excerpt", path, text)."""
    found = []
    for language, info, text in BLOCK.findall(markdown):
        action = re.match(r"\s*(file|append|excerpt)=(\S+)", info)
        if language == "sh":
            found.append(("sh", "", text))
        elif action:
            found.append((action.group(1), action.group(2), text))
    return found


def test_the_tutorial_runs_as_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    ran = []
    for action, path, text in steps(TUTORIAL.read_text(encoding="utf-8")):
        target = tmp_path / path
        if action == "file":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        elif action == "append":
            target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
        elif action == "excerpt":
            held = target.read_text(encoding="utf-8")
            missing = [line for line in text.splitlines() if line.strip() and line not in held.splitlines()]
            assert not missing, f"{path} does not hold these lines the tutorial shows: {missing}"
        else:
            for line in text.splitlines():
                exits = EXITS.search(line)
                command = shlex.split(EXITS.sub("", line))
                if not command:
                    continue
                assert command[0] == "sourcecheck", f"the tutorial runs only sourcecheck: {line}"
                code = main(command[1:])
                out = capsys.readouterr()
                assert code == (int(exits.group(1)) if exits else 0), f"{line}\n{out.out}{out.err}"
                ran.append(command[1])
    assert ran[-1] == "check" and {"package", "validate", "init", "accept"} <= set(ran)


def test_the_tutorial_blocks_are_all_read():
    markdown = TUTORIAL.read_text(encoding="utf-8")
    assert len(steps(markdown)) == markdown.count("\n```") // 2


@pytest.mark.parametrize("lines", [40])
def test_the_readme_links_the_tutorial_from_its_first_screen(lines):
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:lines])
    assert "docs/tutorial.md" in first_screen
