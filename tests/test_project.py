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
