import pytest

from sourcecheck import ConfigError, InputError
from sourcecheck.cli import main
from sourcecheck.project import Project


def test_defaults_without_pyproject(tmp_path):
    project = Project.load(tmp_path)
    assert project.articles == tmp_path / "articles"
    assert project.datapackages == tmp_path / "datapackages"
    assert project.lang is None


def test_folders_and_lang_from_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.sourcecheck]\nlang = "en"\ndatapackages = "data"\n')
    project = Project.load(tmp_path)
    assert project.datapackages == tmp_path / "data"
    assert project.lang == "en"


@pytest.mark.parametrize(
    "toml, message",
    [
        ("[tool.sourcecheck\n", "not valid TOML"),
        ('[tool]\nsourcecheck = 3\n', "must be a table"),
        ('[tool.sourcecheck]\narticles = 3\n', "must be a folder name"),
    ],
)
def test_bad_config_names_the_file(tmp_path, toml, message):
    (tmp_path / "pyproject.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message) as caught:
        Project.load(tmp_path)
    assert caught.value.path == str(tmp_path / "pyproject.toml")


def test_config_that_is_not_utf8(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.sourcecheck]\nlang = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        Project.load(tmp_path)


def test_unknown_lang_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.sourcecheck]\nlang = "de"\n')
    with pytest.raises(ConfigError, match="lang must be"):
        _ = Project.load(tmp_path).lang


def test_missing_project_folder(tmp_path):
    with pytest.raises(InputError, match="not a project folder"):
        Project.load(tmp_path / "nope")


@pytest.mark.parametrize("command", ["check", "validate"])
def test_cli_exits_2_without_traceback_on_a_missing_folder(tmp_path, capsys, command):
    assert main([command, str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "not a project folder" in err and "Traceback" not in err


def test_limits_come_from_the_config_and_bad_ones_are_config_errors(tmp_path):
    import pytest

    from sourcecheck import limits
    from sourcecheck.errors import ConfigError
    from sourcecheck.project import Project

    (tmp_path / "pyproject.toml").write_text("[tool.sourcecheck.limits]\nrow-cells = 50\n", encoding="utf-8")
    assert limits.of(Project.load(tmp_path)).row_cells == 50
    assert limits.of(Project.load(tmp_path)).file_size == limits.DEFAULT.file_size
    for bad in ("row-cels = 5", "row-cells = 0", 'row-cells = "5"', "row-cells = 1.5"):
        (tmp_path / "pyproject.toml").write_text(f"[tool.sourcecheck.limits]\n{bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="limits"):
            limits.of(Project.load(tmp_path))


# --- which project a command is about (issue 17, item 6)

def _project_with_config(root, articles=True):
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.sourcecheck]\nlang = "nl"\n')
    if articles:
        (root / "articles" / "a").mkdir(parents=True)
    return root


def test_a_subfolder_finds_the_nearest_project_above(tmp_path):
    root = _project_with_config(tmp_path / "news")
    below = root / "articles" / "a"
    assert Project.find(below).root == root.resolve()


def test_a_folder_that_is_a_project_is_its_own_even_inside_another(tmp_path):
    outer = _project_with_config(tmp_path / "outer")
    inner = outer / "examples" / "inner"
    (inner / "articles").mkdir(parents=True)
    assert Project.find(inner).root == inner
    assert Project.find(outer).root == outer


def test_a_pyproject_without_our_table_or_unreadable_is_passed_by(tmp_path):
    root = _project_with_config(tmp_path / "news")
    other = root / "tools" / "other"
    other.mkdir(parents=True)
    (other / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n")
    (root / "tools" / "pyproject.toml").write_text("[tool.sourcecheck\n")  # not ours to judge
    assert Project.find(other / ".").root == root.resolve()


def test_with_no_project_above_the_folder_itself_is_the_project(tmp_path):
    assert Project.find(tmp_path).root == tmp_path


@pytest.mark.parametrize("layout", ["empty", "empty-articles", "folder-without-text"])
def test_a_check_that_finds_no_article_exits_2_saying_where_it_looked(tmp_path, capsys, layout):
    if layout != "empty":
        (tmp_path / "articles").mkdir()
    if layout == "folder-without-text":
        (tmp_path / "articles" / "a").mkdir()
        (tmp_path / "articles" / "a" / "notes.txt").write_text("44%")
    assert main(["check", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "no article found" in error
    assert str((tmp_path / "articles").resolve()) in error
    assert "Traceback" not in error


def test_check_from_a_subfolder_of_the_example_checks_the_example(monkeypatch, capsys):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root / "articles" / "russen-in-servie")
    assert main(["check", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "15 claims: 3 hold, 12 acknowledged, 0 failing" in out
